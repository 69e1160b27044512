"""Forum boards: the subject boards, sentra boards opened on first use, their settings, topic lists."""

from datetime import timedelta

from flask_babel import force_locale
from sqlalchemy import func, literal, select, union_all
from werkzeug.exceptions import Forbidden, NotFound

from marketplace.accounts.models import User
from marketplace.extensions import db
from marketplace.forum import permissions
from marketplace.forum.models import (
    BOARD_SENTRA,
    BOARD_SUBJECT,
    KIND_QUESTION,
    SUBJECT_BOARDS,
    TOPIC_KIND_LABELS,
    VISIBILITIES,
    Board,
    Post,
    Reaction,
    Topic,
    TopicTag,
)
from marketplace.forum.services import POST_VISIBLE, TOPIC_VISIBLE, ForumError
from marketplace.i18n import gettext as _
from marketplace.sentra.models import Sentra
from marketplace.timeutil import utcnow

SENTRA_BOARD_PREFIX = "sentra-"
HELPER_DAYS = 90


def ensure_subject_boards():
    """Create the subject boards that are missing (by slug); returns how many were created."""
    slugs = [slug for slug, _name, _description in SUBJECT_BOARDS]
    existing = set(db.session.scalars(select(Board.slug).where(Board.slug.in_(slugs))))
    created = 0
    with force_locale("en"):
        for position, (slug, name, description) in enumerate(SUBJECT_BOARDS):
            if slug in existing:
                continue
            db.session.add(Board(slug=slug, kind=BOARD_SUBJECT, name=str(name), description=str(description),
                                 position=position))
            created += 1
    if created:
        db.session.flush()
    return created


def subject_boards():
    """The public boards by subject, in their order."""
    return list(db.session.scalars(
        select(Board).where(Board.kind == BOARD_SUBJECT).order_by(Board.position, Board.id)
    ))


def subject_boards_missing(boards):
    """True when some subject board does not exist yet (a fresh site: /forum creates them)."""
    return {board.slug for board in boards} < {slug for slug, _name, _description in SUBJECT_BOARDS}


def sentra_boards_page(user, page, per_page):
    """The sentra boards `user` may read, latest activity first."""
    query = (
        select(Board).where(Board.kind == BOARD_SENTRA, permissions.readable_boards_condition(user))
        .order_by(Board.last_post_at.desc().nulls_last(), Board.name, Board.id)
    )
    return db.paginate(query, page=page, per_page=per_page, error_out=False)


def sentra_board_slug(sentra):
    return f"{SENTRA_BOARD_PREFIX}{sentra.slug}"[:140]


def board_of_sentra(sentra):
    """The sentra's board, or None when nobody opened it yet."""
    return db.session.scalar(select(Board).where(Board.sentra_id == sentra.id))


def ensure_sentra_board(sentra):
    """The sentra's board, created (public) on first use."""
    board = board_of_sentra(sentra)
    if board is None:
        board = Board(slug=sentra_board_slug(sentra), kind=BOARD_SENTRA, name=sentra.name, sentra=sentra,
                      sentra_id=sentra.id, description="")
        db.session.add(board)
        db.session.flush()
    return board


def find_board(slug):
    """The board with this slug; a sentra's board is added to the session when its sentra-<slug> is
    first opened (kept only when the request commits a write to it)."""
    board = db.session.scalar(select(Board).where(Board.slug == slug))
    if board is None and slug.startswith(SENTRA_BOARD_PREFIX):
        sentra = db.session.scalar(select(Sentra).where(Sentra.slug == slug[len(SENTRA_BOARD_PREFIX):]))
        if sentra is not None:
            board = ensure_sentra_board(sentra)
    return board


def readable_board(user, slug):
    """The board with this slug if `user` may read it; 404 otherwise (private boards do not exist)."""
    board = find_board(slug)
    if board is None or not permissions.can_read(user, board):
        raise NotFound()
    return board


def can_manage_board(user, board):
    """A sentra board's settings belong to the sentra's pengurus/pengelola (and admins)."""
    if board.kind != BOARD_SENTRA or board.sentra is None:
        return False
    from marketplace.sentra.services import can_manage

    return can_manage(user, board.sentra)


def set_board_visibility(actor, board, visibility):
    """Make a sentra board public or members-only."""
    if not can_manage_board(actor, board):
        raise Forbidden()
    if visibility not in dict(VISIBILITIES):
        raise ForumError(_("Choose who can read the board."))
    board.visibility = visibility
    board.name = board.sentra.name


# ---- lists -------------------------------------------------------------------------------------


def topics_page(board, page, per_page, kind=None, tag=None, unanswered=False):
    """A board's topics: pinned first, then latest activity; filtered by kind, tag or unanswered."""
    query = select(Topic).where(Topic.board_id == board.id, TOPIC_VISIBLE)
    if unanswered:
        query = query.where(Topic.kind == KIND_QUESTION, Topic.accepted_post_id.is_(None))
    elif kind in TOPIC_KIND_LABELS:
        query = query.where(Topic.kind == kind)
    if tag:
        query = query.where(Topic.id.in_(select(TopicTag.topic_id).where(TopicTag.tag == tag)))
    query = query.order_by(Topic.is_pinned.desc(), Topic.last_post_at.desc(), Topic.id.desc())
    return db.paginate(query, page=page, per_page=per_page, error_out=False)


def latest_topics(user, limit=10):
    """The topics with the latest posts in every board `user` may read."""
    return list(db.session.scalars(
        select(Topic).join(Board, Board.id == Topic.board_id)
        .where(TOPIC_VISIBLE, permissions.readable_boards_condition(user))
        .order_by(Topic.last_post_at.desc(), Topic.id.desc()).limit(limit)
    ))


def active_discussions(limit=5):
    """For the home page: topics of public boards with the latest activity."""
    return list(db.session.scalars(
        select(Topic).join(Board, Board.id == Topic.board_id)
        .where(TOPIC_VISIBLE, Board.visibility == "public")
        .order_by(Topic.last_post_at.desc(), Topic.id.desc()).limit(limit)
    ))


def top_helpers(board, limit=5, days=HELPER_DAYS):
    """The members whose answers were accepted and thanked most in a board lately: one query.

    Returns [(user, accepted answers, thanks received)].
    """
    since = utcnow() - timedelta(days=days)
    accepted = (
        select(Post.author_id.label("user_id"), literal(1).label("accepted"), literal(0).label("thanks"))
        .select_from(Topic).join(Post, Post.id == Topic.accepted_post_id)
        .where(Topic.board_id == board.id, Topic.accepted_at >= since, TOPIC_VISIBLE, POST_VISIBLE)
    )
    thanks = (
        select(Post.author_id, literal(0), literal(1))
        .select_from(Reaction).join(Post, Post.id == Reaction.post_id).join(Topic, Topic.id == Post.topic_id)
        .where(Topic.board_id == board.id, Reaction.created_at >= since, TOPIC_VISIBLE, POST_VISIBLE)
    )
    both = union_all(accepted, thanks).subquery()
    accepted_total = func.sum(both.c.accepted)
    thanks_total = func.sum(both.c.thanks)
    rows = db.session.execute(
        select(User, accepted_total, thanks_total).join(both, both.c.user_id == User.id)
        .group_by(User.id).order_by(accepted_total.desc(), thanks_total.desc(), User.id).limit(limit)
    ).all()
    return [(user, int(a or 0), int(t or 0)) for user, a, t in rows]
