"""Read-only queries behind the JSON API.

Member businesses and the board mean the same as on the HTML pages: both come from
marketplace.sentra.services (a business counts when its owner is an active member).
"""

from sqlalchemy import select

from marketplace.extensions import db
from marketplace.sentra import services as sentra_services
from marketplace.sentra.models import ROLE_PENGELOLA, ROLE_PENGURUS, ROLE_UPT, Sentra

# People shown publicly as a sentra's board, in this order.
BOARD_ROLES = (ROLE_PENGURUS, ROLE_PENGELOLA, ROLE_UPT)
# A sentra's member list in the API stops here; member_business_count still counts them all.
MAX_MEMBER_BUSINESSES = 500


def sentra_page(page, per_page, province=None, commodity=None):
    """One page of the sentra directory filtered like /sentra, in its order (verified first)."""
    query = select(Sentra).order_by(Sentra.verified.desc(), Sentra.name, Sentra.id)
    if province:
        query = query.where(Sentra.province == province)
    if commodity:
        query = query.where(Sentra.commodity == commodity)
    return db.paginate(query, page=page, per_page=per_page, error_out=False)


def sentra_by_slug(slug):
    """The sentra with this slug, or None."""
    return db.session.scalar(select(Sentra).where(Sentra.slug == slug))


def board_members(sentra):
    """Active pengurus (by title), pengelola and UPT staff of a sentra."""
    by_role = sentra_services.board(sentra)
    return [membership for role in BOARD_ROLES for membership in by_role.get(role, [])]


def member_businesses(sentra, limit=MAX_MEMBER_BUSINESSES):
    """The sentra's member businesses by name (at most `limit`) and how many there are."""
    pagination = sentra_services.member_businesses(sentra, page=1, per_page=limit)
    return pagination.items, pagination.total
