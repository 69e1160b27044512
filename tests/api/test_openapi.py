"""The OpenAPI document describes every endpoint the API really serves."""

import re

from tests.conftest import make_sentra


def _resolve(document, ref):
    node = document
    for part in ref.removeprefix("#/").split("/"):
        node = node[part]
    return node


def _refs(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref":
                yield value
            else:
                yield from _refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from _refs(value)


def test_openapi_document_is_3_1_and_every_reference_resolves(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200 and response.mimetype == "application/json"
    document = response.get_json()
    assert document["openapi"].startswith("3.1")
    assert document["info"]["title"] and document["info"]["version"]
    assert document["servers"] == [{"url": "http://localhost"}]
    for ref in _refs(document):
        assert ref.startswith("#/"), ref
        assert _resolve(document, ref), ref
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            assert method == "get", path
            assert operation["operationId"] and operation["responses"], path


def test_openapi_lists_every_api_route_and_healthz(app, client):
    documented = set(client.get("/api/v1/openapi.json").get_json()["paths"])
    served = {
        re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule)  # <slug> and <int:product_id> alike
        for rule in app.url_map.iter_rules()
        if rule.endpoint.startswith("api.")
    }
    assert served <= documented
    assert "/healthz" in documented


def test_documented_fields_match_what_the_api_answers(client):
    make_sentra()
    document = client.get("/api/v1/openapi.json").get_json()
    schemas = document["components"]["schemas"]

    page = client.get("/api/v1/sentra").get_json()
    assert set(page) == set(schemas["SentraPage"]["required"])
    assert set(page["items"][0]) == set(schemas["SentraSummary"]["required"])

    detail = client.get("/api/v1/sentra/tenun-tapis-bandar-lampung").get_json()
    extra = schemas["SentraDetail"]["allOf"][1]["required"]
    assert set(detail) == set(schemas["SentraSummary"]["required"]) | set(extra)

    error = client.get("/api/v1/sentra?page=abc").get_json()
    assert set(error) == set(schemas["Error"]["required"])
