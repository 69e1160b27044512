"""Who hears about what: watched topics and boards, @mentions and accepted answers, in the app and
by mail; members-only boards never reach people outside the sentra."""

import pytest

from marketplace.extensions import db as _db
from tests.conftest import make_membership
from tests.forum.conftest import notifications_of
from tests.forum.core import (
    Tapis,
    client_for,
    html_of,
    mails_to,
    make_post,
    make_topic,
    member,
    send,
)


@pytest.fixture
def w(app):
    w = Tapis()
    for person in (w.siti, w.rini, w.upt, w.outsider, w.pengurus):
        person.notify_email = "off"
    _db.session.commit()
    return w


def watch(user, *topics):
    """`user` follows the topics (as the author of a topic started through the site does)."""
    from marketplace.forum.models import TopicWatch

    for topic in topics:
        _db.session.add(TopicWatch(user_id=user.id, topic_id=topic.id))
    _db.session.commit()


def reply(app, user, topic, body):
    response = send(client_for(app, user), f"/forum/t/{topic.id}/reply", {"body": body})
    assert response.status_code == 302, html_of(response)[:500]
    return response


def test_the_author_watches_their_topic_and_hears_about_replies(app, w):
    siti = client_for(app, w.siti)
    send(siti, "/forum/pewarnaan/new", {"kind": "question", "title": "Bagaimana fiksasi warna secang?",
                                        "body": "Pakai tawas atau kapur?"}, form_url="/forum/pewarnaan/new")
    from tests.forum.core import topic_by_title

    topic = topic_by_title("Bagaimana fiksasi warna secang?")
    reply(app, w.upt, topic, "Tawas untuk warna cerah.")
    [notice] = notifications_of(w.siti, "forum.reply")
    assert notice.actor_id == w.upt.id and notice.url == f"/forum/t/{topic.id}/p/2"
    assert notice.subject == "Bagaimana fiksasi warna secang?"
    assert "Bayu Firmansyah replied in Bagaimana fiksasi warna secang?" in html_of(siti.get("/notifications"))


def test_repliers_watch_too_and_nobody_hears_about_their_own_post(app, w):
    topic = make_topic(w.subject, w.siti, title="Benang katun atau sutra?")
    watch(w.siti, topic)
    reply(app, w.rini, topic, "Katun lebih mudah.")
    reply(app, w.upt, topic, "Setuju dengan Rini.")
    assert len(notifications_of(w.siti, "forum.reply")) == 2
    assert [n.actor_id for n in notifications_of(w.rini, "forum.reply")] == [w.upt.id]
    assert notifications_of(w.upt) == []


def test_unwatching_stops_the_notices(app, w):
    topic = make_topic(w.subject, w.siti, title="Benang katun atau sutra?")
    reply(app, w.rini, topic, "Katun lebih mudah.")
    rini = client_for(app, w.rini)
    page = html_of(rini.get(f"/forum/t/{topic.id}"))
    assert f'action="/forum/t/{topic.id}/unwatch"' in page
    assert send(rini, f"/forum/t/{topic.id}/unwatch").status_code == 302
    assert f'action="/forum/t/{topic.id}/watch"' in html_of(rini.get(f"/forum/t/{topic.id}"))
    reply(app, w.upt, topic, "Sutra lebih mahal.")
    assert notifications_of(w.rini) == []


def test_board_watchers_hear_about_new_topics(app, w):
    rini = client_for(app, w.rini)
    assert send(rini, "/forum/pewarnaan/watch").status_code == 302
    assert 'action="/forum/pewarnaan/unwatch"' in html_of(rini.get("/forum/pewarnaan"))
    send(client_for(app, w.siti), "/forum/pewarnaan/new",
         {"kind": "guide", "title": "Resep pewarna dari kulit mahoni", "body": "Rebus 1 kg serutan..."})
    [notice] = notifications_of(w.rini, "forum.new_topic")
    assert notice.actor_id == w.siti.id and notice.subject == "Resep pewarna dari kulit mahoni"
    send(rini, "/forum/pewarnaan/unwatch")
    send(client_for(app, w.siti), "/forum/pewarnaan/new",
         {"kind": "guide", "title": "Resep pewarna dari kayu secang", "body": "Rebus 500 g..."})
    assert len(notifications_of(w.rini, "forum.new_topic")) == 1


def test_mentions_notify_by_display_name_with_underscores(app, w):
    topic = make_topic(w.subject, w.outsider, title="Siapa yang punya tungku besar?")
    watch(w.outsider, topic)
    reply(app, w.siti, topic, "Mungkin @rini_hasan tahu, atau @Bayu_Firmansyah. Bukan @Tidak_Ada.")
    assert [n.actor_id for n in notifications_of(w.rini, "forum.mention")] == [w.siti.id]
    assert len(notifications_of(w.upt, "forum.mention")) == 1
    html = html_of(client_for(app, w.outsider).get(f"/forum/t/{topic.id}"))
    assert '<span class="mention">@rini_hasan</span>' in html
    assert '<span class="mention">@Bayu_Firmansyah</span>' in html
    # The topic's author hears about the reply once, as a reply.
    assert len(notifications_of(w.outsider, "forum.reply")) == 1


def test_mentioned_watchers_get_one_notice_not_two(app, w):
    topic = make_topic(w.subject, w.siti, title="Pewarna dari daun jati")
    reply(app, w.rini, topic, "Coba rebus lama.")  # Rini now watches the topic
    reply(app, w.upt, topic, "@Rini_Hasan benar, minimal 2 jam.")
    assert len(notifications_of(w.rini)) == 1
    assert notifications_of(w.rini)[0].kind == "forum.mention"


def test_mentions_in_code_and_in_quotes_do_not_notify(app, w):
    topic = make_topic(w.subject, w.outsider, title="Format tulisan")
    reply(app, w.siti, topic, "`@Rini_Hasan` dan\n\n```\n@Bayu_Firmansyah\n```\n\n> @Rini_Hasan menulis ini")
    assert notifications_of(w.rini) == [] and notifications_of(w.upt) == []


def test_quoting_a_post_tells_its_author(app, w):
    topic = make_topic(w.subject, w.outsider, title="Format tulisan")
    make_post(topic, w.rini, body="Pakai benang katun 40s.")
    siti = client_for(app, w.siti)
    page = html_of(siti.get(f"/forum/t/{topic.id}?quote=2"))
    body = page[page.index("<textarea"):page.index("</textarea>")].split(">", 1)[1]
    import html as htmllib

    body = htmllib.unescape(body).lstrip("\n") + "Setuju."
    send(siti, f"/forum/t/{topic.id}/reply", {"body": body})
    assert len(notifications_of(w.rini, "forum.mention")) == 1


def test_at_most_ten_people_are_mentioned_in_one_post(app, w):
    people = [member(f"orang{n}@tapis.id", f"Orang Nomor{n}", notify_email="off") for n in range(12)]
    topic = make_topic(w.subject, w.outsider, title="Undangan pelatihan")
    w.siti.is_moderator = True  # no link or rate limits in the way
    _db.session.commit()
    reply(app, w.siti, topic, " ".join(f"@Orang_Nomor{n}" for n in range(12)))
    told = [p for p in people if notifications_of(p, "forum.mention")]
    assert len(told) == 10


def test_editing_a_post_notifies_only_people_mentioned_for_the_first_time(app, w):
    topic = make_topic(w.subject, w.outsider, title="Jadwal pelatihan")
    reply(app, w.siti, topic, "Ditunggu @Rini_Hasan")
    from tests.forum.core import post_number

    post = post_number(topic, 2)
    url = f"/forum/p/{post.id}/edit"
    send(client_for(app, w.siti), url, {"body": "Ditunggu @Rini_Hasan dan @Bayu_Firmansyah"}, form_url=url)
    assert len(notifications_of(w.rini, "forum.mention")) == 1
    assert len(notifications_of(w.upt, "forum.mention")) == 1


def test_the_answerer_hears_that_their_answer_was_accepted(app, w):
    topic = make_topic(w.subject, w.siti, title="Suhu tungku gerabah?", kind="question")
    answer = make_post(topic, w.upt, body="700 derajat.")
    send(client_for(app, w.siti), f"/forum/p/{answer.id}/accept")
    [notice] = notifications_of(w.upt, "forum.accepted")
    assert notice.actor_id == w.siti.id and notice.url == f"/forum/t/{topic.id}/p/2"
    page = html_of(client_for(app, w.upt).get("/notifications"))
    assert "Rosmawati" not in page and "Siti Aminah accepted your answer in Suhu tungku gerabah?" in page


def test_opening_the_topic_marks_its_notifications_read(app, w):
    topic = make_topic(w.subject, w.siti, title="Benang katun atau sutra?")
    other = make_topic(w.subject, w.siti, title="Topik lain")
    watch(w.siti, topic, other)
    reply(app, w.rini, topic, "Katun.")
    reply(app, w.rini, other, "Sutra.")
    siti = client_for(app, w.siti)
    assert 'aria-label="2 unread notifications"' in html_of(siti.get("/forum"))
    siti.get(f"/forum/t/{topic.id}")
    _db.session.expire_all()
    notices = {n.url: n.read_at for n in notifications_of(w.siti)}
    assert notices[f"/forum/t/{topic.id}/p/2"] is not None
    assert notices[f"/forum/t/{other.id}/p/2"] is None
    assert 'aria-label="1 unread notification"' in html_of(siti.get("/forum"))


def test_members_only_boards_never_notify_people_outside_the_sentra(app, w):
    w.board.visibility = "members"
    _db.session.commit()
    topic = make_topic(w.board, w.siti, title="Rahasia dapur sentra")
    for person in (w.outsider, w.rini):
        from marketplace.forum.models import BoardWatch, TopicWatch

        _db.session.add(TopicWatch(user_id=person.id, topic_id=topic.id))
        _db.session.add(BoardWatch(user_id=person.id, board_id=w.board.id))
    _db.session.commit()
    reply(app, w.upt, topic, "Untuk anggota saja: @Budi_Santoso @Rini_Hasan")
    send(client_for(app, w.siti), f"/forum/{w.board.slug}/new",
         {"kind": "discussion", "title": "Jadwal mesin bersama bulan ini", "body": "Senin ATBM 1."})
    assert notifications_of(w.outsider) == []
    kinds = sorted(n.kind for n in notifications_of(w.rini))
    assert kinds == ["forum.mention", "forum.new_topic"]


def test_people_who_left_the_sentra_stop_hearing_from_its_members_only_board(app, w):
    from sqlalchemy import select

    from marketplace.sentra.models import Membership

    w.board.visibility = "members"
    _db.session.commit()
    topic = make_topic(w.board, w.siti, title="Rahasia dapur sentra")
    reply(app, w.rini, topic, "Ikut.")
    membership = _db.session.scalar(select(Membership).where(Membership.user_id == w.rini.id))
    _db.session.delete(membership)
    _db.session.commit()
    reply(app, w.upt, topic, "Sudah dicatat.")
    assert notifications_of(w.rini) == []


# ---- mail ---------------------------------------------------------------------------------------


def test_immediate_mail_goes_out_after_the_reply_is_saved(app, w):
    w.siti.notify_email = "immediate"
    w.siti.locale = "en"
    _db.session.commit()
    topic = make_topic(w.subject, w.siti, title="Benang katun atau sutra?")
    watch(w.siti, topic)
    reply(app, w.rini, topic, "Katun lebih mudah diwarnai.")
    [mail] = mails_to(app, "siti@tapis.id")
    assert "Rini Hasan replied in Benang katun atau sutra?" in mail
    [notice] = notifications_of(w.siti)
    assert f"http://localhost/notifications/{notice.id}/open" in mail
    assert notice.emailed_at is not None
    assert mails_to(app, "rini@tapis.id") == []


def test_a_title_typed_with_a_line_break_is_one_line_in_the_mail_subject(app, w):
    w.siti.notify_email = "immediate"
    w.siti.locale = "en"
    _db.session.commit()
    siti = client_for(app, w.siti)
    assert send(siti, "/forum/pewarnaan/watch").status_code == 302
    response = send(client_for(app, w.rini), "/forum/pewarnaan/new",
                    {"kind": "question", "title": "Benang katun\r\nBcc: orang@luar.example", "body": "Isi."},
                    form_url="/forum/pewarnaan/new")
    assert response.status_code == 302
    from tests.forum.core import topic_by_title

    assert topic_by_title("Benang katun Bcc: orang@luar.example") is not None
    [mail] = mails_to(app, "siti@tapis.id")
    assert "Subject: Rini Hasan started a new topic: Benang katun Bcc: orang@luar.example\n" in mail
    assert "\nBcc:" not in mail


def test_members_who_chose_no_mail_get_none(app, w):
    topic = make_topic(w.subject, w.siti, title="Benang katun atau sutra?")
    reply(app, w.rini, topic, "@Siti_Aminah katun.")
    assert notifications_of(w.siti) and mails_to(app, "siti@tapis.id") == []


def test_the_daily_digest_command_mails_unread_notices_once(app, w, runner):
    w.siti.notify_email = "daily"
    w.siti.locale = "en"
    _db.session.commit()
    topic = make_topic(w.subject, w.siti, title="Benang katun atau sutra?")
    watch(w.siti, topic)
    reply(app, w.rini, topic, "Katun. @Siti_Aminah")
    reply(app, w.upt, topic, "Sutra juga bisa.")
    assert mails_to(app, "siti@tapis.id") == []
    result = runner.invoke(args=["notifications", "digest"])
    assert result.exit_code == 0, result.output
    assert "1 digest mails sent." in result.output
    [mail] = mails_to(app, "siti@tapis.id")
    assert "2 new notifications on Sentra Nusantara" in mail
    assert "Rini Hasan mentioned you in Benang katun atau sutra?" in mail
    assert "Bayu Firmansyah replied in Benang katun atau sutra?" in mail
    result = runner.invoke(args=["notifications", "digest"])
    assert "0 digest mails sent." in result.output
    assert len(mails_to(app, "siti@tapis.id")) == 1


def test_members_only_board_allows_its_own_members_to_be_mentioned(app, w):
    w.board.visibility = "members"
    _db.session.commit()
    newcomer = member("ani@tapis.id", "Ani Wijaya", notify_email="off")
    make_membership(w.sentra, newcomer)
    topic = make_topic(w.board, w.siti, title="Rapat anggota")
    reply(app, w.upt, topic, "Jangan lupa @Ani_Wijaya")
    assert len(notifications_of(newcomer, "forum.mention")) == 1
