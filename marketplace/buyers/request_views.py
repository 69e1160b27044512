"""Buying request pages: the list, posting a request, quoting, comparing and awarding (on `bp`)."""

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from marketplace import reference
from marketplace.buyers import request_services as rfq
from marketplace.buyers import services
from marketplace.buyers.forms import BuyingRequestForm, QuoteForm
from marketplace.buyers.models import QUOTE_SUBMITTED
from marketplace.buyers.views import bp, page_size, refuse, rfq_limit
from marketplace.catalog.models import CHANNELS
from marketplace.extensions import db
from marketplace.i18n import gettext as _
from marketplace.pagination import page_number


@bp.route("/requests")
def requests():
    """Open buying requests, newest first, filtered by category and channel.

    Visitors see what is wanted (title, category, quantity, destination); details, the buyer and
    quoting need an account.
    """
    filters = rfq.clean_filters(request.args)
    filters["status"] = "open"
    page = rfq.requests_page(filters, page_number(), page_size())

    def filter_url(**changes):
        args = {"category": filters["category"], "channel": filters["channel"], **changes}
        return url_for("buyers.requests", **{k: v for k, v in args.items() if v})

    return render_template(
        "buyers/requests.html", page=page, filters=filters, filter_url=filter_url,
        quote_counts=rfq.quote_counts([r.id for r in page.items]),
        category_counts=rfq.facet_counts(filters, "category"),
        channel_counts=rfq.facet_counts(filters, "channel"),
        commodity_groups=reference.COMMODITY_GROUPS, channels=CHANNELS,
        can_post=rfq.can_post_request(current_user),
    )


@bp.route("/requests/new", methods=["GET", "POST"])
@login_required
@rfq_limit
def new_request():
    """A buyer posts what they need; businesses of that category are told."""
    if not rfq.can_post_request(current_user):
        current_app.logger.warning("buyers: user %s (not a buyer) refused a buying request",
                                   current_user.get_id())
        return render_template(
            "buyers/refused.html",
            message=_("Only buyer accounts post buying requests. "
                      "As a business, you answer them with quotes."),
        ), 403
    services.require_not_suspended(current_user)
    form = BuyingRequestForm(data={"destination_country": current_user.country or "ID"})
    if form.validate_on_submit():
        buying_request = rfq.create_request(current_user, form.values())
        db.session.commit()
        flash(_("Your buying request is published. Businesses that make this will be told."), "success")
        return redirect(url_for(".request_detail", request_id=buying_request.id))
    status = 422 if form.errors else 200
    return render_template("buyers/request_form.html", form=form), status


def _quote_form(buying_request, businesses, own_quotes, editing=None):
    """The quote form: prefilled from the quote being edited, else for a business without one."""
    if editing is not None:
        data = {name: getattr(editing, name) for name in rfq.QUOTE_FIELDS}
        data["business"] = editing.business_id
        return QuoteForm(businesses, data=data)
    quoted = {q.business_id for q in own_quotes if q.is_active}
    free = [b.id for b in businesses if b.id not in quoted]
    return QuoteForm(businesses, data={"business": free[0] if free else businesses[0].id})


def _render_detail(buying_request, quote_form=None, code=200):
    is_owner = rfq.is_request_owner(current_user, buying_request)
    own = [] if is_owner else rfq.own_quotes(current_user, buying_request)
    businesses = rfq.quotable_businesses(current_user) if rfq.can_quote(current_user, buying_request) else []
    if businesses and quote_form is None:
        editing_id = request.args.get("edit", type=int)
        editing = next((q for q in own if q.id == editing_id and q.status == QUOTE_SUBMITTED), None)
        quote_form = _quote_form(buying_request, businesses, own, editing)
    return render_template(
        "buyers/request_detail.html", buying_request=buying_request, is_owner=is_owner,
        quotes=rfq.all_quotes(current_user, buying_request) if is_owner else [],
        own_quotes=own, quote_form=quote_form if businesses else None,
        quote_count=rfq.quote_counts([buying_request.id]).get(buying_request.id, 0),
        suspension=services.suspension_message(current_user),
    ), code


@bp.route("/requests/<int:request_id>")
@login_required
def request_detail(request_id):
    """The request; its buyer compares every quote, a business sees and edits only its own."""
    return _render_detail(rfq.get_request(request_id))


@bp.route("/requests/<int:request_id>/quote", methods=["POST"])
@login_required
@rfq_limit
def submit_quote(request_id):
    """Send or change a quote as one of the user's businesses."""
    buying_request = rfq.get_request(request_id)
    services.require_not_suspended(current_user)
    if not rfq.can_quote(current_user, buying_request):
        refuse(f"quote on request {buying_request.id}")
    form = QuoteForm(rfq.quotable_businesses(current_user))
    if not form.validate_on_submit():
        return _render_detail(buying_request, form, 422)
    quote = rfq.submit_quote(current_user, buying_request, form.business.data, form.values())
    db.session.commit()
    flash(_("Your quote as %(name)s was sent to the buyer.", name=quote.business.name), "success")
    return redirect(url_for(".request_detail", request_id=request_id, _anchor="own-quotes"))


@bp.route("/requests/<int:request_id>/quotes/<int:quote_id>/withdraw", methods=["POST"])
@login_required
def withdraw_quote(request_id, quote_id):
    """Take a quote back while the request is open."""
    quote = rfq.withdraw_quote(current_user, request_id, quote_id)
    db.session.commit()
    flash(_("Your quote was withdrawn. You can send a new one while the request is open."), "success")
    return redirect(url_for(".request_detail", request_id=quote.request_id, _anchor="own-quotes"))


def _own_open_request(request_id, action):
    """The current buyer's request (403 for anyone else, `action` logged); None, with a warning
    flashed, once it is no longer open."""
    buying_request = rfq.get_request(request_id)
    if not rfq.is_request_owner(current_user, buying_request):
        refuse(f"{action} {buying_request.id}")
    if not buying_request.is_open:
        flash(_("This buying request is no longer open."), "warning")
        return None
    return buying_request


@bp.route("/requests/<int:request_id>/quotes/<int:quote_id>/accept", methods=["POST"])
@login_required
def accept_quote(request_id, quote_id):
    """The buyer accepts one quote; the others are declined and every quoting business is told."""
    buying_request = _own_open_request(request_id, "accept a quote on request")
    if buying_request is None:
        return redirect(url_for(".request_detail", request_id=request_id))
    quote = rfq.accept_quote(current_user, buying_request, quote_id)
    db.session.commit()
    flash(_("You accepted the quote of %(name)s. The other businesses were told.", name=quote.business.name),
          "success")
    return redirect(url_for(".request_detail", request_id=request_id))


@bp.route("/requests/<int:request_id>/close", methods=["POST"])
@login_required
def close_request(request_id):
    """The buyer closes the request without accepting a quote."""
    buying_request = _own_open_request(request_id, "close request")
    if buying_request is None:
        return redirect(url_for(".request_detail", request_id=request_id))
    rfq.close_request(current_user, buying_request)
    db.session.commit()
    flash(_("The buying request is closed."), "success")
    return redirect(url_for(".request_detail", request_id=request_id))


@bp.route("/requests/mine")
@login_required
def my_requests():
    """The buyer's own requests in every status, with the number of quotes on each."""
    page = rfq.my_requests_page(current_user, page_number(), page_size())
    return render_template(
        "buyers/my_requests.html", page=page, quote_counts=rfq.quote_counts([r.id for r in page.items]),
        can_post=rfq.can_post_request(current_user),
    )


@bp.route("/quotes")
@login_required
def my_quotes():
    """The quotes of the user's businesses, with the requests they answer."""
    page = rfq.my_quotes_page(current_user, page_number(), page_size())
    return render_template("buyers/my_quotes.html", page=page)
