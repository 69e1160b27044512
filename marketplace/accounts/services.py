"""Account operations: register, confirm emails, authenticate, change and reset passwords."""

import hashlib
import hmac
from datetime import timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app, g, render_template, session
from flask_babel import force_locale
from flask_login import current_user, login_user, logout_user
from itsdangerous import BadData, URLSafeTimedSerializer
from limits import parse_many
from sqlalchemy import select, update
from sqlalchemy.orm import contains_eager

from marketplace.accounts.models import KIND_BUYER, User
from marketplace.extensions import db, limiter
from marketplace.i18n import gettext, lazy_gettext
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
    if user.email_confirmed_at is None:  # only confirmed accounts ever get a session
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
    """Create an unconfirmed account (added to the session), or None when the email is taken.

    The password is hashed in both cases, so a taken address does not answer faster. Buyer
    details are kept for buyers only.
    """
    password_hash = hash_password(password)
    if find_by_email(email) is not None:
        return None
    user = User(
        kind=kind,
        display_name=display_name.strip(),
        email=normalise_email(email),
        password_hash=password_hash,
        locale=locale,
        session_version=1,
    )
    if kind == KIND_BUYER:
        user.company_name = (company_name or "").strip() or None
        user.country = country or None
        user.buyer_type = buyer_type or None
    db.session.add(user)
    return user


def update_settings(user, display_name, locale, company_name=None, country=None, buyer_type=None,
                    notify_email=None):
    """Save a user's own settings; buyer details only change for buyers."""
    user.display_name = display_name.strip()
    user.locale = locale
    if notify_email:
        user.notify_email = notify_email
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


def _token_user(serializer, token, max_age):
    """The active user a signed, timed token names, with the token's data; (None, None) if invalid."""
    try:
        data = serializer.loads(token, max_age=max_age)
    except BadData:
        return None, None
    if not isinstance(data, dict) or not isinstance(data.get("uid"), int):
        return None, None
    user = db.session.get(User, data["uid"])
    if user is None or not user.active:
        return None, None
    return user, data


def user_for_reset_token(token, max_age=None):
    """The user a still-valid reset token belongs to, or None (expired, tampered or used)."""
    if max_age is None:
        max_age = current_app.config["RESET_TOKEN_MAX_AGE"]
    user, data = _token_user(_reset_serializer(), token, max_age)
    if user is None or not hmac.compare_digest(str(data.get("pw", "")), _hash_fingerprint(user)):
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


# ---- email confirmation -------------------------------------------------------------------

CONFIRM_SALT = "confirm-email"
CONFIRM_SUBJECT = lazy_gettext("Confirm your email address for Sentra Nusantara")
ALREADY_REGISTERED_SUBJECT = lazy_gettext("Someone tried to register with your email address")


def _confirm_serializer():
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=CONFIRM_SALT)


def make_confirm_token(user):
    """A signed, timed token naming the user and the address the link was mailed to."""
    return _confirm_serializer().dumps({"uid": user.id, "email": user.email})


def user_for_confirm_token(token, max_age=None):
    """The active user a still-valid confirmation token belongs to, or None (expired or tampered).

    The user may be confirmed already: the caller decides what a second visit does.
    """
    if max_age is None:
        max_age = current_app.config["CONFIRM_TOKEN_MAX_AGE"]
    user, data = _token_user(_confirm_serializer(), token, max_age)
    if user is None or not hmac.compare_digest(str(data.get("email", "")), user.email):
        return None
    return user


def confirm_email(user):
    """Record that the person opened the link mailed to their address."""
    if user.email_confirmed_at is None:
        user.email_confirmed_at = utcnow()
    return user


def _account_mail_allowed(email):
    """At most RATELIMIT_ACCOUNT_MAIL account mails to one address, whichever page asked for them.

    Over the limit the mail is quietly not sent (the pages answer the same either way), so that
    nobody can flood an inbox through registration, login or the resend form.
    """
    items = parse_many(current_app.config["RATELIMIT_ACCOUNT_MAIL"])
    key = email_fingerprint(email)
    strategy = limiter.limiter
    if not all(strategy.test(item, "account-mail", key) for item in items):
        current_app.logger.warning("Account mail to %s held back: too many", key)
        return False
    for item in items:
        strategy.hit(item, "account-mail", key)
    return True


def _send_account_mail(user, subject, template, **context):
    """Render and send an account mail in the user's language (if the address may get one now)."""
    if not _account_mail_allowed(user.email):
        return False
    locale = user.locale or current_app.config["BABEL_DEFAULT_LOCALE"]
    with force_locale(locale):
        subject = str(subject)  # a lazy string: translated now, in the user's language
        body = render_template(template, user=user, **context)
    return send_mail(user.email, subject, body)


def _confirm_link(user):
    return external_url("accounts.confirm_email", token=make_confirm_token(user))


def confirm_days():
    """How many days a confirmation link works."""
    return max(1, current_app.config["CONFIRM_TOKEN_MAX_AGE"] // (24 * 60 * 60))


def send_confirmation(user):
    """Mail `user` a link to confirm their address and finish creating the account."""
    return _send_account_mail(
        user, CONFIRM_SUBJECT, "accounts/email/confirm_email.txt",
        link=_confirm_link(user), days=confirm_days(),
    )


def send_already_registered(email):
    """Tell the owner of `email` that someone tried to register with it: log in or reset instead.

    An owner who never confirmed the address gets a new confirmation link in the same mail.
    """
    user = find_by_email(email)
    if user is None or not user.active:  # gone meanwhile, or closed: nothing to offer
        return False
    current_app.logger.info("Registration tried with the email of user %s", user.id)
    unconfirmed = user.email_confirmed_at is None
    return _send_account_mail(
        user, ALREADY_REGISTERED_SUBJECT, "accounts/email/already_registered.txt",
        login_link=external_url("accounts.login"), reset_link=external_url("accounts.reset_request"),
        confirm_link=_confirm_link(user) if unconfirmed else None, days=confirm_days(),
    )


def resend_confirmation(email):
    """Mail a new confirmation link when an active, unconfirmed account has this email; say nothing."""
    user = find_by_email(email)
    if user is None or not user.active or user.email_confirmed_at is not None:
        current_app.logger.info("New confirmation link asked for %s: nothing to send",
                                email_fingerprint(email))
        return False
    return send_confirmation(user)
