"""Saying "terima kasih" for a post, and guides a sentra features on its branding page; the sentra
page and the home page show the forum only as far as the visitor may read it."""

import pytest
from sqlalchemy import func, select

from marketplace.extensions import db as _db
from marketplace.forum.models import Reaction
from tests.conftest import make_membership, make_sentra
from tests.forum.conftest import first_post
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


@pytest.fixture
def w(app):
    return Tapis()


# ---- thanks -------------------------------------------------------------------------------------


def test_thanks_toggle_and_show_the_count(app, client, w):
    topic = make_topic(w.subject, w.siti, title="Cara menyimpan benang")
    answer = make_post(topic, w.upt, body="Simpan di tempat kering.")
    rini = client_for(app, w.rini)
    page = html_of(rini.get(f"/forum/t/{topic.id}"))
    assert f'action="/forum/p/{answer.id}/thanks"' in page
    response = send(rini, f"/forum/p/{answer.id}/thanks")
    assert response.status_code == 302 and response.headers["Location"] == f"/forum/t/{topic.id}/p/2"
    send(client_for(app, w.siti), f"/forum/p/{answer.id}/thanks")
    assert fresh(answer).reaction_count == 2
    page = html_of(rini.get(f"/forum/t/{topic.id}"))
    assert 'aria-pressed="true"' in page and 'aria-label="2 thanks"' in page
    assert "2 thanks" in html_of(client.get(f"/forum/t/{topic.id}"))  # visitors see the count
    send(rini, f"/forum/p/{answer.id}/thanks")  # taken back
    assert fresh(answer).reaction_count == 1
    assert _db.session.scalar(select(func.count()).select_from(Reaction)) == 1


def test_nobody_thanks_their_own_post(app, w):
    topic = make_topic(w.subject, w.siti, title="Cara menyimpan benang")
    siti = client_for(app, w.siti)
    post = first_post(topic)
    assert f'action="/forum/p/{post.id}/thanks"' not in html_of(siti.get(f"/forum/t/{topic.id}"))
    assert send(siti, f"/forum/p/{post.id}/thanks").status_code == 403
    assert fresh(post).reaction_count == 0


def test_visitors_are_sent_to_log_in_to_thank(client, w):
    topic = make_topic(w.subject, w.siti, title="Cara menyimpan benang")
    response = client.post(f"/forum/p/{first_post(topic).id}/thanks")
    assert response.status_code in (302, 400)
    assert fresh(first_post(topic)).reaction_count == 0


def test_hidden_posts_cannot_be_thanked(app, w):
    from marketplace.timeutil import utcnow

    topic = make_topic(w.subject, w.siti, title="Cara menyimpan benang")
    hidden = make_post(topic, w.outsider, body="Iklan", hidden_at=utcnow())
    assert send(client_for(app, w.rini), f"/forum/p/{hidden.id}/thanks").status_code in (403, 404)
    assert fresh(hidden).reaction_count == 0


# ---- featured guides ----------------------------------------------------------------------------


def guide(w, board=None, author=None, title="Panduan celup indigo untuk tapis"):
    return make_topic(board or w.subject, author or w.siti, title=title, kind="guide",
                      body="Langkah 1: siapkan daun tarum.")


def feature(browser, topic, sentra):
    return send(browser, f"/forum/t/{topic.id}/feature", {"sentra": str(sentra.id)})


@pytest.mark.parametrize("who", ["pengurus", "upt"])
def test_sentra_staff_feature_a_members_guide_on_the_sentra_page(app, client, w, who):
    topic = guide(w)  # on a subject board, written by a member of the sentra
    browser = client_for(app, getattr(w, who))
    page = html_of(browser.get(f"/forum/t/{topic.id}"))
    assert "Feature on the page of Sentra Tenun Tapis" in page
    response = feature(browser, topic, w.sentra)
    assert response.status_code == 302
    topic = fresh(topic)
    assert topic.featured_sentra_id == w.sentra.id and topic.featured_at is not None
    sentra_page = html_of(client.get("/sentra/tenun-tapis-bandar-lampung"))
    assert "Featured guides" in sentra_page and "Panduan celup indigo untuk tapis" in sentra_page
    assert "Featured guide" in html_of(client.get("/forum/pewarnaan"))


def test_guides_from_the_sentras_own_board_can_be_featured(app, w):
    topic = guide(w, board=w.board, author=w.outsider)
    assert feature(client_for(app, w.upt), topic, w.sentra).status_code == 302


@pytest.mark.parametrize("who", ["siti", "outsider"])
def test_ordinary_members_and_outsiders_cannot_feature(app, w, who):
    topic = guide(w)
    browser = client_for(app, getattr(w, who))
    assert "Feature on the page" not in html_of(browser.get(f"/forum/t/{topic.id}"))
    assert feature(browser, topic, w.sentra).status_code == 403
    assert fresh(topic).featured_at is None


def test_a_guide_by_an_outsider_on_a_subject_board_is_not_the_sentras_to_feature(app, w):
    topic = guide(w, author=w.outsider)
    assert feature(client_for(app, w.pengurus), topic, w.sentra).status_code == 403


def test_only_guides_are_featured(app, w):
    question = make_topic(w.subject, w.siti, title="Bukan panduan, pertanyaan", kind="question")
    assert feature(client_for(app, w.upt), question, w.sentra).status_code == 403


def test_staff_of_another_sentra_cannot_feature_on_this_one(app, w):
    other = make_sentra("gerabah-kasongan", name="Sentra Gerabah")
    other_upt = member("upt@gerabah.id", "Anisa Rahmawati")
    make_membership(other, other_upt, role="upt")
    topic = guide(w)
    assert feature(client_for(app, other_upt), topic, w.sentra).status_code == 403
    assert feature(client_for(app, other_upt), topic, other).status_code == 403


def test_a_featured_guide_can_be_taken_off_the_page(app, client, w):
    topic = guide(w)
    upt = client_for(app, w.upt)
    feature(upt, topic, w.sentra)
    assert send(client_for(app, w.siti), f"/forum/t/{topic.id}/unfeature").status_code == 403
    assert send(upt, f"/forum/t/{topic.id}/unfeature").status_code == 302
    assert fresh(topic).featured_at is None
    assert "Panduan celup indigo" not in html_of(client.get("/sentra/tenun-tapis-bandar-lampung"))


# ---- the sentra page and the home page ----------------------------------------------------------


def test_the_sentra_page_shows_the_latest_topics_of_its_board(app, client, w):
    make_topic(w.board, w.siti, title="Jadwal pemakaian ATBM bersama")
    page = html_of(client.get("/sentra/tenun-tapis-bandar-lampung"))
    assert "Jadwal pemakaian ATBM bersama" in page
    assert 'href="/forum/sentra-tenun-tapis-bandar-lampung"' in page


def test_a_members_only_board_stays_off_the_sentra_page_for_outsiders(app, client, w):
    w.board.visibility = "members"
    _db.session.commit()
    make_topic(w.board, w.siti, title="Rahasia dapur anggota")
    secret_guide = guide(w, board=w.board, title="Panduan khusus anggota sentra")
    public_guide = guide(w, title="Panduan umum untuk semua")
    for topic in (secret_guide, public_guide):
        feature(client_for(app, w.upt), topic, w.sentra)
    for browser in (client, client_for(app, w.outsider)):
        page = html_of(browser.get("/sentra/tenun-tapis-bandar-lampung"))
        assert "Rahasia dapur anggota" not in page and "Panduan khusus anggota sentra" not in page
        assert "Panduan umum untuk semua" in page
        assert 'href="/forum/sentra-tenun-tapis-bandar-lampung"' not in page
    page = html_of(client_for(app, w.rini).get("/sentra/tenun-tapis-bandar-lampung"))
    assert "Rahasia dapur anggota" in page and "Panduan khusus anggota sentra" in page


def test_the_home_page_shows_active_public_discussions(app, client, w):
    w.board.visibility = "members"
    _db.session.commit()
    for n in range(6):
        make_topic(w.subject, w.siti, title=f"Diskusi publik nomor {n}", created_at=days_ago(10 - n))
    make_topic(w.board, w.siti, title="Diskusi anggota saja")
    hidden = make_topic(w.subject, w.siti, title="Diskusi yang disembunyikan")
    from marketplace.timeutil import utcnow

    hidden.hidden_at = utcnow()
    _db.session.commit()
    for browser in (client, client_for(app, w.rini)):
        page = html_of(browser.get("/"))
        assert "Active discussions" in page
        shown = [n for n in range(6) if f"Diskusi publik nomor {n}" in page]
        assert shown == [1, 2, 3, 4, 5]
        assert "Diskusi anggota saja" not in page and "Diskusi yang disembunyikan" not in page
