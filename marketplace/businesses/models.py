"""Businesses (IKM units) and their certifications."""

import re
from datetime import datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from marketplace.extensions import db
from marketplace.timeutil import utcnow


class Business(db.Model):
    """One IKM unit, owned by a user and usually part of a sentra."""

    __tablename__ = "business"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(140), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    owner_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    sentra_id: Mapped[int | None] = mapped_column(ForeignKey("sentra.id", ondelete="SET NULL"))
    description: Mapped[str | None] = mapped_column(Text)
    year_founded: Mapped[int | None] = mapped_column(Integer)
    workforce: Mapped[int | None] = mapped_column(Integer)
    capacity_amount: Mapped[int | None] = mapped_column(Integer)
    capacity_unit: Mapped[str | None] = mapped_column(String(20))
    techniques: Mapped[str | None] = mapped_column(Text)
    nib: Mapped[str | None] = mapped_column(String(13))
    export_ready: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    phone: Mapped[str | None] = mapped_column(String(32))
    whatsapp: Mapped[str | None] = mapped_column(String(32))
    email: Mapped[str | None] = mapped_column(String(254))
    address: Mapped[str | None] = mapped_column(String(300))
    logo_id: Mapped[int | None] = mapped_column(ForeignKey("image.id", ondelete="SET NULL"))
    # "Chat on WhatsApp" clicks on the profile (product pages count theirs on the product).
    whatsapp_clicks: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow
    )

    owner = relationship("User", lazy="joined")
    sentra = relationship("Sentra", lazy="joined")
    logo = relationship("Image", lazy="joined")
    certifications = relationship(
        "BusinessCertification", cascade="all, delete-orphan", lazy="selectin",
        order_by="BusinessCertification.code",
    )

    # A sentra's member businesses are listed by name.
    __table_args__ = (Index("ix_business_sentra_name", "sentra_id", "name"),)

    @property
    def certification_codes(self):
        return [c.code for c in self.certifications]

    @property
    def technique_list(self):
        return [t.strip() for t in (self.techniques or "").split(",") if t.strip()]

    @property
    def description_paragraphs(self):
        """The description split at empty lines, for one <p> each."""
        text = (self.description or "").replace("\r\n", "\n")
        return [" ".join(p.split()) for p in re.split(r"\n\s*\n", text) if p.strip()]

    def __repr__(self):
        return f"<Business {self.slug}>"


class BusinessCertification(db.Model):
    """A certification a business holds (SNI, Halal, PIRT...), one row each for filtering."""

    __tablename__ = "business_certification"

    business_id: Mapped[int] = mapped_column(
        ForeignKey("business.id", ondelete="CASCADE"), primary_key=True
    )
    code: Mapped[str] = mapped_column(String(20), primary_key=True, index=True)
