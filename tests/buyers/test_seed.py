"""The demo data gives every buyers page something real: inquiries, requests with quotes, favourites."""

import pytest
from sqlalchemy import func, select

from marketplace.accounts.models import User
from marketplace.businesses.models import Business
from marketplace.buyers.models import BuyingRequest, Conversation, Favourite, Message, Quote, SentraFollow
from marketplace.catalog.models import Product
from marketplace.extensions import db as _db
from tests.buyers.conftest import header_count, page_text
from tests.conftest import AuthActions, app_on

COUNTED = (Conversation, Message, BuyingRequest, Quote, Favourite, SentraFollow)


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    """One app for the module: loading the demo is the slow part."""
    with app_on(tmp_path_factory.mktemp("buyers-seed")) as application:
        yield application


@pytest.fixture(scope="module")
def seeded(app):
    result = app.test_cli_runner().invoke(args=["seed", "demo"])
    assert result.exit_code == 0, result.output
    return result.output


def user(email):
    return _db.session.scalar(select(User).where(User.email == email))


def counts():
    return {model.__name__: _db.session.scalar(select(func.count()).select_from(model)) for model in COUNTED}


def demo_login(app, email):
    browser = app.test_client()
    browser.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    assert AuthActions(browser).login(email, password="sentra-demo").status_code == 302
    return browser


def test_demo_buyers_talk_with_businesses_including_the_demo_artisan(seeded):
    buyers = {user("ekspor@example.com").id, user("industri@example.com").id}
    conversations = _db.session.scalars(select(Conversation)).all()
    assert len(conversations) >= 4
    assert {c.buyer_id for c in conversations} == buyers
    assert {c.status for c in conversations} == {"open", "quoted", "closed"}
    artisan = user("perajin@example.com")
    assert any(c.business.owner_id == artisan.id for c in conversations)
    for conversation in conversations:
        product = _db.session.get(Product, conversation.product_id)
        assert product.status == "published" and product.business_id == conversation.business_id
    replied = [c for c in conversations if len({m.sender_id for m in _db.session.scalars(
        select(Message).where(Message.conversation_id == c.id))}) == 2]
    assert len(replied) >= 3


def test_demo_requests_have_quotes_and_one_winner(seeded):
    requests = _db.session.scalars(select(BuyingRequest)).all()
    assert 4 <= len(requests) <= 6
    assert {r.category for r in requests} >= {"bambu-rotan", "batik", "kopi", "tapis", "gerabah-keramik"}
    for buying_request in requests:
        quotes = _db.session.scalars(select(Quote).where(Quote.request_id == buying_request.id)).all()
        assert 2 <= len(quotes) <= 4, buying_request.title
        assert all(q.business.owner_id != buying_request.buyer_id for q in quotes)
    awarded = [r for r in requests if r.status == "awarded"]
    assert len(awarded) == 1
    winner = _db.session.get(Quote, awarded[0].accepted_quote_id)
    assert winner.status == "accepted" and winner.request_id == awarded[0].id


def test_demo_buyers_have_favourites_and_follow_sentra(seeded):
    for email in ("ekspor@example.com", "industri@example.com"):
        buyer = user(email)
        assert _db.session.scalar(select(func.count()).select_from(Favourite)
                                  .where(Favourite.user_id == buyer.id)) >= 3
        assert _db.session.scalar(select(func.count()).select_from(SentraFollow)
                                  .where(SentraFollow.user_id == buyer.id)) >= 3


def test_demo_accounts_see_their_inbox_and_dashboards(app, seeded):
    artisan = demo_login(app, "perajin@example.com")
    inbox = page_text(artisan.get("/inbox"))
    assert header_count(inbox) >= 1  # an inquiry waits for an answer
    assert artisan.get("/dashboard").status_code == 200
    exporter = demo_login(app, "ekspor@example.com")
    assert "Green coffee beans" in page_text(exporter.get("/requests/mine"))
    manager = demo_login(app, "pengelola@example.com")
    assert manager.get("/sentra/tenun-tapis-bandar-lampung/dashboard").status_code == 200
    assert _db.session.scalar(select(func.count()).select_from(Business)) > 0


def test_running_the_seed_again_adds_nothing(app, seeded):
    before = counts()
    result = app.test_cli_runner().invoke(args=["seed", "demo"])
    assert result.exit_code == 0, result.output
    _db.session.expire_all()
    assert counts() == before
