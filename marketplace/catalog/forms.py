"""Forms of the product editor, the picture gallery, status changes and the OVOP assessment."""

import re

from flask_wtf.file import MultipleFileField
from wtforms import (
    BooleanField,
    DecimalField,
    IntegerField,
    RadioField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, ValidationError
from wtforms.widgets import TextInput

from marketplace.catalog import services
from marketplace.catalog.models import AVAILABILITY, CHANNELS, INCOTERMS, OVOP_CRITERIA
from marketplace.forms import MultiCheckboxField, SiteForm, strip_filter
from marketplace.i18n import lazy_gettext as _l
from marketplace.reference import CAPACITY_UNITS, CERTIFICATIONS, COMMODITIES, COMMODITY_GROUPS

MAX_PRICE_IDR = 10_000_000_000  # ten billion rupiah for one unit is already a whole factory
MAX_PRICE_USD = 1_000_000
MAX_QUANTITY = 100_000_000
MAX_LEAD_TIME_DAYS = 365
MAX_WEIGHT_GRAMS = 10_000_000  # ten tonnes


_THOUSANDS = re.compile(r"[\s.,](?=\d{3}(?:\D|$))")


class WholeNumberField(IntegerField):
    """A whole number typed with thousands separators ('1.500.000', '2,500') or without.

    A text input (with a numeric keyboard): a number input would refuse the separators.
    """

    widget = TextInput()

    def process_formdata(self, valuelist):
        if valuelist:
            valuelist = [_THOUSANDS.sub("", self.clean(valuelist[0] or ""))]
        super().process_formdata(valuelist)

    @staticmethod
    def clean(text):
        return text.strip()


class RupiahField(WholeNumberField):
    """Whole rupiah, typed the way people write them: 'Rp 1.500.000' or '1500000'."""

    @staticmethod
    def clean(text):
        return re.sub(r"(?i)^\s*rp\.?\s*", "", text).strip()


def _positive(maximum, message):
    return NumberRange(min=1, max=maximum, message=message)


def category_choices():
    """The commodity taxonomy as grouped options (optgroups), with a blank first choice."""
    choices = [SelectChoice("", _l("Choose a category"))]
    for group, items in COMMODITY_GROUPS:
        choices += [SelectChoice(slug, label, optgroup=str(group)) for slug, label in items]
    return choices


class ProductForm(SiteForm):
    """Everything an owner says about one product; the channel rules are checked in validate()."""

    title = StringField(
        _l("Title"), filters=[strip_filter], validators=[DataRequired(), Length(min=3, max=160)],
        description=_l("What buyers search for, e.g. Kain tapis motif pucuk rebung, 200 x 60 cm."),
    )
    description = TextAreaField(
        _l("Description"), validators=[Optional(), Length(max=10_000)],
        description=_l("Markdown: **bold**, *italic*, lists with \u201c- \u201d. Needed before publishing."),
    )
    title_en = StringField(
        _l("English title"), filters=[strip_filter], validators=[Optional(), Length(max=160)],
        description=_l("Optional, shown to export buyers who read English."),
    )
    description_en = TextAreaField(_l("English description"), validators=[Optional(), Length(max=10_000)])
    category = SelectField(_l("Category"), validators=[DataRequired(_l("Choose a category."))])
    materials = StringField(
        _l("Materials"), filters=[strip_filter], validators=[Optional(), Length(max=300)],
        description=_l("e.g. cotton, gold thread, natural dyes."),
    )
    price_idr = RupiahField(
        _l("Price in rupiah"), validators=[Optional(), _positive(MAX_PRICE_IDR, _l(
            "Enter a price between Rp 1 and Rp 10,000,000,000."))],
        description=_l("Per unit, in whole rupiah."),
    )
    unit = SelectField(
        _l("Unit"), default="pcs", choices=[SelectChoice(code, label) for code, label in CAPACITY_UNITS],
    )
    price_on_request = BooleanField(_l("Price on request"))
    export_price_usd = DecimalField(
        _l("Export price in USD"), places=2,
        validators=[Optional(), NumberRange(min=0.01, max=MAX_PRICE_USD, message=_l(
            "Enter a USD price between 0.01 and 1,000,000."))],
        description=_l("Per unit, e.g. 45.50."),
    )
    incoterm = SelectField(
        _l("Incoterm"), default="",
        choices=[SelectChoice("", _l("No USD price"))]
        + [SelectChoice(code, label) for code, label in INCOTERMS],
    )
    port = StringField(
        _l("Port"), filters=[strip_filter], validators=[Optional(), Length(max=80)],
        description=_l("For FOB or CIF prices, e.g. Tanjung Priok, Jakarta."),
    )
    moq = WholeNumberField(
        _l("Minimum order quantity"), validators=[Optional(), _positive(MAX_QUANTITY, _l(
            "Enter a minimum order between 1 and 100,000,000."))],
    )
    capacity_per_month = WholeNumberField(
        _l("Capacity per month"), validators=[Optional(), _positive(MAX_QUANTITY, _l(
            "Enter a monthly capacity between 1 and 100,000,000."))],
        description=_l("How many units you can make in a month."),
    )
    lead_time_days = WholeNumberField(
        _l("Lead time in days"), validators=[Optional(), _positive(MAX_LEAD_TIME_DAYS, _l(
            "Enter a lead time between 1 and 365 days."))],
        description=_l("From order to shipment."),
    )
    availability = SelectField(
        _l("Availability"), default="ready_stock",
        choices=[SelectChoice(code, label) for code, label in AVAILABILITY],
    )
    samples_available = BooleanField(_l("Samples available"))
    hs_code = StringField(
        _l("HS code"), filters=[strip_filter], validators=[Optional(), Length(max=20)],
        description=_l("4, 6, 8 or 10 digits; dots are fine, e.g. 5208.52 or 6304.91.00."),
    )
    certifications = MultiCheckboxField(
        _l("Certifications"), choices=[SelectChoice(code, label) for code, label in CERTIFICATIONS],
    )
    size = StringField(
        _l("Size"), filters=[strip_filter], validators=[Optional(), Length(max=80)],
        description=_l("As you measure it, e.g. 200 x 60 cm."),
    )
    weight_grams = WholeNumberField(
        _l("Weight in grams"), validators=[Optional(), _positive(MAX_WEIGHT_GRAMS, _l(
            "Enter a weight between 1 gram and 10,000,000 grams."))],
    )
    channels = MultiCheckboxField(
        _l("Offer it to"), choices=[SelectChoice(code, label) for code, label in CHANNELS],
        description=_l(
            "Export needs a USD price (or price on request), minimum order, monthly capacity and HS code. "
            "Supply chain needs monthly capacity and lead time. OVOP is for members of a sentra; "
            "the sentra's board nominates its best products."
        ),
    )
    save = SubmitField(_l("Save"))
    publish = SubmitField(_l("Save and publish"))

    def __init__(self, *args, ovop_allowed=False, published=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.ovop_allowed = ovop_allowed
        self.published = published
        self.category.choices = category_choices()

    @property
    def publishing(self):
        """True when saving must also meet the publication rules."""
        return self.published or bool(self.publish.data)

    def validate_category(self, field):
        if field.data not in COMMODITIES:
            raise ValidationError(_l("Choose a category from the list."))

    def validate_hs_code(self, field):
        if field.data and services.normalise_hs_code(field.data) is None:
            raise ValidationError(_l(
                "An HS code has 4, 6, 8 or 10 digits from a real chapter (01\u201397), e.g. 5208.52."
            ))

    def validate(self, extra_validators=None):
        """Field checks, then the channel rules (and, when publishing, the publication rules)."""
        valid = super().validate(extra_validators)
        values = self.product_values()
        if self.publishing:
            problems = services.publication_problems(values, self.ovop_allowed)
        else:
            problems = services.channel_problems(values, self.ovop_allowed)
        return self.add_problems(problems) and valid

    def add_problems(self, problems):
        """Show rule problems beside their fields (once each); False when there were any."""
        for name, messages in problems.items():
            field = getattr(self, name)
            if field.errors:  # its own error (not a number, out of range) comes first
                continue
            field.errors = list(field.errors) + [str(message) for message in messages]
        return not problems

    def product_values(self):
        """The submitted values under the names the services use."""
        values = {name: getattr(self, name).data for name in services.EDITABLE_FIELDS}
        values["incoterm"] = values["incoterm"] or None
        values["hs_code"] = services.normalise_hs_code(values["hs_code"]) if values["hs_code"] else None
        values["channels"] = list(self.channels.data or [])
        values["certifications"] = list(self.certifications.data or [])
        return values


class ImagesForm(SiteForm):
    """Upload pictures to a product's gallery (several at once)."""

    images = MultipleFileField(
        _l("Add pictures"), render_kw={"accept": "image/jpeg,image/png,image/webp", "multiple": True},
        description=_l(
            "JPEG, PNG or WebP, at most 8 MB each and 20 MB per upload. The first picture is the cover."
        ),
    )


def _score_choices():
    return [SelectChoice(str(n), str(n)) for n in range(1, 6)]


class OvopRatingForm(SiteForm):
    """A curator's assessment: 1-5 per official criterion, overall stars and a written note."""

    stars = RadioField(
        _l("Overall stars"), coerce=int, choices=[
            SelectChoice("1", _l("1 star")), SelectChoice("2", _l("2 stars")),
            SelectChoice("3", _l("3 stars")), SelectChoice("4", _l("4 stars")),
            SelectChoice("5", _l("5 stars")),
        ], validators=[InputRequired(_l("Choose from 1 to 5 stars."))],
    )
    note = TextAreaField(
        _l("Assessment note"), filters=[strip_filter],
        validators=[DataRequired(_l("Write a short assessment for the business.")), Length(max=4000)],
        description=_l("The business and visitors read this beside the stars."),
    )


for _code, _label in OVOP_CRITERIA:
    setattr(OvopRatingForm, _code, RadioField(
        _label, coerce=int, choices=_score_choices(),
        validators=[InputRequired(_l("Score this criterion from 1 to 5."))],
    ))
