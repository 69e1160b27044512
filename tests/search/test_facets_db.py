"""Facet and type counts of search agree with what the database says, counted with SQL, on a small
but realistic marketplace: several sentra, provinces, categories, channels and certifications,
members and a business whose join request still waits, drafts and archived products."""

import random

import pytest
from sqlalchemy import func, select

from marketplace.businesses.models import Business
from marketplace.catalog.models import Product, ProductCertification
from marketplace.extensions import db as _db
from marketplace.forum.models import Board, Post, Topic
from marketplace.search import documents
from marketplace.search.backend import SearchQuery, get_backend
from marketplace.search.services import search
from marketplace.sentra.models import Sentra
from marketplace.timeutil import utcnow
from tests.catalog.conftest import make_product
from tests.conftest import make_business, make_membership, make_sentra, make_user
from tests.forum.conftest import make_board, make_post, make_topic

WORD = "selendang"  # in some product titles only (drafts included), nowhere else
SENTRA = [
    ("tenun-tapis-bandar-lampung", "Sentra Tenun Tapis", "tapis", "lampung"),
    ("batik-laweyan", "Sentra Batik Laweyan", "batik", "jawa-tengah"),
    ("gerabah-kasongan", "Sentra Gerabah Kasongan", "gerabah-keramik", "di-yogyakarta"),
    ("kopi-gayo", "Sentra Kopi Gayo", "kopi", "aceh"),
]
CATEGORIES = ("tapis", "batik", "tenun", "gerabah-keramik", "kopi", "anyaman")
CHANNELS = ("ovop", "export", "supply_chain")
CERTIFICATIONS = ("SNI", "HALAL", "PIRT", "SVLK", "HAKI")
STATUSES = ("published",) * 6 + ("draft", "unpublished", "archived")
NOUNS = ("Kain", "Tas", "Kemeja", "Vas", "Bubuk", "Tikar", "Taplak")
ADJECTIVES = ("Motif Siger", "Sogan", "Merah Bata", "Arabika", "Pandan", "Pucuk Rebung")


@pytest.fixture
def market(search_app):
    """About 60 products of 9 businesses in 4 sentra (one owner not yet approved, one outside any
    sentra), with a fixed random mix of categories, channels, certifications and statuses, and a
    few forum topics on public and members-only boards."""
    rng = random.Random(5)
    businesses = []
    for n, (slug, name, commodity, province) in enumerate(SENTRA):
        sentra = make_sentra(slug, name=name, commodity=commodity, province=province)
        for m in range(2):
            owner = make_user(f"owner{n}{m}@ikm.id", display_name=f"Pemilik {n}{m}")
            make_membership(sentra, owner, status="pending" if (n, m) == (1, 1) else "active")
            businesses.append(make_business(owner, sentra, slug=f"usaha-{n}-{m}", name=f"Usaha {n} {m}"))
    loner = make_user("sendiri@ikm.id", display_name="Pengrajin Sendiri")
    businesses.append(make_business(loner, slug="usaha-sendiri", name="Usaha Sendiri"))
    for i in range(60):
        business = rng.choice(businesses)
        title = f"{rng.choice(NOUNS)} {rng.choice(ADJECTIVES)}"
        if i % 4 == 0:
            title = f"{title} {WORD.title()}"
        make_product(
            business, title=title, category=rng.choice(CATEGORIES), status=rng.choice(STATUSES),
            channels=rng.sample(CHANNELS, rng.randint(0, 2)),
            certifications=rng.sample(CERTIFICATIONS, rng.randint(0, 2)),
            price_idr=rng.randrange(10, 500) * 10_000,
            published_at=utcnow(),
        )
    subject = make_board("pewarnaan", name="Pewarnaan")
    author = make_user("penulis@ikm.id", display_name="Penulis")
    first = make_topic(subject, author, title="Pewarna alami untuk batik")
    make_post(first, author, body="Pakai kulit kayu tingi.")
    make_post(first, author, body="Tersembunyi", hidden_at=utcnow())
    make_topic(subject, author, title="Topik yang dihapus", deleted_at=utcnow())
    lampung = _db.session.scalar(select(Sentra).where(Sentra.slug == SENTRA[0][0]))
    private = make_board(sentra=lampung, visibility="members")
    make_topic(private, author, title="Rapat anggota")


# ---- the database's own counts, in SQL ---------------------------------------------------------


def published(*conditions):
    return [Product.status == "published", *conditions]


def sql_counts(column, conditions, join=None):
    stmt = select(column, func.count()).select_from(Product)
    if join is not None:
        stmt = stmt.join(*join)
    rows = _db.session.execute(stmt.where(*conditions, column.is_not(None)).group_by(column)).all()
    return {value: count for value, count in rows}


def sql_product_facets(conditions):
    """{facet: {value: count}} over the published products matching `conditions`."""
    channels = {}
    for code, column in (("ovop", Product.is_ovop), ("export", Product.is_export),
                         ("supply_chain", Product.is_supply_chain)):
        count = _db.session.scalar(select(func.count()).select_from(Product).where(*conditions, column))
        if count:
            channels[code] = count
    return {
        "channel": channels,
        "category": sql_counts(Product.category, conditions),
        "province": sql_counts(Product.province, conditions),
        "sentra": sql_counts(Sentra.slug, conditions, join=(Sentra, Sentra.id == Product.sentra_id)),
        "certification": sql_counts(
            ProductCertification.code, conditions,
            join=(ProductCertification, ProductCertification.product_id == Product.id)),
    }


def sql_public_discussions():
    public_visible_topics = select(Topic.id).join(Board, Board.id == Topic.board_id).where(
        Board.visibility == "public", Topic.hidden_at.is_(None), Topic.deleted_at.is_(None))
    topics = _db.session.scalar(select(func.count()).where(Topic.id.in_(public_visible_topics)))
    replies = _db.session.scalar(select(func.count()).select_from(Post).where(
        Post.topic_id.in_(public_visible_topics), Post.number > 1, Post.hidden_at.is_(None),
        Post.deleted_at.is_(None)))
    return topics + replies


def facets_of(result):
    return {name: dict(values) for name, values in result.facets.items() if name != "type"}


def title_has_word():
    return func.lower(Product.title).like(f"%{WORD}%")


# ---- the comparisons -----------------------------------------------------------------------------


def test_type_counts_of_an_empty_query_are_the_database_counts(market):
    result = search(SearchQuery(per_page=5))
    expected = {
        "product": _db.session.scalar(select(func.count()).where(*published()).select_from(Product)),
        "sentra": _db.session.scalar(select(func.count()).select_from(Sentra)),
        "business": _db.session.scalar(select(func.count()).select_from(Business)),
        "discussion": sql_public_discussions(),
    }
    assert result.type_counts == expected
    assert dict(result.facets["type"]) == {t: n for t, n in expected.items() if n}
    assert result.total == sum(expected.values())
    assert expected["product"] < _db.session.scalar(select(func.count()).select_from(Product))  # drafts


def test_product_facets_of_an_empty_query_are_the_database_counts(market):
    result = search(SearchQuery(type="product", per_page=5))
    assert facets_of(result) == sql_product_facets(published())
    assert result.total == result.type_counts["product"]
    # Biggest first, as the page shows them.
    for values in result.facets.values():
        counts = [count for _value, count in values]
        assert counts == sorted(counts, reverse=True)


def test_product_facets_of_a_word_query_are_the_database_counts(market):
    conditions = published(title_has_word())
    result = search(SearchQuery(text=WORD, type="product", per_page=100))
    assert result.total == _db.session.scalar(select(func.count()).select_from(Product).where(*conditions))
    assert facets_of(result) == sql_product_facets(conditions)
    assert {hit.object_id for hit in result.hits} == set(
        _db.session.scalars(select(Product.id).where(*conditions)))
    # Nothing but products has the word: the other types count nothing.
    assert {t: n for t, n in result.type_counts.items() if t != "product"} == {
        "sentra": 0, "business": 0, "discussion": 0}


@pytest.mark.parametrize("facet, value, column", [
    ("channel", "export", Product.is_export),
    ("province", "lampung", Product.province == "lampung"),
    ("certification", "SNI", Product.id.in_(select(ProductCertification.product_id)
                                             .where(ProductCertification.code == "SNI"))),
    ("sentra", "batik-laweyan", Product.sentra_id.in_(select(Sentra.id)
                                                      .where(Sentra.slug == "batik-laweyan"))),
])
def test_facets_of_a_word_and_a_filter_are_the_database_counts(market, facet, value, column):
    conditions = published(title_has_word(), column)
    result = search(SearchQuery(text=WORD, per_page=100, **{facet: value}))
    assert result.type_counts["product"] == result.total == _db.session.scalar(
        select(func.count()).select_from(Product).where(*conditions))
    assert facets_of(result) == sql_product_facets(conditions)


def test_sentra_facets_are_the_directorys_counts(market):
    result = get_backend().search(SearchQuery(type="sentra"))
    expected_categories = dict(_db.session.execute(
        select(Sentra.commodity, func.count()).group_by(Sentra.commodity)).all())
    expected_provinces = dict(_db.session.execute(
        select(Sentra.province, func.count()).group_by(Sentra.province)).all())
    assert dict(result.facets["category"]) == expected_categories
    assert dict(result.facets["province"]) == expected_provinces
    assert dict(result.facets["sentra"]) == {slug: 1 for slug, *_rest in SENTRA}


def test_a_rebuild_streams_every_document_once_whatever_the_batch_size(market):
    whole = [doc.key for doc in documents.iter_documents(_db.session)]
    small = [doc.key for doc in documents.iter_documents(_db.session, batch_size=7)]
    assert small == whole and len(set(whole)) == len(whole)
    assert documents.count_documents(_db.session) == len(whole) == get_backend().document_count()
    assert set(get_backend().stamps()) == set(whole)
