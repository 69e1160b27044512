"""Template globals and filters shared by every page."""

from datetime import UTC

from flask import current_app
from flask_babel import format_date, format_datetime, format_decimal, format_timedelta, get_locale
from flask_login import current_user

from marketplace import reference
from marketplace.i18n import LANGUAGE_NAMES
from marketplace.pagination import url_for_page
from marketplace.timeutil import utcnow

# name -> function(user) giving a number for the header (unread notifications, messages...).
HEADER_COUNTS = {}


def register_header_count(name, counter):
    """Show `counter(user)` next to the header link called `name` for logged-in users."""
    HEADER_COUNTS[name] = counter


def header_count(name):
    """The current user's count for a header link, or 0 (one query per name and request)."""
    counter = HEADER_COUNTS.get(name)
    if counter is None or not current_user.is_authenticated:
        return 0
    return counter(current_user) or 0


def _aware(value):
    """Datetimes from SQLite come back naive; they are UTC like everything we store."""
    return value.replace(tzinfo=UTC) if value is not None and value.tzinfo is None else value


def time_ago(value):
    """'3 hours ago' in the interface language."""
    if value is None:
        return ""
    return format_timedelta(_aware(value) - utcnow(), add_direction=True, threshold=1.0)


def register(app):
    """Expose reference data and helpers to Jinja."""
    app.jinja_env.add_extension("jinja2.ext.do")

    @app.context_processor
    def inject_globals():
        return {
            "current_locale": str(get_locale()),
            "language_names": LANGUAGE_NAMES,
            "languages": current_app.config["LANGUAGES"],
            "demo_mode": current_app.config.get("DEMO_MODE", False),
            "province_name": reference.province_name,
            "commodity_label": reference.commodity_label,
            "url_for_page": url_for_page,
            "regency_names": reference.regencies_for,
            "header_count": header_count,
        }

    app.jinja_env.filters["number"] = lambda value: format_decimal(value) if value is not None else ""
    app.jinja_env.filters["province"] = reference.province_name
    app.jinja_env.filters["commodity"] = reference.commodity_label
    app.jinja_env.filters["certification"] = lambda code: reference.CERTIFICATION_LABELS.get(code, code)
    app.jinja_env.filters["facility"] = lambda kind: reference.FACILITY_LABELS.get(kind, kind)
    app.jinja_env.filters["programme"] = lambda kind: reference.PROGRAMME_LABELS.get(kind, kind)
    app.jinja_env.filters["unit"] = lambda unit: reference.CAPACITY_UNIT_LABELS.get(unit, unit or "")
    app.jinja_env.filters["country"] = reference.country_name
    # "Rp 5.000 / {{ unit|per_unit }}", "{{ moq|number }} {{ unit|units(moq) }}"
    app.jinja_env.filters["per_unit"] = reference.unit_word
    app.jinja_env.filters["units"] = lambda code, count: reference.unit_word(code, count)
    app.jinja_env.filters["datetime"] = lambda value, fmt="medium": (
        format_datetime(_aware(value), fmt) if value else "")
    app.jinja_env.filters["date"] = lambda value, fmt="medium": format_date(value, fmt) if value else ""
    app.jinja_env.filters["ago"] = time_ago
    app.jinja_env.filters["isotime"] = lambda value: _aware(value).isoformat() if value else ""
