"""The index follows the database: SQLAlchemy session events collect what changed, after_commit writes it.

CONTRACT (implemented by the documents/indexer helper):

- `init_app(app)`: registers the session events once (on `sqlalchemy.orm.Session`, filtered to
  sessions bound to this app's engine), collecting `documents.keys_for(obj)` for new, dirty and
  deleted objects in `after_flush` into `session.info`, writing them in `after_commit` through
  `get_backend(app).apply(keys, load)`, and dropping them when the transaction rolls back
  (`after_soft_rollback` and `after_transaction_end` of the outermost transaction).
- `queue(session, *tokens)`: bulk statements (UPDATE ... WHERE) the events cannot see call this.
- `index_now(app, tokens)`: expand tokens and apply them (used by after_commit, tests, cli).
- Never raises into the request: errors are logged and the keys deferred by the backend.

How the events work together (see STYLE.md, "What we leave"):

- before_flush: objects about to be DELETEd are resolved to keys right away, while the rows they
  take along (ON DELETE CASCADE: a business's products, a topic's posts) can still be found.
- after_flush: new and changed objects add their keys and dependency tokens to
  `session.info[PENDING]`. Every flush of the transaction counts, autoflushes included.
- after_commit (the outermost transaction only; a released SAVEPOINT is not a commit): the tokens
  are taken out of the session, expanded and written by the backend, reading the committed rows
  through a new short-lived session (the committed one may not emit SQL inside the event).
- after_soft_rollback / after_transaction_end of the outermost transaction: what was collected
  is dropped. A rolled-back SAVEPOINT keeps everything collected so far: the superset is harmless
  (documents are always built from the committed rows), losing the outer transaction's keys is not.
"""

import logging
import time
from contextlib import contextmanager

from flask import current_app, has_app_context
from sqlalchemy import event
from sqlalchemy.orm import Session

from marketplace.search import documents

PENDING = "search_pending"  # session.info key: the tokens collected in this transaction
SKIP = "search_skip"  # session.info key: sessions the indexer itself opens
EXTENSION = "search_indexer"

log = logging.getLogger(__name__)
_registered = False


def init_app(app):
    """Make the index follow this app's commits (the events are registered once per process)."""
    global _registered
    app.extensions[EXTENSION] = True
    if _registered:
        return
    event.listen(Session, "before_flush", _before_flush)
    event.listen(Session, "after_flush", _after_flush)
    event.listen(Session, "after_commit", _after_commit)
    event.listen(Session, "after_soft_rollback", _after_soft_rollback)
    event.listen(Session, "after_transaction_end", _after_transaction_end)
    _registered = True


def _app_of(session):
    """The Flask app whose database this session writes, or None (no app, or search not set up)."""
    if session.info.get(SKIP) or not has_app_context():
        return None
    app = current_app._get_current_object()
    if EXTENSION not in app.extensions:
        return None
    from marketplace.extensions import db

    try:
        bind = session.get_bind()
    except Exception:  # noqa: BLE001 - an unbound session is none of ours
        return None
    engine = getattr(bind, "engine", bind)
    return app if engine is db.engine else None


def _pending(session):
    return session.info.setdefault(PENDING, set())


def queue(session, *tokens):
    """Index `tokens` (keys or dependency tokens) when `session` commits: for bulk UPDATE/DELETE
    statements, which the flush events never see."""
    _pending(session).update(tokens)


def _before_flush(session, _flush_context, _instances):
    if not session.deleted or _app_of(session) is None:
        return
    try:
        tokens = set()
        for obj in session.deleted:
            tokens |= documents.keys_for(obj, deleted=True)
        if tokens:
            # Resolve now: after the DELETE, rows removed with it by the database are gone.
            _pending(session).update(documents.expand(session, tokens))
    except Exception:  # noqa: BLE001 - never break a write because of search
        log.exception("search: could not collect deleted objects")


def _after_flush(session, _flush_context):
    if _app_of(session) is None:
        return
    try:
        tokens = set()
        for obj in session.new:
            tokens |= documents.keys_for(obj)
        for obj in session.dirty:  # keys_for reads the attribute history: no change, no key
            tokens |= documents.keys_for(obj)
        if tokens:
            _pending(session).update(tokens)
    except Exception:  # noqa: BLE001 - never break a write because of search
        log.exception("search: could not collect changed objects")


def _after_commit(session):
    if session.get_nested_transaction() is not None:
        return  # a SAVEPOINT was released: the outer transaction may still roll back
    tokens = session.info.pop(PENDING, None)
    if not tokens:
        return
    app = _app_of(session)
    if app is not None:
        index_now(app, tokens)


def _after_soft_rollback(session, previous_transaction):
    if previous_transaction.parent is None:
        session.info.pop(PENDING, None)


def _after_transaction_end(session, transaction):
    # The outermost transaction ended without a commit (closed, or rolled back after a failed
    # flush): nothing collected in it may be written. After a commit the keys are gone already.
    if transaction.parent is None:
        session.info.pop(PENDING, None)


def index_now(app, tokens):
    """Expand `tokens` and bring their documents in line with the committed database now.

    Returns how many keys were applied (0 when something failed: that is logged, and the backend
    keeps what it could not write for its next write or `flask search check`).
    """
    from marketplace.search.backend import get_backend

    tokens = set(tokens)
    if not tokens:
        return 0
    context = None
    if not has_app_context() or current_app._get_current_object() is not app:
        context = app.app_context()
        context.push()
    started = time.perf_counter()
    try:
        with reading_session() as session:
            keys = documents.expand(session, tokens)
            if keys:
                get_backend(app).apply(keys, lambda wanted: documents.load(session, wanted))
        app.logger.debug("search: %d keys indexed in %.0f ms", len(keys),
                         (time.perf_counter() - started) * 1000)
        return len(keys)
    except Exception:  # noqa: BLE001 - search must never break a request that already committed
        app.logger.exception("search: indexing %d tokens failed", len(tokens))
        return 0
    finally:
        if context is not None:
            context.pop()


@contextmanager
def reading_session():
    """A short-lived session on the app's engine for reading committed rows (the indexer's own
    events skip it)."""
    from marketplace.extensions import db

    session = Session(bind=db.engine, info={SKIP: True}, autoflush=False)
    try:
        yield session
    finally:
        session.close()
