"""Product operations for their owners: edit, channel rules, images, status, OVOP, CSV export.

Every function adds to the session and never commits: the calling view owns the transaction.
Permission checks are repeated here (Forbidden) although the routes check them first.
"""

import csv
import io
import re
from datetime import UTC
from decimal import Decimal

from flask import current_app
from sqlalchemy import and_, func, or_, select, update
from sqlalchemy.orm import lazyload, selectinload
from werkzeug.exceptions import Forbidden, NotFound

from marketplace.businesses.models import Business
from marketplace.catalog.models import (
    CHANNEL_EXPORT,
    CHANNEL_OVOP,
    CHANNEL_SUPPLY_CHAIN,
    MAX_IMAGES,
    OVOP_CRITERIA,
    STATUS_ARCHIVED,
    STATUS_DRAFT,
    STATUS_PUBLISHED,
    STATUS_UNPUBLISHED,
    STATUSES,
    OvopRating,
    Product,
    ProductCertification,
    ProductImage,
)
from marketplace.extensions import db
from marketplace.i18n import lazy_gettext as _l
from marketplace.media import store_image
from marketplace.notifications.services import notify, register_kind
from marketplace.sentra import services as sentra_services
from marketplace.sentra.models import STATUS_ACTIVE, Membership, Sentra
from marketplace.timeutil import utcnow

register_kind("catalog.ovop_nominated", _l("%(actor)s nominated %(subject)s for OVOP"))
register_kind("catalog.ovop_rated", _l("%(actor)s rated %(subject)s for OVOP"))

DEFAULT_OVOP_MAX_NOMINATIONS = 5
# The columns a form may change; owner, status, sentra and ids never come from a request.
EDITABLE_FIELDS = (
    "title", "description", "title_en", "description_en", "category", "materials", "price_idr", "unit",
    "export_price_usd", "price_on_request", "incoterm", "port", "moq", "capacity_per_month",
    "lead_time_days", "availability", "samples_available", "hs_code", "size", "weight_grams",
)
_TEXT_FIELDS = ("title", "title_en", "materials", "port", "size", "incoterm")
_MARKDOWN_FIELDS = ("description", "description_en")
_CHANNEL_FLAGS = {
    CHANNEL_OVOP: "is_ovop", CHANNEL_EXPORT: "is_export", CHANNEL_SUPPLY_CHAIN: "is_supply_chain",
}
HS_CODE_RE = re.compile(r"^\d{4}(?:\.?\d{2}){0,3}$")
HS_LENGTHS = (4, 6, 8, 10)

# Status changes an owner may ask for: action -> (allowed from, resulting status).
TRANSITIONS = {
    "publish": ((STATUS_DRAFT, STATUS_UNPUBLISHED), STATUS_PUBLISHED),
    "unpublish": ((STATUS_PUBLISHED,), STATUS_UNPUBLISHED),
    "archive": ((STATUS_DRAFT, STATUS_PUBLISHED, STATUS_UNPUBLISHED), STATUS_ARCHIVED),
    "draft": ((STATUS_UNPUBLISHED, STATUS_ARCHIVED), STATUS_DRAFT),
}
ACTION_LABELS = {
    "publish": _l("Publish"),
    "unpublish": _l("Unpublish"),
    "archive": _l("Archive"),
    "draft": _l("Back to draft"),
}


class CatalogError(ValueError):
    """A change that is refused for a reason the user can fix; the message is shown to them."""


class PublicationRefused(CatalogError):
    """Publishing is refused; `problems` maps form field names to messages."""

    def __init__(self, problems):
        super().__init__("the product does not meet the publication rules")
        self.problems = problems


# ---- who may do what ---------------------------------------------------------------------------


def _signed_in(user):
    return bool(getattr(user, "is_authenticated", False))


def can_manage_products(user, business):
    """The business's owner (a business account) and platform admins manage its products."""
    if not _signed_in(user):
        return False
    if user.is_admin:
        return True
    return user.id == business.owner_id and user.is_business_owner


def can_edit(user, product):
    """Who may change, publish or archive a product: see can_manage_products."""
    return can_manage_products(user, product.business)


def can_view(user, product):
    """Published products are public; the others only their owner and admins see."""
    return product.status == STATUS_PUBLISHED or can_edit(user, product)


def can_rate(user):
    """OVOP curators and platform admins rate nominated products."""
    return _signed_in(user) and bool(user.is_curator or user.is_admin)


def can_nominate(user, product):
    """The pengurus/pengelola of the product's sentra (and admins) nominate it for OVOP."""
    return product.sentra is not None and sentra_services.can_manage(user, product.sentra)


def _require(allowed):
    if not allowed:
        raise Forbidden()


def _is_active_member(user_id, sentra_id):
    return db.session.scalar(
        select(func.count()).select_from(Membership).where(
            Membership.sentra_id == sentra_id, Membership.user_id == user_id,
            Membership.status == STATUS_ACTIVE,
        )
    ) > 0


def is_sentra_member(business):
    """True when the business belongs to a sentra whose membership of its owner is active."""
    if business.sentra_id is None:
        return False
    return _is_active_member(business.owner_id, business.sentra_id)


# ---- reading -----------------------------------------------------------------------------------


def get_product(product_id):
    """The product with this id, or 404."""
    return db.get_or_404(Product, product_id)


def owner_products(business, page, status=None, per_page=None):
    """A page of a business's products in every status (or one), most recently changed first."""
    query = select(Product).where(Product.business_id == business.id)
    if status:
        query = query.where(Product.status == status)
    query = query.order_by(Product.updated_at.desc(), Product.id.desc())
    return db.paginate(query, page=page, per_page=per_page or current_app.config["PAGE_SIZE"],
                       error_out=False)


def status_counts(business):
    """{status: number of products} of a business, in one aggregate query."""
    rows = db.session.execute(
        select(Product.status, func.count()).where(Product.business_id == business.id)
        .group_by(Product.status)
    ).all()
    counts = dict.fromkeys((code for code, _label in STATUSES), 0)
    counts.update(dict(rows))
    return counts


def allowed_actions(product):
    """The status actions that apply to the product now, in a fixed order."""
    return [action for action, (sources, _target) in TRANSITIONS.items() if product.status in sources]


# ---- values, rules and saving --------------------------------------------------------------------


def normalise_hs_code(text):
    """'5208 52' -> '5208.52', '63049100' -> '6304.91.00'; None when it is not an HS code."""
    compact = re.sub(r"\s+", "", text or "")
    if not compact or not HS_CODE_RE.match(compact):
        return None
    digits = compact.replace(".", "")
    if len(digits) not in HS_LENGTHS:
        return None
    chapter = int(digits[:2])
    if not 1 <= chapter <= 97 or chapter == 77:  # chapter 77 is reserved, 98-99 are national
        return None
    return ".".join([digits[:4]] + [digits[i:i + 2] for i in range(4, len(digits), 2)])


def product_values(product):
    """The values an edit form starts from (and the rules check), by form field name."""
    values = {name: getattr(product, name) for name in EDITABLE_FIELDS}
    values["channels"] = product.channels
    values["certifications"] = product.certification_codes
    return values


def channel_problems(values, ovop_allowed):
    """The channel rules: {field name: [messages]} for what `values` still lacks."""
    problems = {}

    def refuse(field, message):
        problems.setdefault(field, []).append(message)

    channels = set(values.get("channels") or ())
    if values.get("export_price_usd") is not None and not values.get("incoterm"):
        refuse("incoterm", _l("Choose the incoterm your USD price is for (EXW, FOB or CIF)."))
    if CHANNEL_EXPORT in channels:
        if values.get("export_price_usd") is None and not values.get("price_on_request"):
            refuse("export_price_usd",
                   _l("Export buyers need a price in USD, or tick \u201cprice on request\u201d."))
        if values.get("moq") is None:
            refuse("moq", _l("Export buyers need a minimum order quantity."))
        if values.get("capacity_per_month") is None:
            refuse("capacity_per_month", _l("Export buyers need to know how much you can make per month."))
        if not values.get("hs_code"):
            refuse("hs_code", _l("Export products need an HS code (ask your dinas or UPT if unsure)."))
    if CHANNEL_SUPPLY_CHAIN in channels:
        if values.get("capacity_per_month") is None:
            refuse("capacity_per_month", _l("Supply-chain buyers need your monthly capacity."))
        if values.get("lead_time_days") is None:
            refuse("lead_time_days", _l("Supply-chain buyers need your lead time in days."))
    if CHANNEL_OVOP in channels and not ovop_allowed:
        refuse("channels", _l(
            "Only a business that is an active member of a sentra can offer OVOP products. "
            "Join your sentra from your business profile first."
        ))
    return problems


def publication_problems(values, ovop_allowed):
    """Everything that keeps a product from being published: channel rules and required fields."""
    problems = channel_problems(values, ovop_allowed)
    if not (values.get("title") or "").strip():
        problems.setdefault("title", []).append(_l("A published product needs a title."))
    if not (values.get("description") or "").strip():
        problems.setdefault("description", []).append(
            _l("Describe the product before publishing it: buyers read this first.")
        )
    if values.get("price_idr") is None and not values.get("price_on_request"):
        problems.setdefault("price_idr", []).append(
            _l("Give a price in rupiah, or tick \u201cprice on request\u201d, before publishing.")
        )
    return problems


def _clean_text(value, markdown=False):
    if value is None:
        return None
    text = value.replace("\r\n", "\n").replace("\r", "\n").strip()
    if not markdown:
        text = " ".join(text.split())
    return text or None


def _apply(product, values):
    """Copy the editable values onto the product, normalised."""
    for name in EDITABLE_FIELDS:
        if name in values:
            setattr(product, name, values[name])
    for name in _TEXT_FIELDS:
        setattr(product, name, _clean_text(getattr(product, name)))
    for name in _MARKDOWN_FIELDS:
        setattr(product, name, _clean_text(getattr(product, name), markdown=True))
    product.description = product.description or ""
    product.hs_code = normalise_hs_code(product.hs_code) if product.hs_code else None
    product.price_on_request = bool(product.price_on_request)
    product.samples_available = bool(product.samples_available)
    if product.export_price_usd is not None:
        product.export_price_usd = Decimal(product.export_price_usd).quantize(Decimal("0.01"))
    if "channels" in values:
        chosen = set(values["channels"] or ())
        for code, flag in _CHANNEL_FLAGS.items():
            setattr(product, flag, code in chosen)
    if "certifications" in values:
        wanted = set(values["certifications"] or ())
        kept = [c for c in product.certifications if c.code in wanted]
        held = {c.code for c in kept}
        product.certifications = kept + [ProductCertification(code=code) for code in sorted(wanted - held)]
    if not product.is_ovop:
        _clear_nomination(product)


def _place(business, member=None):
    """(sentra id, province) that the products of `business` carry, so catalogue filters need no join.

    The province is that of the business's sentra; the sentra itself only while the owner is an
    active member of it (`member`, looked up when None): a join request that is still pending or
    was turned down puts no product on the sentra's page, its capacity or its filter.
    """
    sentra = business.sentra
    if sentra is None:
        return None, None
    if member is None:
        # No autoflush: the caller may still need to tell what this unit of work added (a membership).
        with db.session.no_autoflush:
            member = _is_active_member(business.owner_id, sentra.id)
    return (sentra.id if member else None), sentra.province


def _copy_place(product, business):
    product.sentra_id, product.province = _place(business)


def create_product(user, business, values, publish=False):
    """A new product of `business` (a draft unless `publish`); PublicationRefused when it may not be."""
    _require(can_manage_products(user, business))
    product = Product(business_id=business.id, status=STATUS_DRAFT, view_count=0, whatsapp_clicks=0)
    product.business = business
    _apply(product, values)
    _copy_place(product, business)
    db.session.add(product)
    if publish:
        _publish(product)
    return product


def update_product(user, product, values):
    """Change a product; a published one must keep meeting the publication rules."""
    _require(can_edit(user, product))
    _apply(product, values)
    _copy_place(product, product.business)
    if product.status == STATUS_PUBLISHED:
        problems = publication_problems(product_values(product), is_sentra_member(product.business))
        if problems:
            raise PublicationRefused(problems)
    return product


def _publish(product):
    problems = publication_problems(product_values(product), is_sentra_member(product.business))
    if problems:
        raise PublicationRefused(problems)
    product.status = STATUS_PUBLISHED
    product.published_at = utcnow()


def change_status(user, product, action):
    """Publish, unpublish, archive or send back to draft; CatalogError when not possible now."""
    _require(can_edit(user, product))
    if action not in TRANSITIONS:
        raise CatalogError(_l("Unknown action."))
    sources, target = TRANSITIONS[action]
    if product.status not in sources:
        raise CatalogError(_l("This product cannot be changed that way from its current status."))
    _copy_place(product, product.business)
    if target == STATUS_PUBLISHED:
        _publish(product)
    else:
        product.status = target
        _clear_nomination(product)  # only published products stay nominated
    return product


def sync_business_products(business, member=None):
    """Copy a business's sentra and province (see _place) onto all its products in one UPDATE.

    Products that change sentra lose their OVOP nomination and stars (the old sentra chose them).
    """
    sentra_id, province = _place(business, member)
    # No autoflush: the caller may still need to tell what this unit of work added (a membership).
    with db.session.no_autoflush:
        db.session.execute(
            update(Product)
            .where(Product.business_id == business.id, Product.sentra_id.is_distinct_from(sentra_id))
            .values(ovop_nominated_at=None, ovop_nominated_by_id=None, ovop_stars=None)
            .execution_options(synchronize_session="fetch")
        )
        db.session.execute(
            update(Product).where(Product.business_id == business.id)
            .values(sentra_id=sentra_id, province=province)
            .execution_options(synchronize_session="fetch")
        )


def sync_member_products(user_id, sentra_id):
    """A membership became active: the products of the person's businesses there show under the sentra."""
    businesses = db.session.scalars(
        select(Business).where(Business.owner_id == user_id, Business.sentra_id == sentra_id)
    ).all()
    for business in businesses:
        sync_business_products(business, member=True)


# ---- images ------------------------------------------------------------------------------------


def _renumber(product, ordered):
    """Give `ordered` positions 0..n-1 and make the first one the cover.

    Positions are unique per product, so they move through negative values first: a swap
    would otherwise collide with itself in the middle of the flush.
    """
    for index, item in enumerate(ordered):
        item.position = -1 - index
    db.session.flush()
    for index, item in enumerate(ordered):
        item.position = index
    product.images = list(ordered)
    product.cover_image = ordered[0].image if ordered else None
    db.session.flush()


def add_images(user, product, uploads):
    """Store uploaded pictures at the end of the gallery; returns (added, skipped duplicates).

    Raises CatalogError when they would exceed MAX_IMAGES, ImageRejected for an unreadable file
    (nothing is added then).
    """
    _require(can_edit(user, product))
    uploads = [u for u in uploads if u and getattr(u, "filename", "")]
    if not uploads:
        raise CatalogError(_l("Choose at least one picture to upload."))
    room = MAX_IMAGES - len(product.images)
    if len(uploads) > room:
        raise CatalogError(_l(
            "A product can have at most %(max)d pictures; you can add %(room)d more.",
            max=MAX_IMAGES, room=max(room, 0),
        ))
    stored = [store_image(upload, uploaded_by=user, alt=product.title) for upload in uploads]
    db.session.flush()
    present = {item.image_id for item in product.images}
    added, skipped = 0, 0
    ordered = list(product.images)
    for image in stored:
        if image.id in present:
            skipped += 1
            continue
        present.add(image.id)
        item = ProductImage(product_id=product.id, image_id=image.id, image=image, position=100 + added)
        db.session.add(item)
        ordered.append(item)
        added += 1
    _renumber(product, ordered)
    return added, skipped


def _own_item(product, item_id):
    for item in product.images:
        if item.id == item_id:
            return item
    raise NotFound()


def move_image(user, product, item_id, direction):
    """Move one picture a place up (towards the cover) or down."""
    _require(can_edit(user, product))
    ordered = list(product.images)
    item = _own_item(product, item_id)
    index = ordered.index(item)
    target = index - 1 if direction == "up" else index + 1
    if 0 <= target < len(ordered) and direction in ("up", "down"):
        ordered[index], ordered[target] = ordered[target], ordered[index]
        _renumber(product, ordered)


def reorder_images(user, product, positions):
    """Put the pictures in the order of the numbers typed beside them ({item id: number}).

    Ties and missing numbers keep the current order among themselves.
    """
    _require(can_edit(user, product))
    current = list(product.images)
    rank = {item.id: index for index, item in enumerate(current)}
    ordered = sorted(current, key=lambda item: (positions.get(item.id, rank[item.id] + 1), rank[item.id]))
    _renumber(product, ordered)


def remove_image(user, product, item_id):
    """Take one picture out of the gallery (the stored file stays: others may share it)."""
    _require(can_edit(user, product))
    item = _own_item(product, item_id)
    ordered = [other for other in product.images if other is not item]
    product.images.remove(item)
    db.session.flush()
    _renumber(product, ordered)


# ---- OVOP nomination and rating ----------------------------------------------------------------


def ovop_limit():
    """How many products one sentra may have nominated at a time."""
    return int(current_app.config.get("OVOP_MAX_NOMINATIONS", DEFAULT_OVOP_MAX_NOMINATIONS))


def _clear_nomination(product):
    product.ovop_nominated_at = None
    product.ovop_nominated_by_id = None
    product.ovop_stars = None


def _member_products(sentra):
    """Products of the sentra whose business owner is an active member of it."""
    return (
        select(Product)
        .join(Business, Business.id == Product.business_id)
        .join(Membership, and_(Membership.sentra_id == Product.sentra_id,
                               Membership.user_id == Business.owner_id))
        .where(Product.sentra_id == sentra.id, Membership.status == STATUS_ACTIVE)
    )


def nominations(sentra):
    """The sentra's nominated products (at most the limit, so no paging), oldest first."""
    return list(db.session.scalars(
        select(Product).where(Product.sentra_id == sentra.id, Product.ovop_nominated_at.is_not(None))
        .options(selectinload(Product.ovop_rating))
        .order_by(Product.ovop_nominated_at, Product.id).limit(max(ovop_limit(), 1) * 4)
    ))


def nomination_count(sentra):
    return db.session.scalar(
        select(func.count()).select_from(Product)
        .where(Product.sentra_id == sentra.id, Product.ovop_nominated_at.is_not(None))
    )


def nomination_candidates(sentra, page, per_page=None):
    """Published OVOP products of member businesses that are not nominated, most viewed first."""
    query = (
        _member_products(sentra)
        .where(Product.status == STATUS_PUBLISHED, Product.is_ovop.is_(True),
               Product.ovop_nominated_at.is_(None))
        .options(lazyload(Product.images))
        .order_by(Product.view_count.desc(), Product.id)
    )
    return db.paginate(query, page=page, per_page=per_page or current_app.config["PAGE_SIZE"],
                       error_out=False)


def nominate(user, product):
    """Put a member's published OVOP product forward to the curators, within the sentra's limit."""
    _require(can_nominate(user, product))
    if product.status != STATUS_PUBLISHED or not product.is_ovop:
        raise CatalogError(_l("Only published products offered for OVOP can be nominated."))
    if not is_sentra_member(product.business):
        raise CatalogError(_l("Only products of the sentra's active member businesses can be nominated."))
    if product.ovop_nominated_at is not None:
        raise CatalogError(_l("This product is already nominated."))
    # Lock the sentra row (PostgreSQL) so that two managers cannot both take the last place.
    db.session.execute(select(Sentra.id).where(Sentra.id == product.sentra_id).with_for_update())
    limit = ovop_limit()
    if nomination_count(product.sentra) >= limit:
        raise CatalogError(_l(
            "The sentra already has %(max)d nominated products. Withdraw one to nominate another.",
            max=limit,
        ))
    product.ovop_nominated_at = utcnow()
    product.ovop_nominated_by_id = user.id
    product.ovop_stars = None
    notify(product.business.owner, "catalog.ovop_nominated", url=f"/products/{product.id}",
           subject=product.title, actor=user)
    return product


def withdraw_nomination(user, product):
    """Take a product out of OVOP curation; its stars go with the nomination."""
    _require(can_nominate(user, product))
    if product.ovop_nominated_at is None:
        raise CatalogError(_l("This product is not nominated."))
    _clear_nomination(product)
    return product


def curation_queue(page, rated=False, per_page=None):
    """Nominated products waiting for a curator (never rated, or re-nominated since), oldest first.

    With `rated`, the nominated products whose rating is current, most recently rated first.
    """
    waiting = or_(OvopRating.product_id.is_(None), OvopRating.rated_at < Product.ovop_nominated_at)
    query = (
        select(Product).outerjoin(OvopRating, OvopRating.product_id == Product.id)
        .where(Product.ovop_nominated_at.is_not(None), ~waiting if rated else waiting)
        .options(lazyload(Product.images))
    )
    if rated:
        query = query.order_by(OvopRating.rated_at.desc(), Product.id)
    else:
        query = query.order_by(Product.ovop_nominated_at, Product.id)
    return db.paginate(query, page=page, per_page=per_page or current_app.config["PAGE_SIZE"],
                       error_out=False)


def queue_count():
    """How many nominated products wait for a curator."""
    return db.session.scalar(
        select(func.count()).select_from(Product)
        .outerjoin(OvopRating, OvopRating.product_id == Product.id)
        .where(Product.ovop_nominated_at.is_not(None),
               or_(OvopRating.product_id.is_(None), OvopRating.rated_at < Product.ovop_nominated_at))
    )


def rate(user, product, scores, stars, note):
    """Record a curator's assessment of a nominated product and show its stars."""
    _require(can_rate(user))
    if product.ovop_nominated_at is None:
        raise CatalogError(_l("Only nominated products can be rated."))
    if not 1 <= int(stars) <= 5 or not (note or "").strip():
        raise CatalogError(_l("Give 1 to 5 stars and a written note."))
    rating = db.session.get(OvopRating, product.id)
    if rating is None:
        rating = OvopRating(product_id=product.id)
        db.session.add(rating)
    for code, _label in OVOP_CRITERIA:
        score = int(scores[code])
        if not 1 <= score <= 5:
            raise CatalogError(_l("Every criterion is scored from 1 to 5."))
        setattr(rating, code, score)
    rating.stars = int(stars)
    rating.note = note.strip()
    rating.curator_id = user.id
    rating.rated_at = utcnow()
    product.ovop_rating = rating
    product.ovop_stars = rating.stars
    notify(product.business.owner, "catalog.ovop_rated", url=f"/products/{product.id}",
           subject=product.title, actor=user)
    return rating


# ---- CSV export --------------------------------------------------------------------------------

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value):
    """A value as spreadsheet text; text that a spreadsheet would run as a formula gets a quote."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    text = str(value)
    if isinstance(value, str) and text.startswith(_FORMULA_STARTS):
        return "'" + text
    return text


def _isoformat(value):
    """ISO 8601 in UTC with its offset (SQLite gives back naive datetimes, stored as UTC)."""
    if value is None:
        return None
    return (value if value.tzinfo else value.replace(tzinfo=UTC)).isoformat(timespec="seconds")


# Column headers stay in plain English whatever the interface language, so that spreadsheets and
# scripts built on an export keep working.
CSV_COLUMNS = (
    ("ID", lambda p: p.id),
    ("Title", lambda p: p.title),
    ("English title", lambda p: p.title_en),
    ("Status", lambda p: p.status),
    ("Business", lambda p: p.business.name),
    ("Sentra", lambda p: p.sentra.name if p.sentra else None),
    ("Province", lambda p: p.province),
    ("Category", lambda p: p.category),
    ("Channels", lambda p: " ".join(p.channels)),
    ("Price (IDR)", lambda p: p.price_idr),
    ("Unit", lambda p: p.unit),
    ("Export price (USD)", lambda p: p.export_price_usd),
    ("Price on request", lambda p: p.price_on_request),
    ("Incoterm", lambda p: p.incoterm),
    ("Port", lambda p: p.port),
    ("Minimum order", lambda p: p.moq),
    ("Monthly capacity", lambda p: p.capacity_per_month),
    ("Lead time (days)", lambda p: p.lead_time_days),
    ("Availability", lambda p: p.availability),
    ("Samples available", lambda p: p.samples_available),
    ("HS code", lambda p: p.hs_code),
    ("Certifications", lambda p: " ".join(p.certification_codes)),
    ("Materials", lambda p: p.materials),
    ("Size", lambda p: p.size),
    ("Weight (grams)", lambda p: p.weight_grams),
    ("OVOP stars", lambda p: p.ovop_stars),
    ("Views", lambda p: p.view_count),
    ("Description", lambda p: p.description),
    ("Published at", lambda p: _isoformat(p.published_at)),
    ("Updated at", lambda p: _isoformat(p.updated_at)),
    ("URL", None),
)
CSV_BATCH = 500


def _csv_query(query):
    return query.options(
        lazyload(Product.images), lazyload(Product.cover_image), selectinload(Product.certifications),
    ).order_by(Product.id).execution_options(yield_per=CSV_BATCH)


def business_csv_query(user, business):
    """Every product of a business, for its owner or an admin."""
    _require(can_manage_products(user, business))
    return _csv_query(select(Product).where(Product.business_id == business.id))


def sentra_csv_query(user, sentra):
    """The published products of a sentra's member businesses, for its managers or an admin."""
    _require(sentra_services.can_manage(user, sentra))
    return _csv_query(_member_products(sentra).where(Product.status == STATUS_PUBLISHED))


def csv_lines(query, product_url):
    """The CSV file as an iterator of text chunks: a BOM (for Excel), the header, one row a product."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")

    def flush():
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return text

    writer.writerow([name for name, _read in CSV_COLUMNS])
    yield "\ufeff" + flush()
    for count, product in enumerate(db.session.scalars(query), start=1):
        writer.writerow([
            csv_cell(read(product) if read else product_url(product)) for _name, read in CSV_COLUMNS
        ])
        if count % 50 == 0:
            yield flush()
    yield flush()

