"""Form pieces shared by several feature areas."""

from flask_wtf.file import FileField
from wtforms import SelectMultipleField, widgets

from marketplace.i18n import lazy_gettext as _l
from marketplace.media import ImageRejected, store_image


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
