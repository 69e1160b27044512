"""Configuration: production refuses to start unsafely; debug is never on by accident."""

import pytest

import config
from marketplace import create_app

REAL_KEY = "k7Qe2vR9xW4pL1sZ8mN3bT6yH0cF5jD2gA9uE4iO"  # 40 characters


@pytest.mark.parametrize("key", [None, "", config.DEFAULT_SECRET_KEY, "short-but-set"])
def test_production_refuses_to_start_without_a_real_secret_key(monkeypatch, tmp_path, key):
    if key is None:
        monkeypatch.delenv("SECRET_KEY", raising=False)
    else:
        monkeypatch.setenv("SECRET_KEY", key)
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        config.ProductionConfig(tmp_path)
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        create_app("production", DATA_DIR=str(tmp_path))


def test_production_starts_with_a_real_key_and_secure_cookies(monkeypatch, tmp_path):
    monkeypatch.setenv("SECRET_KEY", REAL_KEY)
    monkeypatch.delenv("SESSION_COOKIE_SECURE", raising=False)
    settings = config.ProductionConfig(tmp_path)
    assert settings.SECRET_KEY == REAL_KEY
    assert settings.SESSION_COOKIE_SECURE is True and settings.REMEMBER_COOKIE_SECURE is True
    assert settings.PREFERRED_URL_SCHEME == "https"

    app = create_app("production", DATA_DIR=str(tmp_path),
                     SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path / 'prod.db'}")
    assert app.debug is False and app.testing is False
    assert app.config["SESSION_COOKIE_HTTPONLY"] is True
    assert app.config["SESSION_COOKIE_SAMESITE"] == "Lax"


@pytest.mark.parametrize("name", ["development", "testing", "production"])
def test_debug_is_off_in_every_configuration(monkeypatch, tmp_path, name):
    monkeypatch.setenv("SECRET_KEY", REAL_KEY)
    monkeypatch.delenv("FLASK_DEBUG", raising=False)
    app = create_app(name, DATA_DIR=str(tmp_path),
                     SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path / 'x.db'}")
    assert config.CONFIGS[name].DEBUG is False
    assert app.debug is False


def test_postgres_urls_use_the_psycopg_3_driver():
    assert config.normalise_database_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"
    assert config.normalise_database_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert config.normalise_database_url("sqlite:///x.db") == "sqlite:///x.db"
