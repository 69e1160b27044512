"""Inquiries and the inbox, favourites and sentra follows: the buyers area's domain operations.

Buying requests and quotes live in request_services.py, the dashboards in dashboard_services.py.
Every function adds to the session and never commits: the calling view owns the transaction.
Mails about new messages are rendered when queued and sent right after that commit.
"""

from datetime import UTC

from flask import current_app, g, has_request_context, render_template, url_for
from flask_babel import force_locale
from sqlalchemy import event, func, or_, select
from sqlalchemy.orm import Session, joinedload
from werkzeug.exceptions import Forbidden, NotFound

from marketplace.businesses.models import Business
from marketplace.buyers.models import (
    CONVERSATION_CLOSED,
    CONVERSATION_OPEN,
    CONVERSATION_QUOTED,
    CONVERSATION_STATUS_LABELS,
    Conversation,
    Favourite,
    Message,
    SentraFollow,
)
from marketplace.catalog.models import STATUS_PUBLISHED, Product
from marketplace.extensions import db
from marketplace.i18n import gettext as _
from marketplace.i18n import lazy_gettext as _l
from marketplace.mail import external_url, send_mail
from marketplace.notifications.models import EMAIL_OFF
from marketplace.notifications.services import mark_read_for_url, notify, register_kind
from marketplace.sentra.models import Sentra
from marketplace.timeutil import utcnow

register_kind("buyers.inquiry", _l("%(actor)s sent an inquiry about %(subject)s"))

EXCERPT_LENGTH = 150
_OUTGOING_KEY = "outgoing_buyers_mail"
SIDE_BUYING = "buying"
SIDE_SELLING = "selling"


class NotAllowed(Forbidden):
    """The user may not do this (answered with 403)."""


class Suspended(Forbidden):
    """A suspended user tried to write something; the description says until when."""


# ---- who may do what ---------------------------------------------------------------------


def signed_in(user):
    return bool(getattr(user, "is_authenticated", False))


def _aware(value):
    return value.replace(tzinfo=UTC) if value is not None and value.tzinfo is None else value


def is_suspended(user):
    """True while a moderator's suspension of `user` runs."""
    until = _aware(getattr(user, "suspended_until", None))
    return until is not None and until > utcnow()


def require_not_suspended(user):
    """Refuse (403 with a clear message) a suspended user who tries to write."""
    if is_suspended(user):
        raise Suspended(suspension_message(user))


def suspension_message(user):
    """The sentence that tells a suspended user why they cannot write, or None."""
    if not is_suspended(user):
        return None
    from flask_babel import format_datetime

    return _("Your account is suspended until %(until)s: you can read, but not send messages, "
             "buying requests or quotes.", until=format_datetime(_aware(user.suspended_until), "medium"))


def owned_business_ids(user):
    """A subquery of the ids of the businesses `user` owns."""
    return select(Business.id).where(Business.owner_id == user.id).scalar_subquery()


def published_product(product_id):
    """The published product with this id, or 404 (drafts do not exist for anyone else)."""
    product = db.session.get(Product, product_id)
    if product is None or product.status != STATUS_PUBLISHED:
        raise NotFound()
    return product


def product_path(product_id):
    """The local address of a product's page (the catalogue's, once it is registered)."""
    if "catalog.detail" in current_app.view_functions:
        return url_for("catalog.detail", product_id=product_id)
    return f"/products/{product_id}"


def can_inquire(user, product):
    """Logged-in people may ask about a published product of someone else's business."""
    return (signed_in(user) and product.status == STATUS_PUBLISHED
            and product.business.owner_id != user.id)


# ---- mail after commit -------------------------------------------------------------------


def queue_mail(user, template, subject, **context):
    """Render a mail to `user` in their language now; it goes out after the commit.

    Nothing is sent to people who switched mail off on their account page.
    """
    if user is None or not user.email_confirmed or getattr(user, "notify_email", None) == EMAIL_OFF:
        return
    with force_locale(user.locale or current_app.config["BABEL_DEFAULT_LOCALE"]):
        rendered_subject = str(subject() if callable(subject) else subject)[:200]
        body = render_template(template, recipient=user, **context)
    db.session.info.setdefault(_OUTGOING_KEY, []).append((user.email, rendered_subject, body))


@event.listens_for(Session, "after_commit")
def _send_queued_mail(session):
    for to, subject, body in session.info.pop(_OUTGOING_KEY, []):
        send_mail(to, subject, body)


@event.listens_for(Session, "after_rollback")
def _forget_queued_mail(session):
    session.info.pop(_OUTGOING_KEY, None)


# ---- inquiries and conversations ---------------------------------------------------------


def _excerpt(body):
    text = " ".join(body.split())
    return text if len(text) <= EXCERPT_LENGTH else text[: EXCERPT_LENGTH - 1].rsplit(" ", 1)[0] + "…"


def normalise_body(body):
    """Unify line endings and trim the text of a message."""
    return (body or "").replace("\r\n", "\n").replace("\r", "\n").strip()


def _mail_message(recipient, conversation, message, first=False):
    """Queue the mail that carries a new message to the other side."""
    sender = message.sender

    def subject():
        if first:
            return _("New inquiry from %(name)s: %(subject)s", name=sender.display_name,
                     subject=conversation.subject)
        return _("New message from %(name)s: %(subject)s", name=sender.display_name,
                 subject=conversation.subject)

    queue_mail(
        recipient, "buyers/email/message.txt", subject, conversation=conversation, message=message,
        sender=sender, first=first,
        link=external_url("buyers.conversation", conversation_id=conversation.id),
    )


def start_inquiry(user, product, values):
    """Open a conversation about `product` with the buyer's first message; returns it.

    `values` holds body, quantity, unit, target_price, currency, incoterm, destination_country
    and needed_by. The business owner is notified and gets the message by mail.
    """
    require_not_suspended(user)
    if not can_inquire(user, product):
        if product.status != STATUS_PUBLISHED:
            raise NotFound()
        raise NotAllowed()
    now = utcnow()
    body = normalise_body(values["body"])
    conversation = Conversation(
        buyer_id=user.id, buyer=user, business_id=product.business_id, business=product.business,
        product_id=product.id, product=product, status=CONVERSATION_OPEN, subject=product.title[:200],
        quantity=values.get("quantity"), unit=values.get("unit") or None,
        target_price=values.get("target_price"),
        currency=(values.get("currency") or None) if values.get("target_price") is not None else None,
        incoterm=values.get("incoterm") or None,
        destination_country=values.get("destination_country") or None,
        needed_by=values.get("needed_by"), created_at=now, last_message_at=now,
        last_message_excerpt=_excerpt(body), buyer_unread=0, business_unread=1,
    )
    message = Message(sender_id=user.id, sender=user, body=body, created_at=now)
    db.session.add(conversation)
    db.session.flush()
    message.conversation_id = conversation.id
    db.session.add(message)
    owner = product.business.owner
    # The mail below carries the message itself, so the notice is not mailed a second time.
    notify(owner, "buyers.inquiry", url=url_for("buyers.conversation", conversation_id=conversation.id),
           subject=conversation.subject, actor=user, email=False)
    _mail_message(owner, conversation, message, first=True)
    return conversation


def earlier_inquiry(user, product):
    """The user's latest conversation about this product, if they asked before."""
    return db.session.scalar(
        select(Conversation).where(Conversation.buyer_id == user.id, Conversation.product_id == product.id)
        .order_by(Conversation.last_message_at.desc(), Conversation.id.desc()).limit(1)
    )


def conversation_for(user, conversation_id):
    """The conversation if `user` is one of its two parties; 404 for everyone else."""
    conversation = db.session.get(
        Conversation, conversation_id,
        options=[joinedload(Conversation.business), joinedload(Conversation.buyer)],
    )
    if conversation is None or not is_party(user, conversation):
        raise NotFound()
    return conversation


def is_party(user, conversation):
    """True for the buyer and the owner of the business (admins are no exception)."""
    if not signed_in(user):
        return False
    return user.id == conversation.buyer_id or user.id == conversation.business.owner_id


def other_party(user, conversation):
    """The user on the other side of the conversation."""
    return conversation.business.owner if conversation.is_buyer(user) else conversation.buyer


def allowed_statuses(user, conversation):
    """The statuses `user` may set now: the business side any of them, the buyer only closed."""
    if not is_party(user, conversation):
        return []
    if conversation.is_buyer(user):
        wanted = [CONVERSATION_CLOSED]
    else:
        wanted = [CONVERSATION_OPEN, CONVERSATION_QUOTED, CONVERSATION_CLOSED]
    return [status for status in wanted if status != conversation.status]


def can_reply(user, conversation):
    return is_party(user, conversation) and not conversation.is_closed and not is_suspended(user)


def send_message(user, conversation, body):
    """Add a reply from one party; the other side's unread count grows and they get it by mail."""
    if not is_party(user, conversation):
        raise NotFound()
    require_not_suspended(user)
    if conversation.is_closed:
        raise NotAllowed(_("This conversation is closed."))
    body = normalise_body(body)
    now = utcnow()
    message = Message(conversation_id=conversation.id, sender_id=user.id, sender=user, body=body,
                      created_at=now)
    db.session.add(message)
    conversation.last_message_at = now
    conversation.last_message_excerpt = _excerpt(body)
    if conversation.is_buyer(user):
        conversation.buyer_unread = 0
        conversation.business_unread = Conversation.business_unread + 1  # no lost update
    else:
        conversation.business_unread = 0
        conversation.buyer_unread = Conversation.buyer_unread + 1
    _mail_message(other_party(user, conversation), conversation, message)
    return message


def set_status(user, conversation, status):
    """Mark a conversation open, quoted or closed (see allowed_statuses)."""
    if not is_party(user, conversation):
        raise NotFound()
    if status not in CONVERSATION_STATUS_LABELS or (
        status != conversation.status and status not in allowed_statuses(user, conversation)
    ):
        raise NotAllowed()
    conversation.status = status


def mark_read(user, conversation):
    """Opening a conversation reads it: one's own unread count and its notices go back to zero."""
    if conversation.is_buyer(user):
        if conversation.buyer_unread:
            conversation.buyer_unread = 0
    elif conversation.business_unread:
        conversation.business_unread = 0
    mark_read_for_url(user, url_for("buyers.conversation", conversation_id=conversation.id))


def messages_page(conversation, page, per_page):
    """A page of messages, oldest first; without a page number, the last (newest) page."""
    total = db.session.scalar(
        select(func.count()).select_from(Message).where(Message.conversation_id == conversation.id)
    )
    last = max(1, -(-total // per_page))
    query = (select(Message).where(Message.conversation_id == conversation.id)
             .order_by(Message.created_at, Message.id))
    return db.paginate(query, page=min(page or last, last), per_page=per_page, error_out=False,
                       count=True)


def _inbox_condition(user, side):
    mine_as_buyer = Conversation.buyer_id == user.id
    mine_as_seller = Conversation.business_id.in_(owned_business_ids(user))
    if side == SIDE_BUYING:
        return mine_as_buyer
    if side == SIDE_SELLING:
        return mine_as_seller
    return or_(mine_as_buyer, mine_as_seller)


def inbox_page(user, page, per_page, status=None, side=None):
    """The user's conversations as buyer and as business owner, newest activity first."""
    query = select(Conversation).where(_inbox_condition(user, side))
    if status in CONVERSATION_STATUS_LABELS:
        query = query.where(Conversation.status == status)
    query = query.options(joinedload(Conversation.business), joinedload(Conversation.buyer)).order_by(
        Conversation.last_message_at.desc(), Conversation.id.desc()
    )
    return db.paginate(query, page=page, per_page=per_page, error_out=False, count=True)


def inbox_status_counts(user, side=None):
    """{status: number of the user's conversations} for the inbox filters, in one query."""
    rows = db.session.execute(
        select(Conversation.status, func.count()).where(_inbox_condition(user, side))
        .group_by(Conversation.status)
    ).all()
    return dict(rows)


def unread_total(user):
    """Unread messages of `user` on both sides, for the header (one query, once per request)."""
    cache = g.setdefault("_inbox_unread", {}) if has_request_context() else {}
    if user.id not in cache:
        as_buyer = (
            select(func.coalesce(func.sum(Conversation.buyer_unread), 0))
            .where(Conversation.buyer_id == user.id, Conversation.buyer_unread > 0)
            .scalar_subquery()
        )
        as_seller = (
            select(func.coalesce(func.sum(Conversation.business_unread), 0))
            .where(Conversation.business_id.in_(owned_business_ids(user)), Conversation.business_unread > 0)
            .scalar_subquery()
        )
        cache[user.id] = db.session.scalar(select(as_buyer + as_seller)) or 0
    return cache[user.id]


# ---- favourites --------------------------------------------------------------------------


def favourite_ids(user, product_ids):
    """The ids among `product_ids` that `user` has saved (for a page of product cards)."""
    if not signed_in(user) or not product_ids:
        return set()
    return set(db.session.scalars(
        select(Favourite.product_id).where(Favourite.user_id == user.id,
                                           Favourite.product_id.in_(list(product_ids)))
    ))


def toggle_favourite(user, product_id):
    """Save or unsave a product; returns (product, saved now). Only published products are saved."""
    product = db.session.get(Product, product_id)
    if product is None:
        raise NotFound()
    favourite = db.session.get(Favourite, (user.id, product_id))
    if favourite is not None:
        db.session.delete(favourite)
        return product, False
    if product.status != STATUS_PUBLISHED:
        raise NotFound()
    db.session.add(Favourite(user_id=user.id, product_id=product.id))
    return product, True


def favourites_page(user, page, per_page):
    """The user's saved products that are still published, last saved first."""
    query = (
        select(Product).join(Favourite, Favourite.product_id == Product.id)
        .where(Favourite.user_id == user.id, Product.status == STATUS_PUBLISHED)
        .order_by(Favourite.created_at.desc(), Product.id.desc())
    )
    return db.paginate(query, page=page, per_page=per_page, error_out=False, count=True)


# ---- following sentra --------------------------------------------------------------------


def sentra_by_slug(slug):
    return db.first_or_404(select(Sentra).where(Sentra.slug == slug))


def toggle_follow(user, sentra):
    """Follow or stop following a sentra; returns True when the user follows it now."""
    follow = db.session.get(SentraFollow, (user.id, sentra.id))
    if follow is not None:
        db.session.delete(follow)
        return False
    db.session.add(SentraFollow(user_id=user.id, sentra_id=sentra.id))
    return True


def follower_count(sentra_id):
    return db.session.scalar(
        select(func.count()).select_from(SentraFollow).where(SentraFollow.sentra_id == sentra_id)
    )


def follow_state(user, sentra_id):
    """(number of followers, whether `user` follows) for a sentra page, in one query."""
    following = (
        select(func.count()).select_from(SentraFollow)
        .where(SentraFollow.sentra_id == sentra_id, SentraFollow.user_id == user.id)
        .scalar_subquery()
        if signed_in(user) else None
    )
    total = (select(func.count()).select_from(SentraFollow)
             .where(SentraFollow.sentra_id == sentra_id).scalar_subquery())
    if following is None:
        return db.session.scalar(select(total)), False
    row = db.session.execute(select(total, following)).one()
    return row[0], bool(row[1])


def following_page(user, page, per_page):
    """The sentra `user` follows, most recently followed first."""
    query = (
        select(Sentra).join(SentraFollow, SentraFollow.sentra_id == Sentra.id)
        .where(SentraFollow.user_id == user.id)
        .order_by(SentraFollow.created_at.desc(), Sentra.id.desc())
    )
    return db.paginate(query, page=page, per_page=per_page, error_out=False, count=True)
