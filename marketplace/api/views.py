"""JSON API (placeholder until the API is written)."""

from flask import Blueprint

bp = Blueprint("api", __name__)


@bp.route("/openapi.json")
def openapi():
    return {}
