"""Account pages (placeholder until the accounts area is written)."""

from flask import Blueprint

bp = Blueprint("accounts", __name__)


@bp.route("/login", methods=["GET", "POST"])
def login():
    return "login"


@bp.route("/register", methods=["GET", "POST"])
def register():
    return "register"


@bp.route("/logout", methods=["POST"])
def logout():
    return "logout"


@bp.route("/account", methods=["GET", "POST"])
def account():
    return "account"
