"""`make bench-search`: how fast search is on a national-scale corpus, per backend.

For each backend (Whoosh always; PostgreSQL when a server answers), on the same seeded corpus
(bench/corpus.py: 100,000 published products and 50,000 forum posts by default):

1. index build: a full `rebuild` from the database (`documents.iter_documents`), in docs/s;
2. query latency: a fixed set of 200 queries (1-3 words drawn from the corpus vocabulary, a third
   with a channel, category or province filter), each through `backend.search` with facets and
   highlights, after a few uncounted warm-up queries: p50, p95, max, mean;
3. commit to searchable: a product created and published through the catalogue service and
   committed (so the real after_commit indexer runs), polled with `backend.search` until found.

The figures are printed next to the targets of issue 5 (Whoosh p95 <= 100 ms, PostgreSQL p95 <=
60 ms, searchable within 1 s). `--strict` makes a missed target exit with status 1.

    .venv/bin/python -m bench.search_bench --keep /tmp/sentra-bench   # reuse the corpus next time
"""

import argparse
import hashlib
import json
import logging
import os
import resource
import shutil
import sys
import tempfile
import time
import traceback
from contextlib import contextmanager
from importlib import util
from pathlib import Path

from rich.console import Console

from bench.corpus import CorpusSpec, load, present
from bench.measure import (
    measure_queries,
    measure_rebuild,
    measure_searchable,
    progress_bar,
    summarise,
)
from bench.queries import make_queries
from bench.report import compare, machine, report, report_machine
from bench.vocabulary import Vocabulary

BACKENDS = ("whoosh", "postgres")
DEFAULT_PG_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
MANIFEST = "bench-corpus.json"


# ---- databases and apps ----------------------------------------------------------------------------


def _read_manifest(folder):
    try:
        return json.loads((folder / MANIFEST).read_text())
    except (OSError, ValueError):
        return {}


def _write_manifest(folder, manifest):
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True))


def postgres_answers(url):
    """The server version when PostgreSQL answers at `url`, else None."""
    import psycopg

    try:
        with psycopg.connect(url, connect_timeout=3, autocommit=True) as connection:
            return connection.execute("SHOW server_version").fetchone()[0]
    except psycopg.Error:
        return None


@contextmanager
def backend_database(name, folder, options, console):
    """(SQLAlchemy URL, whether it may hold the corpus already, a function recording that it
    does) of the database the backend's run uses. Whoosh runs on SQLite in the data folder; a
    PostgreSQL database is created for the run and dropped at the end unless --keep."""
    spec_key = json.dumps(options.spec.as_dict(), sort_keys=True)
    manifest = _read_manifest(folder)
    if name == "whoosh":
        path = folder / "sentra.db"
        reusable = bool(options.keep) and path.exists() and manifest.get("sqlite") == spec_key
        if not reusable and path.exists():
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
        yield f"sqlite:///{path}", reusable, lambda: _write_manifest(
            folder, {**_read_manifest(folder), "sqlite": spec_key})
        return

    import psycopg
    from sqlalchemy.engine import make_url

    if options.keep:
        database = "sentra_bench_" + hashlib.blake2b(str(folder).encode(), digest_size=4).hexdigest()
    else:
        database = f"sentra_bench_{os.getpid()}"
    admin = psycopg.connect(options.pg_url, autocommit=True)
    try:
        exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", (database,)).fetchone()
        reusable = bool(options.keep and exists and manifest.get("postgres") == f"{database} {spec_key}")
        if not reusable:
            admin.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
            admin.execute(f'CREATE DATABASE "{database}"')
        url = make_url(options.pg_url).set(drivername="postgresql+psycopg", database=database)
        try:
            yield url.render_as_string(hide_password=False), reusable, lambda: _write_manifest(
                folder, {**_read_manifest(folder), "postgres": f"{database} {spec_key}"})
        finally:
            if options.keep:
                console.print(f"postgres: kept the database {database} for the next run "
                              f"(DROP DATABASE {database} when done)", soft_wrap=True)
            else:
                admin.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
                console.print(f"postgres: dropped the throwaway database {database}", soft_wrap=True)
    finally:
        admin.close()


def make_app(name, url, folder):
    """The app on `url` with the `name` backend, every bit of state under `folder`."""
    from marketplace import create_app

    app = create_app(
        "development", DATA_DIR=str(folder), SQLALCHEMY_DATABASE_URI=url, SEARCH_BACKEND=name,
        SEARCH_DIR=str(folder / f"search-{name}"), UPLOAD_DIR=str(folder / "uploads"),
        MAIL_DIR=str(folder / "mail"), PUBLIC_URL=None, TRUSTED_HOSTS=None, PROXY_FIX=0,
    )
    app.logger.setLevel(logging.WARNING)
    return app


def _load_corpus(db, spec, console):
    from marketplace import models  # noqa: F401 - every table of the schema registers on import

    expected = {"product": spec.products * 20 // 19 + 1, "forum_post": spec.posts}
    with progress_bar(console) as progress:
        tasks = {"product": progress.add_task("corpus: products", total=expected["product"]),
                 "forum_post": progress.add_task("corpus: forum posts", total=expected["forum_post"]),
                 "other": progress.add_task("corpus: other rows", total=None)}
        counts = load(db, spec, progress=lambda table, rows: progress.advance(
            tasks.get(table, tasks["other"]), rows))
    return counts


def run_backend(name, folder, options, queries, warmups, console):
    """Every measurement for one backend; a dict of figures."""
    from marketplace.extensions import db
    from marketplace.search.backend import get_backend

    figures = {"backend": name, "started": time.time()}
    with backend_database(name, folder, options, console) as (url, reusable, remember):
        app = make_app(name, url, folder)
        try:
            with app.app_context():
                started = time.perf_counter()
                if reusable and present(db, options.spec):
                    figures["corpus"] = "reused"
                else:
                    db.drop_all()
                    figures["rows"] = _load_corpus(db, options.spec, console)
                    figures["corpus"] = "loaded"
                    remember()
                figures["load_seconds"] = time.perf_counter() - started
                console.print(f"{name}: corpus {figures['corpus']} in {figures['load_seconds']:.1f} s")
                backend = get_backend(app)
                count, seconds = measure_rebuild(backend, db, console)
                figures.update(documents=count, rebuild_seconds=seconds, docs_per_second=count / seconds)
                console.print(f"{name}: rebuilt {count:,} documents in {seconds:.1f} s")
                figures["queries"] = measure_queries(backend, queries, warmups, console)
                probes = measure_searchable(backend, db, options.searchable_runs, console)
                figures["searchable"] = probes
        finally:
            with app.app_context():
                db.session.remove()
                db.engine.dispose()
    figures["seconds"] = time.time() - figures.pop("started")
    figures["peak_memory_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # so far
    return summarise(figures)


# ---- the command -----------------------------------------------------------------------------------


def parse(argv):
    parser = argparse.ArgumentParser(prog="python -m bench.search_bench", description=__doc__.split("\n")[0])
    parser.add_argument("--products", type=int, default=100_000, help="published products (default 100000)")
    parser.add_argument("--posts", type=int, default=50_000, help="forum posts (default 50000)")
    parser.add_argument("--seed", type=int, default=5, help="RNG seed of the corpus and the queries")
    parser.add_argument("--queries", type=int, default=200, help="timed queries (default 200)")
    parser.add_argument("--warmup", type=int, default=5, help="uncounted queries first (default 5)")
    parser.add_argument("--searchable-runs", type=int, default=20,
                        help="commit-to-searchable measurements (default 20)")
    parser.add_argument("--backends", default="whoosh,postgres",
                        help="comma-separated; postgres is skipped when no server answers")
    parser.add_argument("--pg-url", default=os.environ.get("BENCH_PG_URL", DEFAULT_PG_URL),
                        help="a PostgreSQL server URL allowed to create databases (default: %(default)s)")
    parser.add_argument("--keep", metavar="DIR", type=Path,
                        help="keep the data (SQLite corpus, PostgreSQL database) in DIR and reuse it")
    parser.add_argument("--json", metavar="PATH", type=Path, help="also write every figure to PATH")
    parser.add_argument("--slowest", type=int, default=8, help="slowest queries to list per backend")
    parser.add_argument("--strict", action="store_true", help="exit with status 1 when a target is missed")
    options = parser.parse_args(argv)
    options.backend_names = [b.strip() for b in options.backends.split(",") if b.strip()]
    unknown = set(options.backend_names) - set(BACKENDS)
    if unknown:
        parser.error(f"unknown backend(s): {', '.join(sorted(unknown))}")
    options.spec = CorpusSpec(products=options.products, posts=options.posts, seed=options.seed)
    return options


def run(options, console):
    """Measure every requested backend; {"machine", "spec", "backends": {name: figures}, "skipped"}."""
    started = time.time()
    pg_version = postgres_answers(options.pg_url) if "postgres" in options.backend_names else None
    results = {"spec": options.spec.as_dict(), "backends": {}, "skipped": {}, "crashed": {},
               "machine": machine(pg_version)}
    report_machine(results["machine"], console)
    console.print(f"corpus: {options.spec.products:,} published products, {options.spec.posts:,} forum "
                  f"posts, {options.spec.businesses:,} businesses, {options.spec.sentra:,} sentra "
                  f"(seed {options.spec.seed}); {options.queries} queries", soft_wrap=True)
    vocabulary = Vocabulary()
    queries = make_queries(vocabulary, options.queries, options.seed)
    warmups = make_queries(vocabulary, options.warmup, options.seed, part="warm-up")
    with _folder(options.keep) as folder:
        for name in options.backend_names:
            if name == "postgres" and pg_version is None:
                results["skipped"][name] = f"no PostgreSQL server answers at {options.pg_url}"
            elif util.find_spec(f"marketplace.search.{name}_backend") is None:
                results["skipped"][name] = f"marketplace/search/{name}_backend.py does not exist yet"
            else:
                try:
                    results["backends"][name] = run_backend(name, folder, options, queries, warmups,
                                                            console)
                except Exception:  # noqa: BLE001 - report it, measure the other backend still
                    console.print_exception()
                    results["crashed"][name] = traceback.format_exc()
                    continue
                report(results["backends"][name], console, options.slowest)
                continue
            console.print(f"[yellow]{name}: skipped ({results['skipped'][name]})[/yellow]")
    if len(results["backends"]) > 1:
        results["disagreements"] = compare(results["backends"], console)
    results["seconds"] = time.time() - started
    console.print(f"benchmark finished in {results['seconds'] / 60:.1f} min")
    if options.json:
        options.json.write_text(json.dumps(results, indent=2, default=str))
    return results


@contextmanager
def _folder(keep):
    if keep:
        keep.mkdir(parents=True, exist_ok=True)
        yield keep.resolve()
        return
    folder = Path(tempfile.mkdtemp(prefix="sentra-bench-"))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def main(argv=None):
    options = parse(argv)
    console = Console()
    results = run(options, console)
    failed = [f"{name} {what}" for name, figures in results["backends"].items()
              for what, ok in figures["verdicts"].items() if not ok]
    if failed:
        console.print(f"[red]missed targets: {', '.join(failed)}[/red]")
    if results["crashed"]:
        console.print(f"[red]crashed: {', '.join(results['crashed'])}[/red]")
        return 2
    return 1 if failed and options.strict else 0


if __name__ == "__main__":
    sys.exit(main())
