"""Home page, health check and the language switch."""

from flask import Blueprint, current_app, jsonify, redirect, render_template, request, session, url_for
from flask_login import current_user
from sqlalchemy import text

from marketplace.catalog import queries as catalog_queries
from marketplace.extensions import db
from marketplace.forum import boards as forum_boards
from marketplace.main.services import platform_totals
from marketplace.search import services as search_services
from marketplace.search.backend import STATUS_OK
from marketplace.security import is_safe_next
from marketplace.sentra import services as sentra_services

bp = Blueprint("main", __name__)
# Monitors must see the state now, never a cached answer.
NO_STORE = {"Cache-Control": "no-store"}


@bp.route("/")
def index():
    """Home: featured sentra, national figures and the way in for each kind of visitor."""
    featured = sentra_services.featured_sentra(limit=6)
    return render_template("main/index.html", featured=featured, totals=platform_totals(),
                           products=catalog_queries.newest_products(8),
                           discussions=forum_boards.active_discussions(limit=5))


@bp.route("/healthz")
def healthz():
    """200 with status ok when the database and search answer; 503 otherwise."""
    try:
        db.session.execute(text("SELECT 1"))
    except Exception:  # noqa: BLE001 - any database failure means unhealthy
        db.session.rollback()
        current_app.logger.exception("health check: database unavailable")
        return jsonify(status="error", database="unavailable"), 503, NO_STORE
    search = search_services.status()
    if search != STATUS_OK and not search_services.answers():
        # Missing, broken, or a first build still running: pages work, search does not.
        return jsonify(status="degraded", database="ok", search=search), 503, NO_STORE
    # "ok", or "rebuilding" while the previous index still answers.
    return jsonify(status="ok", database="ok", search=search), 200, NO_STORE


@bp.route("/language", methods=["POST"])
def set_language():
    """Switch the interface language for this session (and the user's setting)."""
    lang = request.form.get("lang", "")
    if lang in current_app.config["LANGUAGES"]:
        session["lang"] = lang
        if current_user.is_authenticated:
            current_user.locale = lang
            db.session.commit()
    target = request.form.get("next", "")
    return redirect(target if is_safe_next(target) else url_for("main.index"))

