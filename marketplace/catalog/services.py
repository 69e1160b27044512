"""Product operations for their owners: who may do what, editing and channel rules, status, sentra.

Every function adds to the session and never commits: the calling view owns the transaction.
Permission checks are repeated here (Forbidden) although the routes check them first. The same
holds for the picture gallery (images.py), OVOP nomination and rating (ovop.py) and the CSV
export (csv_export.py), which build on this module.
"""

import re
from decimal import Decimal

from flask import current_app
from sqlalchemy import and_, func, select, update
from werkzeug.exceptions import Forbidden

from marketplace.businesses.models import Business
from marketplace.catalog.models import (
    CHANNEL_EXPORT,
    CHANNEL_OVOP,
    CHANNEL_SUPPLY_CHAIN,
    STATUS_ARCHIVED,
    STATUS_DRAFT,
    STATUS_PUBLISHED,
    STATUS_UNPUBLISHED,
    STATUSES,
    Product,
    ProductCertification,
)
from marketplace.extensions import db
from marketplace.i18n import lazy_gettext as _l
from marketplace.search import indexer as search_indexer
from marketplace.sentra.models import STATUS_ACTIVE, Membership
from marketplace.timeutil import utcnow

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


def require(allowed):
    """Forbidden unless `allowed`: the operations check permissions again behind the routes."""
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
        clear_nomination(product)


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
    require(can_manage_products(user, business))
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
    require(can_edit(user, product))
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
    require(can_edit(user, product))
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
        clear_nomination(product)  # only published products stay nominated
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
    search_indexer.queue(db.session, f"products-of-business:{business.id}")  # the events miss bulk UPDATEs


def sync_member_products(user_id, sentra_id):
    """A membership became active: the products of the person's businesses there show under the sentra."""
    businesses = db.session.scalars(
        select(Business).where(Business.owner_id == user_id, Business.sentra_id == sentra_id)
    ).all()
    for business in businesses:
        sync_business_products(business, member=True)


def clear_nomination(product):
    """The product leaves OVOP curation with its stars (it left the channel, its sentra or publication)."""
    product.ovop_nominated_at = None
    product.ovop_nominated_by_id = None
    product.ovop_stars = None


def member_products(sentra):
    """Products of the sentra whose business owner is an active member of it (a query to refine)."""
    return (
        select(Product)
        .join(Business, Business.id == Product.business_id)
        .join(Membership, and_(Membership.sentra_id == Product.sentra_id,
                               Membership.user_id == Business.owner_id))
        .where(Product.sentra_id == sentra.id, Membership.status == STATUS_ACTIVE)
    )
