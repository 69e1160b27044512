"""Long topics: pages, permalinks that keep working, and unread tracking for members."""

from sqlalchemy import select

from marketplace.extensions import db as _db
from marketplace.forum.models import TopicRead
from tests.forum.core import (
    Tapis,
    client_for,
    html_of,
    make_post,
    make_topic,
    post_ids_on_page,
    send,
)


def long_topic(w, replies):
    topic = make_topic(w.subject, w.siti, title="Diskusi panjang tentang tungku gerabah")
    for n in range(replies):
        make_post(topic, w.rini if n % 2 else w.upt, body=f"Balasan nomor {n + 2}")
    return topic


def read_mark(user, topic):
    _db.session.expire_all()
    return _db.session.scalar(
        select(TopicRead.last_read_number).where(TopicRead.user_id == user.id, TopicRead.topic_id == topic.id)
    )


def test_long_topics_are_paginated_in_order(app, client, db):
    app.config["FORUM_POSTS_PER_PAGE"] = 4
    w = Tapis()
    topic = long_topic(w, 9)  # posts 1..10
    assert post_ids_on_page(html_of(client.get(f"/forum/t/{topic.id}"))) == [1, 2, 3, 4]
    assert post_ids_on_page(html_of(client.get(f"/forum/t/{topic.id}?page=3"))) == [9, 10]
    beyond = client.get(f"/forum/t/{topic.id}?page=9")
    assert beyond.status_code == 302 and "page=3" in beyond.headers["Location"]


def test_permalinks_land_on_the_right_page_even_after_more_replies(app, client, db):
    app.config["FORUM_POSTS_PER_PAGE"] = 4
    w = Tapis()
    topic = long_topic(w, 5)  # posts 1..6
    response = client.get(f"/forum/t/{topic.id}/p/6")
    assert response.status_code == 302
    assert response.headers["Location"] == f"/forum/t/{topic.id}-{topic.slug}?page=2#post-6"
    for n in range(10):
        make_post(topic, w.rini, body=f"Balasan baru {n}")
    assert client.get(f"/forum/t/{topic.id}/p/6").headers["Location"].endswith("?page=2#post-6")
    first = client.get(f"/forum/t/{topic.id}/p/1").headers["Location"]
    assert first == f"/forum/t/{topic.id}-{topic.slug}#post-1"
    last = client.get(f"/forum/t/{topic.id}/p/16").headers["Location"]
    assert last.endswith("?page=4#post-16")
    page = html_of(client.get(last.split("#")[0]))
    assert 16 in post_ids_on_page(page) and 'id="post-16"' in page
    assert client.get(f"/forum/t/{topic.id}/p/17").status_code == 404
    assert client.get(f"/forum/t/{topic.id}/p/0").status_code == 404


def test_every_post_shows_its_permalink(client, db):
    w = Tapis()
    topic = long_topic(w, 2)
    html = html_of(client.get(f"/forum/t/{topic.id}"))
    for number in (1, 2, 3):
        assert f'href="/forum/t/{topic.id}/p/{number}"' in html


def test_reading_a_page_advances_the_read_mark_to_its_last_post(app, db):
    app.config["FORUM_POSTS_PER_PAGE"] = 4
    w = Tapis()
    topic = long_topic(w, 9)
    siti = client_for(app, w.siti)
    siti.get(f"/forum/t/{topic.id}")
    assert read_mark(w.siti, topic) == 4
    siti.get(f"/forum/t/{topic.id}?page=3")
    assert read_mark(w.siti, topic) == 10
    siti.get(f"/forum/t/{topic.id}?page=1")
    assert read_mark(w.siti, topic) == 10  # never moves backwards
    assert read_mark(w.rini, topic) is None  # visitors and other members are not touched


def test_members_see_how_many_posts_are_new_and_jump_to_the_first_unread(app, db):
    app.config["FORUM_POSTS_PER_PAGE"] = 2
    w = Tapis()
    topic = long_topic(w, 2)  # posts 1..3
    siti = client_for(app, w.siti)
    siti.get(f"/forum/t/{topic.id}?page=2")
    assert read_mark(w.siti, topic) == 3
    board = html_of(siti.get("/forum/pewarnaan"))
    assert "new</a>" not in board and "jump to the first unread post" not in board
    for n in range(3):
        make_post(topic, w.outsider, body=f"Tambahan {n}")  # posts 4..6
    board = html_of(siti.get("/forum/pewarnaan"))
    assert "3 new" in board
    assert f'href="/forum/t/{topic.id}/p/4"' in board
    assert "3 new" in html_of(siti.get("/forum"))
    # The topic page offers the jump when the first unread post is on another page.
    first_page = html_of(siti.get(f"/forum/t/{topic.id}"))
    assert "Jump to the first unread post" in first_page
    assert f'href="/forum/t/{topic.id}/p/4"' in first_page
    jump = siti.get(f"/forum/t/{topic.id}/p/4").headers["Location"]
    assert jump.endswith("?page=2#post-4")
    siti.get(f"/forum/t/{topic.id}?page=3")
    assert read_mark(w.siti, topic) == 6
    assert "new</a>" not in html_of(siti.get("/forum/pewarnaan"))


def test_visitors_never_see_unread_markers(client, db):
    w = Tapis()
    topic = long_topic(w, 2)
    client.get(f"/forum/t/{topic.id}")
    assert "new</a>" not in html_of(client.get("/forum/pewarnaan"))
    assert _db.session.scalar(select(TopicRead.user_id)) is None


def test_replying_lands_on_the_new_post(app, db):
    app.config["FORUM_POSTS_PER_PAGE"] = 3
    w = Tapis()
    topic = long_topic(w, 4)  # posts 1..5, the last page is 2
    siti = client_for(app, w.siti)
    response = send(siti, f"/forum/t/{topic.id}/reply", {"body": "Jawaban saya"})
    permalink = response.headers["Location"]
    assert permalink == f"/forum/t/{topic.id}/p/6"
    assert siti.get(permalink).headers["Location"].endswith("?page=2#post-6")
