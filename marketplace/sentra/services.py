"""Sentra operations: the directory, branding pages, their editor and gallery.

Membership (joining, invitations, roles) lives in marketplace.sentra.membership.
Every function adds to the session and never commits: the calling view owns the transaction.
"""

from dataclasses import dataclass, field

from slugify import slugify
from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import selectinload
from werkzeug.exceptions import Forbidden, NotFound

from marketplace import reference
from marketplace.businesses.models import Business
from marketplace.extensions import db
from marketplace.i18n import lazy_gettext as _l
from marketplace.sentra.models import (
    MANAGING_ROLES,
    ROLE_PENGELOLA,
    ROLE_PENGURUS,
    ROLE_UPT,
    STATUS_ACTIVE,
    Membership,
    Sentra,
    SentraFacility,
    SentraPhoto,
    SentraProgramme,
)

MAX_PHOTOS = 60
# Slugs that would collide with fixed URLs under /sentra/.
RESERVED_SLUGS = {"new"}
# Board titles in the order people expect to read them; other titles follow alphabetically.
TITLE_ORDER = ("ketua", "wakil ketua", "sekretaris", "wakil sekretaris", "bendahara", "wakil bendahara")


class SentraError(ValueError):
    """A change that is refused (last manager, full gallery...); the message is shown to the user."""


def featured_sentra(limit=6):
    """Recently updated verified sentra with their member counts, for the home page.

    Two small indexed queries: ranking all sentra by member count would aggregate every business.
    """
    sentra = list(db.session.scalars(
        select(Sentra).where(Sentra.verified.is_(True))
        .order_by(Sentra.updated_at.desc(), Sentra.id.desc()).limit(limit)
    ))
    counts = member_business_counts([s.id for s in sentra])
    return [(s, counts.get(s.id, 0)) for s in sentra]


def can_manage(user, sentra):
    """True for platform admins and the sentra's active pengurus/pengelola."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_admin:
        return True
    return db.session.scalar(
        select(func.count()).select_from(Membership).where(
            Membership.sentra_id == sentra.id,
            Membership.user_id == user.id,
            Membership.status == STATUS_ACTIVE,
            Membership.role.in_(MANAGING_ROLES),
        )
    ) > 0


def require_manager(actor, sentra):
    """Refuse (403) anyone who may not manage this sentra; the routes check it too."""
    if not can_manage(actor, sentra):
        raise Forbidden()


# ---- reading -----------------------------------------------------------------------------


def get_by_slug(slug):
    """The sentra with this slug and its facilities, programmes and gallery, or 404."""
    return db.first_or_404(
        select(Sentra).where(Sentra.slug == slug).options(
            selectinload(Sentra.facilities), selectinload(Sentra.programmes),
            selectinload(Sentra.photos),
        )
    )


def membership_of(user, sentra):
    """The user's membership (any status) in the sentra, or None."""
    if not getattr(user, "is_authenticated", False):
        return None
    return db.session.scalar(
        select(Membership).where(Membership.sentra_id == sentra.id, Membership.user_id == user.id)
    )


def _member_business_filter(sentra_ids):
    """Join and conditions for 'businesses of the sentra whose owner is an active member'."""
    return (
        and_(Membership.sentra_id == Business.sentra_id, Membership.user_id == Business.owner_id),
        (Business.sentra_id.in_(sentra_ids), Membership.status == STATUS_ACTIVE),
    )


def member_business_counts(sentra_ids):
    """{sentra id: number of member businesses} for a page of sentra, in one aggregate query."""
    if not sentra_ids:
        return {}
    on, where = _member_business_filter(list(sentra_ids))
    rows = db.session.execute(
        select(Business.sentra_id, func.count(Business.id))
        .join(Membership, on).where(*where).group_by(Business.sentra_id)
    ).all()
    return dict(rows)


def member_businesses(sentra, page, per_page=None):
    """A page of the sentra's member businesses (owner's membership active), by name."""
    from flask import current_app

    on, where = _member_business_filter([sentra.id])
    stmt = select(Business).join(Membership, on).where(*where).order_by(Business.name, Business.id)
    return db.paginate(stmt, page=page, per_page=per_page or current_app.config["PAGE_SIZE"],
                       error_out=False, count=True)


def _title_rank(title):
    key = (title or "").strip().lower()
    return (TITLE_ORDER.index(key) if key in TITLE_ORDER else len(TITLE_ORDER), key)


def board(sentra):
    """Active pengurus, pengelola and UPT staff with their users, in one query.

    Returns {"pengurus": [...], "pengelola": [...], "upt": [...]}; pengurus ordered by title.
    """
    rows = db.session.scalars(
        select(Membership).where(
            Membership.sentra_id == sentra.id,
            Membership.status == STATUS_ACTIVE,
            Membership.role.in_((ROLE_PENGURUS, ROLE_PENGELOLA, ROLE_UPT)),
        ).order_by(Membership.created_at, Membership.id)
    ).all()
    result = {ROLE_PENGURUS: [], ROLE_PENGELOLA: [], ROLE_UPT: []}
    for membership in rows:
        result[membership.role].append(membership)
    result[ROLE_PENGURUS].sort(key=lambda m: _title_rank(m.title))
    return result


@dataclass
class Directory:
    """One page of the directory with the facet counts for each filter."""

    pagination: object
    business_counts: dict
    province_counts: list = field(default_factory=list)  # [(slug, count)], largest first
    commodity_counts: list = field(default_factory=list)


def clean_filters(args):
    """Keep only known filter values: province slug, commodity slug and a short q."""
    province = (args.get("province") or "").strip()
    commodity = (args.get("commodity") or "").strip()
    q = " ".join((args.get("q") or "").split())[:100]
    return {
        "province": province if province in reference.PROVINCE_NAMES else None,
        "commodity": commodity if commodity in reference.COMMODITIES else None,
        "q": q or None,
    }


def _directory_conditions(filters, skip=None):
    conditions = []
    if filters.get("province") and skip != "province":
        conditions.append(Sentra.province == filters["province"])
    if filters.get("commodity") and skip != "commodity":
        conditions.append(Sentra.commodity == filters["commodity"])
    if filters.get("q"):
        escaped = filters["q"].replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        pattern = f"%{escaped}%"
        conditions.append(or_(
            Sentra.name.ilike(pattern, escape="\\"),
            Sentra.tagline.ilike(pattern, escape="\\"),
            Sentra.regency.ilike(pattern, escape="\\"),
        ))
    return conditions


def _facet(column, filters, name):
    """(value, count) of each `column` value the other active filters would leave."""
    count = func.count(Sentra.id)
    rows = db.session.execute(
        select(column, count).where(*_directory_conditions(filters, skip=name))
        .group_by(column).order_by(count.desc(), column)
    ).all()
    return [(value, n) for value, n in rows]


def directory(filters, page, per_page=None):
    """A page of sentra matching the filters, their member counts and the facet counts."""
    from flask import current_app

    stmt = (
        select(Sentra).where(*_directory_conditions(filters))
        .order_by(Sentra.verified.desc(), Sentra.name, Sentra.id)
    )
    pagination = db.paginate(stmt, page=page, per_page=per_page or current_app.config["PAGE_SIZE"],
                             error_out=False, count=True)
    return Directory(
        pagination=pagination,
        business_counts=member_business_counts([s.id for s in pagination.items]),
        province_counts=_facet(Sentra.province, filters, "province"),
        commodity_counts=_facet(Sentra.commodity, filters, "commodity"),
    )


# ---- editing -----------------------------------------------------------------------------

# What an admin checks when verifying a sentra; a manager changing one of them clears `verified`.
VERIFIED_FIELDS = ("name", "province", "commodity")
EDITABLE = (
    "name", "tagline", "story", "commodity", "province", "regency", "district", "village", "address",
    "year_established", "guided_by", "phone", "whatsapp", "email", "accent",
)


def _apply(sentra, fields, facilities, programmes, logo=None, banner=None):
    for name in EDITABLE:
        if name in fields:
            setattr(sentra, name, fields[name])
    if sentra.accent not in reference.ACCENT_LABELS:
        sentra.accent = "indigo"
    if logo is not None:
        sentra.logo = logo
    if banner is not None:
        sentra.banner = banner
    _sync_facilities(sentra, facilities)
    _sync_programmes(sentra, programmes)


def _sync_facilities(sentra, facilities):
    """Make the facility rows match the ticked kinds; kinds outside the reference are dropped."""
    positions = {kind: i for i, (kind, _label) in enumerate(reference.FACILITY_KINDS)}
    wanted = {kind: note for kind, note in facilities if kind in positions}
    for facility in list(sentra.facilities):
        if facility.kind in wanted:
            facility.note = wanted.pop(facility.kind)
            facility.position = positions[facility.kind]
        else:
            sentra.facilities.remove(facility)
    for kind, note in wanted.items():
        sentra.facilities.append(SentraFacility(kind=kind, note=note, position=positions[kind]))


def _sync_programmes(sentra, rows):
    """Update, remove and add programme rows; ids from other sentra are ignored."""
    existing = {p.id: p for p in sentra.programmes}
    for row in rows:
        if row["kind"] not in reference.PROGRAMME_LABELS and not row.get("remove"):
            continue
        programme = existing.get(row.get("id")) if row.get("id") else None
        if row.get("id") and programme is None:
            continue  # not a programme of this sentra: never trust posted ids
        if programme is not None and row.get("remove"):
            sentra.programmes.remove(programme)
        elif programme is not None:
            programme.kind, programme.funding = row["kind"], row["funding"] or "DAK"
            programme.year, programme.note = row["year"], row["note"]
        elif not row.get("remove"):
            sentra.programmes.append(SentraProgramme(
                kind=row["kind"], funding=row["funding"] or "DAK", year=row["year"], note=row["note"],
            ))


def update_sentra(actor, sentra, fields, facilities=(), programmes=(), logo=None, banner=None,
                  verified=None):
    """Save the branding page editor; True when the change took the verified mark away.

    Only admins set `verified`. A verified sentra that a manager renames, moves to another
    province or gives another commodity is no longer the sentra an admin checked, so it loses
    the mark until an admin verifies it again.
    """
    require_manager(actor, sentra)
    before = {name: getattr(sentra, name) for name in VERIFIED_FIELDS}
    _apply(sentra, fields, facilities, programmes, logo, banner)
    if actor.is_admin:
        if verified is not None:
            sentra.verified = bool(verified)
        return False
    if sentra.verified and any(getattr(sentra, name) != before[name] for name in VERIFIED_FIELDS):
        sentra.verified = False
        return True
    return False


def unique_slug(name):
    """A slug from the name that no sentra uses yet (adds -2, -3… when needed)."""
    base = slugify(name or "", max_length=100, word_boundary=True) or "sentra"
    taken = set(db.session.scalars(
        select(Sentra.slug).where(or_(Sentra.slug == base, Sentra.slug.like(f"{base}-%")))
    ))
    taken |= RESERVED_SLUGS
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"


def create_sentra(actor, fields, facilities=(), programmes=(), logo=None, banner=None, verified=False):
    """A new sentra (admins only) with a unique slug generated from its name."""
    if not getattr(actor, "is_admin", False):
        raise Forbidden()
    sentra = Sentra(slug=unique_slug(fields.get("name")), verified=bool(verified))
    _apply(sentra, fields, facilities, programmes, logo, banner)
    db.session.add(sentra)
    return sentra


# ---- gallery -----------------------------------------------------------------------------


def add_photo(actor, sentra, image, caption=None):
    """Put a stored image at the end of the sentra's gallery."""
    require_manager(actor, sentra)
    count = db.session.scalar(
        select(func.count()).select_from(SentraPhoto).where(SentraPhoto.sentra_id == sentra.id)
    )
    if count >= MAX_PHOTOS:
        raise SentraError(_l("The gallery is full (%(n)d photos). Delete one first.", n=MAX_PHOTOS))
    last = db.session.scalar(
        select(func.max(SentraPhoto.position)).where(SentraPhoto.sentra_id == sentra.id)
    )
    photo = SentraPhoto(sentra_id=sentra.id, image=image, caption=caption,
                        position=(last if last is not None else -1) + 1)
    db.session.add(photo)
    return photo


def delete_photo(actor, sentra, photo_id):
    """Remove a photo of THIS sentra from the gallery (404 for another sentra's photo)."""
    require_manager(actor, sentra)
    photo = db.session.scalar(
        select(SentraPhoto).where(SentraPhoto.id == photo_id, SentraPhoto.sentra_id == sentra.id)
    )
    if photo is None:
        raise NotFound()
    db.session.delete(photo)
    return photo
