"""Who may read, post in and moderate which board: the one place forum permissions are decided.

- Public boards are read by everyone; members-only sentra boards only by the sentra's active
  members, moderators and admins. Everyone else gets 404 for them: their existence is private.
- Posting needs a confirmed, active, unsuspended account that may read the board.
- Platform moderators and admins moderate every board; a sentra's pengurus, pengelola and UPT
  staff moderate its own board.
"""

from sqlalchemy import false, or_, select, true

from marketplace.extensions import db
from marketplace.forum.models import BOARD_SENTRA, VISIBILITY_PUBLIC, Board
from marketplace.sentra.models import Membership
from marketplace.timeutil import utcnow

STATUS_ACTIVE = "active"
BOARD_MODERATING_ROLES = ("pengurus", "pengelola", "upt")


def _signed_in(user):
    return bool(getattr(user, "is_authenticated", False))


def is_staff(user):
    """Platform moderators and admins."""
    return _signed_in(user) and (user.is_admin or user.is_moderator)


def is_suspended(user):
    """True while a moderator's suspension of `user` runs."""
    until = getattr(user, "suspended_until", None)
    if until is None:
        return False
    if until.tzinfo is None:  # SQLite gives naive UTC datetimes
        from datetime import UTC

        until = until.replace(tzinfo=UTC)
    return until > utcnow()


def sentra_roles(user, sentra_id):
    """The user's active role in a sentra ('anggota', 'upt', ...) or None (cached per request)."""
    if not _signed_in(user) or sentra_id is None:
        return None
    from flask import g, has_request_context

    cache = g.setdefault("_forum_sentra_roles", {}) if has_request_context() else {}
    key = (user.id, sentra_id)
    if key not in cache:
        cache[key] = db.session.scalar(
            select(Membership.role).where(
                Membership.sentra_id == sentra_id, Membership.user_id == user.id,
                Membership.status == STATUS_ACTIVE,
            )
        )
    return cache[key]


def can_read(user, board):
    """May `user` see this board and its topics?"""
    if board.visibility == VISIBILITY_PUBLIC:
        return True
    if is_staff(user):
        return True
    return board.kind == BOARD_SENTRA and sentra_roles(user, board.sentra_id) is not None


def readable_boards_condition(user):
    """A SQL condition on Board for the boards `user` may read (for lists, feeds and search)."""
    if is_staff(user):
        return true()
    public = Board.visibility == VISIBILITY_PUBLIC
    if not _signed_in(user):
        return public
    member_sentra = select(Membership.sentra_id).where(
        Membership.user_id == user.id, Membership.status == STATUS_ACTIVE
    )
    return or_(public, Board.sentra_id.in_(member_sentra))


def can_post(user, board):
    """May `user` start topics and reply in this board (locks are checked per topic)?"""
    if not _signed_in(user) or not user.is_active or not user.email_confirmed or is_suspended(user):
        return False
    return can_read(user, board)


def can_moderate(user, board):
    """May `user` hide, lock, pin, move and edit in this board?"""
    if is_staff(user):
        return True
    if board.kind != BOARD_SENTRA:
        return False
    return sentra_roles(user, board.sentra_id) in BOARD_MODERATING_ROLES


def can_accept_answer(user, topic):
    """The asker, the board's moderators, and the UPT staff of the sentra concerned."""
    if not _signed_in(user):
        return False
    if topic.author_id == user.id or can_moderate(user, topic.board):
        return True
    if topic.board.kind == BOARD_SENTRA:
        return sentra_roles(user, topic.board.sentra_id) == "upt"
    # On a subject board: UPT staff of a sentra the asker belongs to.
    if topic.author_id is None:
        return False
    asker_sentra = select(Membership.sentra_id).where(
        Membership.user_id == topic.author_id, Membership.status == STATUS_ACTIVE
    )
    return db.session.scalar(
        select(Membership.id).where(
            Membership.user_id == user.id, Membership.status == STATUS_ACTIVE, Membership.role == "upt",
            Membership.sentra_id.in_(asker_sentra),
        ).limit(1)
    ) is not None


def moderated_boards_condition(user):
    """A SQL condition on Board for the boards whose queue `user` sees."""
    if is_staff(user):
        return true()
    if not _signed_in(user):
        return false()
    managed = select(Membership.sentra_id).where(
        Membership.user_id == user.id, Membership.status == STATUS_ACTIVE,
        Membership.role.in_(BOARD_MODERATING_ROLES),
    )
    return Board.sentra_id.in_(managed)
