"""Sentra pages for people: joining, invitations, the members page and the gallery.

Registered on the sentra blueprint `bp` (imported at the end of views.py), so endpoint
names stay `sentra.<function>`.
"""

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from marketplace.extensions import db
from marketplace.forms import save_image_field
from marketplace.i18n import gettext as _
from marketplace.pagination import page_number
from marketplace.sentra import membership as memberships
from marketplace.sentra import services
from marketplace.sentra.forms import TITLE_SUGGESTIONS, AddMemberForm, ConfirmForm, MemberRoleForm, PhotoForm
from marketplace.sentra.models import ROLE_ANGGOTA, role_label
from marketplace.sentra.services import SentraError
from marketplace.sentra.views import bp, managed_sentra


def _require_confirmation():
    """A button-only POST must carry a valid CSRF token (400 otherwise)."""
    if not ConfirmForm().validate_on_submit():
        abort(400)


# ---- joining and invitations -------------------------------------------------------------


@bp.post("/sentra/<slug>/join")
@login_required
def join(slug):
    """Ask to join the sentra as anggota; a manager approves the request."""
    sentra = services.get_by_slug(slug)
    if current_user.is_buyer:
        current_app.logger.warning("sentra: buyer %s refused joining %s", current_user.get_id(), sentra.slug)
        abort(403)
    _require_confirmation()
    existing = services.membership_of(current_user, sentra)
    memberships.request_membership(current_user, sentra)
    db.session.commit()
    if existing is None:
        flash(_("Your request to join this sentra was sent. A manager of the sentra will answer it."),
              "success")
    elif existing.is_active:
        flash(_("You are already a member of this sentra."), "info")
    elif existing.is_invited:
        flash(_("This sentra has already invited you. Accept the invitation to become a member."), "info")
    else:
        flash(_("Your request to join this sentra is waiting for a manager's answer."), "info")
    return redirect(url_for("sentra.detail", slug=sentra.slug))


@bp.post("/sentra/<slug>/invitation/accept")
@login_required
def accept_invitation(slug):
    """The invited person accepts their own invitation (404 for anyone without one)."""
    sentra = services.get_by_slug(slug)
    _require_confirmation()
    membership = memberships.accept_invitation(current_user, sentra)
    db.session.commit()
    flash(_("You are now a member of %(sentra)s as %(role)s.", sentra=sentra.name,
            role=role_label(membership.role)), "success")
    return redirect(url_for("sentra.detail", slug=sentra.slug))


@bp.post("/sentra/<slug>/invitation/decline")
@login_required
def decline_invitation(slug):
    """The invited person declines their own invitation (404 for anyone without one)."""
    sentra = services.get_by_slug(slug)
    _require_confirmation()
    memberships.decline_invitation(current_user, sentra)
    db.session.commit()
    flash(_("You declined the invitation of %(sentra)s.", sentra=sentra.name), "success")
    return redirect(url_for("accounts.account"))


# ---- gallery -----------------------------------------------------------------------------


@bp.route("/sentra/<slug>/photos", methods=["GET", "POST"])
@login_required
def photos(slug):
    """The gallery manager: upload a photo with a caption, delete photos."""
    sentra = managed_sentra(slug)
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
    sentra = managed_sentra(slug)
    _require_confirmation()
    services.delete_photo(current_user, sentra, photo_id)
    db.session.commit()
    flash(_("The photo was deleted."), "success")
    return redirect(url_for("sentra.photos", slug=sentra.slug))


# ---- members -----------------------------------------------------------------------------


def _render_members(sentra, role_forms=None, row_errors=None, add_form=None, status=200):
    """The members page; failed forms are passed in so they show what was typed and why."""
    active = memberships.active_members(sentra, page_number())
    pending, pending_total = memberships.pending_requests(sentra)
    invited, invited_total = memberships.open_invitations(sentra)
    role_forms = dict(role_forms or {})
    for membership in active.items:
        role_forms.setdefault(membership.id, MemberRoleForm(
            formdata=None, data={"role": membership.role, "title": membership.title},
            membership_id=membership.id,
        ))
    return render_template(
        "sentra/members.html", sentra=sentra, members=active, pending=pending,
        pending_total=pending_total, invited=invited, invited_total=invited_total,
        role_forms=role_forms, row_errors=row_errors or {},
        add_form=add_form or AddMemberForm(formdata=None, data={"role": ROLE_ANGGOTA}),
        confirm_form=ConfirmForm(formdata=None), title_suggestions=TITLE_SUGGESTIONS,
    ), status


def _back_to_members(sentra):
    return redirect(url_for("sentra.members", slug=sentra.slug, page=page_number()))


@bp.route("/sentra/<slug>/members")
@login_required
def members(slug):
    """Join requests, open invitations and active members, each with its own small forms."""
    return _render_members(managed_sentra(slug))


def _confirmed_membership(slug, membership_id):
    """The managed sentra and its membership for a button-only POST (CSRF checked)."""
    sentra = managed_sentra(slug)
    membership = memberships.get_membership(sentra, membership_id)
    _require_confirmation()
    return sentra, membership


@bp.post("/sentra/<slug>/members/<int:membership_id>/approve")
@login_required
def approve_member(slug, membership_id):
    """Accept a pending join request."""
    sentra, membership = _confirmed_membership(slug, membership_id)
    try:
        memberships.approve_membership(current_user, sentra, membership.id)
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
        memberships.reject_membership(current_user, sentra, membership.id)
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
    sentra = managed_sentra(slug)
    membership = memberships.get_membership(sentra, membership_id)
    form = MemberRoleForm(membership_id=membership.id)
    if form.validate_on_submit():
        try:
            memberships.set_member_role(current_user, sentra, membership.id, form.role.data, form.title.data)
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
    """Remove a member (their businesses leave the sentra with them) or withdraw an invitation."""
    sentra, membership = _confirmed_membership(slug, membership_id)
    name, was_invited = membership.user.display_name, membership.is_invited
    try:
        memberships.remove_member(current_user, sentra, membership.id)
    except SentraError as problem:
        return _render_members(sentra, row_errors={membership.id: str(problem)}, status=400)
    db.session.commit()
    if was_invited:
        flash(_("The invitation of %(name)s was withdrawn.", name=name), "success")
    else:
        flash(_("%(name)s is no longer a member of the sentra.", name=name), "success")
    return _back_to_members(sentra)


@bp.post("/sentra/<slug>/members/add")
@login_required
def add_member(slug):
    """Invite a business owner by email, with a role (the answer does not say if the account exists)."""
    sentra = managed_sentra(slug)
    form = AddMemberForm()
    if form.validate_on_submit():
        try:
            membership = memberships.invite_member(
                current_user, sentra, form.email.data, form.role.data, form.title.data
            )
        except SentraError as problem:
            form.email.errors = list(form.email.errors) + [str(problem)]
        else:
            db.session.commit()
            if membership is not None and membership.is_active:  # they had asked to join: approved
                flash(_("%(name)s is now a member of the sentra.", name=membership.user.display_name),
                      "success")
            else:  # invited, or nobody to invite: the same answer, so the form reveals no accounts
                flash(_("If %(email)s has an account as a business owner, they now see your invitation "
                        "on their account page and become a member once they accept it.",
                        email=form.email.data), "success")
            return _back_to_members(sentra)
    return _render_members(sentra, add_form=form, status=400)
