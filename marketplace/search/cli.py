"""`flask search rebuild | check | status`: build the index from the database, find and repair drift."""

import time

import click
from flask.cli import AppGroup
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from marketplace.extensions import db
from marketplace.search.backend import (
    STATUS_BROKEN,
    STATUS_MISSING,
    STATUS_OK,
    STATUS_REBUILDING,
    SearchUnavailable,
    get_backend,
)

search_cli = AppGroup("search", help="Build and check the search index.")


def _documents():
    """search.documents, imported when a command runs (it needs every model loaded)."""
    from marketplace.search import documents

    return documents


def _load(wanted):
    return _documents().load(db.session, wanted)


def _progress(transient=False):
    """The bar long search commands show: what, how far, how long, how long still."""
    return Progress(TextColumn("{task.description:<20}"), BarColumn(), MofNCompleteColumn(),
                    TimeElapsedColumn(), TimeRemainingColumn(), transient=transient)


def rebuild_index(echo=click.echo):
    """Rebuild the whole index from the database with a progress bar; returns the count."""
    backend = get_backend()
    documents = _documents()
    total = documents.count_documents(db.session)
    # End the read transaction: the rebuild must read rows committed until it takes its lock.
    db.session.commit()
    started = time.perf_counter()
    with _progress() as progress:
        task = progress.add_task("Indexing", total=total)
        count = backend.rebuild(documents.iter_documents(db.session), total,
                                lambda n: progress.advance(task, n))
        progress.update(task, description="Done")
    elapsed = max(time.perf_counter() - started, 1e-6)
    replayed = backend.drain(_load)  # keys changed while the rebuild ran
    echo(f"{count} documents indexed in {elapsed:.1f} s ({count / elapsed:.0f} documents/s)"
         f" with the {backend.name} backend.")
    if replayed:
        echo(f"{replayed} keys changed during the rebuild were written again.")
    return count


@search_cli.command("rebuild")
def rebuild():
    """Rebuild the search index from the database (the old index answers until it is done)."""
    try:
        rebuild_index()
    except SearchUnavailable as unavailable:
        raise click.ClickException(f"Cannot rebuild now: {unavailable}") from unavailable


def find_drift(backend):
    """(missing, stale, stray) keys: in the database but not the index, different, or extra."""
    indexed = backend.stamps()
    missing, stale, seen = [], [], set()
    documents = _documents()
    with _progress(transient=True) as progress:  # minutes at national scale
        task = progress.add_task("Comparing", total=documents.count_documents(db.session))
        for document in documents.iter_documents(db.session):
            seen.add(document.key)
            stamp = indexed.get(document.key)
            if stamp is None:
                missing.append(document.key)
            elif stamp != document.stamp:
                stale.append(document.key)
            progress.advance(task)
    stray = sorted(set(indexed) - seen)
    db.session.commit()  # let go of the read transaction and the loaded rows
    return missing, stale, stray


def _report(echo, missing, stale, stray):
    for label, keys in (("missing from the index", missing), ("out of date", stale),
                        ("in the index but not searchable", stray)):
        if keys:
            sample = ", ".join(keys[:5]) + (", ..." if len(keys) > 5 else "")
            echo(f"{len(keys)} documents {label}: {sample}")


@search_cli.command("check")
@click.option("--repair/--no-repair", default=True, show_default=True,
              help="Fix what is found (rebuild a missing or broken index, rewrite drifted keys).")
def check(repair):
    """Compare the index with the database; repair drift. Exit code 0 when consistent."""
    backend = get_backend()
    status = backend.status()
    click.echo(f"Search index ({backend.name}): {status}.")
    if status == STATUS_REBUILDING:
        raise click.ClickException("A rebuild is running: check again when it has finished.")
    if status in (STATUS_MISSING, STATUS_BROKEN):
        if not repair:
            raise click.ClickException(f"The index is {status}: run `flask search rebuild`.")
        click.echo("Rebuilding it from the database.")
        rebuild_index()
        status = backend.status()
        if status != STATUS_OK:
            raise click.ClickException(f"The index is still {status} after the rebuild.")
    pending = backend.pending_count()
    if pending:
        click.echo(f"{pending} deferred keys wait to be written.")
    missing, stale, stray = find_drift(backend)
    _report(click.echo, missing, stale, stray)
    drifted = missing + stale + stray
    if not drifted and not pending:
        click.echo(f"Consistent: {backend.document_count()} documents.")
        return
    if not repair:
        raise click.ClickException("The index has drifted: run `flask search check`.")
    backend.apply(set(drifted), _load)
    drained = backend.drain(_load)
    missing, stale, stray = find_drift(backend)
    pending = backend.pending_count()
    if missing or stale or stray or pending:
        _report(click.echo, missing, stale, stray)
        raise click.ClickException(
            "Some keys could not be written now (is another process holding the index?): "
            "run the check again.")
    click.echo(f"Repaired {len(drifted)} documents"
               + (f" and wrote {drained} deferred keys" if drained else "")
               + f". Consistent: {backend.document_count()} documents.")


@search_cli.command("status")
def status():
    """Show the search backend, the index state, its size and the deferred keys."""
    backend = get_backend()
    state = backend.status()
    click.echo(f"backend: {backend.name}")
    click.echo(f"state: {state}")
    try:
        click.echo(f"documents: {backend.document_count()}")
    except SearchUnavailable:
        click.echo("documents: -")
    click.echo(f"deferred keys: {backend.pending_count()}")
