"""/healthz also reports the search index: a load balancer sees a node whose index cannot answer."""

import shutil
from pathlib import Path

from marketplace.search.backend import get_backend


def test_healthz_reports_search_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "database": "ok", "search": "ok"}


def test_healthz_is_degraded_when_the_index_is_missing(app, client):
    shutil.rmtree(app.config["SEARCH_DIR"])

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.get_json() == {"status": "degraded", "database": "ok", "search": "missing"}
    assert response.headers["Cache-Control"] == "no-store"


def test_healthz_stays_up_while_a_rebuild_runs_and_the_old_index_answers(app, client):
    seen = []

    def documents():
        seen.append(client.get("/healthz"))  # asked while the rebuild reads the database
        yield from ()

    get_backend(app).rebuild(documents(), 0)

    assert seen[0].status_code == 200
    assert seen[0].get_json() == {"status": "ok", "database": "ok", "search": "rebuilding"}
    assert client.get("/healthz").get_json()["search"] == "ok"


def test_healthz_is_degraded_while_the_first_index_is_built(app, client):
    shutil.rmtree(app.config["SEARCH_DIR"])
    seen = []

    def documents():
        seen.append(client.get("/healthz"))
        yield from ()

    get_backend(app).rebuild(documents(), 0)

    assert seen[0].status_code == 503
    assert seen[0].get_json()["search"] == "rebuilding"
    assert client.get("/healthz").status_code == 200


def test_healthz_is_degraded_when_the_index_is_broken(app, client):
    from marketplace.search.backend import Document

    document = Document(key="product:1", type="product", kind="product", object_id=1,
                        title="Kain tapis").with_stamp()
    get_backend(app).rebuild([document], 1)
    for segment in Path(app.config["SEARCH_DIR"]).glob("index-*/*.seg"):
        segment.write_bytes(b"\0" * 100)

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.get_json() == {"status": "degraded", "database": "ok", "search": "broken"}
