"""Account forms: registration, confirmation, login, settings, password change and reset."""

from flask import current_app
from wtforms import BooleanField, EmailField, HiddenField, PasswordField, RadioField, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Email, EqualTo, InputRequired, Length, ValidationError

from marketplace.accounts import services
from marketplace.accounts.models import BUYER_TYPES, KIND_BUSINESS, KIND_BUYER
from marketplace.accounts.passwords import MAX_LENGTH, password_problem
from marketplace.forms import SiteForm, strip_filter
from marketplace.i18n import LANGUAGE_NAMES
from marketplace.i18n import lazy_gettext as _l
from marketplace.reference import country_choices

KIND_CHOICES = [
    SelectChoice(KIND_BUSINESS, _l("I run a business (IKM) and want to show my products")),
    SelectChoice(KIND_BUYER, _l("I am a buyer looking for products and suppliers")),
]


BUYER_TYPE_LABELS = {
    "retail": _l("Retail"),
    "export": _l("Wholesale / export"),
    "industry": _l("Industry / supply chain"),
    "government": _l("Government"),
}
BUYER_TYPE_CHOICES = [SelectChoice("", _l("Choose the kind of buyer"))] + [
    SelectChoice(code, BUYER_TYPE_LABELS[code]) for code in BUYER_TYPES
]


PASSWORD_ADVICE = _l("At least 12 characters. A few unrelated words together are easy to "
                     "remember and hard to guess.")


def _check_new_password(form, field):
    """The password policy, with the person's own email and name counted as easy guesses."""
    user = getattr(form, "_user", None)
    if user is not None:
        hints = [user.email, user.display_name]
    else:
        fields = [getattr(form, "email", None), getattr(form, "display_name", None)]
        hints = [f.data for f in fields if f is not None]
    problem = password_problem(field.data or "", hints)
    if problem:
        raise ValidationError(str(problem))


def new_password_field(label):
    """A password being chosen, checked against the policy."""
    return PasswordField(label, validators=[DataRequired(), _check_new_password], description=PASSWORD_ADVICE,
                         render_kw={"autocomplete": "new-password", "maxlength": MAX_LENGTH})


def password_confirm_field(label):
    """The chosen password typed a second time."""
    matches = EqualTo("password", message=_l("The two passwords do not match."))
    return PasswordField(label, validators=[DataRequired(), matches],
                         render_kw={"autocomplete": "new-password"})


class BuyerDetailsMixin:
    """Company, country and buyer type, required only when the account is a buyer's."""

    company_name = StringField(_l("Company or organisation"), filters=[strip_filter],
                               validators=[Length(max=200)])
    country = SelectField(_l("Country"), default="ID", validate_choice=False)
    buyer_type = SelectField(_l("What kind of buyer are you?"), choices=BUYER_TYPE_CHOICES,
                             default="", validate_choice=False)

    def _setup_buyer_choices(self):
        self.country.choices = [SelectChoice(code, name) for code, name in country_choices()]

    def _is_buyer(self):
        """Whether the account is a buyer's; the register form reads its `kind` choice instead."""
        user = getattr(self, "_user", None)
        return user is not None and user.is_buyer

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


class RegisterForm(BuyerDetailsMixin, SiteForm):
    """A new account for a business owner or a buyer."""

    kind = RadioField(_l("Account type"), choices=KIND_CHOICES, default=KIND_BUSINESS,
                      validators=[InputRequired()])
    display_name = StringField(
        _l("Your name"), filters=[strip_filter], validators=[DataRequired(), Length(max=120)],
        description=_l("Shown to other members and buyers, e.g. Ibu Siti Aminah."),
    )
    email = EmailField(_l("Email address"), filters=[strip_filter],
                       validators=[DataRequired(), Email(), Length(max=254)],
                       render_kw={"autocomplete": "email"})
    password = new_password_field(_l("Password"))
    password_confirm = password_confirm_field(_l("Repeat the password"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._setup_buyer_choices()

    def _is_buyer(self):
        return self.kind.data == KIND_BUYER


class LoginForm(SiteForm):
    """Email and password; `next` carries the page to return to."""

    email = EmailField(_l("Email address"), filters=[strip_filter],
                       validators=[DataRequired(), Length(max=254)], render_kw={"autocomplete": "username"})
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=1024)],
                             render_kw={"autocomplete": "current-password"})
    remember = BooleanField(_l("Keep me logged in on this device"))
    next = HiddenField()


class SettingsForm(BuyerDetailsMixin, SiteForm):
    """A user's own name, language and (for buyers) company details."""

    display_name = StringField(_l("Your name"), filters=[strip_filter],
                               validators=[DataRequired(), Length(max=120)])
    locale = SelectField(_l("Language"), validators=[DataRequired()])
    notify_email = SelectField(
        _l("Email me about notifications"),
        choices=[SelectChoice("immediate", _l("Right away")),
                 SelectChoice("daily", _l("Once a day, as a digest")),
                 SelectChoice("off", _l("Never (I read them on the site)"))],
        validators=[DataRequired()],
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self._user = user
        self.locale.choices = [
            SelectChoice(code, LANGUAGE_NAMES.get(code, code)) for code in current_app.config["LANGUAGES"]
        ]
        self._setup_buyer_choices()


class NewPasswordForm(SiteForm):
    """A new password typed twice for an existing `user` (whose email and name it must not use)."""

    password = new_password_field(_l("New password"))
    password_confirm = password_confirm_field(_l("Repeat the new password"))

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self._user = user


class PasswordChangeForm(NewPasswordForm):
    """The current password, then the new one twice."""

    current_password = PasswordField(_l("Current password"), validators=[DataRequired()],
                                     render_kw={"autocomplete": "current-password"})

    def validate_current_password(self, field):
        if self._user is None or not services.check_password(self._user, field.data):
            raise ValidationError(_l("This is not your current password."))


class ResetRequestForm(SiteForm):
    """The email address to send a reset link to."""

    email = EmailField(_l("Email address"), filters=[strip_filter],
                       validators=[DataRequired(), Length(max=254)], render_kw={"autocomplete": "email"})


class ConfirmEmailForm(SiteForm):
    """The button that confirms an email address (a POST, so that opening the link changes nothing)."""


class ResendConfirmationForm(SiteForm):
    """The email address to send a new confirmation link to."""

    email = EmailField(_l("Email address"), filters=[strip_filter],
                       validators=[DataRequired(), Length(max=254)], render_kw={"autocomplete": "email"})


class ResetPasswordForm(NewPasswordForm):
    """A new password, typed twice, for the account named by a reset token."""
