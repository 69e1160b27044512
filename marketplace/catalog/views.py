"""The catalog blueprint: the public catalogue, the buyers' pages and the product page.

The owners' editor, OVOP nomination and rating and CSV are in manage_views.py, on the same blueprint.
"""

from flask import Blueprint, abort, current_app, redirect, render_template, request, session, url_for
from flask_babel import format_currency, format_decimal, get_locale
from flask_login import current_user
from slugify import slugify

from marketplace import phones, reference
from marketplace.catalog import counters, queries
from marketplace.catalog import services as catalog_services
from marketplace.catalog.filter_form import build_form
from marketplace.catalog.models import (
    AVAILABILITY_LABELS,
    CHANNEL_EXPORT,
    CHANNEL_LABELS,
    CHANNEL_OVOP,
    CHANNEL_SUPPLY_CHAIN,
    INCOTERM_LABELS,
    STATUS_LABELS,
)
from marketplace.extensions import db
from marketplace.i18n import gettext as _
from marketplace.mail import external_url
from marketplace.markdown import plain_text, render_markdown
from marketplace.pagination import page_number

bp = Blueprint("catalog", __name__)


# ---- template helpers ----------------------------------------------------------------------


def _english():
    return str(get_locale() or "") == "en"


@bp.app_template_filter("product_title")
def product_title(product):
    """The English title for English pages when the maker wrote one, else the title."""
    return product.title_en if _english() and product.title_en else product.title


@bp.app_template_filter("product_description")
def product_description(product):
    """The description as sanitised HTML, in English for English pages when there is one."""
    text = product.description_en if _english() and product.description_en else product.description
    return render_markdown(text)


@bp.app_template_filter("usd")
def usd(amount):
    """An export price in US dollars in the interface language: '$12.50' / 'US$12,50'."""
    return format_currency(amount, "USD") if amount is not None else ""


def product_slug(product):
    """The readable part of a product's URL, from its (Indonesian) title."""
    return slugify(product.title or "", max_length=80, word_boundary=True)


@bp.app_template_global("product_url")
def product_url(product, **values):
    """The canonical URL of a product page: /products/<id>-<slug>."""
    slug = product_slug(product)
    if slug:
        values["slug"] = slug
    return url_for("catalog.detail", product_id=product.id, **values)


# ---- browsing --------------------------------------------------------------------------------


def _chosen(filters, filter_url):
    """(label, url without that filter) for each active filter, as removable badges."""
    chosen = []
    labels = {
        "channel": lambda v: _("Channel: %(name)s", name=CHANNEL_LABELS[v]),
        "category": lambda v: _("Category: %(name)s", name=reference.commodity_label(v)),
        "province": lambda v: _("Province: %(name)s", name=reference.province_name(v)),
        "sentra": lambda v: _("Sentra: %(name)s", name=filters.sentra_name),
        "certification": lambda v: _("Certification: %(name)s",
                                     name=reference.CERTIFICATION_LABELS.get(v, v)),
        "price_min": lambda v: _("Price from Rp %(amount)s", amount=format_decimal(v)),
        "price_max": lambda v: _("Price up to Rp %(amount)s", amount=format_decimal(v)),
        "moq_max": lambda v: _("Minimum order at most %(amount)s", amount=format_decimal(v)),
        "availability": lambda v: _("Availability: %(name)s", name=AVAILABILITY_LABELS[v]),
        "samples": lambda v: _("Samples available"),
    }
    for name, value in filters.active.items():
        chosen.append((labels[name](value), filter_url(**{name: None})))
    return chosen


def _browse(template, fixed_channel=None, default_sort="newest", rated_only=False, **loading):
    """One catalogue page: filters from the URL (invalid ones ignored), products, facets."""
    filters, _invalid = queries.clean_filters(request.args, fixed_channel=fixed_channel,
                                              default_sort=default_sort)
    filters.rated_only = rated_only
    pagination = queries.catalogue(filters, page_number(), **loading)
    facets = queries.facets(filters)
    endpoint = request.endpoint

    def filter_url(**changes):
        return url_for(endpoint, **filters.query_args(default_sort, **changes))

    sort_links = [
        (code, label, filter_url(sort=code)) for code, label in queries.SORT_LABELS.items()
    ]
    return render_template(
        template,
        filters=filters,
        pagination=pagination,
        facets=facets,
        form=build_form(filters, facets),
        chosen=_chosen(filters, filter_url),
        clear_url=url_for(endpoint),
        sort_links=sort_links,
        filter_url=filter_url,
        action=url_for(endpoint),
        default_sort=default_sort,
        mode=fixed_channel or "all",
        capacity=queries.sentra_capacity(filters) if fixed_channel == CHANNEL_SUPPLY_CHAIN else None,
        capacity_rows=queries.CAPACITY_ROWS,
    )


@bp.route("/products")
def index():
    """The catalogue: every published product, with filters, counts, sorting and pages."""
    return _browse("catalog/index.html")


@bp.route("/ovop")
def ovop():
    """OVOP: rated flagship products, best first, with their assessment."""
    return _browse("catalog/ovop.html", fixed_channel=CHANNEL_OVOP, default_sort="ovop_stars",
                   rated_only=True, with_rating=True)


@bp.route("/export")
def export():
    """Export: USD price, incoterm and port, MOQ, certifications and HS code; English text for 'en'."""
    return _browse("catalog/export.html", fixed_channel=CHANNEL_EXPORT, with_certifications=True)


@bp.route("/supply-chain")
def supply_chain():
    """Supply chain: capacity and lead time per product and the sentra's monthly capacity."""
    return _browse("catalog/supply_chain.html", fixed_channel=CHANNEL_SUPPLY_CHAIN)


# ---- the product page ----------------------------------------------------------------------------


def visible_product(product_id):
    """The product (any status) that the current user may see, or 404.

    Drafts, unpublished and archived products answer 404 to everyone but their owner and admins,
    so that even their existence stays private.
    """
    product = queries.product_for_page(product_id)
    if product is None or not catalog_services.can_view(current_user, product):
        abort(404)
    return product


def _gallery(product):
    """The images in order, the cover first (a cover set without gallery rows still shows)."""
    images = [item.image for item in product.images]
    if product.cover_image is not None and all(image.id != product.cover_image.id for image in images):
        images.insert(0, product.cover_image)
    elif product.cover_image is not None:
        images.sort(key=lambda image: image.id != product.cover_image.id)
    return images


@bp.route("/products/<int:product_id>")
@bp.route("/products/<int:product_id>-<slug>")
def detail(product_id, slug=None):
    """A product: gallery, details, maker and sentra, OVOP assessment, similar products."""
    product = visible_product(product_id)
    canonical = product_slug(product) or None
    if slug != canonical:
        return redirect(product_url(product), 301)
    owner = queries.is_owner(current_user, product)
    if request.method == "GET" and counters.count_view(product, current_user, session):
        db.session.commit()
    business = product.business
    return render_template(
        "catalog/detail.html",
        product=product,
        business=business,
        is_owner=owner,
        can_edit=catalog_services.can_edit(current_user, product),
        gallery=_gallery(product),
        similar=queries.similar_products(product),
        status_label=STATUS_LABELS.get(product.status, product.status),
        summary=plain_text(product.description_en if _english() and product.description_en
                           else product.description, 200),
        has_whatsapp=bool(phones.normalise_whatsapp(business.whatsapp)),
        incoterm_label=INCOTERM_LABELS.get(product.incoterm, product.incoterm),
    )


@bp.route("/products/<int:product_id>/whatsapp", methods=["POST"])
def whatsapp(product_id):
    """Count a 'Chat on WhatsApp' click, then open the chat with the product's title and link."""
    product = visible_product(product_id)
    number = product.business.whatsapp
    if not phones.normalise_whatsapp(number):
        abort(404)
    link = external_url("catalog.detail", product_id=product.id, slug=product_slug(product) or None)
    text = _("Hello, I am interested in %(title)s on Sentra Nusantara: %(url)s",
             title=product_title(product), url=link)
    target = phones.whatsapp_url(number, text=text)
    if counters.count_whatsapp_click(product, current_user):
        db.session.commit()
    current_app.logger.info("catalog: WhatsApp chat opened for product %s", product.id)
    return redirect(target, 303)


# Owners' product editor, OVOP nomination and rating, CSV: registered on `bp` when imported.
from marketplace.catalog import manage_views  # noqa: E402, F401
