"""Inquiries and their messages, buying requests and quotes, favourites and sentra follows."""

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from marketplace.extensions import db
from marketplace.i18n import lazy_gettext as _l
from marketplace.timeutil import utcnow

# ---- inquiries ---------------------------------------------------------------------------

CONVERSATION_OPEN = "open"
CONVERSATION_QUOTED = "quoted"
CONVERSATION_CLOSED = "closed"
CONVERSATION_STATUSES = [
    (CONVERSATION_OPEN, _l("Open")),
    (CONVERSATION_QUOTED, _l("Quoted")),
    (CONVERSATION_CLOSED, _l("Closed")),
]
CONVERSATION_STATUS_LABELS = dict(CONVERSATION_STATUSES)

CURRENCIES = [("IDR", "Rp (IDR)"), ("USD", "US$ (USD)")]


class Conversation(db.Model):
    """One inquiry of a buyer to a business (usually about a product) and the replies to it.

    Each side has an unread counter: a new message adds one to the other side's counter and
    opening the conversation sets one's own back to zero, so the header count is a sum.
    """

    __tablename__ = "conversation"

    id: Mapped[int] = mapped_column(primary_key=True)
    buyer_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"))
    business_id: Mapped[int] = mapped_column(ForeignKey("business.id", ondelete="CASCADE"))
    product_id: Mapped[int | None] = mapped_column(ForeignKey("product.id", ondelete="SET NULL"))
    status: Mapped[str] = mapped_column(String(10), default=CONVERSATION_OPEN)
    subject: Mapped[str] = mapped_column(String(200))  # the product title when it was asked about

    # What the buyer asked for.
    quantity: Mapped[int | None] = mapped_column(Integer)
    unit: Mapped[str | None] = mapped_column(String(20))
    target_price: Mapped[Decimal | None] = mapped_column(Numeric(14, 2))
    currency: Mapped[str | None] = mapped_column(String(3))  # IDR or USD
    incoterm: Mapped[str | None] = mapped_column(String(3))
    destination_country: Mapped[str | None] = mapped_column(String(2))
    needed_by: Mapped[date | None] = mapped_column(Date)

    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    last_message_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    last_message_excerpt: Mapped[str] = mapped_column(String(160), default="")
    buyer_unread: Mapped[int] = mapped_column(Integer, default=0)
    business_unread: Mapped[int] = mapped_column(Integer, default=0)

    buyer = relationship("User", foreign_keys=[buyer_id])
    business = relationship("Business")
    product = relationship("Product")

    __table_args__ = (
        # The inbox of each side, newest activity first, optionally by status.
        Index("ix_conversation_buyer_last", "buyer_id", "last_message_at"),
        Index("ix_conversation_buyer_status_last", "buyer_id", "status", "last_message_at"),
        Index("ix_conversation_business_last", "business_id", "last_message_at"),
        Index("ix_conversation_business_status_last", "business_id", "status", "last_message_at"),
        # The header count of unread messages for each side.
        Index("ix_conversation_buyer_unread", "buyer_id", "buyer_unread"),
        Index("ix_conversation_business_unread", "business_id", "business_unread"),
        Index("ix_conversation_product", "product_id"),
        CheckConstraint("status IN ('open', 'quoted', 'closed')", name="status_known"),
    )

    @property
    def is_closed(self):
        return self.status == CONVERSATION_CLOSED

    @property
    def status_label(self):
        return CONVERSATION_STATUS_LABELS.get(self.status, self.status)

    def is_buyer(self, user):
        """True when `user` is the buyer side of this conversation."""
        return user is not None and user.id == self.buyer_id

    def unread_for(self, user):
        """How many messages `user` has not read here (the business must be loaded)."""
        if self.is_buyer(user):
            return self.buyer_unread
        return self.business_unread

    def __repr__(self):
        return f"<Conversation {self.id} {self.status}>"


class Message(db.Model):
    """One message of a conversation: plain text, shown with its line breaks."""

    __tablename__ = "message"

    id: Mapped[int] = mapped_column(primary_key=True)
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversation.id", ondelete="CASCADE"))
    sender_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"), index=True)
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    sender = relationship("User", lazy="joined")

    __table_args__ = (Index("ix_message_conversation_created", "conversation_id", "created_at", "id"),)


# ---- buying requests and quotes -----------------------------------------------------------

REQUEST_OPEN = "open"
REQUEST_CLOSED = "closed"
REQUEST_AWARDED = "awarded"
REQUEST_STATUSES = [
    (REQUEST_OPEN, _l("Open for quotes")),
    (REQUEST_AWARDED, _l("Awarded")),
    (REQUEST_CLOSED, _l("Closed")),
]
REQUEST_STATUS_LABELS = dict(REQUEST_STATUSES)

QUOTE_SUBMITTED = "submitted"
QUOTE_ACCEPTED = "accepted"
QUOTE_DECLINED = "declined"
QUOTE_WITHDRAWN = "withdrawn"
QUOTE_STATUSES = [
    (QUOTE_SUBMITTED, _l("Submitted")),
    (QUOTE_ACCEPTED, _l("Accepted")),
    (QUOTE_DECLINED, _l("Declined")),
    (QUOTE_WITHDRAWN, _l("Withdrawn")),
]
QUOTE_STATUS_LABELS = dict(QUOTE_STATUSES)


class BuyingRequest(db.Model):
    """A buyer's need (an RFQ) that businesses answer with quotes."""

    __tablename__ = "buying_request"

    id: Mapped[int] = mapped_column(primary_key=True)
    buyer_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(String(160))  # what is wanted
    description: Mapped[str] = mapped_column(Text, default="")  # plain text
    category: Mapped[str] = mapped_column(String(40))  # a slug of reference.COMMODITIES
    quantity: Mapped[int] = mapped_column(Integer)
    unit: Mapped[str] = mapped_column(String(20))  # reference.CAPACITY_UNITS
    target_price_idr: Mapped[int | None] = mapped_column(Integer)  # per unit
    deadline: Mapped[date | None] = mapped_column(Date)
    destination_country: Mapped[str | None] = mapped_column(String(2))
    destination_city: Mapped[str | None] = mapped_column(String(120))
    channel: Mapped[str] = mapped_column(String(16))  # ovop, export or supply_chain
    status: Mapped[str] = mapped_column(String(10), default=REQUEST_OPEN)
    # The winning quote; the FK is added after both tables exist (they point at each other).
    accepted_quote_id: Mapped[int | None] = mapped_column(
        ForeignKey("quote.id", ondelete="SET NULL", use_alter=True)
    )
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    buyer = relationship("User", foreign_keys=[buyer_id])

    __table_args__ = (
        # The public list (open requests, newest first), filtered by category or channel.
        Index("ix_buying_request_status_created", "status", "created_at"),
        Index("ix_buying_request_category_status", "category", "status", "created_at"),
        Index("ix_buying_request_channel_status", "channel", "status", "created_at"),
        # A buyer's own requests.
        Index("ix_buying_request_buyer_created", "buyer_id", "created_at"),
        CheckConstraint("status IN ('open', 'closed', 'awarded')", name="status_known"),
    )

    @property
    def is_open(self):
        return self.status == REQUEST_OPEN

    @property
    def status_label(self):
        return REQUEST_STATUS_LABELS.get(self.status, self.status)

    def __repr__(self):
        return f"<BuyingRequest {self.id} {self.title!r}>"


class Quote(db.Model):
    """A business's offer on a buying request; one per business and request, editable while open."""

    __tablename__ = "quote"

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("buying_request.id", ondelete="CASCADE"))
    business_id: Mapped[int] = mapped_column(ForeignKey("business.id", ondelete="CASCADE"), index=True)
    price_idr: Mapped[int | None] = mapped_column(Integer)  # per unit
    price_usd: Mapped[Decimal | None] = mapped_column(Numeric(12, 2))
    moq: Mapped[int | None] = mapped_column(Integer)
    lead_time_days: Mapped[int | None] = mapped_column(Integer)
    message: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(10), default=QUOTE_SUBMITTED)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)

    request = relationship("BuyingRequest", foreign_keys=[request_id])
    business = relationship("Business")

    __table_args__ = (
        UniqueConstraint("request_id", "business_id", name="uq_quote_request_business"),
        Index("ix_quote_request_status", "request_id", "status"),
        Index("ix_quote_business_status", "business_id", "status", "updated_at"),
        CheckConstraint("status IN ('submitted', 'accepted', 'declined', 'withdrawn')", name="status_known"),
        CheckConstraint("price_idr IS NOT NULL OR price_usd IS NOT NULL", name="has_price"),
    )

    @property
    def is_active(self):
        """Submitted or accepted: the quote counts."""
        return self.status in (QUOTE_SUBMITTED, QUOTE_ACCEPTED)

    @property
    def status_label(self):
        return QUOTE_STATUS_LABELS.get(self.status, self.status)


# ---- favourites and follows ---------------------------------------------------------------


class Favourite(db.Model):
    """A product a user saved to look at again."""

    __tablename__ = "favourite"

    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("product.id", ondelete="CASCADE"), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    product = relationship("Product")

    __table_args__ = (
        Index("ix_favourite_user_created", "user_id", "created_at"),
        Index("ix_favourite_product", "product_id"),
    )


class SentraFollow(db.Model):
    """A user following a sentra (its news and products)."""

    __tablename__ = "sentra_follow"

    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), primary_key=True)
    sentra_id: Mapped[int] = mapped_column(ForeignKey("sentra.id", ondelete="CASCADE"), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    sentra = relationship("Sentra")

    __table_args__ = (
        Index("ix_sentra_follow_user_created", "user_id", "created_at"),
        Index("ix_sentra_follow_sentra", "sentra_id"),
    )
