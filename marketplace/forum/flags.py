"""Members flag posts to their board's moderators, who work through the queue of flagged posts."""

from collections import Counter
from dataclasses import dataclass, field

from flask import url_for
from sqlalchemy import exists, func, or_, select
from sqlalchemy.orm import selectinload
from werkzeug.exceptions import Forbidden, NotFound

from marketplace.accounts.models import User
from marketplace.extensions import db
from marketplace.forum.models import BOARD_SENTRA, FLAG_REASON_LABELS, Board, Flag, Post, Topic
from marketplace.forum.moderation import (
    RESOLUTION_DISMISSED,
    ModerationError,
    log_action,
    require_moderator,
    resolve_flags,
)
from marketplace.forum.permissions import BOARD_MODERATING_ROLES, can_read, moderated_boards_condition
from marketplace.i18n import gettext as _
from marketplace.i18n import lazy_gettext as _l
from marketplace.notifications.services import notify, register_kind
from marketplace.sentra.models import Membership
from marketplace.timeutil import utcnow

# A flag notifies at most this many platform staff and this many sentra moderators.
MAX_FLAG_RECIPIENTS = 20

register_kind("forum.flagged", _l("%(actor)s flagged a post for moderation in %(subject)s"))


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


def dismiss_flags(moderator, post, reason=""):
    """The moderator found nothing wrong: the post's open flags close as dismissed."""
    board = post.topic.board
    require_moderator(moderator, board)
    has_open = db.session.scalar(select(exists().where(Flag.post_id == post.id, Flag.resolved_at.is_(None))))
    if not has_open:
        raise ModerationError(_("This post has no open flags."))
    resolve_flags(moderator, Flag.post_id == post.id, RESOLUTION_DISMISSED)
    return log_action(moderator, "dismiss_flags", board=board, topic=post.topic, post=post, reason=reason,
                target_user_id=post.author_id)
