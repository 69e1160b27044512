"""Several worker processes write the same Whoosh index at once: nothing raises, nothing is lost.

Each process plays an app worker: it "commits" a new version of a row (a file in a truth folder,
replaced atomically, standing in for the database) and then calls `apply`, as the indexer does
after a commit. The lock timeout is tiny, so writers often find the index busy and defer. After
a final `drain`, every document in the index must be the last committed version.
"""

import multiprocessing
import os
import random
import time
from pathlib import Path

import pytest

from marketplace.search.backend import Document, SearchQuery

SHARED_KEYS = [f"product:{n}" for n in range(1, 11)]  # written by every process
UPDATES = 40


def _backend(search_dir, lock_timeout):
    from flask import Flask

    from marketplace.search.whoosh_backend import WhooshBackend

    app = Flask("worker")
    app.config.update(SEARCH_DIR=str(search_dir), SEARCH_LOCK_TIMEOUT=lock_timeout)
    app.app_context().push()
    return WhooshBackend(app)


def _document(key, version):
    kind, object_id = key.split(":")
    return Document(key=key, type=kind, kind=kind, object_id=int(object_id),
                    title=f"Tapis versi {version}", body=f"versi{version}").with_stamp()


def _loader(truth):
    """`load` reading the truth folder: the latest committed version of each key, or None."""
    def load(keys):
        found = {}
        for key in keys:
            try:
                version = (truth / key).read_text()
            except FileNotFoundError:
                found[key] = None
                continue
            found[key] = None if version == "deleted" else _document(key, version)
        return found
    return load


def _commit(truth, key, value):
    temporary = truth / f".{key}.{os.getpid()}"
    temporary.write_text(value)
    os.replace(temporary, truth / key)


def _writer(search_dir, truth, worker, lock_timeout):
    """One worker process: many commits, each followed by apply(). Returns errors seen."""
    truth = Path(truth)
    backend = _backend(search_dir, lock_timeout)
    load = _loader(truth)
    own = [f"product:{100 * (worker + 1) + n}" for n in range(5)]
    rng = random.Random(worker)
    errors = []
    for step in range(UPDATES):
        key = rng.choice(SHARED_KEYS + own)
        value = "deleted" if step % 13 == 12 else f"{worker}-{step}"
        _commit(truth, key, value)
        try:
            backend.apply({key}, load)
        except Exception as error:  # noqa: BLE001 - the test reports any
            errors.append(repr(error))
    return errors


def _rebuilder(search_dir, truth, lock_timeout):
    """A `flask search rebuild` running while the writers write: slow, reading the truth late."""
    truth = Path(truth)
    backend = _backend(search_dir, lock_timeout)
    load = _loader(truth)

    def documents():
        for name in sorted(os.listdir(truth)):
            if name.startswith("."):
                continue
            time.sleep(0.01)
            document = load([name])[name]
            if document is not None:
                yield document

    backend.rebuild(documents(), 0)
    backend.drain(load)
    return []


def _final_state(search_dir, truth):
    backend = _backend(search_dir, 5.0)
    load = _loader(Path(truth))
    backend.drain(load)
    expected = {k: d.stamp for k, d in load(os.listdir(truth)).items()
                if d is not None and not k.startswith(".")}
    return backend, expected


def _run(jobs):
    context = multiprocessing.get_context("spawn")
    with context.Pool(len(jobs)) as pool:
        pending = [pool.apply_async(function, args) for function, args in jobs]
        return [error for job in pending for error in job.get(timeout=300)]


@pytest.fixture
def folders(tmp_path):
    truth = tmp_path / "truth"
    truth.mkdir()
    search_dir = tmp_path / "search"
    _backend(search_dir, 5.0).rebuild([], 0)
    return search_dir, truth


def test_processes_writing_at_once_lose_no_update(folders):
    search_dir, truth = folders

    errors = _run([(_writer, (search_dir, truth, worker, 0.01)) for worker in range(3)])

    assert errors == []
    backend, expected = _final_state(search_dir, truth)
    assert backend.pending_count() == 0
    assert backend.stamps() == expected
    assert backend.document_count() == len(expected)
    some = next(iter(expected))
    version = _loader(truth)([some])[some].body
    assert {h.key for h in backend.search(SearchQuery(text=version, audiences=None)).hits} == {
        some}


def test_a_rebuild_while_processes_write_keeps_the_latest_versions(folders):
    search_dir, truth = folders

    errors = _run([(_writer, (search_dir, truth, 0, 0.01)),
                   (_writer, (search_dir, truth, 1, 0.01)),
                   (_rebuilder, (search_dir, truth, 0.01))])

    assert errors == []
    backend, expected = _final_state(search_dir, truth)
    assert backend.stamps() == expected
    assert backend.status() == "ok"


def test_many_small_commits_are_merged_into_few_segments(folders):
    from whoosh.index import open_dir

    search_dir, truth = folders
    backend = _backend(search_dir, 5.0)
    load = _loader(truth)
    for step in range(60):
        key = f"product:{step}"
        _commit(truth, key, str(step))
        backend.apply({key}, load)

    live = (search_dir / "CURRENT").read_text().strip()
    segments = len(open_dir(str(search_dir / live)).reader().leaf_readers())
    assert segments <= 8
    assert backend.document_count() == 60
