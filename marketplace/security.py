"""Security headers, safe redirects and throttled 'last seen' bookkeeping."""

from urllib.parse import urlsplit

from flask import current_app, request
from flask_login import current_user

CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "font-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'self'; "
    "object-src 'none'; frame-ancestors 'none'"
)


def is_safe_next(target):
    """True when `target` is a path on this site (no scheme, no host, no backslash tricks)."""
    if not target or not isinstance(target, str):
        return False
    if "\\" in target or any(ord(c) < 32 for c in target):
        return False
    parts = urlsplit(target)
    return not parts.scheme and not parts.netloc and target.startswith("/") and not target.startswith("//")


def _set_headers(response):
    """Add the security headers to every answer; personalised pages are never cached."""
    headers = response.headers
    headers.setdefault("Content-Security-Policy", CSP)
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("X-Frame-Options", "DENY")
    headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
    headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
    headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
    if current_app.config.get("SESSION_COOKIE_SECURE"):
        # Served over HTTPS only (production): browsers must never fall back to HTTP.
        headers.setdefault("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
    if request.blueprint != "media" and request.endpoint != "static":
        # Pages differ by login and language: caches must key on the cookie.
        response.vary.add("Cookie")
        response.vary.add("Accept-Language")
        if current_user.is_authenticated:
            headers["Cache-Control"] = "private, no-store"
    return response


def register(app):
    """Install the security header hook and the throttled last-seen update."""
    from marketplace.accounts.services import touch_last_seen

    app.before_request(touch_last_seen)
    app.after_request(_set_headers)
