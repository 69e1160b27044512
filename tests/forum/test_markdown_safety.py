"""Posts are Markdown, rendered and sanitised: nothing a member types can run script, style the page,
embed other sites or track readers, however it is written."""

import re
from html.parser import HTMLParser

import pytest

from marketplace.forum.text import highlight_mentions, mentioned_names, normalise_tags
from marketplace.markdown import plain_text, render_markdown
from tests.forum.core import Tapis, client_for, html_of, make_post, make_topic, send

PAYLOADS = [
    "<script>alert('xss')</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)><circle r=10></svg>",
    "<svg><script>alert(1)</script></svg>",
    "<iframe src=\"https://evil.example\"></iframe>",
    "<object data=\"javascript:alert(1)\"></object>",
    "<embed src=\"https://evil.example/x.swf\">",
    "<style>body{display:none}</style>",
    "<p style=\"position:fixed;top:0\">overlay</p>",
    "<a href=\"javascript:alert(1)\">klik</a>",
    "[klik](javascript:alert(1))",
    "[klik](JaVaScRiPt:alert(1))",
    "[klik](java&#x09;script:alert(1))",
    "[klik](&#106;avascript:alert(1))",
    "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[vb](vbscript:msgbox(1))",
    "![x](javascript:alert(1))",
    "![pelacak](https://tracker.example/pixel.gif)",
    "![data](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    "<a href=\"https://evil.example\" onclick=\"alert(1)\">x</a>",
    "<div onmouseover=\"alert(1)\">arahkan</div>",
    "<form action=\"https://evil.example\"><input name=p></form>",
    "<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example\">",
    "<base href=\"https://evil.example/\">",
    "<link rel=stylesheet href=https://evil.example/x.css>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<<script>script>alert(1)<</script>/script>",
    "<scr<script>ipt>alert(1)</script>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "`<script>alert(1)</script>` and ```\n<script>alert(2)</script>\n```",
    "[unclosed](javascript:alert(1)",
    "<a href='https://x.example'>unclosed",
    "<details open ontoggle=alert(1)>",
    "<video><source onerror=alert(1)></video>",
    "<img src=\"/media/0123456789abcdef-medium.webp\" onerror=alert(1)>",
    "\"><script>alert(1)</script>",
    "<!-- <script>alert(1)</script> -->",
    "<![CDATA[<script>alert(1)</script>]]>",
    "[a](https://example.org \"title\\\" onmouseover=alert(1) x=\\\"\")",
    "[rel](//evil.example/x) [back](\\\\evil.example) [rel2](foo:bar)",
]

ALLOWED_TAGS = {
    "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "strong", "em", "del", "s", "code", "pre",
    "blockquote", "ul", "ol", "li", "a", "img", "table", "thead", "tbody", "tr", "th", "td", "span",
}
ALLOWED_ATTRIBUTES = {"href", "title", "rel", "src", "alt", "start", "align", "class"}
OWN_IMAGE = re.compile(r"^/media/[0-9a-f]{16,64}-(thumb|medium|large)\.webp$")


class MarkupCheck(HTMLParser):
    """Collects every real tag and attribute of a fragment (escaped text is only text)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []

    def handle_starttag(self, tag, attrs):
        if tag not in ALLOWED_TAGS:
            self.problems.append(f"tag <{tag}>")
        for name, value in attrs:
            value = (value or "").strip()
            if name not in ALLOWED_ATTRIBUTES or name.startswith("on"):
                self.problems.append(f"attribute {name} on <{tag}>")
            if name == "href" and not re.match(r"^(https?://|mailto:|/(?![/\\])|#)", value, re.I):
                self.problems.append(f"link {value!r}")
            if name == "src" and not OWN_IMAGE.match(value):
                self.problems.append(f"image {value!r}")
            if name == "class" and value != "mention":
                self.problems.append(f"class {value!r}")
            if tag == "a" and name == "href" and "nofollow" not in dict(attrs).get("rel", ""):
                self.problems.append("link without rel=nofollow")

    handle_startendtag = handle_starttag

    def handle_comment(self, data):
        self.problems.append("comment")


def problems_in(fragment):
    check = MarkupCheck()
    check.feed(fragment)
    check.close()
    return check.problems


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payload_is_harmless_once_rendered(payload):
    html = str(highlight_mentions(render_markdown(payload)))
    assert problems_in(html) == [], html


def posts_of(page):
    """The posts of a topic page, without their action buttons (our own markup)."""
    bodies = re.findall(r'<div class="post-body">(.*?)</div>\n', page, re.S)
    return bodies


def test_no_payload_survives_in_the_topic_page(app, client, db):
    w = Tapis()
    topic = make_topic(w.subject, w.siti, title="Contoh format tulisan", body=PAYLOADS[0])
    for payload in PAYLOADS[1:]:
        make_post(topic, w.rini, body=payload)
    app.config["FORUM_POSTS_PER_PAGE"] = len(PAYLOADS)
    page = html_of(client.get(f"/forum/t/{topic.id}"))
    bodies = posts_of(page)
    assert len(bodies) == len(PAYLOADS)
    for body in bodies:
        assert problems_in(body) == [], body
    raw_tags = ("<script", "<iframe", "<svg", "<style", "<object", "<embed", "<img src=x",
                '<a href="javascript')
    for tag in raw_tags:
        found = re.findall(re.escape(tag) + r"[^>]*", page.lower())
        # As text they are escaped (&lt;script...); only the site's own deferred script remains.
        assert all(tag == "<script" and 'src="/static/js/' in f for f in found), found
    assert "tracker.example/pixel.gif\"" not in page


def test_a_payload_sent_through_the_form_is_stored_as_typed_and_shown_harmless(app, db):
    w = Tapis()
    topic = make_topic(w.subject, w.siti, title="Contoh format tulisan")
    rini = client_for(app, w.rini)
    body = "<script>alert(1)</script> **tebal** <img src=x onerror=alert(1)>"
    assert send(rini, f"/forum/t/{topic.id}/reply", {"body": body}).status_code == 302
    page = html_of(rini.get(f"/forum/t/{topic.id}"))
    assert "<strong>tebal</strong>" in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>alert(1)" not in page and "<img src=x" not in page


def test_useful_markdown_survives_with_safe_links():
    html = str(render_markdown(
        "## Langkah\n\n1. **Rendam** benang\n2. *Celup*\n\n> kutipan\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n"
        "`kode` ~~coret~~ [toko](https://contoh.id/toko) ![foto](/media/0123456789abcdef-medium.webp)"
    ))
    for tag in ("<h2>", "<ol>", "<strong>", "<em>", "<blockquote>", "<table>", "<code>", "<s>"):
        assert tag in html, tag
    assert '<a href="https://contoh.id/toko" rel="nofollow ugc noopener">toko</a>' in html
    assert '<img src="/media/0123456789abcdef-medium.webp" alt="foto">' in html


def test_mentions_are_highlighted_only_in_text():
    html = str(highlight_mentions(render_markdown(
        "Halo @Siti_Aminah! Email siti@tapis.id, `@kode` dan [@tautan](https://contoh.id)"
    )))
    assert '<span class="mention">@Siti_Aminah</span>!' in html
    assert "siti@tapis.id" in html and '<span class="mention">@tapis' not in html
    assert "<code>@kode</code>" in html
    assert '">@tautan</a>' in html


def test_mention_names_are_read_like_a_member_writes_them():
    body = "@Siti_Aminah, @hj._nurhayati. @Budi @Siti_Aminah email@tapis.id\n> @Dikutip\n`@kode`"
    assert mentioned_names(body) == ["siti aminah", "hj. nurhayati", "budi"]


def test_tags_become_short_lowercase_slugs():
    tags = normalise_tags(" Pewarna Alami, tapis,TAPIS , , Kain  Ikat ")
    assert tags == ["pewarna-alami", "tapis", "kain-ikat"]
    assert normalise_tags("") == []


def test_snippets_are_plain_text():
    assert plain_text("**Tebal** <script>x</script> & [tautan](https://a.example)", 80) == \
        "Tebal <script>x</script> & tautan"
