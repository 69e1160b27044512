"""Business operations: create and update IKM profiles, their slugs and their sentra."""

import re

from slugify import slugify
from sqlalchemy import select, update

from marketplace.businesses.models import Business, BusinessCertification
from marketplace.extensions import db
from marketplace.phones import normalise_whatsapp
from marketplace.sentra import membership as sentra_membership
from marketplace.sentra.models import Membership, Sentra

# The profile fields a form may change; owner, slug and ids are never taken from a request.
PROFILE_FIELDS = (
    "name", "description", "year_founded", "workforce", "capacity_amount", "capacity_unit",
    "techniques", "nib", "export_ready", "phone", "whatsapp", "email", "address",
)
SLUG_MAX = 120
# Slugs that would collide with fixed URLs under /ikm/ (/ikm/new) or read like an action.
RESERVED_SLUGS = frozenset({"new", "edit"})
_SLUG_BATCH = 20


class NotAllowed(PermissionError):
    """The user may not make this change (the view answers 403)."""


def can_create(user):
    """Business-owner accounts may publish business profiles; buyers may not."""
    return bool(getattr(user, "is_authenticated", False) and user.is_business_owner)


def can_edit(user, business):
    """The owner and platform admins may change a business profile."""
    if not getattr(user, "is_authenticated", False):
        return False
    return user.is_admin or user.id == business.owner_id


def count_whatsapp_click(user, business):
    """One more WhatsApp click on the profile (one UPDATE); the owner's own clicks do not count."""
    if getattr(user, "is_authenticated", False) and user.id == business.owner_id:
        return False
    db.session.execute(
        update(Business).where(Business.id == business.id)
        .values(whatsapp_clicks=Business.whatsapp_clicks + 1)
        .execution_options(synchronize_session=False)
    )
    return True


def get_by_slug(slug):
    """The business with this slug, or 404."""
    return db.first_or_404(select(Business).where(Business.slug == slug))


def unique_slug(name):
    """A slug for `name` that no business uses yet: tenun-ikat, tenun-ikat-2, tenun-ikat-3..."""
    base = slugify(name or "", max_length=SLUG_MAX, word_boundary=True) or "ikm"
    start = 1
    while True:
        # Exact look-ups on the unique index, a batch at a time: no scan of the table.
        candidates = [base if n == 1 else f"{base}-{n}" for n in range(start, start + _SLUG_BATCH)]
        taken = set(db.session.scalars(select(Business.slug).where(Business.slug.in_(candidates))))
        for candidate in candidates:
            if candidate not in taken and candidate not in RESERVED_SLUGS:
                return candidate
        start += _SLUG_BATCH


def find_sentra(sentra_id):
    """The sentra with this id, or None (ids come from a form, so anything may arrive)."""
    if not isinstance(sentra_id, int):
        return None
    return db.session.get(Sentra, sentra_id)


def get_sentra_by_slug(slug):
    """The sentra with this slug, or None."""
    return db.session.scalar(select(Sentra).where(Sentra.slug == slug)) if slug else None


def sentra_choices(province, include=None):
    """The sentra of one province as [(id, label)] by name, plus `include` when it is elsewhere.

    Scoped to a province because a national list (13,762 sentra) is far too heavy for a phone.
    """
    rows = []
    if province:
        rows = db.session.execute(
            select(Sentra.id, Sentra.name, Sentra.regency)
            .where(Sentra.province == province)
            .order_by(Sentra.name)
        ).all()
    options = [(row.id, f"{row.name} ({row.regency})" if row.regency else row.name) for row in rows]
    if include is not None and include.id not in {option[0] for option in options}:
        label = f"{include.name} ({include.regency})" if include.regency else include.name
        options.insert(0, (include.id, label))
    return options


def owner_membership(business):
    """The owner's membership in the business's sentra (any status), or None."""
    if business.sentra_id is None:
        return None
    return db.session.scalar(
        select(Membership).where(
            Membership.sentra_id == business.sentra_id, Membership.user_id == business.owner_id
        )
    )


def normalise_techniques(text):
    """'tenun ikat,  Sulam tapis, tenun ikat' -> 'tenun ikat, Sulam tapis' (no blanks, no repeats)."""
    seen, result = set(), []
    for item in re.split(r"[,;\n]", text or ""):
        technique = " ".join(item.split())
        if technique and technique.lower() not in seen:
            seen.add(technique.lower())
            result.append(technique)
    return ", ".join(result) or None


def normalise_text(text):
    """Unify line endings and trim; empty text is stored as NULL."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n").strip()
    return text or None


def profile_values(business):
    """The values an edit form starts from."""
    values = {name: getattr(business, name) for name in PROFILE_FIELDS}
    values["sentra"] = business.sentra_id
    values["certifications"] = business.certification_codes
    return values


def _apply(business, values, logo):
    for name in PROFILE_FIELDS:
        if name in values:
            setattr(business, name, values[name])
    business.description = normalise_text(business.description)
    business.address = normalise_text(business.address)
    business.techniques = normalise_techniques(business.techniques)
    for name in ("phone", "whatsapp", "email", "nib"):
        setattr(business, name, (getattr(business, name) or "").strip() or None)
    business.whatsapp = normalise_whatsapp(business.whatsapp)  # stored as wa.me wants it
    business.export_ready = bool(business.export_ready)
    if "certifications" in values:
        wanted = set(values["certifications"] or ())
        kept = [c for c in business.certifications if c.code in wanted]
        held = {c.code for c in kept}
        business.certifications = kept + [
            BusinessCertification(code=code) for code in sorted(wanted - held)
        ]
    if logo is not None:
        business.logo = logo


def _join_sentra(owner, business, sentra_id):
    """Point the business at a sentra and ask to join it; the owner's membership there, if any."""
    if sentra_id is None:
        business.sentra_id = None
        business.sentra = None
        return None
    sentra = db.session.get(Sentra, sentra_id)
    if sentra is None:
        raise ValueError(f"unknown sentra {sentra_id}")
    business.sentra = sentra
    # Returns the existing membership when the owner already has one (pending, invited or active).
    return sentra_membership.request_membership(owner, sentra)


def create_business(owner, values, logo=None):
    """Create a business owned by `owner`; returns (business, owner's sentra membership or None).

    Choosing a sentra requests a pending anggota membership that the sentra must approve
    (an existing membership of the owner there is kept as it is). Adds to the session without
    committing.
    """
    if not can_create(owner):
        raise NotAllowed("only business-owner accounts can create a business")
    business = Business(owner_id=owner.id, slug=unique_slug(values.get("name")), export_ready=False)
    business.owner = owner
    _apply(business, values, logo)
    db.session.add(business)
    membership = _join_sentra(owner, business, values.get("sentra"))
    return business, membership


def update_business(user, business, values, logo=None):
    """Change a business profile; returns the membership requested just now, or None.

    A newly chosen sentra (or the same one, when the owner has no membership there any more)
    gets a pending membership request. The slug stays as it was so that links and bookmarks
    keep working. Adds to the session without committing.
    """
    if not can_edit(user, business):
        raise NotAllowed("only the owner or an admin can change this business")
    _apply(business, values, logo)
    if "sentra" not in values:
        return None
    membership = _join_sentra(business.owner, business, values["sentra"])
    from marketplace.catalog.services import sync_business_products  # the catalogue builds on businesses

    sync_business_products(business)  # products carry the business's sentra and province
    return membership if membership is not None and membership in db.session.new else None
