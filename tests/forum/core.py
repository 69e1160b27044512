"""Helpers for the forum tests (boards, topics, posts, answers, notifications): people, browsers,
forms sent like a browser sends them, and small readers of pages and mail."""

import io
import re
from pathlib import Path

from PIL import Image as PILImage
from sqlalchemy import select

from marketplace.extensions import db as _db
from tests.conftest import csrf_from, make_membership, make_sentra, make_user
from tests.forum.conftest import client_for, days_ago, make_board, make_post, make_topic  # noqa: F401


def member(email, name, **fields):
    """A confirmed account old enough that the new-account posting limits do not apply."""
    fields.setdefault("created_at", days_ago(90))
    return make_user(email, display_name=name, **fields)


def send(browser, url, data=None, form_url=None, **kwargs):
    """POST like a browser: the CSRF token comes from the page holding the form (or the account page)."""
    page = browser.get(form_url or "/account")
    payload = dict(data or {})
    payload.setdefault("csrf_token", csrf_from(page.get_data(as_text=True)))
    return browser.post(url, data=payload, **kwargs)


def html_of(response):
    return response.get_data(as_text=True)


def fresh(instance):
    """The row as the database has it now."""
    _db.session.expire_all()
    _db.session.refresh(instance)
    return instance


def topic_by_title(title):
    from marketplace.forum.models import Topic

    _db.session.expire_all()
    return _db.session.scalar(select(Topic).where(Topic.title == title))


def post_number(topic, number):
    from marketplace.forum.models import Post

    _db.session.expire_all()
    return _db.session.scalar(select(Post).where(Post.topic_id == topic.id, Post.number == number))


def read_mails(app):
    """Every message the file mail backend has written so far, as text."""
    folder = Path(app.config["MAIL_FILE_PATH"])
    if not folder.exists():
        return []
    return [path.read_text(encoding="utf-8") for path in sorted(folder.iterdir()) if path.is_file()]


def mails_to(app, email):
    return [mail for mail in read_mails(app) if f"To: {email}\n" in mail]


def picture(fmt="JPEG", size=(400, 300), color=(40, 60, 160)):
    """An in-memory picture file for the test client."""
    out = io.BytesIO()
    PILImage.new("RGB", size, color).save(out, fmt)
    out.seek(0)
    return out


def post_ids_on_page(html):
    """The post numbers shown on a topic page, in order."""
    return [int(n) for n in re.findall(r'<article class="post[^"]*"\s+id="post-(\d+)"', html)]


class Tapis:
    """A sentra with its people, a subject board and the sentra's own board."""

    def __init__(self, members_only=False):
        self.sentra = make_sentra("tenun-tapis-bandar-lampung", name="Sentra Tenun Tapis")
        self.pengurus = member("ketua@tapis.id", "Rosmawati Yusuf")
        self.upt = member("upt@tapis.id", "Bayu Firmansyah")
        self.siti = member("siti@tapis.id", "Siti Aminah")
        self.rini = member("rini@tapis.id", "Rini Hasan")
        self.outsider = member("budi@gerabah.id", "Budi Santoso")
        self.moderator = member("mod@sentra.id", "Moderator Situs", is_moderator=True)
        make_membership(self.sentra, self.pengurus, role="pengurus")
        make_membership(self.sentra, self.upt, role="upt")
        make_membership(self.sentra, self.siti)
        make_membership(self.sentra, self.rini)
        self.subject = make_board("pewarnaan", name="Pewarnaan")
        self.board = make_board(slug="sentra-tenun-tapis-bandar-lampung", sentra=self.sentra,
                                visibility="members" if members_only else "public")
