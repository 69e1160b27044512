"""Account operations: register, authenticate, change and reset passwords."""

import hashlib
import hmac
from datetime import timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app, g, render_template, session
from flask_babel import force_locale
from flask_login import current_user, login_user, logout_user
from itsdangerous import BadData, URLSafeTimedSerializer
from sqlalchemy import select, update
from sqlalchemy.orm import contains_eager

from marketplace.accounts.models import KIND_BUYER, User
from marketplace.extensions import db
from marketplace.i18n import gettext
from marketplace.mail import external_url, send_mail
from marketplace.timeutil import utcnow

hasher = PasswordHasher()
LAST_SEEN_EVERY = timedelta(minutes=15)
# A hash to verify against when the email is unknown, so timing does not reveal accounts.
_DUMMY_HASH = hasher.hash("not-a-real-password-for-timing")


def normalise_email(email):
    """Emails are compared case-insensitively: store them stripped and lower-cased."""
    return (email or "").strip().lower()


def hash_password(password):
    """Hash a password with Argon2id."""
    return hasher.hash(password)


def load_user(user_id):
    """Flask-Login loader: the id is '<user id>:<session version>'."""
    raw_id, _, version = (user_id or "").partition(":")
    if not raw_id.isdigit() or not version.isdigit():
        return None
    user = db.session.get(User, int(raw_id))
    if user is None or not user.active or user.session_version != int(version):
        return None
    return user


def find_by_email(email):
    """The user with this email, whatever its case, or None."""
    return db.session.scalar(select(User).where(User.email == normalise_email(email)))


def authenticate(email, password):
    """The active user with these credentials, or None (always spending the same effort)."""
    user = find_by_email(email)
    if user is None:
        try:
            hasher.verify(_DUMMY_HASH, password or "")
        except VerificationError:
            pass
        return None
    try:
        hasher.verify(user.password_hash, password or "")
    except (VerificationError, InvalidHashError):
        return None
    if hasher.check_needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    return user if user.active else None


def set_password(user, password):
    """Change a password and end every existing session of this user."""
    user.password_hash = hash_password(password)
    end_sessions(user)


def end_sessions(user):
    """Invalidate every session and remember-me cookie of this user."""
    user.session_version = (user.session_version or 1) + 1


def touch_last_seen():
    """Record when a user was last seen, at most once per quarter hour (no write per page)."""
    if not current_user.is_authenticated:
        return
    now = utcnow()
    seen = current_user.last_seen_at
    if seen is not None and seen.tzinfo is None:
        seen = seen.replace(tzinfo=now.tzinfo)
    if seen is None or now - seen > LAST_SEEN_EVERY:
        db.session.execute(update(User).where(User.id == current_user.id).values(last_seen_at=now))
        db.session.commit()
        current_app.logger.debug("last_seen updated for user %s", current_user.id)


# ---- registration and settings ------------------------------------------------------------


def register_user(kind, display_name, email, password, locale, company_name=None, country=None,
                  buyer_type=None):
    """Create an account (added to the session); buyer details are kept for buyers only."""
    user = User(
        kind=kind,
        display_name=display_name.strip(),
        email=normalise_email(email),
        password_hash=hash_password(password),
        locale=locale,
        session_version=1,
    )
    if kind == KIND_BUYER:
        user.company_name = (company_name or "").strip() or None
        user.country = country or None
        user.buyer_type = buyer_type or None
    db.session.add(user)
    return user


def update_settings(user, display_name, locale, company_name=None, country=None, buyer_type=None):
    """Save a user's own settings; buyer details only change for buyers."""
    user.display_name = display_name.strip()
    user.locale = locale
    if user.is_buyer:
        user.company_name = (company_name or "").strip() or None
        user.country = country or None
        user.buyer_type = buyer_type or None
    return user


def check_password(user, password):
    """True when `password` is this user's current password."""
    try:
        return hasher.verify(user.password_hash, password or "")
    except (VerificationError, InvalidHashError):
        return False


def owned_businesses(user):
    """The businesses this user owns, by name (a handful per person)."""
    from marketplace.businesses.models import Business

    return db.session.scalars(
        select(Business).where(Business.owner_id == user.id).order_by(Business.name)
    ).all()


def memberships_of(user):
    """The user's sentra memberships with their sentra loaded in the same query."""
    from marketplace.sentra.models import Membership, Sentra

    return db.session.scalars(
        select(Membership)
        .join(Membership.sentra)
        .options(contains_eager(Membership.sentra))
        .where(Membership.user_id == user.id)
        .order_by(Sentra.name)
    ).unique().all()


# ---- sessions -----------------------------------------------------------------------------


def _clear_session():
    """Empty the session (and the CSRF token cached for it), keeping the interface language."""
    lang = session.get("lang")
    session.clear()
    g.pop(current_app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token"), None)
    if lang:
        session["lang"] = lang


def start_session(user, remember=False):
    """Log `user` in on a fresh session, keeping only the chosen interface language."""
    _clear_session()
    login_user(user, remember=remember, fresh=True)


def close_session():
    """Log the current user out of this browser, keeping only the chosen interface language."""
    _clear_session()
    # After clearing: logout_user marks the remember-me cookie for deletion in the session.
    logout_user()


def email_fingerprint(email):
    """A short hash of an email address, for logs that must not hold the address itself."""
    return hashlib.sha256(normalise_email(email).encode()).hexdigest()[:16]


# ---- password reset -----------------------------------------------------------------------

RESET_SALT = "password-reset"


def _reset_serializer():
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=RESET_SALT)


def _hash_fingerprint(user):
    """Changes whenever the password hash changes, so a reset token works only once."""
    return hashlib.sha256(user.password_hash.encode()).hexdigest()[:32]


def make_reset_token(user):
    """A signed, timed token naming the user and their current password."""
    return _reset_serializer().dumps({"uid": user.id, "pw": _hash_fingerprint(user)})


def user_for_reset_token(token, max_age=None):
    """The user a still-valid reset token belongs to, or None (expired, tampered or used)."""
    if max_age is None:
        max_age = current_app.config["RESET_TOKEN_MAX_AGE"]
    try:
        data = _reset_serializer().loads(token, max_age=max_age)
    except BadData:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("uid"), int):
        return None
    user = db.session.get(User, data["uid"])
    if user is None or not user.active:
        return None
    if not hmac.compare_digest(str(data.get("pw", "")), _hash_fingerprint(user)):
        return None
    return user


def send_password_reset(email):
    """Mail a reset link when an active account has this email; say nothing either way."""
    user = find_by_email(email)
    if user is None or not user.active:
        current_app.logger.info("Password reset asked for unknown email %s", email_fingerprint(email))
        return False
    token = make_reset_token(user)
    locale = user.locale or current_app.config["BABEL_DEFAULT_LOCALE"]
    with force_locale(locale):
        link = external_url("accounts.reset_password", token=token)
        minutes = current_app.config["RESET_TOKEN_MAX_AGE"] // 60
        subject = gettext("Reset your Sentra Nusantara password")
        body = render_template(
            "accounts/email/reset_password.txt", user=user, link=link, minutes=minutes
        )
    return send_mail(user.email, subject, body)
