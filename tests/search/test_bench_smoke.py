"""`make bench-search` keeps working: its code runs end to end on a tiny corpus (no timing asserted)."""

import json
import os

import pytest
from sqlalchemy import create_engine, text

from bench import measure, search_bench

TINY = ["--products", "300", "--posts", "100", "--queries", "10", "--warmup", "2",
        "--searchable-runs", "2", "--slowest", "3"]


def _figures(tmp_path, *arguments):
    path = tmp_path / "figures.json"
    assert search_bench.main([*TINY, *arguments, "--json", str(path)]) == 0
    return json.loads(path.read_text())


def _assert_measured(figures, backend):
    assert not figures["crashed"]
    measured = figures["backends"][backend]
    # Every published product is a document, plus sentra, businesses and forum topics and posts.
    assert measured["documents"] > 300
    assert len(measured["queries"]) == 10
    assert measured["hits"]["errors"] == 0, [q for q in measured["queries"] if q["error"]]
    assert measured["hits"]["zero"] < 10  # drawn from the corpus vocabulary: some find something
    assert len(measured["searchable"]) == 2
    assert all(probe["searchable"] is not None for probe in measured["searchable"])
    return measured


def test_benchmark_builds_measures_and_reuses_a_kept_corpus(tmp_path, monkeypatch):
    kept = tmp_path / "data"

    first = _figures(tmp_path, "--backends", "whoosh", "--keep", str(kept))
    measured = _assert_measured(first, "whoosh")
    assert measured["corpus"] == "loaded"
    assert first["machine"]["cores"] and first["machine"]["python"]

    second = _figures(tmp_path, "--backends", "whoosh", "--keep", str(kept))
    again = _assert_measured(second, "whoosh")
    assert again["corpus"] == "reused"
    assert again["documents"] == measured["documents"]  # the probe products were deleted after
    assert [q["query"] for q in again["queries"]] == [q["query"] for q in measured["queries"]]

    engine = create_engine(f"sqlite:///{kept / 'sentra.db'}")
    with engine.connect() as connection:
        published = connection.execute(text("SELECT count(*) FROM product WHERE status = 'published'"))
        assert published.scalar() == 300
    engine.dispose()

    # A missed target is reported; only --strict turns it into a failing exit status.
    monkeypatch.setitem(measure.P95_TARGETS, "whoosh", 0.0)
    arguments = [*TINY, "--backends", "whoosh", "--keep", str(kept)]
    assert search_bench.main(arguments) == 0
    assert search_bench.main([*arguments, "--strict"]) == 1


def test_benchmark_on_postgresql_drops_its_database(tmp_path):
    url = os.environ.get("TEST_DATABASE_URL") or ""
    if not url.startswith("postgresql"):
        pytest.skip("the PostgreSQL backend needs TEST_DATABASE_URL=postgresql://...")

    figures = _figures(tmp_path, "--backends", "postgres", "--pg-url", url)
    _assert_measured(figures, "postgres")

    engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    with engine.connect() as connection:
        left = connection.execute(text("SELECT count(*) FROM pg_database WHERE datname = :name"),
                                  {"name": f"sentra_bench_{os.getpid()}"})  # the run's throwaway one
        assert left.scalar() == 0
    engine.dispose()
