"""The catalogue's GET filter form; its options and their counts come from queries.facets()."""

from flask_babel import format_decimal
from wtforms import BooleanField, Form, IntegerField, SelectField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import NumberRange, Optional

from marketplace import reference
from marketplace.catalog.models import AVAILABILITY, CHANNELS
from marketplace.catalog.queries import SORT_LABELS
from marketplace.i18n import gettext as _
from marketplace.i18n import lazy_gettext as _l


class CatalogueFilterForm(Form):
    """Filters of /products and the buyers' pages: no CSRF (nothing changes), state in the URL."""

    channel = SelectField(_l("Channel"), choices=[], validate_choice=False)
    category = SelectField(_l("Category"), choices=[], validate_choice=False)
    province = SelectField(_l("Province"), choices=[], validate_choice=False)
    sentra = SelectField(_l("Sentra"), choices=[], validate_choice=False)
    certification = SelectField(_l("Certification"), choices=[], validate_choice=False)
    price_min = IntegerField(_l("Price from (Rp)"), validators=[Optional(), NumberRange(min=0)],
                             render_kw={"min": 0, "inputmode": "numeric"})
    price_max = IntegerField(_l("Price up to (Rp)"), validators=[Optional(), NumberRange(min=0)],
                             render_kw={"min": 0, "inputmode": "numeric"})
    moq_max = IntegerField(_l("Minimum order at most"), validators=[Optional(), NumberRange(min=0)],
                           render_kw={"min": 0, "inputmode": "numeric"})
    availability = SelectField(_l("Availability"), choices=[], validate_choice=False)
    samples = BooleanField(_l("Samples available"))
    sort = SelectField(_l("Sort by"), choices=[], validate_choice=False)


def _counted(label, count):
    return f"{label} ({format_decimal(count)})"


def _options(items, counts, chosen, optgroup=None):
    """Options with their counts; options that would leave nothing are left out unless chosen."""
    return [
        SelectChoice(value, _counted(label, counts.get(value, 0)), optgroup=optgroup)
        for value, label in items
        if counts.get(value) or value == chosen
    ]


def build_form(filters, facets):
    """The filter form showing the current selection, each option with its product count."""
    form = CatalogueFilterForm(data={
        "channel": filters.channel or "", "category": filters.category or "",
        "province": filters.province or "", "sentra": filters.sentra or "",
        "certification": filters.certification or "", "price_min": filters.price_min,
        "price_max": filters.price_max, "moq_max": filters.moq_max,
        "availability": filters.availability or "", "samples": filters.samples, "sort": filters.sort,
    })
    if filters.fixed_channel:
        del form.channel
    else:
        form.channel.choices = [SelectChoice("", _("All channels"))] + _options(
            CHANNELS, facets.channel, filters.channel)
    category = [SelectChoice("", _("All categories"))]
    for group, items in reference.COMMODITY_GROUPS:
        category += _options(items, facets.category, filters.category, optgroup=str(group))
    form.category.choices = category
    provinces = sorted(((slug, name) for _code, slug, name in reference.PROVINCES), key=lambda p: p[1])
    form.province.choices = [SelectChoice("", _("All provinces"))] + _options(
        provinces, facets.province, filters.province)
    form.sentra.choices = [SelectChoice("", _("All sentra"))] + [
        SelectChoice(slug, _counted(name, count)) for slug, name, count in facets.sentra
    ]
    form.certification.choices = [SelectChoice("", _("Any certification"))] + _options(
        reference.CERTIFICATIONS, facets.certification, filters.certification)
    form.availability.choices = [SelectChoice("", _("Any availability"))] + _options(
        AVAILABILITY, facets.availability, filters.availability)
    form.samples.label.text = _counted(_("Samples available"), facets.samples)
    form.sort.choices = [SelectChoice(code, str(label)) for code, label in SORT_LABELS.items()]
    return form
