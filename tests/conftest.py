"""Shared fixtures: an app on a throwaway data folder, its client, login helpers and second browsers,
the usual accounts (buyer, admin), picture files, factories."""

import io
import os
import re
from contextlib import contextmanager

import pytest
from flask.testing import FlaskClient
from PIL import Image as PILImage

from marketplace import create_app
from marketplace.extensions import db as _db

PASSWORD = "tenun-ikat-berwarna-77"
CSRF_RE = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"|name="csrf_token" value="([^"]+)"')


def test_database_url(tmp_path):
    """TEST_DATABASE_URL when set (a throwaway database: every test drops all tables), else SQLite.

    DATABASE_URL is never used here, so running the tests cannot wipe a developer's real data.
    """
    return os.environ.get("TEST_DATABASE_URL") or f"sqlite:///{tmp_path / 'test.db'}"


# Settings read from the environment that would change what tests see; tests set them themselves.
ENVIRONMENT_FREE = {"PUBLIC_URL": None, "TRUSTED_HOSTS": None, "PROXY_FIX": 0}


def _clear_request_globals(sender, **_extra):
    from flask import g

    for name in list(g):
        g.pop(name, None)


def isolate_requests(application):
    """Give every test request its own `g`, as a real server does.

    The app fixture keeps one app context pushed so that tests and factories can use the
    database; Flask reuses that context for each client request, so without this `g` (Flask-Login's
    user, Babel's locale, Flask-WTF's CSRF token) would leak from one request or client to the next.
    """
    from flask import request_started

    request_started.connect(_clear_request_globals, application)


@contextmanager
def app_on(data_dir, **overrides):
    """An app whose state all lives in `data_dir`, with empty tables and an empty search index
    (the real one: Whoosh in the data folder unless SEARCH_BACKEND says otherwise), its context
    pushed."""
    from config import normalise_database_url
    from marketplace.search.backend import get_backend

    settings = dict(
        DATA_DIR=str(data_dir),
        SQLALCHEMY_DATABASE_URI=normalise_database_url(test_database_url(data_dir)),
        UPLOAD_DIR=str(data_dir / "uploads"),
        MAIL_DIR=str(data_dir / "mail"),
        MAIL_FILE_PATH=str(data_dir / "mail"),
        SEARCH_DIR=str(data_dir / "search"),
        SEARCH_BACKEND="whoosh",
        **ENVIRONMENT_FREE,
    )
    settings.update(overrides)
    application = create_app("testing", **settings)
    isolate_requests(application)
    with application.app_context():
        _db.drop_all()
        _db.create_all()
        get_backend(application).rebuild([], 0)
        try:
            yield application
        finally:
            _db.session.remove()
            _db.drop_all()
            _db.engine.dispose()


@pytest.fixture
def app(tmp_path):
    """A fresh app with its own data folder and empty tables."""
    with app_on(tmp_path) as application:
        yield application


@pytest.fixture
def db(app):
    """The database session bound to the app."""
    return _db


@pytest.fixture
def client(app):
    """A test client that keeps cookies between requests."""
    return app.test_client()


@pytest.fixture
def runner(app):
    """A CLI runner for `flask ...` commands."""
    return app.test_cli_runner()


def csrf_from(html):
    """The CSRF token embedded in a rendered form."""
    match = CSRF_RE.search(html)
    assert match, "no csrf_token in page"
    return match.group(1) or match.group(2)


def post_form(client, url, data, form_url=None, **kwargs):
    """Open the page that holds the form, then POST it with its CSRF token like a browser."""
    page = client.get(form_url or url)
    payload = dict(data)
    payload.setdefault("csrf_token", csrf_from(page.get_data(as_text=True)))
    return client.post(url, data=payload, **kwargs)


class EnglishClient(FlaskClient):
    """A test browser that asks for English pages, so assertions can read the source strings."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"


class AuthActions:
    """Log in and out through the real forms."""

    def __init__(self, client):
        self.client = client

    def login(self, email, password=PASSWORD, **extra):
        return post_form(self.client, "/login", {"email": email, "password": password, **extra})

    def logout(self):
        return post_form(self.client, "/logout", {}, form_url="/account")


@pytest.fixture
def auth(client):
    """Login helper bound to the test client."""
    return AuthActions(client)


@pytest.fixture
def login(auth):
    """Log a user in through the login form."""

    def _login(user):
        response = auth.login(user.email)
        assert response.status_code == 302, response.get_data(as_text=True)[:500]
        return response

    return _login


def browser(app, user=None):
    """A second, separate browser (its own cookies), logged in as `user` when given."""
    other = app.test_client()
    other.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    if user is not None:
        assert AuthActions(other).login(user.email).status_code == 302
    return other


def submit(client, url, data, form_url=None):
    """Send a form as multipart (like a browser with a file input), with its CSRF token."""
    return post_form(client, url, data, form_url=form_url, content_type="multipart/form-data")


def picture_bytes(fmt="JPEG", size=(400, 300), mode="RGB", color=(180, 40, 40), **save):
    """An in-memory picture file."""
    out = io.BytesIO()
    PILImage.new(mode, size, color).save(out, fmt, **save)
    return out.getvalue()


@pytest.fixture
def buyer(app):
    """An export buyer account."""
    return make_user("buyer@export.example.org", kind="buyer", company_name="Global Textiles")


@pytest.fixture
def admin(app):
    """A platform admin."""
    return make_user("admin@sentra.id", is_admin=True)


# ---- factories: create data directly, the way the demo loader does -------------------------

_HASHES = {}


def make_user(email="perajin@test.id", password=PASSWORD, **fields):
    """A committed user with a confirmed email (pass email_confirmed_at=None for an unconfirmed one).

    The password hash is cached so tests stay fast.
    """
    from marketplace.accounts.models import User
    from marketplace.accounts.services import hash_password, normalise_email
    from marketplace.timeutil import utcnow

    fields.setdefault("email_confirmed_at", utcnow())

    if password not in _HASHES:
        _HASHES[password] = hash_password(password)
    user = User(
        email=normalise_email(email),
        display_name=fields.pop("display_name", email.split("@")[0].title()),
        password_hash=_HASHES[password],
        **fields,
    )
    _db.session.add(user)
    _db.session.commit()
    return user


def make_sentra(slug="tenun-tapis-bandar-lampung", **fields):
    """A committed sentra with sensible defaults."""
    from marketplace.sentra.models import Sentra

    values = dict(
        slug=slug, name=fields.pop("name", "Sentra IKM " + slug.replace("-", " ").title()),
        commodity="tapis", province="lampung", regency="Kota Bandar Lampung",
        tagline="Tapis dari Kemiling", verified=True,
    )
    values.update(fields)
    sentra = Sentra(**values)
    _db.session.add(sentra)
    _db.session.commit()
    return sentra


def make_membership(sentra, user, role="anggota", status="active", title=None):
    """A committed membership of `user` in `sentra`."""
    from marketplace.sentra.models import Membership

    membership = Membership(sentra=sentra, user_id=user.id, role=role, status=status, title=title)
    _db.session.add(membership)
    _db.session.commit()
    return membership


def make_business(owner, sentra=None, slug=None, **fields):
    """A committed business owned by `owner`."""
    from marketplace.businesses.models import Business

    name = fields.pop("name", f"Usaha {owner.display_name}")
    business = Business(
        slug=slug or name.lower().replace(" ", "-"), name=name, owner_id=owner.id,
        sentra_id=sentra.id if sentra else None, **fields,
    )
    _db.session.add(business)
    _db.session.commit()
    return business
