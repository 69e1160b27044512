"""Things that left the reader's sight leave every part of search at once, through the pages and the
API: the replies of a topic hidden or deleted (counts included), the words of a product taken off
sale or of a board turned members-only (the spelling suggestion included), and a members-only board
for someone no longer a member, on every backend."""

from sqlalchemy import select

from marketplace.extensions import db
from marketplace.sentra.models import Membership
from tests.catalog.conftest import make_product
from tests.conftest import browser, make_business, post_form
from tests.forum.conftest import client_for, make_post, make_topic, token
from tests.forum.core import Tapis, send
from tests.search.test_indexing import assert_index_is_the_database


def _api(client, q):
    response = client.get("/api/v1/search", query_string={"q": q})
    assert response.status_code == 200
    return response.get_json()


def _moderate(client, url, **data):
    response = client.post(url, data={"csrf_token": token(client), **data})
    assert response.status_code == 302, response.get_data(as_text=True)[:300]


def test_replies_leave_every_count_when_their_topic_is_hidden_or_deleted(search_app):
    w = Tapis()
    topic = make_topic(w.subject, w.siti, title="Benang tapis cepat luntur")
    make_post(topic, w.rini, body="Rebus dengan kunyit semalam.")
    visitor, moderator = browser(search_app), client_for(search_app, w.moderator)
    assert _api(visitor, "kunyit")["counts"]["discussion"] == 1

    for action in ("hide", "delete"):
        _moderate(moderator, f"/forum/moderation/t/{topic.id}/{action}", reason="Diperiksa")
        for client in (visitor, moderator):
            found = _api(client, "kunyit")
            assert found["total"] == 0 and set(found["counts"].values()) == {0}, (action, found)
            assert found["facets"]["type"] == []
        page = visitor.get("/search", query_string={"q": "kunyit"}).get_data(as_text=True)
        assert "search-hit" not in page and "(1)" not in page
        assert_index_is_the_database()
        _moderate(moderator, f"/forum/moderation/t/{topic.id}/restore")
        assert _api(visitor, "kunyit")["counts"]["discussion"] == 1  # back with its topic


def test_spelling_never_offers_a_word_that_only_a_withdrawn_or_private_document_had(search_app):
    w = Tapis()
    business = make_business(w.siti, w.sentra, slug="tapis-siti", name="Tapis Siti")
    product = make_product(business, title="Selendang Zamrudina")
    make_topic(w.board, w.siti, title="Jadwal pameran Lampung")
    visitor = browser(search_app)
    assert _api(visitor, "zamrudino")["suggestion"] == "zamrudina"  # while everyone may see it
    assert _api(visitor, "pamerab")["suggestion"] == "pameran"

    def withdraw_product():
        response = post_form(browser(search_app, w.siti), f"/products/{product.id}/status",
                             {"action": "archive"}, form_url="/ikm/tapis-siti/products")
        assert response.status_code in (302, 303)

    def close_board():
        url = f"/forum/{w.board.slug}/settings"
        response = send(client_for(search_app, w.pengurus), url, {"visibility": "members"}, form_url=url)
        assert response.status_code == 302

    for change, typo, hidden in ((withdraw_product, "zamrudino", "zamrudina"),
                                 (close_board, "pamerab", "pameran")):
        change()
        found = _api(visitor, typo)
        assert found["total"] == 0 and found["suggestion"] is None, found
        page = visitor.get("/search", query_string={"q": typo}).get_data(as_text=True)
        assert hidden not in page.lower()


def test_a_removed_member_stops_finding_the_members_only_board_at_once(search_app):
    w = Tapis(members_only=True)
    topic = make_topic(w.board, w.siti, title="Jadwal arisan perajin")
    make_post(topic, w.siti, body="Kumpul di balai desa.")
    rini = client_for(search_app, w.rini)
    assert _api(rini, "arisan")["counts"]["discussion"] == 2
    assert rini.get("/search/suggest", query_string={"q": "jadwal ari"}).get_json()["suggestions"]

    membership = db.session.scalar(select(Membership).where(Membership.user_id == w.rini.id))
    response = post_form(browser(search_app, w.pengurus),
                         f"/sentra/{w.sentra.slug}/members/{membership.id}/remove", {},
                         form_url=f"/sentra/{w.sentra.slug}/members")
    assert response.status_code in (302, 303)
    found = _api(rini, "arisan")
    assert found["total"] == 0 and set(found["counts"].values()) == {0}
    assert rini.get("/search/suggest", query_string={"q": "jadwal ari"}).get_json()["suggestions"] == []
