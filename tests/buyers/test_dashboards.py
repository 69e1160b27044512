"""Dashboards: the numbers agree with the database, and only the right people see them."""

import re

import pytest
from sqlalchemy import func, select

from marketplace.buyers.models import BuyingRequest, Conversation, Quote, SentraFollow
from marketplace.catalog.models import Product
from marketplace.extensions import db as _db
from tests.buyers.conftest import inquiry_data, page_text, quote_data, request_data, send
from tests.catalog.conftest import make_product
from tests.conftest import make_business, make_user


def figure(html, label):
    """The number in the <dd> after the <dt> called `label`."""
    match = re.search(rf"<dt>{re.escape(label)}</dt><dd>([\d,]+)</dd>", html)
    assert match, label
    return int(match.group(1).replace(",", ""))


def tile(html, label):
    """The number of a stat tile: <strong>n</strong> label."""
    match = re.search(rf"<strong>([\d,]+)</strong> {re.escape(label)}", html)
    assert match, label
    return int(match.group(1).replace(",", ""))


@pytest.fixture
def busy(login, market):
    """Inquiries in every status, a request with two quotes (one accepted), followers."""
    make_product(market.business, title="Selendang Tapis", channels=["ovop", "supply_chain"], view_count=60,
                 whatsapp_clicks=4)
    make_product(market.business, title="Tapis lama", status="archived", view_count=2)
    # A pending member's business does not count for the sentra.
    pending_owner = make_user("pending@tapis.id")
    make_product(make_business(pending_owner, market.sentra, slug="pending-tapis"), title="Pending tapis",
                 view_count=999)
    buyer = login(market.buyer)
    seller = login(market.seller)
    ids = []
    for _ in range(3):
        response = send(buyer, f"/products/{market.product.id}/inquire", inquiry_data())
        ids.append(int(response.headers["Location"].rsplit("/", 1)[1]))
    send(seller, f"/inbox/{ids[0]}/status", {"status": "quoted"}, form_url=f"/inbox/{ids[0]}")
    send(seller, f"/inbox/{ids[1]}/status", {"status": "closed"}, form_url=f"/inbox/{ids[1]}")
    send(buyer, "/requests/new", request_data())
    buying_request = _db.session.scalars(select(BuyingRequest)).one()
    url = f"/requests/{buying_request.id}"
    send(seller, f"{url}/quote", quote_data(market.business), form_url=url)
    send(login(market.other_seller), f"{url}/quote", quote_data(market.other_business), form_url=url)
    accepted = _db.session.scalar(select(Quote.id).where(Quote.business_id == market.business.id))
    send(buyer, f"{url}/quotes/{accepted}/accept", form_url=url)
    _db.session.add_all([SentraFollow(user_id=market.buyer.id, sentra_id=market.sentra.id),
                         SentraFollow(user_id=market.other_buyer.id, sentra_id=market.sentra.id)])
    _db.session.commit()
    return buyer, seller


def test_business_dashboard_numbers_agree_with_the_database(market, busy):
    _buyer, seller = busy
    html = page_text(seller.get("/dashboard"))
    business_id = market.business.id

    def products(*conditions):
        return _db.session.scalar(select(func.count()).select_from(Product).where(
            Product.business_id == business_id, *conditions))

    assert figure(html, "Products") == products() == 4
    assert figure(html, "Published") == products(Product.status == "published") == 2
    assert figure(html, "Draft") == products(Product.status == "draft") == 1
    assert figure(html, "Archived") == 1
    views = _db.session.scalar(select(func.sum(Product.view_count)).where(Product.business_id == business_id))
    assert figure(html, "Product views") == views == 40 + 5 + 60 + 2
    assert figure(html, "WhatsApp clicks") == 7
    for status in ("open", "quoted", "closed"):
        expected = _db.session.scalar(select(func.count()).select_from(Conversation).where(
            Conversation.business_id == business_id, Conversation.status == status))
        assert figure(html, f"Inquiries: {status.title()}") == expected == 1
    assert figure(html, "Quotes sent") == 1
    assert figure(html, "Quotes accepted") == 1
    assert "Gerabah Budi" not in html  # someone else's business
    assert html.count('href="/inbox/') == 3  # the latest inquiries


def test_buyer_dashboard_numbers_agree_with_the_database(market, busy):
    buyer, _seller = busy
    html = page_text(buyer.get("/dashboard"))
    assert tile(html, "buying requests") == 1
    assert tile(html, "open for quotes") == 0  # awarded
    assert tile(html, "quotes received") == 2
    assert tile(html, "quotes accepted") == 1
    assert tile(html, "inquiries") == 3
    assert "Tapis cloth for a hotel lobby" in html


def test_sentra_dashboard_numbers_agree_with_the_database(login, market, busy):
    html = page_text(login(market.manager).get("/sentra/tenun-tapis-bandar-lampung/dashboard"))
    assert tile(html, "member businesses") == 1  # Siti; the pending member's business is left out
    assert tile(html, "published products") == 2
    assert tile(html, "product views") == 100
    assert tile(html, "inquiries received") == 3
    assert tile(html, "followers") == 2
    assert figure(html, "OVOP") == 1
    assert figure(html, "Export") == 1
    assert figure(html, "Supply chain") == 1
    assert "Pending tapis" not in html
    top = html[html.index("Most viewed products"):]
    assert top.index("Selendang Tapis") < top.index("Kain Tapis Pucuk Rebung")  # most viewed first
    assert "we would like 200 pieces" not in html  # the messages stay private
    assert "Nordic Home AB" not in html and "Linnea" not in html  # and so does who the buyer is


@pytest.mark.parametrize("who,status", [
    ("manager", 200), ("admin", 200), ("member", 403), ("seller", 403), ("buyer", 403), ("other_seller", 403),
])
def test_only_managers_and_admins_open_the_sentra_dashboard(login, market, who, status):
    browser = login(getattr(market, who))
    assert browser.get("/sentra/tenun-tapis-bandar-lampung/dashboard").status_code == status
    page = page_text(browser.get("/sentra/tenun-tapis-bandar-lampung"))
    assert ("/sentra/tenun-tapis-bandar-lampung/dashboard" in page) == (status == 200)


def test_dashboards_need_a_login(login, market):
    visitor = login()
    for url in ("/dashboard", "/sentra/tenun-tapis-bandar-lampung/dashboard"):
        response = visitor.get(url)
        assert response.status_code == 302 and response.headers["Location"].startswith("/login")
    assert login(market.manager).get("/sentra/no-such-sentra/dashboard").status_code == 404


def test_the_account_page_links_to_the_dashboard(login, market):
    assert 'href="/dashboard"' in page_text(login(market.seller).get("/account"))
