"""Fixtures for the platform tests: routes that fail on purpose and a signed-in session."""

import pytest
from flask import abort

from marketplace.extensions import db as _db
from tests.conftest import make_user


@pytest.fixture
def failing_routes(app):
    """Register routes that raise, refuse or write-then-crash, like real bugs would."""

    def crash_after_write():
        from marketplace.sentra.models import Sentra

        _db.session.add(Sentra(slug="half-saved", name="Half saved", commodity="tapis", province="lampung"))
        _db.session.flush()
        raise RuntimeError("kunci-rahasia-dalam-traceback")

    def api_crash():
        raise RuntimeError("kunci-rahasia-dalam-traceback")

    app.add_url_rule("/test/crash", "test_crash", crash_after_write)
    app.add_url_rule("/api/v1/test-crash", "test_api_crash", api_crash)
    app.add_url_rule("/test/forbidden", "test_forbidden", lambda: abort(403))
    return app


@pytest.fixture
def signed_in(client):
    """Sign `user` in on the test client by writing the Flask-Login session, as /login would."""

    def sign_in(user=None):
        user = user or make_user()
        with client.session_transaction() as session:
            session["_user_id"] = user.get_id()
            session["_fresh"] = True
        return user

    return sign_in
