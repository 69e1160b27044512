"""Error pages in the site layout; failures roll back and never leak a traceback."""

from flask import jsonify, render_template, request
from werkzeug.exceptions import HTTPException

from marketplace.extensions import db

PAGES = {403, 404, 413, 429, 500}


def _wants_json():
    return request.path.startswith("/api/") or request.accept_mimetypes.best == "application/json"


def handle_http_error(error):
    """Render 4xx/5xx answers as a page (or JSON for the API)."""
    code = error.code or 500
    if code >= 500:
        db.session.rollback()
    if _wants_json():
        return jsonify(error=error.name, status=code), code
    template = f"errors/{code}.html" if code in PAGES else "errors/generic.html"
    return render_template(template, error=error), code


def handle_unexpected(error):
    """Log an unexpected exception, roll back, and show a plain 500 page."""
    from flask import current_app

    db.session.rollback()
    current_app.logger.exception("Unhandled error on %s %s", request.method, request.path)
    if _wants_json():
        return jsonify(error="Internal Server Error", status=500), 500
    return render_template("errors/500.html"), 500


def register(app):
    """Attach the handlers to the app."""
    app.register_error_handler(HTTPException, handle_http_error)
    app.register_error_handler(Exception, handle_unexpected)
