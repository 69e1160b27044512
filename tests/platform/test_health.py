"""/healthz tells a load balancer whether this process can serve pages."""

import pytest

from marketplace import create_app


def test_healthz_answers_ok_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json()["status"] == "ok"
    assert response.headers["Cache-Control"] == "no-store"


@pytest.mark.parametrize("unreachable", [
    "sqlite:////nonexistent-folder/for/sure/sentra.db",
    "postgresql+psycopg://postgres@127.0.0.1:1/sentra?connect_timeout=2",
])
def test_healthz_answers_503_json_when_the_database_is_unreachable(tmp_path, unreachable):
    app = create_app("testing", DATA_DIR=str(tmp_path), SQLALCHEMY_DATABASE_URI=unreachable)

    response = app.test_client().get("/healthz")

    assert response.status_code == 503
    assert response.mimetype == "application/json"
    assert response.get_json() == {"status": "error", "database": "unavailable"}
    assert "nonexistent" not in response.get_data(as_text=True)
