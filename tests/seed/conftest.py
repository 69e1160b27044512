"""Seed tests share one app per module: loading the demo data is the slow part."""

import pytest

from marketplace import create_app
from marketplace.extensions import db as _db
from tests.conftest import ENVIRONMENT_FREE, isolate_requests, test_database_url


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    """Like the shared `app` fixture, but one per module so the demo is loaded only once.

    Every path (database, uploads, mail, search index) lives in the module's own data folder.
    """
    from config import normalise_database_url

    data_dir = tmp_path_factory.mktemp("seed")
    application = create_app(
        "testing",
        DATA_DIR=str(data_dir),
        SQLALCHEMY_DATABASE_URI=normalise_database_url(test_database_url(data_dir)),
        UPLOAD_DIR=str(data_dir / "uploads"),
        MAIL_DIR=str(data_dir / "mail"),
        MAIL_FILE_PATH=str(data_dir / "mail"),
        **ENVIRONMENT_FREE,
    )
    isolate_requests(application)
    with application.app_context():
        _db.drop_all()
        _db.create_all()
        yield application
        _db.session.remove()
        _db.drop_all()
        _db.engine.dispose()


@pytest.fixture(scope="module")
def seeded(app):
    """Run `flask seed demo` once on the empty database; returns the command's output."""
    from sqlalchemy import func, select

    from marketplace.sentra.models import Sentra

    assert _db.session.scalar(select(func.count()).select_from(Sentra)) == 0
    result = app.test_cli_runner().invoke(args=["seed", "demo"])
    assert result.exit_code == 0, result.output
    return result.output
