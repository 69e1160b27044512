"""From database rows to search documents, and from a change to the documents it touches.

CONTRACT (implemented by the documents/indexer helper):

- `load(session, keys) -> {key: Document | None}`: current documents for "<kind>:<id>" keys, in a
  few batched queries (never one per key). None when the row is gone or must not be searchable:
  a product that is not published, a hidden or deleted topic/post (or a post of one), ...
  Documents come back with `.with_stamp()` applied.
- `expand(session, tokens) -> set[str]`: turns dependency tokens queued by the indexer into keys,
  e.g. "products-of-business:3" -> {"product:7", "product:9"}; plain keys pass through.
- `iter_documents(session, batch_size=500)`: every searchable document, for `flask search
  rebuild`, streamed in batches (memory stays flat at national scale).
- `count_documents(session) -> int`: how many `iter_documents` will yield (for the progress bar).
- `keys_for(obj, deleted=False) -> set[str]`: keys/tokens a changed ORM object affects (used by
  the indexer's after_flush); empty for classes and attribute changes search does not care about
  (view counts, WhatsApp clicks, read marks...).

What is searchable, and by whom, follows the pages: published products (the catalogue), every
sentra (the directory lists them all), every business profile, visible topics and visible
replies in visible topics, readable by the audience of their board (public, or the sentra's
members for a members-only sentra board). A product or business names its sentra only while the
owner is an active member of it, as the catalogue and the profile page do.
"""

from collections import defaultdict
from datetime import UTC

from sqlalchemy import and_, func, inspect, or_, select
from sqlalchemy.orm import joinedload, lazyload, selectinload

from marketplace import reference
from marketplace.accounts.models import User
from marketplace.businesses.models import Business, BusinessCertification
from marketplace.catalog.models import CHANNEL_LABELS, STATUS_PUBLISHED, Product, ProductCertification
from marketplace.forum.models import (
    BOARD_SENTRA,
    BOARD_SUBJECT,
    SUBJECT_BOARD_TEXT,
    VISIBILITY_PUBLIC,
    Board,
    Post,
    Topic,
    TopicTag,
)
from marketplace.markdown import plain_text
from marketplace.search.backend import (
    AUDIENCE_PUBLIC,
    KIND_BUSINESS,
    KIND_POST,
    KIND_PRODUCT,
    KIND_SENTRA,
    KIND_TOPIC,
    TYPE_BUSINESS,
    TYPE_DISCUSSION,
    TYPE_PRODUCT,
    TYPE_SENTRA,
    Document,
    audience_for_sentra,
)
from marketplace.sentra.models import STATUS_ACTIVE, Membership, Sentra, SentraFacility

KINDS = (KIND_PRODUCT, KIND_SENTRA, KIND_BUSINESS, KIND_TOPIC, KIND_POST)
# A members-only board that belongs to no sentra: nobody but staff (audiences=None) reads it.
AUDIENCE_STAFF = "staff"
IN_CHUNK = 500  # ids per IN (...) list: SQLite limits bound parameters per statement

# Dependency tokens: "<token>:<id>" naming rows whose documents depend on a changed row.
PRODUCTS_OF_BUSINESS = "products-of-business"
PRODUCTS_OF_SENTRA = "products-of-sentra"
PRODUCTS_OF_USER = "products-of-user"
BUSINESSES_OF_SENTRA = "businesses-of-sentra"
BUSINESSES_OF_USER = "businesses-of-user"
DISCUSSIONS_OF_BOARD = "discussions-of-board"  # its visible topics and their visible replies
DISCUSSIONS_OF_SENTRA = "discussions-of-sentra"  # the same for the sentra's own board
POSTS_OF_TOPIC = "posts-of-topic"


def _topic_visible():
    return and_(Topic.hidden_at.is_(None), Topic.deleted_at.is_(None))


def _post_visible():
    return and_(Post.hidden_at.is_(None), Post.deleted_at.is_(None))


def _searchable(kind):
    """(model, SQL condition or None) of the rows of `kind` that make documents: the same rules
    as the builders below, so that rebuilds and counts skip the others in SQL."""
    if kind == KIND_PRODUCT:
        return Product, Product.status == STATUS_PUBLISHED
    if kind == KIND_TOPIC:
        return Topic, _topic_visible()
    if kind == KIND_POST:
        return Post, and_(Post.number > 1, _post_visible(),
                          Post.topic_id.in_(select(Topic.id).where(_topic_visible())))
    return {KIND_SENTRA: Sentra, KIND_BUSINESS: Business}[kind], None


def make_key(kind, object_id):
    return f"{kind}:{object_id}"


def split_key(key):
    """("product", 12) from "product:12"; None for a token or anything malformed."""
    kind, _sep, number = key.partition(":")
    if kind not in KINDS or not number.isdigit():
        return None
    return kind, int(number)


# ---- labels in both languages --------------------------------------------------------------

_LABELS = {}


def _label_tables():
    """{table: {code: "English label Indonesian label"}} for the reference lists, built once.

    Keywords carry both so that "woven cloth" and "kain tenun" find the same products whatever
    language the reader uses. Needs an app context (Flask-Babel); without one, English only.
    """
    if _LABELS:
        return _LABELS
    from flask import has_app_context
    from flask_babel import force_locale

    tables = {
        "commodity": reference.COMMODITIES,
        "certification": reference.CERTIFICATION_LABELS,
        "channel": CHANNEL_LABELS,
        "facility": reference.FACILITY_LABELS,
        "board": {slug: name for slug, (name, _description) in SUBJECT_BOARD_TEXT.items()},
    }
    if not has_app_context():
        return {name: {code: str(label) for code, label in table.items()} for name, table in tables.items()}
    rendered = {}
    for locale in ("en", "id"):
        with force_locale(locale):
            rendered[locale] = {name: {code: str(label) for code, label in table.items()}
                                for name, table in tables.items()}
    for name, table in tables.items():
        _LABELS[name] = {code: _words(rendered["en"][name][code], rendered["id"][name][code])
                         for code in table}
    return _LABELS


def _label(table, code):
    if not code:
        return ""
    return _label_tables()[table].get(code, code)


def _words(*parts):
    """The non-empty parts joined by spaces, each distinct part once."""
    return " ".join(dict.fromkeys(p.strip() for p in parts if p and p.strip()))


def _markdown_text(text):
    return plain_text(text) if text else ""


def _aware(moment):
    """SQLite gives naive UTC datetimes, PostgreSQL aware ones: documents always carry aware UTC."""
    if moment is not None and moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment


def _hs_words(code):
    """An HS code as written (5208.52) and its heading (5208), so either finds the product."""
    if not code:
        return ""
    return _words(code, code.replace(".", "")[:4])


# ---- building documents ----------------------------------------------------------------------


def _product_document(product):
    if product.status != STATUS_PUBLISHED:
        return None
    sentra = product.sentra if product.sentra_id else None
    codes = [c.code for c in product.certifications]
    return Document(
        key=make_key(KIND_PRODUCT, product.id), type=TYPE_PRODUCT, kind=KIND_PRODUCT,
        object_id=product.id, title=product.title,
        body=_words(_markdown_text(product.description), product.materials, product.size),
        text_en=_words(product.title_en, _markdown_text(product.description_en)),
        keywords=_words(
            product.business.name, sentra.name if sentra else None, _label("commodity", product.category),
            reference.PROVINCE_NAMES.get(product.province) if product.province else None,
            _hs_words(product.hs_code), *(_label("certification", c) for c in codes), *codes,
            *(_label("channel", c) for c in product.channels),
        ),
        channels=tuple(product.channels), category=product.category, province=product.province,
        sentra=sentra.slug if sentra else None, certifications=tuple(codes),
        price=product.price_idr, created=_aware(product.published_at or product.created_at),
    ).with_stamp()


def _sentra_document(sentra):
    facilities = [_words(_label("facility", f.kind), f.note) for f in sentra.facilities]
    return Document(
        key=make_key(KIND_SENTRA, sentra.id), type=TYPE_SENTRA, kind=KIND_SENTRA, object_id=sentra.id,
        title=sentra.name,
        body=_words(sentra.tagline, _markdown_text(sentra.story), *facilities),
        keywords=_words(
            _label("commodity", sentra.commodity), reference.PROVINCE_NAMES.get(sentra.province),
            sentra.regency, sentra.district, sentra.village,
        ),
        category=sentra.commodity, province=sentra.province, sentra=sentra.slug,
        created=_aware(sentra.created_at),
    ).with_stamp()


def _business_document(business, member, categories):
    """`member`: the owner is an active member of the business's sentra; `categories`: the
    commodity slugs of its published products, most products first."""
    place = business.sentra  # where the business is, member or not (its products carry it too)
    sentra = place if member else None
    commodities = list(dict.fromkeys(([sentra.commodity] if sentra else []) + list(categories)))
    codes = [c.code for c in business.certifications]
    return Document(
        key=make_key(KIND_BUSINESS, business.id), type=TYPE_BUSINESS, kind=KIND_BUSINESS,
        object_id=business.id, title=business.name, body=business.description or "",
        keywords=_words(
            business.techniques, *(_label("commodity", c) for c in commodities),
            *(_label("certification", c) for c in codes), *codes,
            reference.PROVINCE_NAMES.get(place.province) if place else None,
            place.regency if place else None, sentra.name if sentra else None,
        ),
        category=commodities[0] if commodities else None, province=place.province if place else None,
        sentra=sentra.slug if sentra else None, certifications=tuple(codes),
        created=_aware(business.created_at),
    ).with_stamp()


def board_audience(board):
    """Who may read a board's topics, as an index audience (forum.permissions.can_read's rule)."""
    if board.visibility == VISIBILITY_PUBLIC:
        return AUDIENCE_PUBLIC
    if board.kind == BOARD_SENTRA and board.sentra_id is not None:
        return audience_for_sentra(board.sentra_id)
    return AUDIENCE_STAFF


def _board_words(board):
    if board.kind == BOARD_SUBJECT and board.slug in SUBJECT_BOARD_TEXT:
        return _words(_label("board", board.slug), board.name)
    if board.kind == BOARD_SENTRA and board.sentra is not None:
        return board.sentra.name
    return board.name


def _board_sentra(board):
    return board.sentra.slug if board.kind == BOARD_SENTRA and board.sentra is not None else None


def _topic_document(topic, opening):
    if not topic.is_visible:
        return None
    board = topic.board
    body = opening.body if opening is not None and opening.is_visible else ""
    return Document(
        key=make_key(KIND_TOPIC, topic.id), type=TYPE_DISCUSSION, kind=KIND_TOPIC, object_id=topic.id,
        title=topic.title, body=_markdown_text(body),
        keywords=_words(*(t.tag.replace("-", " ") for t in topic.tags), _board_words(board)),
        audience=board_audience(board), sentra=_board_sentra(board),
        created=_aware(topic.created_at), topic_id=topic.id,
    ).with_stamp()


def _post_document(post):
    topic = post.topic
    if post.number < 2 or not post.is_visible or topic is None or not topic.is_visible:
        return None
    board = topic.board
    return Document(
        key=make_key(KIND_POST, post.id), type=TYPE_DISCUSSION, kind=KIND_POST, object_id=post.id,
        title=topic.title, body=_markdown_text(post.body), keywords=_board_words(board),
        audience=board_audience(board), sentra=_board_sentra(board),
        created=_aware(post.created_at), topic_id=topic.id, number=post.number,
    ).with_stamp()


# ---- loading by id (batched) -----------------------------------------------------------------


def _chunks(ids):
    ids = sorted(ids)
    for start in range(0, len(ids), IN_CHUNK):
        yield ids[start:start + IN_CHUNK]


def _rows(session, model, ids, *options):
    """The rows of `model` with these ids, loaded with `options`, IN (...) lists kept short."""
    result = []
    for chunk in _chunks(ids):
        result.extend(session.scalars(select(model).where(model.id.in_(chunk)).options(*options)).unique())
    return result


def _sentra_images():
    return lazyload(Sentra.logo), lazyload(Sentra.banner)


def _load_products(session, ids):
    products = _rows(
        session, Product, ids,
        joinedload(Product.business).options(
            lazyload(Business.owner), lazyload(Business.sentra), lazyload(Business.logo),
            lazyload(Business.certifications)),
        joinedload(Product.sentra).options(*_sentra_images()),
        lazyload(Product.cover_image), lazyload(Product.images), lazyload(Product.ovop_rating),
        selectinload(Product.certifications),
    )
    return {p.id: _product_document(p) for p in products}


def _load_sentra(session, ids):
    rows = _rows(session, Sentra, ids, *_sentra_images(), selectinload(Sentra.facilities))
    return {s.id: _sentra_document(s) for s in rows}


def _load_businesses(session, ids):
    businesses = _rows(
        session, Business, ids, lazyload(Business.owner), lazyload(Business.logo),
        joinedload(Business.sentra).options(*_sentra_images()), selectinload(Business.certifications),
    )
    members, categories = set(), defaultdict(list)
    for chunk in _chunks(ids):
        members.update(session.scalars(
            select(Business.id).join(Membership, and_(
                Membership.sentra_id == Business.sentra_id, Membership.user_id == Business.owner_id))
            .where(Business.id.in_(chunk), Membership.status == STATUS_ACTIVE)
        ))
        count = func.count(Product.id)
        for business_id, category, _n in session.execute(
            select(Product.business_id, Product.category, count)
            .where(Product.business_id.in_(chunk), Product.status == STATUS_PUBLISHED)
            .group_by(Product.business_id, Product.category)
            .order_by(Product.business_id, count.desc(), Product.category)
        ):
            categories[business_id].append(category)
    return {b.id: _business_document(b, b.id in members, categories[b.id]) for b in businesses}


def _load_topics(session, ids):
    topics = _rows(
        session, Topic, ids, joinedload(Topic.board).joinedload(Board.sentra).options(*_sentra_images()),
        lazyload(Topic.author), selectinload(Topic.tags),
    )
    visible = [t.id for t in topics if t.is_visible]
    openings = {}
    for chunk in _chunks(visible):
        openings.update((p.topic_id, p) for p in session.scalars(
            select(Post).where(Post.topic_id.in_(chunk), Post.number == 1).options(lazyload(Post.author))
        ))
    return {t.id: _topic_document(t, openings.get(t.id)) for t in topics}


def _load_posts(session, ids):
    posts = _rows(
        session, Post, ids, lazyload(Post.author),
        joinedload(Post.topic).options(
            lazyload(Topic.author), lazyload(Topic.tags),
            joinedload(Topic.board).joinedload(Board.sentra).options(*_sentra_images())),
    )
    return {p.id: _post_document(p) for p in posts}


LOADERS = {
    KIND_PRODUCT: _load_products,
    KIND_SENTRA: _load_sentra,
    KIND_BUSINESS: _load_businesses,
    KIND_TOPIC: _load_topics,
    KIND_POST: _load_posts,
}


def load(session, keys):
    """{key: Document or None} for "<kind>:<id>" keys: a few queries per kind, whatever the count."""
    by_kind = defaultdict(set)
    result = {}
    for key in keys:
        parsed = split_key(key)
        if parsed is None:
            result[key] = None
        else:
            by_kind[parsed[0]].add(parsed[1])
    with session.no_autoflush:
        for kind, ids in by_kind.items():
            found = LOADERS[kind](session, ids)
            for object_id in ids:
                result[make_key(kind, object_id)] = found.get(object_id)
    return result


# ---- streaming everything (rebuild, check) ---------------------------------------------------


def _searchable_ids(session, kind, after, limit):
    model, condition = _searchable(kind)
    stmt = select(model.id).where(model.id > after).order_by(model.id).limit(limit)
    if condition is not None:
        stmt = stmt.where(condition)
    return list(session.scalars(stmt))


def iter_documents(session, batch_size=500, kinds=KINDS):
    """Every searchable document, kind by kind in id order, `batch_size` rows per query.

    Walks each table by id ranges (WHERE id > last ORDER BY id LIMIT n), so memory stays flat
    whatever the size of the tables: the session holds rows weakly, so a finished batch is let go.
    """
    for kind in kinds:
        after = 0
        while True:
            ids = _searchable_ids(session, kind, after, batch_size)
            if not ids:
                break
            documents = LOADERS[kind](session, ids)
            for object_id in ids:
                document = documents.get(object_id)
                if document is not None:
                    yield document
            after = ids[-1]


def count_documents(session, kinds=KINDS):
    """How many documents `iter_documents` yields (give or take rows changing meanwhile)."""
    total = 0
    for kind in kinds:
        model, condition = _searchable(kind)
        stmt = select(func.count(model.id))
        if condition is not None:
            stmt = stmt.where(condition)
        total += session.scalar(stmt) or 0
    return total


# ---- dependency tokens -----------------------------------------------------------------------


def _published_products(condition):
    return select(Product.id).where(condition, Product.status == STATUS_PUBLISHED)


def _visible_topics(condition):
    return select(Topic.id).where(condition, _topic_visible())


def _visible_replies(topic_condition):
    return (select(Post.id).join(Topic, Topic.id == Post.topic_id)
            .where(topic_condition, _topic_visible(), Post.number > 1, _post_visible()))


def _board_ids_of_sentra(sentra_id):
    return select(Board.id).where(Board.sentra_id == sentra_id)


# token -> [(kind, statement selecting ids)]
EXPANSIONS = {
    PRODUCTS_OF_BUSINESS: lambda i: [(KIND_PRODUCT, _published_products(Product.business_id == i))],
    PRODUCTS_OF_SENTRA: lambda i: [(KIND_PRODUCT, _published_products(or_(
        Product.sentra_id == i,
        Product.business_id.in_(select(Business.id).where(Business.sentra_id == i)))))],
    PRODUCTS_OF_USER: lambda i: [(KIND_PRODUCT, _published_products(
        Product.business_id.in_(select(Business.id).where(Business.owner_id == i))))],
    BUSINESSES_OF_SENTRA: lambda i: [(KIND_BUSINESS, select(Business.id).where(Business.sentra_id == i))],
    BUSINESSES_OF_USER: lambda i: [(KIND_BUSINESS, select(Business.id).where(Business.owner_id == i))],
    DISCUSSIONS_OF_BOARD: lambda i: [(KIND_TOPIC, _visible_topics(Topic.board_id == i)),
                                     (KIND_POST, _visible_replies(Topic.board_id == i))],
    DISCUSSIONS_OF_SENTRA: lambda i: [
        (KIND_TOPIC, _visible_topics(Topic.board_id.in_(_board_ids_of_sentra(i)))),
        (KIND_POST, _visible_replies(Topic.board_id.in_(_board_ids_of_sentra(i))))],
    # Whatever the topic's state: hiding or deleting it must take its replies out too.
    POSTS_OF_TOPIC: lambda i: [(KIND_POST, select(Post.id).where(
        Post.topic_id == i, Post.number > 1, _post_visible()))],
}


def expand(session, tokens):
    """The document keys behind `tokens`: plain keys as they are, dependency tokens looked up
    (ids only, one query per token and kind). Unknown tokens are dropped."""
    keys = set()
    with session.no_autoflush:
        for token in tokens:
            if split_key(token) is not None:
                keys.add(token)
                continue
            name, _sep, number = token.rpartition(":")
            if name not in EXPANSIONS or not number.isdigit():
                continue
            for kind, stmt in EXPANSIONS[name](int(number)):
                keys.update(make_key(kind, object_id) for object_id in session.scalars(stmt))
    return keys


# ---- what a change touches -------------------------------------------------------------------

# Per class: the attributes documents are built from (others, like view counts, change nothing),
# and those that other documents are built from too.
PRODUCT_FIELDS = (
    "status", "title", "description", "title_en", "description_en", "category", "materials", "size",
    "hs_code", "is_ovop", "is_export", "is_supply_chain", "sentra_id", "province", "price_idr",
    "published_at", "created_at", "business_id", "certifications",
)
PRODUCT_FIELDS_FOR_BUSINESS = ("status", "category", "business_id")  # the business's commodities
BUSINESS_FIELDS = ("name", "description", "techniques", "sentra_id", "owner_id", "created_at",
                   "certifications")
BUSINESS_FIELDS_FOR_PRODUCTS = ("name",)
SENTRA_FIELDS = ("name", "slug", "tagline", "story", "commodity", "province", "regency", "district",
                 "village", "created_at", "facilities")
SENTRA_FIELDS_FOR_PRODUCTS = ("name", "slug")
SENTRA_FIELDS_FOR_BUSINESSES = ("name", "slug", "commodity", "province", "regency")
SENTRA_FIELDS_FOR_DISCUSSIONS = ("name", "slug")
FACILITY_FIELDS = ("kind", "note", "sentra_id")
MEMBERSHIP_FIELDS = ("status", "sentra_id", "user_id")
BOARD_FIELDS = ("visibility", "kind", "name", "slug", "sentra_id")
TOPIC_FIELDS = ("title", "board_id", "hidden_at", "deleted_at", "created_at", "tags")
TOPIC_FIELDS_FOR_POSTS = ("title", "board_id", "hidden_at", "deleted_at")
POST_FIELDS = ("body", "hidden_at", "deleted_at", "topic_id", "number", "created_at")

NEW, CHANGED, DELETED = "new", "changed", "deleted"


def keys_for(obj, deleted=False):
    """Keys and dependency tokens a new, changed or (`deleted`) deleted object touches.

    New objects (still pending in after_flush) and deleted ones touch everything they feed;
    changed ones only what their changed attributes feed, read from the attribute history: setting
    a value to what it was, or bumping a view count, touches nothing.
    """
    handler = _HANDLERS.get(type(obj))
    if handler is None:
        return set()
    state = inspect(obj)
    change = DELETED if deleted else NEW if (state.pending or state.transient) else CHANGED
    return handler(obj, change)


def _changed(obj, names):
    """True when one of the attributes `names` of a changed object really changed."""
    attrs = inspect(obj).attrs
    return any(attrs[name].history.has_changes() for name in names)


def _values(obj, name):
    """The values an attribute has and had in this flush (a moved row touches both places)."""
    history = inspect(obj).attrs[name].history
    values = {v for v in (*history.added, *history.unchanged, *history.deleted) if v is not None}
    return values or ({getattr(obj, name)} - {None})


def _each(kind, ids):
    return {make_key(kind, i) for i in ids if i is not None}


def _token(name, object_id):
    return f"{name}:{object_id}"


def _product_keys(product, change):
    if change != CHANGED:
        return {make_key(KIND_PRODUCT, product.id), *_each(KIND_BUSINESS, {product.business_id})}
    keys = _each(KIND_PRODUCT, {product.id}) if _changed(product, PRODUCT_FIELDS) else set()
    if _changed(product, PRODUCT_FIELDS_FOR_BUSINESS):
        keys |= _each(KIND_BUSINESS, _values(product, "business_id"))
    return keys


def _business_keys(business, change):
    if change == NEW:  # no products yet
        return {make_key(KIND_BUSINESS, business.id)}
    if change == DELETED:
        return {make_key(KIND_BUSINESS, business.id), _token(PRODUCTS_OF_BUSINESS, business.id)}
    keys = _each(KIND_BUSINESS, {business.id}) if _changed(business, BUSINESS_FIELDS) else set()
    if _changed(business, BUSINESS_FIELDS_FOR_PRODUCTS):
        keys.add(_token(PRODUCTS_OF_BUSINESS, business.id))
    return keys


def _sentra_keys(sentra, change):
    if change == NEW:
        return {make_key(KIND_SENTRA, sentra.id)}
    products, businesses, discussions = (
        _token(PRODUCTS_OF_SENTRA, sentra.id), _token(BUSINESSES_OF_SENTRA, sentra.id),
        _token(DISCUSSIONS_OF_SENTRA, sentra.id))
    if change == DELETED:
        return {make_key(KIND_SENTRA, sentra.id), products, businesses, discussions}
    keys = _each(KIND_SENTRA, {sentra.id}) if _changed(sentra, SENTRA_FIELDS) else set()
    for fields, token in ((SENTRA_FIELDS_FOR_PRODUCTS, products), (SENTRA_FIELDS_FOR_BUSINESSES, businesses),
                          (SENTRA_FIELDS_FOR_DISCUSSIONS, discussions)):
        if _changed(sentra, fields):
            keys.add(token)
    return keys


def _facility_keys(facility, change):
    if change == CHANGED and not _changed(facility, FACILITY_FIELDS):
        return set()
    return _each(KIND_SENTRA, _values(facility, "sentra_id"))


def _membership_keys(membership, change):
    # A business names its sentra only while its owner is an active member. The products follow
    # catalog.services.sync_business_products, which queues them itself (a bulk UPDATE).
    if change != CHANGED:
        users = {membership.user_id}
    elif _changed(membership, MEMBERSHIP_FIELDS):
        users = _values(membership, "user_id")
    else:
        return set()
    return {_token(BUSINESSES_OF_USER, user_id) for user_id in users if user_id is not None}


def _user_keys(user, change):
    # Only a deleted user matters: their businesses and products go with them (ON DELETE CASCADE).
    if change == DELETED:
        return {_token(BUSINESSES_OF_USER, user.id), _token(PRODUCTS_OF_USER, user.id)}
    return set()


def _board_keys(board, change):
    if change == NEW:  # no topics yet
        return set()
    if change == DELETED or _changed(board, BOARD_FIELDS):
        return {_token(DISCUSSIONS_OF_BOARD, board.id)}
    return set()


def _topic_keys(topic, change):
    if change == NEW:
        return {make_key(KIND_TOPIC, topic.id)}
    if change == DELETED:
        return {make_key(KIND_TOPIC, topic.id), _token(POSTS_OF_TOPIC, topic.id)}
    keys = _each(KIND_TOPIC, {topic.id}) if _changed(topic, TOPIC_FIELDS) else set()
    if _changed(topic, TOPIC_FIELDS_FOR_POSTS):
        keys.add(_token(POSTS_OF_TOPIC, topic.id))
    return keys


def _post_keys(post, change):
    if change == CHANGED and not _changed(post, POST_FIELDS):
        return set()
    if post.number == 1:  # the opening post is its topic's body
        return _each(KIND_TOPIC, _values(post, "topic_id") if change == CHANGED else {post.topic_id})
    return {make_key(KIND_POST, post.id)}


def _row_keys(kind, column):
    """For rows that only feed their parent's document (certifications, tags)."""
    return lambda row, _change: _each(kind, _values(row, column))


_HANDLERS = {
    Product: _product_keys,
    ProductCertification: _row_keys(KIND_PRODUCT, "product_id"),
    Business: _business_keys,
    BusinessCertification: _row_keys(KIND_BUSINESS, "business_id"),
    Sentra: _sentra_keys,
    SentraFacility: _facility_keys,
    Membership: _membership_keys,
    User: _user_keys,
    Board: _board_keys,
    Topic: _topic_keys,
    TopicTag: _row_keys(KIND_TOPIC, "topic_id"),
    Post: _post_keys,
}
