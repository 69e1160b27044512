"""Account operations: register, authenticate, change and reset passwords."""

from datetime import timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app
from flask_login import current_user
from sqlalchemy import select, update

from marketplace.accounts.models import User
from marketplace.extensions import db
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
