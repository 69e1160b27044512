"""OVOP: a sentra's board nominates member products, curators rate them (adds to the session only)."""

from flask import current_app
from sqlalchemy import func, or_, select
from sqlalchemy.orm import lazyload, selectinload

from marketplace.catalog.models import OVOP_CRITERIA, STATUS_PUBLISHED, OvopRating, Product
from marketplace.catalog.services import (
    CatalogError,
    clear_nomination,
    is_sentra_member,
    member_products,
    require,
)
from marketplace.extensions import db
from marketplace.i18n import lazy_gettext as _l
from marketplace.notifications.services import notify, register_kind
from marketplace.sentra import services as sentra_services
from marketplace.sentra.models import Sentra
from marketplace.timeutil import utcnow

register_kind("catalog.ovop_nominated", _l("%(actor)s nominated %(subject)s for OVOP"))
register_kind("catalog.ovop_rated", _l("%(actor)s rated %(subject)s for OVOP"))

DEFAULT_OVOP_MAX_NOMINATIONS = 5


def can_rate(user, product=None):
    """OVOP curators and platform admins rate nominated products, never one of a business they own."""
    if not (getattr(user, "is_authenticated", False) and (user.is_curator or user.is_admin)):
        return False
    return product is None or product.business.owner_id != user.id


def can_nominate(user, product):
    """The pengurus/pengelola of the product's sentra (and admins) nominate it for OVOP."""
    return product.sentra is not None and sentra_services.can_manage(user, product.sentra)


def ovop_limit():
    """How many products one sentra may have nominated at a time."""
    return int(current_app.config.get("OVOP_MAX_NOMINATIONS", DEFAULT_OVOP_MAX_NOMINATIONS))


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
        member_products(sentra)
        .where(Product.status == STATUS_PUBLISHED, Product.is_ovop.is_(True),
               Product.ovop_nominated_at.is_(None))
        .options(lazyload(Product.images))
        .order_by(Product.view_count.desc(), Product.id)
    )
    return db.paginate(query, page=page, per_page=per_page or current_app.config["PAGE_SIZE"],
                       error_out=False)


def nominate(user, product):
    """Put a member's published OVOP product forward to the curators, within the sentra's limit."""
    require(can_nominate(user, product))
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
    require(can_nominate(user, product))
    if product.ovop_nominated_at is None:
        raise CatalogError(_l("This product is not nominated."))
    clear_nomination(product)
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
    require(can_rate(user, product))
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


