"""Forum operations on topics and posts: reading, posting, editing, accepted answers, thanks.

Boards and the topic lists are in marketplace.forum.boards, featured guides in .guides, watching
and unread marks in .reading, moderation in .moderation, .flags and .suspensions.

Every function adds to the session and never commits: the calling view (or command) owns the
unit of work. Who may do what is decided in marketplace.forum.permissions; the functions that
change something check again (the routes check first) and raise Forbidden or NotFound, or
ForumError with a message for the member (shown beside the form field).
"""


from flask import current_app, url_for
from sqlalchemy import and_, func, select
from werkzeug.exceptions import Forbidden, NotFound

from marketplace.accounts.models import User
from marketplace.extensions import db
from marketplace.forum import limits, permissions, reading
from marketplace.forum.models import (
    BOARD_SENTRA,
    KIND_QUESTION,
    TOPIC_KIND_LABELS,
    Board,
    BoardWatch,
    Post,
    PostAttachment,
    PostRevision,
    Reaction,
    Topic,
    TopicTag,
    TopicWatch,
)
from marketplace.forum.text import (
    MAX_MENTIONS,
    MAX_TAGS,
    image_markdown,
    mention_handle,
    mentioned_names,
    quote_markdown,
)
from marketplace.i18n import gettext as _
from marketplace.i18n import lazy_gettext as _l
from marketplace.notifications import services as notifications
from marketplace.sentra.models import STATUS_ACTIVE, Membership
from marketplace.timeutil import utcnow

DEFAULT_POSTS_PER_PAGE = 20

notifications.register_kind("forum.reply", _l("%(actor)s replied in %(subject)s"))
notifications.register_kind("forum.mention", _l("%(actor)s mentioned you in %(subject)s"))
notifications.register_kind("forum.accepted", _l("%(actor)s accepted your answer in %(subject)s"))
notifications.register_kind("forum.new_topic", _l("%(actor)s started a new topic: %(subject)s"))

TOPIC_VISIBLE = and_(Topic.hidden_at.is_(None), Topic.deleted_at.is_(None))
POST_VISIBLE = and_(Post.hidden_at.is_(None), Post.deleted_at.is_(None))


class ForumError(ValueError):
    """A change that is refused for a reason the member should read (rate limit, topic with replies...)."""


def _signed_in(user):
    return bool(getattr(user, "is_authenticated", False))


def posts_per_page():
    """How many posts one page of a topic shows."""
    return current_app.config.get("FORUM_POSTS_PER_PAGE", DEFAULT_POSTS_PER_PAGE)


# ---- links -------------------------------------------------------------------------------------


def topic_url(topic, **values):
    """The address of a topic, with its title as a readable slug after the id."""
    return url_for("forum.topic", topic_id=topic.id, slug=topic.slug, **values)


def permalink(topic_id, number):
    """The permalink of post `number` of a topic: it finds the post's page even after more replies."""
    return url_for("forum.post_permalink", topic_id=topic_id, number=number)


def post_url(post):
    """The permalink of a post."""
    return permalink(post.topic_id, post.number)


# ---- posting checks ----------------------------------------------------------------------------


def one_line(text):
    """A title as one line: line breaks and runs of spaces become single spaces (titles go into
    mail subjects, where a line break is refused)."""
    return " ".join((text or "").split())


def _check_posting(user, board, body, new_post=True):
    problem = limits.posting_problem(user, board, body, new_post=new_post)
    if problem:
        raise ForumError(str(problem))


def posting_refusal(user, board):
    """A sentence saying why `user` may not post in `board` (for the 403 page), or None."""
    if not _signed_in(user):
        return _("Log in to take part in the forum.")
    if permissions.is_suspended(user):
        return _("A moderator has suspended your account from posting for a while.")
    if not user.email_confirmed:
        return _("Confirm your email address first: open the link we mailed you.")
    if not user.is_active:
        return _("Your account is closed.")
    if not permissions.can_read(user, board):
        return _("Only members of this sentra can post here.")
    return None


# ---- topics and posts: reading -----------------------------------------------------------------


def readable_topic(user, topic_id):
    """The topic if `user` may read it; 404 for private boards and for hidden or deleted topics
    (moderators of the board still open those)."""
    topic = db.session.get(Topic, topic_id)
    if topic is None or not permissions.can_read(user, topic.board):
        raise NotFound()
    if not topic.is_visible and not permissions.can_moderate(user, topic.board):
        raise NotFound()
    return topic


def readable_post(user, post_id):
    """The post if `user` may read its topic (404 otherwise)."""
    post = db.session.get(Post, post_id)
    if post is None:
        raise NotFound()
    readable_topic(user, post.topic_id)
    return post


def post_by_number(topic, number):
    return db.session.scalar(select(Post).where(Post.topic_id == topic.id, Post.number == number))


def posts_page(topic, page, per_page=None):
    """One page of a topic's posts in order (hidden and deleted ones too: they show as stubs)."""
    query = select(Post).where(Post.topic_id == topic.id).order_by(Post.number)
    return db.paginate(query, page=page, per_page=per_page or posts_per_page(), error_out=False)


def page_of_post(topic, number, per_page=None):
    """The page of the topic that shows post `number`, from the count of posts before it."""
    before = db.session.scalar(
        select(func.count()).select_from(Post).where(Post.topic_id == topic.id, Post.number < number)
    )
    return before // (per_page or posts_per_page()) + 1


def accepted_answer(topic):
    """The accepted answer of a question, when there is one that readers can see."""
    if not topic.accepted_post_id:
        return None
    post = db.session.get(Post, topic.accepted_post_id)
    return post if post is not None and post.is_visible else None


def _moderated_revisions(post):
    """The revisions a moderator's edit left (edited by someone other than the author)."""
    return select(PostRevision.id).where(
        PostRevision.post_id == post.id, PostRevision.edited_by_id.is_distinct_from(post.author_id)
    )


def revisions_query(post, everything=False):
    """The earlier versions of a post, newest first (for a paginated history).

    Without `everything` (readers), the versions from before a moderator's last edit stay out: a
    moderator who takes a phone number or an insult out of a post takes it out of the history too.
    """
    query = select(PostRevision).where(PostRevision.post_id == post.id)
    if not everything:
        last_moderated = select(func.max(PostRevision.id)).where(
            PostRevision.id.in_(_moderated_revisions(post))
        ).scalar_subquery()
        query = query.where(PostRevision.id > func.coalesce(last_moderated, 0))
    return query.order_by(PostRevision.created_at.desc(), PostRevision.id.desc())


def moderator_edited(post):
    """True when a moderator has edited the post (readers are told part of its history is kept back)."""
    return db.session.scalar(select(_moderated_revisions(post).exists()))


def can_see_text(user, post):
    """Hidden and deleted posts keep their text for the board's moderators only."""
    return post.is_visible or permissions.can_moderate(user, post.topic.board)


def quote_for_reply(topic, number):
    """A Markdown quote of post `number` to start a reply with, or '' when there is nothing to quote."""
    post = post_by_number(topic, number) if number else None
    if post is None or not post.is_visible:
        return ""
    handle = "@" + mention_handle(post.author.display_name) if post.author else _("A former member")
    # No link back to the post: links count against new members' link limit.
    intro = _("%(mention)s wrote in #%(number)d:", mention=handle, number=post.number)
    return quote_markdown(post, intro)


def thanked_posts(user, posts):
    """The ids of `posts` that `user` has thanked (one query for a page)."""
    if not _signed_in(user) or not posts:
        return set()
    return set(db.session.scalars(
        select(Reaction.post_id)
        .where(Reaction.user_id == user.id, Reaction.post_id.in_([p.id for p in posts]))
    ))


# ---- permissions on one topic or post ----------------------------------------------------------


def _is_author(user, post_or_topic):
    return _signed_in(user) and post_or_topic.author_id is not None and post_or_topic.author_id == user.id


def can_reply(user, topic):
    """Posting rights in the board, a visible topic, and no lock (moderators may still reply)."""
    board = topic.board
    if not topic.is_visible or not permissions.can_post(user, board):
        return False
    return not topic.is_locked or permissions.can_moderate(user, board)


def can_edit_post(user, post):
    """The author while they may post and the topic is open; the board's moderators always."""
    topic = post.topic
    if not _signed_in(user):
        return False
    if permissions.can_moderate(user, topic.board):
        return True
    return (_is_author(user, post) and post.is_visible and topic.is_visible and not topic.is_locked
            and permissions.can_post(user, topic.board))


def can_edit_own_post(user, post):
    """The author's own edit page (moderators edit others' posts from their menu, with a log entry)."""
    return _is_author(user, post) and can_edit_post(user, post)


def can_delete_post(user, post):
    """The author of a visible post in an open topic (moderators delete from their menu, logged)."""
    topic = post.topic
    if not _is_author(user, post) or not post.is_visible:
        return False
    return topic.is_visible and not topic.is_locked and permissions.can_read(user, topic.board)


def can_thank(user, post):
    """Members who may post can thank a visible post of someone else, once."""
    topic = post.topic
    return (_signed_in(user) and not _is_author(user, post) and post.is_visible and topic.is_visible
            and permissions.can_post(user, topic.board))


def can_accept(user, topic, post=None):
    """On a question, the asker, the board's moderators and the UPT staff concerned pick the answer."""
    if topic.kind != KIND_QUESTION or not topic.is_visible:
        return False
    if post is not None and not is_acceptable(topic, post):
        return False
    return permissions.can_accept_answer(user, topic)


def is_acceptable(topic, post):
    """A visible reply of the topic (never the question itself) can be its accepted answer."""
    return post.topic_id == topic.id and post.number > 1 and post.is_visible


# ---- topics and posts: writing -----------------------------------------------------------------


def _body_with_images(body, images, alt):
    body = (body or "").rstrip()
    if images:
        pictures = "\n\n".join(image_markdown(image, alt) for image in images)
        body = f"{body}\n\n{pictures}"
    return body


def _attach(post, images):
    for position, image in enumerate(images):
        db.session.add(PostAttachment(post_id=post.id, image_id=image.id, position=position))


def _set_tags(topic, tags):
    wanted = list(dict.fromkeys(tags))[:MAX_TAGS]
    topic.tags = [tag for tag in topic.tags if tag.tag in wanted] + [
        TopicTag(tag=tag) for tag in wanted if tag not in {t.tag for t in topic.tags}
    ]


def create_topic(author, board, kind, title, body, tags=(), images=(), image_alt=""):
    """Start a topic with its opening post; the author watches it, board watchers hear of it."""
    if not permissions.can_post(author, board):
        raise Forbidden()
    if kind not in TOPIC_KIND_LABELS:
        raise ForumError(_("Choose what kind of topic this is."))
    _check_posting(author, board, body)
    now = utcnow()
    topic = Topic(board_id=board.id, board=board, author_id=author.id, kind=kind, title=one_line(title),
                  post_count=1, last_post_number=1, last_post_at=now, created_at=now)
    _set_tags(topic, tags)
    db.session.add(topic)
    db.session.flush()
    post = Post(topic_id=topic.id, number=1, author_id=author.id,
                body=_body_with_images(body, images, image_alt), created_at=now)
    db.session.add(post)
    board.topic_count = Board.topic_count + 1
    board.post_count = Board.post_count + 1
    board.last_post_at = now
    db.session.flush()
    _attach(post, images)
    _tell_watchers(author, topic, post, body, BoardWatch, BoardWatch.board_id == board.id, "forum.new_topic")
    return topic


def reply(author, topic, body, images=(), image_alt=""):
    """Add a post at the end of a topic; its author watches the topic, watchers and mentioned hear."""
    board = topic.board
    if not can_reply(author, topic):
        raise Forbidden()
    _check_posting(author, board, body)
    now = utcnow()
    # One UPDATE hands out the number: concurrent replies wait for each other's row lock.
    topic.last_post_number = Topic.last_post_number + 1
    topic.post_count = Topic.post_count + 1
    topic.last_post_at = now
    board.post_count = Board.post_count + 1
    board.last_post_at = now
    db.session.flush()
    post = Post(topic_id=topic.id, number=topic.last_post_number, author_id=author.id,
                body=_body_with_images(body, images, image_alt), created_at=now)
    db.session.add(post)
    db.session.flush()
    _attach(post, images)
    _tell_watchers(author, topic, post, body, TopicWatch, TopicWatch.topic_id == topic.id, "forum.reply")
    return post


def _tell_watchers(author, topic, post, body, watch, watched, kind):
    """After a new post: its author watches the topic, the people it mentions hear of it, then the
    active `watch`ers (`watched`: of the board or the topic) who may read the board, as `kind`."""
    reading.watch_topic(author, topic)
    mentioned = _notify_mentions(author, topic, post, body)
    watchers = db.session.scalars(
        select(User).join(watch, watch.user_id == User.id)
        .where(watched, User.id != author.id, User.active.is_(True))
    ).all()
    for user in _may_read(topic.board, watchers):
        if user.id not in mentioned:
            notifications.notify(user, kind, permalink(topic.id, post.number), topic.title, author)


def edit_post(actor, post, body, reason=None, title=None, tags=None):
    """Change a post's text (and, on the opening post, the topic's title and tags).

    The text before the change is kept as a PostRevision, so the history stays visible. People
    mentioned for the first time hear of it. Returns True when something changed.
    """
    topic = post.topic
    if not can_edit_post(actor, post):
        raise Forbidden()
    if _is_author(actor, post):
        _check_posting(actor, topic.board, body, new_post=False)
    body = (body or "").rstrip()
    title = one_line(title) if title is not None and post.number == 1 else None
    title_changed = bool(title) and title != topic.title
    body_changed = body != post.body
    changed = False
    if body_changed or title_changed:
        db.session.add(PostRevision(
            post_id=post.id, body=post.body, title=topic.title if title_changed else None,
            edited_by_id=actor.id, reason=(reason or "").strip()[:300] or None,
        ))
        previous = post.body
        post.body = body
        post.edited_at = utcnow()
        post.edit_count = (post.edit_count or 0) + 1
        if title_changed:
            topic.title = title
        if body_changed:
            _notify_mentions(actor, topic, post, body, previous=previous)
        changed = True
    if tags is not None and post.number == 1:
        before = [t.tag for t in topic.tags]
        _set_tags(topic, tags)
        changed = changed or before != [t.tag for t in topic.tags]
    return changed


def delete_post(actor, post):
    """Soft-delete a post; the opening post takes its topic along, only while nobody replied.

    Returns True when the whole topic was deleted.
    """
    topic = post.topic
    if not can_delete_post(actor, post):
        raise Forbidden()
    now = utcnow()
    whole_topic = post.number == 1
    if whole_topic:
        replies = db.session.scalar(
            select(func.count()).select_from(Post)
            .where(Post.topic_id == topic.id, Post.number > 1, POST_VISIBLE)
        )
        if replies:
            raise ForumError(_("Others have replied, so the topic stays. You can still edit your text."))
        topic.deleted_at = now
    post.deleted_at = now
    post.deleted_by_id = actor.id
    if topic.accepted_post_id == post.id:
        topic.accepted_post_id = None
        topic.accepted_at = None
    db.session.flush()
    recount_topic(topic)
    recount_board(topic.board)
    return whole_topic


def accept_answer(actor, post):
    """Mark a reply as the accepted answer of its question; its author hears of it."""
    topic = post.topic
    if not can_accept(actor, topic, post):
        raise Forbidden()
    if topic.accepted_post_id == post.id:
        return
    topic.accepted_post_id = post.id
    topic.accepted_at = utcnow()
    if post.author is not None and _may_read(topic.board, [post.author]):
        notifications.notify(post.author, "forum.accepted", permalink(topic.id, post.number), topic.title,
                             actor)


def unaccept_answer(actor, topic):
    """The question has no accepted answer any more."""
    if not can_accept(actor, topic):
        raise Forbidden()
    topic.accepted_post_id = None
    topic.accepted_at = None


def toggle_thanks(user, post):
    """Say "terima kasih" for a post, or take it back. Returns True when the thanks now stands."""
    if not can_thank(user, post):
        raise Forbidden()
    existing = db.session.get(Reaction, (post.id, user.id))
    if existing is not None:
        db.session.delete(existing)
        post.reaction_count = Post.reaction_count - 1
        return False
    db.session.add(Reaction(post_id=post.id, user_id=user.id))
    post.reaction_count = Post.reaction_count + 1
    return True


# ---- counters ----------------------------------------------------------------------------------


def recount_topic(topic):
    """Recount a topic's visible posts and latest activity (after hiding, deleting, moving)."""
    count, last_at = db.session.execute(
        select(func.count(), func.max(Post.created_at)).where(Post.topic_id == topic.id, POST_VISIBLE)
    ).one()
    highest = db.session.scalar(select(func.max(Post.number)).where(Post.topic_id == topic.id))
    topic.post_count = count
    topic.last_post_at = last_at or topic.created_at
    topic.last_post_number = highest or 0


def recount_board(board):
    """Recount a board's visible topics and posts and its latest activity."""
    db.session.flush()
    count, posts, last_at = db.session.execute(
        select(func.count(), func.coalesce(func.sum(Topic.post_count), 0), func.max(Topic.last_post_at))
        .where(Topic.board_id == board.id, TOPIC_VISIBLE)
    ).one()
    board.topic_count = count
    board.post_count = posts
    board.last_post_at = last_at


# ---- who hears about what ----------------------------------------------------------------------


def _may_read(board, users):
    """Those of `users` who may read `board` (members-only boards never leak into notifications)."""
    users = [user for user in users if user is not None]
    if board.is_public or not users:
        return users
    members = set()
    if board.kind == BOARD_SENTRA:
        members = set(db.session.scalars(
            select(Membership.user_id).where(
                Membership.sentra_id == board.sentra_id, Membership.status == STATUS_ACTIVE,
                Membership.user_id.in_([user.id for user in users]),
            )
        ))
    return [user for user in users if user.id in members or user.is_admin or user.is_moderator]


def mentioned_users(body, board, exclude_names=()):
    """The people mentioned in `body` who may read `board` (at most MAX_MENTIONS names)."""
    names = [name for name in mentioned_names(body) if name not in set(exclude_names)][:MAX_MENTIONS]
    if not names:
        return []
    users = db.session.scalars(
        select(User).where(func.lower(User.display_name).in_(names), User.active.is_(True))
        .order_by(User.id).limit(MAX_MENTIONS * 3)
    ).all()
    return _may_read(board, users)


def _notify_mentions(actor, topic, post, body, previous=""):
    """Tell the people newly mentioned in a post; returns their ids."""
    users = mentioned_users(body, topic.board, exclude_names=mentioned_names(previous))
    told = set()
    for user in users:
        if user.id != actor.id and notifications.notify(
            user, "forum.mention", permalink(topic.id, post.number), topic.title, actor
        ):
            told.add(user.id)
    return told

