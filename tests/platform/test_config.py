"""Configuration: production refuses to start unsafely; debug is never on by accident."""

import pytest

import config
from marketplace import create_app

REAL_KEY = "k7Qe2vR9xW4pL1sZ8mN3bT6yH0cF5jD2gA9uE4iO"  # 40 characters
PUBLIC = "https://sentra.example.id"


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch):
    """Each test sets the variables it is about; the developer's shell does not leak in."""
    for name in ("SECRET_KEY", "PUBLIC_URL", "TRUSTED_HOSTS", "PROXY_FIX", "APP_ENV"):
        monkeypatch.delenv(name, raising=False)


@pytest.mark.parametrize("key", [None, "", "dev-only-change-me", "short-but-set"])
def test_production_refuses_to_start_without_a_real_secret_key(monkeypatch, tmp_path, key):
    monkeypatch.setenv("PUBLIC_URL", PUBLIC)
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
    monkeypatch.setenv("PUBLIC_URL", PUBLIC)
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
    monkeypatch.setenv("PUBLIC_URL", PUBLIC)
    monkeypatch.delenv("FLASK_DEBUG", raising=False)
    app = create_app(name, DATA_DIR=str(tmp_path),
                     SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path / 'x.db'}")
    assert config.CONFIGS[name].DEBUG is False
    assert app.debug is False


def test_postgres_urls_use_the_psycopg_3_driver():
    assert config.normalise_database_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"
    assert config.normalise_database_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert config.normalise_database_url("sqlite:///x.db") == "sqlite:///x.db"


def test_production_refuses_to_start_without_a_public_url(monkeypatch, tmp_path):
    monkeypatch.setenv("SECRET_KEY", REAL_KEY)
    with pytest.raises(RuntimeError, match="PUBLIC_URL"):
        create_app("production", DATA_DIR=str(tmp_path))


@pytest.mark.parametrize("value", ["sentra.example.id", "ftp://sentra.example.id", "https://",
                                   "https://sentra.example.id/app", "https://sentra.example.id/?x=1"])
def test_a_malformed_public_url_is_refused(monkeypatch, tmp_path, value):
    monkeypatch.setenv("PUBLIC_URL", value)
    with pytest.raises(RuntimeError, match="PUBLIC_URL"):
        config.DevelopmentConfig(tmp_path)


def test_public_url_trusted_hosts_and_proxy_fix_come_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("PUBLIC_URL", PUBLIC + "/")
    monkeypatch.setenv("TRUSTED_HOSTS", " sentra.example.id, .sentra.example.id ,")
    monkeypatch.setenv("PROXY_FIX", "2")
    settings = config.DevelopmentConfig(tmp_path)
    assert settings.PUBLIC_URL == PUBLIC
    assert settings.TRUSTED_HOSTS == ["sentra.example.id", ".sentra.example.id"]
    assert settings.PROXY_FIX == 2

    monkeypatch.setenv("PROXY_FIX", "yes")
    with pytest.raises(RuntimeError, match="PROXY_FIX"):
        config.DevelopmentConfig(tmp_path)


def test_by_default_every_host_is_accepted_and_no_proxy_is_trusted(tmp_path):
    settings = config.DevelopmentConfig(tmp_path)
    assert settings.PUBLIC_URL is None and settings.TRUSTED_HOSTS is None and settings.PROXY_FIX == 0


def test_without_secret_key_a_random_key_is_kept_in_the_data_folder(tmp_path):
    first = create_app("development", DATA_DIR=str(tmp_path / "one"))
    key_file = tmp_path / "one" / "secret_key"
    assert key_file.stat().st_mode & 0o777 == 0o600
    assert first.config["SECRET_KEY"] == key_file.read_text().strip()
    assert len(first.config["SECRET_KEY"]) >= 32
    assert "dev-only" not in first.config["SECRET_KEY"]

    # A restart keeps the key (sessions survive); another data folder gets its own.
    assert create_app("development", DATA_DIR=str(tmp_path / "one")).config["SECRET_KEY"] == \
        first.config["SECRET_KEY"]
    assert create_app("development", DATA_DIR=str(tmp_path / "two")).config["SECRET_KEY"] != \
        first.config["SECRET_KEY"]
    assert sorted(p.name for p in (tmp_path / "one").iterdir()) == ["secret_key"]


def test_a_secret_key_from_the_environment_writes_no_file(monkeypatch, tmp_path):
    monkeypatch.setenv("SECRET_KEY", REAL_KEY)
    app = create_app("development", DATA_DIR=str(tmp_path))
    assert app.config["SECRET_KEY"] == REAL_KEY
    assert not (tmp_path / "secret_key").exists()


def test_an_unusable_key_file_stops_the_start_with_a_clear_message(tmp_path):
    (tmp_path / "secret_key").write_text("\n")
    with pytest.raises(RuntimeError, match="delete it"):
        create_app("development", DATA_DIR=str(tmp_path))


def test_a_request_may_carry_two_full_size_photos_and_the_text(app):
    assert app.config["MAX_IMAGE_BYTES"] == 8 * 1024 * 1024
    assert app.config["MAX_CONTENT_LENGTH"] >= 2 * app.config["MAX_IMAGE_BYTES"] + 1024 * 1024


def _production_app(monkeypatch, tmp_path):
    monkeypatch.setenv("SECRET_KEY", REAL_KEY)
    monkeypatch.setenv("PUBLIC_URL", PUBLIC)
    return create_app("production", DATA_DIR=str(tmp_path),
                      SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path / 'prod.db'}")


def test_demo_seed_refuses_to_run_on_a_production_site(monkeypatch, tmp_path):
    import marketplace.seed.demo

    calls = []
    monkeypatch.setattr(marketplace.seed.demo, "load_demo", lambda echo: calls.append("loaded"))
    app = _production_app(monkeypatch, tmp_path)
    result = app.test_cli_runner().invoke(args=["seed", "demo"])
    assert result.exit_code != 0
    assert "APP_ENV=production" in result.output and "--force" in result.output
    assert calls == []


def test_demo_seed_runs_on_a_production_site_only_with_force(monkeypatch, tmp_path):
    import marketplace.seed.demo

    calls = []
    monkeypatch.setattr(marketplace.seed.demo, "load_demo", lambda echo: calls.append("loaded"))
    app = _production_app(monkeypatch, tmp_path)
    result = app.test_cli_runner().invoke(args=["seed", "demo", "--force"])
    assert result.exit_code == 0, result.output
    assert calls == ["loaded"]
