"""The one phone/WhatsApp helper used by the sentra and business pages and forms."""

import pytest
from wtforms import Form, StringField
from wtforms.validators import Optional

from marketplace.phones import PhoneNumber, display_phone, normalise_whatsapp, tel_href, whatsapp_url


@pytest.mark.parametrize("typed, digits", [
    ("0812-0000-0100", "6281200000100"),
    ("0812 3456 7890", "6281234567890"),
    ("+62 812 3456 7890", "6281234567890"),
    ("+62 (812) 3456-7890", "6281234567890"),
    ("812 3456 7890", "6281234567890"),
    ("6281234567890", "6281234567890"),
    ("0062 812 3456 7890", "6281234567890"),
    ("+44 20 7946 0958", "442079460958"),
    ("  ", None),
    ("", None),
    (None, None),
    ("call me", None),
])
def test_normalise_whatsapp_gives_international_digits(typed, digits):
    assert normalise_whatsapp(typed) == digits


def test_whatsapp_url_normalises_and_encodes_the_message():
    assert whatsapp_url("0812-0000-0100") == "https://wa.me/6281200000100"
    assert whatsapp_url("+62 812 0000 0100", text="Halo, saya tertarik: tapis & songket?") == (
        "https://wa.me/6281200000100?text=Halo%2C%20saya%20tertarik%3A%20tapis%20%26%20songket%3F")
    assert whatsapp_url("") is None and whatsapp_url(None) is None


def test_display_and_tel_forms():
    assert display_phone("0812-0000-0100") == "+62 812 0000 0100"
    assert display_phone("+62 721 123456") == "+62 721 1234 56"
    assert display_phone("+44 20 7946 0958") == "+442079460958"
    assert display_phone(None) == ""
    assert tel_href("(0721) 123 456") == "0721123456"
    assert tel_href(" +62 721-123-456 ") == "+62721123456"
    assert tel_href("") == ""


class ContactForm(Form):
    phone = StringField(validators=[Optional(), PhoneNumber()])
    whatsapp = StringField(validators=[Optional(), PhoneNumber(whatsapp=True)])


@pytest.mark.parametrize("data, errors", [
    ({"phone": "(0721) 123.456", "whatsapp": "+62 812-3456-7890"}, set()),
    ({"phone": "", "whatsapp": ""}, set()),
    ({"phone": "0721 1", "whatsapp": "0812"}, {"phone", "whatsapp"}),
    ({"phone": "0721+123456", "whatsapp": "0812 3456 7890 ext 2"}, {"phone", "whatsapp"}),
    ({"phone": "1234567890123456", "whatsapp": "+62 812 3456 7890 1234"}, {"phone", "whatsapp"}),
])
def test_one_validator_for_phone_and_whatsapp_fields(app, data, errors):
    from werkzeug.datastructures import MultiDict

    with app.test_request_context():
        form = ContactForm(MultiDict(data))
        form.validate()
        assert set(form.errors) == errors, form.errors
