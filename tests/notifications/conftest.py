"""Helpers for the notifications tests: notices created the way feature areas create them."""

import pytest

from marketplace.extensions import db as _db
from marketplace.notifications import services
from tests.conftest import AuthActions, make_user

services.register_kind("test.reply", "%(actor)s replied in %(subject)s")


@pytest.fixture(autouse=True)
def english(client):
    """Read pages in English (the source strings), whatever the catalogues say."""
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"


@pytest.fixture
def siti(app):
    return make_user("siti@tapis.id", display_name="Siti Aminah", notify_email="off")


@pytest.fixture
def budi(app):
    return make_user("budi@gerabah.id", display_name="Budi Santoso", notify_email="off")


def notice(user, actor=None, subject="Benang katun", url="/forum/t/1/p/2", commit=True):
    """A notification for `user`, added and committed like a view would."""
    made = services.notify(user, "test.reply", url=url, subject=subject, actor=actor)
    if commit:
        _db.session.commit()
    return made


def login(client, user):
    response = AuthActions(client).login(user.email)
    assert response.status_code == 302
    return client
