"""Phone and WhatsApp numbers: one pattern for the forms, one normaliser for wa.me and tel: links.

People type numbers the Indonesian way ("0812-3456-7890", "(0721) 123 456") or the
international way ("+62 812 3456 7890"). WhatsApp links need international digits only
(https://wa.me/6281234567890), so numbers are normalised when they are saved and again when a
link is shown, which also covers rows stored before the rule existed.
"""

import re
from urllib.parse import quote

from wtforms.validators import ValidationError

from marketplace.i18n import gettext as _

COUNTRY_CODE = "62"  # Indonesia: a national number 0812... is +62 812...
# Digits, spaces, brackets, dots and dashes, with at most a leading plus.
PHONE_PATTERN = r"^\+?[0-9 ().\-]+$"
PHONE_RE = re.compile(PHONE_PATTERN)
MAX_DIGITS = 15  # E.164
MIN_PHONE_DIGITS = 6  # short local numbers of small towns
MIN_WHATSAPP_DIGITS = 9  # country code and a mobile number


def digits_of(text):
    """Only the digits of `text` ('' for None)."""
    return re.sub(r"\D", "", text or "")


def normalise_whatsapp(text):
    """International digits for wa.me ('0812-0000-0100' -> '6281200000100'), or None when empty."""
    raw = (text or "").strip()
    digits = digits_of(raw)
    if not digits:
        return None
    if raw.startswith("+"):
        return digits
    if digits.startswith("00"):  # international prefix written as 00
        return digits[2:] or None
    if digits.startswith("0"):  # national format: trunk prefix 0
        return COUNTRY_CODE + digits.lstrip("0")
    if digits.startswith("8"):  # an Indonesian mobile number written without its 0
        return COUNTRY_CODE + digits
    return digits


def whatsapp_url(number, text=None):
    """https://wa.me/<international digits>, with a prefilled message when `text` is given."""
    digits = normalise_whatsapp(number)
    if not digits:
        return None
    url = f"https://wa.me/{digits}"
    if text:
        url += "?text=" + quote(text, safe="")
    return url


def display_phone(number):
    """A WhatsApp number as people read it: '+62 812 0000 0100' (other countries: '+<digits>')."""
    digits = normalise_whatsapp(number)
    if not digits:
        return ""
    if not digits.startswith(COUNTRY_CODE):
        return "+" + digits
    rest = digits[len(COUNTRY_CODE):]
    groups = [rest[:3]] + [rest[i:i + 4] for i in range(3, len(rest), 4)]
    return " ".join(["+" + COUNTRY_CODE, *[g for g in groups if g]])


def tel_href(number):
    """The number for a tel: link: its digits, with the leading plus kept ('' when empty)."""
    raw = (number or "").strip()
    digits = digits_of(raw)
    if not digits:
        return ""
    return ("+" if raw.startswith("+") else "") + digits


class PhoneNumber:
    """WTForms validator for phone fields: the common characters and 6 to 15 digits.

    With whatsapp=True the number must also make a plausible wa.me number once normalised.
    Empty values pass (pair it with Optional or DataRequired).
    """

    def __init__(self, whatsapp=False):
        self.whatsapp = whatsapp

    def __call__(self, form, field):
        value = (field.data or "").strip()
        if not value:
            return
        if not PHONE_RE.match(value):
            raise ValidationError(_("Use only digits, spaces, brackets, dots, dashes and a leading +."))
        if self.whatsapp:
            digits = normalise_whatsapp(value) or ""
            if not MIN_WHATSAPP_DIGITS <= len(digits) <= MAX_DIGITS:
                raise ValidationError(_(
                    "This does not look like a WhatsApp number. "
                    "Write it like 0812 3456 7890 or +62 812 3456 7890."))
        elif not MIN_PHONE_DIGITS <= len(digits_of(value)) <= MAX_DIGITS:
            raise ValidationError(_(
                "Enter a phone number with %(low)d to %(high)d digits, "
                "for example 0721 123456 or +62 812 3456 7890.", low=MIN_PHONE_DIGITS, high=MAX_DIGITS))
