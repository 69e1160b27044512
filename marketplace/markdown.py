"""Markdown that members type (product descriptions, forum posts), rendered and then sanitised.

markdown-it-py renders CommonMark (with tables and strikethrough) with raw HTML switched off;
nh3 (the Rust `ammonia` sanitiser) then keeps only an allowlist of tags and attributes, so
nothing a member types can run script, style the page or load content from another host.
Links get rel="nofollow ugc" and open no new window; images are kept only when they point at
the site's own uploads (/media/...), so a post cannot track its readers with remote images.
"""

import re
from functools import lru_cache

import nh3
from markdown_it import MarkdownIt
from markupsafe import Markup

ALLOWED_TAGS = {
    "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "strong", "em", "del", "s", "code", "pre",
    "blockquote", "ul", "ol", "li", "a", "img", "table", "thead", "tbody", "tr", "th", "td",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title"},
    "ol": {"start"},
    "th": {"align"},
    "td": {"align"},
}
URL_SCHEMES = {"http", "https", "mailto"}
# Own uploads only: /media/<64 hex>-<variant>.webp, as marketplace.media serves them.
OWN_IMAGE = re.compile(r"^/media/[0-9a-f]{16,64}-(thumb|medium|large)\.webp$")
# Links: absolute web and mail addresses, paths on this site, anchors in the page.
LINK_TARGET = re.compile(r"^(https?://|mailto:|/(?![/\\])|#)", re.IGNORECASE)
# Bare mentions and links are written by members as plain text; markdown-it's linkify is off
# so that only explicit [text](url) links and <https://...> autolinks become anchors.


@lru_cache(maxsize=1)
def _parser():
    return MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable(
        ["table", "strikethrough"]
    )


def _filter_attribute(tag, attribute, value):
    """Drop image sources that are not our own uploads, and link targets that are neither web or mail
    addresses nor paths on this site (nh3 lets odd relative ones like `java%09script:` through)."""
    if tag == "img" and attribute == "src":
        return value if OWN_IMAGE.match(value) else None
    if tag == "a" and attribute == "href":
        return value if LINK_TARGET.match(value) else None
    return value


def sanitise_html(html):
    """Keep only the allowlisted tags and attributes of `html`; links get rel=nofollow ugc."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="nofollow ugc noopener",
        attribute_filter=_filter_attribute,
        strip_comments=True,
    )


def render_markdown(text):
    """Markdown text as safe HTML (Markup), ready for a template."""
    if not text:
        return Markup("")
    html = _parser().render(text)
    # An <img> whose src was dropped is useless; nh3 keeps the tag, so remove it here.
    cleaned = sanitise_html(html)
    cleaned = re.sub(r"<img(?![^>]*\ssrc=)[^>]*>", "", cleaned)
    return Markup(cleaned)  # noqa: S704 - sanitised by nh3 with an allowlist just above


def plain_text(text, length=None):
    """The words of a Markdown text without markup, e.g. for meta descriptions and snippets."""
    html = _parser().render(text or "")
    words = " ".join(nh3.clean(html, tags=set()).split())
    words = words.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')
    if length and len(words) > length:
        words = words[: length - 1].rsplit(" ", 1)[0] + "…"
    return words
