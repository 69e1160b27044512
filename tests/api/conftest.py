"""Fixtures for the API tests: a statement counter to prove lists cost a fixed number of queries."""

import pytest
from sqlalchemy import event


class QueryCounter:
    """Counts the SQL statements the app sends while it is active."""

    def __init__(self, engine):
        self.engine = engine
        self.count = 0

    def _count(self, *_args, **_kwargs):
        self.count += 1

    def __enter__(self):
        self.count = 0
        event.listen(self.engine, "before_cursor_execute", self._count)
        return self

    def __exit__(self, *exc):
        event.remove(self.engine, "before_cursor_execute", self._count)


@pytest.fixture
def count_queries(db):
    """`with count_queries() as counter: ...` then read counter.count."""
    return lambda: QueryCounter(db.engine)
