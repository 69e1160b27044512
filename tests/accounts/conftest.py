"""Helpers for the accounts tests: registration data, mail reading, links, cookie copying."""

import re
from pathlib import Path

import pytest

from tests.conftest import EnglishClient

STRONG_PASSWORD = "kain-tapis-emas-lampung-9"


def register_data(**overrides):
    """A complete, valid registration form for a business owner."""
    data = {
        "kind": "business",
        "display_name": "Siti Aminah",
        "email": "siti@tapis.id",
        "password": STRONG_PASSWORD,
        "password_confirm": STRONG_PASSWORD,
    }
    data.update(overrides)
    return data


def read_mails(app):
    """Every message the file mail backend has written, as text."""
    folder = Path(app.config["MAIL_FILE_PATH"])
    if not folder.exists():
        return []
    return [path.read_text(encoding="utf-8") for path in sorted(folder.iterdir()) if path.is_file()]


def reset_link_from(mail_text):
    """The path of the reset link in a mail (the link itself is absolute)."""
    match = re.search(r"http://localhost(/reset-password/[A-Za-z0-9_.\-]+)", mail_text)
    assert match, mail_text
    return match.group(1)


def confirm_link_from(mail_text):
    """The path of the confirmation link in a mail (the link itself is absolute)."""
    match = re.search(r"http://localhost(/confirm/[A-Za-z0-9_.\-]+)", mail_text)
    assert match, mail_text
    return match.group(1)


def mails_to(app, email):
    """The mails sent so far to `email`."""
    return [mail for mail in read_mails(app) if f"To: {email}\n" in mail]


def copy_session(app, client):
    """A second browser holding a copy of `client`'s session cookie."""
    other = app.test_client()
    cookie = client.get_cookie(app.config.get("SESSION_COOKIE_NAME", "session"))
    assert cookie is not None
    other.set_cookie(cookie.key, cookie.value)
    return other


def set_cookie_headers(response, name):
    """The Set-Cookie headers of a response that set the cookie `name`."""
    return [h for h in response.headers.getlist("Set-Cookie") if h.startswith(name + "=")]


@pytest.fixture
def mails(app):
    """A callable returning the mails sent so far."""
    return lambda: read_mails(app)


@pytest.fixture(autouse=True)
def english(app):
    """Every client of these tests reads English, as in the sentra and businesses tests.

    Without an Accept-Language header the site speaks Indonesian; a test about that default removes
    the header from its client or uses a user whose locale is "id".
    """
    app.test_client_class = EnglishClient
