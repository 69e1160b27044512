"""Following topics and boards, how far each member has read, and view counts.

Reading bookkeeping is written without a query per post: one upsert per page seen, one counter
update per session and topic. Functions add to the session and never commit.
"""

from flask import url_for
from sqlalchemy import case, select, update
from werkzeug.exceptions import NotFound

from marketplace.extensions import db
from marketplace.forum import permissions
from marketplace.forum.models import BoardWatch, Topic, TopicRead, TopicWatch
from marketplace.notifications import services as notifications
from marketplace.timeutil import utcnow

SEEN_TOPICS_KEPT = 40  # topic ids remembered per session so a view is counted once


def _signed_in(user):
    return bool(getattr(user, "is_authenticated", False))


def topic_path_prefix(topic_id):
    """The start of every permalink in a topic (notifications point at permalinks)."""
    return url_for("forum.post_permalink", topic_id=topic_id, number=1).rsplit("/", 1)[0] + "/"



def read_marks(user, topics):
    """{topic id: highest post number `user` has seen} for the topics they opened before."""
    if not _signed_in(user) or not topics:
        return {}
    return dict(db.session.execute(
        select(TopicRead.topic_id, TopicRead.last_read_number)
        .where(TopicRead.user_id == user.id, TopicRead.topic_id.in_([t.id for t in topics]))
    ).all())



def watch_topic(user, topic):
    if db.session.get(TopicWatch, (user.id, topic.id)) is None:
        db.session.add(TopicWatch(user_id=user.id, topic_id=topic.id))


def unwatch_topic(user, topic):
    watch = db.session.get(TopicWatch, (user.id, topic.id))
    if watch is not None:
        db.session.delete(watch)


def is_watching_topic(user, topic):
    return _signed_in(user) and db.session.get(TopicWatch, (user.id, topic.id)) is not None


def watch_board(user, board):
    if not permissions.can_read(user, board):
        raise NotFound()
    if db.session.get(BoardWatch, (user.id, board.id)) is None:
        db.session.add(BoardWatch(user_id=user.id, board_id=board.id))


def unwatch_board(user, board):
    watch = db.session.get(BoardWatch, (user.id, board.id))
    if watch is not None:
        db.session.delete(watch)


def is_watching_board(user, board):
    return _signed_in(user) and db.session.get(BoardWatch, (user.id, board.id)) is not None


def _upsert(dialect):
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    return insert


def mark_read(user, topic, number):
    """`user` has seen the topic up to post `number`: one upsert that never moves backwards.

    Their notifications about the topic are marked read too.
    """
    table = TopicRead.__table__
    now = utcnow()
    insert = _upsert(db.session.get_bind().dialect.name)
    statement = insert(table).values(user_id=user.id, topic_id=topic.id, last_read_number=number, read_at=now)
    statement = statement.on_conflict_do_update(
        index_elements=[table.c.user_id, table.c.topic_id],
        set_={
            "last_read_number": case(
                (table.c.last_read_number < number, number), else_=table.c.last_read_number
            ),
            "read_at": now,
        },
    )
    db.session.execute(statement)
    notifications.mark_read_for_prefix(user, topic_path_prefix(topic.id))


def record_reading(user, topic, shown):
    """`user` sees posts `shown` (numbers, in order) of a topic: advance their read mark.

    Returns the permalink of their first unread post when it is not on this page, else None.
    """
    if not _signed_in(user) or not shown:
        return None
    seen_up_to = read_marks(user, [topic]).get(topic.id)
    first_unread = None
    if seen_up_to is not None and seen_up_to < topic.last_post_number:
        if not shown[0] <= seen_up_to + 1 <= shown[-1]:
            first_unread = url_for("forum.post_permalink", topic_id=topic.id, number=seen_up_to + 1)
    mark_read(user, topic, shown[-1])
    return first_unread


def count_view(topic, seen):
    """Count a view of the topic unless this session counted one (`seen`: the session's topic ids).

    Returns the updated list of seen ids to keep in the session, or None when nothing changed.
    """
    if topic.id in seen:
        return None
    db.session.execute(
        update(Topic).where(Topic.id == topic.id).values(view_count=Topic.view_count + 1)
        .execution_options(synchronize_session=False)
    )
    return ([*seen, topic.id])[-SEEN_TOPICS_KEPT:]
