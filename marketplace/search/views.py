"""/search and its pages (the next commit fills this blueprint in)."""

from flask import Blueprint

bp = Blueprint("search", __name__)
