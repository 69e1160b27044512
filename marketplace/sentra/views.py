"""Sentra pages: the directory, branding pages and their editor.

The gallery, members and invitations are in members_views.py, on the same blueprint.
"""

import re

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import format_decimal
from flask_login import current_user, login_required

from marketplace import phones, reference
from marketplace.catalog import queries as catalog_queries
from marketplace.extensions import db
from marketplace.forms import save_image_field
from marketplace.forum import guides as forum_guides
from marketplace.i18n import gettext as _
from marketplace.pagination import page_number
from marketplace.sentra import services
from marketplace.sentra.forms import DirectoryFilterForm, SentraForm, new_sentra_form_data, sentra_form_data
from marketplace.sentra.models import role_label, status_label

bp = Blueprint("sentra", __name__)
PARAGRAPH_BREAK = re.compile(r"\n\s*\n")

# One wording of membership roles and statuses on every page: {{ m.role|role }}.
bp.app_template_filter("role")(role_label)
bp.app_template_filter("membership_status")(status_label)


# ---- helpers -----------------------------------------------------------------------------


def managed_sentra(slug):
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
    result = services.directory(filters, page_number())

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
        businesses=services.member_businesses(sentra, page_number()),
        board=services.board(sentra),
        membership=services.membership_of(current_user, sentra),
        manager=services.can_manage(current_user, sentra),
        whatsapp_url=phones.whatsapp_url(sentra.whatsapp),
        products=catalog_queries.sentra_showcase(sentra),
        forum=forum_guides.sentra_forum(sentra, current_user),
        whatsapp_display=phones.display_phone(sentra.whatsapp),
        phone_href=phones.tel_href(sentra.phone),
    )


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
    sentra = managed_sentra(slug)
    form = SentraForm(data=sentra_form_data(sentra), allow_verify=current_user.is_admin)
    if form.validate_on_submit():
        logo, banner, ok = _save_pictures(form, form.name.data)
        if ok:
            unverified = services.update_sentra(
                current_user, sentra, form.sentra_fields(), form.facility_choices(),
                form.programme_rows(), logo=logo, banner=banner, verified=_verified_value(form),
            )
            db.session.commit()
            flash(_("The sentra page was saved."), "success")
            if unverified:
                flash(_("The name, province or commodity changed, so the sentra is no longer marked "
                        "as verified. A platform admin will check it and verify it again."), "warning")
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


# The gallery, members and invitations: registered on `bp` when this module is imported.
from marketplace.sentra import members_views  # noqa: E402, F401
