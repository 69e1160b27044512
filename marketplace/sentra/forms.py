"""Sentra forms: the directory filters, the branding page editor, gallery and members."""

from datetime import date

from flask_wtf.file import FileRequired
from wtforms import (
    BooleanField,
    EmailField,
    FieldList,
    Form,
    FormField,
    HiddenField,
    IntegerField,
    SearchField,
    SelectField,
    StringField,
    TelField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Email, Length, Optional, ValidationError

from marketplace import reference
from marketplace.forms import ImageField, SiteForm, strip_filter
from marketplace.i18n import gettext as _
from marketplace.i18n import lazy_gettext as _l
from marketplace.phones import PhoneNumber, normalise_whatsapp
from marketplace.sentra.models import ROLE_LABELS, ROLES

MIN_YEAR = 1900
TITLE_SUGGESTIONS = ("ketua", "wakil ketua", "sekretaris", "bendahara")


def _text_block(value):
    """Multi-line text with browser line endings made plain; None when empty."""
    value = (value or "").replace("\r\n", "\n").replace("\r", "\n").strip()
    return value or None


def _none_if_blank(value):
    value = strip_filter(value)
    return value or None


def commodity_choices(blank_label):
    """Commodity choices grouped as in the taxonomy, for a select with optgroups."""
    choices = {None: [("", blank_label)]}
    for group, items in reference.COMMODITY_GROUPS:
        choices[str(group)] = [(slug, str(label)) for slug, label in items]
    return choices


def province_choices(blank_label):
    """Provinces in their official order, after a blank choice."""
    return [("", blank_label)] + [(slug, name) for _code, slug, name in reference.PROVINCES]


def role_choices():
    """The membership roles for a select, in board-first order."""
    return [(role, str(ROLE_LABELS[role])) for role in ROLES]


# ---- directory ---------------------------------------------------------------------------


class DirectoryFilterForm(Form):
    """The GET form of the directory; the view fills the choices with facet counts."""

    q = SearchField(_l("Name, tagline or regency"), filters=[strip_filter],
                    validators=[Optional(), Length(max=100)])
    province = SelectField(_l("Province"), choices=[], validate_choice=False)
    commodity = SelectField(_l("Commodity"), choices=[], validate_choice=False)


# ---- the branding page editor ------------------------------------------------------------


class FacilityForm(Form):
    """One facility kind: available or not, with a note. The kind comes from the position."""

    available = BooleanField(_l("Available"))
    note = StringField(_l("Note"), filters=[_none_if_blank], validators=[Optional(), Length(max=300)])


class ProgrammeForm(Form):
    """One funding programme row; blank new rows are ignored."""

    id = HiddenField()
    kind = SelectField(_l("Programme"), choices=[], validate_choice=False)
    funding = StringField(_l("Funding"), default="DAK", filters=[strip_filter],
                          validators=[Optional(), Length(max=40)])
    year = IntegerField(_l("Year"), validators=[Optional()])
    note = StringField(_l("Note"), filters=[_none_if_blank], validators=[Optional(), Length(max=300)])
    remove = BooleanField(_l("Remove this programme"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind.choices = [("", _("Choose…"))] + [
            (kind, str(label)) for kind, label in reference.PROGRAMME_KINDS
        ]

    @property
    def existing_id(self):
        """The id of the programme this row edits, or None for a new row."""
        value = str(self.id.data or "").strip()
        return int(value) if value.isdigit() else None

    @property
    def is_blank(self):
        """A new row where nothing was typed (the default funding does not count)."""
        return (self.existing_id is None and not self.kind.data and self.year.data is None
                and self.year.raw_data in (None, [], [""]) and not self.note.data)

    def validate(self, extra_validators=None):
        if self.remove.data or self.is_blank:
            return True
        valid = super().validate(extra_validators)
        if self.kind.data not in reference.PROGRAMME_LABELS:
            self.kind.errors = list(self.kind.errors) + [_("Choose the kind of programme.")]
            valid = False
        this_year = date.today().year
        if self.year.data is None:
            if not self.year.errors:
                self.year.errors = list(self.year.errors) + [_("Enter the year of the programme.")]
            valid = False
        elif not 1945 <= self.year.data <= this_year + 5:
            self.year.errors = list(self.year.errors) + [
                _("Enter a year between %(low)d and %(high)d.", low=1945, high=this_year + 5)
            ]
            valid = False
        if not self.funding.data:
            self.funding.data = "DAK"
        return valid


class SentraForm(SiteForm):
    """Everything a manager may change on the branding page (not the slug, not `verified`)."""

    name = StringField(_l("Name"), filters=[strip_filter], validators=[DataRequired(), Length(max=200)])
    tagline = StringField(_l("Tagline"), filters=[_none_if_blank],
                          validators=[Optional(), Length(max=200)],
                          description=_l("One short line shown under the name."))
    story = TextAreaField(_l("Story"), filters=[_text_block],
                          validators=[Optional(), Length(max=20000)],
                          description=_l("Plain text. Leave an empty line between paragraphs."))
    commodity = SelectField(_l("Commodity"), validators=[DataRequired()])
    province = SelectField(_l("Province"), validators=[DataRequired()])
    regency = StringField(_l("Regency or city (kabupaten/kota)"), filters=[_none_if_blank],
                          validators=[Optional(), Length(max=120)])
    district = StringField(_l("District (kecamatan)"), filters=[_none_if_blank],
                           validators=[Optional(), Length(max=120)])
    village = StringField(_l("Village (desa/kelurahan)"), filters=[_none_if_blank],
                          validators=[Optional(), Length(max=120)])
    address = StringField(_l("Address"), filters=[_none_if_blank], validators=[Optional(), Length(max=300)])
    year_established = IntegerField(_l("Year established"), validators=[Optional()])
    guided_by = StringField(_l("Guided by"), filters=[_none_if_blank],
                            validators=[Optional(), Length(max=200)],
                            description=_l(
                                "The ministry, agency or local office (dinas) that guides the sentra."))
    phone = TelField(_l("Phone"), filters=[_none_if_blank],
                     validators=[Optional(), Length(max=32), PhoneNumber()])
    whatsapp = TelField(_l("WhatsApp"), filters=[_none_if_blank],
                        validators=[Optional(), Length(max=32), PhoneNumber(whatsapp=True)],
                        description=_l("For example 0812 3456 7890 or +62 812 3456 7890."))
    email = EmailField(_l("Email"), filters=[_none_if_blank],
                       validators=[Optional(), Length(max=254), Email(check_deliverability=False)])
    accent = SelectField(_l("Accent colour"), validators=[DataRequired()])
    logo = ImageField(_l("Logo"))
    banner = ImageField(_l("Banner picture"))
    facilities = FieldList(FormField(FacilityForm), min_entries=len(reference.FACILITY_KINDS),
                           max_entries=len(reference.FACILITY_KINDS))
    programmes = FieldList(FormField(ProgrammeForm), max_entries=60)
    verified = BooleanField(_l("Verified sentra"))

    def __init__(self, *args, allow_verify=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.commodity.choices = commodity_choices(_("Choose a commodity"))
        self.province.choices = province_choices(_("Choose a province"))
        self.accent.choices = [(slug, str(label)) for slug, label in reference.ACCENTS]
        if not allow_verify:
            del self.verified
        # The kind of each facility row is its position in the reference list, never posted.
        for entry, (kind, label) in zip(self.facilities, reference.FACILITY_KINDS, strict=False):
            entry.kind, entry.kind_label = kind, label

    def validate_regency(self, field):
        """Where we list a province's regencies and cities, the name must be one of them."""
        name, candidates = reference.match_regency(self.province.data, field.data)
        if name is not None:
            field.data = name
        elif candidates:
            raise ValidationError(_("Say which one you mean: %(names)s.", names=", ".join(candidates)))
        else:
            raise ValidationError(
                _("This is not a regency or city of the chosen province. Pick one from the list.")
            )

    def validate_year_established(self, field):
        this_year = date.today().year
        if field.data is not None and not MIN_YEAR <= field.data <= this_year:
            raise ValidationError(
                _("Enter a year between %(low)d and %(high)d.", low=MIN_YEAR, high=this_year)
            )

    def facility_choices(self):
        """(kind, note) of every facility ticked as available, in the reference order."""
        return [(entry.kind, entry.form.note.data) for entry in self.facilities
                if getattr(entry, "kind", None) and entry.form.available.data]

    def programme_rows(self):
        """The programme rows to save: dicts with id (or None), kind, funding, year, note, remove."""
        rows = []
        for entry in self.programmes:
            row = entry.form
            if row.is_blank:
                continue
            rows.append({
                "id": row.existing_id, "kind": row.kind.data, "funding": row.funding.data or "DAK",
                "year": row.year.data, "note": row.note.data, "remove": bool(row.remove.data),
            })
        return rows

    def sentra_fields(self):
        """The plain attributes of the sentra as typed (whatsapp normalised)."""
        fields = {name: getattr(self, name).data for name in EDITABLE_FIELDS}
        fields["whatsapp"] = normalise_whatsapp(fields["whatsapp"])
        return fields


EDITABLE_FIELDS = (
    "name", "tagline", "story", "commodity", "province", "regency", "district", "village", "address",
    "year_established", "guided_by", "phone", "whatsapp", "email", "accent",
)


def sentra_form_data(sentra):
    """The editor's initial values for an existing sentra (facilities by kind, +2 empty programmes)."""
    data = {name: getattr(sentra, name) for name in EDITABLE_FIELDS}
    data["verified"] = sentra.verified
    notes = {facility.kind: facility.note for facility in sentra.facilities}
    data["facilities"] = [
        {"available": kind in notes, "note": notes.get(kind)} for kind, _label in reference.FACILITY_KINDS
    ]
    data["programmes"] = [
        {"id": str(p.id), "kind": p.kind, "funding": p.funding, "year": p.year, "note": p.note}
        for p in sentra.programmes
    ] + [{"funding": "DAK"}, {"funding": "DAK"}]
    return data


def new_sentra_form_data():
    """The editor's initial values for a new sentra."""
    return {
        "accent": "indigo",
        "facilities": [{} for _kind in reference.FACILITY_KINDS],
        "programmes": [{"funding": "DAK"}, {"funding": "DAK"}],
    }


# ---- gallery -----------------------------------------------------------------------------


class PhotoForm(SiteForm):
    """Add one picture to the gallery."""

    image = ImageField(_l("Photo"), validators=[FileRequired(_l("Choose a picture to upload."))])
    caption = StringField(_l("Caption"), filters=[_none_if_blank], validators=[Optional(), Length(max=200)],
                          description=_l("Also read aloud to people who cannot see the picture."))


class ConfirmForm(SiteForm):
    """A button-only form: just the CSRF token (approve, reject, remove, delete, join)."""


# ---- members -----------------------------------------------------------------------------


def _rename(field, new_id):
    """Give a field (and its label) another HTML id, for pages that hold several such forms."""
    field.id = new_id
    field.label.field_id = new_id


class MemberRoleForm(SiteForm):
    """Change an active member's role and title."""

    role = SelectField(_l("Role"), validators=[DataRequired()])
    title = StringField(_l("Title"), filters=[_none_if_blank], validators=[Optional(), Length(max=60)],
                        description=_l("For the board: ketua, sekretaris, bendahara…"))

    def __init__(self, *args, membership_id=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.role.choices = role_choices()
        if membership_id is not None:
            # Several of these forms share a page: give their inputs distinct ids.
            _rename(self.role, f"role-{membership_id}")
            _rename(self.title, f"title-{membership_id}")
            self.title.render_kw = {"list": "board-titles"}


class AddMemberForm(SiteForm):
    """Invite a person who already has an account, by email, with a role."""

    email = EmailField(_l("Email"), filters=[strip_filter],
                       validators=[DataRequired(), Length(max=254), Email(check_deliverability=False)])
    role = SelectField(_l("Role"), validators=[DataRequired()])
    title = StringField(_l("Title"), filters=[_none_if_blank], validators=[Optional(), Length(max=60)],
                        render_kw={"list": "board-titles"},
                        description=_l("For the board: ketua, sekretaris, bendahara…"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.role.choices = role_choices()
        _rename(self.role, "add-role")
        _rename(self.title, "add-title")
