"""Search fixtures: the same tests run on every backend.

`search_app` is an app (context pushed, empty tables, empty index) for each backend: Whoosh
always; PostgreSQL when the test database is PostgreSQL (TEST_DATABASE_URL, as CI's second pass
has), since that backend keeps its index in the app's own database.
"""

import os

import pytest

from tests.conftest import app_on

BACKENDS = ["whoosh", "postgres"]


def _postgres_database():
    return (os.environ.get("TEST_DATABASE_URL") or "").startswith("postgresql")


@pytest.fixture(params=BACKENDS)
def search_app(request, tmp_path):
    """An app on each search backend."""
    if request.param == "postgres" and not _postgres_database():
        pytest.skip("the PostgreSQL backend needs TEST_DATABASE_URL=postgresql://...")
    with app_on(tmp_path, SEARCH_BACKEND=request.param) as application:
        yield application


@pytest.fixture
def search_client(search_app):
    return search_app.test_client()


@pytest.fixture
def site(search_app):
    """The shared small site of tests/search/web.py, indexed (a test module may define its own)."""
    from tests.search.web import build_site

    return build_site()


@pytest.fixture
def visitor(search_app):
    """An anonymous visitor browsing in English."""
    from tests.search.web import english

    return english(search_app)
