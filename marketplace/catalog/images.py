"""A product's picture gallery: upload, reorder, move and remove pictures; the first is the cover."""

from werkzeug.exceptions import NotFound

from marketplace.catalog.models import MAX_IMAGES, ProductImage
from marketplace.catalog.services import CatalogError, can_edit, require
from marketplace.extensions import db
from marketplace.i18n import lazy_gettext as _l
from marketplace.media import store_image


def _renumber(product, ordered):
    """Give `ordered` positions 0..n-1 and make the first one the cover.

    Positions are unique per product, so they move through negative values first: a swap
    would otherwise collide with itself in the middle of the flush.
    """
    for index, item in enumerate(ordered):
        item.position = -1 - index
    db.session.flush()
    for index, item in enumerate(ordered):
        item.position = index
    product.images = list(ordered)
    product.cover_image = ordered[0].image if ordered else None
    db.session.flush()


def add_images(user, product, uploads):
    """Store uploaded pictures at the end of the gallery; returns (added, skipped duplicates).

    Raises CatalogError when they would exceed MAX_IMAGES, ImageRejected for an unreadable file
    (nothing is added then).
    """
    require(can_edit(user, product))
    uploads = [u for u in uploads if u and getattr(u, "filename", "")]
    if not uploads:
        raise CatalogError(_l("Choose at least one picture to upload."))
    room = MAX_IMAGES - len(product.images)
    if len(uploads) > room:
        raise CatalogError(_l(
            "A product can have at most %(max)d pictures; you can add %(room)d more.",
            max=MAX_IMAGES, room=max(room, 0),
        ))
    stored = [store_image(upload, uploaded_by=user, alt=product.title) for upload in uploads]
    db.session.flush()
    present = {item.image_id for item in product.images}
    added, skipped = 0, 0
    ordered = list(product.images)
    for image in stored:
        if image.id in present:
            skipped += 1
            continue
        present.add(image.id)
        item = ProductImage(product_id=product.id, image_id=image.id, image=image, position=100 + added)
        db.session.add(item)
        ordered.append(item)
        added += 1
    _renumber(product, ordered)
    return added, skipped


def _own_item(product, item_id):
    for item in product.images:
        if item.id == item_id:
            return item
    raise NotFound()


def move_image(user, product, item_id, direction):
    """Move one picture a place up (towards the cover) or down."""
    require(can_edit(user, product))
    ordered = list(product.images)
    item = _own_item(product, item_id)
    index = ordered.index(item)
    target = index - 1 if direction == "up" else index + 1
    if 0 <= target < len(ordered) and direction in ("up", "down"):
        ordered[index], ordered[target] = ordered[target], ordered[index]
        _renumber(product, ordered)


def reorder_images(user, product, positions):
    """Put the pictures in the order of the numbers typed beside them ({item id: number}).

    Ties and missing numbers keep the current order among themselves.
    """
    require(can_edit(user, product))
    current = list(product.images)
    rank = {item.id: index for index, item in enumerate(current)}
    ordered = sorted(current, key=lambda item: (positions.get(item.id, rank[item.id] + 1), rank[item.id]))
    _renumber(product, ordered)


def remove_image(user, product, item_id):
    """Take one picture out of the gallery (the stored file stays: others may share it)."""
    require(can_edit(user, product))
    item = _own_item(product, item_id)
    ordered = [other for other in product.images if other is not item]
    product.images.remove(item)
    db.session.flush()
    _renumber(product, ordered)


