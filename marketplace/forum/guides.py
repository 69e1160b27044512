"""Guides a sentra features on its branding page, and what that page shows of the forum.

A guide from a sentra's own board, or written by an active member of the sentra on a subject
board, can be featured by the sentra's pengurus, pengelola and UPT staff (admins for any sentra).
Functions add to the session and never commit.
"""

from dataclasses import dataclass

from sqlalchemy import false, or_, select
from werkzeug.exceptions import Forbidden

from marketplace.extensions import db
from marketplace.forum import permissions
from marketplace.forum.boards import board_of_sentra, sentra_board_slug
from marketplace.forum.models import KIND_GUIDE, Board, Topic
from marketplace.forum.services import TOPIC_VISIBLE
from marketplace.sentra.models import MANAGING_ROLES, ROLE_UPT, STATUS_ACTIVE, Membership, Sentra
from marketplace.timeutil import utcnow

FEATURING_ROLES = (*MANAGING_ROLES, ROLE_UPT)


def _signed_in(user):
    return bool(getattr(user, "is_authenticated", False))


def feature_choices(user, topic):
    """The sentra on whose page `user` may feature this guide.

    A guide from a sentra's board, or written by an active member of the sentra, can be featured by
    that sentra's pengurus, pengelola and UPT staff (admins for any of those sentra).
    """
    if not _signed_in(user) or topic.kind != KIND_GUIDE or not topic.is_visible:
        return []
    concerned = Sentra.id == topic.board.sentra_id if topic.board.sentra_id else false()
    if topic.author_id:
        concerned = or_(concerned, Sentra.id.in_(select(Membership.sentra_id).where(
            Membership.user_id == topic.author_id, Membership.status == STATUS_ACTIVE
        )))
    query = select(Sentra).where(concerned).order_by(Sentra.name)
    if not user.is_admin:
        query = query.where(Sentra.id.in_(select(Membership.sentra_id).where(
            Membership.user_id == user.id, Membership.status == STATUS_ACTIVE,
            Membership.role.in_(FEATURING_ROLES),
        )))
    return list(db.session.scalars(query))


def can_unfeature(user, topic):
    """The staff of the sentra that features the guide (and admins) may take it off the page."""
    if not _signed_in(user) or topic.featured_sentra_id is None:
        return False
    if user.is_admin:
        return True
    return permissions.sentra_roles(user, topic.featured_sentra_id) in FEATURING_ROLES


def feature_guide(actor, topic, sentra_id):
    """Show a guide on a sentra's branding page."""
    if sentra_id not in {s.id for s in feature_choices(actor, topic)}:
        raise Forbidden()
    topic.featured_sentra_id = sentra_id
    topic.featured_at = utcnow()


def unfeature_guide(actor, topic):
    """The guide no longer shows on the sentra's page."""
    if not can_unfeature(actor, topic):
        raise Forbidden()
    topic.featured_sentra_id = None
    topic.featured_at = None


def featured_guides(sentra, user, limit=3):
    """The guides a sentra features, newest feature first, from boards `user` may read."""
    return list(db.session.scalars(
        select(Topic).join(Board, Board.id == Topic.board_id)
        .where(Topic.featured_sentra_id == sentra.id, Topic.kind == KIND_GUIDE, TOPIC_VISIBLE,
               permissions.readable_boards_condition(user))
        .order_by(Topic.featured_at.desc(), Topic.id.desc()).limit(limit)
    ))


def sentra_board_topics(board, user, limit=5):
    """The latest topics of a sentra's board, when `user` may read it."""
    if board is None or not permissions.can_read(user, board):
        return []
    return list(db.session.scalars(
        select(Topic).where(Topic.board_id == board.id, TOPIC_VISIBLE)
        .order_by(Topic.last_post_at.desc(), Topic.id.desc()).limit(limit)
    ))


@dataclass
class SentraForum:
    """What a sentra's branding page shows of the forum."""

    board_slug: str  # the board's address; opening it creates the board when it is missing
    readable: bool  # False for a members-only board the viewer may not read
    guides: list
    topics: list


def sentra_forum(sentra, user, guides=3, topics=5):
    """Featured guides and the latest topics of the sentra's board, as far as `user` may read them."""
    board = board_of_sentra(sentra)
    readable = board is None or permissions.can_read(user, board)
    return SentraForum(
        board_slug=board.slug if board is not None else sentra_board_slug(sentra),
        readable=readable,
        guides=featured_guides(sentra, user, limit=guides),
        topics=sentra_board_topics(board, user, limit=topics) if board is not None else [],
    )
