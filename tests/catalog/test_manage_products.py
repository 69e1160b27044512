"""Owners create, edit and list their products at /ikm/<slug>/products; nobody else may."""

import re

from sqlalchemy import select

from marketplace.catalog import services
from marketplace.catalog.models import Product
from tests.catalog.conftest import make_product
from tests.conftest import browser, csrf_from, make_business, make_user, post_form


def product_data(**overrides):
    """A complete product form that can be published (no channel yet)."""
    data = {
        "title": "Kain Tapis Motif Kapal",
        "category": "tapis",
        "description": "Tapis **tenun tangan** dengan sulaman benang emas.",
        "materials": "katun, benang emas",
        "price_idr": "Rp 3.500.000",
        "unit": "lembar",
        "availability": "made_to_order",
        "incoterm": "",
        "size": "200 x 60 cm",
        "weight_grams": "900",
        "certifications": ["HAKI"],
        "save": "1",
    }
    data.update(overrides)
    return data


def reload(db, product_id):
    db.session.expire_all()
    return db.session.get(Product, product_id)


def only_product(db):
    db.session.expire_all()
    return db.session.scalars(select(Product)).one()


def error_beside(html, name):
    """The error message rendered beside the field `name` (by the field macro), or None."""
    match = re.search(rf'<p class="error" id="{name}-error">(.*?)</p>', html, re.S)
    return match.group(1).strip() if match else None


def test_owner_saves_a_draft_with_everything_normalised(client, db, owner, business, login):
    login(owner)
    page = client.get("/ikm/tapis-siti/products/new")
    assert page.status_code == 200
    assert '<optgroup label="Textiles (wastra)">' in page.get_data(as_text=True)
    response = post_form(client, "/ikm/tapis-siti/products/new", product_data(
        hs_code="5810 92", title="  Kain   Tapis Motif Kapal "))
    assert response.status_code == 303
    product = only_product(db)
    assert response.headers["Location"].endswith(f"/products/{product.id}/images")
    assert product.status == "draft" and product.published_at is None
    assert product.title == "Kain Tapis Motif Kapal"
    assert product.price_idr == 3_500_000
    assert product.hs_code == "5810.92"
    assert product.certification_codes == ["HAKI"]
    assert product.business_id == business.id
    # Copied from the business so that catalogue filters need no join.
    assert product.sentra_id == business.sentra_id and product.province == "lampung"


def test_owner_publishes_a_complete_product_at_once(client, db, owner, business, login):
    login(owner)
    data = product_data(publish="1")
    data.pop("save")
    response = post_form(client, "/ikm/tapis-siti/products/new", data)
    assert response.status_code == 303
    product = only_product(db)
    assert product.status == "published" and product.published_at is not None


def test_publishing_needs_a_description_and_a_price(client, db, owner, business, login):
    login(owner)
    data = product_data(publish="1", description="", price_idr="")
    data.pop("save")
    response = post_form(client, "/ikm/tapis-siti/products/new", data)
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Describe the product before publishing it" in error_beside(html, "description")
    assert "Give a price in rupiah" in error_beside(html, "price_idr")
    assert 'value="Kain Tapis Motif Kapal"' in html  # what was typed is kept
    assert db.session.scalars(select(Product)).first() is None
    # The same product is fine as a draft.
    response = post_form(client, "/ikm/tapis-siti/products/new", product_data(description="", price_idr=""))
    assert response.status_code == 303
    assert only_product(db).status == "draft"


def test_numbers_must_be_positive_and_sane(client, db, owner, business, login):
    login(owner)
    response = post_form(client, "/ikm/tapis-siti/products/new", product_data(
        price_idr="-5", weight_grams="0", moq="abc", lead_time_days="400",
        capacity_per_month="999999999999", export_price_usd="-1", category="plutonium"))
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "between Rp 1 and Rp 10,000,000,000" in error_beside(html, "price_idr")
    assert "between 1 gram" in error_beside(html, "weight_grams")
    assert error_beside(html, "moq")
    assert "between 1 and 365 days" in error_beside(html, "lead_time_days")
    assert "between 1 and 100,000,000" in error_beside(html, "capacity_per_month")
    assert "USD price between" in error_beside(html, "export_price_usd")
    assert error_beside(html, "category")
    assert db.session.scalars(select(Product)).first() is None


def test_title_is_required(client, db, owner, business, login):
    login(owner)
    response = post_form(client, "/ikm/tapis-siti/products/new", product_data(title=""))
    assert response.status_code == 422
    assert error_beside(response.get_data(as_text=True), "title")


def test_edit_form_starts_from_the_saved_product_and_saves_changes(client, db, owner, business, login):
    product = make_product(business, status="draft", certifications=["HAKI"], hs_code="5810.92",
                           materials="katun")
    login(owner)
    page = client.get(f"/products/{product.id}/edit")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert 'value="Kain Tapis Siger Motif Pucuk Rebung"' in html
    assert 'value="5810.92"' in html
    response = post_form(client, f"/products/{product.id}/edit", product_data(
        title="Kain Tapis Motif Siger", certifications=["HAKI", "SNI"], price_idr="2500000"))
    assert response.status_code == 303
    product = reload(db, product.id)
    assert product.title == "Kain Tapis Motif Siger"
    assert product.price_idr == 2_500_000
    assert product.certification_codes == ["HAKI", "SNI"]
    assert product.status == "draft"


def test_a_published_product_must_stay_complete(client, db, owner, business, login):
    product = make_product(business)
    login(owner)
    response = post_form(client, f"/products/{product.id}/edit", product_data(description=""))
    assert response.status_code == 422
    assert "Describe the product" in error_beside(response.get_data(as_text=True), "description")
    assert reload(db, product.id).description


def test_owner_list_shows_every_status_with_counts_and_pages(app, client, db, owner, business, login):
    app.config["PAGE_SIZE"] = 2
    make_product(business, title="Tapis Terbit")
    make_product(business, title="Tapis Konsep", status="draft")
    make_product(business, title="Tapis Arsip", status="archived")
    login(owner)
    first = client.get("/ikm/tapis-siti/products").get_data(as_text=True)
    second = client.get("/ikm/tapis-siti/products?page=2").get_data(as_text=True)
    titles = re.findall(r"<strong>(Tapis \w+)</strong>", first + second)
    assert sorted(titles) == ["Tapis Arsip", "Tapis Konsep", "Tapis Terbit"]
    assert 'rel="next"' in first
    assert "All (3)" in first and "Draft (1)" in first and "Archived (1)" in first
    drafts = client.get("/ikm/tapis-siti/products?status=draft").get_data(as_text=True)
    assert re.findall(r"<strong>(Tapis \w+)</strong>", drafts) == ["Tapis Konsep"]


def test_business_page_and_account_link_to_the_products(client, owner, business, login):
    login(owner)
    assert "/ikm/tapis-siti/products" in client.get("/ikm/tapis-siti").get_data(as_text=True)
    assert "/ikm/tapis-siti/products" in client.get("/account").get_data(as_text=True)


# ---- permissions -------------------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_login(client, db, business):
    product = make_product(business)
    for url in ("/ikm/tapis-siti/products", "/ikm/tapis-siti/products/new", f"/products/{product.id}/edit",
                f"/products/{product.id}/images"):
        response = client.get(url)
        assert response.status_code == 302 and "/login" in response.headers["Location"], url


def test_another_owner_cannot_list_create_or_edit(client, db, business, other_owner, other_business, login):
    published = make_product(business, title="Tapis Terbit")
    draft = make_product(business, title="Tapis Rahasia", status="draft")
    login(other_owner)
    assert client.get("/ikm/tapis-siti/products").status_code == 403
    assert client.get("/ikm/tapis-siti/products/new").status_code == 403
    assert client.get(f"/products/{published.id}/edit").status_code == 403
    assert client.get(f"/products/{draft.id}/edit").status_code == 404  # a draft's existence is private
    token = csrf_from(client.get("/ikm/gerabah-budi/products/new").get_data(as_text=True))
    for url, expected in ((f"/products/{published.id}/edit", 403), (f"/products/{draft.id}/edit", 404),
                          ("/ikm/tapis-siti/products/new", 403)):
        response = client.post(url, data={**product_data(title="Hacked"), "csrf_token": token})
        assert response.status_code == expected, url
    for action in ("publish", "archive", "unpublish"):
        for product, expected in ((published, 403), (draft, 404)):
            response = client.post(f"/products/{product.id}/status",
                                   data={"action": action, "csrf_token": token})
            assert response.status_code == expected
    assert reload(db, published.id).status == "published" and reload(db, draft.id).status == "draft"
    assert {p.title for p in db.session.scalars(select(Product))} == {"Tapis Terbit", "Tapis Rahasia"}


def test_a_buyer_cannot_create_products_at_all(app, client, db, buyer, login):
    # Even a buyer account that somehow owns a business profile cannot list products on it.
    business = make_business(buyer, slug="toko-pembeli", name="Toko Pembeli")
    login(buyer)
    assert client.get("/ikm/toko-pembeli/products/new").status_code == 403
    token = csrf_from(client.get("/account").get_data(as_text=True))
    response = client.post("/ikm/toko-pembeli/products/new", data={**product_data(), "csrf_token": token})
    assert response.status_code == 403
    assert db.session.scalars(select(Product)).first() is None
    assert not services.can_manage_products(buyer, business)


def test_an_admin_can_manage_any_business_products(client, db, business, admin, login):
    draft = make_product(business, status="draft")
    login(admin)
    assert client.get("/ikm/tapis-siti/products").status_code == 200
    assert client.get(f"/products/{draft.id}/edit").status_code == 200


def test_drafts_are_visible_to_their_owner_and_admins_only(app, db, owner, business, other_owner, admin,
                                                           buyer):
    from flask_login import AnonymousUserMixin

    draft = make_product(business, title="Tapis Konsep", status="draft")
    published = make_product(business, title="Tapis Terbit")
    anonymous = AnonymousUserMixin()
    for user, sees_draft in ((owner, True), (admin, True), (other_owner, False), (buyer, False),
                             (anonymous, False)):
        assert services.can_view(user, published)
        assert services.can_view(user, draft) is sees_draft


# ---- status changes ----------------------------------------------------------------------------


def change(client, product, action):
    return post_form(client, f"/products/{product.id}/status", {"action": action},
                     form_url="/ikm/tapis-siti/products")


def test_status_goes_through_publish_unpublish_archive_and_back_to_draft(client, db, owner, business, login):
    product = make_product(business, status="draft")
    login(owner)
    assert change(client, product, "publish").status_code == 303
    assert reload(db, product.id).status == "published"
    assert reload(db, product.id).published_at is not None
    assert change(client, product, "unpublish").status_code == 303
    assert reload(db, product.id).status == "unpublished"
    assert change(client, product, "archive").status_code == 303
    assert reload(db, product.id).status == "archived"
    assert change(client, product, "draft").status_code == 303
    assert reload(db, product.id).status == "draft"


def test_impossible_status_changes_are_refused(client, db, owner, business, login):
    product = make_product(business, status="draft")
    login(owner)
    response = change(client, product, "unpublish")
    assert response.status_code == 303
    assert "cannot be changed that way" in client.get(response.headers["Location"]).get_data(as_text=True)
    assert reload(db, product.id).status == "draft"
    change(client, product, "archive")
    change(client, product, "publish")  # archived products go back to draft first
    assert reload(db, product.id).status == "archived"
    assert change(client, product, "explode").status_code == 303
    assert reload(db, product.id).status == "archived"


def test_publishing_an_incomplete_product_shows_what_is_missing(client, db, owner, business, login):
    product = make_product(business, status="draft", description="", price_idr=None)
    login(owner)
    response = change(client, product, "publish")
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Describe the product" in error_beside(html, "description")
    assert "Give a price in rupiah" in error_beside(html, "price_idr")
    assert reload(db, product.id).status == "draft"


def test_status_change_returns_to_a_local_page_only(client, db, owner, business, login):
    product = make_product(business)
    login(owner)
    token = csrf_from(client.get("/ikm/tapis-siti/products").get_data(as_text=True))
    response = client.post(f"/products/{product.id}/status",
                           data={"action": "unpublish", "next": "//evil.example/x", "csrf_token": token})
    assert response.headers["Location"].endswith("/ikm/tapis-siti/products")


def test_a_second_owner_browser_sees_nothing_of_the_draft(app, db, business, other_owner):
    draft = make_product(business, status="draft", title="Tapis Rahasia")
    other = browser(app, other_owner)
    assert other.get(f"/products/{draft.id}/images").status_code == 404
    assert "Tapis Rahasia" not in other.get("/ikm/gerabah-budi/products").get_data(as_text=True)


def test_other_people_get_a_403_for_a_business_they_do_not_own(app, sentra):
    owner = make_user("ani@tapis.id")
    make_business(owner, sentra, slug="tapis-ani", name="Tapis Ani")
    stranger = browser(app, make_user("joko@tapis.id"))
    assert stranger.get("/ikm/tapis-ani/products").status_code == 403
