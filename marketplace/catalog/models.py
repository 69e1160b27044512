"""Products, their images and certifications, and OVOP curator ratings."""

from datetime import datetime
from decimal import Decimal

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from marketplace.extensions import db
from marketplace.i18n import lazy_gettext as _l
from marketplace.timeutil import utcnow

STATUS_DRAFT = "draft"
STATUS_PUBLISHED = "published"
STATUS_UNPUBLISHED = "unpublished"
STATUS_ARCHIVED = "archived"
STATUSES = [
    (STATUS_DRAFT, _l("Draft")),
    (STATUS_PUBLISHED, _l("Published")),
    (STATUS_UNPUBLISHED, _l("Unpublished")),
    (STATUS_ARCHIVED, _l("Archived")),
]
STATUS_LABELS = dict(STATUSES)

CHANNEL_OVOP = "ovop"
CHANNEL_EXPORT = "export"
CHANNEL_SUPPLY_CHAIN = "supply_chain"
CHANNELS = [
    (CHANNEL_OVOP, _l("OVOP")),
    (CHANNEL_EXPORT, _l("Export")),
    (CHANNEL_SUPPLY_CHAIN, _l("Supply chain")),
]
CHANNEL_LABELS = dict(CHANNELS)

AVAILABILITY = [
    ("ready_stock", _l("Ready stock")),
    ("made_to_order", _l("Made to order")),
    ("pre_order", _l("Pre-order")),
]
AVAILABILITY_LABELS = dict(AVAILABILITY)

INCOTERMS = [
    ("EXW", _l("EXW (ex works)")),
    ("FOB", _l("FOB (free on board)")),
    ("CIF", _l("CIF (cost, insurance and freight)")),
]
INCOTERM_LABELS = dict(INCOTERMS)

# The criteria of the OVOP assessment, each scored 1-5 by the curator.
OVOP_CRITERIA = [
    ("local_material", _l("Share of local raw material")),
    ("value_added", _l("Value added")),
    ("environment", _l("Environmental control")),
    ("volume_capacity", _l("Capacity for volume production")),
    ("design_origin", _l("Origin of the design")),
    ("packaging", _l("Packaging")),
    ("years_in_sentra", _l("Years in the sentra")),
]
OVOP_CRITERIA_LABELS = dict(OVOP_CRITERIA)
MAX_IMAGES = 8


class Product(db.Model):
    """A product one business offers; only `published` ones are seen by anyone but the owner."""

    __tablename__ = "product"

    id: Mapped[int] = mapped_column(primary_key=True)
    business_id: Mapped[int] = mapped_column(ForeignKey("business.id", ondelete="CASCADE"))
    # Copied from the business when saved, so that catalogue filters need no join per row.
    sentra_id: Mapped[int | None] = mapped_column(ForeignKey("sentra.id", ondelete="SET NULL"))
    province: Mapped[str | None] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(16), default=STATUS_DRAFT)

    title: Mapped[str] = mapped_column(String(160))
    description: Mapped[str] = mapped_column(Text, default="")  # Markdown, sanitised on output
    title_en: Mapped[str | None] = mapped_column(String(160))
    description_en: Mapped[str | None] = mapped_column(Text)
    category: Mapped[str] = mapped_column(String(40))  # a slug of reference.COMMODITIES
    materials: Mapped[str | None] = mapped_column(String(300))

    price_idr: Mapped[int | None] = mapped_column(Integer)  # rupiah per unit; None: on request
    unit: Mapped[str] = mapped_column(String(20), default="pcs")  # reference.CAPACITY_UNITS
    export_price_usd: Mapped[Decimal | None] = mapped_column(Numeric(12, 2))
    price_on_request: Mapped[bool] = mapped_column(Boolean, default=False)
    incoterm: Mapped[str | None] = mapped_column(String(3))
    port: Mapped[str | None] = mapped_column(String(80))
    moq: Mapped[int | None] = mapped_column(Integer)
    capacity_per_month: Mapped[int | None] = mapped_column(Integer)
    lead_time_days: Mapped[int | None] = mapped_column(Integer)
    availability: Mapped[str] = mapped_column(String(16), default="ready_stock")
    samples_available: Mapped[bool] = mapped_column(Boolean, default=False)
    # Stored dotted as written in tariff books: 5208, 5208.52, 6304.91.00 or 6304.91.00.10.
    hs_code: Mapped[str | None] = mapped_column(String(13))
    size: Mapped[str | None] = mapped_column(String(80))  # as the maker writes it: "200 x 60 cm"
    weight_grams: Mapped[int | None] = mapped_column(Integer)

    # Channels the product is offered on.
    is_ovop: Mapped[bool] = mapped_column(Boolean, default=False)
    is_export: Mapped[bool] = mapped_column(Boolean, default=False)
    is_supply_chain: Mapped[bool] = mapped_column(Boolean, default=False)
    # OVOP: nominated by the sentra's pengurus/pengelola, then rated by a curator.
    ovop_nominated_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    ovop_nominated_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    ovop_stars: Mapped[int | None] = mapped_column(SmallInteger)  # copied from the rating, for sorting

    cover_image_id: Mapped[int | None] = mapped_column(ForeignKey("image.id", ondelete="SET NULL"))
    view_count: Mapped[int] = mapped_column(Integer, default=0)
    whatsapp_clicks: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)
    published_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    business = relationship("Business", lazy="joined", innerjoin=True)
    sentra = relationship("Sentra", lazy="joined")
    cover_image = relationship("Image", lazy="joined")
    images = relationship(
        "ProductImage", cascade="all, delete-orphan", order_by="ProductImage.position", lazy="selectin",
    )
    certifications = relationship(
        "ProductCertification", cascade="all, delete-orphan", order_by="ProductCertification.code",
        lazy="selectin",
    )
    ovop_rating = relationship("OvopRating", uselist=False, cascade="all, delete-orphan", lazy="select")

    __table_args__ = (
        # The catalogue lists published products newest first, filtered by one of these.
        Index("ix_product_status_published", "status", "published_at"),
        Index("ix_product_business_status", "business_id", "status"),
        Index("ix_product_sentra_status", "sentra_id", "status"),
        Index("ix_product_category_status", "category", "status"),
        Index("ix_product_province_status", "province", "status"),
        Index("ix_product_export", "is_export", "status"),
        Index("ix_product_supply_chain", "is_supply_chain", "status"),
        Index("ix_product_ovop", "is_ovop", "status", "ovop_stars"),
        Index("ix_product_price", "status", "price_idr"),
        Index("ix_product_views", "status", "view_count"),
        # The catalogue's remaining filters: availability, samples, MOQ at most.
        Index("ix_product_availability", "availability", "status"),
        Index("ix_product_samples", "samples_available", "status"),
        Index("ix_product_moq", "status", "moq"),
        # A sentra's OVOP nominations, and the curators' queue oldest nomination first.
        Index("ix_product_sentra_nominated", "sentra_id", "ovop_nominated_at"),
        Index("ix_product_nominated", "ovop_nominated_at"),
        CheckConstraint("ovop_stars IS NULL OR ovop_stars BETWEEN 1 AND 5", name="ovop_stars_range"),
    )

    @property
    def is_published(self):
        return self.status == STATUS_PUBLISHED

    @property
    def channels(self):
        """The channel codes the product is offered on, in the fixed order."""
        flags = {CHANNEL_OVOP: self.is_ovop, CHANNEL_EXPORT: self.is_export,
                 CHANNEL_SUPPLY_CHAIN: self.is_supply_chain}
        return [code for code, _label in CHANNELS if flags[code]]

    @property
    def certification_codes(self):
        return [c.code for c in self.certifications]

    def __repr__(self):
        return f"<Product {self.id} {self.title!r}>"


class ProductImage(db.Model):
    """One of a product's (up to eight) ordered images; position 0 is the cover."""

    __tablename__ = "product_image"

    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("product.id", ondelete="CASCADE"))
    image_id: Mapped[int] = mapped_column(ForeignKey("image.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(SmallInteger, default=0)

    image = relationship("Image", lazy="joined", innerjoin=True)

    __table_args__ = (UniqueConstraint("product_id", "position"),)


class ProductCertification(db.Model):
    """A certification a product carries (SNI, Halal, SVLK...), one row each for filtering."""

    __tablename__ = "product_certification"

    product_id: Mapped[int] = mapped_column(ForeignKey("product.id", ondelete="CASCADE"), primary_key=True)
    code: Mapped[str] = mapped_column(String(20), primary_key=True, index=True)


class OvopRating(db.Model):
    """A curator's OVOP assessment of a nominated product: stars, a score per criterion, a note."""

    __tablename__ = "ovop_rating"

    product_id: Mapped[int] = mapped_column(ForeignKey("product.id", ondelete="CASCADE"), primary_key=True)
    curator_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    stars: Mapped[int] = mapped_column(SmallInteger)
    local_material: Mapped[int] = mapped_column(SmallInteger)
    value_added: Mapped[int] = mapped_column(SmallInteger)
    environment: Mapped[int] = mapped_column(SmallInteger)
    volume_capacity: Mapped[int] = mapped_column(SmallInteger)
    design_origin: Mapped[int] = mapped_column(SmallInteger)
    packaging: Mapped[int] = mapped_column(SmallInteger)
    years_in_sentra: Mapped[int] = mapped_column(SmallInteger)
    note: Mapped[str] = mapped_column(Text, default="")
    rated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)

    curator = relationship("User", lazy="joined")

    __table_args__ = (CheckConstraint("stars BETWEEN 1 AND 5", name="stars_range"),)

    @property
    def scores(self):
        """(criterion code, label, score) in the official order."""
        return [(code, label, getattr(self, code)) for code, label in OVOP_CRITERIA]
