"""Users: business owners, buyers and platform staff."""

from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import Boolean, DateTime, Index, Integer, String, func
from sqlalchemy.orm import Mapped, mapped_column

from marketplace.extensions import db
from marketplace.timeutil import utcnow

KIND_BUSINESS = "business"
KIND_BUYER = "buyer"
BUYER_TYPES = ("retail", "export", "industry", "government")


class User(UserMixin, db.Model):
    """A person with an account; `kind` says whether they sell or buy."""

    __tablename__ = "user"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Stored lower-cased and stripped, so uniqueness is case-insensitive.
    email: Mapped[str] = mapped_column(String(254), unique=True)
    display_name: Mapped[str] = mapped_column(String(120))
    password_hash: Mapped[str] = mapped_column(String(255))
    locale: Mapped[str | None] = mapped_column(String(5))
    kind: Mapped[str] = mapped_column(String(16), default=KIND_BUSINESS)
    company_name: Mapped[str | None] = mapped_column(String(200))
    country: Mapped[str | None] = mapped_column(String(2))
    buyer_type: Mapped[str | None] = mapped_column(String(16))
    is_admin: Mapped[bool] = mapped_column(Boolean, default=False)
    is_moderator: Mapped[bool] = mapped_column(Boolean, default=False)
    is_curator: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # Part of the login id: bumping it ends every session and remember-me cookie.
    session_version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    last_seen_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # Set when the person opened the link mailed at registration; None: they cannot log in yet.
    email_confirmed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # How notifications reach them by mail: immediate, daily (a digest) or off.
    notify_email: Mapped[str] = mapped_column(String(10), default="immediate")
    # Set by a moderator: until then the user may read but not post or send messages.
    suspended_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    def get_id(self):
        """The value Flask-Login keeps in the session: id and session version."""
        return f"{self.id}:{self.session_version}"

    @property
    def is_active(self):
        return self.active

    @property
    def email_confirmed(self):
        return self.email_confirmed_at is not None

    @property
    def is_buyer(self):
        return self.kind == KIND_BUYER

    @property
    def is_business_owner(self):
        return self.kind == KIND_BUSINESS

    def __repr__(self):
        return f"<User {self.id} {self.email}>"


# Forum @mentions find people by display name, whatever the case (marketplace.forum.services).
Index("ix_user_display_name_lower", func.lower(User.display_name))
