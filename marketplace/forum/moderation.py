"""Forum moderation: flags and the queue, moderators' actions and their log, suspensions.

The limits on what new or suspended accounts may post live in marketplace.forum.limits.

Every function adds to the session and never commits: the calling view owns the transaction.
Permissions are checked here as well as at the route: a board the user may not read answers 404
(its existence is private), a board they may read but not moderate answers 403.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import timedelta

from flask import url_for
from sqlalchemy import delete, exists, func, or_, select, update
from sqlalchemy.orm import selectinload
from werkzeug.exceptions import Forbidden, NotFound

from marketplace.accounts.models import User
from marketplace.extensions import db
from marketplace.forum import services
from marketplace.forum.models import (
    BOARD_SENTRA,
    BOARD_SUBJECT,
    FLAG_REASON_LABELS,
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
    is_suspended,
    moderated_boards_condition,
)
from marketplace.i18n import gettext as _
from marketplace.i18n import lazy_gettext as _l
from marketplace.notifications.services import notify, register_kind
from marketplace.sentra.models import Membership
from marketplace.timeutil import utcnow

SUSPENSION_DAYS = (1, 3, 7, 30, 365)
# A flag notifies at most this many platform staff and this many sentra moderators.
MAX_FLAG_RECIPIENTS = 20
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

register_kind("forum.flagged", _l("%(actor)s flagged a post for moderation in %(subject)s"))
register_kind("forum.moderated.hidden", _l("%(actor)s hid your post in %(subject)s"))
register_kind("forum.moderated.deleted", _l("%(actor)s deleted your post in %(subject)s"))
register_kind("forum.moderated.edited", _l("%(actor)s edited your post in %(subject)s"))
register_kind("forum.moderated.topic_hidden", _l("%(actor)s hid your topic %(subject)s"))
register_kind("forum.moderated.topic_deleted", _l("%(actor)s deleted your topic %(subject)s"))
register_kind("forum.moderated.locked", _l("%(actor)s locked your topic %(subject)s"))
register_kind("forum.moderated.moved", _l("%(actor)s moved your topic %(subject)s"))
register_kind("forum.suspended", _l("%(actor)s suspended you from posting in the forum — %(subject)s"))
register_kind("forum.unsuspended", _l("%(actor)s lifted your suspension: you can post in the forum again"))


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


# ---- flags ---------------------------------------------------------------------------------


def can_flag(user, post):
    """Members flag posts of others that they can read and that are still shown."""
    return (
        getattr(user, "is_authenticated", False) and user.is_active and post.author_id != user.id
        and post.is_visible and post.topic.is_visible and can_read(user, post.topic.board)
    )


def open_flag_of(user, post):
    """`user`'s unresolved flag on `post`, or None."""
    return db.session.scalar(
        select(Flag).where(Flag.post_id == post.id, Flag.reporter_id == user.id, Flag.resolved_at.is_(None))
    )


def flag_post(user, post, reason, note=""):
    """Report `post` to its board's moderators; one open flag per member and post."""
    topic = post.topic
    if not can_read(user, topic.board) or not (topic.is_visible and post.is_visible):
        raise NotFound()
    if not can_flag(user, post):
        raise Forbidden()
    if reason not in FLAG_REASON_LABELS:
        raise ModerationError(_("Choose a reason from the list."))
    existing = db.session.scalar(select(Flag).where(Flag.post_id == post.id, Flag.reporter_id == user.id))
    if existing is not None and existing.resolved_at is None:
        raise ModerationError(_("You have already flagged this post. A moderator will look at it."))
    others_open = db.session.scalar(
        select(exists().where(Flag.post_id == post.id, Flag.resolved_at.is_(None)))
    )
    if existing is None:
        flag = Flag(post_id=post.id, reporter_id=user.id, reason=reason, note=(note or "").strip())
        db.session.add(flag)
    else:  # flagged again after an earlier flag was resolved: it opens again
        flag = existing
        flag.reason, flag.note, flag.created_at = reason, (note or "").strip(), utcnow()
        flag.resolved_at = flag.resolved_by_id = flag.resolution = None
    if not others_open:  # the moderators hear about a post once, not once per flag
        queue = url_for("forum.moderation_queue") + f"#flagged-{post.id}"
        for moderator in board_moderators(topic.board):
            notify(moderator, "forum.flagged", url=queue, subject=topic.title, actor=user)
    return flag


def board_moderators(board, limit=MAX_FLAG_RECIPIENTS):
    """Who hears about flags in `board`: platform staff and, on a sentra board, its moderators."""
    people = list(db.session.scalars(
        select(User).where(or_(User.is_admin.is_(True), User.is_moderator.is_(True)), User.active.is_(True))
        .order_by(User.id).limit(limit)
    ))
    if board.kind == BOARD_SENTRA and board.sentra_id is not None:
        people += db.session.scalars(
            select(User).join(Membership, Membership.user_id == User.id)
            .where(Membership.sentra_id == board.sentra_id, Membership.status == "active",
                   Membership.role.in_(BOARD_MODERATING_ROLES), User.active.is_(True))
            .order_by(User.id).limit(limit)
        )
    seen, unique = set(), []
    for person in people:
        if person.id not in seen:
            seen.add(person.id)
            unique.append(person)
    return unique


@dataclass
class QueueItem:
    """One flagged post in the queue with its open flags."""

    post: Post
    flags: list = field(default_factory=list)

    @property
    def topic(self):
        return self.post.topic

    @property
    def board(self):
        return self.post.topic.board

    @property
    def reason_counts(self):
        """[(reason, count)], the most frequent first."""
        return Counter(flag.reason for flag in self.flags).most_common()


def flag_queue(user, page, per_page):
    """Posts with open flags in the boards `user` moderates, oldest report first, paginated.

    Returns (pagination of posts, [QueueItem]) in three queries whatever the page size.
    """
    open_flags = (
        select(Flag.post_id, func.min(Flag.created_at).label("first_flagged"))
        .where(Flag.resolved_at.is_(None)).group_by(Flag.post_id).subquery()
    )
    query = (
        select(Post).join(open_flags, open_flags.c.post_id == Post.id)
        .join(Topic, Topic.id == Post.topic_id).join(Board, Board.id == Topic.board_id)
        .where(moderated_boards_condition(user))
        .order_by(open_flags.c.first_flagged, Post.id)
        .options(selectinload(Post.topic))
    )
    pagination = db.paginate(query, page=page, per_page=per_page, error_out=False)
    items = [QueueItem(post) for post in pagination.items]
    by_post = {item.post.id: item for item in items}
    if by_post:
        for flag in db.session.scalars(
            select(Flag).where(Flag.post_id.in_(by_post), Flag.resolved_at.is_(None))
            .order_by(Flag.created_at)
        ):
            by_post[flag.post_id].flags.append(flag)
    return pagination, items


def _resolve_flags(moderator, condition, resolution):
    """Close the open flags matching `condition` with `resolution`."""
    db.session.execute(
        update(Flag).where(Flag.resolved_at.is_(None), condition)
        .values(resolved_at=utcnow(), resolved_by_id=moderator.id, resolution=resolution)
        .execution_options(synchronize_session=False)
    )


def _topic_posts(topic):
    return Flag.post_id.in_(select(Post.id).where(Post.topic_id == topic.id))


def dismiss_flags(moderator, post, reason=""):
    """The moderator found nothing wrong: the post's open flags close as dismissed."""
    board = post.topic.board
    require_moderator(moderator, board)
    has_open = db.session.scalar(select(exists().where(Flag.post_id == post.id, Flag.resolved_at.is_(None))))
    if not has_open:
        raise ModerationError(_("This post has no open flags."))
    _resolve_flags(moderator, Flag.post_id == post.id, RESOLUTION_DISMISSED)
    return _log(moderator, "dismiss_flags", board=board, topic=post.topic, post=post, reason=reason,
                target_user_id=post.author_id)


# ---- actions on posts ----------------------------------------------------------------------


def _require_reason(reason):
    if not (reason or "").strip():
        raise ModerationError(_("Give a reason: it is kept in the moderation log."))


def _log(moderator, action, board=None, topic=None, post=None, reason="", details=None, target_user_id=None):
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


def hide_post(moderator, post, reason):
    """Hide a post from readers (moderators still see it); hiding the opening post hides its topic."""
    topic, board = post.topic, post.topic.board
    require_moderator(moderator, board)
    _require_reason(reason)
    if post.deleted_at is not None:
        raise ModerationError(_("This post is deleted."))
    if post.hidden_at is not None:
        raise ModerationError(_("This post is already hidden."))
    now = utcnow()
    post.hidden_at, post.hidden_by_id = now, moderator.id
    if post.number == 1 and topic.hidden_at is None:
        topic.hidden_at = now
        _resolve_flags(moderator, _topic_posts(topic), RESOLUTION_HIDDEN)
    else:
        _resolve_flags(moderator, Flag.post_id == post.id, RESOLUTION_HIDDEN)
    entry = _log(moderator, "hide", board, topic, post, reason, target_user_id=post.author_id)
    _tell_author(post.author_id, "forum.moderated.hidden", post_url(post), topic.title, reason, moderator)
    recount(topic)
    return entry


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
    entry = _log(moderator, "restore", board, topic, post, reason, target_user_id=post.author_id)
    recount(topic)
    return entry


def delete_post(moderator, post, reason):
    """Soft-delete a post (kept in the database, gone for everyone); the opening post takes its topic."""
    topic, board = post.topic, post.topic.board
    require_moderator(moderator, board)
    _require_reason(reason)
    if post.deleted_at is not None:
        raise ModerationError(_("This post is already deleted."))
    now = utcnow()
    post.deleted_at, post.deleted_by_id = now, moderator.id
    if post.number == 1:
        topic.deleted_at = topic.deleted_at or now
        _resolve_flags(moderator, _topic_posts(topic), RESOLUTION_DELETED)
    else:
        _resolve_flags(moderator, Flag.post_id == post.id, RESOLUTION_DELETED)
    entry = _log(moderator, "delete", board, topic, post, reason, target_user_id=post.author_id)
    _tell_author(post.author_id, "forum.moderated.deleted", topic_url(topic), topic.title, reason, moderator)
    recount(topic)
    return entry


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
    entry = _log(moderator, "edit", board, topic, post, reason, target_user_id=post.author_id)
    _tell_author(post.author_id, "forum.moderated.edited", post_url(post), topic.title, reason, moderator)
    return entry


# ---- actions on topics ---------------------------------------------------------------------


def hide_topic(moderator, topic, reason):
    """Take a topic out of lists and give non-moderators 404 for it."""
    board = topic.board
    require_moderator(moderator, board)
    _require_reason(reason)
    if topic.deleted_at is not None:
        raise ModerationError(_("This topic is deleted."))
    if topic.hidden_at is not None:
        raise ModerationError(_("This topic is already hidden."))
    topic.hidden_at = utcnow()
    _resolve_flags(moderator, _topic_posts(topic), RESOLUTION_HIDDEN)
    entry = _log(moderator, "hide_topic", board, topic, reason=reason, target_user_id=topic.author_id)
    _tell_author(topic.author_id, "forum.moderated.topic_hidden", topic_url(topic), topic.title, reason,
                 moderator)
    recount(topic)
    return entry


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
    entry = _log(moderator, "restore_topic", board, topic, reason=reason, target_user_id=topic.author_id)
    recount(topic)
    return entry


def delete_topic(moderator, topic, reason):
    """Soft-delete a topic with all its posts (kept in the database for the log)."""
    board = topic.board
    require_moderator(moderator, board)
    _require_reason(reason)
    if topic.deleted_at is not None:
        raise ModerationError(_("This topic is already deleted."))
    topic.deleted_at = utcnow()
    _resolve_flags(moderator, _topic_posts(topic), RESOLUTION_DELETED)
    entry = _log(moderator, "delete_topic", board, topic, reason=reason, target_user_id=topic.author_id)
    _tell_author(topic.author_id, "forum.moderated.topic_deleted", topic_url(topic), topic.title, reason,
                 moderator)
    recount(topic)
    return entry


def _set_flag(moderator, topic, attribute, value, action, unchanged_message, reason):
    require_moderator(moderator, topic.board)
    if getattr(topic, attribute) == value:
        raise ModerationError(unchanged_message)
    setattr(topic, attribute, value)
    return _log(moderator, action, topic.board, topic, reason=reason, target_user_id=topic.author_id)


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
    _require_reason(reason)
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
    entry = _log(moderator, "move", target, topic, reason=reason, target_user_id=topic.author_id,
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


# ---- suspensions (platform staff only) -----------------------------------------------------


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
    _require_reason(reason)
    if days not in SUSPENSION_DAYS:
        raise ModerationError(_("Choose a period from the list."))
    user.suspended_until = utcnow() + timedelta(days=days)
    entry = _log(moderator, "suspend", reason=reason, details=str(days), target_user_id=user.id)
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
    entry = _log(moderator, "unsuspend", reason=reason, target_user_id=user.id)
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
    return pagination, _log_context(pagination.items)


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
    return pagination, _log_context(pagination.items)


@dataclass
class LogContext:
    """Boards and topics named by a page of log entries, loaded in two queries."""

    boards: dict
    topics: dict


def _log_context(entries):
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
