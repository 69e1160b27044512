"""Template globals and filters shared by every page."""

from flask import current_app
from flask_babel import format_decimal, get_locale

from marketplace import reference
from marketplace.i18n import LANGUAGE_NAMES
from marketplace.pagination import url_for_page


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
        }

    app.jinja_env.filters["number"] = lambda value: format_decimal(value) if value is not None else ""
    app.jinja_env.filters["province"] = reference.province_name
    app.jinja_env.filters["commodity"] = reference.commodity_label
    app.jinja_env.filters["certification"] = lambda code: reference.CERTIFICATION_LABELS.get(code, code)
    app.jinja_env.filters["facility"] = lambda kind: reference.FACILITY_LABELS.get(kind, kind)
    app.jinja_env.filters["programme"] = lambda kind: reference.PROGRAMME_LABELS.get(kind, kind)
    app.jinja_env.filters["unit"] = lambda unit: reference.CAPACITY_UNIT_LABELS.get(unit, unit or "")
    app.jinja_env.filters["country"] = reference.country_name
