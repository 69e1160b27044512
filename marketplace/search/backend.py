"""The search provider interface: what every backend (Whoosh, PostgreSQL) offers the rest of the app.

The app talks to `get_backend()` only; which engine answers is configuration (`SEARCH_BACKEND`).
A backend stores `Document`s (built from the database by `search.documents`) and answers
`SearchQuery`s with a `SearchResult`. It never decides who may see what: the caller passes the
audiences the user may read (`SearchQuery.audiences`) and the backend filters on them everywhere,
in hits, counts, facets, snippets and suggestions.
"""

from abc import ABC, abstractmethod
from dataclasses import dataclass, field, replace
from datetime import datetime

# Document types: what the results page groups by and what the `type` facet counts.
TYPE_PRODUCT = "product"
TYPE_SENTRA = "sentra"
TYPE_BUSINESS = "business"
TYPE_DISCUSSION = "discussion"
TYPES = (TYPE_PRODUCT, TYPE_SENTRA, TYPE_BUSINESS, TYPE_DISCUSSION)

# What a document is underneath its type: a discussion hit is a topic or one reply in it.
KIND_PRODUCT, KIND_SENTRA, KIND_BUSINESS, KIND_TOPIC, KIND_POST = (
    "product", "sentra", "business", "topic", "post")

# Everyone may read "public" documents; "sentra:<id>" ones only that sentra's active members
# (members-only forum boards). Staff search with audiences=None: no filter.
AUDIENCE_PUBLIC = "public"

# The facets of the results page, in the order shown. Each is a filter of SearchQuery too.
FACETS = ("type", "channel", "category", "province", "sentra", "certification")

SORTS = ("relevance", "newest", "price_asc", "price_desc")

# Index states reported by `status()` (and /healthz).
STATUS_OK = "ok"
STATUS_MISSING = "missing"  # never built (or deleted): run `flask search rebuild`
STATUS_REBUILDING = "rebuilding"  # a rebuild is running; the old index (if any) still answers
STATUS_BROKEN = "broken"  # present but unreadable


def audience_for_sentra(sentra_id):
    return f"sentra:{sentra_id}"


@dataclass
class Document:
    """One searchable thing, flattened. `key` is "<kind>:<id>", e.g. "product:12", "post:881".

    Text fields: `title` and `body` are Indonesian (or whatever the member wrote), analysed with
    the Indonesian analyzer; `text_en` holds the English export fields, analysed in English.
    `keywords` are extra words that should find the document (sentra name, business name,
    techniques, commodity and province labels in both languages) without showing in snippets.
    Filter fields hold stable slugs/codes, never labels.
    """

    key: str
    type: str
    kind: str
    object_id: int
    title: str
    body: str = ""
    text_en: str = ""
    keywords: str = ""
    audience: str = AUDIENCE_PUBLIC
    channels: tuple[str, ...] = ()  # "ovop", "export", "supply_chain" (products)
    category: str | None = None  # reference.COMMODITIES slug (product category / sentra commodity)
    province: str | None = None  # reference.PROVINCES slug
    sentra: str | None = None  # the sentra's slug, for the facet and scoped search
    certifications: tuple[str, ...] = ()  # reference.CERTIFICATIONS codes
    price: int | None = None  # rupiah, products only: for "price" sorts
    created: datetime | None = None  # for "newest"
    topic_id: int | None = None  # discussions: the topic (a post's permalink needs it)
    number: int | None = None  # posts: Post.number
    stamp: str = ""  # a digest of the fields above: `flask search check` compares it

    def with_stamp(self):
        """This document with `stamp` filled in from its content."""
        import hashlib
        import json

        content = {k: v for k, v in self.__dict__.items() if k != "stamp"}
        content["created"] = self.created.isoformat() if self.created else None
        digest = hashlib.blake2b(json.dumps(content, sort_keys=True, default=list).encode(),
                                 digest_size=10).hexdigest()
        return replace(self, stamp=digest)


@dataclass
class SearchQuery:
    """What the user asked: the words, filters (slugs/codes; None = any), order and page.

    Words go through `analysis.query_words`: every word must match (its Indonesian or its English
    stem) in the title, body, English text or keywords. Empty text (or only stop words) matches
    every document the audiences may see, so filters alone browse. "relevance" on empty text
    orders by newest. Price sorts put documents without a price last.
    """

    text: str = ""
    type: str | None = None
    channel: str | None = None
    category: str | None = None
    province: str | None = None
    sentra: str | None = None  # a facet filter, and also "search inside this sentra"
    certification: str | None = None
    kinds: tuple[str, ...] = ()  # restrict to these kinds ("topic", "post": the forum's search)
    audiences: tuple[str, ...] | None = (AUDIENCE_PUBLIC,)  # None: staff, sees everything
    sort: str = "relevance"
    page: int = 1
    per_page: int = 20
    facets: bool = True  # compute facet counts (the results page); off for API pages that skip them
    group_size: int = 0  # >0 and no type filter: also return the best `group_size` hits per type

    def filters(self):
        """{facet: value} of the facet filters in use."""
        return {name: getattr(self, name) for name in FACETS if getattr(self, name)}


@dataclass
class Hit:
    """One result: enough to render a line without the database (the view may load more)."""

    key: str
    type: str
    kind: str
    object_id: int
    title: str
    title_html: object  # Markup: the title with matches marked
    snippet: object  # Markup: the body around the matches, marked
    score: float = 0.0
    category: str | None = None
    province: str | None = None
    sentra: str | None = None
    price: int | None = None
    created: datetime | None = None
    topic_id: int | None = None
    number: int | None = None


@dataclass
class SearchResult:
    """The answer to a SearchQuery.

    - `hits`: the requested page, under the query and every filter (type included).
    - `total`: how many match under the query and every filter (it may be estimated above 1,000:
      `total_exact` says which); `pages` follows from it.
    - `type_counts`: {type: count} for every type, under the query and every filter except the
      type filter, so the page can show "Produk (120) · Sentra (3)" and switch between them.
    - `facets`: {facet: [(value, count), ...]} biggest first, counted under the query and every
      filter (type included), for channel, category, province, sentra and certification; plus
      "type" = type_counts as a list. Empty when SearchQuery.facets is False.
    - `groups`: with SearchQuery.group_size and no type filter, {type: best hits of that type}.
    Documents hidden from the query's audiences count nowhere.
    """

    hits: list[Hit] = field(default_factory=list)
    total: int = 0
    total_exact: bool = True
    type_counts: dict[str, int] = field(default_factory=dict)
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    groups: dict[str, list[Hit]] = field(default_factory=dict)
    page: int = 1
    per_page: int = 20
    # Set by search.services when the words found nothing and a spelling fix did:
    suggestion: str | None = None  # "Mungkin maksud Anda: tenun"
    corrected: bool = False  # hits are for `suggestion`, not for what was typed

    @property
    def pages(self):
        return max(1, -(-self.total // self.per_page))


@dataclass
class Suggestion:
    """One autocomplete entry: a title to show and what it leads to."""

    label: str
    type: str
    kind: str
    object_id: int
    topic_id: int | None = None
    number: int | None = None


class SearchUnavailable(RuntimeError):
    """The index is missing, being rebuilt or broken: pages say so instead of failing."""

    def __init__(self, status, detail=""):
        super().__init__(detail or status)
        self.status = status


class SearchBackend(ABC):
    """The interface every backend implements. Reading methods raise SearchUnavailable when the
    index cannot answer."""

    name = "base"

    def __init__(self, app):
        self.app = app

    # ---- reading ----
    @abstractmethod
    def search(self, query: SearchQuery) -> SearchResult:
        """Answer `query` as the SearchQuery and SearchResult docstrings describe."""

    @abstractmethod
    def suggest(self, prefix: str, audiences, limit: int = 8) -> list[Suggestion]:
        """Titles starting with the typed words (the last one may be partial)."""

    @abstractmethod
    def correct(self, text: str) -> str | None:
        """`text` with misspelt words replaced by the closest index words, or None.

        The vocabulary comes from public documents only (titles and keywords, unstemmed), so a
        suggestion never reveals a word from a members-only board.
        """

    @abstractmethod
    def status(self) -> str:
        """One of the STATUS_* values; cheap enough for /healthz."""

    @abstractmethod
    def document_count(self) -> int:
        """How many documents the live index holds."""

    # ---- writing ----
    @abstractmethod
    def apply(self, keys, load) -> None:
        """Bring `keys` in line with the database: the one write path after a commit.

        `load(keys) -> {key: Document | None}` reads the current rows (None: the thing is gone or
        no longer searchable). Backends call it *while holding their write lock*, so the last
        writer always writes the latest committed state and no update is lost between processes.
        Must not raise for lock contention or a missing index: keys that cannot be written now
        are deferred (kept durably) and written by the next `apply` or `drain`.
        """

    @abstractmethod
    def drain(self, load) -> int:
        """Write deferred keys now; returns how many."""

    @abstractmethod
    def rebuild(self, documents, total, progress=None) -> int:
        """Replace the whole index with `documents` (an iterable; `total` for the progress bar).

        The old index keeps answering until the new one is complete, then is swapped in;
        writes that happen meanwhile are replayed on the new index. `progress(n)` is called
        as documents are added. Returns the number indexed.
        """

    @abstractmethod
    def stamps(self) -> dict[str, str]:
        """{key: stamp} of every indexed document: `flask search check` compares with the database."""

    @abstractmethod
    def delete(self, keys) -> None:
        """Remove these keys from the index (what `check` does with stray documents)."""

    def pending_count(self) -> int:
        """How many deferred keys wait for the next write or `drain` (`flask search status`)."""
        return 0


def get_backend(app=None):
    """The configured backend of `app` (the current one by default), created once per app."""
    from flask import current_app

    app = app or current_app._get_current_object()
    backend = app.extensions.get("search_backend")
    if backend is None:
        name = app.config.get("SEARCH_BACKEND", "whoosh")
        if name == "whoosh":
            from marketplace.search.whoosh_backend import WhooshBackend as backend_class
        elif name == "postgres":
            from marketplace.search.postgres_backend import PostgresBackend as backend_class
        else:
            raise RuntimeError(f"Unknown SEARCH_BACKEND {name!r}: use 'whoosh' or 'postgres'.")
        backend = app.extensions["search_backend"] = backend_class(app)
    return backend
