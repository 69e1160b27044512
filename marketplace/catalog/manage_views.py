"""Views on the catalog blueprint (see views.py)."""

from marketplace.catalog.views import bp  # noqa: F401
