"""What only the PostgreSQL backend has: its own tables, locks, round trips and damage states.

The behaviour both backends share is pinned by test_backend.py; these run when the test database
is PostgreSQL (TEST_DATABASE_URL=postgresql://...).
"""

import multiprocessing
import random
import secrets
from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import create_engine, event, inspect, text

from config import normalise_database_url
from marketplace.extensions import db
from marketplace.search import postgres_backend, postgres_tables
from marketplace.search.backend import (
    STATUS_BROKEN,
    STATUS_MISSING,
    STATUS_OK,
    STATUS_REBUILDING,
    SearchQuery,
    SearchUnavailable,
    audience_for_sentra,
    get_backend,
)
from tests.conftest import ENVIRONMENT_FREE, app_on
from tests.search.conftest import _postgres_database
from tests.search.test_backend import CORPUS, doc, found, write
from tests.search.test_concurrency import _document

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(not _postgres_database(),
                       reason="the PostgreSQL backend needs TEST_DATABASE_URL=postgresql://..."),
]


@pytest.fixture
def pg_app(tmp_path):
    with app_on(tmp_path, SEARCH_BACKEND="postgres") as application:
        yield application


@pytest.fixture
def backend(pg_app):
    backend = get_backend(pg_app)
    write(backend, CORPUS)
    return backend


def execute(sql):
    with db.engine.begin() as connection:
        connection.execute(text(sql))


def load_from(documents):
    by_key = {d.key: d for d in documents}
    return lambda keys: {k: by_key.get(k) for k in keys}


# ---- storage ----

def test_the_index_lives_in_its_own_indexed_tables_outside_the_models(backend):
    inspector = inspect(db.engine)
    tables = set(inspector.get_table_names())
    assert {"search_document", "search_document_text", "search_vocabulary", "search_pending",
            "search_state"} <= tables
    assert not {name for name in db.metadata.tables if name.startswith("search_")}
    with db.engine.connect() as connection:
        indexes = dict(connection.execute(text(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'search_document'")).all())
    assert "USING gin (terms)" in indexes["ix_search_document_terms"]
    assert "USING gin (channels)" in indexes["ix_search_document_channels"]
    assert "USING gin (certifications)" in indexes["ix_search_document_certifications"]
    for column in ("type", "audience", "category", "province", "sentra", "created", "price"):
        assert f"ix_search_document_{column}" in indexes


def test_terms_are_our_analysis_not_postgres_parsing(backend):
    write(backend, [doc("product:20", "Kue jum'at kain_tenun", keywords="HS 5208.11",
                        body="garis miring \\ dan 'kutip'")])
    assert found(backend, "jum'at") == {"product:20"}
    assert found(backend, "kain_tenun") == {"product:20"}
    assert found(backend, "5208.11") == {"product:20"}
    assert found(backend, "jum") == set()  # PostgreSQL's parser would have split the word
    with db.engine.connect() as connection:
        terms = connection.scalar(text(
            "SELECT terms::text FROM search_document WHERE key = 'product:1'"))
    assert "'tenun':" in terms and "'tenunan'" not in terms  # Sastrawi stems, weighted
    assert "'tenun':2A" in terms


@pytest.mark.parametrize("typed", [
    "'; DROP TABLE search_document; --", "tapis:* & !kain | (", "\\", "tapis'", "''", "a & b",
    "<-> tapis", "x" * 3000,
])
def test_any_typed_text_is_safe(backend, typed):
    backend.search(SearchQuery(text=typed))
    backend.suggest(typed, ("public",))
    backend.correct(typed)
    assert backend.status() == STATUS_OK
    assert backend.document_count() == len(CORPUS)


def test_a_search_with_facets_takes_two_statements_and_groups_one_more(backend):
    statements = []

    def count(*_args):
        statements.append(1)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        result = backend.search(SearchQuery(text="tapis", channel="export"))
        assert result.total == 1 and result.facets["category"] == [("tenun", 1)]
        assert len(statements) == 2
        statements.clear()
        backend.search(SearchQuery(text="tapis", group_size=3))
        assert len(statements) == 3
    finally:
        event.remove(db.engine, "before_cursor_execute", count)


def test_broad_queries_estimate_their_counts_from_a_sample(backend):
    exact = backend.search(SearchQuery(text="", per_page=50))
    assert exact.total_exact and exact.total == 8
    backend.sample_buckets, backend.sample_min = postgres_tables.BUCKETS // 2, 1  # half, trusted
    sampled = [d for d in CORPUS if d.audience == "public"
               and postgres_tables.bucket_of(d.key) < postgres_tables.BUCKETS // 2]
    assert sampled  # the corpus has keys in the sampled half
    estimated = backend.search(SearchQuery(text="", per_page=50))
    assert not estimated.total_exact
    assert estimated.total == 2 * len(sampled)
    assert sum(estimated.type_counts.values()) == estimated.total
    assert len(estimated.hits) == 8  # the hits themselves are all there


def test_broad_queries_rank_their_newest_matches(backend):
    newer = [doc(f"product:{50 + n}", f"Tapis {n}", created=datetime(2025, 1, 1 + n))
             for n in range(12)]
    newer[-1] = doc("product:61", "Songket", body="Mirip tapis.", created=datetime(2025, 1, 12))
    write(backend, newer)
    execute("ANALYZE search_document")  # 21 rows: 17 matches > sqrt(4 x 21), a broad query
    backend.rank_candidates = 4
    pages = [backend.search(SearchQuery(text="tapis", per_page=2, page=n)) for n in (1, 2)]
    keys = [hit.key for page in pages for hit in page.hits]
    assert set(keys) == {"product:61", "product:60", "product:59", "product:58"}  # the newest
    assert keys[-1] == "product:61"  # ranked: only its body says "tapis"
    assert pages[0].total == 17 and pages[0].total_exact
    backend.rank_candidates = 1000
    assert backend.search(SearchQuery(text="tapis", per_page=1)).hits[0].key != "product:61"


def test_created_times_come_back_as_they_were_given(pg_app):
    backend = get_backend(pg_app)
    aware = datetime(2024, 2, 3, 10, 30, tzinfo=timezone(timedelta(hours=7)))
    write(backend, [doc("product:30", "Tapis WIB", created=aware),
                    doc("product:31", "Tapis UTC", created=datetime(2024, 2, 3, 3, 0))])
    hits = {h.key: h.created for h in backend.search(SearchQuery(text="tapis")).hits}
    assert hits["product:30"] == aware and hits["product:30"].tzinfo is not None
    assert hits["product:31"] == datetime(2024, 2, 3, 3, 0) and hits["product:31"].tzinfo is None
    newest = backend.search(SearchQuery(text="tapis", sort="newest")).hits
    assert [h.key for h in newest] == ["product:30", "product:31"]  # 03:30 UTC after 03:00


# ---- spelling ----

def test_the_spelling_vocabulary_follows_writes(backend):
    gringsing = doc("product:40", "Gringsing Tenganan", body="Tenun ikat ganda.")
    write(backend, [gringsing])
    assert backend.correct("gringseng") == "gringsing"
    hidden = doc("product:40", "Gringsing Tenganan", audience=audience_for_sentra(3))
    write(backend, [hidden])
    assert backend.correct("gringseng") is None
    write(backend, [gringsing])
    backend.delete({"product:40"})
    assert backend.correct("gringseng") is None
    with db.engine.connect() as connection:
        assert connection.scalar(text(
            "SELECT count(*) FROM search_vocabulary WHERE word = 'gringsing'")) == 0
        assert connection.scalar(text(
            "SELECT frequency FROM search_vocabulary WHERE word = 'tapis'")) == 5  # public docs


def test_spelling_works_without_pg_trgm(backend):
    backend._trigrams = False
    assert backend.correct("tapiss") == "tapis"
    assert backend.correct("kain tenunab") == "kain tenunan"
    assert backend.correct("robsuta") == "robusta"
    assert backend.correct("qqqqqqqq") is None


# ---- an index that cannot answer ----

def test_a_dropped_table_is_missing_and_writes_wait_for_the_rebuild(backend):
    execute("DROP TABLE search_document")
    assert backend.status() == STATUS_MISSING
    with pytest.raises(SearchUnavailable) as raised:
        backend.search(SearchQuery(text="tapis"))
    assert raised.value.status == STATUS_MISSING
    with pytest.raises(SearchUnavailable):
        backend.suggest("tap", ("public",))
    write(backend, CORPUS[:1])  # does not raise
    assert backend.status() == STATUS_MISSING  # a table with some rows is no complete index
    assert backend.rebuild(iter(CORPUS), len(CORPUS)) == len(CORPUS)
    assert backend.status() == STATUS_OK
    assert backend.stamps() == {d.key: d.stamp for d in CORPUS}


def test_without_its_complete_marker_the_index_is_missing(backend):
    execute("DELETE FROM search_state")
    assert backend.status() == STATUS_MISSING
    with pytest.raises(SearchUnavailable) as raised:
        backend.search(SearchQuery(text=""))
    assert raised.value.status == STATUS_MISSING
    with pytest.raises(SearchUnavailable):
        backend.correct("tapiss")


def test_a_damaged_table_is_broken_until_rebuilt(backend):
    execute("ALTER TABLE search_document DROP COLUMN terms")
    assert backend.status() == STATUS_BROKEN
    with pytest.raises(SearchUnavailable) as raised:
        backend.search(SearchQuery(text="tapis"))
    assert raised.value.status == STATUS_BROKEN
    write(backend, CORPUS[:1])  # the key waits
    assert backend.pending_count() == 1
    backend.rebuild(iter(CORPUS), len(CORPUS))
    assert backend.status() == STATUS_OK
    assert found(backend, "tapis") >= {"product:1", "sentra:1"}


# ---- rebuilds ----

def _hold_rebuild_lock():
    engine = create_engine(db.engine.url)
    connection = engine.connect()
    connection.execute(text("SELECT pg_advisory_lock(:id)"), {"id": postgres_backend.REBUILD_LOCK})
    connection.commit()
    return engine, connection


def test_while_a_rebuild_runs_writes_show_at_once_and_are_kept_for_the_new_index(backend):
    engine, connection = _hold_rebuild_lock()
    try:
        assert backend.status() == STATUS_REBUILDING
        changed = doc("product:2", "Kalung Perak Filigri", body="Perhiasan perak.")
        write(backend, [changed])
        assert found(backend, "perak") == {"product:2"}  # the live index answers meanwhile
        assert backend.pending_count() == 1
        assert backend.drain(load_from([changed])) == 0  # nothing drains into the old index
    finally:
        connection.execute(text("SELECT pg_advisory_unlock(:id)"),
                           {"id": postgres_backend.REBUILD_LOCK})
        connection.close()
        engine.dispose()
    assert backend.status() == STATUS_OK
    assert backend.drain(load_from([changed])) == 1
    assert backend.pending_count() == 0


def test_a_big_rebuild_builds_a_new_table_and_replays_writes_made_meanwhile(backend, monkeypatch):
    monkeypatch.setattr(postgres_backend, "WRITE_BATCH", 2)  # take the new-table path
    newer = doc("product:1", "Kain Songket Lampung", body="Songket.")
    progress = []

    def documents():
        for number, document in enumerate(CORPUS):
            yield document
            if number == 3:  # product:1 was read already; it changes now
                write(backend, [newer])
                # The live table answers with the new version meanwhile.
                assert found(backend, "songket", type="product") == {"product:1"}

    rebuilt = backend.rebuild(documents(), len(CORPUS), progress.append,
                              load=load_from([newer, *CORPUS[1:]]))
    assert rebuilt == len(CORPUS) and sum(progress) == len(CORPUS)
    assert backend.stamps()["product:1"] == newer.stamp
    assert backend.pending_count() == 0
    assert backend.status() == STATUS_OK
    with db.engine.connect() as connection:
        names = set(connection.scalars(text(
            "SELECT indexname FROM pg_indexes WHERE tablename LIKE 'search_%'")))
    assert "ix_search_document_terms" in names and not [n for n in names if "build" in n]
    # And again: the renamed table and indexes make way for the next build.
    assert backend.rebuild(iter(CORPUS), len(CORPUS)) == len(CORPUS)
    assert backend.correct("tapiss") == "tapis"


# ---- several processes ----

UPDATES = 30
SHARED_KEYS = [f"product:{n}" for n in range(1, 9)]


def _truth_loader(engine):
    """`load` reading the truth table through its own connection, as documents.load does."""
    def load(keys):
        with engine.connect() as connection:
            rows = dict(connection.execute(
                text("SELECT key, version FROM truth_versions WHERE key = ANY(:keys)"),
                {"keys": sorted(keys)}).all())
        return {k: _document(k, rows[k]) if rows.get(k) else None for k in keys}
    return load


def _worker_app(url, data_dir, lock_timeout, write_batch=None):
    from marketplace import create_app

    if write_batch:
        postgres_backend.WRITE_BATCH = write_batch
    app = create_app("testing", SQLALCHEMY_DATABASE_URI=url, DATA_DIR=data_dir,
                     SEARCH_BACKEND="postgres", SEARCH_LOCK_TIMEOUT=lock_timeout,
                     **ENVIRONMENT_FREE)
    app.app_context().push()
    return get_backend(app), db.engine


def _writer(url, data_dir, worker):
    """A worker process: commits new versions of rows, each followed by apply()."""
    backend, engine = _worker_app(url, data_dir, 0.01)
    load = _truth_loader(engine)
    own = [f"product:{100 * (worker + 1) + n}" for n in range(4)]
    rng = random.Random(worker)
    errors = []
    for step in range(UPDATES):
        key = rng.choice(SHARED_KEYS + own)
        version = None if step % 11 == 10 else f"{worker}-{step}"
        with engine.begin() as connection:
            connection.execute(text(
                "INSERT INTO truth_versions (key, version) VALUES (:key, :version) "
                "ON CONFLICT (key) DO UPDATE SET version = excluded.version"),
                {"key": key, "version": version})
        try:
            backend.apply({key}, load)
        except Exception as error:  # noqa: BLE001 - the test reports any
            errors.append(repr(error))
    return errors


def _rebuilder(url, data_dir):
    """`flask search rebuild` while the writers write: slow, reading the rows as it goes."""
    import time

    backend, engine = _worker_app(url, data_dir, 0.01, write_batch=3)
    load = _truth_loader(engine)

    def documents():
        with engine.connect() as connection:
            keys = sorted(connection.scalars(text("SELECT key FROM truth_versions")))
        for key in keys:
            time.sleep(0.02)
            document = load([key])[key]
            if document is not None:
                yield document

    backend.rebuild(documents(), 0, load=load)
    return []


@pytest.fixture
def truth(pg_app, tmp_path):
    execute("DROP TABLE IF EXISTS truth_versions")
    execute("CREATE TABLE truth_versions (key text PRIMARY KEY, version text)")
    execute("INSERT INTO truth_versions SELECT 'product:' || n, 'start' FROM generate_series(1, 8) n")
    get_backend(pg_app).rebuild([], 0)
    yield normalise_database_url(str(db.engine.url.render_as_string(hide_password=False)))
    execute("DROP TABLE truth_versions")


def _run(jobs):
    context = multiprocessing.get_context("spawn")
    with context.Pool(len(jobs)) as pool:
        running = [pool.apply_async(function, args) for function, args in jobs]
        return [error for job in running for error in job.get(timeout=300)]


def _expected(backend):
    load = _truth_loader(db.engine)
    with db.engine.connect() as connection:
        keys = list(connection.scalars(text("SELECT key FROM truth_versions")))
    backend.drain(load)
    return {k: d.stamp for k, d in load(keys).items() if d is not None}


def test_processes_writing_at_once_lose_no_update(pg_app, truth, tmp_path):
    errors = _run([(_writer, (truth, str(tmp_path / f"w{n}"), n)) for n in range(3)])

    assert errors == []
    backend = get_backend(pg_app)
    expected = _expected(backend)
    assert backend.pending_count() == 0
    assert backend.stamps() == expected


def test_a_rebuild_while_processes_write_keeps_the_latest_versions(pg_app, truth, tmp_path):
    errors = _run([(_writer, (truth, str(tmp_path / "w0"), 0)),
                   (_writer, (truth, str(tmp_path / "w1"), 1)),
                   (_rebuilder, (truth, str(tmp_path / "r")))])

    assert errors == []
    backend = get_backend(pg_app)
    expected = _expected(backend)
    assert backend.stamps() == expected
    assert backend.status() == STATUS_OK


# ---- migrations ----

def test_flask_db_check_ignores_the_search_tables(tmp_path):
    from marketplace import create_app

    server = "postgresql://postgres@127.0.0.1:5432"
    admin = create_engine(normalise_database_url(f"{server}/postgres"), isolation_level="AUTOCOMMIT")
    name = f"sentra_search_check_{secrets.token_hex(4)}"
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        app = create_app("testing", DATA_DIR=str(tmp_path), SEARCH_BACKEND="postgres",
                         SQLALCHEMY_DATABASE_URI=normalise_database_url(f"{server}/{name}"),
                         **ENVIRONMENT_FREE)
        runner = app.test_cli_runner()
        # Its own context: the commands must not pick up another test's app left current.
        with app.app_context():
            assert runner.invoke(args=["db", "upgrade"]).exit_code == 0
            get_backend(app).rebuild([doc("product:1", "Tapis", created=datetime.now(UTC))], 1)
            assert "search_document" in inspect(db.engine).get_table_names()
            check = runner.invoke(args=["db", "check"])
            assert check.exit_code == 0, check.output
            db.engine.dispose()
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
