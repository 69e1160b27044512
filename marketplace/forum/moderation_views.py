"""Views on the forum blueprint (see views.py)."""

from marketplace.forum.views import bp  # noqa: F401
