"""Read-only catalogue queries: filters, facet counts, sorting, similar products, capacity totals.

Every list here costs a fixed number of queries whatever its length: facets are GROUP BY
aggregates (one query per filter, never one per option), cards load their business, sentra and
cover in the same SELECT, and nothing here writes (view and click counters are in counters.py).
"""

import re
from dataclasses import dataclass, field

from flask import current_app
from sqlalchemy import case, func, or_, select
from sqlalchemy.orm import joinedload, lazyload, selectinload

from marketplace import reference
from marketplace.catalog.models import (
    AVAILABILITY_LABELS,
    CHANNEL_EXPORT,
    CHANNEL_LABELS,
    CHANNEL_OVOP,
    CHANNEL_SUPPLY_CHAIN,
    STATUS_PUBLISHED,
    OvopRating,
    Product,
    ProductCertification,
    ProductImage,
)
from marketplace.extensions import db
from marketplace.i18n import lazy_gettext as _l
from marketplace.sentra.models import Sentra

CHANNEL_COLUMNS = {
    CHANNEL_OVOP: Product.is_ovop,
    CHANNEL_EXPORT: Product.is_export,
    CHANNEL_SUPPLY_CHAIN: Product.is_supply_chain,
}
SORTS = {
    "newest": (Product.published_at.desc(), Product.id.desc()),
    "price_asc": (Product.price_idr.asc().nulls_last(), Product.id.desc()),
    "price_desc": (Product.price_idr.desc().nulls_last(), Product.id.desc()),
    "most_viewed": (Product.view_count.desc(), Product.id.desc()),
    "ovop_stars": (Product.ovop_stars.desc().nulls_last(), Product.published_at.desc(), Product.id.desc()),
}
SORT_LABELS = {
    "newest": _l("Newest"),
    "price_asc": _l("Price: low to high"),
    "price_desc": _l("Price: high to low"),
    "most_viewed": _l("Most viewed"),
    "ovop_stars": _l("OVOP stars"),
}
# Filters in the order of the form and the query string; `sort` and `page` are not filters.
FILTER_NAMES = ("channel", "category", "province", "sentra", "certification", "price_min", "price_max",
                "moq_max", "availability", "samples")
MAX_AMOUNT = 10**12  # rupiah or pieces; beyond any real price or order, keeps numbers in range
TRUE_WORDS = {"1", "y", "yes", "on", "true"}
SENTRA_FACET_SIZE = 10  # the sentra filter offers the largest ones for the current selection
SIMILAR_SIZE = 6
CAPACITY_ROWS = 12  # the supply-chain table shows the largest sentra/category pairs
MAX_SLUG = 120


@dataclass
class Filters:
    """The catalogue filters from a query string, cleaned: unknown values are None."""

    channel: str | None = None
    category: str | None = None
    province: str | None = None
    sentra: str | None = None  # a slug; sentra_id and sentra_name are looked up from it
    certification: str | None = None
    price_min: int | None = None
    price_max: int | None = None
    moq_max: int | None = None
    availability: str | None = None
    samples: bool = False
    sort: str = "newest"
    # Set by the views, never by the query string.
    sentra_id: int | None = field(default=None, repr=False)
    sentra_name: str | None = field(default=None, repr=False)
    fixed_channel: str | None = field(default=None, repr=False)  # /ovop, /export, /supply-chain
    rated_only: bool = field(default=False, repr=False)  # /ovop shows rated products only

    @property
    def active(self):
        """{name: value} of the filters in use (the fixed channel of a buyer's page excluded)."""
        result = {}
        for name in FILTER_NAMES:
            value = getattr(self, name)
            if name == "channel" and self.fixed_channel:
                continue
            if value not in (None, False, ""):
                result[name] = value
        return result

    def query_args(self, default_sort="newest", **changes):
        """The query string of this selection with `changes` (None removes a filter)."""
        args = {**self.active}
        if self.sort != default_sort:
            args["sort"] = self.sort
        for name, value in changes.items():
            args[name] = value
        if args.get("sort") == default_sort:
            args.pop("sort")
        return {k: ("1" if v is True else v) for k, v in args.items() if v not in (None, False, "")}


def _amount(raw):
    """A whole, non-negative amount typed the Indonesian or English way ('150.000', 'Rp 150,000')."""
    text = re.sub(r"^(rp|idr)\.?", "", (raw or "").strip().lower()).strip()
    text = re.sub(r"[\s.,_]", "", text)
    if not text or not (text.isascii() and text.isdigit()) or len(text) > len(str(MAX_AMOUNT)):
        return None
    value = int(text)
    return value if value <= MAX_AMOUNT else None


def _choice(raw, allowed):
    value = (raw or "").strip()
    return value if value in allowed else None


def clean_filters(args, fixed_channel=None, default_sort="newest"):
    """(Filters, names of invalid parameters) from request.args.

    The HTML catalogue ignores what is invalid; the API answers 400 naming it. A sentra slug
    is looked up once here, so the filters and facets compare ids.
    """
    invalid = []

    def pick(name, allowed):
        raw = args.get(name, "")
        value = _choice(raw, allowed)
        if value is None and raw.strip():
            invalid.append(name)
        return value

    def amount(name):
        raw = args.get(name, "")
        value = _amount(raw)
        if value is None and raw.strip():
            invalid.append(name)
        return value

    filters = Filters(
        channel=pick("channel", CHANNEL_LABELS),
        category=pick("category", reference.COMMODITIES),
        province=pick("province", reference.PROVINCE_NAMES),
        certification=pick("certification", reference.CERTIFICATION_LABELS),
        availability=pick("availability", AVAILABILITY_LABELS),
        price_min=amount("price_min"),
        price_max=amount("price_max"),
        moq_max=amount("moq_max"),
        sort=pick("sort", SORTS) or default_sort,
    )
    samples = args.get("samples", "").strip().lower()
    if samples and samples not in TRUE_WORDS and samples not in {"0", "n", "no", "off", "false"}:
        invalid.append("samples")
    filters.samples = samples in TRUE_WORDS
    if filters.price_min is not None and filters.price_max is not None \
            and filters.price_min > filters.price_max:
        filters.price_min, filters.price_max = filters.price_max, filters.price_min
    slug = args.get("sentra", "").strip()
    if slug:
        row = None
        if len(slug) <= MAX_SLUG:
            row = db.session.execute(select(Sentra.id, Sentra.name).where(Sentra.slug == slug)).first()
        if row is None:
            invalid.append("sentra")
        else:
            filters.sentra, filters.sentra_id, filters.sentra_name = slug, row.id, row.name
    if fixed_channel:
        filters.channel = fixed_channel
        filters.fixed_channel = fixed_channel
    return filters, invalid


# ---- conditions ----------------------------------------------------------------------------


def _conditions(filters, skip=()):
    """SQL conditions of the published products matching `filters`, leaving out those in `skip`."""
    conditions = [Product.status == STATUS_PUBLISHED]
    if filters.channel and "channel" not in skip:
        conditions.append(CHANNEL_COLUMNS[filters.channel].is_(True))
    if filters.rated_only:
        conditions.append(Product.ovop_stars.is_not(None))
    if filters.category and "category" not in skip:
        conditions.append(Product.category == filters.category)
    if filters.province and "province" not in skip:
        conditions.append(Product.province == filters.province)
    if filters.sentra_id and "sentra" not in skip:
        conditions.append(Product.sentra_id == filters.sentra_id)
    if filters.certification and "certification" not in skip:
        conditions.append(Product.id.in_(
            select(ProductCertification.product_id).where(ProductCertification.code == filters.certification)
        ))
    if "price" not in skip:
        if filters.price_min is not None:
            conditions.append(Product.price_idr >= filters.price_min)
        if filters.price_max is not None:
            conditions.append(Product.price_idr <= filters.price_max)
    if filters.moq_max is not None and "moq_max" not in skip:
        # No minimum order means any quantity will do.
        conditions.append(or_(Product.moq.is_(None), Product.moq <= filters.moq_max))
    if filters.availability and "availability" not in skip:
        conditions.append(Product.availability == filters.availability)
    if filters.samples and "samples" not in skip:
        conditions.append(Product.samples_available.is_(True))
    return conditions


def _card_options(with_certifications=False, with_rating=False):
    """Load what a product card shows in the same SELECT (and the extras asked for, one query each)."""
    return (
        joinedload(Product.business).lazyload("*"),
        joinedload(Product.sentra).lazyload("*"),
        joinedload(Product.cover_image),
        lazyload(Product.images),
        selectinload(Product.certifications) if with_certifications else lazyload(Product.certifications),
        selectinload(Product.ovop_rating).lazyload(OvopRating.curator) if with_rating
        else lazyload(Product.ovop_rating),
    )


def published():
    """A SELECT of published products loaded for cards; callers add conditions and an order."""
    return select(Product).where(Product.status == STATUS_PUBLISHED).options(*_card_options())


# ---- facets ----------------------------------------------------------------------------------


@dataclass
class Facets:
    """How many products each option of each filter would leave, the other filters applied."""

    channel: dict = field(default_factory=dict)  # {code: count}
    category: dict = field(default_factory=dict)
    province: dict = field(default_factory=dict)
    sentra: list = field(default_factory=list)  # [(slug, name, count)], largest first
    certification: dict = field(default_factory=dict)
    availability: dict = field(default_factory=dict)
    samples: int = 0
    price_range: tuple = (None, None)  # lowest and highest price, the price filter left out


def _grouped(column, filters, name):
    count = func.count(Product.id)
    rows = db.session.execute(
        select(column, count).where(*_conditions(filters, skip=(name,))).group_by(column)
    ).all()
    return {value: n for value, n in rows if value is not None}


def _channel_counts(filters):
    conditions = _conditions(filters, skip=("channel",))
    sums = [func.coalesce(func.sum(case((column.is_(True), 1), else_=0)), 0)
            for column in CHANNEL_COLUMNS.values()]
    row = db.session.execute(select(*sums).where(*conditions)).one()
    return dict(zip(CHANNEL_COLUMNS, row, strict=True))


def _sentra_counts(filters):
    count = func.count(Product.id)
    stmt = (
        select(Sentra.slug, Sentra.name, count)
        .join(Sentra, Sentra.id == Product.sentra_id)
        .where(*_conditions(filters, skip=("sentra",)))
        .group_by(Sentra.id, Sentra.slug, Sentra.name)
    )
    rows = [tuple(r) for r in db.session.execute(
        stmt.order_by(count.desc(), Sentra.name).limit(SENTRA_FACET_SIZE)
    ).all()]
    if filters.sentra_id and all(slug != filters.sentra for slug, _name, _n in rows):
        chosen = db.session.execute(stmt.where(Sentra.id == filters.sentra_id)).first()
        rows.append(tuple(chosen) if chosen else (filters.sentra, filters.sentra_name, 0))
    return rows


def _certification_counts(filters):
    count = func.count(Product.id)
    rows = db.session.execute(
        select(ProductCertification.code, count)
        .join(Product, Product.id == ProductCertification.product_id)
        .where(*_conditions(filters, skip=("certification",)))
        .group_by(ProductCertification.code)
    ).all()
    return dict(rows)


def facets(filters):
    """Every facet of the catalogue for this selection, in a fixed number of GROUP BY queries."""
    samples = db.session.scalar(
        select(func.count(Product.id))
        .where(*_conditions(filters, skip=("samples",)), Product.samples_available.is_(True))
    )
    price_range = db.session.execute(
        select(func.min(Product.price_idr), func.max(Product.price_idr))
        .where(*_conditions(filters, skip=("price",)))
    ).one()
    return Facets(
        channel={} if filters.fixed_channel else _channel_counts(filters),
        category=_grouped(Product.category, filters, "category"),
        province=_grouped(Product.province, filters, "province"),
        sentra=_sentra_counts(filters),
        certification=_certification_counts(filters),
        availability=_grouped(Product.availability, filters, "availability"),
        samples=samples or 0,
        price_range=tuple(price_range),
    )


# ---- lists -----------------------------------------------------------------------------------


def catalogue_statement(filters, with_certifications=False, with_rating=False):
    """The SELECT of one catalogue page's products in the chosen order."""
    return (
        select(Product).where(*_conditions(filters))
        .options(*_card_options(with_certifications, with_rating))
        .order_by(*SORTS.get(filters.sort, SORTS["newest"]))
    )


def catalogue(filters, page, per_page=None, **loading):
    """A page of published products matching the filters, in the chosen order."""
    return db.paginate(
        catalogue_statement(filters, **loading), page=page,
        per_page=per_page or current_app.config["PAGE_SIZE"], error_out=False, count=True,
    )


def newest_products(limit=8):
    """The most recently published products, for the home page."""
    return list(db.session.scalars(published().order_by(*SORTS["newest"]).limit(limit)))


def business_products(business, page, per_page=None):
    """A page of a business's published products, newest first."""
    stmt = published().where(Product.business_id == business.id).order_by(*SORTS["newest"])
    return db.paginate(stmt, page=page, per_page=per_page or current_app.config["PAGE_SIZE"],
                       error_out=False, count=True)


def similar_products(product, limit=SIMILAR_SIZE):
    """Other published products of the same category, newest first (one query)."""
    return list(db.session.scalars(
        published().where(Product.category == product.category, Product.id != product.id)
        .order_by(*SORTS["newest"]).limit(limit)
    ))


def product_for_page(product_id):
    """The product with its gallery, certifications and OVOP assessment, or None (any status)."""
    return db.session.scalar(
        select(Product).where(Product.id == product_id).options(
            selectinload(Product.images).joinedload(ProductImage.image),
            selectinload(Product.certifications),
            selectinload(Product.ovop_rating),
        )
    )


def published_product(product_id, **loading):
    """A published product by id, or None."""
    stmt = catalogue_statement(Filters(), **loading).where(Product.id == product_id)
    return db.session.scalar(stmt)


def is_owner(user, product):
    """True when `user` owns the business that offers the product."""
    return bool(getattr(user, "is_authenticated", False)) and product.business.owner_id == user.id


# ---- capacity ------------------------------------------------------------------------------------


@dataclass
class CapacityRow:
    """Monthly capacity of one sentra in one category and unit."""

    sentra_slug: str | None
    sentra_name: str | None
    category: str
    unit: str
    capacity: int
    businesses: int
    products: int


def _capacity_query(*conditions, by_sentra=True):
    total = func.sum(Product.capacity_per_month)
    columns = [Product.category, Product.unit, total,
               func.count(func.distinct(Product.business_id)), func.count(Product.id)]
    group = [Product.category, Product.unit]
    stmt = select(*columns)
    if by_sentra:
        stmt = select(Sentra.slug, Sentra.name, *columns).join(Sentra, Sentra.id == Product.sentra_id)
        group = [Sentra.id, Sentra.slug, Sentra.name, *group]
    return (
        stmt.where(*conditions, Product.capacity_per_month.is_not(None), Product.capacity_per_month > 0)
        .group_by(*group).order_by(total.desc(), Product.category, Product.unit)
    )


def sentra_capacity(filters, limit=CAPACITY_ROWS):
    """The sentra that can supply most per month, per category and unit, for the filters (one query)."""
    rows = db.session.execute(_capacity_query(*_conditions(filters)).limit(limit)).all()
    return [CapacityRow(*row) for row in rows]


def capacity_by_category(sentra):
    """A sentra's published products' monthly capacity per category and unit (one query)."""
    rows = db.session.execute(_capacity_query(
        Product.status == STATUS_PUBLISHED, Product.sentra_id == sentra.id, by_sentra=False,
    )).all()
    return [CapacityRow(sentra.slug, sentra.name, *row) for row in rows]


# ---- a sentra's showcase -------------------------------------------------------------------------


@dataclass
class SentraShowcase:
    """What a sentra's page shows of its products."""

    newest: list
    total: int
    ovop: list
    capacity: list


def sentra_showcase(sentra, newest=8, ovop=6):
    """Newest products, rated OVOP products and monthly capacity of a sentra (four queries)."""
    in_sentra = Product.sentra_id == sentra.id
    return SentraShowcase(
        newest=list(db.session.scalars(published().where(in_sentra).order_by(*SORTS["newest"]).limit(newest))),
        total=db.session.scalar(
            select(func.count(Product.id)).where(Product.status == STATUS_PUBLISHED, in_sentra)
        ) or 0,
        ovop=list(db.session.scalars(
            published().where(in_sentra, Product.is_ovop.is_(True), Product.ovop_stars.is_not(None))
            .order_by(*SORTS["ovop_stars"]).limit(ovop)
        )),
        capacity=capacity_by_category(sentra),
    )

