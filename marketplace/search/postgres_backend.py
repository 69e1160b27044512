"""The PostgreSQL backend: full-text search in the app's own database, for several app machines.

The index lives in `search_*` tables of its own (`postgres_tables`: the narrow
`search_document` rows every query reads, `search_document_text` with what hits show, the
spelling vocabulary, deferred keys and the "complete" marker), created on first use and
replaced by `rebuild`. Documents and queries go through the same Python analysis as the Whoosh
backend's. Fields keep their weights (title A, keywords B, body C, English text D), so a query
word matches its Indonesian stem in A-C and its English stem in D only, like the Whoosh fields.
User text only ever reaches SQL as bound parameters.

Broad queries stay fast (p95 well under 60 ms on 175,000 documents, 2 cores): counts above a
few thousand matches are estimated from a fixed sample, and relevance ranks a bounded set of
candidates (see `_count` and `_ranked`).

Writers serialise per document key with transaction-level advisory locks and read the database
(`load`) while holding them, so concurrent processes never lose an update; a rebuild holds a
session-level advisory lock that writers check, so keys written during a rebuild are replayed
after its swap.
"""

import hashlib
import logging
import math
from collections import Counter
from contextlib import contextmanager
from datetime import UTC
from itertools import chain, islice

from sqlalchemy import (
    BigInteger,
    Text,
    any_,
    bindparam,
    cast,
    delete,
    func,
    literal,
    literal_column,
    select,
    text,
    union_all,
)
from sqlalchemy.dialects.postgresql import ARRAY, TSQUERY
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.exc import DBAPIError
from sqlalchemy.schema import CreateTable

from marketplace.search import analysis, snippets
from marketplace.search.backend import (
    STATUS_BROKEN,
    STATUS_MISSING,
    STATUS_OK,
    STATUS_REBUILDING,
    TYPES,
    Hit,
    SearchBackend,
    SearchResult,
    SearchUnavailable,
    Suggestion,
)
from marketplace.search.postgres_tables import (
    BUCKETS,
    CHANGE_VOCABULARY,
    DOCUMENTS,
    DOCUMENTS_BUILD,
    DROP_UNUSED_WORDS,
    FACET_FIELDS,
    FIELD_SEP,
    FILL_VOCABULARY,
    FILL_VOCABULARY_BUILD,
    HAS_TRIGRAMS,
    LIVE_TABLES,
    LOCK_KEYS,
    MULTI_VALUED,
    PENDING,
    SCHEMA_VERSION,
    STATE,
    SWAPS,
    TEXTS,
    TEXTS_BUILD,
    TRIGRAM_INDEX,
    VALUE_SEP,
    VOCABULARY,
    VOCABULARY_BUILD,
    metadata,
    quote_lexeme,
    rows_of,
    tsquery_literal,
)

logger = logging.getLogger(__name__)

# ts_rank_cd weights for {D, C, B, A}: English text, body, keywords, title. The same ratios as
# the Whoosh boosts (title 3, keywords 1.5, body and English 1).
RANK_WEIGHTS = literal_column("'{0.33, 0.33, 0.5, 1.0}'::real[]")
RANK_NORMALISATION = 1  # divide by 1 + log(length): long bodies do not win by bulk
WRITE_BATCH = 1000  # documents per INSERT while rebuilding
DRAIN_BATCH = 2000  # deferred keys written per transaction
SUGGEST_SCAN = 4  # titles fetched per wanted suggestion, before removing duplicate labels
SUGGEST_CANDIDATES = 200  # newest matching titles autocomplete chooses from
SPELLING_CANDIDATES = 30  # near words looked at per misspelt word
# Broad queries (see PostgresBackend._count and _ranked): counts of more than about
# SAMPLE_MIN x BUCKETS / SAMPLE_BUCKETS (3,200) matches are estimated from a 1/16 sample of the
# documents; relevance ranks at most about RANK_CANDIDATES.
SAMPLE_BUCKETS, SAMPLE_MIN = 4, 200  # of BUCKETS
RANK_CANDIDATES = 1000
SHORTLIST = 200  # matches ts_rank_cd orders, of those ts_rank puts first
TABLE_ROWS = "(SELECT reltuples::bigint FROM pg_class WHERE oid = 'search_document'::regclass)"
UNDEFINED_TABLE = "42P01"
BUSY = {"55P03", "40P01"}  # lock_timeout reached, deadlock detected: try again later


def _lock_id(name):
    """A stable signed 64-bit advisory lock id for `name` (sorted, they give the locking order)."""
    digest = hashlib.blake2b(f"sentra-search:{name}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


REBUILD_LOCK = _lock_id("rebuild")
SCHEMA_LOCK = _lock_id("schema")


def _edit_distance(a, b):
    """Levenshtein distance (insertions, deletions, substitutions)."""
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i]
        for j, char_b in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1,
                               previous[j - 1] + (char_a != char_b)))
        previous = current
    return previous[-1]


def _sqlstate(error):
    return getattr(getattr(error, "orig", None), "sqlstate", None)


class PostgresBackend(SearchBackend):
    """Search in PostgreSQL full-text tables of the app's database (see the module docstring)."""

    name = "postgres"

    def __init__(self, app):
        super().__init__(app)
        uri = str(app.config.get("SQLALCHEMY_DATABASE_URI", ""))
        if not uri.startswith("postgresql"):
            raise RuntimeError("SEARCH_BACKEND=postgres needs a PostgreSQL DATABASE_URL.")
        self.lock_timeout = float(app.config.get("SEARCH_LOCK_TIMEOUT", 5.0))
        self._engine = None
        self._schema_ready = False
        self._trigrams = None  # pg_trgm installed? (None: not looked yet)
        self.rank_candidates = RANK_CANDIDATES
        self.sample_buckets, self.sample_min = SAMPLE_BUCKETS, SAMPLE_MIN
        self.shortlist = SHORTLIST

    @property
    def engine(self):
        """The app's engine (Flask-SQLAlchemy finds it through an app context)."""
        if self._engine is None:
            from marketplace.extensions import db

            with self.app.app_context():
                self._engine = db.engine
        return self._engine

    # ---- the tables ----
    def _ensure_schema(self, force=False):
        """Create the search tables when missing, and pg_trgm when the server allows it."""
        if self._schema_ready and not force:
            return
        with self.engine.begin() as conn:
            conn.execute(select(func.pg_advisory_xact_lock(SCHEMA_LOCK)))
            try:
                with conn.begin_nested():
                    conn.execute(text("CREATE EXTENSION IF NOT EXISTS pg_trgm"))
            except DBAPIError as error:  # not installed on the server, or not allowed
                logger.info("pg_trgm unavailable, spelling uses edit distance only: %s", error.orig)
            self._trigrams = bool(conn.scalar(HAS_TRIGRAMS))
            existed = conn.scalar(select(func.to_regclass(DOCUMENTS.name).is_not(None)
                                         & func.to_regclass(TEXTS.name).is_not(None)))
            metadata.create_all(conn, tables=list(LIVE_TABLES), checkfirst=True)
            if not existed:  # an empty new table is no complete index
                conn.execute(delete(STATE).where(STATE.c.name == "complete"))
            if self._trigrams:
                conn.execute(text(TRIGRAM_INDEX.format(table=VOCABULARY.name)))
        self._schema_ready = True

    def _rebuilding(self, conn):
        """True while a rebuild holds its lock (in another session)."""
        free = conn.scalar(select(func.pg_try_advisory_xact_lock_shared(REBUILD_LOCK)))
        return not free

    def _unavailable(self, conn=None):
        """The SearchUnavailable to raise when there is no complete index."""
        try:
            if conn is None:
                with self.engine.connect() as fresh:
                    rebuilding = self._rebuilding(fresh)
            else:
                rebuilding = self._rebuilding(conn)
        except DBAPIError:
            rebuilding = False
        return SearchUnavailable(STATUS_REBUILDING if rebuilding else STATUS_MISSING)

    @contextmanager
    def _reading(self):
        """A connection for reads; database errors become SearchUnavailable."""
        try:
            with self.engine.connect() as conn:
                yield conn
        except DBAPIError as error:
            if _sqlstate(error) == UNDEFINED_TABLE:
                raise self._unavailable() from error
            logger.exception("search tables unreadable")
            raise SearchUnavailable(STATUS_BROKEN, str(error.orig)) from error

    def status(self):
        try:
            with self.engine.connect() as conn:
                if self._rebuilding(conn):
                    return STATUS_REBUILDING
                present = conn.scalar(select(func.to_regclass(DOCUMENTS.name).is_not(None)
                                             & func.to_regclass(TEXTS.name).is_not(None)
                                             & func.to_regclass(STATE.name).is_not(None)))
                if not present:
                    return STATUS_MISSING
                marker = conn.scalar(select(STATE.c.value).where(STATE.c.name == "complete"))
                if marker != SCHEMA_VERSION:
                    return STATUS_MISSING
                conn.execute(select(DOCUMENTS.c.key, DOCUMENTS.c.terms).limit(1)).all()
                conn.execute(select(*TEXTS.c).limit(1)).all()
        except DBAPIError:
            logger.exception("search status failed")
            return STATUS_BROKEN
        return STATUS_OK

    def document_count(self):
        with self._reading() as conn:
            return conn.scalar(select(func.count()).select_from(DOCUMENTS))

    def stamps(self):
        with self._reading() as conn:
            return dict(conn.execute(select(TEXTS.c.key, TEXTS.c.stamp)).all())

    def pending_count(self):
        """How many deferred keys wait to be written."""
        with self._reading() as conn:
            return conn.scalar(select(func.count()).select_from(PENDING))

    # ---- searching ----
    def search(self, query):
        rows = analysis.query_words(query.text)
        match = cast(bindparam("match", tsquery_literal(rows), type_=Text), TSQUERY) if rows else None
        stems = snippets.query_stems(rows)
        page, per_page = max(1, query.page), max(1, query.per_page)
        result = SearchResult(page=page, per_page=per_page)
        untyped = _conditions(query, match)
        typed = [*untyped, DOCUMENTS.c.type == query.type] if query.type else untyped
        with self._reading() as conn:
            combos, result.total_exact, table_rows = self._count(conn, untyped)
            _fill_counts(result, combos, query)
            offset = (page - 1) * per_page
            if offset < result.total:
                statement = self._ranked(typed, match, query.sort, offset + per_page,
                                         result.total, table_rows)
                found = conn.execute(statement.limit(per_page).offset(offset)).all()
                result.hits = [_hit(row, stems) for row in found]
            if query.group_size and not query.type and result.total:
                best = [
                    self._ranked([*untyped, DOCUMENTS.c.type == kind], match, query.sort,
                                 query.group_size, count, table_rows).subquery()
                    for kind, count in result.type_counts.items() if count
                ]
                grouped = conn.execute(union_all(*(select(*ranked.c) for ranked in best))).all()
                for row in sorted(grouped, key=lambda row: (row.type, row.position)):
                    result.groups.setdefault(row.type, []).append(_hit(row, stems))
        return result

    def _count(self, conn, conditions):
        """({facet key: documents}, exact, documents in the table) for the matches of `conditions`.

        Counting reads the row of every match, so a broad query would cost as much as it
        matches. One statement counts a fixed pseudo-random sample of the matches (the keys in
        `sample_buckets` of BUCKETS buckets) and reads the complete marker; only when that sample
        is too small to trust (under `sample_min`: fewer than a few thousand matches) do the
        same statement's other parts count every match, exactly. Big counts are the sample,
        scaled up.
        """
        c = DOCUMENTS.c
        sample = (select(c.facet_key).where(*conditions, c.bucket < self.sample_buckets)
                  .cte("sample"))
        small = select(func.count()).select_from(sample).scalar_subquery() < self.sample_min
        sampled = select(literal("sample"), sample.c.facet_key, func.count()).group_by(
            sample.c.facet_key)
        every = (select(literal("exact"), c.facet_key, func.count()).where(*conditions, small)
                 .group_by(c.facet_key))
        state = (select(literal("state"), STATE.c.value, literal_column(TABLE_ROWS, BigInteger))
                 .where(STATE.c.name == "complete"))
        found = {"exact": Counter(), "sample": Counter()}
        marker, table_rows = None, 0
        for part, key, count in conn.execute(union_all(sampled, every, state)):
            if part == "state":
                marker, table_rows = key, max(count or 0, 0)
            else:
                found[part][key] = count
        if marker != SCHEMA_VERSION:
            raise self._unavailable(conn)
        if sum(found["sample"].values()) < self.sample_min:
            return found["exact"], True, table_rows
        scale = BUCKETS / self.sample_buckets
        return Counter({key: max(1, round(count * scale))
                        for key, count in found["sample"].items()}), False, table_rows

    def _ranked(self, conditions, match, sort, limit, total, table_rows):
        """SELECT of the best `limit` matches of `conditions` in `sort` order: Hit columns,
        score and position. Only the winners' texts are read.

        Relevance is ts_rank_cd (weights: title, keywords, body, English; words close together
        count more). It reads the tsvector of every document it ranks and costs most with
        several words, so `ts_rank` (frequencies only, several times cheaper) shortlists the
        best `shortlist` matches first and ts_rank_cd orders those. Up to about
        sqrt(rank_candidates x table rows) matches every match is considered; a broader query
        considers its newest `rank_candidates` matches, found through the `created` index: a
        recent relevant document beats an old one that is barely more relevant, and the cost
        stays flat however broad the query. Shortlists and candidates come in whole blocks, so
        pages stay consistent.
        """
        c = DOCUMENTS.c
        ranked = match is not None and sort == "relevance"
        source, where, score = DOCUMENTS, conditions, literal(0.0)
        if ranked:
            if total > max(self.rank_candidates, math.sqrt(self.rank_candidates * table_rows)):
                source = (select(c.key, c.created, c.price, c.terms).where(*conditions)
                          .order_by(c.created.desc().nulls_last(), c.key)
                          .limit(_blocks(limit, self.rank_candidates)).subquery("candidates"))
            else:
                quick = func.ts_rank(RANK_WEIGHTS, c.terms, match, RANK_NORMALISATION)
                source = (select(c.key, c.created, c.price, c.terms).where(*conditions)
                          .order_by(quick.desc(), c.created.desc().nulls_last(), c.key)
                          .limit(_blocks(limit, self.shortlist)).subquery("shortlist"))
            where = []
            score = func.ts_rank_cd(RANK_WEIGHTS, source.c.terms, match, RANK_NORMALISATION)
        best = (select(source.c.key, source.c.created, source.c.price, score.label("score"))
                .where(*where).order_by(*_order(sort, score if ranked else None, source.c))
                .limit(limit).subquery("best"))
        order = _order(sort, best.c.score if ranked else None, best.c)
        return (select(*_hit_columns(), best.c.score,
                       func.row_number().over(order_by=order).label("position"))
                .join_from(DOCUMENTS, best, c.key == best.c.key)
                .join(TEXTS, TEXTS.c.key == best.c.key).order_by(*order))

    def suggest(self, prefix, audiences, limit=8):
        """Titles with words starting with each typed word, among the newest that have them:
        those starting with the typed text first, then the shortest."""
        words = analysis.words(prefix)
        if not words:
            return []
        prefixes = " & ".join(f"{quote_lexeme(word)}:*" for word in words)
        match = cast(bindparam("prefixes", prefixes, type_=Text), TSQUERY)
        c = TEXTS.c
        conditions = [c.title_words.op("@@")(match)]
        if audiences is not None:
            conditions.append(_among(c.audience, audiences))
        # A short prefix matches a large part of the index: look at a bounded number of titles.
        newest = (select(c.key, c.title, c.type, c.kind, c.object_id, c.topic_id, c.number,
                         c.created).where(*conditions)
                  .order_by(c.created.desc().nulls_last(), c.key).limit(SUGGEST_CANDIDATES)
                  .subquery("newest"))
        typed = " ".join(words)
        statement = (
            select(newest)
            .order_by(func.lower(newest.c.title).startswith(typed, autoescape=True).desc(),
                      func.length(newest.c.title), newest.c.created.desc().nulls_last(),
                      newest.c.key)
            .limit(limit * SUGGEST_SCAN)
        )
        with self._reading() as conn:
            self._require_complete(conn)
            rows = conn.execute(statement).all()
        found, seen = [], set()
        for row in rows:
            if row.title.lower() in seen:
                continue
            seen.add(row.title.lower())
            found.append(Suggestion(label=row.title, type=row.type, kind=row.kind,
                                    object_id=row.object_id, topic_id=row.topic_id,
                                    number=row.number))
            if len(found) >= limit:
                break
        return found

    def _require_complete(self, conn):
        """Raise SearchUnavailable unless a complete index is there (marker and tables)."""
        marker = conn.scalar(select(STATE.c.value).where(
            STATE.c.name == "complete", func.to_regclass(DOCUMENTS.name).is_not(None),
            func.to_regclass(TEXTS.name).is_not(None)))
        if marker != SCHEMA_VERSION:
            raise self._unavailable(conn)

    def correct(self, text):
        typed = analysis.words(text)
        if not typed:
            return None
        candidates = {
            word for word in typed
            if len(word) >= 3 and not word.isdigit() and word not in analysis.STOP_WORDS
        }
        fixes = {}
        with self._reading() as conn:
            self._require_complete(conn)
            if candidates:
                known = set(conn.scalars(select(VOCABULARY.c.word)
                                         .where(_among(VOCABULARY.c.word, sorted(candidates)))))
                for word in sorted(candidates - known):
                    fixes[word] = self._closest(conn, word)
        fixed = [fixes.get(word) or word for word in typed]
        return " ".join(fixed) if fixed != typed else None

    def _closest(self, conn, word):
        """The most used public word within 1 (then 2) edits of `word`, sharing its first letter."""
        v = VOCABULARY.c
        near = [func.left(v.word, 1) == word[0],
                func.length(v.word).between(len(word) - 2, len(word) + 2)]
        if self._trigrams_available(conn):
            conn.execute(text("SELECT set_config('pg_trgm.similarity_threshold', '0.2', true)"))
            found = conn.execute(
                select(v.word, v.frequency).where(v.word.op("%")(word), *near)
                .order_by(func.similarity(v.word, word).desc()).limit(SPELLING_CANDIDATES)
            ).all()
        else:  # no pg_trgm: look at every word of about the same length and first letter
            found = conn.execute(select(v.word, v.frequency).where(*near)).all()
        for distance in (1, 2):
            close = [(frequency, candidate[::-1], candidate) for candidate, frequency in found
                     if candidate != word and _edit_distance(candidate, word) <= distance]
            if close:
                return max(close)[2]
        return None

    def _trigrams_available(self, conn):
        if self._trigrams is None:
            self._trigrams = bool(conn.scalar(HAS_TRIGRAMS))
        return self._trigrams

    # ---- writing ----
    def apply(self, keys, load):
        keys = set(keys)
        if keys:
            self._write_or_defer(keys, load, drain=True)

    def delete(self, keys):
        keys = set(keys)
        if keys:
            self._write_or_defer(keys, lambda wanted: dict.fromkeys(wanted), drain=False)

    def drain(self, load):
        written = 0
        while True:
            try:
                count = self._write(set(), load, drain=True)
            except Exception:  # noqa: BLE001 - the keys stay deferred for the next try
                logger.exception("draining deferred search keys failed")
                return written
            if not count:
                return written
            written += count

    def _write_or_defer(self, keys, load, drain):
        try:
            self._write(keys, load, drain=drain)
        except DBAPIError as error:
            if _sqlstate(error) in BUSY:
                logger.warning("search index busy; %d keys deferred", len(keys))
            else:
                logger.exception("search index write failed; %d keys deferred", len(keys))
            self._defer(keys)
        except Exception:  # noqa: BLE001 - never raise into a request: the keys wait instead
            logger.exception("search index write failed; %d keys deferred", len(keys))
            self._defer(keys)

    def _write(self, keys, load, drain):
        """Write `keys` (and, when `drain`, deferred ones) in one transaction; how many."""
        self._ensure_schema()
        try:
            with self.engine.connect() as conn:
                conn.execute(text("SELECT set_config('lock_timeout', :timeout, true)"),
                             {"timeout": f"{int(self.lock_timeout * 1000)}ms"})
                # A rebuild running: write the live table (readers see it now) and keep the keys
                # for the new table, which is swapped in later.
                replay = self._rebuilding(conn)
                wanted = set(keys)
                if drain and not replay:
                    wanted.update(conn.scalars(select(PENDING.c.key).order_by(PENDING.c.key)
                                               .limit(DRAIN_BATCH)))
                if not wanted:
                    conn.commit()
                    return 0
                ordered = sorted(wanted)
                conn.execute(LOCK_KEYS, {"locks": sorted({_lock_id(key) for key in ordered})})
                if not replay:
                    # Before loading: a deferral made after this point survives the commit.
                    conn.execute(delete(PENDING).where(_among(PENDING.c.key, ordered)))
                documents = load(wanted)
                old = dict(conn.execute(select(TEXTS.c.key, TEXTS.c.spelling)
                                        .where(_among(TEXTS.c.key, ordered))).all())
                rows = [rows_of(documents[key]) for key in ordered if documents.get(key) is not None]
                gone = [key for key in ordered if documents.get(key) is None and key in old]
                if gone:
                    for table in (DOCUMENTS, TEXTS):
                        conn.execute(delete(table).where(_among(table.c.key, gone)))
                if rows:
                    conn.execute(_upsert(DOCUMENTS), [document for document, _texts in rows])
                    conn.execute(_upsert(TEXTS), [texts for _document, texts in rows])
                self._change_vocabulary(conn, old, [texts for _document, texts in rows])
                if replay:
                    conn.execute(pg_insert(PENDING).on_conflict_do_nothing(),
                                 [{"key": key} for key in ordered])
                conn.commit()
                return len(wanted)
        except DBAPIError as error:
            if _sqlstate(error) == UNDEFINED_TABLE:
                self._schema_ready = False  # dropped under us: recreated by the next write
            raise

    @staticmethod
    def _change_vocabulary(conn, old, rows):
        """Count the public words of the written documents in, the replaced ones out."""
        delta = Counter()
        for words in old.values():
            delta.subtract(words or ())
        for row in rows:
            delta.update(row["spelling"])
        changes = sorted((word, n) for word, n in delta.items() if n)
        if not changes:
            return
        words = [word for word, _n in changes]
        conn.execute(CHANGE_VOCABULARY, {"words": words, "deltas": [n for _word, n in changes]})
        dropped = [word for word, n in changes if n < 0]
        if dropped:
            conn.execute(DROP_UNUSED_WORDS, {"words": dropped})

    def _defer(self, keys):
        """Keep `keys` in search_pending (own transaction) for the next write or drain."""
        try:
            self._ensure_schema()
            with self.engine.begin() as conn:
                conn.execute(pg_insert(PENDING).on_conflict_do_nothing(),
                             [{"key": key} for key in sorted(keys)])
        except Exception:  # noqa: BLE001 - nothing more can be done here; `search check` repairs
            logger.exception("could not defer %d search keys; run `flask search check`", len(keys))

    def rebuild(self, documents, total, progress=None, load=None):
        """See SearchBackend.rebuild; `load` (optional) writes keys deferred meanwhile.

        A big index is built in a new table (its indexes created after the rows: much faster
        than row by row) while the live one answers, then swapped in by one short transaction.
        A small one (under WRITE_BATCH documents, e.g. every test's empty index) replaces the
        rows of the live tables in one transaction instead. Deferred keys from before the start
        are dropped: the documents are read after it, so they include them.
        """
        self._ensure_schema(force=True)
        with self.engine.connect() as conn:
            conn.execute(select(func.pg_advisory_lock(REBUILD_LOCK)))
            conn.commit()
            try:
                conn.execute(delete(PENDING))
                conn.commit()
                # Read only now: writes committed from here on are replayed after the swap.
                documents = iter(documents)
                first = list(islice(documents, WRITE_BATCH))
                count = None
                if len(first) < WRITE_BATCH and self._current_schema(conn):
                    try:
                        with conn.begin_nested():
                            count = self._refill(conn, first)
                        if progress and count:
                            progress(count)
                    except DBAPIError:  # damaged live tables: replace them
                        logger.exception("search tables damaged; building new ones")
                if count is None:
                    count = self._build(conn, chain(first, documents), progress)
                conn.execute(
                    pg_insert(STATE).values(name="complete", value=SCHEMA_VERSION)
                    .on_conflict_do_update(index_elements=["name"], set_={"value": SCHEMA_VERSION})
                )
                conn.commit()
            except BaseException:
                conn.rollback()
                raise
            finally:
                try:
                    conn.execute(select(func.pg_advisory_unlock(REBUILD_LOCK)))
                    conn.commit()
                except DBAPIError:
                    conn.invalidate()  # closing the session releases its lock
        if load is not None:
            self.drain(load)
        return count

    @staticmethod
    def _current_schema(conn):
        """True when the live tables were made by this version of the code."""
        return conn.scalar(select(STATE.c.value).where(STATE.c.name == "complete")) == SCHEMA_VERSION

    @staticmethod
    def _fill(conn, documents_table, texts_table, documents, progress):
        """Insert `documents` in batches; how many."""
        count, batch = 0, {}
        inserts = (_upsert(documents_table), _upsert(texts_table))
        for document in chain(documents, [None]):
            if document is not None:
                batch[document.key] = document  # a repeated key: the last one wins
            if batch and (document is None or len(batch) >= WRITE_BATCH):
                rows = [rows_of(d) for d in batch.values()]
                for insert, part in zip(inserts, zip(*rows, strict=True), strict=True):
                    conn.execute(insert, list(part))
                count += len(batch)
                if progress:
                    progress(len(batch))
                batch = {}
        return count

    def _refill(self, conn, documents):
        """The small rebuild: new rows in the live tables, in one transaction."""
        conn.execute(text("SELECT set_config('lock_timeout', '60s', true)"))
        some = select(DOCUMENTS.c.key).limit(WRITE_BATCH).subquery()
        if conn.scalar(select(func.count()).select_from(some)) < WRITE_BATCH:
            for table in (DOCUMENTS, TEXTS, VOCABULARY):  # readers see the old rows meanwhile
                conn.execute(delete(table))
        else:  # faster than deleting many rows; readers wait for the commit
            conn.execute(text("TRUNCATE search_document, search_document_text, search_vocabulary"))
        count = self._fill(conn, DOCUMENTS, TEXTS, documents, None)
        conn.execute(FILL_VOCABULARY)
        return count

    def _build(self, conn, documents, progress):
        """The big rebuild: new tables, indexed once filled, renamed over the live ones."""
        quote = conn.dialect.identifier_preparer.quote
        builds = ", ".join(quote(build.name) for _live, build in SWAPS)
        conn.execute(text(f"DROP TABLE IF EXISTS {builds}"))
        for _live, build in SWAPS:
            conn.execute(CreateTable(build))
        count = self._fill(conn, DOCUMENTS_BUILD, TEXTS_BUILD, documents, progress)
        for _live, build in SWAPS:
            for index in sorted(build.indexes, key=lambda ix: ix.name):
                index.create(conn)
        conn.execute(FILL_VOCABULARY_BUILD)
        if self._trigrams:
            conn.execute(text(TRIGRAM_INDEX.format(table=VOCABULARY_BUILD.name)))
        conn.execute(text(f"ANALYZE {builds}"))  # the planner needs figures at once
        # The swap: readers wait for it (milliseconds) instead of seeing a half-built index.
        conn.execute(text("SELECT set_config('lock_timeout', '60s', true)"))
        lives = ", ".join(quote(live.name) for live, _build in SWAPS)
        conn.execute(text(f"LOCK TABLE {lives} IN ACCESS EXCLUSIVE MODE"))
        conn.execute(text(f"DROP TABLE {lives}"))
        for live, build in SWAPS:
            conn.execute(text(f"ALTER TABLE {quote(build.name)} RENAME TO {quote(live.name)}"))
            conn.execute(text(f"ALTER TABLE {quote(live.name)} RENAME CONSTRAINT "
                              f"{quote('pk_' + build.name)} TO {quote('pk_' + live.name)}"))
            names = [index.name for index in build.indexes]
            if build is VOCABULARY_BUILD and self._trigrams:
                names.append(f"ix_{build.name}_trigram")
            for name in names:
                live_name = name.replace(build.name, live.name, 1)
                conn.execute(text(f"ALTER INDEX {quote(name)} RENAME TO {quote(live_name)}"))
        return count


# ---- statements ----

def _upsert(table):
    statement = pg_insert(table)
    return statement.on_conflict_do_update(
        index_elements=["key"],
        set_={column.name: statement.excluded[column.name]
              for column in table.columns if column.name != "key"},
    )


def _among(column, values):
    """`column = ANY(:array)`: one bound array, however many values."""
    return column == any_(bindparam(None, list(values), type_=ARRAY(Text)))


def _conditions(query, match):
    """WHERE conditions for the words, audiences, kinds and every filter but the type."""
    c = DOCUMENTS.c
    conditions = []
    if match is not None:
        conditions.append(c.terms.op("@@")(match))
    if query.audiences is not None:
        conditions.append(_among(c.audience, query.audiences))
    if query.kinds:
        conditions.append(_among(c.kind, query.kinds))
    for name in ("category", "province", "sentra"):
        value = getattr(query, name)
        if value:
            conditions.append(c[name] == value)
    if query.channel:
        conditions.append(c.channels.contains([query.channel]))
    if query.certification:
        conditions.append(c.certifications.contains([query.certification]))
    return conditions


def _blocks(count, size):
    """`count` rounded up to whole blocks of `size`."""
    return size * math.ceil(count / size)


def _fill_counts(result, combos, query):
    """type_counts (without the type filter), total and facets (with it) from facet key counts."""
    type_counts = dict.fromkeys(TYPES, 0)
    facets = {name: Counter() for name in FACET_FIELDS[1:]}
    for combo, count in combos.items():
        values = combo.split(FIELD_SEP)
        type_counts[values[0]] = type_counts.get(values[0], 0) + count
        if query.type and values[0] != query.type:
            continue
        result.total += count
        for name, value in zip(FACET_FIELDS[1:], values[1:], strict=True):
            if not value:
                continue
            if name in MULTI_VALUED:
                for item in value.split(VALUE_SEP):
                    facets[name][item] += count
            else:
                facets[name][value] += count
    result.type_counts = type_counts
    if query.facets:
        result.facets = {"type": sorted(((t, n) for t, n in type_counts.items() if n),
                                        key=lambda item: -item[1])}
        for name, counter in facets.items():
            result.facets[name] = sorted(counter.items(), key=lambda item: (-item[1], item[0]))


def _order(sort, score, c):
    """ORDER BY for a sort over columns `c`; relevance without words (score None) is newest."""
    newest = c.created.desc().nulls_last()
    if sort == "price_asc":
        return [c.price.asc().nulls_last(), newest, c.key]
    if sort == "price_desc":
        return [c.price.desc().nulls_last(), newest, c.key]
    if sort == "newest" or score is None:
        return [newest, c.key]
    return [score.desc(), newest, c.key]


def _hit_columns():
    """What a Hit needs: the facet columns from the documents table, the rest from the texts."""
    d, t = DOCUMENTS.c, TEXTS.c
    return (d.key, d.type, d.kind, d.category, d.province, d.sentra, d.price, d.created,
            t.object_id, t.title, t.body, t.text_en, t.created_aware, t.topic_id, t.number)


def _hit(row, stems):
    """A Hit from a row, with its title and snippet marked."""
    text = row.body
    # A document found by its English text shows that text, where the match is.
    if (stems and row.text_en and not snippets._matches(text, stems)
            and snippets._matches(row.text_en, stems)):
        text = row.text_en
    created = row.created
    if created is not None and row.created_aware:
        created = created.replace(tzinfo=UTC)
    return Hit(key=row.key, type=row.type, kind=row.kind, object_id=row.object_id,
               title=row.title, title_html=snippets.highlight_all(row.title, stems),
               snippet=snippets.snippet(text, stems), score=float(row.score or 0.0),
               category=row.category, province=row.province, sentra=row.sentra,
               price=row.price, created=created, topic_id=row.topic_id, number=row.number)
