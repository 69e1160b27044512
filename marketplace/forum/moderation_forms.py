"""Forms of forum moderation: flagging a post, moderators' actions with their reasons, suspensions."""

from wtforms import Form, RadioField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from marketplace.forms import SiteForm, strip_filter
from marketplace.forum.models import FLAG_REASONS
from marketplace.i18n import lazy_gettext as _l
from marketplace.i18n import ngettext

REASON_MAX = 500


class FlagForm(SiteForm):
    """A member tells the moderators what is wrong with a post."""

    reason = RadioField(
        _l("What is wrong with this post?"),
        choices=[SelectChoice(code, label) for code, label in FLAG_REASONS],
        validators=[InputRequired(message=_l("Choose a reason."))],
    )
    note = TextAreaField(
        _l("Note for the moderators (optional)"), filters=[strip_filter],
        validators=[Optional(), Length(max=500)],
        description=_l("Only the moderators read it."),
    )


class ConfirmForm(SiteForm):
    """A button-only form: the CSRF token and an optional reason for the log."""

    reason = StringField(_l("Reason (optional)"), filters=[strip_filter],
                         validators=[Optional(), Length(max=REASON_MAX)])


class ReasonForm(SiteForm):
    """Hide or delete: the reason is required, it goes to the log and to the author."""

    reason = StringField(
        _l("Reason"), filters=[strip_filter],
        validators=[DataRequired(message=_l("Give a reason: it is kept in the moderation log.")),
                    Length(max=REASON_MAX)],
        description=_l("The author is told this reason; it is also kept in the moderation log."),
    )


class ModeratorEditForm(SiteForm):
    """A moderator corrects the text of a post (and the topic's title on its opening post); the
    earlier text stays in its history."""

    title = StringField(_l("Title of the topic"), filters=[strip_filter],
                        validators=[Optional(), Length(min=8, max=200)])
    body = TextAreaField(_l("Text"), validators=[DataRequired(), Length(max=20000)],
                         render_kw={"rows": 12})
    reason = StringField(
        _l("Reason for the edit"), filters=[strip_filter], validators=[Optional(), Length(max=300)],
        description=_l("Shown in the post's history and the moderation log."),
    )


class MoveForm(SiteForm):
    """Move a topic to another board the moderator moderates."""

    board = SelectField(_l("New board"), choices=[], validate_choice=False)
    board_slug = StringField(
        _l("Or the address of another board"), filters=[strip_filter],
        validators=[Optional(), Length(max=140)],
        description=_l("The last part of the board's address, e.g. pewarnaan."),
    )
    reason = StringField(
        _l("Reason"), filters=[strip_filter],
        validators=[DataRequired(message=_l("Give a reason: it is kept in the moderation log.")),
                    Length(max=REASON_MAX)],
    )

    def set_boards(self, boards, current_label):
        self.board.choices = [SelectChoice("", current_label)] + [
            SelectChoice(board.slug, str(board.title)) for board in boards
        ]

    @property
    def chosen_slug(self):
        return self.board_slug.data or self.board.data


def suspension_choices():
    from marketplace.forum.suspensions import SUSPENSION_DAYS

    return [
        SelectChoice(str(days), ngettext("%(num)d day", "%(num)d days", days)) for days in SUSPENSION_DAYS
    ]


class SuspendForm(SiteForm):
    """Stop a member posting for a while (platform staff only)."""

    days = SelectField(_l("Suspend for"), coerce=int, choices=[],
                       validators=[InputRequired(message=_l("Choose a period from the list."))])
    reason = StringField(
        _l("Reason"), filters=[strip_filter],
        validators=[DataRequired(message=_l("Give a reason: it is kept in the moderation log.")),
                    Length(max=REASON_MAX)],
        description=_l("The member is told this reason."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.days.choices = suspension_choices()


class LogFilterForm(Form):
    """The GET filter of the moderation log (no CSRF: it changes nothing)."""

    board = SelectField(_l("Board"), choices=[], validate_choice=False)
