"""Searching on behalf of a user: who may see what, and what to do when nothing matches."""

from flask import current_app
from sqlalchemy import select

from marketplace.extensions import db
from marketplace.search.backend import (
    AUDIENCE_PUBLIC,
    STATUS_BROKEN,
    SearchUnavailable,
    audience_for_sentra,
    get_backend,
)

STATUS_ACTIVE = "active"


def audiences_for(user):
    """The audiences `user` may read: public, plus the sentra whose active member they are.

    None for moderators and admins: they read every board, so search does not filter. The same
    rule as forum.permissions.readable_boards_condition, expressed as index audiences.
    """
    from marketplace.forum.permissions import is_staff
    from marketplace.sentra.models import Membership

    if is_staff(user):
        return None
    if not getattr(user, "is_authenticated", False):
        return (AUDIENCE_PUBLIC,)
    sentra_ids = db.session.scalars(
        select(Membership.sentra_id).where(
            Membership.user_id == user.id, Membership.status == STATUS_ACTIVE
        )
    ).all()
    return (AUDIENCE_PUBLIC, *(audience_for_sentra(i) for i in sorted(sentra_ids)))


def search(query):
    """Run `query`; when the words find nothing, try their spelling fix (the fuzzy fallback).

    The result then carries `suggestion` ("Mungkin maksud Anda: tenun") and `corrected` when
    its hits are for the suggestion. Raises SearchUnavailable when the index cannot answer.
    """
    from dataclasses import replace

    backend = get_backend()
    result = backend.search(query)
    if result.total or not query.text.strip():
        return result
    fixed = backend.correct(query.text)
    if not fixed or fixed.strip().lower() == query.text.strip().lower():
        return result
    retry = backend.search(replace(query, text=fixed))
    retry.suggestion = fixed
    retry.corrected = bool(retry.total)
    if not retry.total:
        result.suggestion = fixed
        return result
    return retry


def suggest(prefix, user, limit=8):
    """Autocomplete entries for what has been typed so far ([] when search is unavailable)."""
    if len(prefix.strip()) < 2:
        return []
    try:
        return get_backend().suggest(prefix, audiences_for(user), limit=limit)
    except SearchUnavailable:
        return []


def answers():
    """Can the index answer a search right now (an old index does while a rebuild runs)?"""
    try:
        get_backend().document_count()
    except Exception:  # noqa: BLE001 - whatever the reason, it cannot answer
        return False
    return True


def status():
    """The index state for /healthz and the "search is being rebuilt" notice."""
    try:
        return get_backend().status()
    except Exception:  # noqa: BLE001 - a backend that cannot even report is broken
        current_app.logger.exception("search status failed")
        return STATUS_BROKEN
