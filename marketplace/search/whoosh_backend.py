"""The Whoosh backend: an index folder on disk, for the embedded (single machine) deployment.

Layout of SEARCH_DIR:

- `index-<n>/`: a Whoosh index; `COMPLETE` inside once fully built (holding SCHEMA_VERSION: an
  index of an older layout counts as missing, so `flask search check` rebuilds it after a
  deploy that changed the schema). `CURRENT` names the live one,
  so a rebuild writes a new folder while the old one answers, then swaps `CURRENT` atomically.
- `pending/`: keys that could not be written (lock busy, index missing, rebuild running), one
  file per deferral, written atomically; the next writer (or `drain`) applies them.
- `rebuild.lock`: a rebuild holds it exclusively; every writer holds it shared while it writes
  and drains, so a rebuild never starts in the middle of a write and no deferred key is drained
  into an index that is about to be replaced.

Several processes may write at once: Whoosh allows one writer per index, so each waits up to
SEARCH_LOCK_TIMEOUT for the lock, then defers its keys instead of failing.
"""

import errno
import fcntl
import os
import pickle
import shutil
import struct
import threading
import time
import uuid
import zlib
from contextlib import contextmanager, suppress
from datetime import datetime
from pathlib import Path

from flask import current_app
from markupsafe import Markup
from whoosh.columns import VarBytesColumn
from whoosh.fields import COLUMN, ID, STORED, TEXT, Schema
from whoosh.filedb.filestore import FileStorage
from whoosh.index import FileIndex, LockError
from whoosh.index import IndexError as WhooshIndexError

from marketplace.search import analysis, snippets, whoosh_search
from marketplace.search.backend import (
    AUDIENCE_PUBLIC,
    STATUS_BROKEN,
    STATUS_MISSING,
    STATUS_OK,
    STATUS_REBUILDING,
    Hit,
    SearchBackend,
    SearchResult,
    SearchUnavailable,
    Suggestion,
)

# What reading a damaged segment raises (a damaged index is "broken", not a server error).
CORRUPTION_ERRORS = (OSError, EOFError, ValueError, IndexError, pickle.UnpicklingError,
                     struct.error, zlib.error, WhooshIndexError)
CURRENT = "CURRENT"
COMPLETE = "COMPLETE"
SCHEMA_VERSION = "sentra-search 3"  # change with the schema or the info column's format
PENDING = "pending"
REBUILD_LOCK = "rebuild.lock"
EXCERPT_CHARS = 3000  # stored body text the snippet is cut from
SNIPPET_WINDOW = 800  # where a snippet's matches are looked for first
TITLE_BOOST, KEYWORDS_BOOST = 3.0, 1.5
DRAIN_BATCH = 2000  # deferred keys written per commit
REBUILD_MEMORY_MB = 256  # the rebuild's posting pool (more spills fewer runs to merge)
IDLE_SEARCHERS = 8  # open searchers kept for reuse (one is in use per concurrent search)


def schema():
    """The index schema: analysed text, the per-document `info` column, what a Hit needs."""
    indonesian, english, plain = (analysis.indonesian_analyzer(), analysis.english_analyzer(),
                                  analysis.plain_analyzer())
    return Schema(
        key=ID(stored=True, unique=True),
        title=TEXT(analyzer=indonesian, phrase=False),
        body=TEXT(analyzer=indonesian, phrase=False),
        keywords=TEXT(analyzer=indonesian, phrase=False),
        text_en=TEXT(analyzer=english, phrase=False),
        title_plain=TEXT(analyzer=plain, phrase=False),  # autocomplete prefixes
        spell=TEXT(analyzer=plain, phrase=False),  # public titles + keywords: correct()
        info=COLUMN(VarBytesColumn()),  # whoosh_search.info_value: combo, date, price
        key_stamp=COLUMN(VarBytesColumn()),  # "key stamp": `stamps()` without the stored data
        data=STORED,
    )


# The text fields a query word is looked up in: (field, which stem, boost).
TEXT_FIELDS = (("title", "indonesian", TITLE_BOOST), ("body", "indonesian", 1.0),
               ("keywords", "indonesian", KEYWORDS_BOOST), ("text_en", "english", 1.0))


SCHEMA = schema()


def _fields(doc):
    """The Whoosh fields of one Document."""
    data = dict(type=doc.type, kind=doc.kind, object_id=doc.object_id, title=doc.title,
                excerpt=doc.body[:EXCERPT_CHARS], excerpt_en=doc.text_en[:EXCERPT_CHARS],
                category=doc.category, province=doc.province, sentra=doc.sentra,
                price=doc.price, created=doc.created, topic_id=doc.topic_id, number=doc.number,
                stamp=doc.stamp)
    fields = dict(
        key=doc.key,
        title=doc.title, body=doc.body or None, keywords=doc.keywords or None,
        text_en=doc.text_en or None, title_plain=doc.title,
        info=whoosh_search.info_value(doc, len(analysis.words(doc.title))),
        key_stamp=f"{doc.key} {doc.stamp}".encode(), data=data,
    )
    if doc.audience == AUDIENCE_PUBLIC:
        fields["spell"] = f"{doc.title} {doc.keywords}"
    return {name: value for name, value in fields.items() if value is not None}


def _snippet(data, stems):
    """The body around the matches, or the English text's when only it matches.

    Each word shown is stemmed to find matches, so the opening of a text is tried before all
    of it: most matching documents match early, and a page has 20 hits.
    """
    body, english = data["excerpt"], data["excerpt_en"]
    if stems:
        for text in (body, english):
            for part in (text[:SNIPPET_WINDOW], text) if len(text) > SNIPPET_WINDOW else (text,):
                found = snippets.snippet(part, stems)
                if "<mark>" in found:
                    if len(part) < len(text) and not found.endswith("…"):
                        found += Markup(" …")
                    return found
    return snippets.snippet(body, stems)


class _FileLock:
    """flock on a file: shared or exclusive, tried until a deadline."""

    def __init__(self, path):
        self.path = path
        self.fd = None

    def acquire(self, exclusive, timeout=0.0, delay=0.02):
        self.fd = os.open(self.path, os.O_CREAT | os.O_RDWR, 0o644)
        mode = (fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(self.fd, mode)
                return True
            except OSError as error:
                if error.errno not in (errno.EAGAIN, errno.EACCES):
                    raise
            if time.monotonic() >= deadline:
                os.close(self.fd)
                self.fd = None
                return False
            time.sleep(delay)

    def release(self):
        if self.fd is not None:
            fcntl.flock(self.fd, fcntl.LOCK_UN)
            os.close(self.fd)
            self.fd = None


class WhooshBackend(SearchBackend):
    """Search in a Whoosh index under SEARCH_DIR (see the module docstring for the layout)."""

    name = "whoosh"

    def __init__(self, app):
        super().__init__(app)
        self.root = Path(app.config["SEARCH_DIR"])
        self.lock_timeout = float(app.config.get("SEARCH_LOCK_TIMEOUT", 5.0))
        self._guard = threading.Lock()
        self._indexes = {}  # folder name -> FileIndex
        self._idle = []  # (folder name, generation, searcher) ready for reuse by any thread
        self._tables = whoosh_search.Tables()  # per-segment document tables

    # ---- where things are ----
    def _live_name(self):
        """The folder name CURRENT points to, or None."""
        try:
            return (self.root / CURRENT).read_text().strip() or None
        except FileNotFoundError:
            return None

    def _complete(self, name):
        """Whether folder `name` holds a fully built index of the current layout."""
        if name is None:
            return False
        try:
            marker = (self.root / name / COMPLETE).read_text()
        except (FileNotFoundError, NotADirectoryError):
            return False
        return marker.split("\n", 1)[0] == SCHEMA_VERSION

    def _index(self, name):
        """The (cached) FileIndex of folder `name`."""
        ix = self._indexes.get(name)
        if ix is None:
            ix = FileIndex(FileStorage(str(self.root / name)), schema=SCHEMA)
            with self._guard:
                self._indexes = {name: ix}  # only the live folder is worth keeping
        return ix

    def _rebuilding(self):
        """True while another process (or thread) rebuilds: the exclusive lock is taken."""
        if not self.root.exists():
            return False
        lock = _FileLock(self.root / REBUILD_LOCK)
        if lock.acquire(exclusive=False):
            lock.release()
            return False
        return True

    # ---- reading ----
    @contextmanager
    def _searcher(self):
        """A searcher on the live index, up to date, reused across requests (one per thread
        at a time). Raises SearchUnavailable when there is nothing to search."""
        name = self._live_name()
        if not self._complete(name):
            raise SearchUnavailable(STATUS_REBUILDING if self._rebuilding() else STATUS_MISSING)
        searcher, stale = None, []
        with self._guard:
            for index in range(len(self._idle) - 1, -1, -1):
                if self._idle[index][0] != name:
                    stale.append(self._idle.pop(index)[2])
                elif searcher is None:
                    _name, generation, searcher = self._idle.pop(index)
        for old in stale:
            old.close()
        try:
            ix = self._index(name)
            latest = ix.latest_generation()
            if searcher is not None and generation != latest:
                searcher.close()
                searcher = None
            if searcher is None:
                # Whoosh's refresh(reuse=...) re-adds merged-away segments: open afresh.
                generation, searcher = latest, ix.searcher()
        except Exception as error:  # noqa: BLE001 - any failure to open means a broken index
            if not self._complete(self._live_name()):
                raise SearchUnavailable(STATUS_MISSING) from error
            current_app.logger.exception("search index unreadable")
            raise SearchUnavailable(STATUS_BROKEN, str(error)) from error
        healthy = False
        try:
            yield searcher
            healthy = True
        except SearchUnavailable:
            raise
        except CORRUPTION_ERRORS as error:
            current_app.logger.exception("search index unreadable")
            raise SearchUnavailable(STATUS_BROKEN, str(error)) from error
        finally:
            with self._guard:
                keep = healthy and len(self._idle) < IDLE_SEARCHERS
                if keep:
                    self._idle.append((name, generation, searcher))
            if not keep:
                searcher.close()

    def status(self):
        if self._rebuilding():
            return STATUS_REBUILDING
        name = self._live_name()
        if not self._complete(name):
            return STATUS_MISSING
        try:
            with self._searcher():
                pass
        except SearchUnavailable as unavailable:
            return unavailable.status
        return STATUS_OK

    def document_count(self):
        with self._searcher() as searcher:
            return searcher.doc_count()

    def search(self, query):
        rows = analysis.query_words(query.text)
        plan = whoosh_search.Plan(query, rows, TEXT_FIELDS)
        stems = snippets.query_stems(rows)
        page, per_page = max(1, query.page), max(1, query.per_page)
        start = (page - 1) * per_page
        result = SearchResult(page=page, per_page=per_page)
        with self._searcher() as searcher:
            answer = whoosh_search.run(searcher, plan, self._tables, start + per_page)
            result.total, result.type_counts = answer.total, answer.type_counts
            result.facets = answer.facets
            result.hits = [self._hit(searcher, docnum, key, stems, bool(rows))
                           for key, docnum, _type in answer.ranked[""][start:start + per_page]]
            for kind, best in answer.ranked.items():
                if kind:
                    result.groups[kind] = [self._hit(searcher, docnum, key, stems, bool(rows))
                                           for key, docnum, _type in best]
        return result

    @staticmethod
    def _hit(searcher, docnum, key, stems, scored):
        stored = searcher.stored_fields(docnum)
        data = stored["data"]
        return Hit(key=stored["key"], type=data["type"], kind=data["kind"],
                   object_id=data["object_id"], title=data["title"],
                   title_html=snippets.highlight_all(data["title"], stems),
                   snippet=_snippet(data, stems), score=float(key) if scored else 0.0,
                   category=data["category"], province=data["province"], sentra=data["sentra"],
                   price=data["price"], created=data["created"], topic_id=data["topic_id"],
                   number=data["number"])

    def suggest(self, prefix, audiences, limit=8):
        words = analysis.words(prefix)
        if not words:
            return []
        found, seen = [], set()
        with self._searcher() as searcher:
            for docnum in whoosh_search.suggest(searcher, self._tables, words, audiences,
                                                limit * 4):
                data = searcher.stored_fields(docnum)["data"]
                label = data["title"]
                if label.lower() in seen:
                    continue
                seen.add(label.lower())
                found.append(Suggestion(label=label, type=data["type"], kind=data["kind"],
                                        object_id=data["object_id"], topic_id=data["topic_id"],
                                        number=data["number"]))
                if len(found) >= limit:
                    break
        return found

    def correct(self, text):
        typed = analysis.words(text)
        if not typed:
            return None
        fixed = []
        with self._searcher() as searcher:
            reader = searcher.reader()
            if not searcher.doc_count_all():
                return None
            for word in typed:
                fixed.append(self._closest(reader, word))
        return " ".join(fixed) if fixed != typed else None

    @staticmethod
    def _closest(reader, word):
        """`word`, or the most frequent public word within 1 (then 2) edits of it."""
        if (len(word) < 3 or word.isdigit() or word in analysis.STOP_WORDS
                or ("spell", word) in reader):
            return word
        for distance in (1, 2):
            # The lexicon keeps the words of deleted documents (an unpublished product, a topic
            # moved to a members-only board) until a merge: only words a live document has count.
            found = [c for c in reader.terms_within("spell", word, distance, prefix=1)
                     if c != word and WhooshBackend._alive(reader, c)]
            if found:
                return max(found, key=lambda c: (reader.doc_frequency("spell", c), c[::-1]))
        return word

    @staticmethod
    def _alive(reader, word):
        """Whether a document not deleted has `word` in its spelling words."""
        return any(("spell", word) in leaf and leaf.postings("spell", word).is_active()
                   for leaf, _offset in reader.leaf_readers())

    def stamps(self):
        found = {}
        with self._searcher() as searcher:
            for leaf, _offset in (searcher.subsearchers or [(searcher, 0)]):
                reader = leaf.reader()
                if not reader.has_column("key_stamp"):
                    continue
                column = reader.column_reader("key_stamp", translate=False)
                for docnum in reader.all_doc_ids():
                    key, _space, stamp = column[docnum].decode().partition(" ")
                    found[key] = stamp
        return found

    # ---- writing ----
    def apply(self, keys, load):
        keys = set(keys)
        if keys:
            self._write(keys, load)

    def drain(self, load):
        written = 0
        while True:
            count = self._write(set(), load)
            if not count:
                return written
            written += count

    def delete(self, keys):
        keys = set(keys)
        if keys:
            self._write(keys, lambda wanted: dict.fromkeys(wanted), drain=False)

    def pending_count(self):
        """How many deferred keys wait to be written."""
        return sum(len(keys) for _path, keys in self._pending(limit=None))

    def _write(self, keys, load, drain=True):
        """Write `keys` (and deferred ones) under the locks; defer when that cannot be done now.

        Returns how many keys were written."""
        self.root.mkdir(parents=True, exist_ok=True)
        guard = _FileLock(self.root / REBUILD_LOCK)
        if not guard.acquire(exclusive=False):
            # A rebuild is running: its new index must get these keys after the swap.
            if keys:
                self._defer(keys)
                self._write_locked(keys, load, drain=False, defer_on_failure=False)
            return 0
        try:
            return self._write_locked(keys, load, drain=drain)
        finally:
            guard.release()

    def _write_locked(self, keys, load, drain, defer_on_failure=True):
        name = self._live_name()
        if not self._complete(name):
            if keys and defer_on_failure:
                self._defer(keys)
            return 0
        try:
            writer = self._index(name).writer(timeout=self.lock_timeout, delay=0.02)
        except LockError:
            if keys and defer_on_failure:
                self._defer(keys)
            return 0
        except Exception:  # noqa: BLE001 - an unreadable index: keep the keys for later
            current_app.logger.exception("search index unwritable; keys deferred")
            if keys and defer_on_failure:
                self._defer(keys)
            return 0
        deferred = self._pending(limit=DRAIN_BATCH) if drain else []
        wanted = set(keys).union(*(found for _path, found in deferred))
        try:
            documents = load(wanted) if wanted else {}
        except Exception:
            writer.cancel()
            if keys and defer_on_failure:
                self._defer(keys)
            raise
        try:
            for key in sorted(wanted):
                writer.delete_by_term("key", key)
                document = documents.get(key)
                if document is not None:
                    writer.add_document(**_fields(document))
            writer.commit()
        except Exception:  # noqa: BLE001 - a broken index must not fail the commit that wrote
            current_app.logger.exception("search index write failed; keys deferred")
            with suppress(Exception):
                writer.cancel()
            if keys and defer_on_failure:
                self._defer(keys)
            return 0
        for path, _found in deferred:
            path.unlink(missing_ok=True)
        return len(wanted)

    def _defer(self, keys):
        """Keep `keys` on disk (one file per deferral, renamed into place: atomic)."""
        folder = self.root / PENDING
        folder.mkdir(parents=True, exist_ok=True)
        name = f"{time.time_ns()}-{os.getpid()}-{uuid.uuid4().hex[:8]}.keys"
        temporary = folder / f".{name}"
        temporary.write_text("".join(f"{key}\n" for key in sorted(keys)))
        os.replace(temporary, folder / name)

    def _pending(self, limit):
        """[(path, keys)] of deferral files, oldest first, up to about `limit` keys."""
        folder = self.root / PENDING
        try:
            names = sorted(n for n in os.listdir(folder) if n.endswith(".keys")
                           and not n.startswith("."))
        except FileNotFoundError:
            return []
        found, total = [], 0
        for name in names:
            path = folder / name
            try:
                keys = set(path.read_text().split())
            except FileNotFoundError:
                continue
            found.append((path, keys))
            total += len(keys)
            if limit is not None and total >= limit:
                break
        return found

    def rebuild(self, documents, total, progress=None):
        self.root.mkdir(parents=True, exist_ok=True)
        guard = _FileLock(self.root / REBUILD_LOCK)
        if not guard.acquire(exclusive=True, timeout=max(60.0, self.lock_timeout * 4)):
            raise SearchUnavailable(STATUS_REBUILDING, "another rebuild is running")
        try:
            # Keys deferred before now were committed before the rebuild reads anything: the
            # new index has them, so their files go with the old index.
            covered = [path for path, _keys in self._pending(limit=None)]
            old = self._live_name()
            self._remove_stale(keep=old)
            name = f"index-{time.time_ns()}"
            folder = self.root / name
            folder.mkdir()
            try:
                ix = FileIndex.create(FileStorage(str(folder)), SCHEMA)
                count = self._fill(ix, documents, progress)
            except BaseException:
                shutil.rmtree(folder, ignore_errors=True)  # the old index keeps answering
                raise
            (folder / COMPLETE).write_text(f"{SCHEMA_VERSION}\n{datetime.now().isoformat()}\n")
            temporary = self.root / f".{CURRENT}.{os.getpid()}"
            temporary.write_text(name)
            os.replace(temporary, self.root / CURRENT)
            if old and old != name:
                shutil.rmtree(self.root / old, ignore_errors=True)
            for path in covered:
                path.unlink(missing_ok=True)
        finally:
            guard.release()
        return count

    def _fill(self, ix, documents, progress):
        """Add `documents` to the new index `ix` with one big writer; returns the count."""
        count = 0
        writer = None
        try:
            for document in documents:
                if writer is None:
                    writer = ix.writer(limitmb=REBUILD_MEMORY_MB)
                writer.add_document(**_fields(document))
                count += 1
                if progress and count % 100 == 0:
                    progress(100)
            if progress and count % 100:
                progress(count % 100)
            if writer is not None:
                writer.commit(optimize=True)
        except BaseException:
            if writer is not None and not writer.is_closed:
                with suppress(Exception):
                    writer.cancel()
            raise
        return count

    def _remove_stale(self, keep):
        """Index folders that are neither live nor being built (a crashed rebuild's)."""
        for path in self.root.glob("index-*"):
            if path.name != keep:
                shutil.rmtree(path, ignore_errors=True)

