"""Helpers the browser journeys share (test_journeys.py, the marketplace and forum journeys).

Labels and buttons are found by role and by their visible text, looked up in the site's own
catalogue for the language the page is in (`t`): a message not translated yet shows its English
text on the Indonesian page, exactly as a visitor sees it, and the journeys keep working.
"""

import re

from flask_babel import force_locale
from flask_babel import gettext as babel_gettext
from flask_babel import ngettext as babel_ngettext
from PIL import Image
from playwright.sync_api import expect

PASSWORD = "sentra-demo"  # the demo accounts' published password
BROWSER = {"locale": "id-ID", "timezone_id": "Asia/Jakarta"}


def lang(page_or_locale):
    if isinstance(page_or_locale, str):
        return page_or_locale
    return page_or_locale.locator("html").get_attribute("lang")


def t(server, page_or_locale, message, **params):
    """`message` as the site shows it in the page's language (or in the given locale)."""
    with server.app.test_request_context("/"), force_locale(lang(page_or_locale)):
        return babel_gettext(message, **params)


def tn(server, page_or_locale, singular, plural, num, **params):
    """A plural message as the site shows it in the page's language."""
    with server.app.test_request_context("/"), force_locale(lang(page_or_locale)):
        return babel_ngettext(singular, plural, num, **params)


def watch(page):
    """Console errors and uncaught exceptions of a page (a CSP violation is one)."""
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


def log_in(server, page, email, password=PASSWORD):
    page.goto(server.url + "/login")
    page.get_by_label(t(server, page, "Email address"), exact=True).fill(email)
    page.get_by_label(t(server, page, "Password"), exact=True).fill(password)
    page.get_by_role("main").get_by_role("button", name=t(server, page, "Log in"), exact=True).click()
    expect(page.get_by_role("button", name=t(server, page, "Log out"), exact=True)).to_be_visible()


def switch_to(page, code):
    page.get_by_role("button", name=code.upper(), exact=True).click()
    expect(page.locator("html")).to_have_attribute("lang", code)


def header_link(server, page, name):
    """A link of the header's main navigation whose text starts with `name` (it may carry a count)."""
    navigation = page.get_by_role("banner").get_by_role("navigation")
    return navigation.get_by_role("link", name=re.compile(rf"^{re.escape(t(server, page, name))}\b"))


def header_count(server, page, name):
    """The number shown beside a header link (Inbox, Notifications); 0 when none is shown."""
    text = header_link(server, page, name).inner_text()
    match = re.search(r"(\d+)\s*$", text)
    return int(match.group(1)) if match else 0


def png(path, colour=(128, 24, 40), size=(240, 240)):
    Image.new("RGB", size, colour).save(path, "PNG")
    return path
