"""A notification: something happened that one user should know about."""

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from marketplace.extensions import db
from marketplace.timeutil import utcnow

EMAIL_OFF = "off"
EMAIL_IMMEDIATE = "immediate"
EMAIL_DAILY = "daily"
EMAIL_CHOICES = (EMAIL_IMMEDIATE, EMAIL_DAILY, EMAIL_OFF)


class Notification(db.Model):
    """One notice for one user; the text is built from `kind` at display time, in their language."""

    __tablename__ = "notification"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(40))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    # A snapshot of what it is about (a topic or product title), shown as typed.
    subject: Mapped[str] = mapped_column(String(200), default="")
    # A local path (with query and fragment) that opens the thing the notice is about.
    url: Mapped[str] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    read_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    emailed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    user = relationship("User", foreign_keys=[user_id])
    actor = relationship("User", foreign_keys=[actor_id], lazy="joined")

    __table_args__ = (
        # The list page (newest first) and the header count (unread) per user.
        Index("ix_notification_user_created", "user_id", "created_at"),
        Index("ix_notification_user_read", "user_id", "read_at"),
    )

    @property
    def is_read(self):
        return self.read_at is not None
