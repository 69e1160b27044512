"""Buying requests: post, tell matching businesses, quote, compare, accept or close."""

from datetime import timedelta

import pytest

from marketplace.buyers import request_services
from marketplace.buyers.models import BuyingRequest, Quote
from marketplace.extensions import db as _db
from marketplace.notifications.models import Notification
from marketplace.timeutil import utcnow
from tests.buyers.conftest import count, page_text, quote_data, request_data, send
from tests.catalog.conftest import make_product
from tests.conftest import make_business, make_membership, make_sentra, make_user


def post_request(browser, **overrides):
    return send(browser, "/requests/new", request_data(**overrides))


def quote(browser, buying_request, business, **overrides):
    url = f"/requests/{buying_request.id}"
    return send(browser, f"{url}/quote", quote_data(business, **overrides), form_url=url)


def notices(user, kind):
    return _db.session.scalars(
        _db.select(Notification).where(Notification.user_id == user.id, Notification.kind == kind)
    ).all()


@pytest.fixture
def posted(login, market):
    """Linnea's open request for tapis cloth, and her browser."""
    browser = login(market.buyer)
    assert post_request(browser).status_code == 302
    return browser, _db.session.scalars(_db.select(BuyingRequest)).one()


def test_a_buyer_posts_a_request_and_matching_businesses_are_told(login, market):
    # A batik maker in a batik sentra who also sells a published tapis product matches too.
    batik = make_sentra("batik-laweyan", commodity="batik", province="jawa-tengah")
    maker = make_user("maker@batik.id", display_name="Batik Maker")
    make_membership(batik, maker)
    make_product(make_business(maker, batik, slug="batik-maker"), title="Tapis-style batik", category="tapis")
    drafter = make_user("draft@batik.id")
    make_product(make_business(drafter, batik, slug="batik-drafter"), category="tapis", status="draft")

    browser = login(market.buyer)
    response = post_request(browser)
    buying_request = _db.session.scalars(_db.select(BuyingRequest)).one()
    assert response.status_code == 302
    assert response.headers["Location"] == f"/requests/{buying_request.id}"
    assert (buying_request.title, buying_request.category, buying_request.channel) == (
        "Tapis cloth for a hotel lobby", "tapis", "supply_chain")
    assert (buying_request.quantity, buying_request.unit, buying_request.target_price_idr) == (
        40, "lembar", 1200000)
    assert (buying_request.destination_country, buying_request.destination_city) == ("ID", "Jakarta")
    assert buying_request.status == "open"

    told = {n.user_id for n in _db.session.scalars(
        _db.select(Notification).where(Notification.kind == "buyers.request_match"))}
    # Siti (tapis sentra) and the batik maker with a tapis product; not Budi (pottery), not a draft.
    assert told == {market.seller.id, maker.id}
    page = page_text(browser.get(response.headers["Location"]))
    assert "Tapis cloth for a hotel lobby" in page and "Forty pieces, red and gold." in page


def test_matching_is_bounded_and_prefers_businesses_with_a_matching_product(login, market, monkeypatch):
    for n in range(3):
        owner = make_user(f"weaver{n}@tapis.id")
        make_business(owner, market.sentra, slug=f"weaver-{n}")
    maker = make_user("maker@batik.id")
    make_product(make_business(maker, market.kasongan, slug="pot-and-tapis"), category="tapis")
    monkeypatch.setattr(request_services, "MATCH_LIMIT", 2)
    post_request(login(market.buyer))
    told = {n.user_id for n in _db.session.scalars(
        _db.select(Notification).where(Notification.kind == "buyers.request_match"))}
    # Siti and the maker sell tapis products; the three weavers only share the sentra's commodity.
    assert told == {market.seller.id, maker.id}


@pytest.mark.parametrize("who", ["seller", "manager", "admin"])
def test_only_buyer_accounts_post_requests(login, market, who):
    browser = login(getattr(market, who))
    page = browser.get("/requests/new")
    assert page.status_code == 403
    assert "Only buyer accounts post buying requests" in page_text(page)
    assert post_request(browser).status_code == 403
    assert count(BuyingRequest) == 0


def test_a_refused_request_keeps_what_was_typed(login, market):
    response = post_request(login(market.buyer), category="", quantity="abc", deadline="2000-01-01")
    html = page_text(response)
    assert response.status_code == 422
    assert 'value="Tapis cloth for a hotel lobby"' in html
    assert "Choose a date that has not passed yet." in html
    assert count(BuyingRequest) == 0


def test_visitors_see_titles_but_need_an_account_for_details(login, market, posted):
    _browser, buying_request = posted
    visitor = login()
    listing = page_text(visitor.get("/requests"))
    assert "Tapis cloth for a hotel lobby" in listing
    assert "Jakarta" not in listing  # the city is for logged-in people
    response = visitor.get(f"/requests/{buying_request.id}")
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")


def test_the_list_filters_by_category_and_channel_with_counts(login, market, posted):
    browser, _first = posted
    post_request(browser, title="Rattan chairs for a hotel", category="bambu-rotan", channel="export")
    listing = page_text(browser.get("/requests?category=bambu-rotan"))
    assert "Rattan chairs for a hotel" in listing and "Tapis cloth for a hotel lobby" not in listing
    listing = page_text(browser.get("/requests?channel=supply_chain"))
    assert "Tapis cloth for a hotel lobby" in listing and "Rattan chairs" not in listing
    assert "1 open request" in listing
    # Unknown filter values are ignored rather than failing.
    assert browser.get("/requests?category=<script>&page=abc").status_code == 200


def test_quote_accept_flow_with_notices(login, market, posted):
    buyer, buying_request = posted
    siti, budi = login(market.seller), login(market.other_seller)
    assert quote(siti, buying_request, market.business).status_code == 302
    assert quote(budi, buying_request, market.other_business, price_idr="", price_usd="70.50",
                 message="Budi's secret offer").status_code == 302
    assert len(notices(market.buyer, "buyers.quote")) == 2

    # The buyer compares every quote; each business sees only its own.
    comparison = page_text(buyer.get(f"/requests/{buying_request.id}"))
    for text in ("Tapis Siger Siti", "Gerabah Budi", "Rp 1,150,000", "US$ 70.50", "21 days",
                 "Sentra IKM Tenun Tapis", "Lampung", "Budi&#39;s secret offer"):
        assert text in comparison, text
    siti_page = page_text(siti.get(f"/requests/{buying_request.id}"))
    assert "Rp 1,150,000" in siti_page
    assert "secret offer" not in siti_page and "US$ 70.50" not in siti_page
    assert "natural dyes" not in page_text(budi.get(f"/requests/{buying_request.id}"))

    siti_quote = _db.session.scalar(_db.select(Quote).where(Quote.business_id == market.business.id))
    accept = f"/requests/{buying_request.id}/quotes/{siti_quote.id}/accept"
    # Another buyer and a quoting business cannot accept.
    for outsider in (login(market.other_buyer), budi):
        assert send(outsider, accept, form_url="/requests").status_code == 403
    assert send(buyer, accept, form_url="/requests").status_code == 302

    _db.session.expire_all()
    buying_request = _db.session.get(BuyingRequest, buying_request.id)
    assert buying_request.status == "awarded"
    assert buying_request.accepted_quote_id == siti_quote.id
    statuses = dict(_db.session.execute(_db.select(Quote.business_id, Quote.status)).all())
    assert statuses == {market.business.id: "accepted", market.other_business.id: "declined"}
    assert len(notices(market.seller, "buyers.quote_accepted")) == 1
    assert len(notices(market.other_seller, "buyers.quote_declined")) == 1
    # No more quotes or changes once awarded.
    assert quote(budi, buying_request, market.other_business).status_code == 403
    assert send(buyer, f"/requests/{buying_request.id}/close", form_url="/requests").status_code == 302
    assert _db.session.get(BuyingRequest, buying_request.id).status == "awarded"


def test_the_buyer_closes_a_request_without_a_winner(login, market, posted):
    buyer, buying_request = posted
    quote(login(market.seller), buying_request, market.business)
    close = f"/requests/{buying_request.id}/close"
    assert send(login(market.other_buyer), close, form_url="/requests").status_code == 403
    assert send(login(market.seller), close, form_url="/requests").status_code == 403
    assert send(buyer, close, form_url="/requests").status_code == 302
    _db.session.expire_all()
    assert _db.session.get(BuyingRequest, buying_request.id).status == "closed"
    assert _db.session.scalar(_db.select(Quote.status)) == "declined"
    assert len(notices(market.seller, "buyers.request_closed")) == 1
    assert "Tapis cloth for a hotel lobby" not in page_text(buyer.get("/requests"))
    assert "Tapis cloth for a hotel lobby" in page_text(buyer.get("/requests/mine"))


def test_quoting_again_changes_the_same_quote_and_withdrawing_brings_it_back(login, market, posted):
    _buyer, buying_request = posted
    siti = login(market.seller)
    quote(siti, buying_request, market.business)
    quote(siti, buying_request, market.business, price_idr="990000")
    (only,) = _db.session.scalars(_db.select(Quote)).all()
    assert only.price_idr == 990000
    assert len(notices(market.buyer, "buyers.quote")) == 1  # a change is not a new quote

    edit_page = page_text(siti.get(f"/requests/{buying_request.id}?edit={only.id}"))
    assert 'value="990000"' in edit_page

    withdraw = f"/requests/{buying_request.id}/quotes/{only.id}/withdraw"
    assert send(login(market.other_seller), withdraw, form_url="/requests").status_code == 404
    assert send(login(market.buyer), withdraw, form_url="/requests").status_code == 404
    assert send(siti, withdraw, form_url="/requests").status_code == 302
    _db.session.expire_all()
    assert _db.session.get(Quote, only.id).status == "withdrawn"
    assert "990000" not in page_text(login(market.buyer).get(f"/requests/{buying_request.id}"))

    quote(siti, buying_request, market.business, price_idr="1000000")
    _db.session.expire_all()
    assert _db.session.get(Quote, only.id).status == "submitted"
    assert len(notices(market.buyer, "buyers.quote")) == 2


def test_a_business_quotes_only_as_its_own_business(login, market, posted):
    _buyer, buying_request = posted
    response = quote(login(market.seller), buying_request, market.other_business)
    assert response.status_code == 422  # not one of the choices
    assert count(Quote) == 0


@pytest.mark.parametrize("who", ["buyer", "other_buyer", "stranger"])
def test_people_without_a_business_cannot_quote(login, market, posted, who):
    _buyer, buying_request = posted
    browser = login(getattr(market, who))
    page = page_text(browser.get(f"/requests/{buying_request.id}"))
    assert f'action="/requests/{buying_request.id}/quote"' not in page
    assert quote(browser, buying_request, market.business).status_code == 403
    assert count(Quote) == 0


def test_a_quote_needs_a_price(login, market, posted):
    _buyer, buying_request = posted
    response = quote(login(market.seller), buying_request, market.business, price_idr="", price_usd="")
    assert response.status_code == 422
    assert "Give a price in rupiah or in US dollars." in page_text(response)
    assert "Hand-woven, natural dyes." in page_text(response)


def test_another_buyer_sees_the_request_but_no_quotes(login, market, posted):
    _buyer, buying_request = posted
    quote(login(market.seller), buying_request, market.business)
    page = page_text(login(market.other_buyer).get(f"/requests/{buying_request.id}"))
    assert "Tapis cloth for a hotel lobby" in page
    assert "Tapis Siger Siti" not in page and "1,150,000" not in page


def test_my_quotes_lists_only_my_businesses_quotes(login, market, posted):
    _buyer, buying_request = posted
    siti, budi = login(market.seller), login(market.other_seller)
    quote(siti, buying_request, market.business)
    page = page_text(siti.get("/quotes"))
    assert "Tapis cloth for a hotel lobby" in page and "Tapis Siger Siti" in page
    assert "Tapis cloth for a hotel lobby" not in page_text(budi.get("/quotes"))


def test_suspended_people_cannot_post_or_quote(login, market, posted):
    _buyer, buying_request = posted
    later = utcnow() + timedelta(days=2)
    market.buyer.suspended_until = later
    market.seller.suspended_until = later
    _db.session.commit()
    response = post_request(login(market.buyer))
    assert response.status_code == 403 and "Your account is suspended until" in page_text(response)
    siti = login(market.seller)
    assert "Your account is suspended until" in page_text(siti.get(f"/requests/{buying_request.id}"))
    assert quote(siti, buying_request, market.business).status_code == 403
    assert count(BuyingRequest) == 1 and count(Quote) == 0
