"""Shared forum factories: boards, topics and posts written directly with the models.

Counters (topic/board post_count, last_post_number, last_post_at, topic_count) are kept right, the way
the forum services keep them, so tests can rely on them.
"""

from datetime import timedelta

import pytest

from marketplace.extensions import db as _db
from marketplace.timeutil import utcnow


def make_board(slug=None, name=None, sentra=None, visibility="public", **fields):
    """A committed board: a subject board, or the board of `sentra` when given."""
    from marketplace.forum.models import BOARD_SENTRA, BOARD_SUBJECT, Board

    if sentra is not None:
        slug = slug or sentra.slug
        name = name or sentra.name
        fields.setdefault("kind", BOARD_SENTRA)
        fields["sentra_id"] = sentra.id
    else:
        slug = slug or "teknik-produksi"
        fields.setdefault("kind", BOARD_SUBJECT)
    board = Board(slug=slug, name=name or slug.replace("-", " ").title(), visibility=visibility, **fields)
    _db.session.add(board)
    _db.session.commit()
    return board


def make_topic(board, author, title="Bagaimana mewarnai benang tapis?", kind="discussion",
               body="Saya ingin belajar pewarnaan alami.", created_at=None, **fields):
    """A committed topic in `board` with its opening post (number 1) by `author`."""
    from marketplace.forum.models import Post, Topic

    when = created_at or utcnow()
    topic = Topic(
        board_id=board.id, author_id=author.id if author else None, kind=kind, title=title,
        post_count=1, last_post_number=1, last_post_at=when, created_at=when, **fields,
    )
    _db.session.add(topic)
    _db.session.flush()
    post = Post(topic_id=topic.id, number=1, author_id=author.id if author else None, body=body,
                created_at=when)
    _db.session.add(post)
    board.topic_count = (board.topic_count or 0) + 1
    board.post_count = (board.post_count or 0) + 1
    if board.last_post_at is None or _aware(board.last_post_at) < when:
        board.last_post_at = when
    _db.session.commit()
    return topic


def make_post(topic, author, body="Pakai daun indigo, rendam semalam.", created_at=None, **fields):
    """A committed reply in `topic` by `author`, numbered after the topic's last post."""
    from marketplace.forum.models import Board, Post

    when = created_at or utcnow()
    number = (topic.last_post_number or 0) + 1
    post = Post(topic_id=topic.id, number=number, author_id=author.id if author else None, body=body,
                created_at=when, **fields)
    _db.session.add(post)
    topic.last_post_number = number
    board = _db.session.get(Board, topic.board_id)
    if post.hidden_at is None and post.deleted_at is None:
        topic.post_count = (topic.post_count or 0) + 1
        board.post_count = (board.post_count or 0) + 1
        if topic.last_post_at is None or _aware(topic.last_post_at) < when:
            topic.last_post_at = when
        if board.last_post_at is None or _aware(board.last_post_at) < when:
            board.last_post_at = when
    _db.session.commit()
    return post


def first_post(topic):
    """The opening post of `topic`."""
    from sqlalchemy import select

    from marketplace.forum.models import Post

    return _db.session.scalar(select(Post).where(Post.topic_id == topic.id, Post.number == 1))


def days_ago(days):
    """A moment `days` days in the past (for account ages and post times)."""
    return utcnow() - timedelta(days=days)


def _aware(moment):
    """SQLite hands back naive UTC datetimes; make them comparable with aware ones."""
    from datetime import UTC

    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


# ---- a forum with every kind of person (moderation, limits, private boards) ----------------


class ForumWorld:
    """Two sentra with their boards (A public, B members-only), a subject board and their people."""


@pytest.fixture
def client(app):
    """A visitor's browser reading English (the source strings), whatever the catalogues say."""
    browser = app.test_client()
    browser.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    return browser


def client_for(app, user):
    """A separate browser (test client) logged in as `user` through the real login form."""
    from tests.conftest import AuthActions

    browser = app.test_client()
    browser.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"  # the source strings, whatever the catalogues say
    response = AuthActions(browser).login(user.email)
    assert response.status_code in (302, 303), response.status_code
    return browser



@pytest.fixture
def forum(app):
    """Boards, topics and people for moderation tests (old accounts unless the name says new)."""
    from tests.conftest import make_membership, make_sentra, make_user

    w = ForumWorld()
    old = days_ago(60)
    w.sentra_a = make_sentra("tenun-tapis-bandar-lampung", name="Sentra Tenun Tapis")
    w.sentra_b = make_sentra("gerabah-kasongan", name="Sentra Gerabah Kasongan", commodity="gerabah-keramik",
                             province="di-yogyakarta", regency="Kabupaten Bantul")
    w.admin = make_user("admin@test.id", display_name="Admin Situs", is_admin=True, created_at=old)
    w.moderator = make_user("moderator@test.id", display_name="Moderator Situs", is_moderator=True,
                            created_at=old)
    w.upt_a = make_user("upt-a@test.id", display_name="Staf UPT Tapis", created_at=old)
    w.pengurus_a = make_user("pengurus-a@test.id", display_name="Ketua Tapis", created_at=old)
    w.anggota_a = make_user("anggota-a@test.id", display_name="Ani Anggota", created_at=old)
    w.upt_b = make_user("upt-b@test.id", display_name="Staf UPT Gerabah", created_at=old)
    w.member_b = make_user("member-b@test.id", display_name="Budi Gerabah", created_at=old)
    w.author = make_user("author@test.id", display_name="Siti Penulis", created_at=old)
    w.outsider = make_user("outsider@test.id", display_name="Orang Luar", created_at=old)
    make_membership(w.sentra_a, w.upt_a, role="upt")
    make_membership(w.sentra_a, w.pengurus_a, role="pengurus")
    make_membership(w.sentra_a, w.anggota_a)
    make_membership(w.sentra_b, w.upt_b, role="upt")
    make_membership(w.sentra_b, w.member_b)
    w.subject = make_board("pewarnaan", name="Pewarnaan")
    w.board_a = make_board(sentra=w.sentra_a)
    w.board_b = make_board(sentra=w.sentra_b, visibility="members")
    w.topic_a = make_topic(w.board_a, w.author, title="Pewarna alami untuk benang tapis",
                           body="Daun indigo atau kulit kayu?", created_at=days_ago(2))
    w.reply_a = make_post(w.topic_a, w.anggota_a, body="Beli pewarna murah di toko saya!",
                          created_at=days_ago(1))
    w.topic_b = make_topic(w.board_b, w.member_b, title="Suhu pembakaran gerabah rahasia",
                           body="Tungku kami mencapai 900 derajat.", created_at=days_ago(2))
    w.reply_b = make_post(w.topic_b, w.upt_b, body="Coba naikkan pelan-pelan.", created_at=days_ago(1))
    w.topic_s = make_topic(w.subject, w.author, title="Fiksasi warna dengan tawas",
                           body="Berapa gram tawas per liter?", created_at=days_ago(3))
    w.reply_s = make_post(w.topic_s, w.anggota_a, body="Sekitar 50 gram.", created_at=days_ago(2))
    return w


def token(browser):
    """A CSRF token of this browser's session, read from a page like a browser would."""
    from tests.conftest import csrf_from

    return csrf_from(browser.get("/account").get_data(as_text=True))


def notifications_of(user, kind=None):
    """The notifications `user` received (of `kind`), oldest first."""
    from sqlalchemy import select

    from marketplace.notifications.models import Notification

    query = select(Notification).where(Notification.user_id == user.id).order_by(Notification.id)
    if kind:
        query = query.where(Notification.kind == kind)
    return list(_db.session.scalars(query))


def log_entries(action=None):
    """The moderation log, oldest first."""
    from sqlalchemy import select

    from marketplace.forum.models import ModerationAction

    query = select(ModerationAction).order_by(ModerationAction.id)
    if action:
        query = query.where(ModerationAction.action == action)
    return list(_db.session.scalars(query))
