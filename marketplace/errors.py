"""Error pages in the site layout; failures roll back and never leak a traceback."""

from flask import current_app, jsonify, render_template, request
from flask_login import current_user
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError, SecurityError

from marketplace.extensions import db
from marketplace.i18n import lazy_gettext as _l

PAGES = {403, 404, 413, 429, 500}
# Title and explanation for the codes without a page of their own (Werkzeug's names are English).
GENERIC_TEXTS = {
    400: (_l("The request could not be understood"),
          _l("Something in what your browser sent was missing or not valid. Please go back and try again.")),
    401: (_l("Please log in"), _l("You need to log in to open this page.")),
    405: (_l("This action is not possible here"),
          _l("This page cannot be used this way. Please go back and use the links and buttons on the page.")),
    410: (_l("This page is gone"), _l("The page you are looking for has been removed.")),
}
GENERIC_FALLBACK = (_l("The request could not be completed"),
                    _l("This request could not be completed. Please go back and try again."))
# Shown when even the error page cannot be rendered (e.g. the database is down).
BARE_500 = (
    "<!doctype html><html lang=\"id\"><head><meta charset=\"utf-8\"><title>Sentra Nusantara</title>"
    "</head><body><h1>Terjadi kesalahan / Something went wrong</h1>"
    "<p>Silakan coba lagi sebentar lagi. / Please try again in a moment.</p></body></html>"
)


def _wants_json():
    return request.path.startswith("/api/") or request.accept_mimetypes.best == "application/json"


def _rollback():
    try:
        db.session.rollback()
    except Exception:  # noqa: BLE001 - a broken connection must not hide the original error
        current_app.logger.exception("rollback failed")


def _json_error(error):
    code = error.code or 500
    message = error.description if code < 500 else InternalServerError.description
    return jsonify(error=error.name, status=code, message=str(message)), code


def _page(template, code, **context):
    """Render an error page in the layout, or a bare page when the layout itself fails."""
    try:
        return render_template(template, **context), code
    except Exception:  # noqa: BLE001 - the last line of defence must answer something
        _rollback()
        current_app.logger.exception("error page %s could not be rendered", template)
        return BARE_500, code, {"Content-Type": "text/html; charset=utf-8"}


def _log_refusal(code):
    """Log refused access (ASVS 7.2): who, what, never a secret."""
    user = current_user.get_id() if current_user and current_user.is_authenticated else "anonymous"
    current_app.logger.warning("%d %s %s for user %s", code, request.method, request.path,
                               str(user).partition(":")[0])


def handle_http_error(error):
    """Render 4xx/5xx answers as a page (or JSON for the API)."""
    code = error.code or 500
    if code >= 500:
        _rollback()
    if code in (401, 403):
        _log_refusal(code)
    if _wants_json():
        return _json_error(error)
    if code in PAGES:
        return _page(f"errors/{code}.html", code, error=error)
    title, message = GENERIC_TEXTS.get(code, GENERIC_FALLBACK)
    return _page("errors/generic.html", code, error=error, title=title, message=message)


def handle_csrf_error(error):
    """A form sent without a valid CSRF token: explain how to send it again (400)."""
    current_app.logger.warning("CSRF refused on %s %s: %s", request.method, request.path, error.description)
    if _wants_json():
        return _json_error(error)
    return _page("errors/csrf.html", 400, error=error)


def handle_untrusted_host(error):
    """A Host header outside TRUSTED_HOSTS (400): a page without links, none can be built."""
    current_app.logger.warning("Refused %s %s for untrusted host %r", request.method, request.path,
                               request.environ.get("HTTP_HOST", "")[:100])
    if _wants_json():
        return _json_error(error)
    return _page("errors/host.html", 400)


def handle_unexpected(error):
    """Log an unexpected exception, roll back, and show a plain 500 page."""
    _rollback()
    current_app.logger.exception("Unhandled error on %s %s", request.method, request.path)
    if _wants_json():
        return _json_error(InternalServerError())
    return _page("errors/500.html", 500)


def register(app):
    """Attach the handlers to the app."""
    app.register_error_handler(CSRFError, handle_csrf_error)
    app.register_error_handler(SecurityError, handle_untrusted_host)
    app.register_error_handler(HTTPException, handle_http_error)
    app.register_error_handler(Exception, handle_unexpected)
