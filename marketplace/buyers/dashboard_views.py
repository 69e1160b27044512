"""Dashboards: a business owner's or buyer's own, and a sentra's for its managers (on `bp`)."""

from flask import render_template
from flask_login import current_user, login_required

from marketplace.buyers import dashboard_services as dashboards
from marketplace.buyers import services
from marketplace.buyers.models import CONVERSATION_STATUSES, QUOTE_STATUSES
from marketplace.buyers.views import bp, page_size, refuse
from marketplace.catalog.models import CHANNELS, STATUSES
from marketplace.pagination import page_number
from marketplace.sentra import services as sentra_services


@bp.route("/dashboard")
@login_required
def dashboard():
    """Business owners: their businesses' products, views, inquiries and quotes. Buyers: their
    requests, the quotes received and their conversations."""
    context = {"product_statuses": STATUSES, "inquiry_statuses": CONVERSATION_STATUSES,
               "quote_statuses": QUOTE_STATUSES}
    if current_user.is_buyer:
        context["buyer"] = dashboards.buyer_dashboard(current_user)
    else:
        businesses, figures, latest = dashboards.business_dashboard(current_user, page_number(), page_size())
        context.update(businesses=businesses, figures=figures, latest=latest)
    return render_template("buyers/dashboard.html", **context)


@bp.route("/sentra/<slug>/dashboard")
@login_required
def sentra_dashboard(slug):
    """A sentra's activity for its pengurus, pengelola and platform admins."""
    sentra = services.sentra_by_slug(slug)
    if not sentra_services.can_manage(current_user, sentra):
        refuse(f"open the dashboard of sentra {sentra.slug}")
    figures = dashboards.sentra_dashboard(current_user, sentra)
    return render_template(
        "buyers/sentra_dashboard.html", sentra=sentra, figures=figures, channels=CHANNELS,
        product_statuses=STATUSES, inquiry_statuses=CONVERSATION_STATUSES,
    )
