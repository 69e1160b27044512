"""Product view and WhatsApp click counters: one UPDATE each, never a read-modify-write.

Nothing here commits; the view that counts commits once. A view is counted at most once per
browser session and product (the ids seen lately are kept, a short list, in the session), and
owners looking at their own products are never counted.
"""

from sqlalchemy import update

from marketplace.catalog.models import Product
from marketplace.catalog.queries import is_owner
from marketplace.extensions import db

SESSION_KEY = "viewed_products"
REMEMBERED_VIEWS = 30  # product ids kept in the session cookie; older ones may count again


def _increment(product, column):
    db.session.execute(
        update(Product).where(Product.id == product.id)
        .values({column: getattr(Product, column) + 1})
        .execution_options(synchronize_session=False)
    )


def count_view(product, user, store):
    """Add one view unless the owner looks or this session saw the product lately; True when counted.

    `store` is the Flask session (or any dict-like): the list of recently viewed ids lives there.
    """
    if not product.is_published or is_owner(user, product):
        return False
    seen = [i for i in store.get(SESSION_KEY, []) if isinstance(i, int)]
    if product.id in seen:
        return False
    store[SESSION_KEY] = (seen + [product.id])[-REMEMBERED_VIEWS:]
    _increment(product, "view_count")
    return True


def count_whatsapp_click(product, user):
    """Add one WhatsApp click to a product (its owner's own clicks are not counted); True when counted."""
    if is_owner(user, product):
        return False
    _increment(product, "whatsapp_clicks")
    return True
