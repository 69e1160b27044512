"""What members type in the forum: tags, @mentions, quotes and inserted pictures.

Mentions are written `@Display_Name`, with underscores for the spaces of the display name
(`@Siti_Aminah`), matched without regard to case. They are found in the Markdown a member typed
(outside code and outside quoted lines, so quoting a post does not mention its mentions again)
and highlighted in the sanitised HTML as a span, never as a link.
"""

import re

from markupsafe import Markup
from slugify import slugify

from marketplace.markdown import render_markdown

MAX_TAGS = 5
MAX_TAG_LENGTH = 40
MAX_MENTIONS = 10

# @ + a name of letters, digits, underscores, dots, apostrophes and hyphens that ends in a
# letter or digit; not when glued to a word before it (e-mail addresses, @@).
MENTION_RE = re.compile(r"(?<![\w@/])@(\w(?:[\w.'\-]*\w)?)")
_FENCED_CODE = re.compile(r"^(```|~~~).*?^\1", re.MULTILINE | re.DOTALL)
_INDENTED_CODE = re.compile(r"^(?: {4}|\t).*$", re.MULTILINE)
_INLINE_CODE = re.compile(r"`[^`\n]*`")
_QUOTED_LINE = re.compile(r"^\s{0,3}>.*$", re.MULTILINE)
_TAG_OR_TEXT = re.compile(r"(<[^>]*>)")
_SKIP_INSIDE = {"a", "code", "pre"}
_ALT_UNSAFE = re.compile(r"[\[\]()\\\n\r`*_<>]")


def normalise_tags(text):
    """'Pewarna Alami, tapis,  TAPIS' -> ['pewarna-alami', 'tapis'] (order kept, no limit applied)."""
    tags = []
    for raw in (text or "").split(","):
        tag = slugify(raw, max_length=MAX_TAG_LENGTH, word_boundary=True)
        if tag and tag not in tags:
            tags.append(tag)
    return tags


def mention_handle(display_name):
    """How to mention a person: 'Siti Aminah' -> 'Siti_Aminah'."""
    return "_".join((display_name or "").split())


def mentioned_names(body):
    """The lower-cased display names mentioned in a Markdown text (code and quotes left out)."""
    text = _FENCED_CODE.sub("", body or "")
    text = _INDENTED_CODE.sub("", text)
    text = _INLINE_CODE.sub("", text)
    text = _QUOTED_LINE.sub("", text)
    names = []
    for match in MENTION_RE.finditer(text):
        name = " ".join(match.group(1).replace("_", " ").split()).lower()
        if name and name not in names:
            names.append(name)
    return names


def highlight_mentions(html):
    """Wrap @mentions in the text of sanitised HTML in <span class="mention">, outside links and code."""
    parts = _TAG_OR_TEXT.split(str(html))
    skip = 0
    for index, part in enumerate(parts):
        if part.startswith("<"):
            name = part[1:].lstrip("/").split(None, 1)[0].rstrip(">").lower() if len(part) > 2 else ""
            if name in _SKIP_INSIDE and not part.endswith("/>"):
                skip += -1 if part.startswith("</") else 1
                skip = max(skip, 0)
        elif part and not skip and "@" in part:
            parts[index] = MENTION_RE.sub(r'<span class="mention">@\1</span>', part)
    return Markup("".join(parts))  # noqa: S704 - input was sanitised; only our own span is added


def render_post(body):
    """A post's Markdown as sanitised HTML with its mentions highlighted."""
    return highlight_mentions(render_markdown(body))


def quote_markdown(post, intro):
    """A Markdown quote of `post` for the reply box: the intro line (which mentions the author) and
    the post's text as a block quote."""
    lines = (post.body or "").replace("\r\n", "\n").strip().split("\n")
    quoted = "\n".join(f"> {line}" if line.strip() else ">" for line in lines)
    return f"{intro}\n{quoted}\n\n"


def image_markdown(image, alt):
    """The Markdown that shows an uploaded picture inside a post (own uploads only, medium size)."""
    clean_alt = " ".join(_ALT_UNSAFE.sub(" ", alt or "").split())[:150]
    return f"![{clean_alt}](/media/{image.hash}-medium.webp)"
