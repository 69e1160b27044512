"""What the search pages and the API show for the engine's hits, checked against the database.

The index can lag behind the database (a commit not applied yet, drift being repaired), so every
hit is looked up before it is shown: in a few batched queries, one per kind of thing, never one
per hit. Hits whose row the database says the user may not see (an unpublished product, a hidden
post, a members-only board) are dropped here: defence in depth behind the engine's audiences.
"""

from dataclasses import dataclass, replace

from flask import url_for
from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import select
from sqlalchemy.orm import joinedload, lazyload, selectinload

from marketplace import reference
from marketplace.businesses.models import Business
from marketplace.catalog import queries as catalog_queries
from marketplace.catalog.models import CHANNEL_LABELS, Product
from marketplace.extensions import db
from marketplace.forum.models import Board, Post, Topic
from marketplace.forum.permissions import readable_boards_condition
from marketplace.search.backend import (
    KIND_BUSINESS,
    KIND_POST,
    KIND_PRODUCT,
    KIND_SENTRA,
    KIND_TOPIC,
    get_backend,
)
from marketplace.search.params import TYPE_LABELS
from marketplace.sentra.models import Sentra

FACET_SIZE = 10  # options shown per facet: the biggest ones (a chosen one always shows)


@dataclass
class Row:
    """One hit ready to show: its link and the database row it stands for."""

    hit: object  # backend.Hit (or Suggestion for autocomplete)
    url: str
    item: object  # Product, Sentra, Business, Topic, or the Post of a reply
    topic: Topic | None = None  # discussions: the topic (the reply's topic for posts)


class ResultPages(Pagination):
    """A page of search rows with the pager's interface (pages, iter_pages, has_next...)."""

    def _query_items(self):
        return self._query_args["rows"]

    def _query_count(self):
        return self._query_args["total"]


def pages(rows, result):
    """The pager of a typed results page."""
    return ResultPages(page=result.page, per_page=result.per_page, max_per_page=None, error_out=False,
                       rows=rows, total=result.total)


# ---- loading what the hits stand for ------------------------------------------------------------


def _products(ids, external):
    rows = db.session.scalars(catalog_queries.published().where(Product.id.in_(ids)))
    from marketplace.catalog.views import product_url

    return {p.id: (product_url(p, _external=external), p, None) for p in rows}


def _sentra(ids, external):
    rows = db.session.scalars(select(Sentra).where(Sentra.id.in_(ids)).options(lazyload(Sentra.banner)))
    return {s.id: (url_for("sentra.detail", slug=s.slug, _external=external), s, None) for s in rows}


def _businesses(ids, external):
    rows = db.session.scalars(
        select(Business).where(Business.id.in_(ids)).options(
            lazyload(Business.owner), joinedload(Business.sentra).lazyload("*"),
            selectinload(Business.certifications),
        )
    )
    return {b.id: (url_for("businesses.detail", slug=b.slug, _external=external), b, None) for b in rows}


def _readable_boards(user):
    return select(Board.id).where(readable_boards_condition(user))


def _topics(ids, user, external):
    from marketplace.forum.services import topic_url

    rows = db.session.scalars(
        select(Topic).where(
            Topic.id.in_(ids), Topic.hidden_at.is_(None), Topic.deleted_at.is_(None),
            Topic.board_id.in_(_readable_boards(user)),
        ).options(lazyload(Topic.tags), lazyload(Topic.author))
    )
    return {t.id: (topic_url(t, _external=external), t, t) for t in rows}


def _posts(ids, user, external):
    rows = db.session.execute(
        select(Post, Topic).join(Topic, Post.topic_id == Topic.id).where(
            Post.id.in_(ids), Post.hidden_at.is_(None), Post.deleted_at.is_(None),
            Topic.hidden_at.is_(None), Topic.deleted_at.is_(None),
            Topic.board_id.in_(_readable_boards(user)),
        ).options(lazyload(Post.author), lazyload(Topic.tags), lazyload(Topic.author))
    )
    return {
        post.id: (url_for("forum.post_permalink", topic_id=topic.id, number=post.number, _external=external),
                  post, topic)
        for post, topic in rows
    }


def load(entries, user, external=False):
    """{(kind, object_id): Row-parts} for the (kind, object_id) pairs `user` may see, one query a kind."""
    wanted = {}
    for kind, object_id in entries:
        wanted.setdefault(kind, set()).add(object_id)
    found = {}
    loaders = {
        KIND_PRODUCT: lambda ids: _products(ids, external),
        KIND_SENTRA: lambda ids: _sentra(ids, external),
        KIND_BUSINESS: lambda ids: _businesses(ids, external),
        KIND_TOPIC: lambda ids: _topics(ids, user, external),
        KIND_POST: lambda ids: _posts(ids, user, external),
    }
    for kind, ids in wanted.items():
        loader = loaders.get(kind)
        if loader is None:
            continue
        for object_id, parts in loader(sorted(ids)).items():
            found[(kind, object_id)] = parts
    return found


def rows_for(hits, user, external=False, found=None):
    """Rows for `hits` in their order, leaving out those the database does not show to `user`."""
    found = load([(h.kind, h.object_id) for h in hits], user, external) if found is None else found
    rows = []
    for hit in hits:
        parts = found.get((hit.kind, hit.object_id))
        if parts is not None:
            url, item, topic = parts
            rows.append(Row(hit=hit, url=url, item=item, topic=topic))
    return rows


def present(result, user, external=False):
    """(rows of result.hits, {type: rows of that group}), checked against the database at once."""
    every = list(result.hits) + [hit for hits in result.groups.values() for hit in hits]
    found = load([(h.kind, h.object_id) for h in every], user, external)
    groups = {kind: rows_for(hits, user, found=found) for kind, hits in result.groups.items()}
    return rows_for(result.hits, user, found=found), groups


# ---- facets ----------------------------------------------------------------------------------


def facets_without(query, result, names):
    """{facet: counts with that facet's own filter left out}, for each of `names` in use.

    A select shows the other values one could switch to; without this, choosing a province would
    leave only that province in its list. One extra search per filter in use (facets only).
    """
    text = result.suggestion if result.corrected else query.text
    counted = {}
    for name in names:
        if getattr(query, name):
            wider = replace(query, text=text, page=1, per_page=1, group_size=0, facets=True, **{name: None})
            counted[name] = get_backend().search(wider).facets.get(name, [])
    return counted


def sentra_names(slugs):
    """{slug: name} for these sentra slugs, in one query."""
    slugs = sorted({s for s in slugs if s})
    if not slugs:
        return {}
    return dict(db.session.execute(select(Sentra.slug, Sentra.name).where(Sentra.slug.in_(slugs))).all())


def facet_label(name, value, names=None):
    """The label of one facet value in the interface language."""
    if name == "type":
        return str(TYPE_LABELS.get(value, value))
    if name == "channel":
        return str(CHANNEL_LABELS.get(value, value))
    if name == "category":
        return str(reference.commodity_label(value))
    if name == "province":
        return reference.province_name(value)
    if name == "certification":
        return str(reference.CERTIFICATION_LABELS.get(value, value))
    if name == "sentra":
        return (names or {}).get(value, value)
    return value


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    chosen: bool
    args: dict  # the query string that adds (or, when chosen, removes) this value


@dataclass
class Facet:
    name: str
    options: list


def facets(params, result, names=None, skip=("type",), size=FACET_SIZE):
    """The facet lists of a results page: each option with its count and the link that toggles it.

    `names` is the {slug: name} of the sentra shown (see sentra_names); values the result does not
    count but the request chose still show, so they can be removed.
    """
    blocks = []
    for name, counted in result.facets.items():
        if name in skip:
            continue
        chosen = getattr(params, name, None)
        options = [(value, count) for value, count in counted if count][:size]
        if chosen and chosen not in {value for value, _count in options}:
            options.append((chosen, dict(counted).get(chosen, 0)))
        if not options:
            continue
        blocks.append(Facet(name=name, options=[
            FacetOption(
                value=value, label=facet_label(name, value, names), count=count, chosen=value == chosen,
                args=params.args(**{name: None if value == chosen else value}),
            )
            for value, count in options
        ]))
    return blocks
