"""The notifications page: list, open one (marks it read), mark all read."""

from flask import Blueprint, abort, current_app, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from marketplace.extensions import db
from marketplace.notifications import services
from marketplace.pagination import page_number
from marketplace.security import is_safe_next
from marketplace.templating import register_header_count

bp = Blueprint("notifications", __name__)


@bp.route("/notifications")
@login_required
def index():
    """The user's notifications, newest first, unread ones marked."""
    page = services.notifications_page(current_user, page_number(), per_page=current_app.config["PAGE_SIZE"])
    return render_template("notifications/index.html", page=page, describe=services.describe)


def _own_notification(notification_id):
    """The current user's notification with this id; 404 for anyone else's."""
    notification = services.get_own(current_user, notification_id)
    if notification is None:
        abort(404)
    return notification


def _go_to(notification):
    """To what the notification is about (a local address only), else back to the list."""
    return redirect(notification.url if is_safe_next(notification.url) else url_for("notifications.index"))


@bp.route("/notifications/<int:notification_id>/open", methods=["POST"])
@login_required
def open_link(notification_id):
    """Mark one notification read and go to what it is about."""
    notification = _own_notification(notification_id)
    services.mark_read(notification)
    db.session.commit()
    return _go_to(notification)


@bp.route("/notifications/<int:notification_id>/open", methods=["GET"])
@login_required
def open_from_mail(notification_id):
    """A link from a mail: go to what it is about (the page it opens marks it read)."""
    return _go_to(_own_notification(notification_id))


@bp.route("/notifications/read", methods=["POST"])
@login_required
def read_all():
    """Mark every notification read."""
    services.mark_all_read(current_user)
    db.session.commit()
    return redirect(url_for("notifications.index", page=request.args.get("page", type=int)))


register_header_count("notifications", services.unread_count)
