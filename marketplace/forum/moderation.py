"""Forum moderation: what moderators may act on, their actions on posts and topics, and the log.

Flags and the queue live in marketplace.forum.flags, suspensions in marketplace.forum.suspensions
(both build on this module), the limits on what new or suspended accounts may post in
marketplace.forum.limits.

Every function adds to the session and never commits: the calling view owns the transaction.
Permissions are checked here as well as at the route: a board the user may not read answers 404
(its existence is private), a board they may read but not moderate answers 403.
"""

from dataclasses import dataclass

from flask import url_for
from sqlalchemy import delete, exists, or_, select, update
from werkzeug.exceptions import Forbidden, NotFound

from marketplace.accounts.models import User
from marketplace.extensions import db
from marketplace.forum import services
from marketplace.forum.models import (
    BOARD_SUBJECT,
    VISIBILITY_PUBLIC,
    Board,
    Flag,
    ModerationAction,
    Post,
    Topic,
    TopicWatch,
)
from marketplace.forum.permissions import (
    BOARD_MODERATING_ROLES,
    can_moderate,
    can_read,
    is_staff,
    moderated_boards_condition,
)
from marketplace.i18n import gettext as _
from marketplace.i18n import lazy_gettext as _l
from marketplace.notifications.services import notify, register_kind
from marketplace.sentra.models import Membership
from marketplace.timeutil import utcnow

MAX_MOVE_CHOICES = 200

RESOLUTION_HIDDEN = "hidden"
RESOLUTION_DISMISSED = "dismissed"
RESOLUTION_DELETED = "deleted"

ACTION_LABELS = {
    "hide": _l("Hid a post"),
    "restore": _l("Restored a post"),
    "delete": _l("Deleted a post"),
    "edit": _l("Edited a post"),
    "hide_topic": _l("Hid a topic"),
    "restore_topic": _l("Restored a topic"),
    "delete_topic": _l("Deleted a topic"),
    "lock": _l("Locked a topic"),
    "unlock": _l("Unlocked a topic"),
    "pin": _l("Pinned a topic"),
    "unpin": _l("Unpinned a topic"),
    "move": _l("Moved a topic"),
    "dismiss_flags": _l("Dismissed flags"),
    "suspend": _l("Suspended a user"),
    "unsuspend": _l("Lifted a suspension"),
}
RESOLUTION_LABELS = {
    RESOLUTION_HIDDEN: _l("hidden"),
    RESOLUTION_DISMISSED: _l("dismissed"),
    RESOLUTION_DELETED: _l("deleted"),
}

register_kind("forum.moderated.hidden", _l("%(actor)s hid your post in %(subject)s"))
register_kind("forum.moderated.deleted", _l("%(actor)s deleted your post in %(subject)s"))
register_kind("forum.moderated.edited", _l("%(actor)s edited your post in %(subject)s"))
register_kind("forum.moderated.topic_hidden", _l("%(actor)s hid your topic %(subject)s"))
register_kind("forum.moderated.topic_deleted", _l("%(actor)s deleted your topic %(subject)s"))
register_kind("forum.moderated.locked", _l("%(actor)s locked your topic %(subject)s"))
register_kind("forum.moderated.moved", _l("%(actor)s moved your topic %(subject)s"))


class ModerationError(ValueError):
    """An action that is refused for a reason the moderator can fix; the message is shown."""


# ---- reading what moderators act on ------------------------------------------------------


def require_moderator(user, board):
    """404 when `user` may not even read `board`, 403 when they may read but not moderate it."""
    if not can_read(user, board):
        raise NotFound()
    if not can_moderate(user, board):
        raise Forbidden()


def moderates_any_board(user):
    """Platform staff, or an active pengurus/pengelola/UPT of some sentra."""
    if is_staff(user):
        return True
    if not getattr(user, "is_authenticated", False):
        return False
    return db.session.scalar(
        select(exists().where(
            Membership.user_id == user.id, Membership.status == "active",
            Membership.role.in_(BOARD_MODERATING_ROLES),
        ))
    )


def readable_post(user, post_id):
    """The post if `user` may see it; 404 otherwise (hidden things are seen by moderators only)."""
    post = db.session.get(Post, post_id)
    if post is None:
        raise NotFound()
    topic = post.topic
    if not can_read(user, topic.board):
        raise NotFound()
    if not (topic.is_visible and post.is_visible) and not can_moderate(user, topic.board):
        raise NotFound()
    return post


def moderated_post(user, post_id):
    """A post in a board `user` moderates (404 / 403 otherwise)."""
    post = db.session.get(Post, post_id)
    if post is None:
        raise NotFound()
    require_moderator(user, post.topic.board)
    return post


def moderated_topic(user, topic_id):
    """A topic in a board `user` moderates (404 / 403 otherwise)."""
    topic = db.session.get(Topic, topic_id)
    if topic is None:
        raise NotFound()
    require_moderator(user, topic.board)
    return topic


def post_url(post):
    """The permalink of a post (the forum's own, which finds the post's page)."""
    return services.post_url(post)


def topic_url(topic):
    """The address of a topic."""
    return services.topic_url(topic)


# ---- what the actions share ----------------------------------------------------------------


def resolve_flags(moderator, condition, resolution):
    """Close the open flags matching `condition` with `resolution`."""
    db.session.execute(
        update(Flag).where(Flag.resolved_at.is_(None), condition)
        .values(resolved_at=utcnow(), resolved_by_id=moderator.id, resolution=resolution)
        .execution_options(synchronize_session=False)
    )


def _topic_posts(topic):
    return Flag.post_id.in_(select(Post.id).where(Post.topic_id == topic.id))


def require_reason(reason):
    """Actions that take something away need a reason for the log (ModerationError otherwise)."""
    if not (reason or "").strip():
        raise ModerationError(_("Give a reason: it is kept in the moderation log."))


def log_action(moderator, action, board=None, topic=None, post=None, reason="", details=None,
               target_user_id=None):
    """Add an entry to the moderation log: who did what, where, to whom and why."""
    entry = ModerationAction(
        moderator_id=moderator.id, action=action, board_id=board.id if board else None,
        topic_id=topic.id if topic else None, post_id=post.id if post else None,
        target_user_id=target_user_id, reason=(reason or "").strip()[:500], details=details,
    )
    db.session.add(entry)
    return entry


def _subject(title, reason):
    """What a moderation notice names: the topic and the moderator's reason (as typed)."""
    title = (title or "")[:120]
    reason = (reason or "").strip()
    return f"“{title}” — {reason}" if reason else f"“{title}”"


def _tell_author(author_id, kind, url, title, reason, moderator):
    if author_id is None:
        return
    author = db.session.get(User, author_id)
    notify(author, kind, url=url, subject=_subject(title, reason), actor=moderator)


def _taken_down(moderator, action, topic, reason, notice, url, post=None):
    """What hiding or deleting a post or topic ends with: the log entry, the author told, new counts."""
    author_id = (post or topic).author_id
    entry = log_action(moderator, action, topic.board, topic, post, reason, target_user_id=author_id)
    _tell_author(author_id, notice, url, topic.title, reason, moderator)
    recount(topic)
    return entry


# ---- actions on posts ----------------------------------------------------------------------


def hide_post(moderator, post, reason):
    """Hide a post from readers (moderators still see it); hiding the opening post hides its topic."""
    topic, board = post.topic, post.topic.board
    require_moderator(moderator, board)
    require_reason(reason)
    if post.deleted_at is not None:
        raise ModerationError(_("This post is deleted."))
    if post.hidden_at is not None:
        raise ModerationError(_("This post is already hidden."))
    now = utcnow()
    post.hidden_at, post.hidden_by_id = now, moderator.id
    if post.number == 1 and topic.hidden_at is None:
        topic.hidden_at = now
        resolve_flags(moderator, _topic_posts(topic), RESOLUTION_HIDDEN)
    else:
        resolve_flags(moderator, Flag.post_id == post.id, RESOLUTION_HIDDEN)
    return _taken_down(moderator, "hide", topic, reason, "forum.moderated.hidden", post_url(post), post=post)


def _restorable_deletion(post):
    """A deletion a moderator may undo: one made by someone other than the author."""
    return post.deleted_at is not None and post.deleted_by_id != post.author_id


def restore_post(moderator, post, reason=""):
    """Show a hidden post (or one a moderator deleted) again; the opening post brings its topic back."""
    topic, board = post.topic, post.topic.board
    require_moderator(moderator, board)
    if post.hidden_at is None and not _restorable_deletion(post):
        raise ModerationError(_("This post is not hidden."))
    post.hidden_at = post.hidden_by_id = None
    if _restorable_deletion(post):
        post.deleted_at = post.deleted_by_id = None
    if post.number == 1:
        topic.hidden_at = None
        if topic.deleted_at is not None:
            topic.deleted_at = None
    entry = log_action(moderator, "restore", board, topic, post, reason, target_user_id=post.author_id)
    recount(topic)
    return entry


def delete_post(moderator, post, reason):
    """Soft-delete a post (kept in the database, gone for everyone); the opening post takes its topic."""
    topic, board = post.topic, post.topic.board
    require_moderator(moderator, board)
    require_reason(reason)
    if post.deleted_at is not None:
        raise ModerationError(_("This post is already deleted."))
    now = utcnow()
    post.deleted_at, post.deleted_by_id = now, moderator.id
    if post.number == 1:
        topic.deleted_at = topic.deleted_at or now
        resolve_flags(moderator, _topic_posts(topic), RESOLUTION_DELETED)
    else:
        resolve_flags(moderator, Flag.post_id == post.id, RESOLUTION_DELETED)
    return _taken_down(moderator, "delete", topic, reason, "forum.moderated.deleted", topic_url(topic),
                       post=post)


def edit_post(moderator, post, body, reason="", title=None):
    """A moderator corrects a post (and, on the opening post, the topic's title); the earlier text
    is kept as a revision."""
    topic, board = post.topic, post.topic.board
    require_moderator(moderator, board)
    body = (body or "").replace("\r\n", "\n").strip()
    title = services.one_line(title) if post.number == 1 else ""
    if not body:
        raise ModerationError(_("The post cannot be empty."))
    if body == post.body and (not title or title == topic.title):
        raise ModerationError(_("The text did not change."))
    services.edit_post(moderator, post, body, reason=reason, title=title or None)
    entry = log_action(moderator, "edit", board, topic, post, reason, target_user_id=post.author_id)
    _tell_author(post.author_id, "forum.moderated.edited", post_url(post), topic.title, reason, moderator)
    return entry


# ---- actions on topics ---------------------------------------------------------------------


def hide_topic(moderator, topic, reason):
    """Take a topic out of lists and give non-moderators 404 for it."""
    board = topic.board
    require_moderator(moderator, board)
    require_reason(reason)
    if topic.deleted_at is not None:
        raise ModerationError(_("This topic is deleted."))
    if topic.hidden_at is not None:
        raise ModerationError(_("This topic is already hidden."))
    topic.hidden_at = utcnow()
    resolve_flags(moderator, _topic_posts(topic), RESOLUTION_HIDDEN)
    return _taken_down(moderator, "hide_topic", topic, reason, "forum.moderated.topic_hidden",
                       topic_url(topic))


def restore_topic(moderator, topic, reason=""):
    """Bring a hidden (or moderator-deleted) topic back."""
    board = topic.board
    require_moderator(moderator, board)
    if topic.hidden_at is None and topic.deleted_at is None:
        raise ModerationError(_("This topic is not hidden."))
    opening = db.session.scalar(select(Post).where(Post.topic_id == topic.id, Post.number == 1))
    if topic.deleted_at is not None and opening is not None and opening.deleted_at is not None \
            and not _restorable_deletion(opening):
        raise ModerationError(_("Its author deleted this topic, so it stays deleted."))
    topic.hidden_at = topic.deleted_at = None
    if opening is not None and opening.hidden_at is not None:
        opening.hidden_at = opening.hidden_by_id = None
    if opening is not None and _restorable_deletion(opening):
        opening.deleted_at = opening.deleted_by_id = None
    entry = log_action(moderator, "restore_topic", board, topic, reason=reason,
                       target_user_id=topic.author_id)
    recount(topic)
    return entry


def delete_topic(moderator, topic, reason):
    """Soft-delete a topic with all its posts (kept in the database for the log)."""
    board = topic.board
    require_moderator(moderator, board)
    require_reason(reason)
    if topic.deleted_at is not None:
        raise ModerationError(_("This topic is already deleted."))
    topic.deleted_at = utcnow()
    resolve_flags(moderator, _topic_posts(topic), RESOLUTION_DELETED)
    return _taken_down(moderator, "delete_topic", topic, reason, "forum.moderated.topic_deleted",
                       topic_url(topic))


def _set_flag(moderator, topic, attribute, value, action, unchanged_message, reason):
    require_moderator(moderator, topic.board)
    if getattr(topic, attribute) == value:
        raise ModerationError(unchanged_message)
    setattr(topic, attribute, value)
    return log_action(moderator, action, topic.board, topic, reason=reason, target_user_id=topic.author_id)


def lock_topic(moderator, topic, reason=""):
    """No more replies (moderators can still act); the author is told."""
    entry = _set_flag(moderator, topic, "is_locked", True, "lock", _("This topic is already locked."),
                      reason)
    _tell_author(topic.author_id, "forum.moderated.locked", topic_url(topic), topic.title, reason, moderator)
    return entry


def unlock_topic(moderator, topic, reason=""):
    return _set_flag(moderator, topic, "is_locked", False, "unlock", _("This topic is not locked."), reason)


def pin_topic(moderator, topic, reason=""):
    """Keep a topic at the top of its board."""
    return _set_flag(moderator, topic, "is_pinned", True, "pin", _("This topic is already pinned."), reason)


def unpin_topic(moderator, topic, reason=""):
    return _set_flag(moderator, topic, "is_pinned", False, "unpin", _("This topic is not pinned."), reason)


def move_choices(moderator, topic):
    """Boards `moderator` may move `topic` to: subject boards first, then sentra boards by name."""
    return list(db.session.scalars(
        select(Board).where(moderated_boards_condition(moderator), Board.id != topic.board_id)
        .order_by(Board.kind != BOARD_SUBJECT, Board.position, Board.name).limit(MAX_MOVE_CHOICES)
    ))


def board_by_slug(slug):
    return db.session.scalar(select(Board).where(Board.slug == (slug or "").strip().lower()))


def move_topic(moderator, topic, target, reason):
    """Move a topic to another board both boards' moderator moderates.

    Afterwards only the new board's readers see it: watchers who may not read a members-only
    board stop hearing about it. The author is told.
    """
    source = topic.board
    require_moderator(moderator, source)
    require_moderator(moderator, target)
    require_reason(reason)
    if target.id == source.id:
        raise ModerationError(_("The topic is already in this board."))
    topic.board_id = target.id
    topic.board = target
    if target.visibility != VISIBILITY_PUBLIC:
        readers = select(Membership.user_id).where(
            Membership.sentra_id == target.sentra_id, Membership.status == "active"
        )
        staff = select(User.id).where(or_(User.is_admin.is_(True), User.is_moderator.is_(True)))
        db.session.execute(
            delete(TopicWatch).where(
                TopicWatch.topic_id == topic.id, TopicWatch.user_id.not_in(readers),
                TopicWatch.user_id.not_in(staff),
            ).execution_options(synchronize_session=False)
        )
    # The log entry belongs to the new board, so its moderators see where the topic came from.
    entry = log_action(moderator, "move", target, topic, reason=reason, target_user_id=topic.author_id,
                 details=f"{source.name} → {target.name}"[:500])
    author = db.session.get(User, topic.author_id) if topic.author_id else None
    if author is not None:  # the link goes to the topic only when its author may still read it
        url = topic_url(topic) if can_read(author, target) else url_for("forum.board", slug=source.slug)
        notify(author, "forum.moderated.moved", url=url, subject=_subject(topic.title, reason),
               actor=moderator)
    db.session.flush()
    recount_board(source)
    recount(topic)
    return entry


# ---- the log -------------------------------------------------------------------------------


def log_boards(user):
    """Boards to filter the log by: those `user` moderates (capped; the URL takes any board)."""
    return list(db.session.scalars(
        select(Board).where(moderated_boards_condition(user))
        .order_by(Board.kind != BOARD_SUBJECT, Board.position, Board.name).limit(MAX_MOVE_CHOICES)
    ))


def moderation_log(user, page, per_page, board=None):
    """The actions `user` may see: all for staff, their boards' for sentra moderators."""
    query = select(ModerationAction)
    if not is_staff(user):
        query = query.join(Board, Board.id == ModerationAction.board_id).where(
            moderated_boards_condition(user)
        )
    if board is not None:
        query = query.where(ModerationAction.board_id == board.id)
    query = query.order_by(ModerationAction.created_at.desc(), ModerationAction.id.desc())
    pagination = db.paginate(query, page=page, per_page=per_page, error_out=False)
    return pagination, log_context(pagination.items)


@dataclass
class LogContext:
    """Boards and topics named by a page of log entries, loaded in two queries."""

    boards: dict
    topics: dict


def log_context(entries):
    """The boards and topics named by `entries`, for the log pages."""
    board_ids = {e.board_id for e in entries if e.board_id}
    topic_ids = {e.topic_id for e in entries if e.topic_id}
    boards, topics = {}, {}
    if board_ids:
        boards = {b.id: b for b in db.session.scalars(select(Board).where(Board.id.in_(board_ids)))}
    if topic_ids:
        topics = {t.id: t for t in db.session.scalars(select(Topic).where(Topic.id.in_(topic_ids)))}
    return LogContext(boards, topics)


# ---- counters ------------------------------------------------------------------------------


def recount(topic):
    """Recount `topic` and its board after something in it was hidden, restored, deleted or moved."""
    db.session.flush()
    services.recount_topic(topic)
    services.recount_board(topic.board)


def recount_board(board):
    services.recount_board(board)
