"""Buying requests (RFQ) and quotes: post a need, tell matching businesses, quote, compare, award.

The buyer who posted a request sees every quote on it; a business owner sees only the quotes of
their own businesses. Every function adds to the session and never commits.
"""

from sqlalchemy import exists, func, literal, select, union_all
from sqlalchemy.orm import joinedload
from werkzeug.exceptions import NotFound

from marketplace import reference
from marketplace.accounts.models import User
from marketplace.businesses.models import Business
from marketplace.buyers.models import (
    QUOTE_ACCEPTED,
    QUOTE_DECLINED,
    QUOTE_SUBMITTED,
    QUOTE_WITHDRAWN,
    REQUEST_AWARDED,
    REQUEST_CLOSED,
    REQUEST_OPEN,
    REQUEST_STATUS_LABELS,
    BuyingRequest,
    Quote,
)
from marketplace.buyers.services import (
    NotAllowed,
    owned_business_ids,
    require_not_suspended,
    signed_in,
)
from marketplace.catalog.models import CHANNEL_LABELS, STATUS_PUBLISHED, Product
from marketplace.extensions import db
from marketplace.i18n import lazy_gettext as _l
from marketplace.notifications.services import notify, register_kind
from marketplace.sentra.models import Sentra
from marketplace.timeutil import utcnow

register_kind("buyers.request_match", _l("%(actor)s is looking for: %(subject)s"))
register_kind("buyers.quote", _l("%(actor)s sent a quote for %(subject)s"))
register_kind("buyers.quote_accepted", _l("%(actor)s accepted your quote for %(subject)s"))
register_kind("buyers.quote_declined", _l("%(actor)s chose another offer for %(subject)s"))
register_kind("buyers.request_closed", _l("%(actor)s closed the buying request %(subject)s"))

# At most this many business owners hear about one new request.
MATCH_LIMIT = 200
REQUEST_FIELDS = (
    "title", "description", "category", "quantity", "unit", "target_price_idr", "deadline",
    "destination_country", "destination_city", "channel",
)
QUOTE_FIELDS = ("price_idr", "price_usd", "moq", "lead_time_days", "message")


def _request_url(buying_request):
    from flask import url_for

    return url_for("buyers.request_detail", request_id=buying_request.id)


# ---- who may do what ---------------------------------------------------------------------


def can_post_request(user):
    """Buyer accounts post buying requests."""
    return signed_in(user) and user.is_buyer


def is_request_owner(user, buying_request):
    return signed_in(user) and user.id == buying_request.buyer_id


def quotable_businesses(user):
    """The businesses `user` may quote as (their own), by name."""
    if not signed_in(user):
        return []
    return db.session.scalars(
        select(Business).where(Business.owner_id == user.id).order_by(Business.name, Business.id)
    ).all()


def can_quote(user, buying_request):
    """Owners of a business may quote on an open request of someone else."""
    return (signed_in(user) and buying_request.is_open and user.id != buying_request.buyer_id
            and db.session.scalar(select(exists().where(Business.owner_id == user.id))))


# ---- posting and listing requests ---------------------------------------------------------


def create_request(user, values):
    """Post a buying request and notify the owners of businesses in its category; returns it."""
    require_not_suspended(user)
    if not can_post_request(user):
        raise NotAllowed()
    buying_request = BuyingRequest(buyer_id=user.id, buyer=user, status=REQUEST_OPEN)
    for name in REQUEST_FIELDS:
        setattr(buying_request, name, values.get(name))
    buying_request.description = buying_request.description or ""
    buying_request.destination_country = buying_request.destination_country or None
    buying_request.destination_city = buying_request.destination_city or None
    db.session.add(buying_request)
    db.session.flush()
    url = _request_url(buying_request)
    for owner in matching_owners(buying_request):
        notify(owner, "buyers.request_match", url=url, subject=buying_request.title, actor=user)
    return buying_request


def matching_owners(buying_request, limit=None):
    """Owners of businesses that make what is asked for, in one query and at most `limit`.

    A business matches when it has a published product in the request's category or belongs to
    a sentra of that commodity (the Business table has no category of its own). Both sides start
    from an indexed column (product category, sentra commodity); owners with a matching product
    come first.
    """
    category = buying_request.category
    by_product = (
        select(Business.owner_id.label("owner_id"), literal(0).label("rank"))
        .join(Product, Product.business_id == Business.id)
        .where(Product.category == category, Product.status == STATUS_PUBLISHED)
    )
    by_sentra = (
        select(Business.owner_id.label("owner_id"), literal(1).label("rank"))
        .join(Sentra, Sentra.id == Business.sentra_id)
        .where(Sentra.commodity == category)
    )
    matches = union_all(by_product, by_sentra).subquery()
    owners = (
        select(matches.c.owner_id, func.min(matches.c.rank).label("rank"))
        .group_by(matches.c.owner_id).subquery()
    )
    return db.session.scalars(
        select(User).join(owners, owners.c.owner_id == User.id)
        .where(User.id != buying_request.buyer_id, User.active.is_(True))
        .order_by(owners.c.rank, User.id)
        .limit(limit or MATCH_LIMIT)
    ).all()


def clean_filters(args):
    """Known values of the list filters (category, channel, status); anything else is dropped."""
    category = (args.get("category") or "").strip()
    channel = (args.get("channel") or "").strip()
    status = (args.get("status") or "").strip()
    return {
        "category": category if category in reference.COMMODITIES else None,
        "channel": channel if channel in CHANNEL_LABELS else None,
        "status": status if status in REQUEST_STATUS_LABELS else REQUEST_OPEN,
    }


def _list_conditions(filters, skip=None):
    conditions = [BuyingRequest.status == filters["status"]]
    if filters.get("category") and skip != "category":
        conditions.append(BuyingRequest.category == filters["category"])
    if filters.get("channel") and skip != "channel":
        conditions.append(BuyingRequest.channel == filters["channel"])
    return conditions


def requests_page(filters, page, per_page):
    """A page of buying requests in one status (open by default), newest first."""
    query = (
        select(BuyingRequest).where(*_list_conditions(filters)).options(joinedload(BuyingRequest.buyer))
        .order_by(BuyingRequest.created_at.desc(), BuyingRequest.id.desc())
    )
    return db.paginate(query, page=page, per_page=per_page, error_out=False, count=True)


def facet_counts(filters, name):
    """{value: how many requests the other filters leave} for the category or channel filter."""
    column = BuyingRequest.category if name == "category" else BuyingRequest.channel
    rows = db.session.execute(
        select(column, func.count()).where(*_list_conditions(filters, skip=name)).group_by(column)
    ).all()
    return dict(rows)


def quote_counts(request_ids):
    """{request id: active quotes} for a page of requests, in one query."""
    if not request_ids:
        return {}
    rows = db.session.execute(
        select(Quote.request_id, func.count())
        .where(Quote.request_id.in_(list(request_ids)), Quote.status.in_((QUOTE_SUBMITTED, QUOTE_ACCEPTED)))
        .group_by(Quote.request_id)
    ).all()
    return dict(rows)


def my_requests_page(user, page, per_page):
    """The buyer's own requests in every status, newest first."""
    query = (select(BuyingRequest).where(BuyingRequest.buyer_id == user.id)
             .order_by(BuyingRequest.created_at.desc(), BuyingRequest.id.desc()))
    return db.paginate(query, page=page, per_page=per_page, error_out=False, count=True)


def get_request(request_id):
    """The buying request with this id, or 404."""
    buying_request = db.session.get(BuyingRequest, request_id, options=[joinedload(BuyingRequest.buyer)])
    if buying_request is None:
        raise NotFound()
    return buying_request


# ---- quotes ------------------------------------------------------------------------------


def _quotes_with_business():
    return select(Quote).options(joinedload(Quote.business))


def all_quotes(user, buying_request):
    """Every quote on the request except withdrawn ones, cheapest first: for its buyer only."""
    if not is_request_owner(user, buying_request):
        raise NotAllowed()
    return db.session.scalars(
        _quotes_with_business()
        .where(Quote.request_id == buying_request.id, Quote.status != QUOTE_WITHDRAWN)
        .order_by(Quote.price_idr.is_(None), Quote.price_idr, Quote.price_usd, Quote.id)
    ).unique().all()


def own_quotes(user, buying_request):
    """The quotes of the user's own businesses on this request."""
    if not signed_in(user):
        return []
    return db.session.scalars(
        _quotes_with_business()
        .where(Quote.request_id == buying_request.id, Quote.business_id.in_(owned_business_ids(user)))
        .order_by(Quote.id)
    ).unique().all()


def _own_quote(user, quote_id):
    quote = db.session.get(Quote, quote_id, options=[joinedload(Quote.business)])
    if quote is None or not signed_in(user) or quote.business.owner_id != user.id:
        raise NotFound()
    return quote


def submit_quote(user, buying_request, business_id, values):
    """Quote (or change the quote) as one of the user's businesses; returns the quote.

    One quote per business and request: quoting again edits it, and a withdrawn quote comes
    back. The buyer is notified when a quote is new or comes back.
    """
    require_not_suspended(user)
    if not can_quote(user, buying_request):
        raise NotAllowed()
    business = db.session.get(Business, business_id)
    if business is None or business.owner_id != user.id:
        raise NotAllowed()
    quote = db.session.scalar(
        select(Quote).where(Quote.request_id == buying_request.id, Quote.business_id == business.id)
    )
    is_new = quote is None or quote.status == QUOTE_WITHDRAWN
    if quote is None:
        quote = Quote(request_id=buying_request.id, request=buying_request, business_id=business.id,
                      business=business)
        db.session.add(quote)
    elif quote.status not in (QUOTE_SUBMITTED, QUOTE_WITHDRAWN):
        raise NotAllowed()
    for name in QUOTE_FIELDS:
        setattr(quote, name, values.get(name))
    quote.message = quote.message or ""
    quote.status = QUOTE_SUBMITTED
    quote.updated_at = utcnow()
    if is_new:
        notify(buying_request.buyer, "buyers.quote", url=_request_url(buying_request) + "#quotes",
               subject=buying_request.title, actor=user)
    return quote


def withdraw_quote(user, request_id, quote_id):
    """Take back a submitted quote while the request is open; returns it."""
    require_not_suspended(user)
    quote = _own_quote(user, quote_id)
    if quote.request_id != request_id:
        raise NotFound()
    if quote.status != QUOTE_SUBMITTED or not quote.request.is_open:
        raise NotAllowed()
    quote.status = QUOTE_WITHDRAWN
    return quote


def accept_quote(user, buying_request, quote_id):
    """The buyer accepts one quote: it wins, the other quotes are declined, the request is awarded."""
    require_not_suspended(user)
    if not is_request_owner(user, buying_request):
        raise NotAllowed()
    quote = db.session.get(Quote, quote_id, options=[joinedload(Quote.business)])
    if quote is None or quote.request_id != buying_request.id or quote.status == QUOTE_WITHDRAWN:
        raise NotFound()
    if not buying_request.is_open or quote.status != QUOTE_SUBMITTED:
        raise NotAllowed()
    now = utcnow()
    quote.status = QUOTE_ACCEPTED
    buying_request.status = REQUEST_AWARDED
    buying_request.accepted_quote_id = quote.id
    buying_request.closed_at = now
    url = _request_url(buying_request)
    notify(quote.business.owner, "buyers.quote_accepted", url=url, subject=buying_request.title, actor=user)
    for other in _submitted_quotes(buying_request, exclude=quote.id):
        other.status = QUOTE_DECLINED
        notify(other.business.owner, "buyers.quote_declined", url=url, subject=buying_request.title,
               actor=user)
    return quote


def close_request(user, buying_request):
    """The buyer closes an open request without a winner; the quotes still waiting are declined."""
    require_not_suspended(user)
    if not is_request_owner(user, buying_request):
        raise NotAllowed()
    if not buying_request.is_open:
        raise NotAllowed()
    buying_request.status = REQUEST_CLOSED
    buying_request.closed_at = utcnow()
    url = _request_url(buying_request)
    for quote in _submitted_quotes(buying_request):
        quote.status = QUOTE_DECLINED
        notify(quote.business.owner, "buyers.request_closed", url=url, subject=buying_request.title,
               actor=user)


def _submitted_quotes(buying_request, exclude=None):
    query = _quotes_with_business().where(Quote.request_id == buying_request.id,
                                          Quote.status == QUOTE_SUBMITTED)
    if exclude is not None:
        query = query.where(Quote.id != exclude)
    return db.session.scalars(query).unique().all()


def my_quotes_page(user, page, per_page):
    """The quotes of the user's businesses, last changed first, with their requests."""
    query = (
        _quotes_with_business().options(joinedload(Quote.request))
        .where(Quote.business_id.in_(owned_business_ids(user)))
        .order_by(Quote.updated_at.desc(), Quote.id.desc())
    )
    return db.paginate(query, page=page, per_page=per_page, error_out=False, count=True)
