"""The three measurements of `make bench-search`, and the figures drawn from them."""

import math
import secrets
import statistics
import time

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

P95_TARGETS = {"whoosh": 0.100, "postgres": 0.060}  # seconds, issue 5
SEARCHABLE_TARGET = 1.0
PROBE_TIMEOUT = 10.0
PROBE_PAUSE = 0.1  # between two commits, as edits come in a real site
PROBE_LETTERS = "bcdfgjpqvwxz"  # no vowels: no Indonesian or English affix to strip


def percentile(values, share):
    """The nearest-rank percentile of `values` (share in 0..1)."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return ordered[max(0, min(len(ordered), math.ceil(len(ordered) * share)) - 1)]


def progress_bar(console):
    """A transient progress bar with counts and elapsed time."""
    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                    TimeElapsedColumn(), console=console, transient=True)


def measure_rebuild(backend, db, console):
    """Rebuild the whole index from the database; (documents, seconds)."""
    from marketplace.search import documents

    total = documents.count_documents(db.session)
    with progress_bar(console) as progress:
        task = progress.add_task(f"{backend.name}: rebuild", total=total)
        started = time.perf_counter()
        count = backend.rebuild(documents.iter_documents(db.session), total,
                                progress=lambda n: progress.advance(task, n))
        elapsed = time.perf_counter() - started
    db.session.remove()
    return count, elapsed


def measure_queries(backend, queries, warmups, console):
    """Run the warm-ups (not counted), then every query once: [{query, seconds, total, error}].

    A query that raises is recorded with its error (and left out of the latency figures), so
    one bug does not hide the figures of the others.
    """
    for query in warmups:
        try:
            backend.search(query.search_query())
        except Exception:  # noqa: BLE001, S112 - a warm-up only warms; the timed run reports errors
            continue
    timings = []
    with progress_bar(console) as progress:
        task = progress.add_task(f"{backend.name}: queries", total=len(queries))
        for query in queries:
            search_query = query.search_query()
            started = time.perf_counter()
            try:
                result = backend.search(search_query)
                total, exact, error = result.total, result.total_exact, None
            except Exception as failure:  # noqa: BLE001 - reported per query, see above
                total, exact, error = 0, True, f"{type(failure).__name__}: {failure}"
            timings.append({"query": query.label(), "seconds": time.perf_counter() - started,
                            "total": total, "exact": exact, "error": error})
            progress.advance(task)
    return timings


def _probe_word(nonce, number):
    value, letters = nonce * 1000 + number, []
    while value:
        value, digit = divmod(value, len(PROBE_LETTERS))
        letters.append(PROBE_LETTERS[digit])
    return "zq" + "".join(letters)


def measure_searchable(backend, db, runs, console):
    """Publish `runs` products one commit each; seconds from before the commit until
    `backend.search` finds the product by its unique word. The products are deleted after."""
    from sqlalchemy import select

    from marketplace.businesses.models import Business
    from marketplace.catalog import services as catalog
    from marketplace.catalog.models import Product
    from marketplace.search.backend import SearchQuery

    business = db.session.scalars(
        select(Business).order_by(Business.sentra_id.is_(None), Business.id).limit(1)
    ).first()
    owner = business.owner
    nonce = secrets.randbelow(10**6) + 1
    timings, created = [], []
    try:
        with progress_bar(console) as progress:
            task = progress.add_task(f"{backend.name}: commit to searchable", total=runs)
            for number in range(runs):
                word = _probe_word(nonce, number)
                values = {"title": f"Kain Tenun Uji {word}", "category": "tenun", "price_idr": 150_000,
                          "description": f"Produk uji benchmark pencarian ({word}).", "unit": "pcs",
                          "channels": [], "certifications": []}
                started = time.perf_counter()
                product = catalog.create_product(owner, business, values, publish=True)
                db.session.commit()
                committed = time.perf_counter() - started
                created.append(product.id)
                found = None
                while time.perf_counter() - started < PROBE_TIMEOUT:
                    if backend.search(SearchQuery(text=word, facets=False, per_page=1)).total:
                        found = time.perf_counter() - started
                        break
                    time.sleep(0.005)
                timings.append({"commit": committed, "searchable": found})
                progress.advance(task)
                time.sleep(PROBE_PAUSE)
    finally:
        db.session.rollback()
        for product_id in created:
            product = db.session.get(Product, product_id)
            if product is not None:
                db.session.delete(product)
        db.session.commit()
    return timings



def summarise(figures):
    """Add the statistics and the PASS/FAIL verdicts to a backend's raw figures."""
    answered = [q for q in figures["queries"] if not q["error"]]
    seconds = [q["seconds"] for q in answered]
    totals = [q["total"] for q in answered]
    found = [p["searchable"] for p in figures["searchable"]]
    reached = [s for s in found if s is not None]
    figures["latency"] = {
        "p50": percentile(seconds, 0.50), "p95": percentile(seconds, 0.95),
        "max": max(seconds, default=float("nan")),
        "mean": statistics.fmean(seconds) if seconds else float("nan"),
    }
    figures["hits"] = {"zero": sum(1 for t in totals if not t),
                       "median": statistics.median(totals) if totals else 0,
                       "errors": len(figures["queries"]) - len(answered)}
    figures["searchable_summary"] = {
        "p50": percentile(reached, 0.5), "max": max(reached) if len(reached) == len(found) and found
        else float("inf"), "missed": len(found) - len(reached),
        "commit_p50": percentile([p["commit"] for p in figures["searchable"]], 0.5),
    }
    target = P95_TARGETS[figures["backend"]]
    figures["verdicts"] = {
        "p95": figures["latency"]["p95"] <= target,
        "searchable": figures["searchable_summary"]["max"] <= SEARCHABLE_TARGET,
        "errors": not figures["hits"]["errors"],
    }
    return figures
