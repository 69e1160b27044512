"""Errors answer with a page in the site layout (or JSON under /api/), never a traceback."""

from sqlalchemy import func, select

from marketplace.sentra.models import Sentra

LAYOUT_MARKERS = ('class="site-header"', 'class="site-footer"', 'id="main"', "/static/css/site.css")


def _in_layout(html):
    return all(marker in html for marker in LAYOUT_MARKERS)


def test_unknown_page_shows_a_404_page_in_the_layout(client):
    response = client.get("/no/such/page")
    assert response.status_code == 404
    assert response.mimetype == "text/html"
    assert _in_layout(response.get_data(as_text=True))


def test_refused_page_shows_a_403_page_in_the_layout_and_is_logged(failing_routes, caplog):
    response = failing_routes.test_client().get("/test/forbidden")
    assert response.status_code == 403
    assert _in_layout(response.get_data(as_text=True))
    assert any("403 GET /test/forbidden" in r.getMessage() for r in caplog.records)


def test_a_crash_shows_a_500_page_without_traceback_and_rolls_back(failing_routes, db):
    response = failing_routes.test_client().get("/test/crash")

    assert response.status_code == 500
    html = response.get_data(as_text=True)
    assert _in_layout(html)
    for leak in ("Traceback", "RuntimeError", "kunci-rahasia", 'File "'):
        assert leak not in html
    # The row flushed before the crash is gone: the session was rolled back, not committed.
    assert db.session.scalar(select(func.count()).select_from(Sentra)) == 0
    assert failing_routes.test_client().get("/healthz").status_code == 200


def test_a_crash_under_the_api_answers_json_without_details(failing_routes):
    response = failing_routes.test_client().get("/api/v1/test-crash")
    assert response.status_code == 500
    assert response.mimetype == "application/json"
    body = response.get_json()
    assert body["status"] == 500 and body["error"] == "Internal Server Error"
    assert "kunci-rahasia" not in response.get_data(as_text=True)


def test_when_even_the_error_page_fails_a_bare_page_still_answers(failing_routes, monkeypatch):
    from marketplace import errors

    def broken_render(*_args, **_kwargs):
        raise RuntimeError("the layout itself is broken")

    monkeypatch.setattr(errors, "render_template", broken_render)
    response = failing_routes.test_client().get("/test/crash")
    assert response.status_code == 500
    assert "Something went wrong" in response.get_data(as_text=True)
    assert "broken" not in response.get_data(as_text=True)


def test_state_never_changes_on_get_for_the_language_switch(client):
    response = client.get("/language?lang=en")
    assert response.status_code == 405
    assert _in_layout(response.get_data(as_text=True))
    assert '<html lang="id">' in client.get("/").get_data(as_text=True)


CSRF_ADVICE = "This form has expired or was sent from another page."
ENGLISH = {"Accept-Language": "en"}


def test_a_form_without_its_csrf_token_gets_a_page_that_says_what_to_do(client):
    response = client.post("/login", data={"email": "siti@tapis.id", "password": "apa-saja-boleh-kok"},
                           headers=ENGLISH)
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert _in_layout(html)
    assert CSRF_ADVICE in html and "Go back, reload the page and send it again" in html
    assert "Bad Request" not in html and "CSRF" not in html


def test_a_stale_csrf_token_gets_the_same_page(client):
    response = client.post("/login", data={"email": "siti@tapis.id", "password": "apa-saja-boleh-kok",
                                           "csrf_token": "expired-or-forged"}, headers=ENGLISH)
    assert response.status_code == 400
    assert CSRF_ADVICE in response.get_data(as_text=True)


def test_the_csrf_page_speaks_the_visitors_language(client):
    response = client.post("/login", data={}, headers={"Accept-Language": "id"})
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert '<html lang="id">' in html and "Kembali ke beranda" in html


def test_a_csrf_failure_under_the_api_answers_json(app, client):
    app.add_url_rule("/api/v1/test-write", "test_api_write", lambda: "written", methods=["POST"])
    response = client.post("/api/v1/test-write", data={})
    assert response.status_code == 400
    assert response.mimetype == "application/json"
    assert response.get_json()["status"] == 400


def test_other_error_pages_have_a_translated_title_not_werkzeugs_english_name(app, client):
    from flask import abort

    app.add_url_rule("/test/gone", "test_gone", lambda: abort(410))
    html = client.get("/test/gone", headers=ENGLISH).get_data(as_text=True)
    assert "This page is gone" in html and "Gone" not in html.replace("This page is gone", "")

    response = client.get("/language?lang=en", headers=ENGLISH)
    assert response.status_code == 405
    html = response.get_data(as_text=True)
    assert "This action is not possible here" in html and "Method Not Allowed" not in html


def test_an_unlisted_error_code_gets_the_generic_translated_title(app, client):
    from flask import abort

    app.add_url_rule("/test/teapot", "test_teapot", lambda: abort(418))
    response = client.get("/test/teapot", headers=ENGLISH)
    assert response.status_code == 418
    html = response.get_data(as_text=True)
    assert _in_layout(html)
    assert "The request could not be completed" in html and "I'm a teapot" not in html
