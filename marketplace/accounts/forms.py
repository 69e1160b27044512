"""Account forms: registration, login, settings, password change and reset."""

from flask import current_app
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, HiddenField, PasswordField, RadioField, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Email, EqualTo, InputRequired, Length, ValidationError

from marketplace.accounts import services
from marketplace.accounts.models import BUYER_TYPES, KIND_BUSINESS, KIND_BUYER
from marketplace.accounts.passwords import MAX_LENGTH, password_problem
from marketplace.i18n import LANGUAGE_NAMES
from marketplace.i18n import lazy_gettext as _l
from marketplace.reference import country_choices

KIND_CHOICES = [
    SelectChoice(KIND_BUSINESS, _l("I run a business (IKM) and want to show my products")),
    SelectChoice(KIND_BUYER, _l("I am a buyer looking for products and suppliers")),
]


def _strip(value):
    """Drop the spaces phones like to add around typed text."""
    return value.strip() if isinstance(value, str) else value


BUYER_TYPE_LABELS = {
    "retail": _l("Retail"),
    "export": _l("Wholesale / export"),
    "industry": _l("Industry / supply chain"),
    "government": _l("Government"),
}
BUYER_TYPE_CHOICES = [SelectChoice("", _l("Choose the kind of buyer"))] + [
    SelectChoice(code, BUYER_TYPE_LABELS[code]) for code in BUYER_TYPES
]


def _check_new_password(form, field):
    """The password policy, with the person's own email and name counted as easy guesses."""
    hints = [getattr(form, "email", None), getattr(form, "display_name", None)]
    problem = password_problem(field.data or "", [h.data for h in hints if h is not None])
    if problem:
        raise ValidationError(str(problem))


class BuyerDetailsMixin:
    """Company, country and buyer type, required only when the account is a buyer's."""

    company_name = StringField(_l("Company or organisation"), filters=[_strip], validators=[Length(max=200)])
    country = SelectField(_l("Country"), default="ID", validate_choice=False)
    buyer_type = SelectField(_l("What kind of buyer are you?"), choices=BUYER_TYPE_CHOICES,
                             default="", validate_choice=False)

    def _setup_buyer_choices(self):
        self.country.choices = [SelectChoice(code, name) for code, name in country_choices()]

    def _is_buyer(self):
        raise NotImplementedError

    def validate_company_name(self, field):
        if self._is_buyer() and not (field.data or "").strip():
            raise ValidationError(_l("Please enter your company or organisation."))

    def validate_country(self, field):
        if not self._is_buyer() and not field.data:
            return
        if not field.data:
            raise ValidationError(_l("Please choose your country."))
        if field.data not in {choice.value for choice in field.choices}:
            raise ValidationError(_l("Please choose a country from the list."))

    def validate_buyer_type(self, field):
        if not self._is_buyer() and not field.data:
            return
        if not field.data:
            raise ValidationError(_l("Please choose what kind of buyer you are."))
        if field.data not in BUYER_TYPES:
            raise ValidationError(_l("Please choose a buyer type from the list."))


class RegisterForm(BuyerDetailsMixin, FlaskForm):
    """A new account for a business owner or a buyer."""

    kind = RadioField(_l("Account type"), choices=KIND_CHOICES, default=KIND_BUSINESS,
                      validators=[InputRequired()])
    display_name = StringField(
        _l("Your name"), filters=[_strip], validators=[DataRequired(), Length(max=120)],
        description=_l("Shown to other members and buyers, e.g. Ibu Siti Aminah."),
    )
    email = EmailField(_l("Email address"), filters=[_strip],
                       validators=[DataRequired(), Email(), Length(max=254)],
                       render_kw={"autocomplete": "email"})
    password = PasswordField(
        _l("Password"), validators=[DataRequired(), _check_new_password],
        description=_l("At least 12 characters. A few unrelated words together are easy to "
                       "remember and hard to guess."),
        render_kw={"autocomplete": "new-password", "maxlength": MAX_LENGTH},
    )
    password_confirm = PasswordField(
        _l("Repeat the password"),
        validators=[DataRequired(), EqualTo("password", message=_l("The two passwords do not match."))],
        render_kw={"autocomplete": "new-password"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._setup_buyer_choices()

    def _is_buyer(self):
        return self.kind.data == KIND_BUYER

    def validate_email(self, field):
        if services.find_by_email(field.data) is not None:
            raise ValidationError(_l("An account with this email address already exists. "
                                     "You can log in or reset your password."))


class LoginForm(FlaskForm):
    """Email and password; `next` carries the page to return to."""

    email = EmailField(_l("Email address"), filters=[_strip], validators=[DataRequired(), Length(max=254)],
                       render_kw={"autocomplete": "username"})
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=1024)],
                             render_kw={"autocomplete": "current-password"})
    remember = BooleanField(_l("Keep me logged in on this device"))
    next = HiddenField()


class SettingsForm(BuyerDetailsMixin, FlaskForm):
    """A user's own name, language and (for buyers) company details."""

    display_name = StringField(_l("Your name"), filters=[_strip],
                               validators=[DataRequired(), Length(max=120)])
    locale = SelectField(_l("Language"), validators=[DataRequired()])

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self._user = user
        self.locale.choices = [
            SelectChoice(code, LANGUAGE_NAMES.get(code, code)) for code in current_app.config["LANGUAGES"]
        ]
        self._setup_buyer_choices()

    def _is_buyer(self):
        return self._user is not None and self._user.is_buyer


class PasswordChangeForm(FlaskForm):
    """The current password, then the new one twice."""

    current_password = PasswordField(_l("Current password"), validators=[DataRequired()],
                                     render_kw={"autocomplete": "current-password"})
    password = PasswordField(
        _l("New password"), validators=[DataRequired()],
        description=_l("At least 12 characters. A few unrelated words together are easy to "
                       "remember and hard to guess."),
        render_kw={"autocomplete": "new-password", "maxlength": MAX_LENGTH},
    )
    password_confirm = PasswordField(
        _l("Repeat the new password"),
        validators=[DataRequired(), EqualTo("password", message=_l("The two passwords do not match."))],
        render_kw={"autocomplete": "new-password"},
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self._user = user

    def validate_current_password(self, field):
        if self._user is None or not services.check_password(self._user, field.data):
            raise ValidationError(_l("This is not your current password."))

    def validate_password(self, field):
        problem = password_problem(field.data or "", [self._user.email, self._user.display_name])
        if problem:
            raise ValidationError(str(problem))


class ResetRequestForm(FlaskForm):
    """The email address to send a reset link to."""

    email = EmailField(_l("Email address"), filters=[_strip], validators=[DataRequired(), Length(max=254)],
                       render_kw={"autocomplete": "email"})


class ResetPasswordForm(FlaskForm):
    """A new password, typed twice, for the account named by a reset token."""

    password = PasswordField(
        _l("New password"), validators=[DataRequired()],
        description=_l("At least 12 characters. A few unrelated words together are easy to "
                       "remember and hard to guess."),
        render_kw={"autocomplete": "new-password", "maxlength": MAX_LENGTH},
    )
    password_confirm = PasswordField(
        _l("Repeat the new password"),
        validators=[DataRequired(), EqualTo("password", message=_l("The two passwords do not match."))],
        render_kw={"autocomplete": "new-password"},
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self._user = user

    def validate_password(self, field):
        problem = password_problem(field.data or "", [self._user.email, self._user.display_name])
        if problem:
            raise ValidationError(str(problem))
