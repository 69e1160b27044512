"""The channel rules: export, supply chain and OVOP each need their facts, shown beside the field."""

import pytest
from sqlalchemy import select

from marketplace.catalog.models import Product
from marketplace.catalog.services import normalise_hs_code
from tests.catalog.conftest import make_product
from tests.catalog.test_manage_products import error_beside, only_product, product_data, reload
from tests.conftest import browser, make_business, make_membership, make_user, post_form

NEW = "/ikm/tapis-siti/products/new"


def send(client, url=NEW, **fields):
    return post_form(client, url, product_data(**fields))


def test_export_needs_a_price_moq_capacity_and_hs_code(client, db, owner, business, login):
    login(owner)
    response = send(client, channels=["export"], title_en="Tapis Ceremonial Cloth")
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Export buyers need a price in USD" in error_beside(html, "export_price_usd")
    assert "minimum order quantity" in error_beside(html, "moq")
    assert "how much you can make per month" in error_beside(html, "capacity_per_month")
    assert "HS code" in error_beside(html, "hs_code")
    # What was typed stays, including the ticked channel.
    assert 'value="Tapis Ceremonial Cloth"' in html
    assert 'checked id="channels-1" name="channels" type="checkbox" value="export"' in html
    assert db.session.scalars(select(Product)).first() is None


def test_an_export_product_with_everything_is_saved(client, db, owner, business, login):
    login(owner)
    response = send(client, channels=["export"], export_price_usd="240.50", incoterm="FOB",
                    port="Panjang, Bandar Lampung", moq="2", capacity_per_month="1.000",
                    hs_code="63049100")
    assert response.status_code == 303
    product = only_product(db)
    assert product.is_export and not product.is_ovop and not product.is_supply_chain
    assert str(product.export_price_usd) == "240.50" and product.incoterm == "FOB"
    assert product.capacity_per_month == 1000
    assert product.hs_code == "6304.91.00"


def test_price_on_request_replaces_the_usd_price(client, db, owner, business, login):
    login(owner)
    response = send(client, channels=["export"], price_on_request="y", moq="2", capacity_per_month="20",
                    hs_code="5810.92")
    assert response.status_code == 303
    assert only_product(db).price_on_request


def test_a_usd_price_needs_an_incoterm(client, db, owner, business, login):
    login(owner)
    response = send(client, channels=["export"], export_price_usd="12", moq="2", capacity_per_month="20",
                    hs_code="5810.92")
    assert response.status_code == 422
    assert "incoterm" in error_beside(response.get_data(as_text=True), "incoterm")


def test_supply_chain_needs_capacity_and_lead_time(client, db, owner, business, login):
    login(owner)
    response = send(client, channels=["supply_chain"])
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "monthly capacity" in error_beside(html, "capacity_per_month")
    assert "lead time" in error_beside(html, "lead_time_days")
    assert error_beside(html, "moq") is None and error_beside(html, "hs_code") is None
    response = send(client, channels=["supply_chain"], capacity_per_month="500", lead_time_days="21")
    assert response.status_code == 303
    assert only_product(db).is_supply_chain


def test_ovop_is_for_active_sentra_members_only(app, client, db, owner, business, login, sentra):
    login(owner)
    assert send(client, channels=["ovop"]).status_code == 303
    assert only_product(db).is_ovop

    # A business outside any sentra is told why it cannot.
    budi = make_user("budi@gerabah.id")
    make_business(budi, slug="gerabah-budi", name="Gerabah Budi")
    response = send(browser(app, budi), url="/ikm/gerabah-budi/products/new", channels=["ovop"])
    assert response.status_code == 422
    assert "active member of a sentra" in error_beside(response.get_data(as_text=True), "channels")


def test_a_pending_member_cannot_offer_ovop_yet(client, db, sentra, login):
    ani = make_user("ani@tapis.id")
    make_membership(sentra, ani, status="pending")
    make_business(ani, sentra, slug="tapis-ani", name="Tapis Ani")
    login(ani)
    response = send(client, url="/ikm/tapis-ani/products/new", channels=["ovop", "supply_chain"])
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "active member of a sentra" in error_beside(html, "channels")
    assert "lead time" in error_beside(html, "lead_time_days")  # every rule is reported at once


def test_a_product_that_no_longer_meets_its_rules_cannot_be_published_again(client, db, owner, business,
                                                                            login, sentra):
    from marketplace.sentra.models import Membership

    product = make_product(business, status="unpublished", channels=["ovop"])
    membership = db.session.scalars(select(Membership).where(Membership.user_id == owner.id)).one()
    db.session.delete(membership)  # the sentra removed the member
    db.session.commit()
    login(owner)
    response = post_form(client, f"/products/{product.id}/status", {"action": "publish"},
                         form_url="/ikm/tapis-siti/products")
    assert response.status_code == 422
    assert "active member of a sentra" in error_beside(response.get_data(as_text=True), "channels")
    assert reload(db, product.id).status == "unpublished"


def test_an_invalid_hs_code_is_refused_beside_the_field(client, db, owner, business, login):
    login(owner)
    for code in ("12345", "abcd", "9901.00", "7701", "52.08"):
        response = send(client, hs_code=code)
        assert response.status_code == 422, code
        assert "4, 6, 8 or 10 digits" in error_beside(response.get_data(as_text=True), "hs_code")


@pytest.mark.parametrize(("typed", "stored"), [
    ("5208", "5208"), ("5208.52", "5208.52"), ("520852", "5208.52"), ("6304.91.00", "6304.91.00"),
    ("6304 91 00", "6304.91.00"), ("0901111000", "0901.11.10.00"), ("0901.11.1000", "0901.11.10.00"),
])
def test_hs_codes_are_normalised(typed, stored):
    assert normalise_hs_code(typed) == stored


@pytest.mark.parametrize("typed", ["", "52", "52085", "5208.5", "1234567", "98.01", "abc", "5208..52"])
def test_malformed_hs_codes_are_not_codes(typed):
    assert normalise_hs_code(typed) is None
