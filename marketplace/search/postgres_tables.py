"""The PostgreSQL search backend's tables, and how a Document becomes their rows.

Derived, rebuildable data in a MetaData of its own (never the models' metadata nor a migration;
`migrations/env.py` leaves `search_*` tables alone). `postgres_backend` reads and writes them.
Analysis happens here in Python (`search.analysis`), the same as the Whoosh backend's: tsvectors
and tsqueries are written as literals of ready-made lexemes (cast, never parsed by a text search
configuration), because PostgreSQL's parser would split words that ours keeps whole ("jum'at",
"5208.11", "kain_tenun") and stem nothing the Sastrawi way.
"""

import hashlib
from datetime import UTC

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    DateTime,
    Index,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    SmallInteger,
    Table,
    Text,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY, TSVECTOR

from marketplace.search import analysis
from marketplace.search.backend import AUDIENCE_PUBLIC

SCHEMA_VERSION = "4"  # bump when the tables change: an older index then reads as missing
EXCERPT_CHARS = 3000  # stored text a snippet is cut from (the Whoosh backend stores as much)
MAX_LEXEME_CHARS = 200  # PostgreSQL refuses lexemes over 2 kB; longer words are cut, both sides
MAX_POSITION = 16383  # the largest tsvector position
MAX_POSITIONS = 255  # positions kept per lexeme (PostgreSQL keeps at most 256)
BUCKETS = 64  # pseudo-random buckets of keys, for sampling broad queries
# The facet key: type and facet values of a document, fields split by \x1f, values by \x1e.
FIELD_SEP, VALUE_SEP = "\x1f", "\x1e"
FACET_FIELDS = ("type", "channel", "category", "province", "sentra", "certification")
MULTI_VALUED = {"channel", "certification"}

metadata = MetaData()


def _documents_table(name):
    """The rows every query reads: filters, facets, sorts and the terms. Kept narrow (a broad
    query reads one per match); what a Hit shows lives in the texts table."""
    return Table(
        name, metadata,
        Column("key", Text, nullable=False),
        Column("type", Text, nullable=False),
        Column("kind", Text, nullable=False),
        Column("audience", Text, nullable=False),
        Column("channels", ARRAY(Text), nullable=False),
        Column("category", Text),
        Column("province", Text),
        Column("sentra", Text),
        Column("certifications", ARRAY(Text), nullable=False),
        Column("price", BigInteger),
        Column("created", DateTime),  # UTC
        Column("facet_key", Text, nullable=False),  # see _facet_key
        Column("bucket", SmallInteger, nullable=False),  # 0..BUCKETS-1 from the key: sampling
        Column("terms", TSVECTOR, nullable=False),
        PrimaryKeyConstraint("key", name=f"pk_{name}"),
    )


def _texts_table(name):
    """What a Hit or a Suggestion shows, the stamp, and the words of autocomplete and spelling."""
    return Table(
        name, metadata,
        Column("key", Text, nullable=False),
        Column("type", Text, nullable=False),
        Column("kind", Text, nullable=False),
        Column("object_id", BigInteger, nullable=False),
        Column("audience", Text, nullable=False),
        Column("title", Text, nullable=False),
        Column("body", Text, nullable=False),  # the first EXCERPT_CHARS, for snippets
        Column("text_en", Text, nullable=False),  # idem
        Column("created", DateTime),  # UTC, as in the documents table
        Column("created_aware", Boolean, nullable=False),  # give back what was given
        Column("topic_id", BigInteger),
        Column("number", Integer),
        Column("stamp", Text, nullable=False),
        Column("title_words", TSVECTOR, nullable=False),  # unstemmed: autocomplete prefixes
        Column("spelling", ARRAY(Text), nullable=False),  # its words in the vocabulary
        PrimaryKeyConstraint("key", name=f"pk_{name}"),
    )


def _add_indexes(documents, texts):
    """GIN for the tsvectors and array filters, btree for every other filter and sort column."""
    name, c = documents.name, documents.c
    Index(f"ix_{name}_terms", c.terms, postgresql_using="gin")
    Index(f"ix_{name}_channels", c.channels, postgresql_using="gin")
    Index(f"ix_{name}_certifications", c.certifications, postgresql_using="gin")
    for column in ("type", "kind", "audience", "category", "province", "sentra", "price", "bucket"):
        Index(f"ix_{name}_{column}", c[column])
    Index(f"ix_{name}_created", c.created.desc().nulls_last())
    Index(f"ix_{texts.name}_title_words", texts.c.title_words, postgresql_using="gin")
    Index(f"ix_{texts.name}_created", texts.c.created.desc().nulls_last())


def _vocabulary_table(name):
    return Table(
        name, metadata,
        Column("word", Text, nullable=False),
        Column("frequency", Integer, nullable=False),
        PrimaryKeyConstraint("word", name=f"pk_{name}"),
    )


DOCUMENTS = _documents_table("search_document")
TEXTS = _texts_table("search_document_text")
VOCABULARY = _vocabulary_table("search_vocabulary")
# A big rebuild fills these, then renames them over the live ones.
DOCUMENTS_BUILD = _documents_table("search_build_document")
TEXTS_BUILD = _texts_table("search_build_document_text")
VOCABULARY_BUILD = _vocabulary_table("search_build_vocabulary")
_add_indexes(DOCUMENTS, TEXTS)
_add_indexes(DOCUMENTS_BUILD, TEXTS_BUILD)
SWAPS = ((DOCUMENTS, DOCUMENTS_BUILD), (TEXTS, TEXTS_BUILD), (VOCABULARY, VOCABULARY_BUILD))
PENDING = Table(
    "search_pending", metadata,
    Column("key", Text, primary_key=True),
    Column("deferred_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
)
STATE = Table(
    "search_state", metadata,
    Column("name", Text, primary_key=True),
    Column("value", Text, nullable=False),
)
LIVE_TABLES = (DOCUMENTS, TEXTS, VOCABULARY, PENDING, STATE)

# Static statements (constant table names, bound values).
LOCK_KEYS = text("SELECT pg_advisory_xact_lock(h) FROM unnest(CAST(:locks AS bigint[])) AS h")
CHANGE_VOCABULARY = text(
    "INSERT INTO search_vocabulary (word, frequency) "
    "SELECT word, delta FROM unnest(CAST(:words AS text[]), CAST(:deltas AS integer[])) "
    "AS change(word, delta) "
    "ON CONFLICT (word) DO UPDATE SET frequency = search_vocabulary.frequency + excluded.frequency"
)
DROP_UNUSED_WORDS = text(
    "DELETE FROM search_vocabulary WHERE word = ANY(CAST(:words AS text[])) AND frequency <= 0"
)
FILL_VOCABULARY = text(
    "INSERT INTO search_vocabulary (word, frequency) "
    "SELECT word, count(*) FROM search_document_text, unnest(spelling) AS word GROUP BY word"
)
FILL_VOCABULARY_BUILD = text(
    "INSERT INTO search_build_vocabulary (word, frequency) "
    "SELECT word, count(*) FROM search_build_document_text, unnest(spelling) AS word GROUP BY word"
)
HAS_TRIGRAMS = text("SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm')")
TRIGRAM_INDEX = "CREATE INDEX IF NOT EXISTS ix_{table}_trigram ON {table} USING gin (word gin_trgm_ops)"


# ---- rows ----

def quote_lexeme(lexeme):
    """A lexeme as a quoted tsvector/tsquery literal."""
    lexeme = lexeme[:MAX_LEXEME_CHARS]
    return "'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'"


def tsvector_literal(*fields):
    """A tsvector literal from (terms, weight) pairs: positions run on across the fields."""
    positions = {}
    position = 0
    for terms, weight in fields:
        for term in terms:
            position += 1
            slots = positions.setdefault(term[:MAX_LEXEME_CHARS], [])
            if len(slots) < MAX_POSITIONS:
                slots.append(f"{min(position, MAX_POSITION)}{weight}")
    return " ".join(f"{quote_lexeme(term)}:{','.join(slots)}" for term, slots in positions.items())


def tsquery_literal(rows):
    """Every word (an `analysis.query_words` row) must match: its Indonesian stem in the title,
    keywords or body (weights A-C), or its English stem in the English text (D)."""
    parts = []
    for _word, indonesian, english in rows:
        either = [f"{quote_lexeme(indonesian)}:ABC"] + ([f"{quote_lexeme(english)}:D"] if english else [])
        parts.append("(" + " | ".join(either) + ")")
    return " & ".join(parts)


def bucket_of(key):
    """A stable pseudo-random bucket of a key, for sampling."""
    return hashlib.blake2b(key.encode(), digest_size=2).digest()[0] % BUCKETS


def _clean(value, limit=None):
    """Text PostgreSQL accepts (no NUL characters), cut to `limit` characters."""
    value = (value or "").replace("\x00", "")
    return value[:limit] if limit else value


def rows_of(doc):
    """The search_document and search_document_text rows of a Document."""
    created, aware = doc.created, False
    if created is not None and created.tzinfo is not None:
        created, aware = created.astimezone(UTC).replace(tzinfo=None), True
    title, keywords = _clean(doc.title), _clean(doc.keywords)
    body, text_en = _clean(doc.body), _clean(doc.text_en)
    public = doc.audience == AUDIENCE_PUBLIC
    document = dict(
        key=doc.key, type=doc.type, kind=doc.kind, audience=doc.audience,
        channels=list(doc.channels), category=doc.category, province=doc.province,
        sentra=doc.sentra, certifications=list(doc.certifications), price=doc.price,
        created=created, facet_key=facet_key_of(doc), bucket=bucket_of(doc.key),
        # The body goes last: in a very long text, positions past the limit share the last one.
        terms=tsvector_literal((analysis.indonesian_terms(title), "A"),
                               (analysis.indonesian_terms(keywords), "B"),
                               (analysis.english_terms(text_en), "D"),
                               (analysis.indonesian_terms(body), "C")),
    )
    texts = dict(
        key=doc.key, type=doc.type, kind=doc.kind, object_id=doc.object_id,
        audience=doc.audience, title=title, body=body[:EXCERPT_CHARS],
        text_en=text_en[:EXCERPT_CHARS], created=created, created_aware=aware,
        topic_id=doc.topic_id, number=doc.number, stamp=doc.stamp,
        title_words=tsvector_literal((analysis.words(title), "A")),
        spelling=sorted(set(analysis.words(f"{title} {keywords}"))) if public else [],
    )
    return document, texts


def facet_key_of(doc):
    """Type and facet values of a document in one string: one GROUP BY counts every facet."""
    values = (doc.type, doc.channels, doc.category, doc.province, doc.sentra, doc.certifications)
    return FIELD_SEP.join(VALUE_SEP.join(v) if isinstance(v, tuple | list) else (v or "")
                          for v in values)
