"""The buyers blueprint."""

from flask import Blueprint

bp = Blueprint("buyers", __name__)
