"""Figures for the dashboards: a business owner's, a buyer's and a sentra's.

Every number comes from a grouped query over a bounded set of ids (a page of businesses, one
buyer, one sentra's member businesses): no query per row, nothing that grows with a table.
"""

from dataclasses import dataclass, field

from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import joinedload

from marketplace.businesses.models import Business
from marketplace.buyers.models import (
    QUOTE_ACCEPTED,
    QUOTE_WITHDRAWN,
    BuyingRequest,
    Conversation,
    Quote,
)
from marketplace.buyers.request_services import quote_counts
from marketplace.buyers.services import NotAllowed, follower_count, owned_business_ids
from marketplace.catalog.models import STATUS_PUBLISHED, Product
from marketplace.extensions import db
from marketplace.sentra import services as sentra_services
from marketplace.sentra.models import STATUS_ACTIVE, Membership

RECENT = 10
TOP_PRODUCTS = 10


def _grouped(query):
    """{(key, status): count} -> {key: {status: count}}."""
    result = {}
    for key, status, count in db.session.execute(query).all():
        result.setdefault(key, {})[status] = count
    return result


def _recent_conversations(condition, limit=RECENT):
    return db.session.scalars(
        select(Conversation).where(condition)
        .options(joinedload(Conversation.business), joinedload(Conversation.buyer))
        .order_by(Conversation.last_message_at.desc(), Conversation.id.desc()).limit(limit)
    ).unique().all()


# ---- a business owner's dashboard ----------------------------------------------------------


@dataclass
class BusinessFigures:
    """The numbers of one business on the owner's dashboard."""

    business: object
    products: dict = field(default_factory=dict)  # {status: count}
    views: int = 0
    whatsapp_clicks: int = 0
    inquiries: dict = field(default_factory=dict)  # {conversation status: count}
    quotes: dict = field(default_factory=dict)  # {quote status: count}

    @property
    def product_total(self):
        return sum(self.products.values())

    @property
    def quotes_submitted(self):
        """Quotes sent (whatever became of them later)."""
        return sum(self.quotes.values())


def business_dashboard(user, page, per_page):
    """(page of the owner's businesses, [BusinessFigures] for that page, latest inquiries)."""
    businesses = db.paginate(
        select(Business).where(Business.owner_id == user.id).order_by(Business.name, Business.id),
        page=page, per_page=per_page, error_out=False, count=True,
    )
    ids = [b.id for b in businesses.items]
    figures = []
    if ids:
        products = _grouped(
            select(Product.business_id, Product.status, func.count())
            .where(Product.business_id.in_(ids)).group_by(Product.business_id, Product.status)
        )
        totals = {row[0]: row[1:] for row in db.session.execute(
            select(Product.business_id, func.coalesce(func.sum(Product.view_count), 0),
                   func.coalesce(func.sum(Product.whatsapp_clicks), 0))
            .where(Product.business_id.in_(ids)).group_by(Product.business_id)
        ).all()}
        inquiries = _grouped(
            select(Conversation.business_id, Conversation.status, func.count())
            .where(Conversation.business_id.in_(ids)).group_by(Conversation.business_id, Conversation.status)
        )
        quotes = _grouped(
            select(Quote.business_id, Quote.status, func.count())
            .where(Quote.business_id.in_(ids)).group_by(Quote.business_id, Quote.status)
        )
        for business in businesses.items:
            views, clicks = totals.get(business.id, (0, 0))
            figures.append(BusinessFigures(
                business=business, products=products.get(business.id, {}), views=views,
                whatsapp_clicks=clicks + (business.whatsapp_clicks or 0),
                inquiries=inquiries.get(business.id, {}),
                quotes=quotes.get(business.id, {}),
            ))
    latest = _recent_conversations(Conversation.business_id.in_(owned_business_ids(user)))
    return businesses, figures, latest


# ---- a buyer's dashboard -------------------------------------------------------------------


@dataclass
class BuyerFigures:
    """What a buyer has going on: requests, quotes received, conversations."""

    requests: dict  # {request status: count}
    recent_requests: list
    request_quotes: dict  # {request id: active quotes} for the recent requests
    quotes_received: int
    accepted_quotes: int
    conversations: dict  # {conversation status: count}
    recent_conversations: list

    @property
    def request_total(self):
        return sum(self.requests.values())

    @property
    def conversation_total(self):
        return sum(self.conversations.values())


def buyer_dashboard(user):
    """The buyer's figures, in a handful of grouped queries."""
    requests = dict(db.session.execute(
        select(BuyingRequest.status, func.count()).where(BuyingRequest.buyer_id == user.id)
        .group_by(BuyingRequest.status)
    ).all())
    recent = db.session.scalars(
        select(BuyingRequest).where(BuyingRequest.buyer_id == user.id)
        .order_by(BuyingRequest.created_at.desc(), BuyingRequest.id.desc()).limit(RECENT)
    ).all()
    received = db.session.execute(
        select(
            func.count(Quote.id),
            func.coalesce(func.sum(case((Quote.status == QUOTE_ACCEPTED, 1), else_=0)), 0),
        ).join(BuyingRequest, BuyingRequest.id == Quote.request_id)
        .where(BuyingRequest.buyer_id == user.id, Quote.status != QUOTE_WITHDRAWN)
    ).one()
    conversations = dict(db.session.execute(
        select(Conversation.status, func.count()).where(Conversation.buyer_id == user.id)
        .group_by(Conversation.status)
    ).all())
    return BuyerFigures(
        requests=requests, recent_requests=recent, request_quotes=quote_counts([r.id for r in recent]),
        quotes_received=received[0], accepted_quotes=received[1], conversations=conversations,
        recent_conversations=_recent_conversations(Conversation.buyer_id == user.id),
    )


# ---- a sentra's dashboard ------------------------------------------------------------------


@dataclass
class SentraFigures:
    """The activity of a sentra's member businesses, for its pengurus and pengelola."""

    member_businesses: int
    products_by_status: dict
    published_by_channel: dict  # {"ovop": n, "export": n, "supply_chain": n}
    published_total: int
    views: int
    whatsapp_clicks: int
    inquiries: dict  # {conversation status: count}
    recent_inquiries: list
    top_products: list
    followers: int

    @property
    def inquiry_total(self):
        return sum(self.inquiries.values())


def member_business_ids(sentra):
    """A subquery of the sentra's member businesses: in the sentra, owner an active member."""
    return (
        select(Business.id)
        .join(Membership, and_(Membership.sentra_id == Business.sentra_id,
                               Membership.user_id == Business.owner_id))
        .where(Business.sentra_id == sentra.id, Membership.status == STATUS_ACTIVE)
        .scalar_subquery()
    )


def sentra_dashboard(user, sentra):
    """Member products by status and channel, inquiries they received, most viewed, followers.

    For the sentra's pengurus and pengelola and platform admins only (NotAllowed otherwise).
    """
    if not sentra_services.can_manage(user, sentra):
        raise NotAllowed()
    members = member_business_ids(sentra)
    member_count = db.session.scalar(select(func.count(Business.id)).where(Business.id.in_(members)))
    by_status = dict(db.session.execute(
        select(Product.status, func.count()).where(Product.business_id.in_(members)).group_by(Product.status)
    ).all())

    def flag(column):
        return func.coalesce(func.sum(case((column.is_(True), 1), else_=0)), 0)

    published = db.session.execute(
        select(flag(Product.is_ovop), flag(Product.is_export), flag(Product.is_supply_chain), func.count(),
               func.coalesce(func.sum(Product.view_count), 0),
               func.coalesce(func.sum(Product.whatsapp_clicks), 0))
        .where(Product.business_id.in_(members), Product.status == STATUS_PUBLISHED)
    ).one()
    inquiries = dict(db.session.execute(
        select(Conversation.status, func.count()).where(Conversation.business_id.in_(members))
        .group_by(Conversation.status)
    ).all())
    top = db.session.scalars(
        select(Product).where(Product.business_id.in_(members), Product.status == STATUS_PUBLISHED)
        .order_by(Product.view_count.desc(), Product.id).limit(TOP_PRODUCTS)
    ).unique().all()
    return SentraFigures(
        member_businesses=member_count, products_by_status=by_status,
        published_by_channel={"ovop": published[0], "export": published[1], "supply_chain": published[2]},
        published_total=published[3], views=published[4], whatsapp_clicks=published[5],
        inquiries=inquiries, recent_inquiries=_recent_conversations(Conversation.business_id.in_(members)),
        top_products=top, followers=follower_count(sentra.id),
    )

