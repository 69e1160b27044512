"""Form pieces shared by several feature areas."""

from pathlib import Path

from babel.support import Translations
from flask_babel import get_locale
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import SelectMultipleField, widgets

from marketplace.i18n import lazy_gettext as _l
from marketplace.media import ImageRejected, store_image

WTFORMS_CATALOGUES = Path(__file__).resolve().parent / "translations"
_wtforms_translations = {}


def wtforms_translations():
    """WTForms' own messages ("This field is required.") in the interface language.

    WTForms ships no Indonesian catalogue, so ours lives beside the app's (domain "wtforms").
    """
    locale = str(get_locale() or "id")
    if locale not in _wtforms_translations:
        _wtforms_translations[locale] = Translations.load(
            str(WTFORMS_CATALOGUES), [locale], domain="wtforms"
        )
    return _wtforms_translations[locale]


class SiteForm(FlaskForm):
    """Base of every form on the site: CSRF from Flask-WTF, built-in messages translated."""

    class Meta(FlaskForm.Meta):
        def get_translations(self, form):
            return wtforms_translations()


def strip_filter(value):
    """Drop the spaces phones like to add around typed text (a WTForms filter)."""
    return value.strip() if isinstance(value, str) else value


class MultiCheckboxField(SelectMultipleField):
    """A set of checkboxes for a multiple choice (certifications, channels...)."""

    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()


class ImageField(FileField):
    """An optional picture upload; checked by content when the form is saved."""

    def __init__(self, label=None, validators=None, **kwargs):
        kwargs.setdefault("description", _l("JPEG, PNG or WebP, at most 8 MB."))
        kwargs.setdefault("render_kw", {"accept": "image/jpeg,image/png,image/webp"})
        super().__init__(label, validators, **kwargs)


def save_image_field(field, user, alt=None):
    """Store the picture uploaded in `field`; None when empty or refused (error added to field).

    Views call this after form.validate(); a refused picture leaves the other fields as typed.
    """
    upload = field.data
    if not upload or not getattr(upload, "filename", ""):
        return None
    try:
        return store_image(upload, uploaded_by=user, alt=alt)
    except ImageRejected as problem:
        field.errors = list(field.errors) + [str(problem)]
        return None
