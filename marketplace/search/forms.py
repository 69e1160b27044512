"""The search box of the results page and the member directory's form: GET forms, no CSRF.

Both are drawn from the cleaned request (search.params), never validated from the raw query
string: an unknown filter value is simply not chosen. Select options carry the engine's counts.
"""

from flask_babel import format_decimal
from wtforms import SearchField, SelectField
from wtforms.fields.choices import SelectChoice

from marketplace import reference
from marketplace.forms import SiteForm
from marketplace.i18n import gettext as _
from marketplace.i18n import lazy_gettext as _l
from marketplace.search.params import MAX_QUERY_CHARS, SORT_LABELS


def _search_box(label, placeholder, description=None):
    return SearchField(label, description=description, render_kw={
        "maxlength": MAX_QUERY_CHARS, "placeholder": placeholder, "autocomplete": "off",
        "enterkeyhint": "search", "spellcheck": "false",
    })


class SearchForm(SiteForm):
    """The box on /search and its order select."""

    q = _search_box(_l("Search for"), _l("tenun ikat, gerabah, pewarna alami…"))
    sort = SelectField(_l("Sort by"), choices=[], validate_choice=False)


class DirectoryForm(SiteForm):
    """The member directory's filters: what they make or how, commodity, certification, place."""

    q = _search_box(_l("Technique or product"), _l("e.g. tenun ikat, gerabah"),
                    description=_l("A technique, a product or a business name, e.g. tenun ikat, gerabah."))
    commodity = SelectField(_l("Commodity"), choices=[], validate_choice=False)
    certification = SelectField(_l("Certification"), choices=[], validate_choice=False)
    province = SelectField(_l("Province"), choices=[], validate_choice=False)
    sentra = SelectField(_l("Sentra"), choices=[], validate_choice=False)


def _counted(label, count):
    return f"{label} ({format_decimal(count)})" if count is not None else str(label)


def _options(items, counts, chosen, optgroup=None):
    """Options with their counts: those that would find nothing are left out unless chosen."""
    return [
        SelectChoice(value, _counted(label, counts.get(value, 0)), optgroup=optgroup)
        for value, label in items
        if counts.get(value) or value == chosen
    ]


def search_form(params):
    """The search box showing the current words and order."""
    form = SearchForm(formdata=None, data={"q": params.text, "sort": params.sort}, meta={"csrf": False})
    form.sort.choices = [SelectChoice(code, str(label)) for code, label in SORT_LABELS.items()]
    return form


def directory_form(params, facets, sentra_names):
    """The directory's form with the current choices, each option with its business count."""
    form = DirectoryForm(formdata=None, meta={"csrf": False}, data={
        "q": params.text, "commodity": params.category or "", "certification": params.certification or "",
        "province": params.province or "", "sentra": params.sentra or "",
    })
    counts = {name: dict(values) for name, values in facets.items()}
    commodities = [SelectChoice("", _("All commodities"))]
    for group, items in reference.COMMODITY_GROUPS:
        commodities += _options(items, counts.get("category", {}), params.category, optgroup=str(group))
    form.commodity.choices = commodities
    form.certification.choices = [SelectChoice("", _("Any certification"))] + _options(
        reference.CERTIFICATIONS, counts.get("certification", {}), params.certification)
    provinces = sorted(((slug, name) for _code, slug, name in reference.PROVINCES), key=lambda p: p[1])
    form.province.choices = [SelectChoice("", _("All provinces"))] + _options(
        provinces, counts.get("province", {}), params.province)
    sentra_counts = counts.get("sentra", {})
    sentra = [(slug, sentra_names.get(slug, slug)) for slug, _count in facets.get("sentra", [])[:20]]
    if params.sentra and params.sentra not in sentra_counts:
        sentra.append((params.sentra, params.sentra_name or params.sentra))
    form.sentra.choices = [SelectChoice("", _("All sentra"))] + _options(
        sorted(sentra, key=lambda s: s[1].lower()), sentra_counts, params.sentra)
    return form
