"""Security baseline (DESIGN.md section 7): headers, cookies, caching and redirects."""

import re
from pathlib import Path

import pytest

from marketplace import create_app
from marketplace.security import is_safe_next
from tests.conftest import csrf_from

from .test_config import REAL_KEY

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


def _csp(response):
    return {
        part.split()[0]: part.split()[1:]
        for part in response.headers["Content-Security-Policy"].split(";") if part.strip()
    }


def test_pages_send_a_strict_content_security_policy(client):
    response = client.get("/")
    policy = _csp(response)
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"] and policy["form-action"] == ["'self'"]
    header = response.headers["Content-Security-Policy"]
    assert "unsafe-inline" not in header and "unsafe-eval" not in header and "*" not in header


@pytest.mark.parametrize("path", ["/", "/no-such-page", "/api/v1/sentra", "/healthz", "/static/css/site.css"])
def test_every_answer_carries_the_basic_security_headers(client, path):
    response = client.get(path)
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
    assert "Strict-Transport-Security" not in response.headers  # only in production (HTTPS)


def test_pages_vary_on_cookie_and_language(client):
    vary = client.get("/").headers["Vary"]
    assert "Cookie" in vary and "Accept-Language" in vary


def test_pages_for_a_signed_in_user_are_never_cached(client, signed_in):
    assert "no-store" not in client.get("/").headers.get("Cache-Control", "")
    signed_in()
    response = client.get("/")
    assert response.status_code == 200
    cache = {part.strip() for part in response.headers["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= cache
    assert "Cookie" in response.headers["Vary"]


def test_one_visitors_login_and_language_never_leak_to_another(app, client, signed_in):
    signed_in()
    token = csrf_from(client.get("/").get_data(as_text=True))
    client.post("/language", data={"lang": "en", "csrf_token": token})
    assert '<html lang="en">' in client.get("/").get_data(as_text=True)

    stranger = app.test_client().get("/")
    assert "no-store" not in stranger.headers.get("Cache-Control", "")
    assert 'action="/logout"' not in stranger.get_data(as_text=True)
    assert '<html lang="id">' in stranger.get_data(as_text=True)


def test_session_cookie_is_httponly_and_samesite_lax(client):
    home = client.get("/")
    response = client.post("/language", data={"lang": "en", "next": "/",
                                              "csrf_token": csrf_from(home.get_data(as_text=True))})
    assert response.status_code == 302
    cookie = next(c for c in response.headers.getlist("Set-Cookie") if c.startswith("session="))
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert "Secure" not in cookie  # plain HTTP in tests and `make run`


def test_production_cookies_are_secure_and_https_is_pinned(monkeypatch, tmp_path):
    monkeypatch.setenv("SECRET_KEY", REAL_KEY)
    monkeypatch.setenv("PUBLIC_URL", "https://sentra.example")
    app = create_app("production", DATA_DIR=str(tmp_path),
                     SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path / 'prod.db'}")
    with app.app_context():
        from marketplace.extensions import db

        db.create_all()
    client = app.test_client()
    home = client.get("/", base_url="https://sentra.example")
    assert home.headers["Strict-Transport-Security"].startswith("max-age=")
    response = client.post("/language", base_url="https://sentra.example",
                           data={"lang": "en", "csrf_token": csrf_from(home.get_data(as_text=True))},
                           headers={"Referer": "https://sentra.example/"})
    assert response.status_code == 302
    cookie = next(c for c in response.headers.getlist("Set-Cookie") if c.startswith("session="))
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_language_switch_without_csrf_token_is_refused(client):
    response = client.post("/language", data={"lang": "en"})
    assert response.status_code == 400
    assert '<html lang="id">' in client.get("/").get_data(as_text=True)


@pytest.mark.parametrize("target", ["//evil.example/", "https://evil.example/", "\\\\evil.example",
                                    "/\\evil.example", "javascript:alert(1)", "evil.example", ""])
def test_language_switch_never_redirects_off_site(client, target):
    home = client.get("/")
    response = client.post("/language", data={"lang": "en", "next": target,
                                              "csrf_token": csrf_from(home.get_data(as_text=True))})
    assert response.status_code == 302
    assert response.headers["Location"] == "/"


def test_language_switch_returns_to_the_page_it_came_from(client):
    home = client.get("/")
    response = client.post("/language", data={"lang": "en", "next": "/sentra?province=lampung",
                                              "csrf_token": csrf_from(home.get_data(as_text=True))})
    assert response.headers["Location"] == "/sentra?province=lampung"
    assert '<html lang="en">' in client.get("/").get_data(as_text=True)


def test_safe_next_accepts_only_local_paths():
    assert is_safe_next("/account")
    assert is_safe_next("/products?channel=export&page=2")
    for unsafe in ("//evil.example", "///evil.example", "http://evil.example", "/\\evil", "\\\\evil",
                   "account", "/a\nb", None, 42, "mailto:x@y.z"):
        assert not is_safe_next(unsafe), unsafe


INLINE = [
    (re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I), "inline <script>"),
    (re.compile(r"\sstyle\s*=", re.I), "style= attribute"),
    (re.compile(r"<style[\s>]", re.I), "<style> element"),
    (re.compile(r"\son[a-z]+\s*=\s*[\"']", re.I), "inline event handler"),
    (re.compile(r"javascript:", re.I), "javascript: URL"),
]


def test_templates_need_no_unsafe_inline_under_the_csp():
    problems = []
    for template in sorted(TEMPLATES.rglob("*.html")):
        text = template.read_text(encoding="utf-8")
        for pattern, what in INLINE:
            for match in pattern.finditer(text):
                line = text.count("\n", 0, match.start()) + 1
                problems.append(f"{template.relative_to(TEMPLATES)}:{line}: {what}")
    assert not problems, "The CSP blocks these:\n" + "\n".join(problems)
