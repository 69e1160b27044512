"""What a member may post right now: suspensions, posts per hour, and links from new members.

Called by the forum services before every topic, reply and edit (edits skip the hourly count:
fixing a typo is not another post).
"""

import re
from datetime import UTC, timedelta

from flask import current_app
from flask_babel import format_datetime
from sqlalchemy import func, select

from marketplace.extensions import db
from marketplace.forum.models import Post, Topic
from marketplace.forum.permissions import can_moderate, is_staff, is_suspended
from marketplace.i18n import gettext as _
from marketplace.i18n import ngettext
from marketplace.timeutil import utcnow

# [text](target) and ![alt](target); <scheme:...> autolinks; bare http(s):// and www. addresses.
_MARKDOWN_LINK = re.compile(r"(!?)\[[^\]]*\]\(\s*<?([^)\s>]*)>?(?:\s+[^)]*)?\)")
_AUTOLINK = re.compile(r"<(?:https?|mailto|ftp):[^>\s]+>", re.IGNORECASE)
_BARE_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>]+", re.IGNORECASE)


def count_links(body):
    """How many links `body` holds: Markdown links, autolinks and bare http(s) addresses.

    Images (`![alt](...)`) are not links; a URL is counted once even when written as a link.
    """
    text = body or ""
    links = 0

    def _markdown(match):
        nonlocal links
        if not match.group(1):
            links += 1
        return " "

    text = _MARKDOWN_LINK.sub(_markdown, text)
    links += len(_AUTOLINK.findall(text))
    text = _AUTOLINK.sub(" ", text)
    return links + len(_BARE_URL.findall(text))


def accepted_answer_count(user):
    """How many of `user`'s posts were accepted as the answer to a question."""
    return db.session.scalar(
        select(func.count()).select_from(Topic).join(Post, Post.id == Topic.accepted_post_id)
        .where(Post.author_id == user.id, Post.deleted_at.is_(None), Post.hidden_at.is_(None))
    ) or 0


def _aware(moment):
    return moment if moment is None or moment.tzinfo else moment.replace(tzinfo=UTC)


def posting_problem(user, board, body, new_post=True):
    """Why `user` may not post `body` in `board` now (suspension, rate limit, links), or None.

    new_post=False (an edit): the hourly limit does not apply, the others do.
    """
    config = current_app.config
    if is_suspended(user):
        return _("Your account is suspended from posting until %(date)s.",
                 date=format_datetime(_aware(user.suspended_until), "medium"))
    if new_post:
        problem = _hourly_limit_problem(user)
        if problem:
            return problem
    max_links = config["MAX_LINKS_NEW_USER"]
    if count_links(body) > max_links and not _trusted_with_links(user, board):
        return ngettext(
            "Until one of your answers is accepted, a post may hold at most %(num)d link.",
            "Until one of your answers is accepted, a post may hold at most %(num)d links.",
            max_links,
        )
    return None


def _hourly_limit_problem(user):
    """The hourly posting limit (lower for new accounts), as a sentence when it is reached."""
    config = current_app.config
    now = utcnow()
    created = _aware(user.created_at) or now
    is_new = created > now - timedelta(days=config["NEW_ACCOUNT_DAYS"])
    limit = config["NEW_ACCOUNT_POSTS_PER_HOUR"] if is_new else config["POSTS_PER_HOUR"]
    recent = db.session.scalar(
        select(func.count()).select_from(Post)
        .where(Post.author_id == user.id, Post.created_at >= now - timedelta(hours=1))
    ) or 0
    if recent < limit:
        return None
    if is_new:
        return ngettext(
            "New accounts may post %(num)d time an hour. Please wait a little before posting again.",
            "New accounts may post %(num)d times an hour. Please wait a little before posting again.",
            limit,
        )
    return ngettext(
        "You may post %(num)d time an hour. Please wait a little before posting again.",
        "You may post %(num)d times an hour. Please wait a little before posting again.",
        limit,
    )


def _trusted_with_links(user, board):
    """Staff, the board's moderators and members with enough accepted answers may post links."""
    if is_staff(user) or (board is not None and can_moderate(user, board)):
        return True
    return accepted_answer_count(user) >= current_app.config["TRUSTED_ACCEPTED_ANSWERS"]
