"""The catalog blueprint."""

from flask import Blueprint

bp = Blueprint("catalog", __name__)


# Owners' product editor, OVOP nomination and rating, CSV: registered on `bp` when imported.
from marketplace.catalog import manage_views  # noqa: E402, F401
