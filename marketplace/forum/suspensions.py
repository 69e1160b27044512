"""Platform staff suspend members from posting in the forum, and see a member's moderation record."""

from dataclasses import dataclass
from datetime import timedelta

from flask import url_for
from sqlalchemy import func, select
from werkzeug.exceptions import Forbidden

from marketplace.accounts.models import User
from marketplace.extensions import db
from marketplace.forum.models import Flag, ModerationAction, Post
from marketplace.forum.moderation import ModerationError, log_action, log_context, require_reason
from marketplace.forum.permissions import is_staff, is_suspended
from marketplace.i18n import gettext as _
from marketplace.i18n import lazy_gettext as _l
from marketplace.notifications.services import notify, register_kind
from marketplace.timeutil import utcnow

SUSPENSION_DAYS = (1, 3, 7, 30, 365)

register_kind("forum.suspended", _l("%(actor)s suspended you from posting in the forum — %(subject)s"))
register_kind("forum.unsuspended", _l("%(actor)s lifted your suspension: you can post in the forum again"))


def can_suspend(actor, user):
    """Staff suspend members; nobody suspends themself or an admin; only admins suspend moderators."""
    if not is_staff(actor) or user.id == actor.id or user.is_admin:
        return False
    return actor.is_admin or not user.is_moderator


def suspend_user(moderator, user, days, reason):
    """Stop `user` posting for `days` days; they are told why."""
    if not is_staff(moderator):
        raise Forbidden()
    if not can_suspend(moderator, user):
        raise ModerationError(_("You cannot suspend this account."))
    require_reason(reason)
    if days not in SUSPENSION_DAYS:
        raise ModerationError(_("Choose a period from the list."))
    user.suspended_until = utcnow() + timedelta(days=days)
    entry = log_action(moderator, "suspend", reason=reason, details=str(days), target_user_id=user.id)
    notify(user, "forum.suspended", url=url_for("accounts.account"), subject=(reason or "").strip(),
           actor=moderator)
    return entry


def lift_suspension(moderator, user, reason=""):
    """End a running suspension early."""
    if not is_staff(moderator):
        raise Forbidden()
    if not is_suspended(user):
        raise ModerationError(_("This account is not suspended."))
    user.suspended_until = None
    entry = log_action(moderator, "unsuspend", reason=reason, target_user_id=user.id)
    notify(user, "forum.unsuspended", url=url_for("accounts.account"), actor=moderator)
    return entry


@dataclass
class UserRecord:
    """What a moderator needs to judge a member: activity, hidden posts, flags, past actions."""

    user: User
    post_count: int
    hidden_count: int
    open_flag_count: int


def user_record(user):
    """Counts about `user`'s forum life, from indexed queries on their posts."""
    post_count, hidden_count = db.session.execute(
        select(func.count(), func.count(Post.hidden_at)).select_from(Post).where(Post.author_id == user.id)
    ).one()
    open_flags = db.session.scalar(
        select(func.count()).select_from(Flag).join(Post, Post.id == Flag.post_id)
        .where(Post.author_id == user.id, Flag.resolved_at.is_(None))
    )
    return UserRecord(user, post_count or 0, hidden_count or 0, open_flags or 0)


def actions_on_user(user, page, per_page):
    """The moderation log entries about `user`, newest first."""
    query = (
        select(ModerationAction).where(ModerationAction.target_user_id == user.id)
        .order_by(ModerationAction.created_at.desc(), ModerationAction.id.desc())
    )
    pagination = db.paginate(query, page=page, per_page=per_page, error_out=False)
    return pagination, log_context(pagination.items)
