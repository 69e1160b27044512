"""The Whoosh backend's own query engine (whoosh_search): the same answers whatever the segments.

It reads postings straight from Whoosh's segment blocks and keeps per-segment tables, so these
tests pin it against Whoosh's own matchers and against a single-segment index.
"""

import random
from datetime import datetime, timedelta

import pytest

from marketplace.search.backend import Document, SearchQuery, get_backend
from marketplace.search.whoosh_search import read_postings

WORDS = ("tenun tapis batik kopi gerabah rotan anyaman perak emas kemasan pewarna alami "
         "ikat songket sulam benang kain selendang").split()
SENTRA = ("tapis-lampung", "batik-solo", "kopi-gayo")


def corpus(count=400, seed=3):
    """Varied documents: several types, audiences, channels, prices and dates."""
    rng = random.Random(seed)
    documents = []
    for number in range(1, count + 1):
        kind = rng.choice(("product", "product", "business", "topic", "post"))
        document_type = {"topic": "discussion", "post": "discussion"}.get(kind, kind)
        documents.append(Document(
            key=f"{kind}:{number}", type=document_type, kind=kind, object_id=number,
            title=" ".join(rng.sample(WORDS, 3)).title(),
            body=" ".join(rng.choice(WORDS) for _ in range(rng.randint(5, 60))),
            text_en=rng.choice(("woven cloth", "natural dyes", "", "roasted coffee beans")),
            audience=rng.choice(("public", "public", "public", "sentra:1")),
            channels=tuple(rng.sample(("ovop", "export", "supply_chain"), rng.randint(0, 2))),
            category=rng.choice(("tenun", "batik", "kopi", None)),
            province=rng.choice(("lampung", "jawa-tengah", "aceh")),
            sentra=rng.choice(SENTRA), certifications=tuple(rng.sample(("SNI", "HALAL"), 1)),
            price=rng.choice((None, rng.randint(1, 50) * 10_000)) if kind == "product" else None,
            created=datetime(2024, 1, 1) + timedelta(hours=number),
        ).with_stamp())
    return documents


QUERIES = [
    SearchQuery(text="tapis"),
    SearchQuery(text="tenun kain", per_page=50),
    SearchQuery(text="pewarna alami", audiences=None, per_page=50),
    SearchQuery(text="", per_page=50),
    SearchQuery(text="", sort="price_asc", type="product", per_page=50),
    SearchQuery(text="kopi", sort="price_desc", per_page=50),
    SearchQuery(text="woven", channel="export", per_page=50),
    SearchQuery(text="emas", province="aceh", certification="HALAL", sort="newest"),
    SearchQuery(text="batik", type="discussion", group_size=2),
    SearchQuery(text="anyaman", group_size=3, audiences=("public", "sentra:1")),
    SearchQuery(text="benang", page=2, per_page=7),
]


def answers(backend):
    """What must not depend on how the index is split: counts, facets and sorted orders.

    Relevance scores may differ a little (Whoosh counts deleted documents in term statistics
    until segments merge), so relevance hits are compared as sets, and only when all fit.
    """
    found = []
    for query in QUERIES:
        result = backend.search(query)
        if query.sort in ("price_asc", "price_desc"):
            hits = [h.price for h in result.hits]
        elif query.sort == "newest" or not query.text:
            hits = [h.key for h in result.hits]
        else:
            hits = {h.key for h in result.hits} if result.total <= query.per_page else None
        found.append((result.total, result.type_counts, result.facets, hits,
                      {kind: len(hits) for kind, hits in result.groups.items()}))
    return found


@pytest.fixture
def backend(app):
    return get_backend(app)


def test_many_segments_answer_like_one(backend):
    documents = corpus()
    by_key = {d.key: d for d in documents}
    for start in range(0, len(documents), 37):  # many small commits: several segments
        batch = documents[start:start + 37]
        backend.apply({d.key for d in batch}, lambda keys: {k: by_key[k] for k in keys})
    # Updates and deletions spread over the segments.
    changed = [d for d in documents[::9]]
    for document in changed[::2]:
        by_key[document.key] = None
    backend.apply({d.key for d in changed}, lambda keys: {k: by_key[k] for k in keys})
    segmented = answers(backend)

    backend.rebuild([d for d in by_key.values() if d is not None], 0)
    assert answers(backend) == segmented
    assert segmented[3][0] == sum(1 for d in by_key.values() if d and d.audience == "public")


def test_postings_read_from_blocks_match_whoosh(backend):
    documents = corpus(count=1500)
    backend.rebuild(documents, len(documents))
    with backend._searcher() as searcher:
        for reader, _offset in searcher.reader().leaf_readers():
            for field, text in (("body", "tenun"), ("title", "tapis"), ("text_en", "woven")):
                ids, weights = read_postings(reader, field, text)
                matcher = reader.postings(field, text)
                expected = []
                while matcher.is_active():
                    expected.append((matcher.id(), matcher.weight()))
                    matcher.next()
                assert len(expected) > 128  # more than one block
                assert list(zip(ids, weights, strict=True)) == expected
