"""What `make bench-search` prints: the machine, a table per backend, how the backends agree."""

import math
import os
import platform
import sqlite3
from importlib import metadata
from pathlib import Path

from rich.markup import escape
from rich.table import Table

from bench.measure import P95_TARGETS, SEARCHABLE_TARGET


def machine(pg_version=None):
    """What the figures were measured on."""
    cpu = memory = None
    try:
        cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                    if line.startswith("model name")), None)
        kilobytes = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                         if line.startswith("MemTotal"))
        memory = round(kilobytes / 1024 / 1024, 1)
    except (OSError, StopIteration, ValueError):
        pass
    packages = {}
    for package in ("whoosh-ng", "PySastrawi", "SQLAlchemy", "psycopg", "Flask"):
        try:
            packages[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            packages[package] = None
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    return {"cores": os.cpu_count(), "usable_cores": usable, "cpu": cpu, "memory_gb": memory,
            "load_average": load,
            "platform": platform.platform(), "python": platform.python_version(),
            "sqlite": sqlite3.sqlite_version, "postgresql": pg_version, "packages": packages}


def _ms(seconds):
    if seconds is None or math.isnan(seconds):
        return "—"
    if math.isinf(seconds):
        return "not found"
    return f"{seconds * 1000:,.0f} ms"


def _verdict(ok):
    return "[green]PASS[/green]" if ok else "[red bold]FAIL[/red bold]"


def report(figures, console, slowest):
    """The table of one backend, and its slowest queries."""
    name = figures["backend"]
    latency, searchable = figures["latency"], figures["searchable_summary"]
    table = Table(title=f"{name}: {figures['documents']:,} documents", title_justify="left")
    for column in ("measure", "figure", "target", "result"):
        table.add_column(column, justify="right" if column == "figure" else "left")
    table.add_row("corpus", f"{figures['corpus']} in {figures['load_seconds']:.1f} s", "", "")
    table.add_row("index build", f"{figures['docs_per_second']:,.0f} docs/s", "",
                  f"{figures['rebuild_seconds']:.1f} s")
    table.add_row("query p50", _ms(latency["p50"]), "", "")
    table.add_row("query p95", _ms(latency["p95"]), f"≤ {_ms(P95_TARGETS[name])}",
                  _verdict(figures["verdicts"]["p95"]))
    table.add_row("query max / mean", f"{_ms(latency['max'])} / {_ms(latency['mean'])}", "", "")
    table.add_row("queries without hits", f"{figures['hits']['zero']} of {len(figures['queries'])}",
                  "", f"median {figures['hits']['median']:,.0f} hits")
    table.add_row("queries that raised", str(figures["hits"]["errors"]), "0",
                  _verdict(figures["verdicts"]["errors"]))
    table.add_row("create + commit p50", _ms(searchable["commit_p50"]), "", "")
    table.add_row("→ searchable p50", _ms(searchable["p50"]), "", "")
    table.add_row("→ searchable max", _ms(searchable["max"]), f"≤ {_ms(SEARCHABLE_TARGET)}",
                  _verdict(figures["verdicts"]["searchable"]))
    table.add_row("whole run", f"{figures['seconds']:.0f} s", "", "")
    table.add_row("peak memory", f"{figures['peak_memory_mb']:,.0f} MB", "", "")
    console.print(table)
    if slowest:
        slow = Table(title=f"{name}: slowest queries", title_justify="left")
        slow.add_column("ms", justify="right")
        slow.add_column("hits", justify="right")
        slow.add_column("query")
        for query in sorted(figures["queries"], key=lambda q: -q["seconds"])[:slowest]:
            slow.add_row(f"{query['seconds'] * 1000:,.0f}", f"{query['total']:,}", escape(query["query"]))
        console.print(slow)
    for query in figures["queries"]:
        if query["error"]:
            failure = escape(f"{name}: query {query['query']!r} raised {query['error']}")
            console.print(f"[red]{failure}[/red]", soft_wrap=True)


def compare(backends, console):
    """The queries on which the backends count different totals, where both counts are exact
    (they share the analysis, so they should agree): printed, and returned as
    [{query, <backend>: total, ...}]."""
    names = list(backends)
    rows = list(zip(*(backends[name]["queries"] for name in names), strict=True))
    exact = [row for row in rows if all(q["exact"] and not q["error"] for q in row)]
    differ = [{"query": row[0]["query"], **{name: q["total"] for name, q in zip(names, row, strict=True)}}
              for row in exact if len({q["total"] for q in row}) > 1]
    console.print(f"{' and '.join(names)} find the same number of hits for {len(exact) - len(differ)} "
                  f"of the {len(exact)} queries both count exactly ({len(rows) - len(exact)} estimated "
                  "or failed)", soft_wrap=True)
    for row in differ[:10]:
        console.print(escape(f"  differ: {row}"), soft_wrap=True)
    return differ


def report_machine(info, console):
    packages = ", ".join(f"{k} {v}" for k, v in info["packages"].items() if v)
    console.print(f"machine: {info['usable_cores']} of {info['cores']} cores ({info['cpu']}), "
                  f"{info['memory_gb']} GB, {info['platform']}; load average "
                  f"{info['load_average'] or 0:.1f} at the start (other work slows every figure)",
                  soft_wrap=True)
    console.print(f"software: Python {info['python']}, SQLite {info['sqlite']}, "
                  f"PostgreSQL {info['postgresql'] or '—'}, {packages}", soft_wrap=True)
