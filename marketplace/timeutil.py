"""Timezone-aware 'now', used as a callable default for timestamps."""

from datetime import UTC, datetime


def utcnow():
    """The current time in UTC, timezone-aware."""
    return datetime.now(UTC)
