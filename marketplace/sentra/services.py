"""Sentra operations: listing, editing, membership."""

from sqlalchemy import func, select

from marketplace.businesses.models import Business
from marketplace.extensions import db
from marketplace.sentra.models import Sentra


def featured_sentra(limit=6):
    """Verified sentra with the most member businesses, for the home page (one query)."""
    counts = (
        select(Business.sentra_id, func.count(Business.id).label("n"))
        .group_by(Business.sentra_id)
        .subquery()
    )
    rows = db.session.execute(
        select(Sentra, func.coalesce(counts.c.n, 0))
        .outerjoin(counts, counts.c.sentra_id == Sentra.id)
        .where(Sentra.verified.is_(True))
        .order_by(func.coalesce(counts.c.n, 0).desc(), Sentra.name)
        .limit(limit)
    ).all()
    return [(sentra, n) for sentra, n in rows]


def can_manage(user, sentra):
    """True for platform admins and the sentra's active pengurus/pengelola."""
    from marketplace.sentra.models import MANAGING_ROLES, STATUS_ACTIVE, Membership

    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_admin:
        return True
    return db.session.scalar(
        select(func.count()).select_from(Membership).where(
            Membership.sentra_id == sentra.id,
            Membership.user_id == user.id,
            Membership.status == STATUS_ACTIVE,
            Membership.role.in_(MANAGING_ROLES),
        )
    ) > 0


def request_membership(user, sentra):
    """Ask to join a sentra as anggota; returns the existing membership when there is one.

    Adds to the session without committing: the calling view owns the transaction.
    """
    from marketplace.sentra.models import Membership

    existing = db.session.scalar(
        select(Membership).where(Membership.sentra_id == sentra.id, Membership.user_id == user.id)
    )
    if existing is not None:
        return existing
    membership = Membership(sentra_id=sentra.id, user_id=user.id)
    db.session.add(membership)
    return membership
