"""The Alembic migrations build exactly the schema the models describe, on SQLite and PostgreSQL."""

import secrets

import pytest
from sqlalchemy import inspect, text

from marketplace import create_app
from marketplace.extensions import db

POSTGRES_SERVER = "postgresql://postgres@127.0.0.1:5432"


def _postgres_or_skip():
    """A psycopg connection to the local server's maintenance database, or skip the test."""
    psycopg = pytest.importorskip("psycopg")
    try:
        return psycopg.connect(f"{POSTGRES_SERVER}/postgres", autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as error:
        pytest.skip(f"no PostgreSQL server answers on 127.0.0.1:5432 as user postgres ({error})".strip())


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def empty_database(request, tmp_path):
    """The URL of an empty database: a new SQLite file, or a throwaway PostgreSQL database."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'migrated.db'}"
        return
    admin = _postgres_or_skip()
    name = f"sentra_migrations_{secrets.token_hex(6)}"
    admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


@pytest.fixture
def migrated_app(empty_database, tmp_path):
    """An app on the empty database; its tables come only from the migrations."""
    application = create_app("testing", DATA_DIR=str(tmp_path), SQLALCHEMY_DATABASE_URI=empty_database)
    yield application
    with application.app_context():
        db.session.remove()
        db.engine.dispose()


def _tables(app):
    with app.app_context():
        names = set(inspect(db.engine).get_table_names())
        db.engine.dispose()
    return names


def _execute(app, sql):
    with app.app_context():
        with db.engine.begin() as connection:
            connection.execute(text(sql))
        db.engine.dispose()


def test_upgrade_creates_every_table_check_finds_no_drift_and_downgrade_empties(migrated_app):
    runner = migrated_app.test_cli_runner()
    model_tables = set(db.metadata.tables)
    assert _tables(migrated_app) == set()

    upgrade = runner.invoke(args=["db", "upgrade"])
    assert upgrade.exit_code == 0, upgrade.output
    assert _tables(migrated_app) == model_tables | {"alembic_version"}

    check = runner.invoke(args=["db", "check"])
    assert check.exit_code == 0, (
        "the models differ from the migrations; generate a new one with "
        f"`flask --app marketplace db migrate -m ...`\n{check.output}"
    )

    # The check really compares: a schema that lost an index is reported as drift.
    _execute(migrated_app, "DROP INDEX ix_sentra_commodity")
    assert runner.invoke(args=["db", "check"]).exit_code != 0
    _execute(migrated_app, "CREATE INDEX ix_sentra_commodity ON sentra (commodity)")
    assert runner.invoke(args=["db", "check"]).exit_code == 0

    downgrade = runner.invoke(args=["db", "downgrade", "base"])
    assert downgrade.exit_code == 0, downgrade.output
    assert _tables(migrated_app) <= {"alembic_version"}

    again = runner.invoke(args=["db", "upgrade"])
    assert again.exit_code == 0, again.output
    assert _tables(migrated_app) == model_tables | {"alembic_version"}
