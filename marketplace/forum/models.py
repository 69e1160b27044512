"""Boards, topics, posts and what hangs off them: revisions, reactions, watches, reads, flags, the
moderation log."""

from datetime import datetime

from slugify import slugify
from sqlalchemy import (
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from marketplace.extensions import db
from marketplace.i18n import lazy_gettext as _l
from marketplace.timeutil import utcnow

BOARD_SUBJECT = "subject"  # a public board by subject (pewarnaan, ekspor, ...)
BOARD_SENTRA = "sentra"  # one board per sentra
VISIBILITY_PUBLIC = "public"
VISIBILITY_MEMBERS = "members"  # only the sentra's active members (and moderators) see it
VISIBILITIES = [
    (VISIBILITY_PUBLIC, _l("Public: everyone can read, members of the site can post")),
    (VISIBILITY_MEMBERS, _l("Members only: only the sentra's members can read and post")),
]

KIND_QUESTION = "question"
KIND_GUIDE = "guide"
KIND_DISCUSSION = "discussion"
TOPIC_KINDS = [
    (KIND_QUESTION, _l("Question")),
    (KIND_GUIDE, _l("Guide")),
    (KIND_DISCUSSION, _l("Discussion")),
]
TOPIC_KIND_LABELS = dict(TOPIC_KINDS)

# The public boards by subject, in the order a member reads them: (slug, name, description).
# Names and descriptions are English source text, translated at display time (see Board.title).
SUBJECT_BOARDS = [
    ("teknik-produksi", _l("Production techniques"),
     _l("Weaving, carving, firing, roasting, sewing: how the work is done, step by step.")),
    ("bahan-baku", _l("Raw materials"),
     _l("Yarn, clay, wood, rattan, leather, beans: where to get them, how to judge and store them.")),
    ("desain-motif", _l("Design and motifs"),
     _l("Traditional and new motifs, colour combinations, product design and trends.")),
    ("pewarnaan", _l("Dyeing and colour"),
     _l("Natural and synthetic dyes, mordants, fixing, fastness and colour recipes.")),
    ("pengemasan-label", _l("Packaging and labels"),
     _l("Packaging that protects and sells, labels, shelf life, barcodes and printing.")),
    ("pemasaran-branding", _l("Marketing and branding"),
     _l("Selling online and at fairs, photos, prices, brand stories and working with shops.")),
    ("ekspor", _l("Export"),
     _l("Finding buyers abroad, documents, HS codes, shipping, Incoterms and payment.")),
    ("sertifikasi-perizinan", _l("Certification and permits"),
     _l("NIB, PIRT, halal, SNI, SVLK, BPOM, trademarks: what is needed and how to get it.")),
    ("mesin-peralatan", _l("Machines and tools"),
     _l("Choosing, using, repairing and sharing machines and tools.")),
    ("keuangan-permodalan", _l("Finance and capital"),
     _l("Bookkeeping, costing, KUR and other credit, grants and cooperatives.")),
    ("umum", _l("General"),
     _l("Everything else: introductions, news from the sentra, questions about this site.")),
]
SUBJECT_BOARD_TEXT = {slug: (name, description) for slug, name, description in SUBJECT_BOARDS}

FLAG_REASONS = [
    ("spam", _l("Spam or advertising")),
    ("abusive", _l("Rude or abusive")),
    ("off_topic", _l("Off topic")),
    ("wrong", _l("Dangerous or wrong information")),
    ("other", _l("Something else")),
]
FLAG_REASON_LABELS = dict(FLAG_REASONS)


class Board(db.Model):
    """A place for topics: a public subject board, or a sentra's own board."""

    __tablename__ = "forum_board"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(140), unique=True)
    kind: Mapped[str] = mapped_column(String(16), default=BOARD_SUBJECT)
    # Subject boards keep their names as translatable source text in forum code, keyed by slug;
    # a sentra board is named after its sentra.
    name: Mapped[str] = mapped_column(String(160))
    description: Mapped[str] = mapped_column(String(500), default="")
    sentra_id: Mapped[int | None] = mapped_column(ForeignKey("sentra.id", ondelete="CASCADE"), unique=True)
    visibility: Mapped[str] = mapped_column(String(16), default=VISIBILITY_PUBLIC)
    position: Mapped[int] = mapped_column(Integer, default=0)
    # Kept up to date by the forum services, so that the board list needs no counting.
    topic_count: Mapped[int] = mapped_column(Integer, default=0)
    post_count: Mapped[int] = mapped_column(Integer, default=0)
    last_post_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    sentra = relationship("Sentra", lazy="joined")

    __table_args__ = (
        Index("ix_forum_board_kind_position", "kind", "position"),
        # The sentra boards on /forum, latest activity first.
        Index("ix_forum_board_kind_activity", "kind", "last_post_at"),
    )

    @property
    def is_public(self):
        return self.visibility == VISIBILITY_PUBLIC

    @property
    def is_sentra_board(self):
        return self.kind == BOARD_SENTRA

    @property
    def title(self):
        """The name to show: a subject board's translated name, a sentra board's sentra name."""
        if self.kind == BOARD_SENTRA and self.sentra is not None:
            return self.sentra.name
        text = SUBJECT_BOARD_TEXT.get(self.slug) if self.kind == BOARD_SUBJECT else None
        return str(text[0]) if text else self.name

    @property
    def summary(self):
        """The description to show, translated for subject boards."""
        text = SUBJECT_BOARD_TEXT.get(self.slug) if self.kind == BOARD_SUBJECT else None
        return str(text[1]) if text else self.description


class Topic(db.Model):
    """A question, guide or discussion in a board; its first post is the opening text."""

    __tablename__ = "forum_topic"

    id: Mapped[int] = mapped_column(primary_key=True)
    board_id: Mapped[int] = mapped_column(ForeignKey("forum_board.id", ondelete="CASCADE"))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    kind: Mapped[str] = mapped_column(String(16), default=KIND_DISCUSSION)
    title: Mapped[str] = mapped_column(String(200))
    is_pinned: Mapped[bool] = mapped_column(Boolean, default=False)
    is_locked: Mapped[bool] = mapped_column(Boolean, default=False)
    # A guide the sentra's pengurus/pengelola/UPT chose to show on the sentra's branding page: a
    # guide from the sentra's own board, or one a member of the sentra wrote on a subject board.
    featured_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    featured_sentra_id: Mapped[int | None] = mapped_column(ForeignKey("sentra.id", ondelete="SET NULL"))
    accepted_post_id: Mapped[int | None] = mapped_column(
        ForeignKey("forum_post.id", ondelete="SET NULL", use_alter=True, name="fk_forum_topic_accepted_post")
    )
    accepted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))  # for top helpers
    hidden_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    deleted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # Kept up to date by the forum services (no counting per row in lists).
    post_count: Mapped[int] = mapped_column(Integer, default=0)  # visible posts, the opening one included
    last_post_number: Mapped[int] = mapped_column(Integer, default=0)  # the highest Post.number given
    last_post_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    view_count: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    board = relationship("Board", lazy="joined", innerjoin=True)
    author = relationship("User", lazy="joined")
    tags = relationship("TopicTag", cascade="all, delete-orphan", lazy="selectin", order_by="TopicTag.tag")

    __table_args__ = (
        # A board's topic list: pinned first, then by latest activity.
        Index("ix_forum_topic_board_activity", "board_id", "is_pinned", "last_post_at"),
        Index("ix_forum_topic_activity", "last_post_at"),
        Index("ix_forum_topic_author", "author_id"),
        # Filters of a board's list: kind (question/guide/discussion), unanswered questions.
        Index("ix_forum_topic_board_kind", "board_id", "kind", "accepted_post_id", "last_post_at"),
        # Accepted answers of the last weeks, for a board's top helpers.
        Index("ix_forum_topic_board_accepted", "board_id", "accepted_at"),
        # The guides a sentra features on its branding page.
        Index("ix_forum_topic_featured", "featured_sentra_id", "featured_at"),
    )

    @property
    def is_visible(self):
        return self.hidden_at is None and self.deleted_at is None

    @property
    def is_question(self):
        return self.kind == KIND_QUESTION

    @property
    def is_guide(self):
        return self.kind == KIND_GUIDE

    @property
    def slug(self):
        """The title as a URL slug, for the optional `-<slug>` after the id."""
        return slugify(self.title or "", max_length=80, word_boundary=True) or "topik"

    @property
    def kind_label(self):
        return TOPIC_KIND_LABELS.get(self.kind, self.kind)


class TopicTag(db.Model):
    """A free tag on a topic (lower-case, e.g. `tapis`, `pewarna-alami`)."""

    __tablename__ = "forum_topic_tag"

    topic_id: Mapped[int] = mapped_column(ForeignKey("forum_topic.id", ondelete="CASCADE"), primary_key=True)
    tag: Mapped[str] = mapped_column(String(40), primary_key=True, index=True)


class Post(db.Model):
    """One message in a topic; `number` (1, 2, ...) never changes, so permalinks keep working."""

    __tablename__ = "forum_post"

    id: Mapped[int] = mapped_column(primary_key=True)
    topic_id: Mapped[int] = mapped_column(ForeignKey("forum_topic.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    body: Mapped[str] = mapped_column(Text)  # Markdown, sanitised on output
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    edited_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    edit_count: Mapped[int] = mapped_column(Integer, default=0)
    hidden_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    hidden_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    deleted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    deleted_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    reaction_count: Mapped[int] = mapped_column(Integer, default=0)

    topic = relationship("Topic", foreign_keys=[topic_id])
    author = relationship("User", foreign_keys=[author_id], lazy="joined")

    __table_args__ = (
        UniqueConstraint("topic_id", "number"),
        Index("ix_forum_post_author_created", "author_id", "created_at"),
    )

    @property
    def is_visible(self):
        return self.hidden_at is None and self.deleted_at is None


class PostRevision(db.Model):
    """The text a post had before an edit, so that edits keep a visible history."""

    __tablename__ = "forum_post_revision"

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("forum_post.id", ondelete="CASCADE"), index=True)
    body: Mapped[str] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(String(200))  # the topic title, when the first post changed it
    edited_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    reason: Mapped[str | None] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    edited_by = relationship("User", lazy="joined")


class Reaction(db.Model):
    """A "terima kasih" from one user on one post."""

    __tablename__ = "forum_reaction"

    post_id: Mapped[int] = mapped_column(ForeignKey("forum_post.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    __table_args__ = (
        Index("ix_forum_reaction_user", "user_id"),
        Index("ix_forum_reaction_created", "created_at"),  # top helpers of the last weeks
    )


class TopicWatch(db.Model):
    """A user wants to hear about new posts in a topic."""

    __tablename__ = "forum_topic_watch"

    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), primary_key=True)
    topic_id: Mapped[int] = mapped_column(ForeignKey("forum_topic.id", ondelete="CASCADE"), primary_key=True)

    __table_args__ = (Index("ix_forum_topic_watch_topic", "topic_id"),)


class BoardWatch(db.Model):
    """A user wants to hear about new topics in a board."""

    __tablename__ = "forum_board_watch"

    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), primary_key=True)
    board_id: Mapped[int] = mapped_column(ForeignKey("forum_board.id", ondelete="CASCADE"), primary_key=True)

    __table_args__ = (Index("ix_forum_board_watch_board", "board_id"),)


class TopicRead(db.Model):
    """How far a user has read a topic: the highest post number they have seen."""

    __tablename__ = "forum_topic_read"

    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), primary_key=True)
    topic_id: Mapped[int] = mapped_column(ForeignKey("forum_topic.id", ondelete="CASCADE"), primary_key=True)
    last_read_number: Mapped[int] = mapped_column(Integer, default=0)
    read_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)


class Flag(db.Model):
    """A member's report of a post, waiting in the moderation queue until resolved."""

    __tablename__ = "forum_flag"

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("forum_post.id", ondelete="CASCADE"))
    reporter_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    reason: Mapped[str] = mapped_column(String(16))  # FLAG_REASONS
    note: Mapped[str] = mapped_column(String(500), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    resolved_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    resolution: Mapped[str | None] = mapped_column(String(16))  # e.g. hidden, dismissed

    post = relationship("Post", lazy="joined", innerjoin=True)
    reporter = relationship("User", foreign_keys=[reporter_id], lazy="joined")

    __table_args__ = (
        UniqueConstraint("post_id", "reporter_id"),
        Index("ix_forum_flag_open", "resolved_at", "created_at"),
    )


class ModerationAction(db.Model):
    """The log of every moderation action: who did what to which post, topic or user, and why."""

    __tablename__ = "forum_moderation_action"

    id: Mapped[int] = mapped_column(primary_key=True)
    moderator_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    action: Mapped[str] = mapped_column(String(24))  # hide, restore, lock, unlock, pin, move, ...
    board_id: Mapped[int | None] = mapped_column(ForeignKey("forum_board.id", ondelete="SET NULL"))
    topic_id: Mapped[int | None] = mapped_column(ForeignKey("forum_topic.id", ondelete="SET NULL"))
    post_id: Mapped[int | None] = mapped_column(ForeignKey("forum_post.id", ondelete="SET NULL"))
    target_user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    reason: Mapped[str] = mapped_column(String(500), default="")
    details: Mapped[str | None] = mapped_column(String(500))  # e.g. "from board A to board B", "7 days"
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    moderator = relationship("User", foreign_keys=[moderator_id], lazy="joined")
    target_user = relationship("User", foreign_keys=[target_user_id], lazy="joined")

    __table_args__ = (
        Index("ix_forum_moderation_action_created", "created_at"),
        Index("ix_forum_moderation_action_board", "board_id", "created_at"),
        Index("ix_forum_moderation_action_target", "target_user_id", "created_at"),
    )


class PostAttachment(db.Model):
    """An image uploaded with a post through the site's image pipeline."""

    __tablename__ = "forum_post_attachment"

    post_id: Mapped[int] = mapped_column(ForeignKey("forum_post.id", ondelete="CASCADE"), primary_key=True)
    image_id: Mapped[int] = mapped_column(ForeignKey("image.id", ondelete="CASCADE"), primary_key=True)
    position: Mapped[int] = mapped_column(SmallInteger, default=0)

    image = relationship("Image", lazy="joined", innerjoin=True)
