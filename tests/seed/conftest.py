"""Seed tests share one app per module: loading the demo data is the slow part."""

import pytest

from marketplace.extensions import db as _db
from tests.conftest import app_on


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    """Like the shared `app` fixture, but one per module so the demo is loaded only once."""
    with app_on(tmp_path_factory.mktemp("seed")) as application:
        yield application


@pytest.fixture(scope="module")
def seeded(app):
    """Run `flask seed demo` once on the empty database; returns the command's output."""
    from sqlalchemy import func, select

    from marketplace.sentra.models import Sentra

    assert _db.session.scalar(select(func.count()).select_from(Sentra)) == 0
    result = app.test_cli_runner().invoke(args=["seed", "demo"])
    assert result.exit_code == 0, result.output
    return result.output
