"""The forum blueprint."""

from flask import Blueprint

bp = Blueprint("forum", __name__)


# Flags, the moderation queue and moderators' actions: registered on `bp` when imported.
from marketplace.forum import moderation_views  # noqa: E402, F401
