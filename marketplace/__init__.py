"""Sentra Nusantara: the application factory."""

import logging
import os
import secrets

from flask import Flask

from config import BASE_DIR, CONFIGS


def create_app(config_name=None, **overrides):
    """Build the app for `config_name` (development, testing, production) plus overrides."""
    config_name = config_name or os.environ.get("APP_ENV", "development")
    config = CONFIGS[config_name](overrides.pop("DATA_DIR", None))
    app = Flask(
        __name__,
        template_folder=str(BASE_DIR / "templates"),
        static_folder=str(BASE_DIR / "static"),
    )
    app.config.from_object(config)
    app.config.update(overrides)
    # Like flaskr's instance folder: the data folder must exist for SQLite and uploads.
    os.makedirs(app.config["DATA_DIR"], exist_ok=True)
    if not app.config.get("SECRET_KEY"):  # production has refused to start already
        app.config["SECRET_KEY"] = local_secret_key(app.config["DATA_DIR"])
    register_proxy_fix(app)
    register_logging(app)
    register_extensions(app)
    register_blueprints(app)
    register_errorhandlers(app)
    register_security(app)
    register_template_helpers(app)
    register_search(app)
    register_commands(app)
    return app


def local_secret_key(data_dir):
    """The random key kept in DATA_DIR/secret_key (0600), created on first start.

    Without SECRET_KEY outside production, sessions are signed with this key: nobody can forge
    them with a well-known default, and they survive restarts. Written to a temporary file and
    linked into place, so processes starting together all end up with the same key.
    """
    path = os.path.join(data_dir, "secret_key")
    if not os.path.exists(path):
        temporary = f"{path}.{os.getpid()}.{secrets.token_hex(4)}"
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(descriptor, "w", encoding="ascii") as handle:
                handle.write(secrets.token_urlsafe(48) + "\n")
            try:
                os.link(temporary, path)
            except FileExistsError:  # another process created it first: use theirs
                pass
        finally:
            os.unlink(temporary)
    with open(path, encoding="ascii") as handle:
        key = handle.read().strip()
    if len(key) < 32:
        raise RuntimeError(f"{path} does not hold a usable key: delete it to get a new one")
    return key


def register_proxy_fix(app):
    """Behind PROXY_FIX proxies, take the client address, scheme and host from X-Forwarded-*."""
    hops = int(app.config.get("PROXY_FIX") or 0)
    if hops > 0:
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)


def register_logging(app):
    """Log to stderr at INFO so that security events and dev mail are visible."""
    if not app.logger.handlers or app.logger.level == logging.NOTSET:
        app.logger.setLevel(logging.INFO)


def register_extensions(app):
    """Bind the extensions created in extensions.py to this app."""
    from marketplace import i18n
    from marketplace.extensions import babel, csrf, db, limiter, login_manager, mail, migrate

    db.init_app(app)
    migrate.init_app(app, db, directory=str(BASE_DIR / "migrations"), render_as_batch=True)
    csrf.init_app(app)
    mail.init_app(app)
    limiter.init_app(app)
    babel.init_app(
        app,
        locale_selector=i18n.select_locale,
        default_translation_directories=str(BASE_DIR / "marketplace" / "translations"),
    )
    login_manager.init_app(app)
    from marketplace.accounts import services as account_services

    login_manager.user_loader(account_services.load_user)
    login_manager.login_view = "accounts.login"
    login_manager.login_message = i18n.lazy_gettext("Please log in to open this page.")
    login_manager.login_message_category = "info"
    login_manager.session_protection = "basic"


def register_blueprints(app):
    """One blueprint per feature area."""
    from marketplace.accounts.views import bp as accounts_bp
    from marketplace.api.views import bp as api_bp
    from marketplace.businesses.views import bp as businesses_bp
    from marketplace.buyers.views import bp as buyers_bp
    from marketplace.catalog.views import bp as catalog_bp
    from marketplace.forum.views import bp as forum_bp
    from marketplace.main.views import bp as main_bp
    from marketplace.media import bp as media_bp
    from marketplace.notifications.views import bp as notifications_bp
    from marketplace.sentra.views import bp as sentra_bp

    app.register_blueprint(main_bp)
    app.register_blueprint(accounts_bp)
    app.register_blueprint(sentra_bp)
    app.register_blueprint(businesses_bp)
    app.register_blueprint(media_bp)
    app.register_blueprint(catalog_bp)
    app.register_blueprint(buyers_bp)
    app.register_blueprint(forum_bp)
    app.register_blueprint(notifications_bp)
    # Every area's tables, including those no blueprint imports, for create_all and Alembic.
    import marketplace.models  # noqa: F401
    app.register_blueprint(api_bp, url_prefix="/api/v1")


def register_errorhandlers(app):
    """Error pages in the site layout; a 500 rolls back and never shows a traceback."""
    from marketplace import errors

    errors.register(app)


def register_security(app):
    """Security headers and per-request user bookkeeping."""
    from marketplace import security

    security.register(app)


def register_template_helpers(app):
    """Globals and filters the templates share."""
    from marketplace import templating

    templating.register(app)


def register_search(app):
    """The search blueprint and the indexer that follows every commit."""
    from marketplace.search import indexer
    from marketplace.search.views import bp as search_bp

    indexer.init_app(app)
    app.register_blueprint(search_bp)


def register_commands(app):
    """The flask command groups: seed, users, ..."""
    from marketplace import cli

    cli.register(app)
