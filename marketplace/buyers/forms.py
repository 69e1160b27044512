"""Forms of the buyers area: inquiries and replies, buying requests and quotes."""

from datetime import date

from wtforms import DateField, DecimalField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, ValidationError

from marketplace import reference
from marketplace.buyers.models import CONVERSATION_STATUSES, CURRENCIES
from marketplace.catalog.models import CHANNELS, INCOTERMS
from marketplace.forms import SiteForm, strip_filter
from marketplace.i18n import lazy_gettext as _l

MAX_QUANTITY = 1_000_000_000
MAX_PRICE_IDR = 2_000_000_000  # per unit; fits an INTEGER column
MAX_MESSAGE = 5000


def _text_block(value):
    """Multi-line text with browser line endings made plain."""
    if not isinstance(value, str):
        return value
    return value.replace("\r\n", "\n").replace("\r", "\n").strip()


def _blank(label):
    return [SelectChoice("", label)]


def unit_choices(blank_label=None):
    choices = _blank(blank_label) if blank_label else []
    return choices + [SelectChoice(code, label) for code, label in reference.CAPACITY_UNITS]


def category_choices(blank_label):
    """The commodity taxonomy as a select with one optgroup per group (labels in today's language)."""
    choices = _blank(blank_label)
    for group, items in reference.COMMODITY_GROUPS:
        choices += [SelectChoice(slug, label, optgroup=str(group)) for slug, label in items]
    return choices


def channel_choices(blank_label=None):
    choices = _blank(blank_label) if blank_label else []
    return choices + [SelectChoice(code, label) for code, label in CHANNELS]


def country_select_choices(blank_label):
    return _blank(blank_label) + [SelectChoice(code, name) for code, name in reference.country_choices()]


def _not_in_the_past(form, field):
    if field.data is not None and field.data < date.today():
        raise ValidationError(_l("Choose a date that has not passed yet."))


class MessageField(TextAreaField):
    """The text of a message: required, plain text, at most MAX_MESSAGE characters."""

    def __init__(self, label=None, **kwargs):
        kwargs.setdefault("validators", [DataRequired(), Length(max=MAX_MESSAGE)])
        kwargs.setdefault("filters", [_text_block])
        super().__init__(label, **kwargs)


class InquiryForm(SiteForm):
    """A buyer asks a business about a product: what, how many, for how much, where, by when."""

    body = MessageField(
        _l("Your message"),
        description=_l("Ask about the product, samples, packaging or anything else the seller should know."),
    )
    quantity = IntegerField(_l("Quantity"), validators=[Optional(), NumberRange(min=1, max=MAX_QUANTITY)])
    unit = SelectField(_l("Unit"), default="")
    target_price = DecimalField(
        _l("Target price per unit"), places=2, validators=[Optional(), NumberRange(min=0, max=MAX_PRICE_IDR)]
    )
    currency = SelectField(
        _l("Currency"), default="IDR", choices=[SelectChoice(code, label) for code, label in CURRENCIES]
    )
    incoterm = SelectField(_l("Incoterm"), default="")
    destination_country = SelectField(_l("Destination country"), default="")
    needed_by = DateField(_l("Needed by"), validators=[Optional(), _not_in_the_past])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.unit.choices = unit_choices(_l("Choose a unit"))
        self.incoterm.choices = _blank(_l("No preference")) + [
            SelectChoice(code, label) for code, label in INCOTERMS
        ]
        self.destination_country.choices = country_select_choices(_l("Choose a country"))

    def validate_unit(self, field):
        if self.quantity.data is not None and not field.data:
            raise ValidationError(_l("Choose the unit of the quantity."))

    def values(self):
        """The submitted values under the names the services use."""
        return {name: getattr(self, name).data for name in (
            "body", "quantity", "unit", "target_price", "currency", "incoterm", "destination_country",
            "needed_by",
        )}


class ReplyForm(SiteForm):
    """A reply in a conversation."""

    body = MessageField(_l("Your reply"))


class ConversationStatusForm(SiteForm):
    """Mark a conversation open, quoted or closed (one button per status)."""

    status = SelectField(
        _l("Status"), choices=[SelectChoice(code, label) for code, label in CONVERSATION_STATUSES]
    )


class BuyingRequestForm(SiteForm):
    """A buyer's need: what, category, how many, target price, deadline, destination, channel."""

    title = StringField(
        _l("What are you looking for?"), filters=[strip_filter],
        validators=[DataRequired(), Length(min=5, max=160)],
        description=_l("For example: 400 rattan dining chairs for a hotel chain."),
    )
    description = TextAreaField(
        _l("Details"), filters=[_text_block], validators=[Optional(), Length(max=MAX_MESSAGE)],
        description=_l("Materials, sizes, colours, packaging, certificates you need, delivery terms..."),
    )
    category = SelectField(_l("Category"), validators=[DataRequired()])
    quantity = IntegerField(
        _l("Quantity"), validators=[InputRequired(), NumberRange(min=1, max=MAX_QUANTITY)]
    )
    unit = SelectField(_l("Unit"), validators=[DataRequired()])
    target_price_idr = IntegerField(
        _l("Target price per unit (Rp)"), validators=[Optional(), NumberRange(min=0, max=MAX_PRICE_IDR)]
    )
    deadline = DateField(_l("Quotes wanted by"), validators=[Optional(), _not_in_the_past])
    destination_country = SelectField(_l("Destination country"), default="ID")
    destination_city = StringField(
        _l("Destination city"), filters=[strip_filter], validators=[Optional(), Length(max=120)]
    )
    channel = SelectField(
        _l("What kind of purchase is it?"), validators=[DataRequired()],
        description=_l("Export, supply for an industry, or OVOP flagship products."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.category.choices = category_choices(_l("Choose a category"))
        self.unit.choices = unit_choices(_l("Choose a unit"))
        self.destination_country.choices = country_select_choices(_l("Choose a country"))
        self.channel.choices = channel_choices(_l("Choose a channel"))

    def values(self):
        return {name: getattr(self, name).data for name in (
            "title", "description", "category", "quantity", "unit", "target_price_idr", "deadline",
            "destination_country", "destination_city", "channel",
        )}


class QuoteForm(SiteForm):
    """A business's offer: which business, price in rupiah or dollars, MOQ, lead time, a message."""

    business = SelectField(_l("Quote as"), coerce=int, validate_choice=True)
    price_idr = IntegerField(
        _l("Price per unit (Rp)"), validators=[Optional(), NumberRange(min=1, max=MAX_PRICE_IDR)]
    )
    price_usd = DecimalField(
        _l("Price per unit (US$)"), places=2, validators=[Optional(), NumberRange(min=0.01, max=10_000_000)]
    )
    moq = IntegerField(
        _l("Minimum order quantity"), validators=[Optional(), NumberRange(min=1, max=MAX_QUANTITY)]
    )
    lead_time_days = IntegerField(
        _l("Lead time (days)"), validators=[Optional(), NumberRange(min=1, max=730)]
    )
    message = TextAreaField(
        _l("Message to the buyer"), filters=[_text_block], validators=[Optional(), Length(max=MAX_MESSAGE)],
        description=_l("What is included, samples, payment and delivery terms."),
    )

    def __init__(self, businesses, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.business.choices = [SelectChoice(b.id, b.name) for b in businesses]

    def validate(self, extra_validators=None):
        """Field checks, then at least one price."""
        valid = super().validate(extra_validators)
        if (self.price_idr.data is None and self.price_usd.data is None
                and not self.price_idr.errors and not self.price_usd.errors):
            self.price_idr.errors.append(_l("Give a price in rupiah or in US dollars."))
            valid = False
        return valid

    def values(self):
        return {name: getattr(self, name).data for name in (
            "price_idr", "price_usd", "moq", "lead_time_days", "message",
        )}
