"""Language choice: the user's setting, then the session, then Accept-Language, then Indonesian."""

from flask import current_app, request, session
from flask_babel import gettext, lazy_gettext, ngettext  # noqa: F401  (re-exported)
from flask_login import current_user

LANGUAGE_NAMES = {"id": "Bahasa Indonesia", "en": "English"}


def select_locale():
    """Pick the interface language for this request."""
    languages = current_app.config["LANGUAGES"]
    if current_user and current_user.is_authenticated and current_user.locale in languages:
        return current_user.locale
    chosen = session.get("lang")
    if chosen in languages:
        return chosen
    return request.accept_languages.best_match(languages, default=languages[0])
