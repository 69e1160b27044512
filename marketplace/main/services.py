"""Site-wide figures for the home page."""

import time

from flask import current_app
from sqlalchemy import func, select

from marketplace.businesses.models import Business
from marketplace.extensions import db
from marketplace.sentra.models import Sentra

TOTALS_TTL = 300  # seconds; counting 516,124 businesses on every home page view is wasted work


def platform_totals():
    """Numbers of sentra and businesses, recounted at most every few minutes per process."""
    cache = current_app.extensions.setdefault("platform_totals", {})
    now = time.monotonic()
    if cache.get("expires", 0) < now:
        cache["value"] = {
            "sentra": db.session.scalar(select(func.count()).select_from(Sentra)),
            "businesses": db.session.scalar(select(func.count()).select_from(Business)),
        }
        cache["expires"] = now + TOTALS_TTL
    return cache["value"]
