"""The catalogue through each buyer's eyes (/ovop, /export, /supply-chain), and products on other pages."""

import re

import pytest

from marketplace.catalog.models import OvopRating
from marketplace.timeutil import utcnow
from tests.catalog.browse_support import HIDDEN, Catalogue, add_pictures, card_titles, options, results_total
from tests.catalog.conftest import make_product
from tests.conftest import make_business, make_membership, make_sentra, make_user


@pytest.fixture
def catalogue(app):
    return Catalogue()


def _html(client, url, **kwargs):
    response = client.get(url, **kwargs)
    assert response.status_code == 200, url
    return response.get_data(as_text=True)


# ---- OVOP --------------------------------------------------------------------------------------


def test_ovop_page_shows_rated_products_best_first_with_their_assessment(client, db, catalogue, curator):
    tapis = catalogue.products["Tapis Siger Emas"]
    db.session.add(OvopRating(
        product_id=tapis.id, curator_id=curator.id, stars=5, local_material=5, value_added=5,
        environment=4, volume_capacity=3, design_origin=5, packaging=4, years_in_sentra=5,
        note="Benang emas dari perajin lokal; motif siger asli Lampung.",
    ))
    nominated = make_product(catalogue.businesses["rina"], title="Tapis Belum Dinilai", channels=["ovop"],
                             ovop_nominated_at=utcnow())
    db.session.commit()
    html = _html(client, "/ovop")
    assert card_titles(html) == ["Tapis Siger Emas", "Batik Tulis Parang", "Songket Lampung"]
    assert nominated.title not in html  # nominated, not rated yet
    assert 'aria-label="5 of 5 stars"' in html
    assert "Share of local raw material" in html and "3 of 5" in html
    assert "motif siger asli Lampung" in html
    assert "channel" not in re.findall(r'name="(\w+)"', html)  # the channel is the page's own


def test_ovop_page_filters_like_the_catalogue(client, catalogue):
    html = _html(client, "/ovop?province=lampung")
    assert card_titles(html) == ["Tapis Siger Emas", "Songket Lampung"]
    assert options(html, "province") == {"lampung": 2, "jawa-tengah": 1}


# ---- export ------------------------------------------------------------------------------------


def test_export_page_shows_what_an_export_buyer_needs(client, catalogue):
    html = _html(client, "/export")
    expected = catalogue.titles({"channel": "export"})
    assert set(card_titles(html)) == expected and not HIDDEN & set(card_titles(html))
    assert "$42.00 / piece FOB Tanjung Emas" in html
    assert "9401.52" in html  # HS code
    assert "SVLK (legal timber)" in html  # certification
    assert "Minimum order" in html and ">10 pieces<" in html
    assert "Price on request" in html  # the bamboo lamp without a USD price


def test_export_page_speaks_english_to_english_readers(client, app, business):
    make_product(business, title="Kain Tapis Siger", title_en="Siger Tapis Cloth", channels=["export"],
                 export_price_usd="95.00", incoterm="FOB", moq=2, capacity_per_month=40, hs_code="5810.92")
    make_product(business, title="Selendang Tapis", channels=["export"], export_price_usd="30.00", moq=5,
                 capacity_per_month=40, hs_code="5810.92")
    english = card_titles(_html(client, "/export"))
    assert sorted(english) == ["Selendang Tapis", "Siger Tapis Cloth"]  # Indonesian when no English text
    indonesian = app.test_client()
    indonesian.environ_base["HTTP_ACCEPT_LANGUAGE"] = "id"
    assert sorted(card_titles(_html(indonesian, "/export"))) == ["Kain Tapis Siger", "Selendang Tapis"]


# ---- supply chain --------------------------------------------------------------------------------


def _capacity_rows(html):
    table = re.search(r'<section class="panel capacity-table".*?</section>', html, re.S).group(0)
    rows = re.findall(r'<tr>\s*<td><a href="/sentra/([^"]+)">[^<]*</a></td>\s*<td>([^<]+)</td>\s*'
                      r'<td>(\d+) business(?:es)?</td>\s*<td><strong>([\d,]+)</strong> (\w+)</td>', table)
    return [(slug, category, int(n), int(total.replace(",", "")), unit)
            for slug, category, n, total, unit in rows]


def test_supply_chain_page_adds_up_capacity_per_sentra_category_and_unit(client, catalogue):
    html = _html(client, "/supply-chain")
    assert set(card_titles(html)) == catalogue.titles({"channel": "supply_chain"})
    assert "Lead time" in html and "30 days" in html and "1,500 cloths a month" in html
    assert _capacity_rows(html) == [
        ("batik-laweyan", "Batik", 1, 8_000, "metres"),
        ("rotan-tegalwangi", "Bamboo & rattan", 2, 3_420, "pieces"),  # 300 + 120 + 3,000; archived left out
        ("batik-laweyan", "Batik", 1, 1_500, "cloths"),
        ("batik-laweyan", "Fashion & accessories", 1, 600, "pieces"),
        ("tenun-tapis-bandar-lampung", "Tapis", 1, 200, "cloths"),
    ]


def test_supply_chain_table_follows_the_filters(client, catalogue):
    html = _html(client, "/supply-chain?province=jawa-barat&moq_max=50")
    assert _capacity_rows(html) == [("rotan-tegalwangi", "Bamboo & rattan", 1, 420, "pieces")]
    assert results_total(html) == 2


def test_many_businesses_of_one_sentra_add_up(client):
    sentra = make_sentra("rotan-tegalwangi", name="Tegalwangi", commodity="bambu-rotan",
                         province="jawa-barat")
    for n in range(14):
        owner = make_user(f"perajin{n}@rotan.test")
        make_membership(sentra, owner)
        business = make_business(owner, sentra, slug=f"rotan-{n}", name=f"Rotan {n}")
        make_product(business, title=f"Kursi Rotan {n}", category="bambu-rotan", unit="pcs",
                     capacity_per_month=600 if n % 2 else 700, channels=["supply_chain"], lead_time_days=30)
    assert _capacity_rows(_html(client, "/supply-chain")) == [
        ("rotan-tegalwangi", "Bamboo & rattan", 14, 9_100, "pieces")]


# ---- other pages ---------------------------------------------------------------------------------


def test_sentra_page_shows_its_products_ovop_stars_and_capacity(client, catalogue):
    html = _html(client, "/sentra/batik-laweyan")
    assert "4 products" in html
    assert set(card_titles(html)) == {"Batik Tulis Parang", "Batik Cap Kawung", "Kain Batik Printing",
                                      "Kemeja Batik"}
    assert "Batik Ditarik" not in html
    assert 'href="/products?sentra=batik-laweyan"' in html
    ovop = re.search(r'id="ovop-products-heading".*?</section>', html, re.S).group(0)
    assert "Batik Tulis Parang" in ovop and 'aria-label="4 of 5 stars"' in ovop
    capacity = re.search(r'id="capacity-heading".*?</section>', html, re.S).group(0)
    assert "8,000</strong> metres" in capacity and "1,500</strong> cloths" in capacity
    assert "600</strong> pieces" in capacity


def test_sentra_page_lists_the_newest_eight_and_links_to_the_rest(client, business, sentra):
    for n in range(10):
        make_product(business, title=f"Tapis {n:02d}")
    html = _html(client, f"/sentra/{sentra.slug}")
    assert "10 products" in html
    assert len(card_titles(html)) == 8
    assert f'href="/products?sentra={sentra.slug}"' in html


def test_business_page_shows_its_published_products_in_pages(app, client, business):
    app.config["PAGE_SIZE"] = 3
    for n in range(4):
        make_product(business, title=f"Tapis {n}")
    make_product(business, title="Draf Rahasia", status="draft")
    html = _html(client, "/ikm/tapis-siti")
    assert "4 products" in html and len(card_titles(html)) == 3
    assert "Draf Rahasia" not in html
    assert len(card_titles(_html(client, "/ikm/tapis-siti?page=2"))) == 1


def test_home_page_shows_the_newest_published_products(client, business):
    for n in range(10):
        make_product(business, title=f"Tapis {n:02d}")
    make_product(business, title="Draf Rahasia", status="draft")
    html = _html(client, "/")
    assert len(card_titles(html)) == 8
    assert "Draf Rahasia" not in html and "New products" in html


def test_product_cards_show_price_maker_place_and_cover(client, db, business):
    product = make_product(business, title="Kain Tapis", price_idr=150_000, unit="lembar",
                           channels=["ovop", "export"], ovop_stars=4)
    add_pictures(db, product, 2)
    make_product(business, title="Tapis Pesanan", price_idr=None, price_on_request=True)
    html = _html(client, "/products")
    assert "Rp 150,000 / cloth" in html
    assert "Price on request" in html
    assert 'href="/ikm/tapis-siti">Tapis Siti</a>' in html
    assert 'href="/sentra/tenun-tapis-bandar-lampung">' in html and "Lampung" in html
    assert re.search(r'<img src="/media/[0-9a-f]+-thumb\.webp"[^>]*alt="Kain Tapis"', html)
    assert ">OVOP<" in html and ">Export<" in html
    indonesian = client.get("/products", headers={"Accept-Language": "id"}).get_data(as_text=True)
    assert "Rp 150.000 / lembar" in indonesian
