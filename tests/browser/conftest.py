"""Browser-test harness: Debian's Chromium driven by pytest-playwright against a real server.

- `live_server`: the site on a free port of 127.0.0.1, with its own data folder (SQLite,
  uploads, search index) whose tables come from `flask db upgrade`. Module-scoped.
- `seeded_server`: the same after `flask seed demo` (the demo accounts of the README).
- `console_errors`: the page's console errors and uncaught exceptions (CSP violations show
  up here); assert it is empty at the end of a journey.
Both servers give `.url` (no trailing slash), `.app` (for `with server.app.app_context()`)
and `.data_dir`. Every test in this folder is marked `browser` automatically.

Browsers are never downloaded: `make test` installs Debian's chromium with apt when it is
missing; without /usr/bin/chromium these tests are skipped (and fail under CI=true).
"""

import os
import secrets
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from werkzeug.serving import WSGIRequestHandler, make_server

from marketplace import create_app
from tests.conftest import ENVIRONMENT_FREE

CHROMIUM = "/usr/bin/chromium"
REPO = Path(__file__).resolve().parents[2]
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]


def pytest_collection_modifyitems(config, items):
    """Mark every test under tests/browser as `browser`, so `-m "not browser"` leaves them out."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.path)).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Launch Debian's Chromium (playwright install is never run here)."""
    if not os.access(CHROMIUM, os.X_OK):
        message = f"{CHROMIUM} is missing: run `make test` (it installs Debian's chromium with apt)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def base_url(pytestconfig):
    """No base URL unless --base-url is given: each test names its server's address itself.

    Replaces pytest-playwright's fallback `base_url`, a session fixture defined as a method of a
    plugin object, which pytest 9 reports as PytestRemovedIn10Warning on every run.
    """
    return pytestconfig.getoption("--base-url", default=None) or None


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    """Browse like the site's main audience: Indonesian, on Jakarta time."""
    return {**browser_context_args, "locale": "id-ID", "timezone_id": "Asia/Jakarta"}


class _QuietHandler(WSGIRequestHandler):
    """Serve without a log line per request (failures still reach the app's logger)."""

    def log_request(self, *args, **kwargs):
        pass


class LiveServer:
    """The site served by werkzeug in a background thread, on its own data folder."""

    def __init__(self, data_dir):
        self.data_dir = Path(data_dir)
        self.database_url = f"sqlite:///{self.data_dir / 'sentra.db'}"
        self.secret_key = secrets.token_urlsafe(32)
        self.app = None
        self._server = None
        self._thread = None
        self.url = None

    def env(self):
        """The environment of `flask ...` commands run against this server's data."""
        env = {k: v for k, v in os.environ.items()
               if k not in {"UPLOAD_DIR", "MAIL_DIR", "FLASK_DEBUG", "TEST_DATABASE_URL", "PUBLIC_URL",
                            "TRUSTED_HOSTS", "PROXY_FIX"}}
        env.update(APP_ENV="development", DATA_DIR=str(self.data_dir), DATABASE_URL=self.database_url,
                   SECRET_KEY=self.secret_key, PYTHONPATH=str(REPO))
        return env

    def flask(self, *args, timeout=600):
        """Run `flask --app marketplace <args>` in a subprocess, as a person would."""
        result = subprocess.run(  # noqa: S603 - our own interpreter and fixed arguments
            [sys.executable, "-m", "flask", "--app", "marketplace", *args],
            cwd=REPO, env=self.env(), capture_output=True, text=True, timeout=timeout, check=False,
        )
        if result.returncode != 0:
            pytest.fail(f"flask {' '.join(args)} failed ({result.returncode}):\n"
                        f"{result.stdout}\n{result.stderr}")
        return result

    def start(self):
        self.app = create_app(
            "development", DATA_DIR=str(self.data_dir), SQLALCHEMY_DATABASE_URI=self.database_url,
            SECRET_KEY=self.secret_key,
            UPLOAD_DIR=str(self.data_dir / "uploads"), MAIL_DIR=str(self.data_dir / "mail"),
            MAIL_FILE_PATH=str(self.data_dir / "mail"), **ENVIRONMENT_FREE,
        )
        self._server = make_server("127.0.0.1", 0, self.app, threaded=True, request_handler=_QuietHandler)
        self.url = f"http://127.0.0.1:{self._server.server_port}"
        self._thread = threading.Thread(target=self._server.serve_forever, name="live-server", daemon=True)
        self._thread.start()
        return self

    def stop(self):
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._thread.join(timeout=10)
        if self.app is not None:
            from marketplace.extensions import db

            with self.app.app_context():
                db.engine.dispose()


def _serve(tmp_path_factory, seed):
    server = LiveServer(tmp_path_factory.mktemp("live-data"))
    server.flask("db", "upgrade")
    if seed:
        try:
            import marketplace.seed.demo  # noqa: F401
        except ImportError as error:
            pytest.skip(f"the demo seed is not available yet ({error})")
        server.flask("seed", "demo")
    server.flask("search", "check")  # as `make run` does: builds the index when it is missing
    server.start()
    return server


@pytest.fixture(scope="module")
def live_server(tmp_path_factory):
    """The site on an empty, migrated database."""
    server = _serve(tmp_path_factory, seed=False)
    yield server
    server.stop()


@pytest.fixture(scope="module")
def seeded_server(tmp_path_factory):
    """The site with the demo data (`flask seed demo`): demo accounts, tapis sentra..."""
    server = _serve(tmp_path_factory, seed=True)
    yield server
    server.stop()


@pytest.fixture
def console_errors(page):
    """Console errors and uncaught exceptions of `page` (a CSP violation is one)."""
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors
