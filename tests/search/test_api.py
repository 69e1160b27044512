"""/api/v1/search: the results of /search as JSON, validated like the rest of the API, described in
the OpenAPI document."""

import shutil

import pytest

from tests.search.web import build_site, english


def _get(browser, **params):
    return browser.get("/api/v1/search", query_string=params)


def test_results_come_with_counts_facets_and_marked_snippets(search_app, site):
    response = _get(english(search_app), q="menenun", type="product")
    assert response.status_code == 200
    data = response.get_json()
    assert data["query"] == "menenun"
    assert data["total"] == 2 and data["page"] == 1 and data["pages"] == 1
    assert data["next"] is None and data["prev"] is None
    assert data["counts"]["product"] == 2 and data["counts"]["discussion"] == 2
    assert data["suggestion"] is None and data["corrected"] is False
    cloth = next(item for item in data["items"] if item["id"] == site.export_cloth.id)
    assert cloth["type"] == "product" and cloth["kind"] == "product"
    assert cloth["title"] == "Kain Tenun Tapis Siger"
    assert cloth["title_html"] == "Kain <mark>Tenun</mark> Tapis Siger"
    assert cloth["snippet"] == "Tenunan tangan dengan benang emas."
    assert cloth["snippet_html"] == "<mark>Tenunan</mark> tangan dengan benang emas."
    assert cloth["url"] == f"http://localhost/products/{site.export_cloth.id}-kain-tenun-tapis-siger"
    assert cloth["api_url"] == f"http://localhost/api/v1/products/{site.export_cloth.id}"
    assert cloth["price_idr"] == 1_500_000 and cloth["province"] == "lampung"
    assert cloth["sentra"] == "tenun-tapis-bandar-lampung"
    assert {"value": "export", "label": "Export", "count": 1} in data["facets"]["channel"]
    assert {"value": "tenun-tapis-bandar-lampung", "label": "Sentra Tenun Tapis Kemiling", "count": 2} \
        in data["facets"]["sentra"]


def test_snippets_escape_what_members_typed(search_app, site):
    from tests.catalog.conftest import make_product

    make_product(site.siti_business, title="Tenun <b>tebal</b>",
                 description="<img src=x onerror=alert(1)> tenun")
    data = _get(english(search_app), q="tebal").get_json()
    [item] = data["items"]
    assert item["title_html"] == "Tenun &lt;b&gt;<mark>tebal</mark>&lt;/b&gt;"
    assert "<img" not in item["snippet_html"]


def test_pages_link_to_each_other_with_the_same_filters(search_app, site):
    from tests.catalog.conftest import make_product

    for number in range(4):
        make_product(site.siti_business, title=f"Songket Tenun {number}", channels=["export"])
    data = _get(english(search_app), q="tenun", channel="export", per_page=2).get_json()
    assert data["total"] == 5 and data["pages"] == 3 and len(data["items"]) == 2
    assert data["next"].startswith("http://localhost/api/v1/search?")
    following = english(search_app).get(data["next"].removeprefix("http://localhost")).get_json()
    assert following["page"] == 2 and following["prev"] and len(following["items"]) == 2
    assert {item["id"] for item in following["items"]}.isdisjoint({item["id"] for item in data["items"]})


def test_a_misspelling_is_corrected(search_app, site):
    data = _get(english(search_app), q="tenum").get_json()
    assert data["suggestion"] == "tenun" and data["corrected"] is True and data["total"] > 0


def test_the_callers_audiences_apply(search_app, site):
    assert _get(english(search_app), q="tungku", type="discussion").get_json()["total"] == 0
    member = _get(english(search_app, site.budi), q="tungku", type="discussion").get_json()
    assert [item["title"] for item in member["items"]] == ["Rahasia tungku pembakaran"]


@pytest.mark.parametrize("params", [
    {"type": "robot"}, {"province": "atlantis"}, {"sort": "cheapest"}, {"sentra": "no-such-sentra"},
    {"page": "0"}, {"page": "101"}, {"per_page": "500"}, {"page": "abc"}, {"q": "x" * 201},
    {"certification": "XYZ"}, {"channel": "ovop2"},
])
def test_invalid_parameters_answer_400_in_json(search_app, site, params):
    response = _get(english(search_app), q="tenun", **params) if "q" not in params \
        else _get(english(search_app), **params)
    assert response.status_code == 400
    body = response.get_json()
    assert body["status"] == 400 and body["message"]


def test_a_missing_index_answers_503_in_json(app):
    build_site()
    shutil.rmtree(app.config["SEARCH_DIR"])
    response = english(app).get("/api/v1/search?q=tenun")
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "120"
    body = response.get_json()
    assert body["status"] == 503 and "rebuilt" in body["message"]


def test_the_openapi_document_describes_search(search_app):
    document = english(search_app).get("/api/v1/openapi.json").get_json()
    operation = document["paths"]["/api/v1/search"]["get"]
    names = {parameter["name"] for parameter in operation["parameters"]}
    assert {"q", "type", "channel", "category", "province", "sentra", "certification", "sort", "page",
            "per_page"} <= names
    assert set(operation["responses"]) == {"200", "400", "503"}
    hit = document["components"]["schemas"]["SearchHit"]
    assert "<mark>" in hit["description"]
    assert {"title", "title_html", "snippet", "snippet_html", "url", "type", "kind", "id"} \
        <= set(hit["required"])
    page = document["components"]["schemas"]["SearchPage"]
    assert page["allOf"][0]["properties"]["items"]["items"] == {"$ref": "#/components/schemas/SearchHit"}
