"""Page numbers from the query string, and links to other pages of the same list."""

from urllib.parse import quote, urlencode

from flask import request

MAX_PAGE = 100_000  # far past any real list; keeps OFFSET arithmetic small


def page_number():
    """The `page` query argument as 1..MAX_PAGE; anything that is not a number is page 1."""
    raw = request.args.get("page", "").strip()
    if not (raw.isascii() and raw.isdigit()):  # refuses "", "abc", "-3", "1e9", "²"
        return 1
    digits = raw.lstrip("0")
    if len(digits) > len(str(MAX_PAGE)):  # huge numbers never reach int()
        return MAX_PAGE
    return min(max(int(digits or "0"), 1), MAX_PAGE)


def url_for_page(page):
    """The current address with `page` replaced, keeping every other query argument as sent.

    Built from the request path rather than url_for, so no query argument can act as a url_for
    keyword (_external, _anchor, endpoint...) or clash with a view argument (slug...).
    """
    args = [(key, value) for key, value in request.args.items(multi=True) if key != "page"]
    args.append(("page", str(page)))
    return quote(request.script_root + request.path) + "?" + urlencode(args)
