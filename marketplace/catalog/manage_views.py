"""Product pages for their owners, OVOP nomination and curation, CSV export (on the catalog `bp`)."""

from flask import (
    Response,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    stream_with_context,
    url_for,
)
from flask_login import current_user, login_required

from marketplace.businesses import services as business_services
from marketplace.catalog import csv_export, images, ovop, services
from marketplace.catalog.forms import ImagesForm, OvopRatingForm, ProductForm
from marketplace.catalog.models import CHANNEL_LABELS, MAX_IMAGES, OVOP_CRITERIA, STATUS_LABELS, STATUSES
from marketplace.catalog.views import bp
from marketplace.extensions import db
from marketplace.i18n import gettext as _
from marketplace.i18n import ngettext
from marketplace.mail import external_url
from marketplace.markdown import plain_text
from marketplace.media import ImageRejected
from marketplace.pagination import page_number
from marketplace.security import is_safe_next
from marketplace.sentra import services as sentra_services


def _refuse(action, thing):
    current_app.logger.warning(
        "catalog: user %s refused to %s %s (%s %s)",
        current_user.get_id() if current_user.is_authenticated else "anonymous", action, thing,
        request.method, request.path,
    )
    abort(403)


def _managed_business(slug):
    """The business by slug (404) whose products the current user manages (403 otherwise)."""
    business = business_services.get_by_slug(slug)
    if not services.can_manage_products(current_user, business):
        _refuse("manage products of", business.slug)
    return business


def _product_for(product_id, allowed, action):
    """The product (404 when the user may not even see it) that `allowed` lets the user `action` (403)."""
    product = services.get_product(product_id)
    if not services.can_view(current_user, product):
        abort(404)  # a draft's existence is private
    if not allowed(current_user, product):
        _refuse(action, product.id)
    return product


def _editable_product(product_id):
    """The product the user may edit (see _product_for)."""
    return _product_for(product_id, services.can_edit, "edit product")


def product_path(product):
    """The public page of a product (the catalogue's stable URL /products/<id>)."""
    if "catalog.detail" in current_app.view_functions:
        return url_for("catalog.detail", product_id=product.id)
    return f"{request.script_root}/products/{product.id}"


def _back(default):
    target = request.form.get("next", "")
    return redirect(target if is_safe_next(target) else default, code=303)


@bp.context_processor
def _manage_helpers():
    """Labels and helpers the owner pages share."""
    return {
        "product_path": product_path, "status_labels": STATUS_LABELS, "channel_labels": CHANNEL_LABELS,
        "allowed_actions": services.allowed_actions, "action_labels": services.ACTION_LABELS,
    }


# ---- the owner's list and editor -------------------------------------------------------------


@bp.route("/ikm/<slug>/products")
@login_required
def owner_products(slug):
    """The owner's list of a business's products in every status, with a status filter."""
    business = _managed_business(slug)
    status = request.args.get("status", "")
    if status not in STATUS_LABELS:
        status = ""
    return render_template(
        "catalog/manage/list.html", business=business, status=status, statuses=STATUSES,
        counts=services.status_counts(business),
        products=services.owner_products(business, page_number(), status or None),
        ovop_allowed=services.is_sentra_member(business),
    )


def _render_form(form, business, product):
    status = 422 if form.errors else 200
    if form.errors:
        current_app.logger.info("product form refused on %s: fields %s", request.path,
                                ", ".join(sorted(form.errors)))
    return render_template("catalog/manage/form.html", form=form, business=business, product=product,
                           max_images=MAX_IMAGES), status


@bp.route("/ikm/<slug>/products/new", methods=["GET", "POST"])
@login_required
def new_product(slug):
    """The owner adds a product: saved as a draft, or published at once when it is complete."""
    business = _managed_business(slug)
    form = ProductForm(ovop_allowed=services.is_sentra_member(business))
    if form.validate_on_submit():
        try:
            product = services.create_product(current_user, business, form.product_values(),
                                              publish=form.publishing)
        except services.PublicationRefused as refused:
            db.session.rollback()
            form.add_problems(refused.problems)
        else:
            db.session.commit()
            flash(_("The product is published.") if product.is_published
                  else _("The product is saved as a draft. Add pictures, then publish it."), "success")
            return redirect(url_for(".product_images", product_id=product.id), code=303)
    return _render_form(form, business, None)


@bp.route("/products/<int:product_id>/edit", methods=["GET", "POST"])
@login_required
def edit_product(product_id):
    """The owner changes a product; a published one must keep meeting the publication rules."""
    product = _editable_product(product_id)
    form = ProductForm(data=services.product_values(product),
                       ovop_allowed=services.is_sentra_member(product.business),
                       published=product.is_published)
    if form.validate_on_submit():
        try:
            if form.publish.data and not product.is_published:
                services.update_product(current_user, product, form.product_values())
                services.change_status(current_user, product, "publish")
            else:
                services.update_product(current_user, product, form.product_values())
        except services.PublicationRefused as refused:
            db.session.rollback()
            form.add_problems(refused.problems)
        except services.CatalogError as problem:
            db.session.rollback()
            flash(str(problem), "error")
        else:
            db.session.commit()
            flash(_("Your changes are saved."), "success")
            return redirect(url_for(".owner_products", slug=product.business.slug), code=303)
    return _render_form(form, product.business, product)


@bp.route("/products/<int:product_id>/status", methods=["POST"])
@login_required
def product_status(product_id):
    """Publish, unpublish, archive or send a product back to draft."""
    product = _editable_product(product_id)
    action = request.form.get("action", "")
    try:
        services.change_status(current_user, product, action)
    except services.PublicationRefused as refused:
        db.session.rollback()
        # Show what is missing beside the fields, in the editor.
        form = ProductForm(formdata=None, data=services.product_values(product),
                           ovop_allowed=services.is_sentra_member(product.business))
        form.add_problems(refused.problems)
        flash(_("This product cannot be published yet. Complete the highlighted fields."), "error")
        return _render_form(form, product.business, product)
    except services.CatalogError as problem:
        db.session.rollback()
        flash(str(problem), "error")
        return _back(url_for(".owner_products", slug=product.business.slug))
    db.session.commit()
    messages = {
        "publish": _("The product is published."),
        "unpublish": _("The product is no longer shown to buyers."),
        "archive": _("The product is archived."),
        "draft": _("The product is a draft again."),
    }
    flash(messages[action], "success")
    return _back(url_for(".owner_products", slug=product.business.slug))


# ---- pictures ----------------------------------------------------------------------------------


def _render_images(form, product, status=200):
    return render_template("catalog/manage/images.html", form=form, product=product,
                           max_images=MAX_IMAGES), status


@bp.route("/products/<int:product_id>/images", methods=["GET", "POST"])
@login_required
def product_images(product_id):
    """The product's pictures: upload up to eight, reorder, remove; the first is the cover."""
    product = _editable_product(product_id)
    form = ImagesForm()
    if form.validate_on_submit():
        try:
            added, skipped = images.add_images(current_user, product, form.images.data or [])
        except (services.CatalogError, ImageRejected) as problem:
            db.session.rollback()
            form.images.errors = list(form.images.errors) + [str(problem)]
            return _render_images(form, product, 422)
        db.session.commit()
        flash(ngettext("%(num)d picture added.", "%(num)d pictures added.", added), "success")
        if skipped:
            flash(_("Pictures that were already in the gallery were not added twice."), "info")
        return redirect(url_for(".product_images", product_id=product.id), code=303)
    return _render_images(form, product, 422 if form.errors else 200)


@bp.route("/products/<int:product_id>/images/order", methods=["POST"])
@login_required
def reorder_product_images(product_id):
    """Put the pictures in the order of the numbers typed beside them."""
    product = _editable_product(product_id)
    positions = {}
    for item in product.images:
        raw = request.form.get(f"position-{item.id}", "").strip()
        if raw.isdigit():
            positions[item.id] = int(raw)
    images.reorder_images(current_user, product, positions)
    db.session.commit()
    flash(_("The new order is saved."), "success")
    return redirect(url_for(".product_images", product_id=product.id), code=303)


@bp.route("/products/<int:product_id>/images/<int:item_id>/move", methods=["POST"])
@login_required
def move_product_image(product_id, item_id):
    """Move one picture a place up or down."""
    product = _editable_product(product_id)
    direction = request.form.get("direction", "")
    if direction not in ("up", "down"):
        abort(400)
    images.move_image(current_user, product, item_id, direction)
    db.session.commit()
    return redirect(url_for(".product_images", product_id=product.id, _anchor=f"picture-{item_id}"),
                    code=303)


@bp.route("/products/<int:product_id>/images/<int:item_id>/remove", methods=["POST"])
@login_required
def remove_product_image(product_id, item_id):
    """Take one picture out of the gallery."""
    product = _editable_product(product_id)
    images.remove_image(current_user, product, item_id)
    db.session.commit()
    flash(_("The picture was removed."), "success")
    return redirect(url_for(".product_images", product_id=product.id), code=303)


# ---- OVOP: nomination by the sentra, rating by curators ----------------------------------------


def _managed_sentra(slug):
    sentra = sentra_services.get_by_slug(slug)
    if not sentra_services.can_manage(current_user, sentra):
        _refuse("manage OVOP nominations of", sentra.slug)
    return sentra


def _nominatable(product_id):
    return _product_for(product_id, ovop.can_nominate, "nominate")


@bp.route("/sentra/<slug>/ovop")
@login_required
def sentra_ovop(slug):
    """The sentra's OVOP nominations and the member products it could nominate."""
    sentra = _managed_sentra(slug)
    nominated = ovop.nominations(sentra)
    return render_template(
        "catalog/manage/sentra_ovop.html", sentra=sentra, nominated=nominated,
        limit=ovop.ovop_limit(), candidates=ovop.nomination_candidates(sentra, page_number()),
    )


def _change_nomination(product_id, change, success):
    """Nominate or withdraw (`change`), say how it went and go back to the sentra's OVOP page."""
    product = _nominatable(product_id)
    try:
        change(current_user, product)
    except services.CatalogError as problem:
        db.session.rollback()
        flash(str(problem), "error")
    else:
        db.session.commit()
        flash(success(product.title), "success")
    return _back(url_for(".sentra_ovop", slug=product.sentra.slug))


@bp.route("/products/<int:product_id>/ovop/nominate", methods=["POST"])
@login_required
def nominate_product(product_id):
    """A sentra manager puts a member's product forward for OVOP curation."""
    return _change_nomination(
        product_id, ovop.nominate,
        lambda title: _("%(title)s is nominated. An OVOP curator will rate it.", title=title),
    )


@bp.route("/products/<int:product_id>/ovop/withdraw", methods=["POST"])
@login_required
def withdraw_product(product_id):
    """A sentra manager withdraws a nomination (and the stars it earned)."""
    return _change_nomination(
        product_id, ovop.withdraw_nomination,
        lambda title: _("The nomination of %(title)s is withdrawn.", title=title),
    )


def _require_curator():
    if not ovop.can_rate(current_user):
        _refuse("rate", "OVOP products")


@bp.route("/ovop/curation")
@login_required
def ovop_curation():
    """The curators' queue: nominated products never rated, or nominated again since."""
    _require_curator()
    rated = request.args.get("show") == "rated"
    return render_template(
        "catalog/manage/curation.html", rated=rated,
        products=ovop.curation_queue(page_number(), rated=rated), waiting=ovop.queue_count(),
        can_rate=lambda product: ovop.can_rate(current_user, product),
    )


@bp.route("/products/<int:product_id>/ovop/rate", methods=["GET", "POST"])
@login_required
def rate_product(product_id):
    """A curator scores each OVOP criterion, gives overall stars and writes a note."""
    _require_curator()
    product = services.get_product(product_id)
    if product.ovop_nominated_at is None:
        abort(404)
    if not ovop.can_rate(current_user, product):
        _refuse("rate their own business's product", product.id)
    rating = product.ovop_rating
    data = None
    if rating is not None:
        data = {code: getattr(rating, code) for code, _label in OVOP_CRITERIA}
        data.update(stars=rating.stars, note=rating.note)
    form = OvopRatingForm(data=data)
    if form.validate_on_submit():
        scores = {code: getattr(form, code).data for code, _label in OVOP_CRITERIA}
        try:
            ovop.rate(current_user, product, scores, form.stars.data, form.note.data)
        except services.CatalogError as problem:
            db.session.rollback()
            flash(str(problem), "error")
        else:
            db.session.commit()
            flash(_("Your assessment of %(title)s is saved.", title=product.title), "success")
            return redirect(url_for(".ovop_curation"), code=303)
    return render_template(
        "catalog/manage/rate.html", form=form, product=product, criteria=OVOP_CRITERIA,
        snippet=plain_text(product.description, 400),
    ), 422 if form.errors else 200


# ---- CSV export --------------------------------------------------------------------------------


def _csv_response(query, filename):
    home = external_url("main.index").rstrip("/")

    def url(product):
        return f"{home}/products/{product.id}"

    lines = csv_export.csv_lines(query, url)
    response = Response(stream_with_context(lines), mimetype="text/csv")
    response.headers["Content-Type"] = "text/csv; charset=utf-8"
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.route("/ikm/<slug>/products.csv")
@login_required
def business_csv(slug):
    """All products of a business (every status) as a spreadsheet, for its owner or an admin."""
    business = _managed_business(slug)
    return _csv_response(csv_export.business_csv_query(current_user, business),
                         f"{business.slug}-products.csv")


@bp.route("/sentra/<slug>/products.csv")
@login_required
def sentra_csv(slug):
    """The published products of a sentra's member businesses, for its managers or an admin."""
    sentra = _managed_sentra(slug)
    return _csv_response(csv_export.sentra_csv_query(current_user, sentra), f"{sentra.slug}-products.csv")
