"""Sentra IKM, their facilities, programmes, gallery and members."""

from datetime import datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from marketplace.extensions import db
from marketplace.i18n import lazy_gettext as _l
from marketplace.timeutil import utcnow

ROLE_PENGURUS = "pengurus"
ROLE_PENGELOLA = "pengelola"
ROLE_ANGGOTA = "anggota"
ROLE_UPT = "upt"
ROLES = (ROLE_PENGURUS, ROLE_PENGELOLA, ROLE_UPT, ROLE_ANGGOTA)
MANAGING_ROLES = (ROLE_PENGURUS, ROLE_PENGELOLA)
# The one wording of the roles, for forms, pages (the `role` filter) and the API.
ROLE_LABELS = {
    ROLE_PENGURUS: _l("Pengurus (board)"),
    ROLE_PENGELOLA: _l("Pengelola (manager)"),
    ROLE_UPT: _l("UPT staff"),
    ROLE_ANGGOTA: _l("Anggota (member)"),
}

STATUS_PENDING = "pending"  # the person asked to join; a manager answers
STATUS_INVITED = "invited"  # a manager invited the person; they answer
STATUS_ACTIVE = "active"
STATUS_LABELS = {
    STATUS_PENDING: _l("Waiting for approval"),
    STATUS_INVITED: _l("Invited"),
    STATUS_ACTIVE: _l("Active"),
}


def role_label(role):
    """The label of a membership role (the raw value for an unknown one)."""
    return ROLE_LABELS.get(role, role)


def status_label(status):
    """The label of a membership status (the raw value for an unknown one)."""
    return STATUS_LABELS.get(status, status)


class Sentra(db.Model):
    """A cluster of small industry of one kind inside one village."""

    __tablename__ = "sentra"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(120), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    commodity: Mapped[str] = mapped_column(String(40), index=True)
    tagline: Mapped[str | None] = mapped_column(String(200))
    story: Mapped[str | None] = mapped_column(Text)
    province: Mapped[str] = mapped_column(String(40), index=True)
    regency: Mapped[str | None] = mapped_column(String(120))
    district: Mapped[str | None] = mapped_column(String(120))
    village: Mapped[str | None] = mapped_column(String(120))
    address: Mapped[str | None] = mapped_column(String(300))
    year_established: Mapped[int | None] = mapped_column(Integer)
    guided_by: Mapped[str | None] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(32))
    whatsapp: Mapped[str | None] = mapped_column(String(32))
    email: Mapped[str | None] = mapped_column(String(254))
    accent: Mapped[str] = mapped_column(String(16), default="indigo")
    verified: Mapped[bool] = mapped_column(Boolean, default=False)
    logo_id: Mapped[int | None] = mapped_column(ForeignKey("image.id", ondelete="SET NULL"))
    banner_id: Mapped[int | None] = mapped_column(ForeignKey("image.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow
    )

    logo = relationship("Image", foreign_keys=[logo_id], lazy="joined")
    banner = relationship("Image", foreign_keys=[banner_id], lazy="joined")
    facilities = relationship(
        "SentraFacility", back_populates="sentra", cascade="all, delete-orphan",
        order_by="SentraFacility.position",
    )
    programmes = relationship(
        "SentraProgramme", back_populates="sentra", cascade="all, delete-orphan",
        order_by="SentraProgramme.year",
    )
    photos = relationship(
        "SentraPhoto", back_populates="sentra", cascade="all, delete-orphan",
        order_by="SentraPhoto.position",
    )
    memberships = relationship("Membership", back_populates="sentra", cascade="all, delete-orphan")

    __table_args__ = (
        Index("ix_sentra_province_commodity", "province", "commodity"),
        # The directory's order (verified first, then by name) and the home page's featured list.
        Index("ix_sentra_verified_name", "verified", "name", "id"),
        Index("ix_sentra_verified_updated", "verified", "updated_at"),
    )

    def __repr__(self):
        return f"<Sentra {self.slug}>"


class SentraFacility(db.Model):
    """A shared facility of a sentra (rumah produksi, UPT office, showroom...)."""

    __tablename__ = "sentra_facility"

    id: Mapped[int] = mapped_column(primary_key=True)
    sentra_id: Mapped[int] = mapped_column(ForeignKey("sentra.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(40))
    note: Mapped[str | None] = mapped_column(String(300))
    position: Mapped[int] = mapped_column(Integer, default=0)

    sentra = relationship("Sentra", back_populates="facilities")


class SentraProgramme(db.Model):
    """A funding programme for the sentra, e.g. DAK revitalisasi 2021."""

    __tablename__ = "sentra_programme"

    id: Mapped[int] = mapped_column(primary_key=True)
    sentra_id: Mapped[int] = mapped_column(ForeignKey("sentra.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # pembangunan | revitalisasi
    funding: Mapped[str] = mapped_column(String(40), default="DAK")
    year: Mapped[int] = mapped_column(Integer)
    note: Mapped[str | None] = mapped_column(String(300))

    sentra = relationship("Sentra", back_populates="programmes")


class SentraPhoto(db.Model):
    """A picture in the sentra's gallery."""

    __tablename__ = "sentra_photo"

    id: Mapped[int] = mapped_column(primary_key=True)
    sentra_id: Mapped[int] = mapped_column(ForeignKey("sentra.id", ondelete="CASCADE"), index=True)
    image_id: Mapped[int] = mapped_column(ForeignKey("image.id", ondelete="CASCADE"))
    caption: Mapped[str | None] = mapped_column(String(200))
    position: Mapped[int] = mapped_column(Integer, default=0)

    sentra = relationship("Sentra", back_populates="photos")
    image = relationship("Image", lazy="joined")


class Membership(db.Model):
    """A person's place in a sentra: pengurus, pengelola, UPT staff or anggota."""

    __tablename__ = "membership"

    id: Mapped[int] = mapped_column(primary_key=True)
    sentra_id: Mapped[int] = mapped_column(ForeignKey("sentra.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(16), default=ROLE_ANGGOTA)
    title: Mapped[str | None] = mapped_column(String(60))  # ketua, sekretaris, bendahara...
    status: Mapped[str] = mapped_column(String(16), default=STATUS_PENDING)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    approved_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    sentra = relationship("Sentra", back_populates="memberships")
    user = relationship("User", lazy="joined")

    __table_args__ = (
        UniqueConstraint("sentra_id", "user_id", name="uq_membership_sentra_user"),
        Index("ix_membership_sentra_status_role", "sentra_id", "status", "role"),
    )

    @property
    def is_active(self):
        return self.status == STATUS_ACTIVE

    @property
    def is_invited(self):
        return self.status == STATUS_INVITED

    @property
    def can_manage(self):
        return self.is_active and self.role in MANAGING_ROLES
