"""Sentra membership: join requests, invitations, roles, removal and the last-manager rule.

A membership is `pending` when the person asked to join (a manager answers), `invited` when a
manager asked the person (the person answers), and `active` once accepted. Only active
memberships count anywhere: the board, member businesses, managing rights.

Every function adds to the session and never commits: the calling view owns the transaction.
"""

from flask import current_app
from sqlalchemy import case, func, select
from werkzeug.exceptions import NotFound

from marketplace.businesses.models import Business
from marketplace.extensions import db
from marketplace.i18n import lazy_gettext as _l
from marketplace.sentra.models import (
    MANAGING_ROLES,
    ROLE_ANGGOTA,
    ROLE_PENGURUS,
    ROLES,
    STATUS_ACTIVE,
    STATUS_INVITED,
    STATUS_PENDING,
    Membership,
)
from marketplace.sentra.services import SentraError, membership_of, require_manager
from marketplace.timeutil import utcnow

LAST_MANAGER_DEMOTE = _l(
    "This is the last board member or manager of the sentra. Give someone else that role first.")
LAST_MANAGER_REMOVE = _l(
    "This is the last board member or manager of the sentra and cannot be removed. "
    "Give someone else that role first.")


def _show_products(membership):
    """A membership became active: the catalogue shows the person's products under the sentra now."""
    from marketplace.catalog.services import sync_member_products  # the catalogue builds on sentra

    sync_member_products(membership.user_id, membership.sentra_id)


# ---- reading -----------------------------------------------------------------------------


def get_membership(sentra, membership_id):
    """A membership of THIS sentra by id; 404 when it belongs elsewhere or does not exist."""
    membership = db.session.scalar(
        select(Membership).where(Membership.id == membership_id, Membership.sentra_id == sentra.id)
    )
    if membership is None:
        raise NotFound()
    return membership


def _oldest_with_status(sentra, status, limit):
    """The oldest memberships of the sentra in one status and how many there are in all."""
    rows = db.session.scalars(
        select(Membership).where(Membership.sentra_id == sentra.id, Membership.status == status)
        .order_by(Membership.created_at, Membership.id).limit(limit)
    ).all()
    total = db.session.scalar(
        select(func.count()).select_from(Membership)
        .where(Membership.sentra_id == sentra.id, Membership.status == status)
    )
    return rows, total


def pending_requests(sentra, limit=100):
    """The oldest join requests (people who asked) and how many there are in all."""
    return _oldest_with_status(sentra, STATUS_PENDING, limit)


def open_invitations(sentra, limit=100):
    """The oldest invitations nobody has answered yet and how many there are in all."""
    return _oldest_with_status(sentra, STATUS_INVITED, limit)


def active_members(sentra, page, per_page=None):
    """A page of active members, board first, then by name."""
    from marketplace.accounts.models import User

    role_rank = {role: i for i, role in enumerate(ROLES)}
    stmt = (
        select(Membership).join(User, User.id == Membership.user_id)
        .where(Membership.sentra_id == sentra.id, Membership.status == STATUS_ACTIVE)
        .order_by(case(role_rank, value=Membership.role, else_=len(ROLES)), User.display_name,
                  Membership.id)
    )
    return db.paginate(stmt, page=page, per_page=per_page or current_app.config["PAGE_SIZE"],
                       error_out=False, count=True)


# ---- the person's side -------------------------------------------------------------------


def request_membership(user, sentra):
    """Ask to join a sentra as anggota; returns the existing membership (any status) when there is one."""
    existing = membership_of(user, sentra)
    if existing is not None:
        return existing
    membership = Membership(sentra_id=sentra.id, user_id=user.id, status=STATUS_PENDING)
    db.session.add(membership)
    return membership


def _own_invitation(user, sentra):
    """The user's open invitation to this sentra; 404 when there is none (nobody answers for others)."""
    membership = membership_of(user, sentra)
    if membership is None or membership.status != STATUS_INVITED:
        raise NotFound()
    return membership


def accept_invitation(user, sentra):
    """The invited person says yes: the membership becomes active with the offered role."""
    membership = _own_invitation(user, sentra)
    membership.status = STATUS_ACTIVE
    membership.approved_at = utcnow()
    _show_products(membership)
    return membership


def decline_invitation(user, sentra):
    """The invited person says no: the invitation is deleted (they may be invited again)."""
    membership = _own_invitation(user, sentra)
    db.session.delete(membership)
    return membership


# ---- the managers' side ------------------------------------------------------------------


def _other_active_managers(membership):
    return db.session.scalar(
        select(func.count()).select_from(Membership).where(
            Membership.sentra_id == membership.sentra_id,
            Membership.id != membership.id,
            Membership.status == STATUS_ACTIVE,
            Membership.role.in_(MANAGING_ROLES),
        )
    )


def _protect_last_manager(membership, message):
    if membership.can_manage and _other_active_managers(membership) == 0:
        raise SentraError(message)


def _answer_request(actor, sentra, membership_id):
    """The pending join request being answered; refused when it is not (or no longer) one."""
    require_manager(actor, sentra)
    membership = get_membership(sentra, membership_id)
    if membership.status != STATUS_PENDING:
        raise SentraError(_l("This request was already answered."))
    return membership


def approve_membership(actor, sentra, membership_id):
    """Accept a pending join request of this sentra (invitations are answered by the invited)."""
    membership = _answer_request(actor, sentra, membership_id)
    membership.status = STATUS_ACTIVE
    membership.approved_at = utcnow()
    _show_products(membership)
    return membership


def reject_membership(actor, sentra, membership_id):
    """Turn down a pending join request of this sentra (the person may ask again)."""
    membership = _answer_request(actor, sentra, membership_id)
    db.session.delete(membership)
    return membership


def set_member_role(actor, sentra, membership_id, role, title=None):
    """Change an active member's role (and board title); the last manager stays a manager."""
    require_manager(actor, sentra)
    membership = get_membership(sentra, membership_id)
    if membership.status != STATUS_ACTIVE:
        raise SentraError(_l("Approve the request before giving this person a role."))
    if role not in ROLES:
        raise SentraError(_l("Choose a role from the list."))
    if role not in MANAGING_ROLES:
        _protect_last_manager(membership, LAST_MANAGER_DEMOTE)
    membership.role = role
    membership.title = title if role == ROLE_PENGURUS else None
    return membership


def remove_member(actor, sentra, membership_id):
    """Remove a member or withdraw an invitation; the last manager cannot be removed.

    A removed active member's businesses leave the sentra. Withdrawing an invitation (like
    turning down a request) leaves the person's businesses as they were.
    """
    require_manager(actor, sentra)
    membership = get_membership(sentra, membership_id)
    _protect_last_manager(membership, LAST_MANAGER_REMOVE)
    if membership.is_active:
        businesses = db.session.scalars(
            select(Business).where(Business.sentra_id == sentra.id, Business.owner_id == membership.user_id)
        ).all()
        from marketplace.catalog.services import sync_business_products  # the catalogue builds on sentra

        for business in businesses:  # through the ORM, so the search indexer sees the change
            business.sentra_id = None
            business.sentra = None
            sync_business_products(business)  # its products leave the sentra too
    db.session.delete(membership)
    return membership


def invite_member(actor, sentra, email, role=ROLE_ANGGOTA, title=None):
    """Invite a business owner by email, with a role; they become a member on accepting.

    When the person already asked to join, their request is approved with that role: they gave
    their consent by asking. Returns None, changing nothing, when no business owner has this
    email (no account, or a buyer's): the caller answers as for a sent invitation, so that the
    form does not tell who has an account.
    """
    from marketplace.accounts.services import find_by_email

    require_manager(actor, sentra)
    if role not in ROLES:
        raise SentraError(_l("Choose a role from the list."))
    user = find_by_email(email)
    if user is None or user.is_buyer:
        return None
    membership = membership_of(user, sentra)
    # These two say nothing new: the members page lists members and open invitations already.
    if membership is not None and membership.is_active:
        raise SentraError(_l("This person is already a member of the sentra."))
    if membership is not None and membership.is_invited:
        raise SentraError(_l("This person is already invited and has not answered yet."))
    if membership is None:
        membership = Membership(sentra_id=sentra.id, user=user, status=STATUS_INVITED)
        db.session.add(membership)
    else:  # a pending join request
        membership.status = STATUS_ACTIVE
        membership.approved_at = utcnow()
        _show_products(membership)
    membership.role = role
    membership.title = title if role == ROLE_PENGURUS else None
    return membership
