"""The public product API: the catalogue's filters in JSON, and nothing that is not published."""

from urllib.parse import urlencode

import pytest

from marketplace.catalog.models import OvopRating
from tests.catalog.browse_support import HIDDEN, Catalogue, add_pictures
from tests.catalog.conftest import make_product
from tests.conftest import make_business, make_membership, make_sentra, make_user

ENGLISH = {"Accept-Language": "en"}


@pytest.fixture
def catalogue(app):
    return Catalogue()


@pytest.fixture
def tapis(app):
    sentra = make_sentra()
    owner = make_user("siti@tapis.id", display_name="Siti")
    make_membership(sentra, owner)
    return make_business(owner, sentra, slug="tapis-siti", name="Tapis Siti", whatsapp="081234567890")


def _titles(client, query):
    response = client.get("/api/v1/products?" + urlencode({**query, "per_page": 100}))
    assert response.status_code == 200, response.get_json()
    return {item["title"] for item in response.get_json()["items"]}


@pytest.mark.parametrize("query", [
    {}, {"channel": "export"}, {"category": "batik", "certification": "SNI"},
    {"province": "jawa-barat", "moq_max": "50"}, {"price_min": "300000", "price_max": "1200000"},
    {"sentra": "tenun-tapis-bandar-lampung", "samples": "1"}, {"availability": "pre_order"},
], ids=lambda q: urlencode(q) or "everything")
def test_filters_match_the_catalogue_and_leave_out_unpublished(client, catalogue, query):
    titles = _titles(client, query)
    assert titles == catalogue.titles(query)
    assert not titles & HIDDEN
    html = client.get("/products?" + urlencode(query), headers=ENGLISH).get_data(as_text=True)
    assert f"{len(titles)} product" in html  # the HTML catalogue counts the same


def test_a_product_in_a_listing_has_every_documented_field(client, db, tapis):
    product = make_product(tapis, title="Kain Tapis Siger", title_en="Siger Tapis Cloth", channels=["export"],
                           export_price_usd="95.00", incoterm="FOB", port="Panjang", moq=2, hs_code="5810.92",
                           certifications=["SNI", "HAKI"], ovop_stars=None, capacity_per_month=40)
    add_pictures(db, product, 2, alt="Kain tapis")
    body = client.get("/api/v1/products", headers=ENGLISH).get_json()
    schemas = client.get("/api/v1/openapi.json").get_json()["components"]["schemas"]
    assert set(body) == set(schemas["ProductPage"]["required"])
    item = body["items"][0]
    assert set(item) == set(schemas["ProductSummary"]["required"])
    assert item["id"] == product.id
    assert (item["title"], item["title_en"]) == ("Kain Tapis Siger", "Siger Tapis Cloth")
    assert (item["category"], item["category_label"]) == ("tapis", "Tapis")
    assert item["channels"] == ["export"]
    assert (item["price_idr"], item["unit"], item["export_price_usd"]) == (1_500_000, "lembar", "95.00")
    assert (item["incoterm"], item["port"], item["moq"], item["hs_code"]) == ("FOB", "Panjang", 2, "5810.92")
    assert item["certifications"] == ["HAKI", "SNI"]
    assert item["availability_label"] == "Ready stock"
    assert item["province_name"] == "Lampung"
    assert item["business"] == {"slug": "tapis-siti", "name": "Tapis Siti", "url": "http://localhost/ikm/tapis-siti"}
    assert item["sentra"]["api_url"] == "http://localhost/api/v1/sentra/tenun-tapis-bandar-lampung"
    assert item["url"] == f"http://localhost/products/{product.id}-kain-tapis-siger"
    assert item["api_url"] == f"http://localhost/api/v1/products/{product.id}"
    assert item["cover"]["alt"] == "Kain tapis 1" and item["cover"]["thumb"].endswith("-thumb.webp")
    assert "whatsapp" not in str(item) and "081234567890" not in str(item)


def test_one_product_in_full_with_its_gallery_and_ovop_assessment(client, db, tapis):
    curator = make_user("kurator@sentra.id", is_curator=True)
    product = make_product(tapis, title="Tapis Emas", description="Benang **emas**.", materials="Emas",
                           size="200 x 60 cm", weight_grams=850, channels=["ovop"], ovop_stars=4)
    add_pictures(db, product, 3)
    db.session.add(OvopRating(product_id=product.id, curator_id=curator.id, stars=4, local_material=5,
                              value_added=4, environment=3, volume_capacity=4, design_origin=5, packaging=3,
                              years_in_sentra=4, note="Motif asli."))
    db.session.commit()
    response = client.get(f"/api/v1/products/{product.id}")
    assert response.status_code == 200
    body = response.get_json()
    schemas = client.get("/api/v1/openapi.json").get_json()["components"]["schemas"]
    extra = schemas["ProductDetail"]["allOf"][1]["required"]
    assert set(body) == set(schemas["ProductSummary"]["required"]) | set(extra)
    assert body["description"] == "Benang **emas**."
    assert (body["materials"], body["size"], body["weight_grams"]) == ("Emas", "200 x 60 cm", 850)
    assert len(body["images"]) == 3 and body["images"][0] == body["cover"]
    assert body["ovop"]["stars"] == 4 and body["ovop"]["scores"]["local_material"] == 5
    assert body["ovop"]["note"] == "Motif asli."
    assert "kurator@sentra.id" not in response.get_data(as_text=True)


@pytest.mark.parametrize("status", ["draft", "unpublished", "archived"])
def test_unpublished_products_do_not_exist_in_the_api(client, tapis, status):
    hidden = make_product(tapis, title="Tapis Rahasia", status=status)
    response = client.get(f"/api/v1/products/{hidden.id}")
    assert response.status_code == 404 and response.mimetype == "application/json"
    assert response.get_json()["error"] == "Not Found"
    assert client.get("/api/v1/products").get_json()["total"] == 0


def test_unpublished_products_stay_hidden_from_their_logged_in_owner_too(client, auth, tapis):
    hidden = make_product(tapis, title="Tapis Rahasia", status="draft")
    auth.login("siti@tapis.id")
    assert client.get(f"/api/v1/products/{hidden.id}").status_code == 404


def test_pages_link_to_each_other_and_keep_filters_and_order(client, tapis):
    for n in range(5):
        make_product(tapis, title=f"Tapis {n}", price_idr=100_000 * (n + 1), channels=["export"])
    make_product(tapis, title="Bukan Ekspor", price_idr=1)
    first = client.get("/api/v1/products?channel=export&sort=price_asc&per_page=2").get_json()
    assert [i["title"] for i in first["items"]] == ["Tapis 0", "Tapis 1"]
    assert (first["total"], first["pages"], first["prev"]) == (5, 3, None)
    assert "channel=export" in first["next"] and "sort=price_asc" in first["next"]
    second = client.get(first["next"]).get_json()
    assert [i["title"] for i in second["items"]] == ["Tapis 2", "Tapis 3"]
    last = client.get(second["next"]).get_json()
    assert [i["title"] for i in last["items"]] == ["Tapis 4"] and last["next"] is None
    past = client.get("/api/v1/products?page=9").get_json()
    assert past["items"] == [] and past["total"] == 6


def test_bad_parameters_answer_400_naming_them(client, tapis):
    for query in ("channel=space", "category=uranium", "province=atlantis", "sentra=nowhere",
                  "certification=FAKE", "availability=soon", "price_min=abc", "price_max=-1", "moq_max=x",
                  "samples=maybe", "sort=random", "page=0", "per_page=500"):
        response = client.get(f"/api/v1/products?{query}")
        assert response.status_code == 400, query
        body = response.get_json()
        assert body["status"] == 400 and query.split("=")[0] in body["message"], body


def test_listing_costs_the_same_queries_for_few_or_many_products(client, db, tapis, count_queries):
    make_product(tapis, title="Tapis 0", certifications=["SNI"])
    with count_queries() as few:
        assert len(client.get("/api/v1/products").get_json()["items"]) == 1
    other_sentra = make_sentra("batik-laweyan", commodity="batik", province="jawa-tengah")
    owner = make_user("hadi@batik.id")
    make_membership(other_sentra, owner)
    batik = make_business(owner, other_sentra, slug="batik-hadi", name="Batik Hadi")
    for n in range(15):
        product = make_product(batik if n % 2 else tapis, title=f"Produk {n}", certifications=["SNI", "HAKI"])
        if n < 3:
            add_pictures(db, product, 1)
    with count_queries() as many:
        assert len(client.get("/api/v1/products").get_json()["items"]) == 16
    assert many.count == few.count <= 4
