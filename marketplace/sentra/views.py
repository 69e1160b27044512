"""Sentra pages: the directory, branding pages, their editor, gallery and members."""

import re

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import format_decimal
from flask_login import current_user, login_required

from marketplace import reference
from marketplace.extensions import db
from marketplace.forms import save_image_field
from marketplace.i18n import gettext as _
from marketplace.sentra import services
from marketplace.sentra.forms import (
    TITLE_SUGGESTIONS,
    AddMemberForm,
    ConfirmForm,
    DirectoryFilterForm,
    MemberRoleForm,
    PhotoForm,
    SentraForm,
    new_sentra_form_data,
    sentra_form_data,
)
from marketplace.sentra.models import ROLE_ANGGOTA
from marketplace.sentra.services import SentraError

bp = Blueprint("sentra", __name__)
PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


# ---- helpers -----------------------------------------------------------------------------


def _page():
    return max(request.args.get("page", 1, type=int) or 1, 1)


def _managed(slug):
    """The sentra by slug (404) that the current user may manage (403 otherwise)."""
    sentra = services.get_by_slug(slug)
    if not services.can_manage(current_user, sentra):
        current_app.logger.warning(
            "sentra: user %s refused management of %s (%s %s)",
            current_user.get_id(), sentra.slug, request.method, request.path,
        )
        abort(403)
    return sentra


def story_paragraphs(story):
    """The story split on blank lines; each paragraph a list of its lines."""
    paragraphs = [p.strip() for p in PARAGRAPH_BREAK.split((story or "").replace("\r\n", "\n"))]
    return [p.splitlines() for p in paragraphs if p]


def _summary(sentra, limit=200):
    """The tagline, or the start of the story, for meta descriptions."""
    text = sentra.tagline or " ".join((sentra.story or "").split())
    if not text:
        return _("%(name)s: a sentra IKM of %(commodity)s in %(province)s.", name=sentra.name,
                 commodity=reference.commodity_label(sentra.commodity),
                 province=reference.province_name(sentra.province))
    if len(text) > limit:
        text = text[: limit - 1].rsplit(" ", 1)[0] + "…"
    return text


def _external_image_url(image, variant="large"):
    return url_for("media.image_file", filename=f"{image.hash}-{variant}.webp", _external=True)


# ---- directory ---------------------------------------------------------------------------


@bp.route("/sentra")
def index():
    """The directory: filter by province, commodity and a name search, with counts."""
    filters = services.clean_filters(request.args)
    result = services.directory(filters, _page())

    def filter_url(**changes):
        args = {**filters, **changes}
        return url_for("sentra.index", **{k: v for k, v in args.items() if v})

    province_counts = dict(result.province_counts)
    commodity_counts = dict(result.commodity_counts)
    form = DirectoryFilterForm(data={k: v or "" for k, v in filters.items()})
    form.province.choices = [("", _("All provinces"))] + [
        (slug, f"{name} ({format_decimal(province_counts.get(slug, 0))})")
        for _code, slug, name in sorted(reference.PROVINCES, key=lambda p: p[2])
        if slug in province_counts or slug == filters["province"]
    ]
    commodity_choices = {None: [("", _("All commodities"))]}
    for group, items in reference.COMMODITY_GROUPS:
        options = [(slug, f"{label} ({format_decimal(commodity_counts.get(slug, 0))})")
                   for slug, label in items
                   if slug in commodity_counts or slug == filters["commodity"]]
        if options:
            commodity_choices[str(group)] = options
    form.commodity.choices = commodity_choices

    chosen = []
    if filters["q"]:
        chosen.append((_("Search: %(q)s", q=filters["q"]), filter_url(q=None)))
    if filters["province"]:
        chosen.append((_("Province: %(name)s", name=reference.province_name(filters["province"])),
                       filter_url(province=None)))
    if filters["commodity"]:
        chosen.append((_("Commodity: %(name)s", name=reference.commodity_label(filters["commodity"])),
                       filter_url(commodity=None)))
    return render_template(
        "sentra/index.html", result=result, form=form, filters=filters, chosen=chosen,
        filter_url=filter_url,
    )


# ---- branding page -----------------------------------------------------------------------


@bp.route("/sentra/<slug>")
def detail(slug):
    """A sentra's branding page: story, place, facilities, board, member businesses, gallery."""
    sentra = services.get_by_slug(slug)
    picture = sentra.banner or sentra.logo
    return render_template(
        "sentra/detail.html",
        sentra=sentra,
        paragraphs=story_paragraphs(sentra.story),
        summary=_summary(sentra),
        og_image=_external_image_url(picture) if picture else None,
        businesses=services.member_businesses(sentra, _page()),
        board=services.board(sentra),
        membership=services.membership_of(current_user, sentra),
        manager=services.can_manage(current_user, sentra),
        whatsapp_digits=re.sub(r"\D", "", sentra.whatsapp or ""),
        phone_href=re.sub(r"[^0-9+]", "", sentra.phone or ""),
    )


@bp.post("/sentra/<slug>/join")
@login_required
def join(slug):
    """Ask to join the sentra as anggota; a manager approves the request."""
    sentra = services.get_by_slug(slug)
    if current_user.is_buyer:
        current_app.logger.warning("sentra: buyer %s refused joining %s", current_user.get_id(), sentra.slug)
        abort(403)
    form = ConfirmForm()
    if not form.validate_on_submit():
        abort(400)
    existing = services.membership_of(current_user, sentra)
    services.request_membership(current_user, sentra)
    db.session.commit()
    if existing is None:
        flash(_("Your request to join this sentra was sent. A manager of the sentra will answer it."),
              "success")
    elif existing.is_active:
        flash(_("You are already a member of this sentra."), "info")
    else:
        flash(_("Your request to join this sentra is waiting for a manager's answer."), "info")
    return redirect(url_for("sentra.detail", slug=sentra.slug))


# ---- editor ------------------------------------------------------------------------------


def _save_pictures(form, name):
    """Store the uploaded logo and banner; (logo, banner, ok) where ok is False on a refusal."""
    logo = save_image_field(form.logo, current_user, alt=_("Logo of %(name)s", name=name))
    banner = save_image_field(form.banner, current_user, alt=_("Banner of %(name)s", name=name))
    return logo, banner, not (form.logo.errors or form.banner.errors)


def _verified_value(form):
    return form.verified.data if form.verified is not None else None


@bp.route("/sentra/<slug>/edit", methods=["GET", "POST"])
@login_required
def edit(slug):
    """The branding page editor for the sentra's managers and admins."""
    sentra = _managed(slug)
    form = SentraForm(data=sentra_form_data(sentra), allow_verify=current_user.is_admin)
    if form.validate_on_submit():
        logo, banner, ok = _save_pictures(form, form.name.data)
        if ok:
            services.update_sentra(
                current_user, sentra, form.sentra_fields(), form.facility_choices(),
                form.programme_rows(), logo=logo, banner=banner, verified=_verified_value(form),
            )
            db.session.commit()
            flash(_("The sentra page was saved."), "success")
            return redirect(url_for("sentra.detail", slug=sentra.slug))
        db.session.rollback()  # drop the picture that was accepted alongside a refused one
    status = 400 if request.method == "POST" else 200
    return render_template("sentra/edit.html", form=form, sentra=sentra), status


@bp.route("/sentra/new", methods=["GET", "POST"])
@login_required
def new():
    """Create a sentra (platform admins only); its slug comes from the name."""
    if not current_user.is_admin:
        current_app.logger.warning("sentra: user %s refused sentra creation", current_user.get_id())
        abort(403)
    form = SentraForm(data=new_sentra_form_data(), allow_verify=True)
    if form.validate_on_submit():
        logo, banner, ok = _save_pictures(form, form.name.data)
        if ok:
            sentra = services.create_sentra(
                current_user, form.sentra_fields(), form.facility_choices(), form.programme_rows(),
                logo=logo, banner=banner, verified=bool(form.verified.data),
            )
            db.session.commit()
            flash(_("The sentra %(name)s was created.", name=sentra.name), "success")
            return redirect(url_for("sentra.detail", slug=sentra.slug))
        db.session.rollback()
    status = 400 if request.method == "POST" else 200
    return render_template("sentra/edit.html", form=form, sentra=None), status


# ---- gallery -----------------------------------------------------------------------------


@bp.route("/sentra/<slug>/photos", methods=["GET", "POST"])
@login_required
def photos(slug):
    """The gallery manager: upload a photo with a caption, delete photos."""
    sentra = _managed(slug)
    form = PhotoForm()
    if form.validate_on_submit():
        image = save_image_field(form.image, current_user,
                                 alt=form.caption.data or _("Photo of %(name)s", name=sentra.name))
        if image is not None:
            try:
                services.add_photo(current_user, sentra, image, form.caption.data)
            except SentraError as problem:
                form.image.errors = list(form.image.errors) + [str(problem)]
            else:
                db.session.commit()
                flash(_("The photo was added to the gallery."), "success")
                return redirect(url_for("sentra.photos", slug=sentra.slug))
        db.session.rollback()
    status = 400 if request.method == "POST" else 200
    return render_template("sentra/photos.html", sentra=sentra, form=form,
                           delete_form=ConfirmForm(formdata=None)), status


@bp.post("/sentra/<slug>/photos/<int:photo_id>/delete")
@login_required
def delete_photo(slug, photo_id):
    """Remove one photo of this sentra from its gallery."""
    sentra = _managed(slug)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    services.delete_photo(current_user, sentra, photo_id)
    db.session.commit()
    flash(_("The photo was deleted."), "success")
    return redirect(url_for("sentra.photos", slug=sentra.slug))


# ---- members -----------------------------------------------------------------------------


def _render_members(sentra, role_forms=None, row_errors=None, add_form=None, status=200):
    """The members page; failed forms are passed in so they show what was typed and why."""
    members = services.active_members(sentra, _page())
    pending, pending_total = services.pending_requests(sentra)
    role_forms = dict(role_forms or {})
    for membership in members.items:
        role_forms.setdefault(membership.id, MemberRoleForm(
            formdata=None, data={"role": membership.role, "title": membership.title},
            membership_id=membership.id,
        ))
    return render_template(
        "sentra/members.html", sentra=sentra, members=members, pending=pending,
        pending_total=pending_total, role_forms=role_forms, row_errors=row_errors or {},
        add_form=add_form or AddMemberForm(formdata=None, data={"role": ROLE_ANGGOTA}),
        confirm_form=ConfirmForm(formdata=None), title_suggestions=TITLE_SUGGESTIONS,
    ), status


def _back_to_members(sentra):
    return redirect(url_for("sentra.members", slug=sentra.slug, page=request.args.get("page", type=int)))


@bp.route("/sentra/<slug>/members")
@login_required
def members(slug):
    """Pending requests and active members, each with its own small forms."""
    return _render_members(_managed(slug))


def _confirmed_membership(slug, membership_id):
    """The managed sentra and its membership for a button-only POST (CSRF checked)."""
    sentra = _managed(slug)
    membership = services.get_membership(sentra, membership_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    return sentra, membership


@bp.post("/sentra/<slug>/members/<int:membership_id>/approve")
@login_required
def approve_member(slug, membership_id):
    """Accept a pending join request."""
    sentra, membership = _confirmed_membership(slug, membership_id)
    try:
        services.approve_membership(current_user, sentra, membership.id)
    except SentraError as problem:
        flash(str(problem), "error")
    else:
        db.session.commit()
        flash(_("%(name)s is now a member of the sentra.", name=membership.user.display_name), "success")
    return _back_to_members(sentra)


@bp.post("/sentra/<slug>/members/<int:membership_id>/reject")
@login_required
def reject_member(slug, membership_id):
    """Turn down a pending join request."""
    sentra, membership = _confirmed_membership(slug, membership_id)
    name = membership.user.display_name
    try:
        services.reject_membership(current_user, sentra, membership.id)
    except SentraError as problem:
        flash(str(problem), "error")
    else:
        db.session.commit()
        flash(_("The request of %(name)s was turned down.", name=name), "success")
    return _back_to_members(sentra)


@bp.post("/sentra/<slug>/members/<int:membership_id>/role")
@login_required
def member_role(slug, membership_id):
    """Change an active member's role and board title."""
    sentra = _managed(slug)
    membership = services.get_membership(sentra, membership_id)
    form = MemberRoleForm(membership_id=membership.id)
    if form.validate_on_submit():
        try:
            services.set_member_role(current_user, sentra, membership.id, form.role.data, form.title.data)
        except SentraError as problem:
            form.role.errors = list(form.role.errors) + [str(problem)]
        else:
            db.session.commit()
            flash(_("The role of %(name)s was saved.", name=membership.user.display_name), "success")
            return _back_to_members(sentra)
    return _render_members(sentra, role_forms={membership.id: form}, status=400)


@bp.post("/sentra/<slug>/members/<int:membership_id>/remove")
@login_required
def remove_member(slug, membership_id):
    """Remove a member; their businesses leave the sentra with them."""
    sentra, membership = _confirmed_membership(slug, membership_id)
    name = membership.user.display_name
    try:
        services.remove_member(current_user, sentra, membership.id)
    except SentraError as problem:
        return _render_members(sentra, row_errors={membership.id: str(problem)}, status=400)
    db.session.commit()
    flash(_("%(name)s is no longer a member of the sentra.", name=name), "success")
    return _back_to_members(sentra)


@bp.post("/sentra/<slug>/members/add")
@login_required
def add_member(slug):
    """Add a person who already has an account, by email, with a role."""
    sentra = _managed(slug)
    form = AddMemberForm()
    if form.validate_on_submit():
        try:
            membership = services.add_member_by_email(
                current_user, sentra, form.email.data, form.role.data, form.title.data
            )
        except SentraError as problem:
            form.email.errors = list(form.email.errors) + [str(problem)]
        else:
            db.session.commit()
            flash(_("%(name)s is now a member of the sentra.", name=membership.user.display_name),
                  "success")
            return _back_to_members(sentra)
    return _render_members(sentra, add_form=form, status=400)
