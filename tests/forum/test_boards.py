"""Boards: the subject boards of a fresh site, sentra boards opened on demand and their settings,
the board page's filters and top helpers, and the forum's front page."""

import re

import pytest
from sqlalchemy import func, select

from marketplace.extensions import db as _db
from marketplace.forum.models import SUBJECT_BOARDS, Board, Reaction
from tests.conftest import make_membership, make_sentra
from tests.forum.core import (
    Tapis,
    client_for,
    days_ago,
    fresh,
    html_of,
    make_post,
    make_topic,
    member,
    send,
)


def board_count():
    return _db.session.scalar(select(func.count()).select_from(Board))


def test_a_fresh_site_shows_the_subject_boards(client, db):
    html = html_of(client.get("/forum"))
    _db.session.rollback()  # only what the request committed is left
    assert board_count() == len(SUBJECT_BOARDS)
    for name in ("Production techniques", "Dyeing and colour", "Export", "Certification and permits"):
        assert name in html
    assert client.get("/forum/pewarnaan").status_code == 200
    client.get("/forum")
    assert board_count() == len(SUBJECT_BOARDS)


def test_subject_boards_speak_indonesian_by_default(app, db):
    browser = app.test_client()  # no Accept-Language: the site's default language
    browser.get("/forum")
    board = _db.session.scalar(select(Board).where(Board.slug == "pewarnaan"))
    assert board.name == "Dyeing and colour"  # stored as the English source text
    page = html_of(browser.get("/forum/pewarnaan"))
    assert '<html lang="id">' in page


def test_the_boards_command_creates_what_is_missing(runner, db):
    result = runner.invoke(args=["forum", "boards"])
    assert result.exit_code == 0 and f"{len(SUBJECT_BOARDS)} subject boards created." in result.output
    result = runner.invoke(args=["forum", "boards"])
    assert "0 subject boards created." in result.output
    assert board_count() == len(SUBJECT_BOARDS)


def test_a_sentra_board_opens_on_its_first_visit_but_is_stored_only_when_used(app, client, db):
    sentra = make_sentra("batik-laweyan", name="Sentra Batik Laweyan")
    page = html_of(client.get("/forum/sentra-batik-laweyan"))
    assert "Sentra Batik Laweyan" in page and "No topics yet" in page
    _db.session.rollback()  # only what the request committed is left
    assert board_count() == 0  # a visit (or a crawler) changes nothing
    assert "Sentra Batik Laweyan" not in html_of(client.get("/forum"))
    _db.session.rollback()

    dimas = client_for(app, member("dimas@batik.id", "Dimas Aryo"))
    assert send(dimas, "/forum/sentra-batik-laweyan/watch").status_code == 302
    _db.session.rollback()
    board = _db.session.scalar(select(Board).where(Board.sentra_id == sentra.id))
    assert board.slug == "sentra-batik-laweyan" and board.kind == "sentra" and board.is_public
    assert "Sentra Batik Laweyan" in html_of(client.get("/forum"))
    client.get("/forum/sentra-batik-laweyan")
    assert _db.session.scalar(select(func.count()).select_from(Board).where(Board.kind == "sentra")) == 1
    assert client.get("/forum/sentra-tidak-ada").status_code == 404
    assert client.get("/forum/tidak-ada").status_code == 404


def test_a_refused_first_topic_on_an_unused_sentra_board_shows_the_form_again(app, db):
    make_sentra("batik-laweyan", name="Sentra Batik Laweyan")
    newcomer = client_for(app, member("dimas@batik.id", "Dimas Aryo", created_at=days_ago(1)))
    url = "/forum/sentra-batik-laweyan/new"
    links = "Lihat https://a.example, https://b.example dan https://c.example"
    response = send(newcomer, url, {"kind": "question", "title": "Motif parang untuk pemula", "body": links},
                    form_url=url)
    assert response.status_code == 422
    assert "links" in html_of(response) and "Motif parang untuk pemula" in html_of(response)
    _db.session.rollback()
    assert board_count() == 0
    data = {"kind": "question", "title": "Motif parang untuk pemula", "body": "Mulai dari mana?"}
    response = send(newcomer, url, data, form_url=url)
    assert response.status_code == 302
    _db.session.rollback()
    assert board_count() == 1


def test_sentra_managers_make_their_board_members_only(app, client, db):
    w = Tapis()
    url = f"/forum/{w.board.slug}/settings"
    pengurus = client_for(app, w.pengurus)
    form = html_of(pengurus.get(url))
    assert re.search(r'<input checked [^>]*value="public"', form) and 'value="members"' in form
    response = send(pengurus, url, {"visibility": "members"}, form_url=url)
    assert response.status_code == 302
    assert fresh(w.board).visibility == "members"
    assert client.get(f"/forum/{w.board.slug}").status_code == 404
    assert client_for(app, w.siti).get(f"/forum/{w.board.slug}").status_code == 200
    assert "Members only" in html_of(pengurus.get("/forum"))


@pytest.mark.parametrize("who", ["siti", "upt", "outsider"])
def test_others_may_not_change_the_board_settings(app, who):
    w = Tapis()
    browser = client_for(app, getattr(w, who))
    url = f"/forum/{w.board.slug}/settings"
    assert browser.get(url).status_code == 403
    assert send(browser, url, {"visibility": "members"}).status_code == 403
    assert fresh(w.board).visibility == "public"


def test_a_managers_first_settings_save_opens_the_board(app, db):
    sentra = make_sentra("batik-laweyan", name="Sentra Batik Laweyan")
    pengelola = member("dimas@batik.id", "Dimas Aryo")
    make_membership(sentra, pengelola, role="pengelola")
    browser = client_for(app, pengelola)
    url = "/forum/sentra-batik-laweyan/settings"
    assert browser.get(url).status_code == 200
    _db.session.rollback()
    assert board_count() == 0
    assert send(browser, url, {"visibility": "members"}, form_url=url).status_code == 302
    _db.session.rollback()
    assert _db.session.scalar(select(Board.visibility).where(Board.sentra_id == sentra.id)) == "members"


def test_subject_boards_have_no_settings_page(app, db):
    w = Tapis()
    admin = member("admin@sentra.id", "Admin", is_admin=True)
    assert client_for(app, admin).get(f"/forum/{w.subject.slug}/settings").status_code == 404


def test_the_board_filters_by_kind_tag_and_unanswered(client, db):
    from marketplace.forum.models import TopicTag

    w = Tapis()
    answered = make_topic(w.subject, w.siti, title="Pertanyaan yang terjawab", kind="question")
    answer = make_post(answered, w.upt)
    answered.accepted_post_id = answer.id
    make_topic(w.subject, w.siti, title="Pertanyaan yang belum terjawab", kind="question")
    guide = make_topic(w.subject, w.upt, title="Panduan celup indigo", kind="guide")
    _db.session.add(TopicTag(topic_id=guide.id, tag="indigo"))
    make_topic(w.subject, w.rini, title="Obrolan tentang pameran", kind="discussion")
    _db.session.commit()

    def titles(query):
        html = html_of(client.get(f"/forum/pewarnaan{query}"))
        return {t for t in ("Pertanyaan yang terjawab", "Pertanyaan yang belum terjawab",
                            "Panduan celup indigo", "Obrolan tentang pameran") if t in html}

    assert len(titles("")) == 4
    assert titles("?kind=question") == {"Pertanyaan yang terjawab", "Pertanyaan yang belum terjawab"}
    assert titles("?kind=guide") == {"Panduan celup indigo"}
    assert titles("?unanswered=1") == {"Pertanyaan yang belum terjawab"}
    assert titles("?tag=indigo") == {"Panduan celup indigo"}
    assert titles("?tag=indigo&kind=question") == set()
    assert titles("?kind=nonsense") == titles("")


def test_top_helpers_count_accepted_answers_and_thanks_of_the_last_90_days(client, db):
    w = Tapis()
    for n in range(2):
        topic = make_topic(w.subject, w.siti, title=f"Pertanyaan nomor {n}", kind="question")
        answer = make_post(topic, w.upt, body="Jawaban UPT")
        topic.accepted_post_id, topic.accepted_at = answer.id, days_ago(3)
    helpful = make_post(topic, w.rini, body="Tambahan dari Rini")
    _db.session.add_all([Reaction(post_id=helpful.id, user_id=w.siti.id),
                         Reaction(post_id=helpful.id, user_id=w.outsider.id)])
    old = make_topic(w.subject, w.siti, title="Pertanyaan lama sekali", kind="question")
    old_answer = make_post(old, w.outsider, body="Jawaban lama")
    old.accepted_post_id, old.accepted_at = old_answer.id, days_ago(200)
    _db.session.commit()
    html = html_of(client.get("/forum/pewarnaan"))
    helpers = html[html.index("Top helpers"):html.index("</ol>", html.index("Top helpers"))]
    assert helpers.index("Bayu Firmansyah") < helpers.index("Rini Hasan")
    assert "2 accepted answers" in helpers and "2 thanks" in helpers
    assert "Budi Santoso" not in helpers


def test_the_front_page_lists_latest_topics_across_readable_boards(app, client, db):
    w = Tapis(members_only=True)
    make_topic(w.subject, w.siti, title="Topik umum tentang pewarna", created_at=days_ago(2))
    make_topic(w.board, w.siti, title="Topik khusus anggota sentra", created_at=days_ago(1))
    html = html_of(client.get("/forum"))
    assert "Topik umum tentang pewarna" in html and "Topik khusus anggota sentra" not in html
    member_view = html_of(client_for(app, w.rini).get("/forum"))
    assert member_view.index("Topik khusus anggota sentra") < member_view.index("Topik umum tentang pewarna")
    assert "Topik khusus anggota sentra" in html_of(client_for(app, w.moderator).get("/forum"))


def test_sentra_boards_on_the_front_page_are_paginated(app, client, db):
    from tests.forum.core import make_board

    app.config["PAGE_SIZE"] = 2
    for n in range(5):
        make_board(sentra=make_sentra(f"sentra-nomor-{n}", name=f"Sentra Nomor {n}"))
    first = html_of(client.get("/forum"))
    assert sum(f"Sentra Nomor {n}" in first for n in range(5)) == 2
    third = html_of(client.get("/forum?page=3"))
    assert sum(f"Sentra Nomor {n}" in third for n in range(5)) == 1
    assert "Dyeing and colour" in third  # the subject boards show on every page
