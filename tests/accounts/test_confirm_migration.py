"""The migration adding email confirmation keeps existing accounts able to log in."""

from sqlalchemy import text

from marketplace import create_app
from marketplace.extensions import db

BEFORE = "4c64b300c9ae"  # the initial schema, without email_confirmed_at


def test_accounts_made_before_confirmation_existed_count_as_confirmed(tmp_path):
    folder = tmp_path / "old-install"
    application = create_app("testing", DATA_DIR=str(folder),
                             SQLALCHEMY_DATABASE_URI=f"sqlite:///{folder / 'old.db'}")
    runner = application.test_cli_runner()
    # Its own context: the commands and queries below must not use the suite's test app.
    with application.app_context():
        try:
            assert runner.invoke(args=["db", "upgrade", BEFORE]).exit_code == 0
            with db.engine.begin() as connection:
                connection.execute(text(
                    "INSERT INTO user (email, display_name, password_hash, kind, is_admin, is_moderator, "
                    "is_curator, active, session_version, created_at) VALUES ('lama@tapis.id', 'Lama', "
                    "'x', 'business', 0, 0, 0, 1, 1, '2025-01-02 03:04:05.000000')"))
            result = runner.invoke(args=["db", "upgrade"])
            assert result.exit_code == 0, result.output
            with db.engine.connect() as connection:
                row = connection.execute(text("SELECT created_at, email_confirmed_at FROM user")).one()
            assert row.email_confirmed_at == row.created_at
        finally:
            db.engine.dispose()
