"""Favourite products and followed sentra (on `bp`)."""

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from marketplace.buyers import services
from marketplace.buyers.views import bp, page_size
from marketplace.extensions import db
from marketplace.i18n import gettext as _
from marketplace.pagination import page_number
from marketplace.security import is_safe_next


def _back(default):
    """Back to the page the button was on (a local path only), else `default`."""
    target = request.form.get("next", "")
    return redirect(target if is_safe_next(target) else default)


@bp.route("/products/<int:product_id>/favourite", methods=["POST"])
@login_required
def toggle_favourite(product_id):
    """Save a published product to the favourites, or remove it."""
    product, saved = services.toggle_favourite(current_user, product_id)
    db.session.commit()
    if saved:
        flash(_("“%(title)s” is saved in your favourites.", title=product.title), "success")
    else:
        flash(_("“%(title)s” is no longer in your favourites.", title=product.title), "info")
    return _back(url_for("buyers.favourites"))


@bp.app_template_global("buyers_saved")
def is_saved(product):
    """Whether the current user has saved this product (the product page's favourite button)."""
    return product.id in services.favourite_ids(current_user, [product.id])


@bp.route("/favourites")
@login_required
def favourites():
    """The products the user saved that are still published."""
    page = services.favourites_page(current_user, page_number(), page_size())
    return render_template("buyers/favourites.html", page=page)


@bp.route("/sentra/<slug>/follow", methods=["POST"])
@login_required
def toggle_follow(slug):
    """Follow a sentra, or stop following it."""
    sentra = services.sentra_by_slug(slug)
    following = services.toggle_follow(current_user, sentra)
    db.session.commit()
    if following:
        flash(_("You follow %(name)s now.", name=sentra.name), "success")
    else:
        flash(_("You no longer follow %(name)s.", name=sentra.name), "info")
    return _back(url_for("sentra.detail", slug=sentra.slug))


@bp.route("/following")
@login_required
def following():
    """The sentra the user follows."""
    page = services.following_page(current_user, page_number(), page_size())
    return render_template("buyers/following.html", page=page)


@bp.app_template_global("buyers_follow_state")
def follow_state(sentra):
    """(followers, whether the current user follows) for the follow button on a sentra page."""
    return services.follow_state(current_user, sentra.id)
