"""The buyers blueprint: inquiries and the inbox.

Buying requests and quotes are in request_views.py, favourites and follows in saved_views.py,
the dashboards in dashboard_views.py: all registered on `bp` when imported at the bottom.
"""

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import format_decimal
from flask_limiter.util import get_remote_address
from flask_login import current_user, login_required

from marketplace.buyers import services
from marketplace.buyers.forms import ConversationStatusForm, InquiryForm, ReplyForm
from marketplace.buyers.models import CONVERSATION_STATUS_LABELS, CONVERSATION_STATUSES
from marketplace.catalog.models import CHANNEL_LABELS, INCOTERM_LABELS
from marketplace.extensions import db, limiter
from marketplace.i18n import gettext as _
from marketplace.pagination import page_number
from marketplace.templating import register_header_count

bp = Blueprint("buyers", __name__)

MESSAGES_PER_PAGE = 30


def _user_key():
    """Rate limits count per account (per address for the rare anonymous request)."""
    return f"user:{current_user.id}" if current_user.is_authenticated else get_remote_address()


def _sent(response):
    """Only what was really sent counts against the limit; a form with errors does not."""
    return response.status_code in (301, 302, 303)


# Inquiries and replies share one limit, buying requests and quotes another.
message_limit = limiter.shared_limit(
    lambda: current_app.config.get("RATELIMIT_MESSAGES", "30 per hour"), scope="buyers-messages",
    key_func=_user_key, methods=["POST"], deduct_when=_sent,
)
rfq_limit = limiter.shared_limit(
    lambda: current_app.config.get("RATELIMIT_BUYING_REQUESTS", "30 per hour"), scope="buyers-rfq",
    key_func=_user_key, methods=["POST"], deduct_when=_sent,
)


def page_size():
    return current_app.config["PAGE_SIZE"]


@bp.errorhandler(services.Suspended)
def suspended(error):
    """A suspended user is told plainly why they cannot write, and until when."""
    current_app.logger.info("buyers: suspended user %s refused on %s", current_user.get_id(), request.path)
    return render_template("buyers/refused.html", message=error.description), 403


def money(amount, currency="IDR"):
    """'Rp 1.500.000' or 'US$ 12.50' in the interface language; '' without an amount."""
    if amount is None:
        return ""
    if currency == "USD":
        return "US$ " + format_decimal(amount, format="#,##0.00")
    return "Rp " + format_decimal(int(amount), format="#,##0")


@bp.context_processor
def buyers_helpers():
    """Helpers for the area's pages and mails."""
    return {
        "product_path": services.product_path, "money": money,
        "channel_label": lambda code: CHANNEL_LABELS.get(code, code or ""),
        "incoterm_label": lambda code: INCOTERM_LABELS.get(code, code or ""),
    }


def refuse(action):
    """Log and answer 403."""
    current_app.logger.warning("buyers: user %s may not %s (%s %s)", current_user.get_id(), action,
                               request.method, request.path)
    abort(403)


# ---- inquiry -----------------------------------------------------------------------------


def _inquiry_defaults(user, product):
    """What the inquiry form starts with: the product's unit, the buyer's country and currency."""
    country = getattr(user, "country", None) or ""
    return {
        "unit": product.unit, "destination_country": country,
        "currency": "USD" if country and country != "ID" else "IDR",
        "incoterm": (product.incoterm or "") if product.is_export else "",
    }


@bp.route("/products/<int:product_id>/inquire", methods=["GET", "POST"])
@login_required
@message_limit
def inquire(product_id):
    """A logged-in buyer asks a business about one of its published products."""
    product = services.published_product(product_id)
    if not services.can_inquire(current_user, product):
        refuse("inquire about their own product")
    services.require_not_suspended(current_user)
    form = InquiryForm(data=_inquiry_defaults(current_user, product))
    if form.validate_on_submit():
        conversation = services.start_inquiry(current_user, product, form.values())
        db.session.commit()
        flash(_("Your inquiry was sent to %(name)s. Their answer will show here and in your email.",
                name=product.business.name), "success")
        return redirect(url_for(".conversation", conversation_id=conversation.id))
    earlier = services.earlier_inquiry(current_user, product)
    status = 422 if form.errors else 200
    return render_template("buyers/inquire.html", form=form, product=product, earlier=earlier), status


# ---- inbox -------------------------------------------------------------------------------


@bp.route("/inbox")
@login_required
def inbox():
    """The user's conversations as buyer and as business owner, newest activity first."""
    status = request.args.get("status")
    status = status if status in CONVERSATION_STATUS_LABELS else None
    side = request.args.get("side")
    side = side if side in (services.SIDE_BUYING, services.SIDE_SELLING) else None
    conversations = services.inbox_page(current_user, page_number(), page_size(), status=status, side=side)
    return render_template(
        "buyers/inbox.html", conversations=conversations, status=status, side=side,
        counts=services.inbox_status_counts(current_user, side), statuses=CONVERSATION_STATUSES,
    )


def _render_conversation(conversation, reply_form, code=200):
    page = page_number() if "page" in request.args else None
    return render_template(
        "buyers/conversation.html", conversation=conversation,
        messages=services.messages_page(conversation, page, MESSAGES_PER_PAGE),
        form=reply_form,
        is_buyer=conversation.is_buyer(current_user),
        other=services.other_party(current_user, conversation),
        statuses=services.allowed_statuses(current_user, conversation),
        can_reply=services.can_reply(current_user, conversation),
        suspension=services.suspension_message(current_user),
    ), code


@bp.route("/inbox/<int:conversation_id>")
@login_required
def conversation(conversation_id):
    """One conversation (only its two parties may open it); opening it marks it read."""
    conversation = services.conversation_for(current_user, conversation_id)
    services.mark_read(current_user, conversation)
    db.session.commit()
    return _render_conversation(conversation, ReplyForm())


@bp.route("/inbox/<int:conversation_id>/reply", methods=["POST"])
@login_required
@message_limit
def reply(conversation_id):
    """Send a reply; the other side sees it in their inbox and gets it by mail."""
    conversation = services.conversation_for(current_user, conversation_id)
    services.require_not_suspended(current_user)
    if conversation.is_closed:
        flash(_("This conversation is closed. Ask again from the product page to start a new one."),
              "warning")
        return redirect(url_for(".conversation", conversation_id=conversation.id))
    form = ReplyForm()
    if not form.validate_on_submit():
        return _render_conversation(conversation, form, 422)
    message = services.send_message(current_user, conversation, form.body.data)
    db.session.commit()
    flash(_("Your message was sent."), "success")
    return redirect(url_for(".conversation", conversation_id=conversation_id, _anchor=f"m-{message.id}"))


@bp.route("/inbox/<int:conversation_id>/status", methods=["POST"])
@login_required
def set_status(conversation_id):
    """The business marks a conversation open, quoted or closed; the buyer may close it."""
    conversation = services.conversation_for(current_user, conversation_id)
    form = ConversationStatusForm()
    if not form.validate_on_submit():
        abort(400)
    if form.status.data != conversation.status and form.status.data not in services.allowed_statuses(
            current_user, conversation):
        refuse(f"mark conversation {conversation.id} {form.status.data}")
    services.set_status(current_user, conversation, form.status.data)
    db.session.commit()
    flash(_("The conversation is now marked “%(status)s”.", status=conversation.status_label), "success")
    return redirect(url_for(".conversation", conversation_id=conversation_id))


register_header_count("inbox", services.unread_total)

# The other pages of the area: registered on `bp` when imported.
from marketplace.buyers import dashboard_views, request_views, saved_views  # noqa: E402, F401
