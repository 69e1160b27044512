"""The search backend contract: every backend (Whoosh, PostgreSQL) passes the same tests.

Documents are built by hand and written through `apply`, the one write path the indexer uses,
so these tests pin the engine's behaviour independently of how rows become documents.
"""

from datetime import datetime

import pytest

from marketplace.search.backend import (
    STATUS_MISSING,
    STATUS_OK,
    Document,
    SearchQuery,
    SearchUnavailable,
    audience_for_sentra,
    get_backend,
)

SENTRA = "tenun-tapis-bandar-lampung"
MEMBERS = audience_for_sentra(1)


def doc(key, title, **fields):
    """A Document with type/kind/object_id taken from the key ("product:1")."""
    kind, object_id = key.split(":")
    types = {"topic": "discussion", "post": "discussion"}
    return Document(key=key, type=types.get(kind, kind), kind=kind, object_id=int(object_id),
                    title=title, **fields).with_stamp()


CORPUS = [
    doc("product:1", "Kain Tenunan Tapis Lampung",
        body="Tapis ditenun tangan dengan pewarna alami oleh perajin Beringin Jaya.",
        text_en="Hand woven tapis cloth, naturally dyed.",
        keywords="Sentra Tenun Tapis Bandar Lampung",
        channels=("export", "ovop"), category="tenun", province="lampung", sentra=SENTRA,
        certifications=("SNI",), price=1_500_000, created=datetime(2024, 3, 1)),
    doc("product:2", "Kalung Emas Filigri",
        body="Perhiasan emas buatan tangan dari Kotagede.",
        channels=("ovop",), category="perhiasan", province="yogyakarta", sentra="perak-kotagede",
        price=3_000_000, created=datetime(2024, 1, 10)),
    doc("product:3", "Kopi Robusta Kemasan Standing Pouch",
        body="Kopi robusta dalam kemasan kedap udara dari rumah kemasan sentra.",
        text_en="Robusta coffee exported in resealable pouches.",
        channels=("export", "supply_chain"), category="kopi", province="lampung",
        sentra="kopi-liwa", certifications=("SNI", "HALAL"), price=85_000,
        created=datetime(2024, 5, 1)),
    doc("product:4", "Batik Tulis Motif Parang",
        body="Batik tulis dengan malam dan canting, tanpa harga tetap.",
        text_en="Hand-drawn batik with natural dyes, exporting to Japan.",
        channels=("export",), category="batik", province="jawa-tengah",
        created=datetime(2023, 12, 1)),
    doc("sentra:1", "Sentra IKM Tenun Tapis Bandar Lampung",
        body="Sentra kerajinan tenun tapis di Kelurahan Beringin Jaya.",
        category="tenun", province="lampung", sentra=SENTRA, created=datetime(2022, 5, 1)),
    doc("business:1", "Tapis Jaya",
        body="Usaha keluarga para pengrajin tapis.", keywords="songket sulam usus",
        category="tenun", province="lampung", sentra=SENTRA, created=datetime(2023, 2, 1)),
    doc("topic:1", "Cara menenun tapis dengan pewarna alami",
        body="Bagaimana menenun tapis agar warna tidak luntur?", sentra=SENTRA,
        created=datetime(2024, 6, 1)),
    doc("post:5", "Cara menenun tapis dengan pewarna alami",
        body="Pengemasan kain sebaiknya dengan kertas bebas asam.", sentra=SENTRA,
        topic_id=1, number=2, created=datetime(2024, 6, 2)),
    # Members-only board of sentra 1: never visible to the public anywhere.
    doc("topic:2", "Rahasia zirkonia untuk tapis anggota",
        body="Daftar pemasok benang zirkonia khusus anggota.", audience=MEMBERS, sentra=SENTRA,
        keywords="zirkonia", created=datetime(2024, 7, 1)),
]
PUBLIC_KEYS = {d.key for d in CORPUS if d.audience == "public"}


def write(backend, documents):
    """Apply `documents` like the indexer does (load answers from this list)."""
    by_key = {d.key: d for d in documents}
    backend.apply(set(by_key), lambda keys: {k: by_key.get(k) for k in keys})


@pytest.fixture
def backend(search_app):
    backend = get_backend(search_app)
    write(backend, CORPUS)
    return backend


def keys(result):
    return [hit.key for hit in result.hits]


def found(backend, text, **fields):
    return set(keys(backend.search(SearchQuery(text=text, per_page=50, **fields))))


# ---- language ----

def test_indonesian_affixes_meet_at_the_stem(backend):
    assert "product:1" in found(backend, "menenun")  # title "Tenunan"
    assert "product:1" in found(backend, "penenun")
    assert {"product:1", "topic:1"} <= found(backend, "tenun")


def test_craftsman_and_craft_find_each_other(backend):
    assert {"sentra:1", "business:1"} <= found(backend, "pengrajin")
    assert {"sentra:1", "business:1"} <= found(backend, "kerajinan")
    assert "business:1" in found(backend, "perajin")


def test_packaging_does_not_find_gold(backend):
    assert found(backend, "pengemasan") == {"product:3", "post:5"}
    assert found(backend, "emas") == {"product:2"}


def test_english_fields_are_stemmed_in_english(backend):
    assert found(backend, "exporting") == {"product:3", "product:4"}  # exported / exporting
    assert found(backend, "natural") == {"product:1", "product:4"}  # naturally / natural
    assert found(backend, "pouch") == {"product:3"}  # pouches


def test_every_word_must_match(backend):
    assert found(backend, "tapis robusta") == set()
    assert found(backend, "kopi robusta") == {"product:3"}


def test_title_matches_rank_first(backend):
    result = backend.search(SearchQuery(text="batik"))
    assert keys(result)[0] == "product:4"
    result = backend.search(SearchQuery(text="kemasan"))
    assert keys(result) == ["product:3", "post:5"]  # "Kemasan" in a title beats the body


def test_keywords_find_without_showing(backend):
    result = backend.search(SearchQuery(text="songket"))
    assert keys(result) == ["business:1"]
    assert "songket" not in str(result.hits[0].snippet)


# ---- highlights ----

def test_titles_and_snippets_mark_the_matching_words(backend):
    hit = backend.search(SearchQuery(text="menenun", type="product")).hits[0]
    assert str(hit.title_html) == "Kain <mark>Tenunan</mark> Tapis Lampung"
    assert "<mark>ditenun</mark>" in str(hit.snippet)


def test_snippet_falls_back_to_the_english_text_when_only_it_matches(backend):
    hit = backend.search(SearchQuery(text="pouches")).hits[0]
    assert "<mark>pouches</mark>" in str(hit.snippet)


def test_highlights_escape_the_text(search_app):
    backend = get_backend(search_app)
    write(backend, [doc("product:9", "Tapis <b>asli</b>", body="<script>x</script> tapis")])
    hit = backend.search(SearchQuery(text="tapis")).hits[0]
    assert "<b>" not in str(hit.title_html) and "&lt;b&gt;" in str(hit.title_html)
    assert "<script>" not in str(hit.snippet)


def test_hits_carry_what_a_result_line_needs(backend):
    hit = backend.search(SearchQuery(text="pewarna", kinds=("post",))).hits[0]
    assert (hit.key, hit.type, hit.kind, hit.object_id) == ("post:5", "discussion", "post", 5)
    assert (hit.topic_id, hit.number, hit.sentra) == (1, 2, SENTRA)
    product = backend.search(SearchQuery(text="filigri")).hits[0]
    assert (product.price, product.category, product.province) == (
        3_000_000, "perhiasan", "yogyakarta")
    assert product.created == datetime(2024, 1, 10)


# ---- filters, counts, facets ----

def test_empty_text_browses_everything_visible_newest_first(backend):
    result = backend.search(SearchQuery(text="", per_page=50))
    assert set(keys(result)) == PUBLIC_KEYS
    assert keys(result)[:2] == ["post:5", "topic:1"]
    assert result.total == len(PUBLIC_KEYS)
    assert found(backend, "dan untuk the") == PUBLIC_KEYS  # only stop words: browse too


def test_facets_and_type_counts_are_exact(backend):
    result = backend.search(SearchQuery(text="", province="lampung"))
    assert result.type_counts == {"product": 2, "sentra": 1, "business": 1, "discussion": 0}
    assert result.total == 4
    facets = result.facets
    assert facets["type"] == [("product", 2), ("business", 1), ("sentra", 1)] or \
        dict(facets["type"]) == {"product": 2, "business": 1, "sentra": 1}
    assert dict(facets["channel"]) == {"export": 2, "ovop": 1, "supply_chain": 1}
    assert dict(facets["category"]) == {"tenun": 3, "kopi": 1}
    assert facets["category"][0] == ("tenun", 3)  # biggest first
    assert dict(facets["province"]) == {"lampung": 4}
    assert dict(facets["sentra"]) == {SENTRA: 3, "kopi-liwa": 1}
    assert dict(facets["certification"]) == {"SNI": 2, "HALAL": 1}


def test_type_counts_ignore_the_type_filter_but_facets_apply_it(backend):
    result = backend.search(SearchQuery(text="tapis", type="product"))
    assert keys(result) == ["product:1"]
    assert result.total == 1
    assert result.type_counts == {"product": 1, "sentra": 1, "business": 1, "discussion": 2}
    assert dict(result.facets["category"]) == {"tenun": 1}
    assert dict(result.facets["channel"]) == {"export": 1, "ovop": 1}


def test_filters_combine_with_the_words(backend):
    assert found(backend, "", channel="export") == {"product:1", "product:3", "product:4"}
    assert found(backend, "", channel="export", certification="HALAL") == {"product:3"}
    assert found(backend, "tapis", sentra=SENTRA) == {
        "product:1", "sentra:1", "business:1", "topic:1", "post:5"}
    assert found(backend, "tapis", category="tenun", type="business") == {"business:1"}
    assert found(backend, "kopi", province="bali") == set()


def test_kinds_restrict_to_forum_documents(backend):
    assert found(backend, "tapis", kinds=("topic", "post")) == {"topic:1", "post:5"}
    assert found(backend, "", kinds=("post",)) == {"post:5"}


def test_facets_can_be_skipped(backend):
    result = backend.search(SearchQuery(text="tapis", facets=False))
    assert result.facets == {}
    assert result.total == 5


# ---- who may see what ----

def test_members_only_documents_stay_hidden_from_the_public(backend):
    public = backend.search(SearchQuery(text="zirkonia"))
    assert public.hits == [] and public.total == 0
    assert sum(public.type_counts.values()) == 0
    browse = backend.search(SearchQuery(text="", per_page=50))
    assert "topic:2" not in keys(browse)
    assert browse.type_counts["discussion"] == 2
    assert dict(browse.facets["sentra"])[SENTRA] == 5
    assert backend.suggest("rahasia", ("public",)) == []
    assert backend.suggest("zirk", ("public",)) == []
    assert backend.correct("zirkonie") is None


def test_members_and_staff_see_the_members_only_board(backend):
    members = backend.search(SearchQuery(text="zirkonia", audiences=("public", MEMBERS)))
    assert keys(members) == ["topic:2"]
    assert keys(backend.search(SearchQuery(text="zirkonia", audiences=None))) == ["topic:2"]
    other = backend.search(SearchQuery(text="zirkonia", audiences=("public", "sentra:2")))
    assert other.total == 0
    assert [s.label for s in backend.suggest("rahasia", ("public", MEMBERS))] == [
        "Rahasia zirkonia untuk tapis anggota"]
    assert backend.suggest("rahasia", None)


# ---- order and pages ----

def test_sorts_by_newest_and_price_with_unpriced_last(backend):
    products = dict(type="product", per_page=10)
    assert keys(backend.search(SearchQuery(sort="newest", **products))) == [
        "product:3", "product:1", "product:2", "product:4"]
    assert keys(backend.search(SearchQuery(sort="price_asc", **products))) == [
        "product:3", "product:1", "product:2", "product:4"]
    assert keys(backend.search(SearchQuery(sort="price_desc", **products))) == [
        "product:2", "product:1", "product:3", "product:4"]
    assert keys(backend.search(SearchQuery(text="tapis", sort="newest"))) == [
        "post:5", "topic:1", "product:1", "business:1", "sentra:1"]


def test_pages_split_the_results(backend):
    first = backend.search(SearchQuery(text="", per_page=3, page=1))
    second = backend.search(SearchQuery(text="", per_page=3, page=2))
    last = backend.search(SearchQuery(text="", per_page=3, page=3))
    beyond = backend.search(SearchQuery(text="", per_page=3, page=9))
    assert first.total == second.total == 8 and first.pages == 3
    assert len(keys(first)) == len(keys(second)) == 3 and len(keys(last)) == 2
    assert set(keys(first)) | set(keys(second)) | set(keys(last)) == PUBLIC_KEYS
    assert beyond.hits == [] and beyond.total == 8


def test_groups_give_the_best_hits_of_each_type(backend):
    result = backend.search(SearchQuery(text="tapis", group_size=1))
    assert set(result.groups) == {"product", "sentra", "business", "discussion"}
    assert all(len(hits) == 1 for hits in result.groups.values())
    assert result.groups["product"][0].key == "product:1"
    assert result.groups["discussion"][0].key in {"topic:1", "post:5"}
    typed = backend.search(SearchQuery(text="tapis", group_size=1, type="product"))
    assert typed.groups == {}


# ---- autocomplete and spelling ----

def test_suggest_completes_the_last_word_of_titles(backend):
    labels = [s.label for s in backend.suggest("kain ten", ("public",))]
    assert labels == ["Kain Tenunan Tapis Lampung"]
    labels = [s.label for s in backend.suggest("tap", ("public",))]
    assert "Tapis Jaya" in labels and "Kain Tenunan Tapis Lampung" in labels
    assert len(backend.suggest("tap", ("public",), limit=2)) == 2
    entry = backend.suggest("cara men", ("public",))[0]
    assert entry.label == "Cara menenun tapis dengan pewarna alami"
    assert entry.type == "discussion" and entry.kind in {"topic", "post"}


def test_correct_fixes_misspelt_words_from_public_titles(backend):
    assert backend.correct("tapiss") == "tapis"
    assert backend.correct("kain tenunab") == "kain tenunan"
    assert backend.correct("robsuta") == "robusta"
    assert backend.correct("tapis") is None
    assert backend.correct("qqqqqqqq") is None


# ---- writing ----

def test_apply_updates_and_deletes_what_load_says(backend):
    changed = doc("product:2", "Kalung Perak Filigri", body="Perhiasan perak.",
                  category="perhiasan", price=900_000, created=datetime(2024, 1, 10))
    write(backend, [changed])
    assert found(backend, "emas") == set()
    assert found(backend, "perak") == {"product:2"}
    assert backend.stamps()["product:2"] == changed.stamp
    backend.apply({"product:3", "sentra:1"}, lambda wanted: dict.fromkeys(wanted))
    assert found(backend, "kopi") == set()
    assert "sentra:1" not in backend.stamps()
    assert backend.document_count() == len(CORPUS) - 2


def test_delete_removes_documents(backend):
    backend.delete({"product:1", "product:404"})
    assert "product:1" not in found(backend, "tapis")
    assert backend.document_count() == len(CORPUS) - 1


def test_stamps_list_every_document(backend):
    assert backend.stamps() == {d.key: d.stamp for d in CORPUS}
    assert backend.document_count() == len(CORPUS)


def test_rebuild_replaces_the_whole_index(backend):
    fresh = [doc("product:7", "Gerabah Kasongan", body="Gerabah tanah liat.",
                 created=datetime(2024, 1, 1))]
    progress = []
    assert backend.rebuild(iter(fresh), 1, progress.append) == 1
    assert sum(progress) == 1
    assert backend.stamps() == {"product:7": fresh[0].stamp}
    assert found(backend, "tapis") == set()
    assert found(backend, "gerabah") == {"product:7"}
    assert backend.status() == STATUS_OK
    write(backend, CORPUS[:1])  # writes after a rebuild go to the new index
    assert found(backend, "tapis") == {"product:1"}


def test_the_old_index_answers_while_a_rebuild_runs(backend):
    seen = []

    def documents():
        seen.append(found(backend, "tapis"))  # asked while the rebuild reads the database
        yield doc("product:7", "Gerabah Kasongan")

    backend.rebuild(documents(), 1)
    assert seen == [{"product:1", "sentra:1", "business:1", "topic:1", "post:5"}]
    assert found(backend, "gerabah") == {"product:7"}


def test_a_write_during_a_rebuild_reaches_the_new_index(backend):
    database = {d.key: d for d in CORPUS}
    renamed = doc("product:2", "Kalung Perak Filigri", body="Perhiasan perak.",
                  created=datetime(2024, 1, 10))

    def documents():
        for document in CORPUS:  # the rebuild reads product:2 before it changes
            yield document
            if document.key == "product:2":
                database["product:2"] = renamed  # a commit in another request...
                write(backend, [renamed])  # ...and its indexer

    backend.rebuild(documents(), len(CORPUS))
    backend.drain(lambda wanted: {k: database.get(k) for k in wanted})
    assert backend.stamps()["product:2"] == renamed.stamp
    assert found(backend, "perak") == {"product:2"}


def test_a_failed_rebuild_leaves_the_old_index_in_place(backend):
    def documents():
        yield doc("product:7", "Gerabah Kasongan")
        raise RuntimeError("the database went away")

    with pytest.raises(RuntimeError):
        backend.rebuild(documents(), 2)
    assert backend.status() == STATUS_OK
    assert backend.stamps() == {d.key: d.stamp for d in CORPUS}


def test_an_empty_index_answers_with_nothing(search_app):
    backend = get_backend(search_app)
    result = backend.search(SearchQuery(text="tapis"))
    assert (result.hits, result.total, result.pages) == ([], 0, 1)
    assert backend.search(SearchQuery(text="")).total == 0
    assert backend.suggest("tap", ("public",)) == []
    assert backend.correct("tapis") is None
    assert backend.stamps() == {} and backend.document_count() == 0
    assert backend.status() == STATUS_OK


def test_drain_without_deferred_keys_writes_nothing(backend):
    assert backend.drain(lambda wanted: dict.fromkeys(wanted)) == 0
    assert backend.document_count() == len(CORPUS)


# ---- an index that cannot answer (Whoosh: the folder on disk) ----

def whoosh_only(app):
    if app.config["SEARCH_BACKEND"] != "whoosh":
        pytest.skip("damaging the index is backend-specific")


def test_a_deleted_index_is_missing_and_searching_says_so(backend, search_app):
    import shutil

    whoosh_only(search_app)
    shutil.rmtree(search_app.config["SEARCH_DIR"])
    assert backend.status() == STATUS_MISSING
    with pytest.raises(SearchUnavailable) as raised:
        backend.search(SearchQuery(text="tapis"))
    assert raised.value.status == STATUS_MISSING
    with pytest.raises(SearchUnavailable):
        backend.suggest("tap", ("public",))
    # Writes are kept for later instead of failing; a rebuild (which reads the database after
    # them) brings the index back and makes them redundant.
    write(backend, CORPUS[:1])
    assert backend.pending_count() == 1
    backend.rebuild(iter(CORPUS[:2]), 2)
    assert backend.pending_count() == 0
    assert backend.stamps() == {d.key: d.stamp for d in CORPUS[:2]}


def test_an_index_without_its_complete_marker_is_missing(backend, search_app):
    from pathlib import Path

    whoosh_only(search_app)
    for marker in Path(search_app.config["SEARCH_DIR"]).glob("index-*/COMPLETE"):
        marker.unlink()
    assert backend.status() == STATUS_MISSING


def test_an_index_of_an_older_layout_is_missing_until_rebuilt(backend, search_app):
    from pathlib import Path

    whoosh_only(search_app)
    for marker in Path(search_app.config["SEARCH_DIR"]).glob("index-*/COMPLETE"):
        marker.write_text("sentra-search 1\n")
    assert backend.status() == STATUS_MISSING
    backend.rebuild(iter(CORPUS), len(CORPUS))
    assert backend.status() == STATUS_OK


def test_a_corrupted_index_is_broken(backend, search_app):
    from pathlib import Path

    whoosh_only(search_app)
    for segment in Path(search_app.config["SEARCH_DIR"]).glob("index-*/*.seg"):
        segment.write_bytes(b"\0" * 64)
    assert backend.status() == "broken"
    with pytest.raises(SearchUnavailable) as raised:
        backend.search(SearchQuery(text="tapis"))
    assert raised.value.status == "broken"
    write(backend, CORPUS[:1])  # does not raise: the keys wait for the repair
    backend.rebuild(iter(CORPUS), len(CORPUS))
    assert backend.status() == STATUS_OK
