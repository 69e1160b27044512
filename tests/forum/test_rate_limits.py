"""New accounts post a few times an hour and few links until one of their answers is accepted."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from marketplace.extensions import db as _db
from marketplace.forum.limits import count_links, posting_problem
from marketplace.forum.models import Post
from marketplace.timeutil import utcnow
from tests.conftest import make_user
from tests.forum.conftest import client_for, days_ago, make_post, make_topic, token

THREE_LINKS = "Lihat https://a.example, [toko](https://b.example) dan <https://c.example>."
TWO_LINKS = "Lihat https://a.example dan [toko](https://b.example)."


def problem(app, user, board, body="Terima kasih atas jawabannya."):
    with app.test_request_context(headers={"Accept-Language": "en"}):  # the source strings
        found = posting_problem(user, board, body)
        return str(found) if found else None


def posts_in_the_last_hour(topic, user, count):
    for n in range(count):
        make_post(topic, user, body=f"Balasan {n}", created_at=utcnow() - timedelta(minutes=50 - n))


@pytest.mark.parametrize("body, links", [
    ("Tanpa tautan sama sekali.", 0),
    ("Satu: https://contoh.id/pewarna", 1),
    ("[indigo](https://contoh.id/indigo)", 1),
    ("<https://contoh.id> dan <mailto:siti@contoh.id>", 2),
    ("www.contoh.id dan http://contoh.id/a", 2),
    ("![tenun](/media/0123456789abcdef-medium.webp)", 0),
    ("[dua kali](https://contoh.id) https://contoh.id/lain", 2),
    ("[referensi][1]\n\n[1]: https://contoh.id/ref", 1),
    (THREE_LINKS, 3),
])
def test_links_are_counted_once_each_whatever_way_they_are_written(body, links):
    assert count_links(body) == links


def test_new_account_may_post_five_times_an_hour(app, forum):
    newbie = make_user("baru@test.id", display_name="Anggota Baru")
    topic = make_topic(forum.subject, forum.author)
    posts_in_the_last_hour(topic, newbie, 4)
    assert problem(app, newbie, forum.subject) is None
    make_post(topic, newbie, body="Balasan kelima")
    refused = problem(app, newbie, forum.subject)
    assert refused and "5 times an hour" in refused


def test_posts_older_than_an_hour_do_not_count(app, forum):
    newbie = make_user("baru@test.id")
    topic = make_topic(forum.subject, forum.author)
    for n in range(6):
        make_post(topic, newbie, body=f"Kemarin {n}", created_at=utcnow() - timedelta(hours=2, minutes=n))
    assert problem(app, newbie, forum.subject) is None


def test_older_accounts_have_the_general_hourly_limit(app, forum):
    app.config["POSTS_PER_HOUR"] = 8
    veteran = make_user("lama@test.id", created_at=days_ago(30))
    topic = make_topic(forum.subject, forum.author)
    posts_in_the_last_hour(topic, veteran, 7)
    assert problem(app, veteran, forum.subject) is None
    make_post(topic, veteran)
    refused = problem(app, veteran, forum.subject)
    assert refused and "8 times an hour" in refused


def test_limits_come_from_the_configuration(app, forum):
    app.config.update(NEW_ACCOUNT_DAYS=1, NEW_ACCOUNT_POSTS_PER_HOUR=1)
    two_days_old = make_user("dua-hari@test.id", created_at=days_ago(2))
    newbie = make_user("baru@test.id")
    topic = make_topic(forum.subject, forum.author)
    posts_in_the_last_hour(topic, two_days_old, 1)
    posts_in_the_last_hour(topic, newbie, 1)
    assert problem(app, two_days_old, forum.subject) is None  # no longer new after one day
    assert "1 time an hour" in problem(app, newbie, forum.subject)


def test_members_without_an_accepted_answer_post_at_most_two_links(app, forum):
    assert problem(app, forum.author, forum.subject, TWO_LINKS) is None
    refused = problem(app, forum.author, forum.subject, THREE_LINKS)
    assert refused and "at most 2 links" in refused


def test_an_accepted_answer_lifts_the_link_limit(app, forum):
    question = make_topic(forum.subject, forum.outsider, title="Tawas berapa gram?", kind="question")
    answer = make_post(question, forum.author, body="50 gram per liter.")
    question.accepted_post_id = answer.id
    _db.session.commit()
    assert problem(app, forum.author, forum.subject, THREE_LINKS) is None
    app.config["TRUSTED_ACCEPTED_ANSWERS"] = 2
    assert problem(app, forum.author, forum.subject, THREE_LINKS) is not None


def test_staff_and_the_boards_moderators_may_post_links(app, forum):
    assert problem(app, forum.moderator, forum.subject, THREE_LINKS) is None
    assert problem(app, forum.upt_a, forum.board_a, THREE_LINKS) is None
    assert problem(app, forum.upt_a, forum.subject, THREE_LINKS) is not None


def test_the_hourly_count_is_one_query_on_the_author_and_time_index(app, forum):
    from sqlalchemy import event

    statements = []
    listener = lambda *args: statements.append(args[2])  # noqa: E731
    event.listen(_db.engine, "before_cursor_execute", listener)
    try:
        problem(app, forum.author, forum.subject, "Tanpa tautan")
    finally:
        event.remove(_db.engine, "before_cursor_execute", listener)
    [count] = [sql for sql in statements if "forum_post" in sql]
    assert "forum_post.author_id" in count and "forum_post.created_at" in count
    if _db.engine.dialect.name == "sqlite":
        plan = " ".join(str(row) for row in _db.session.execute(_db.text(
            "EXPLAIN QUERY PLAN SELECT count(*) FROM forum_post WHERE author_id = 1 AND created_at >= '2024'"
        )))
        assert "ix_forum_post_author_created" in plan


# ---- through the forum's own pages, like a member -----------------------------------------


def reply(browser, topic, body):
    return browser.post(f"/forum/t/{topic.id}/reply", data={"csrf_token": token(browser), "body": body})


def replies_by(user):
    return _db.session.scalar(select(func.count()).select_from(Post).where(Post.author_id == user.id))


def test_new_member_replying_a_sixth_time_in_an_hour_is_asked_to_wait(app, forum):
    newbie = make_user("baru@test.id", display_name="Anggota Baru")
    browser = client_for(app, newbie)
    for n in range(5):
        assert reply(browser, forum.topic_s, f"Balasan ke-{n + 1} tentang tawas").status_code == 302
    response = reply(browser, forum.topic_s, "Balasan keenam tentang tawas")
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "5 times an hour" in html and "Balasan keenam tentang tawas" in html
    assert replies_by(newbie) == 5


def test_a_new_member_at_the_hourly_limit_can_still_fix_a_typo(app, forum):
    newbie = make_user("baru@test.id", display_name="Anggota Baru")
    browser = client_for(app, newbie)
    for n in range(5):
        assert reply(browser, forum.topic_s, f"Balasan ke-{n + 1} tentang tawas").status_code == 302
    last = _db.session.scalar(select(Post).where(Post.author_id == newbie.id).order_by(Post.id.desc()))
    url = f"/forum/p/{last.id}/edit"
    response = browser.post(url, data={"csrf_token": token(browser), "body": "Balasan kelima tentang tawas"})
    assert response.status_code == 302  # an edit is not another post
    _db.session.expire_all()
    assert _db.session.get(Post, last.id).body == "Balasan kelima tentang tawas"
    # The link limit still holds for edits.
    response = browser.post(url, data={"csrf_token": token(browser), "body": THREE_LINKS})
    assert response.status_code == 422 and "at most 2 links" in response.get_data(as_text=True)


def test_new_member_cannot_start_a_topic_with_many_links(app, forum):
    browser = client_for(app, make_user("baru@test.id"))
    data = {"kind": "discussion", "title": "Toko pewarna alami terbaik", "body": THREE_LINKS, "tags": ""}
    response = browser.post("/forum/pewarnaan/new", data={"csrf_token": token(browser), **data})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "at most 2 links" in html and "Toko pewarna alami terbaik" in html
    data["body"] = TWO_LINKS
    response = browser.post("/forum/pewarnaan/new", data={"csrf_token": token(browser), **data})
    assert response.status_code == 302


def test_suspended_member_cannot_reply_until_the_suspension_ends(app, forum):
    moderator = client_for(app, forum.moderator)
    moderator.post(f"/forum/moderation/users/{forum.author.id}/suspend",
                   data={"csrf_token": token(moderator), "days": "3", "reason": "Kasar"})
    browser = client_for(app, forum.author)
    before = replies_by(forum.author)
    response = reply(browser, forum.topic_s, "Saya tetap mau membalas")
    assert response.status_code == 403
    assert "suspended" in response.get_data(as_text=True)
    assert replies_by(forum.author) == before

    forum.author.suspended_until = utcnow() - timedelta(seconds=1)
    _db.session.commit()
    assert reply(browser, forum.topic_s, "Maaf, saya kembali dengan sopan").status_code == 302
    assert replies_by(forum.author) == before + 1


def test_members_cannot_reply_in_a_locked_topic_but_moderators_can(app, forum):
    upt = client_for(app, forum.upt_a)
    upt.post(f"/forum/moderation/t/{forum.topic_a.id}/lock", data={"csrf_token": token(upt)})
    assert reply(client_for(app, forum.outsider), forum.topic_a, "Masih ada pertanyaan").status_code == 403
    assert reply(upt, forum.topic_a, "Topik ini ditutup karena sudah terjawab.").status_code == 302
