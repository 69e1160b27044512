"""Editing with a visible history, soft deletion, accepted answers: who may do what."""

import pytest
from sqlalchemy import func, select

from marketplace.extensions import db as _db
from marketplace.forum.models import PostRevision
from tests.forum.conftest import first_post
from tests.forum.core import (
    Tapis,
    client_for,
    fresh,
    html_of,
    make_board,
    make_post,
    make_topic,
    member,
    send,
)

QUESTION = "Berapa suhu pembakaran gerabah yang pas?"


@pytest.fixture
def w(app):
    return Tapis()


def question(w, board=None):
    topic = make_topic(board or w.subject, w.siti, title=QUESTION, kind="question",
                       body="Guci kami retak rambut setelah dibakar.")
    answer = make_post(topic, w.upt, body="Sekitar 700 sampai 850 derajat, naikkan pelan-pelan.")
    other = make_post(topic, w.outsider, body="Kami bakar 600 derajat saja.")
    return topic, answer, other


# ---- editing ---------------------------------------------------------------------------------


def test_author_edits_a_reply_and_the_history_keeps_the_old_text(app, client, w):
    topic, answer, _other = question(w)
    upt = client_for(app, w.upt)
    url = f"/forum/p/{answer.id}/edit"
    form = html_of(upt.get(url))
    assert "Sekitar 700 sampai 850 derajat" in form and 'name="title"' not in form
    response = send(upt, url, {"body": "Sekitar 700 sampai 850 °C; dinginkan di tungku.",
                               "reason": "menambah cara mendinginkan"}, form_url=url)
    assert response.status_code == 302 and response.headers["Location"] == f"/forum/t/{topic.id}/p/2"
    answer = fresh(answer)
    assert answer.body == "Sekitar 700 sampai 850 °C; dinginkan di tungku." and answer.edit_count == 1
    page = html_of(client.get(f"/forum/t/{topic.id}"))
    assert f'href="/forum/p/{answer.id}/history"' in page and ">edited<" in page
    history = html_of(client.get(f"/forum/p/{answer.id}/history"))
    assert "Sekitar 700 sampai 850 derajat, naikkan pelan-pelan." in history
    assert "dinginkan di tungku" in history and "menambah cara mendinginkan" in history
    assert "Bayu Firmansyah" in history


def test_the_opening_post_edit_changes_title_and_tags_and_keeps_the_old_title(app, client, w):
    topic = make_topic(w.subject, w.siti, title="Judul lama tentang pewarna")
    url = f"/forum/p/{first_post(topic).id}/edit"
    response = send(client_for(app, w.siti), url, {
        "title": "Judul baru tentang pewarna indigo", "body": "Teks baru", "tags": "indigo, tapis",
    }, form_url=url)
    assert response.status_code == 302
    topic = fresh(topic)
    assert topic.title == "Judul baru tentang pewarna indigo"
    assert [t.tag for t in topic.tags] == ["indigo", "tapis"]
    revision = _db.session.scalar(select(PostRevision))
    assert revision.title == "Judul lama tentang pewarna"
    assert revision.body == "Saya ingin belajar pewarnaan alami."
    assert "Judul lama tentang pewarna" in html_of(client.get(f"/forum/p/{first_post(topic).id}/history"))


def test_saving_without_changes_keeps_no_revision(app, w):
    topic, answer, _other = question(w)
    url = f"/forum/p/{answer.id}/edit"
    send(client_for(app, w.upt), url, {"body": answer.body}, form_url=url)
    assert _db.session.scalar(select(func.count()).select_from(PostRevision)) == 0
    assert fresh(answer).edit_count == 0


@pytest.mark.parametrize("who", ["rini", "pengurus", "outsider"])
def test_others_cannot_edit_a_post(app, w, who):
    topic, answer, _other = question(w)
    browser = client_for(app, getattr(w, who))
    assert browser.get(f"/forum/p/{answer.id}/edit").status_code == 403
    response = send(browser, f"/forum/p/{answer.id}/edit", {"body": "Diubah orang lain"})
    assert response.status_code == 403
    assert fresh(answer).body.startswith("Sekitar 700")
    assert f"/forum/p/{answer.id}/edit" not in html_of(browser.get(f"/forum/t/{topic.id}"))


def test_visitors_are_sent_to_log_in_to_edit(client, w):
    _topic, answer, _other = question(w)
    response = client.get(f"/forum/p/{answer.id}/edit")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_authors_cannot_edit_in_a_locked_topic(app, w):
    topic, answer, _other = question(w)
    topic.is_locked = True
    _db.session.commit()
    assert client_for(app, w.upt).get(f"/forum/p/{answer.id}/edit").status_code == 403


def test_moderators_edit_through_the_service_and_leave_a_revision(app, w):
    from marketplace.forum import services

    topic, answer, _other = question(w)
    with app.test_request_context():
        services.edit_post(w.moderator, answer, "Disunting moderator", "menghapus iklan")
        _db.session.commit()
    revision = _db.session.scalar(select(PostRevision))
    assert revision.edited_by_id == w.moderator.id and revision.reason == "menghapus iklan"
    assert fresh(answer).body == "Disunting moderator"


def test_the_history_of_a_hidden_post_is_only_for_moderators(app, client, w):
    from marketplace.timeutil import utcnow

    topic, answer, _other = question(w)
    answer.hidden_at = utcnow()
    _db.session.commit()
    assert client.get(f"/forum/p/{answer.id}/history").status_code == 404
    assert client_for(app, w.rini).get(f"/forum/p/{answer.id}/history").status_code == 404
    assert client_for(app, w.moderator).get(f"/forum/p/{answer.id}/history").status_code == 200


# ---- deleting ----------------------------------------------------------------------------------


def test_author_deletes_a_reply_softly_and_readers_see_a_stub(app, client, w):
    topic, answer, other = question(w)
    outsider = client_for(app, w.outsider)
    url = f"/forum/p/{other.id}/delete"
    assert "Delete your post?" in html_of(outsider.get(url))
    response = send(outsider, url, form_url=url)
    assert response.status_code == 302
    other = fresh(other)
    assert other.deleted_at is not None and other.deleted_by_id == w.outsider.id
    assert other.body == "Kami bakar 600 derajat saja."  # kept for moderators
    assert fresh(topic).post_count == 2 and fresh(w.subject).post_count == 2
    page = html_of(client.get(f"/forum/t/{topic.id}"))
    assert "This post was deleted." in page and "Kami bakar 600 derajat" not in page
    assert "Kami bakar 600 derajat" in html_of(client_for(app, w.moderator).get(f"/forum/t/{topic.id}"))


def test_others_cannot_delete_a_post(app, w):
    _topic, answer, _other = question(w)
    browser = client_for(app, w.rini)
    assert browser.get(f"/forum/p/{answer.id}/delete").status_code == 403
    assert send(browser, f"/forum/p/{answer.id}/delete").status_code == 403
    assert fresh(answer).deleted_at is None


@pytest.mark.parametrize("who", ["moderator", "pengurus"])
def test_moderators_cannot_delete_others_posts_through_the_authors_page(app, w, who):
    from tests.forum.conftest import log_entries

    topic, answer, _other = question(w, board=w.board)
    browser = client_for(app, getattr(w, who))
    assert browser.get(f"/forum/p/{answer.id}/delete").status_code == 403
    assert send(browser, f"/forum/p/{answer.id}/delete").status_code == 403
    assert fresh(answer).deleted_at is None and log_entries() == []
    assert f'href="/forum/p/{answer.id}/delete"' not in html_of(browser.get(f"/forum/t/{topic.id}"))
    # Their own menu deletes it, with a reason in the log.
    url = f"/forum/moderation/p/{answer.id}/delete"
    assert send(browser, url, {"reason": "iklan"}, form_url=url).status_code == 302
    assert fresh(answer).deleted_by_id == getattr(w, who).id
    [entry] = log_entries("delete")
    assert entry.moderator_id == getattr(w, who).id and entry.reason == "iklan"


def test_the_opening_post_takes_its_topic_only_while_nobody_replied(app, client, w):
    lonely = make_topic(w.subject, w.siti, title="Topik tanpa balasan")
    siti = client_for(app, w.siti)
    response = send(siti, f"/forum/p/{first_post(lonely).id}/delete")
    assert response.status_code == 302 and response.headers["Location"] == "/forum/pewarnaan"
    assert fresh(lonely).deleted_at is not None
    assert client.get(f"/forum/t/{lonely.id}").status_code == 404
    assert "Topik tanpa balasan" not in html_of(client.get("/forum/pewarnaan"))
    assert fresh(w.subject).topic_count == 0

    topic, _answer, _other = question(w)
    response = send(siti, f"/forum/p/{first_post(topic).id}/delete")
    assert response.status_code == 302
    assert fresh(topic).deleted_at is None and first_post(topic).deleted_at is None
    assert "Others have replied" in html_of(siti.get(response.headers["Location"], follow_redirects=True))


# ---- accepted answers --------------------------------------------------------------------------


def accept(browser, post):
    return send(browser, f"/forum/p/{post.id}/accept")


def test_the_asker_accepts_an_answer_shown_under_the_question(app, client, w):
    topic, answer, _other = question(w)
    siti = client_for(app, w.siti)
    page = html_of(siti.get(f"/forum/t/{topic.id}"))
    assert f'action="/forum/p/{answer.id}/accept"' in page
    response = accept(siti, answer)
    assert response.status_code == 302
    topic = fresh(topic)
    assert topic.accepted_post_id == answer.id and topic.accepted_at is not None
    page = html_of(client.get(f"/forum/t/{topic.id}"))
    box = page[page.index('id="accepted-answer"'):]
    assert page.index('id="post-1"') < page.index('id="accepted-answer"') < page.index('id="post-2"')
    assert "Sekitar 700 sampai 850 derajat" in box[:2000]
    assert "Answered" in html_of(client.get("/forum/pewarnaan"))
    assert "Answered" not in html_of(client.get("/forum/pewarnaan?unanswered=1"))


def test_the_asker_can_take_the_acceptance_back(app, w):
    topic, answer, _other = question(w)
    siti = client_for(app, w.siti)
    accept(siti, answer)
    assert send(siti, f"/forum/t/{topic.id}/unaccept").status_code == 302
    assert fresh(topic).accepted_post_id is None


def test_upt_staff_of_the_askers_sentra_and_moderators_may_accept(app, w):
    topic, answer, other = question(w)
    assert accept(client_for(app, w.upt), other).status_code == 302
    assert fresh(topic).accepted_post_id == other.id
    assert accept(client_for(app, w.moderator), answer).status_code == 302
    assert fresh(topic).accepted_post_id == answer.id


@pytest.mark.parametrize("who", ["rini", "outsider", "pengurus"])
def test_other_members_may_not_accept(app, w, who):
    topic, answer, _other = question(w)
    browser = client_for(app, getattr(w, who))
    assert accept(browser, answer).status_code == 403
    assert f"/forum/p/{answer.id}/accept" not in html_of(browser.get(f"/forum/t/{topic.id}"))
    assert fresh(topic).accepted_post_id is None


def test_only_questions_have_accepted_answers_and_never_the_opening_post(app, w):
    discussion = make_topic(w.subject, w.siti, title="Obrolan tentang pameran", kind="discussion")
    reply = make_post(discussion, w.rini)
    siti = client_for(app, w.siti)
    assert accept(siti, reply).status_code == 403
    topic, _answer, _other = question(w)
    assert accept(siti, first_post(topic)).status_code == 403
    assert fresh(discussion).accepted_post_id is None and fresh(topic).accepted_post_id is None


def test_upt_staff_of_another_sentra_may_not_accept(app, w):
    from tests.conftest import make_membership, make_sentra

    other_sentra = make_sentra("gerabah-kasongan", name="Sentra Gerabah")
    other_upt = member("upt@gerabah.id", "Anisa Rahmawati")
    make_membership(other_sentra, other_upt, role="upt")
    topic, answer, _other = question(w)
    assert accept(client_for(app, other_upt), answer).status_code == 403


def test_upt_staff_accept_on_their_sentras_board(app, w):
    topic, answer, _other = question(w, board=w.board)
    topic.author_id = w.outsider.id  # asked by someone outside the sentra, on the sentra's board
    _db.session.commit()
    assert accept(client_for(app, w.upt), answer).status_code == 302


def test_deleting_the_accepted_answer_clears_it(app, w):
    topic, answer, _other = question(w)
    accept(client_for(app, w.siti), answer)
    send(client_for(app, w.upt), f"/forum/p/{answer.id}/delete")
    assert fresh(topic).accepted_post_id is None


def test_members_only_board_content_is_404_for_edit_and_accept(app, w):
    private = make_board("rahasia", name="Rahasia", visibility="members")
    topic, answer, _other = question(w, board=private)
    browser = client_for(app, w.outsider)
    for action in ("edit", "history", "delete"):
        url = f"/forum/p/{answer.id}/{action}"
        assert browser.get(url).status_code == 404, url
    assert accept(browser, answer).status_code == 404
