"""Sentra pages (placeholder until the sentra area is written)."""

from flask import Blueprint

bp = Blueprint("sentra", __name__)


@bp.route("/sentra")
def index():
    return "sentra"


@bp.route("/sentra/<slug>")
def detail(slug):
    return slug
