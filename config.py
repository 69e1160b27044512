"""Configuration classes; every value can be overridden from the environment."""

import os
from pathlib import Path
from urllib.parse import urlsplit

BASE_DIR = Path(__file__).resolve().parent


def _bool(name, default=False):
    """Read a boolean environment variable ("1", "true", "yes" are true)."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _int(name, default=0):
    """Read a whole, non-negative number from the environment."""
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    if not value.isdigit():
        raise RuntimeError(f"{name} must be a whole number, not {value!r}")
    return int(value)


def _host_list(name):
    """A comma-separated list of host names, or None (every host) when unset or empty."""
    hosts = [host.strip() for host in os.environ.get(name, "").split(",") if host.strip()]
    return hosts or None


def public_url(value):
    """Check PUBLIC_URL: the site's own origin (scheme and host, no path); None when empty."""
    value = (value or "").strip().rstrip("/")
    if not value:
        return None
    parts = urlsplit(value)
    if parts.scheme not in {"http", "https"} or not parts.netloc or parts.path or parts.query \
            or parts.fragment:
        raise RuntimeError(
            f"PUBLIC_URL must be the site's address without a path, e.g. https://sentra.example.id "
            f"(got {value!r})"
        )
    return value


def normalise_database_url(url):
    """Let people write postgresql:// and get the psycopg 3 driver."""
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://"):]
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://"):]
    return url


class Config:
    """Settings shared by every environment."""

    def __init__(self, data_dir=None):
        self.DATA_DIR = str(
            Path(data_dir or os.environ.get("DATA_DIR", BASE_DIR / "instance")).resolve()
        )
        # Unset outside production: the factory keeps a random key in DATA_DIR/secret_key.
        self.SECRET_KEY = os.environ.get("SECRET_KEY") or None
        # Absolute links in mail are built on this address, never on the request's Host header.
        self.PUBLIC_URL = public_url(os.environ.get("PUBLIC_URL"))
        # Host names the site answers to (Flask refuses others with 400); None accepts any.
        self.TRUSTED_HOSTS = _host_list("TRUSTED_HOSTS")
        # How many proxies in front set X-Forwarded-For/-Proto/-Host (0: trust none of them).
        self.PROXY_FIX = _int("PROXY_FIX", 0)
        self.SQLALCHEMY_DATABASE_URI = normalise_database_url(
            os.environ.get("DATABASE_URL", f"sqlite:///{Path(self.DATA_DIR) / 'sentra.db'}")
        )
        self.UPLOAD_DIR = os.environ.get("UPLOAD_DIR", str(Path(self.DATA_DIR) / "uploads"))
        self.MAIL_DIR = os.environ.get("MAIL_DIR", str(Path(self.DATA_DIR) / "mail"))
        # "whoosh" (an index folder under DATA_DIR) or "postgres" (full-text search in the
        # PostgreSQL database itself, for several app machines).
        self.SEARCH_BACKEND = os.environ.get("SEARCH_BACKEND", "whoosh")
        self.SEARCH_DIR = os.environ.get("SEARCH_DIR", str(Path(self.DATA_DIR) / "search"))
        self.RATELIMIT_STORAGE_URI = os.environ.get("RATELIMIT_STORAGE_URI", "memory://")
        self.MAIL_SERVER = os.environ.get("MAIL_SERVER", "")
        self.MAIL_PORT = int(os.environ.get("MAIL_PORT", "587"))
        self.MAIL_USERNAME = os.environ.get("MAIL_USERNAME")
        self.MAIL_PASSWORD = os.environ.get("MAIL_PASSWORD")
        self.MAIL_USE_TLS = _bool("MAIL_USE_TLS", True)
        self.MAIL_USE_SSL = _bool("MAIL_USE_SSL", False)
        self.MAIL_DEFAULT_SENDER = os.environ.get(
            "MAIL_DEFAULT_SENDER", "Sentra Nusantara <noreply@sentra.example>"
        )
        # Without an SMTP server, mail is written to files under DATA_DIR and logged.
        self.MAIL_BACKEND = "smtp" if self.MAIL_SERVER else "file"
        self.MAIL_FILE_PATH = self.MAIL_DIR
        self.DEMO_MODE = _bool("DEMO_MODE", self.DEMO_MODE)
        self.SESSION_COOKIE_SECURE = _bool("SESSION_COOKIE_SECURE", self.SESSION_COOKIE_SECURE)
        self.REMEMBER_COOKIE_SECURE = self.SESSION_COOKIE_SECURE
        self.PREFERRED_URL_SCHEME = "https" if self.SESSION_COOKIE_SECURE else "http"
        for name in ("OVOP_MAX_NOMINATIONS", "NEW_ACCOUNT_DAYS", "NEW_ACCOUNT_POSTS_PER_HOUR",
                     "POSTS_PER_HOUR", "TRUSTED_ACCEPTED_ANSWERS", "MAX_LINKS_NEW_USER"):
            setattr(self, name, _int(name, getattr(self, name)))
        for name in ("RATELIMIT_MESSAGES", "RATELIMIT_BUYING_REQUESTS"):
            setattr(self, name, os.environ.get(name, getattr(self, name)))

    APP_ENV = "development"  # which of the classes below is in use
    DEMO_MODE = False
    DEBUG = False
    TESTING = False
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = False
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_DURATION = 60 * 60 * 24 * 30
    PERMANENT_SESSION_LIFETIME = 60 * 60 * 24 * 7
    MAX_CONTENT_LENGTH = 20 * 1024 * 1024  # a whole request: two 8 MB photos plus the text fields
    MAX_IMAGE_BYTES = 8 * 1024 * 1024  # one uploaded photo
    MAX_IMAGE_PIXELS = 40_000_000  # about a 48-megapixel phone photo cropped; more is refused
    BABEL_DEFAULT_LOCALE = "id"
    BABEL_DEFAULT_TIMEZONE = "Asia/Jakarta"
    LANGUAGES = ("id", "en")
    WTF_CSRF_TIME_LIMIT = None  # a token lives as long as the session
    RATELIMIT_HEADERS_ENABLED = True
    RATELIMIT_LOGIN = "10 per minute; 50 per hour"
    RATELIMIT_LOGIN_ACCOUNT = "5 per minute; 20 per hour"
    RATELIMIT_REGISTER = "5 per minute; 20 per hour"
    # Mails about an account (confirmation links, "someone tried to register") to one address.
    RATELIMIT_ACCOUNT_MAIL = "3 per 10 minutes; 10 per day"
    # Inquiries and replies per account; buying requests and quotes per account.
    RATELIMIT_MESSAGES = "30 per hour"
    RATELIMIT_BUYING_REQUESTS = "30 per hour"
    RESET_TOKEN_MAX_AGE = 60 * 60  # one hour
    CONFIRM_TOKEN_MAX_AGE = 3 * 24 * 60 * 60  # three days
    PAGE_SIZE = 24
    OVOP_MAX_NOMINATIONS = 5  # products one sentra may have nominated for OVOP at a time
    # Forum abuse limits (marketplace.forum.limits.posting_problem).
    NEW_ACCOUNT_DAYS = 7  # accounts younger than this are "new"
    NEW_ACCOUNT_POSTS_PER_HOUR = 5
    POSTS_PER_HOUR = 30
    TRUSTED_ACCEPTED_ANSWERS = 1  # accepted answers needed before posting more links
    MAX_LINKS_NEW_USER = 2
    # Seconds a process waits for the search index's write lock before deferring its update to
    # the next writer (nothing is lost: deferred keys are kept on disk or in the database).
    SEARCH_LOCK_TIMEOUT = 5.0


class DevelopmentConfig(Config):
    """Local development and `make run`: demo mode on, mail to files."""

    DEBUG = False  # the debugger stays off unless FLASK_DEBUG=1 is set on purpose
    DEMO_MODE = True


class TestingConfig(Config):
    """Used by the test suite: a throwaway DATA_DIR is passed in by the fixtures."""

    APP_ENV = "testing"
    TESTING = True
    DEMO_MODE = True


class ProductionConfig(Config):
    """Several processes behind a proxy: secure cookies, real secret and public address required."""

    APP_ENV = "production"
    SESSION_COOKIE_SECURE = True

    def __init__(self, data_dir=None):
        super().__init__(data_dir)
        if not self.SECRET_KEY or len(self.SECRET_KEY) < 32:
            raise RuntimeError(
                "SECRET_KEY must be set to a random value of at least 32 characters in production"
            )
        if not self.PUBLIC_URL:
            raise RuntimeError(
                "PUBLIC_URL must be set in production (e.g. https://sentra.example.id): "
                "links in emails are built on it"
            )


CONFIGS = {
    "development": DevelopmentConfig,
    "testing": TestingConfig,
    "production": ProductionConfig,
}
