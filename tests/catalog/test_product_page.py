"""The product page: what a buyer sees, who may see unpublished products, and the counters."""

import re
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from marketplace.catalog.models import OvopRating, Product
from tests.catalog.browse_support import add_pictures, card_titles
from tests.catalog.conftest import make_product
from tests.conftest import browser, csrf_from, make_business, make_user


@pytest.fixture
def product(business):
    return make_product(
        business, title="Kain Tapis Siger Emas", title_en="Gold Siger Tapis Cloth",
        description="Ditenun **tangan** dengan benang emas.<script>alert(1)</script>",
        description_en="Hand-woven with *gold* thread.", materials="Benang emas, kapas",
        price_idr=1_500_000, unit="lembar", moq=2, capacity_per_month=40, lead_time_days=21,
        availability="made_to_order", samples_available=True, hs_code="5810.92",
        certifications=["HAKI", "SNI"], size="200 x 60 cm", weight_grams=850,
        channels=["export", "ovop"], export_price_usd="95.00", incoterm="FOB", port="Panjang",
    )


def _refresh(db, product):
    db.session.expire_all()
    return db.session.get(Product, product.id)


def test_the_short_address_redirects_to_the_canonical_one(client, product):
    response = client.get(f"/products/{product.id}")
    assert response.status_code == 301
    assert response.headers["Location"] == f"/products/{product.id}-kain-tapis-siger-emas"
    wrong = client.get(f"/products/{product.id}-old-title")
    assert wrong.status_code == 301 and wrong.headers["Location"].endswith("-kain-tapis-siger-emas")
    assert client.get(f"/products/{product.id}-kain-tapis-siger-emas").status_code == 200
    assert client.get("/products/999999").status_code == 404


def test_a_buyer_sees_every_detail_in_english(client, product):
    html = client.get(f"/products/{product.id}-kain-tapis-siger-emas").get_data(as_text=True)
    assert "<h1>Gold Siger Tapis Cloth</h1>" in html
    assert "Kain Tapis Siger Emas" in html  # the maker's own title stays beside it
    assert "Hand-woven with <em>gold</em> thread." in html
    for text in ("Benang emas, kapas", "Rp 1,500,000 / cloth", "$95.00 / cloth", "FOB (free on board)",
                 "Panjang", "2 cloths", "40 cloths a month", "21 days", "Made to order", "Samples available",
                 "5810.92", "HAKI / registered trademark", "SNI (Indonesian National Standard)",
                 "200 x 60 cm", "850 g", "Tapis"):
        assert text in html, text
    assert 'href="/ikm/tapis-siti">Tapis Siti</a>' in html
    assert 'href="/sentra/tenun-tapis-bandar-lampung"' in html


def test_indonesian_readers_get_the_indonesian_text_sanitised(app, product):
    reader = app.test_client()
    reader.environ_base["HTTP_ACCEPT_LANGUAGE"] = "id"
    html = reader.get(f"/products/{product.id}-kain-tapis-siger-emas").get_data(as_text=True)
    assert "<h1>Kain Tapis Siger Emas</h1>" in html
    assert "Ditenun <strong>tangan</strong> dengan benang emas." in html
    assert "<script>alert" not in html
    assert "Rp 1.500.000 / lembar" in html


def test_the_gallery_shows_the_cover_and_links_every_photo_large(client, db, product):
    images = add_pictures(db, product, 3, alt="Tapis")
    html = client.get(f"/products/{product.id}-kain-tapis-siger-emas").get_data(as_text=True)
    cover = re.search(r'<a class="product-cover" href="([^"]+)">\s*<img src="([^"]+)"', html)
    assert cover.group(1) == f"/media/{images[0].hash}-large.webp"
    assert cover.group(2) == f"/media/{images[0].hash}-medium.webp"
    for image in images[1:]:
        assert f'<a href="/media/{image.hash}-large.webp"><img src="/media/{image.hash}-thumb.webp"' in html
    assert 'alt="Tapis 2"' in html
    assert not re.search(r"<script(?![^>]*\bsrc=)", html)  # works without JS: no inline script


@pytest.mark.parametrize("status", ["draft", "unpublished", "archived"])
def test_unpublished_products_are_404_to_everyone_but_owner_and_admins(app, business, other_owner,
                                                                        buyer, admin, status):
    hidden = make_product(business, title="Tapis Rahasia", status=status)
    url = f"/products/{hidden.id}"
    for visitor in (None, other_owner, buyer):
        response = browser(app, visitor).get(url, follow_redirects=True)
        assert response.status_code == 404, (visitor, status)
        assert "Tapis Rahasia" not in response.get_data(as_text=True)
    assert "Tapis Rahasia" not in card_titles(browser(app).get("/products").get_data(as_text=True))

    owner_page = browser(app, business.owner).get(url, follow_redirects=True)
    assert owner_page.status_code == 200
    html = owner_page.get_data(as_text=True)
    assert "Only you and the platform admins can see this page" in html
    assert 'name="robots" content="noindex"' in html
    if "catalog.edit_product" in app.view_functions:
        assert f'href="/products/{hidden.id}/edit"' in html
    assert browser(app, admin).get(url, follow_redirects=True).status_code == 200


def test_similar_products_are_published_ones_of_the_same_category(client, business, other_business, product):
    for n in range(8):
        make_product(business if n % 2 else other_business, title=f"Tapis Lain {n}", category="tapis")
    make_product(business, title="Tapis Draf", category="tapis", status="draft")
    make_product(business, title="Kopi Bubuk", category="kopi")
    html = client.get(f"/products/{product.id}-kain-tapis-siger-emas").get_data(as_text=True)
    similar = re.search(r'id="similar-heading".*?</section>', html, re.S).group(0)
    titles = card_titles(similar)
    assert len(titles) == 6
    assert titles == [f"Tapis Lain {n}" for n in range(7, 1, -1)]  # newest first
    assert "Tapis Draf" not in similar and "Kopi Bubuk" not in similar


def test_ovop_stars_and_assessment_show_when_rated(client, db, product, curator):
    product.ovop_stars = 4
    db.session.add(OvopRating(product_id=product.id, curator_id=curator.id, stars=4, local_material=5,
                              value_added=4, environment=3, volume_capacity=4, design_origin=5, packaging=3,
                              years_in_sentra=4, note="Motif asli, kemasan perlu diperbaiki."))
    db.session.commit()
    html = client.get(f"/products/{product.id}-kain-tapis-siger-emas").get_data(as_text=True)
    assert 'aria-label="4 of 5 stars"' in html
    assert "OVOP assessment" in html and "Rated " in html
    assert "Environmental control" in html and "Motif asli, kemasan perlu diperbaiki." in html


def test_inquiry_and_favourite_buttons_when_the_buyers_area_has_them(app, client, product):
    html = client.get(f"/products/{product.id}-kain-tapis-siger-emas").get_data(as_text=True)
    if "buyers.inquire" in app.view_functions:
        assert "Send an inquiry" in html
    if "buyers.toggle_favourite" in app.view_functions:
        assert "Save to favourites" in html


# ---- WhatsApp ----------------------------------------------------------------------------------


def _chat(client, product):
    page = client.get(f"/products/{product.id}-kain-tapis-siger-emas").get_data(as_text=True)
    assert "Chat on WhatsApp" in page
    return client.post(f"/products/{product.id}/whatsapp", data={"csrf_token": csrf_from(page)})


def test_whatsapp_button_counts_the_click_and_opens_the_chat(client, db, business, product):
    business.whatsapp = "0812-3456-7890"
    db.session.commit()
    response = _chat(client, product)
    assert response.status_code == 303
    target = urlsplit(response.headers["Location"])
    assert (target.scheme, target.netloc, target.path) == ("https", "wa.me", "/6281234567890")
    text = parse_qs(target.query)["text"][0]
    assert "Gold Siger Tapis Cloth" in text
    assert f"http://localhost/products/{product.id}-kain-tapis-siger-emas" in unquote(text)
    assert _refresh(db, product).whatsapp_clicks == 1
    _chat(client, product)
    assert _refresh(db, product).whatsapp_clicks == 2


def test_whatsapp_link_uses_the_public_address_when_set(app, client, db, business, product):
    app.config["PUBLIC_URL"] = "https://sentra.example.id"
    business.whatsapp = "+62 812 0000 0100"
    db.session.commit()
    text = parse_qs(urlsplit(_chat(client, product).headers["Location"]).query)["text"][0]
    assert f"https://sentra.example.id/products/{product.id}-kain-tapis-siger-emas" in text


def test_whatsapp_needs_a_post_with_csrf_and_a_number(client, db, business, product):
    assert "Chat on WhatsApp" not in client.get(f"/products/{product.id}-kain-tapis-siger-emas").get_data(
        as_text=True)
    page = client.get(f"/products/{product.id}-kain-tapis-siger-emas").get_data(as_text=True)
    response = client.post(f"/products/{product.id}/whatsapp", data={"csrf_token": csrf_from(page)})
    assert response.status_code == 404
    business.whatsapp = "081234567890"
    db.session.commit()
    assert client.get(f"/products/{product.id}/whatsapp").status_code == 405
    assert client.post(f"/products/{product.id}/whatsapp").status_code == 400  # no CSRF token
    assert _refresh(db, product).whatsapp_clicks == 0


def test_whatsapp_of_a_draft_is_404_for_others(app, db, business):
    business.whatsapp = "081234567890"
    db.session.commit()
    draft = make_product(business, title="Tapis Draf", status="draft")
    visitor = browser(app)
    page = visitor.get("/products").get_data(as_text=True)
    response = visitor.post(f"/products/{draft.id}/whatsapp", data={"csrf_token": csrf_from(page)})
    assert response.status_code == 404
    assert _refresh(db, draft).whatsapp_clicks == 0


# ---- views -------------------------------------------------------------------------------------


def test_a_view_counts_once_per_session_and_not_for_the_owner(app, client, db, business, product):
    url = f"/products/{product.id}-kain-tapis-siger-emas"
    for _ in range(3):
        client.get(url)
    assert _refresh(db, product).view_count == 1
    browser(app).get(url)
    assert _refresh(db, product).view_count == 2
    owner = browser(app, business.owner)
    owner.get(url)
    owner.get(url)
    assert _refresh(db, product).view_count == 2
    client.get(f"/products/{product.id}", follow_redirects=True)  # the short address is the same product
    assert _refresh(db, product).view_count == 2


def test_the_session_remembers_only_the_latest_products(app, client, db, business):
    products = [make_product(business, title=f"Tapis {n}") for n in range(35)]
    for item in products:
        client.get(f"/products/{item.id}", follow_redirects=True)
    with client.session_transaction() as session:
        remembered = session["viewed_products"]
    assert len(remembered) == 30 and remembered[-1] == products[-1].id
    assert all(_refresh(db, item).view_count == 1 for item in products)
    client.get(f"/products/{products[-1].id}", follow_redirects=True)
    assert _refresh(db, products[-1]).view_count == 1


def test_views_of_unpublished_products_are_not_counted(app, db, business, admin):
    draft = make_product(business, title="Tapis Draf", status="draft")
    browser(app, admin).get(f"/products/{draft.id}", follow_redirects=True)
    assert _refresh(db, draft).view_count == 0


def test_a_product_without_sentra_or_pictures_still_has_a_page(client):
    owner = make_user("solo@ikm.test")
    business = make_business(owner, slug="kopi-solo", name="Kopi Solo")
    product = make_product(business, title="Kopi Robusta", category="kopi", price_idr=None,
                           price_on_request=True)
    html = client.get(f"/products/{product.id}", follow_redirects=True).get_data(as_text=True)
    assert "Kopi Robusta" in html and "Price on request" in html and "No photo yet" in html
