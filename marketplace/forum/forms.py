"""Forum forms: a new topic, a reply, an edit, a board's settings."""

from wtforms import MultipleFileField, RadioField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, Optional, ValidationError

from marketplace.forms import SiteForm, strip_filter
from marketplace.forum.models import KIND_QUESTION, TOPIC_KINDS, VISIBILITIES
from marketplace.forum.text import MAX_TAGS, normalise_tags
from marketplace.i18n import lazy_gettext as _l
from marketplace.media import ImageRejected, store_image

BODY_MAX = 20_000
MAX_IMAGES = 4
BODY_HELP = _l(
    "Markdown works: **bold**, *italic*, lists with -, quotes with >. Mention a member with @ and their "
    "name, underscores for spaces: @Siti_Aminah."
)


def _body_field(label=None):
    return TextAreaField(
        label or _l("Text"), validators=[DataRequired(), Length(max=BODY_MAX)], description=BODY_HELP,
        render_kw={"rows": 8},
    )


def _images_field():
    return MultipleFileField(
        _l("Pictures"),
        description=_l("Up to %(n)d JPEG, PNG or WebP pictures, at most 8 MB each. They are added below "
                       "your text.", n=MAX_IMAGES),
        render_kw={"accept": "image/jpeg,image/png,image/webp"},
    )


def _image_alt_field():
    return StringField(
        _l("What the pictures show"), filters=[strip_filter], validators=[Optional(), Length(max=150)],
        description=_l("A few words for people who cannot see them, e.g. yarn after the indigo bath."),
    )


class _TagsMixin:
    def validate_tags(self, field):
        if len(normalise_tags(field.data)) > MAX_TAGS:
            raise ValidationError(_l("Use at most %(n)d tags.", n=MAX_TAGS))

    def tag_list(self):
        return normalise_tags(self.tags.data)


class _PicturesMixin:
    def uploads(self):
        """The picture files sent (empty file inputs left out)."""
        return [item for item in (self.images.data or []) if getattr(item, "filename", "")]

    def validate_images(self, field):
        if len(self.uploads()) > MAX_IMAGES:
            raise ValidationError(_l("Add at most %(n)d pictures to one post.", n=MAX_IMAGES))

    def store_pictures(self, user):
        """Store the uploaded pictures; None when one was refused (the reason is beside the field)."""
        images = []
        for upload in self.uploads():
            try:
                images.append(store_image(upload, uploaded_by=user, alt=self.image_alt.data or None))
            except ImageRejected as problem:
                self.images.errors = [*self.images.errors, f"{upload.filename}: {problem}"]
                return None
        return images


class TopicForm(_TagsMixin, _PicturesMixin, SiteForm):
    """Start a topic: a question, a guide or a discussion."""

    kind = RadioField(
        _l("What are you writing?"), default=KIND_QUESTION, validators=[InputRequired()],
        choices=[SelectChoice(value, label) for value, label in TOPIC_KINDS],
    )
    title = StringField(
        _l("Title"), filters=[strip_filter], validators=[DataRequired(), Length(min=8, max=200)],
        description=_l("One sentence that says what it is about, e.g. How hot should a gerabah kiln get?"),
    )
    body = _body_field()
    tags = StringField(
        _l("Tags"), filters=[strip_filter], validators=[Optional(), Length(max=300)],
        description=_l("Up to %(n)d words separated by commas, e.g. tapis, pewarna alami.", n=MAX_TAGS),
    )
    images = _images_field()
    image_alt = _image_alt_field()


class ReplyForm(_PicturesMixin, SiteForm):
    """A reply at the end of a topic."""

    body = _body_field(_l("Your reply"))
    images = _images_field()
    image_alt = _image_alt_field()


class EditPostForm(_TagsMixin, SiteForm):
    """Change a post; the opening post also carries the topic's title and tags."""

    title = StringField(_l("Title"), filters=[strip_filter], validators=[Optional(), Length(min=8, max=200)])
    body = _body_field()
    tags = StringField(
        _l("Tags"), filters=[strip_filter], validators=[Optional(), Length(max=300)],
        description=_l("Up to %(n)d words separated by commas.", n=MAX_TAGS),
    )
    reason = StringField(
        _l("What did you change?"), filters=[strip_filter], validators=[Optional(), Length(max=300)],
        description=_l("Optional; shown in the history of the post."),
    )

    def __init__(self, *args, opening=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.opening = opening
        if opening:
            self.title.validators = [DataRequired(), Length(min=8, max=200)]


class BoardSettingsForm(SiteForm):
    """Who can read a sentra's board."""

    visibility = RadioField(
        _l("Who can read the board?"), validators=[InputRequired()],
        choices=[SelectChoice(value, label) for value, label in VISIBILITIES],
    )
