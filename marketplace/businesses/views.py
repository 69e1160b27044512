"""Business pages (placeholder until the businesses area is written)."""

from flask import Blueprint

bp = Blueprint("businesses", __name__)
