"""The business profile form (create and edit)."""

import re
from datetime import date

from wtforms import (
    BooleanField,
    EmailField,
    IntegerField,
    SelectField,
    StringField,
    SubmitField,
    TelField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Email, Length, NumberRange, Optional, ValidationError

from marketplace.businesses import services
from marketplace.forms import ImageField, MultiCheckboxField, SiteForm, strip_filter
from marketplace.i18n import lazy_gettext as _l
from marketplace.phones import PhoneNumber
from marketplace.reference import CAPACITY_UNITS, CERTIFICATIONS, PROVINCE_NAMES, PROVINCES

NIB_RE = re.compile(r"^\d{13}$")
OLDEST_YEAR = 1800
MAX_TECHNIQUES = 20
MAX_TECHNIQUE_LENGTH = 60


def _optional_id(value):
    """'' -> None, '12' -> 12; anything else is not a valid choice."""
    if value is None or value == "":
        return None
    return int(value)


def _without_spaces(value):
    return re.sub(r"[\s.-]", "", value) if isinstance(value, str) else value


class BusinessForm(SiteForm):
    """Everything a business owner says about the business on its public profile."""

    name = StringField(
        _l("Business name"), filters=[strip_filter], validators=[DataRequired(), Length(min=2, max=200)]
    )
    sentra_province = SelectField(
        _l("Province of your sentra"), default="",
        choices=[SelectChoice("", _l("Choose a province"))]
        + [SelectChoice(slug, name) for _code, slug, name in PROVINCES],
    )
    show_sentra = SubmitField(_l("Show the sentra of this province"))
    sentra = SelectField(
        _l("Sentra"), coerce=_optional_id, validate_choice=False,
        description=_l("The sentra your business belongs to. Its board must approve you as a member."),
    )
    description = TextAreaField(
        _l("About the business"), validators=[Optional(), Length(max=5000)],
        description=_l("What you make, how, and since when. Leave an empty line between paragraphs."),
    )
    year_founded = IntegerField(_l("Year founded"), validators=[Optional()])
    workforce = IntegerField(
        _l("Number of workers"), validators=[Optional(), NumberRange(min=1, max=100000)]
    )
    capacity_amount = IntegerField(
        _l("Production capacity per month"), validators=[Optional(), NumberRange(min=1, max=1_000_000_000)]
    )
    capacity_unit = SelectField(
        _l("Capacity unit"), default="",
        choices=[SelectChoice("", _l("Choose a unit"))]
        + [SelectChoice(code, label) for code, label in CAPACITY_UNITS],
    )
    techniques = StringField(
        _l("Techniques"), filters=[strip_filter], validators=[Optional(), Length(max=1000)],
        description=_l("Separate them with commas, for example: tenun ikat, sulam tapis, pewarnaan alami."),
    )
    certifications = MultiCheckboxField(
        _l("Certifications"), choices=[SelectChoice(code, label) for code, label in CERTIFICATIONS]
    )
    nib = StringField(
        _l("NIB (business identification number)"), filters=[_without_spaces],
        validators=[Optional()],
        description=_l("13 digits, from OSS. Only you can see it on your profile."),
    )
    export_ready = BooleanField(_l("Ready to export"))
    phone = TelField(
        _l("Phone"), filters=[strip_filter], validators=[Optional(), Length(max=32), PhoneNumber()]
    )
    whatsapp = TelField(
        _l("WhatsApp number"), filters=[strip_filter],
        validators=[Optional(), Length(max=32), PhoneNumber(whatsapp=True)],
        description=_l("Buyers get a button that opens a WhatsApp chat with this number."),
    )
    email = EmailField(
        _l("Email"), filters=[strip_filter], validators=[Optional(), Email(), Length(max=254)]
    )
    address = TextAreaField(_l("Address"), validators=[Optional(), Length(max=300)])
    logo = ImageField(_l("Logo"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        selected = services.find_sentra(self.sentra.data)
        if self.refreshing and selected is not None and selected.province != self.sentra_province.data:
            selected, self.sentra.data = None, None  # another province was asked for
        if selected is not None and not self.sentra_province.data:
            self.sentra_province.data = selected.province
        self.sentra.choices = [SelectChoice("", _l("Not in a sentra yet"))] + [
            SelectChoice(str(sentra_id), label)
            for sentra_id, label in services.sentra_choices(self.sentra_province.data, selected)
        ]

    @property
    def refreshing(self):
        """True when the member only asked to see the sentra of another province."""
        return bool(self.show_sentra.data)

    def validate_sentra(self, field):
        if field.data is not None and services.find_sentra(field.data) is None:
            raise ValidationError(_l("Choose a sentra from the list."))

    def validate_sentra_province(self, field):
        if field.data and field.data not in PROVINCE_NAMES:
            raise ValidationError(_l("Choose a province from the list."))

    def validate_year_founded(self, field):
        this_year = date.today().year  # evaluated per request, not at import
        if field.data is not None and not OLDEST_YEAR <= field.data <= this_year:
            raise ValidationError(
                _l("Enter a year between %(first)d and %(last)d.", first=OLDEST_YEAR, last=this_year)
            )

    def validate(self, extra_validators=None):
        """Field checks, then the capacity amount and its unit go together."""
        valid = super().validate(extra_validators)
        amount, unit = self.capacity_amount, self.capacity_unit
        if amount.data is not None and not amount.errors and not unit.data:
            unit.errors.append(_l("Choose the unit of your monthly capacity."))
            valid = False
        if unit.data and amount.data is None and not amount.errors:
            amount.errors.append(_l("Enter how much you can make per month in this unit."))
            valid = False
        return valid

    def validate_techniques(self, field):
        items = (services.normalise_techniques(field.data) or "").split(", ")
        if len(items) > MAX_TECHNIQUES:
            raise ValidationError(_l("List at most %(n)d techniques.", n=MAX_TECHNIQUES))
        if any(len(item) > MAX_TECHNIQUE_LENGTH for item in items):
            raise ValidationError(
                _l("Each technique can be at most %(n)d characters long.", n=MAX_TECHNIQUE_LENGTH)
            )

    def validate_nib(self, field):
        if field.data and not NIB_RE.match(field.data):
            raise ValidationError(_l("The NIB has exactly 13 digits."))

    def profile_values(self):
        """The submitted values under the names the services use."""
        values = {name: getattr(self, name).data for name in services.PROFILE_FIELDS}
        values["capacity_unit"] = values["capacity_unit"] or None
        values["sentra"] = self.sentra.data
        values["certifications"] = list(self.certifications.data or [])
        return values
