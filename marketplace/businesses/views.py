"""Business (IKM unit) pages: create, public profile, edit."""

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from marketplace import phones
from marketplace.businesses import services
from marketplace.businesses.forms import BusinessForm
from marketplace.catalog import queries as catalog_queries
from marketplace.extensions import db
from marketplace.forms import save_image_field
from marketplace.i18n import gettext as _
from marketplace.mail import external_url
from marketplace.pagination import page_number

bp = Blueprint("businesses", __name__)


def _log_refused(action, business=None):
    current_app.logger.warning(
        "authorisation refused: user %s may not %s business %s",
        current_user.get_id() if current_user.is_authenticated else "anonymous",
        action, business.slug if business else "-",
    )


def _render_form(form, business):
    """The profile form again (first visit, refreshed sentra list, or refused with the errors)."""
    if form.errors:
        current_app.logger.info(
            "business form refused on %s: fields %s", request.path, ", ".join(sorted(form.errors))
        )
    status = 400 if form.errors else 200
    return render_template("businesses/form.html", form=form, business=business), status


def _flash_membership(membership):
    """Tell the owner when their business does not show in the chosen sentra yet, and why."""
    if membership is None or membership.is_active:
        return
    if membership.is_invited:
        flash(
            _("%(sentra)s has invited you. Accept the invitation on the sentra's page so that your "
              "business shows as a member.", sentra=membership.sentra.name),
            "info",
        )
    else:
        flash(
            _("You asked to join %(sentra)s. Your business shows as a member once the sentra's "
              "board approves you.", sentra=membership.sentra.name),
            "info",
        )


def _save_logo(form, business_name):
    """Store an uploaded logo; False when it was refused (the error is beside the field)."""
    logo = save_image_field(form.logo, current_user, alt=_("Logo of %(name)s", name=business_name))
    return logo, not form.logo.errors


@bp.route("/ikm/new", methods=["GET", "POST"])
@login_required
def create():
    """A business owner publishes the profile of their IKM unit."""
    if not services.can_create(current_user):
        _log_refused("create")
        return render_template("businesses/buyer_refused.html"), 403
    preselected = services.get_sentra_by_slug(request.args.get("sentra", ""))
    form = BusinessForm(data={"sentra": preselected.id} if preselected else None)
    # "Show the sentra of this province" only redraws the form; nothing is saved then.
    if not form.refreshing and form.validate_on_submit():
        logo, logo_ok = _save_logo(form, form.name.data)
        if logo_ok:
            business, membership = services.create_business(
                current_user, form.profile_values(), logo=logo
            )
            db.session.commit()
            flash(_("Your business profile is published."), "success")
            _flash_membership(membership)
            return redirect(url_for(".detail", slug=business.slug))
        db.session.rollback()
    return _render_form(form, None)


@bp.route("/ikm/<slug>")
def detail(slug):
    """The public profile of a business."""
    business = services.get_by_slug(slug)
    membership = services.owner_membership(business)
    is_owner = current_user.is_authenticated and current_user.id == business.owner_id
    return render_template(
        "businesses/detail.html",
        business=business,
        is_owner=is_owner,
        can_edit=services.can_edit(current_user, business),
        sentra_active=membership is not None and membership.is_active,
        sentra_requested=membership is not None,
        sentra_invited=membership is not None and membership.is_invited,
        whatsapp_url=phones.whatsapp_url(business.whatsapp),
        whatsapp_display=phones.display_phone(business.whatsapp),
        phone_href=phones.tel_href(business.phone),
        products=catalog_queries.business_products(business, page_number()),
    )


@bp.route("/ikm/<slug>/whatsapp", methods=["POST"])
def whatsapp(slug):
    """Count a 'Chat on WhatsApp' click on the profile, then open the chat with a greeting."""
    business = services.get_by_slug(slug)
    text = _("Hello %(business)s, I found your profile on Sentra Nusantara: %(url)s",
             business=business.name, url=external_url("businesses.detail", slug=business.slug))
    target = phones.whatsapp_url(business.whatsapp, text=text)
    if target is None:
        abort(404)
    if services.count_whatsapp_click(current_user, business):
        db.session.commit()
    return redirect(target, 303)


@bp.route("/ikm/<slug>/edit", methods=["GET", "POST"])
@login_required
def edit(slug):
    """The owner (or an admin) changes the profile; nothing is saved unless all of it is valid."""
    business = services.get_by_slug(slug)
    if not services.can_edit(current_user, business):
        _log_refused("edit", business)
        abort(403)
    form = BusinessForm(data=services.profile_values(business))
    # "Show the sentra of this province" only redraws the form; nothing is saved then.
    if not form.refreshing and form.validate_on_submit():
        logo, logo_ok = _save_logo(form, form.name.data)
        if logo_ok:
            try:
                membership = services.update_business(
                    current_user, business, form.profile_values(), logo=logo
                )
            except services.NotAllowed:
                db.session.rollback()
                abort(403)
            db.session.commit()
            flash(_("Your changes are saved."), "success")
            _flash_membership(membership)
            return redirect(url_for(".detail", slug=business.slug))
        db.session.rollback()
    return _render_form(form, business)
