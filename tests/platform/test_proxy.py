"""Behind a proxy: client addresses from X-Forwarded-For only when told, and only known hosts."""

import pytest

from marketplace import create_app
from marketplace.extensions import db as _db
from tests.conftest import ENVIRONMENT_FREE, isolate_requests, post_form


@pytest.fixture
def proxied_app(tmp_path):
    """Build an app with settings the factory reads once (PROXY_FIX), on its own data folder."""
    apps = []

    def build(**settings):
        application = create_app(
            "testing", DATA_DIR=str(tmp_path / f"app{len(apps)}"),
            SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path / f'app{len(apps)}.db'}",
            **{**ENVIRONMENT_FREE, **settings},
        )
        isolate_requests(application)
        application.config["RATELIMIT_LOGIN"] = "3 per minute"
        with application.app_context():
            _db.create_all()
        apps.append(application)
        return application

    yield build
    for application in apps:
        with application.app_context():
            _db.engine.dispose()


def _failed_logins(app, forwarded_for, count):
    """Status codes of `count` bad logins from a browser behind the proxy at `forwarded_for`."""
    client = app.test_client()
    headers = {"X-Forwarded-For": forwarded_for}
    return [post_form(client, "/login", {"email": f"orang{i}@tapis.id", "password": "salah-kata-sandi-ini"},
                      headers=headers).status_code
            for i in range(count)]


def test_with_one_trusted_proxy_each_client_address_has_its_own_login_limit(proxied_app):
    app = proxied_app(PROXY_FIX=1)
    with app.app_context():
        assert _failed_logins(app, "203.0.113.7", 4) == [200, 200, 200, 429]
        # Another person behind the same proxy is not blocked by the first one's attempts.
        assert _failed_logins(app, "198.51.100.9", 1) == [200]


def test_without_proxy_fix_the_forwarded_header_is_ignored(proxied_app):
    app = proxied_app(PROXY_FIX=0)
    with app.app_context():
        assert _failed_logins(app, "203.0.113.7", 4) == [200, 200, 200, 429]
        # A forged X-Forwarded-For does not buy a fresh limit: the real address counts.
        assert _failed_logins(app, "198.51.100.9", 1) == [429]


def test_with_proxy_fix_the_scheme_and_host_come_from_the_proxy(proxied_app):
    app = proxied_app(PROXY_FIX=1)
    seen = {}

    @app.route("/test/where")
    def where():
        from flask import request

        seen.update(scheme=request.scheme, host=request.host, remote=request.remote_addr)
        return "ok"

    client = app.test_client()
    client.get("/test/where", headers={"X-Forwarded-Proto": "https", "X-Forwarded-Host": "sentra.example.id",
                                       "X-Forwarded-For": "203.0.113.7"})
    assert seen == {"scheme": "https", "host": "sentra.example.id", "remote": "203.0.113.7"}


def test_unknown_hosts_are_refused_when_trusted_hosts_is_set(app, client):
    app.config["TRUSTED_HOSTS"] = ["sentra.example.id", ".sentra.example.id"]
    assert client.get("/", base_url="http://sentra.example.id").status_code == 200
    assert client.get("/", base_url="http://www.sentra.example.id").status_code == 200
    refused = client.get("/", headers={"Host": "attacker.example", "Accept-Language": "en"})
    assert refused.status_code == 400
    html = refused.get_data(as_text=True)
    assert "Unknown site address" in html and "attacker.example" not in html


def test_a_refused_host_is_logged_once_without_a_traceback(app, client, caplog):
    app.config["TRUSTED_HOSTS"] = ["sentra.example.id"]
    assert client.get("/sentra", headers={"Host": "attacker.example"}).status_code == 400
    assert [r.getMessage() for r in caplog.records] == \
        ["Refused GET /sentra for untrusted host 'attacker.example'"]
