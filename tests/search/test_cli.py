"""`flask search rebuild | check | status` on real data made by the factories, on each backend
(damaging the index on disk is Whoosh's own case)."""

import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from marketplace.extensions import db
from marketplace.search.backend import Document, SearchQuery, get_backend
from tests.catalog.conftest import make_product
from tests.conftest import make_business, make_membership, make_sentra, make_user
from tests.forum.conftest import make_board, make_post, make_topic


@pytest.fixture
def site(search_app):
    """A sentra with a member business, two published products and a draft, a forum thread."""
    sentra = make_sentra()
    owner = make_user("perajin@test.id", display_name="Bu Siti")
    make_membership(sentra, owner)
    business = make_business(owner, sentra, name="Tapis Siger Jaya")
    make_product(business, title="Kain Tenunan Tapis Siger", channels=["export"])
    make_product(business, title="Selendang Tapis Pucuk Rebung")
    make_product(business, title="Tapis Draf Rahasia", status="draft")
    board = make_board()
    topic = make_topic(board, owner, title="Cara menenun tapis yang rapi")
    make_post(topic, owner, body="Gunakan benang emas yang sudah dipilin.")
    return search_app


@pytest.fixture
def runner(site):
    return site.test_cli_runner()


def whoosh_only(app):
    if app.config["SEARCH_BACKEND"] != "whoosh":
        pytest.skip("damaging the index on disk is Whoosh's case")


def documents():
    """The documents module (imported once the app has loaded every model)."""
    from marketplace.search import documents as module

    return module


def database_stamps():
    return {d.key: d.stamp for d in documents().iter_documents(db.session)}


def search_keys(text):
    result = get_backend().search(SearchQuery(text=text, per_page=50))
    return {hit.key for hit in result.hits}


def test_rebuild_indexes_every_searchable_row(site, runner):
    backend = get_backend()
    backend.rebuild([], 0)  # start from nothing: only the command fills it
    assert backend.document_count() == 0

    result = runner.invoke(args=["search", "rebuild"])

    assert result.exit_code == 0, result.output
    expected = database_stamps()
    assert f"{len(expected)} documents indexed" in result.output
    assert "documents/s" in result.output
    assert backend.stamps() == expected
    assert len(search_keys("menenun")) >= 2  # the product "Tenunan" and the topic
    assert not any("Draf" in hit.title for hit in
                   get_backend().search(SearchQuery(text="rahasia")).hits)


def test_check_finds_nothing_on_a_consistent_index(site, runner):
    result = runner.invoke(args=["search", "check"])
    assert result.exit_code == 0, result.output
    assert "Consistent" in result.output


def _drift(backend):
    """Damage the index three ways: a document deleted, a stray one added, one stale."""
    expected = database_stamps()
    keys = sorted(k for k in expected if k.startswith("product:"))
    removed, stale_key = keys[0], keys[1]
    backend.delete({removed})
    stray = Document(key="product:9999", type="product", kind="product", object_id=9999,
                     title="Produk hantu").with_stamp()
    current = documents().load(db.session, {stale_key})[stale_key]
    stale = replace(current, title="Judul lama").with_stamp()
    db.session.commit()
    by_key = {stray.key: stray, stale_key: stale}
    backend.apply(set(by_key), lambda wanted: {k: by_key.get(k) for k in wanted})
    return expected, removed, stale_key


def test_check_repairs_missing_stale_and_stray_documents(site, runner):
    backend = get_backend()
    expected, removed, stale_key = _drift(backend)
    assert backend.stamps() != expected

    result = runner.invoke(args=["search", "check"])

    assert result.exit_code == 0, result.output
    assert "1 documents missing from the index: " + removed in result.output
    assert "1 documents out of date: " + stale_key in result.output
    assert "1 documents in the index but not searchable: product:9999" in result.output
    assert "Consistent" in result.output
    assert backend.stamps() == expected
    assert search_keys("hantu") == set()


def test_check_without_repair_reports_and_fails(site, runner):
    backend = get_backend()
    expected, _removed, _stale = _drift(backend)
    damaged = backend.stamps()

    result = runner.invoke(args=["search", "check", "--no-repair"])

    assert result.exit_code == 1
    assert "out of date" in result.output
    assert backend.stamps() == damaged != expected


def test_check_rebuilds_a_deleted_index(site, runner):
    whoosh_only(site)
    shutil.rmtree(site.config["SEARCH_DIR"])
    assert get_backend().status() == "missing"

    result = runner.invoke(args=["search", "check"])

    assert result.exit_code == 0, result.output
    assert "missing" in result.output and "Consistent" in result.output
    assert get_backend().stamps() == database_stamps()


def test_check_rebuilds_a_corrupted_index(site, runner):
    whoosh_only(site)
    segments = list(Path(site.config["SEARCH_DIR"]).glob("index-*/*.seg"))
    assert segments
    for segment in segments:
        data = bytearray(segment.read_bytes())
        data[: len(data) // 2] = b"\xff" * (len(data) // 2)
        segment.write_bytes(bytes(data))

    result = runner.invoke(args=["search", "check"])

    assert result.exit_code == 0, result.output
    assert "broken" in result.output and "Consistent" in result.output
    assert get_backend().status() == "ok"
    assert get_backend().stamps() == database_stamps()


def test_check_writes_keys_deferred_while_the_index_was_missing(site, runner):
    whoosh_only(site)
    from marketplace.catalog.models import Product

    backend = get_backend()
    backend.rebuild(documents().iter_documents(db.session), 0)
    shutil.rmtree(Path(site.config["SEARCH_DIR"]) / Path(backend._live_name()))
    product = db.session.scalars(db.select(Product).filter_by(status="published")).first()
    product.title = "Tapis Baru Sekali"
    db.session.commit()  # the indexer cannot write: it defers the key
    assert backend.pending_count() >= 1

    result = runner.invoke(args=["search", "check"])

    assert result.exit_code == 0, result.output
    assert backend.pending_count() == 0
    assert f"product:{product.id}" in search_keys("baru sekali")


def test_status_shows_the_state_and_size(site, runner):
    result = runner.invoke(args=["search", "status"])
    assert result.exit_code == 0, result.output
    assert f"backend: {site.config['SEARCH_BACKEND']}" in result.output
    assert "state: ok" in result.output
    assert f"documents: {len(database_stamps())}" in result.output
    assert "deferred keys: 0" in result.output
