"""The catalogue's filters: what a buyer narrows the list to, and the counts beside each choice."""

import re
from urllib.parse import urlencode

import pytest
from sqlalchemy import event, func, select

from marketplace.catalog.models import Product
from tests.catalog.browse_support import (
    HIDDEN,
    Catalogue,
    card_titles,
    options,
    results_total,
    samples_count,
    selected,
)
from tests.catalog.conftest import make_product
from tests.conftest import make_business, make_sentra, make_user

FACETS = ("channel", "category", "province", "sentra", "certification", "availability")
SELECTIONS = [
    {},
    {"channel": "export"},
    {"channel": "supply_chain", "province": "jawa-barat"},
    {"category": "batik"},
    {"certification": "SNI"},
    {"province": "lampung", "samples": "1"},
    {"price_min": "100000", "price_max": "1000000"},
    {"moq_max": "10"},
    {"availability": "made_to_order", "channel": "export"},
    {"sentra": "batik-laweyan", "certification": "BATIKMARK"},
    {"channel": "ovop", "category": "tapis", "samples": "1"},
]


@pytest.fixture
def catalogue(app):
    return Catalogue()


def _page(client, query):
    response = client.get("/products?" + urlencode(query))
    assert response.status_code == 200
    return response.get_data(as_text=True)


@pytest.mark.parametrize("query", SELECTIONS, ids=lambda q: urlencode(q) or "everything")
def test_filters_show_exactly_the_matching_published_products(client, catalogue, query):
    html = _page(client, query)
    expected = catalogue.titles(query)
    assert set(card_titles(html)) == expected
    assert results_total(html) == len(expected)
    assert not HIDDEN & set(card_titles(html))


@pytest.mark.parametrize("query", SELECTIONS, ids=lambda q: urlencode(q) or "everything")
def test_each_choice_shows_how_many_products_it_would_leave(client, catalogue, query):
    html = _page(client, query)
    for name in FACETS:
        shown = options(html, name)
        expected = catalogue.facet(name, query)
        chosen = query.get(name)
        if chosen and chosen not in expected:
            expected[chosen] = 0  # the chosen option stays in the list even when it leaves nothing
        assert shown == expected, name
    assert samples_count(html) == len(catalogue.titles({**query, "samples": "1"}))


def test_facet_counts_agree_with_the_database(client, db, catalogue):
    """The category counts of the whole catalogue are what a GROUP BY on the table says."""
    rows = db.session.execute(
        select(Product.category, func.count()).where(Product.status == "published").group_by(Product.category)
    ).all()
    assert options(_page(client, {}), "category") == dict(rows)


def test_choosing_a_filter_keeps_it_selected_and_removable(client, catalogue):
    html = _page(client, {"category": "batik", "province": "jawa-tengah", "sort": "price_asc"})
    assert selected(html, "category") == "batik"
    assert selected(html, "province") == "jawa-tengah"
    assert selected(html, "sort") == "price_asc"
    # Each active filter is a badge whose link drops that filter and keeps the rest.
    assert "Category: Batik" in html and "Province: Jawa Tengah" in html
    assert 'href="/products?province=jawa-tengah&amp;sort=price_asc"' in html
    assert 'href="/products?category=batik&amp;sort=price_asc"' in html
    assert 'href="/products"' in html  # clear all


def test_a_shared_link_shows_the_same_selection_to_someone_else(app, client, catalogue):
    query = {"channel": "export", "certification": "SNI", "sort": "price_desc"}
    mine = _page(client, query)
    stranger = app.test_client()
    stranger.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    theirs = stranger.get("/products?" + urlencode(query)).get_data(as_text=True)
    assert card_titles(theirs) == card_titles(mine) == ["Tapis Pucuk Rebung", "Batik Cap Kawung"]


def test_the_filter_form_is_a_get_form_that_works_without_javascript(client, catalogue):
    html = _page(client, {})
    assert '<form method="get" action="/products" role="search">' in html
    for name in ("channel", "category", "province", "sentra", "certification", "availability", "sort"):
        assert f'name="{name}"' in html
    for name in ("price_min", "price_max", "moq_max", "samples"):
        assert f'name="{name}"' in html
    assert not re.search(r"<script(?![^>]*\bsrc=)", html)  # works without JS: no inline script


def test_price_range_includes_its_ends_and_leaves_out_price_on_request(client, catalogue):
    titles = set(card_titles(_page(client, {"price_min": "350000", "price_max": "850000"})))
    assert titles == {"Selendang Tapis", "Tapis Pucuk Rebung", "Kursi Rotan Teras"}
    assert "Kap Lampu Bambu" not in card_titles(_page(client, {"price_min": "0"}))


def test_prices_may_be_typed_with_thousands_separators_and_reversed(client, catalogue):
    typed = card_titles(_page(client, {"price_min": "Rp 1.000.000", "price_max": "300,000"}))
    plain = card_titles(_page(client, {"price_min": "300000", "price_max": "1000000"}))
    assert typed == plain and len(plain) == len(catalogue.titles({"price_min": 300000, "price_max": 1000000}))


def test_products_without_a_minimum_order_pass_any_moq_limit(client, catalogue):
    assert "Kopi Robusta Lampung" in card_titles(_page(client, {"moq_max": "1"}))
    assert "Keranjang Rotan" not in card_titles(_page(client, {"moq_max": "99"}))
    assert "Keranjang Rotan" in card_titles(_page(client, {"moq_max": "100"}))


@pytest.mark.parametrize("query", [
    "channel=space", "category=uranium", "province=atlantis", "sentra=no-such-sentra", "certification=FAKE",
    "availability=yesterday", "price_min=abc", "price_max=-5", "moq_max=1e9", "samples=maybe",
    "sort=random", "page=abc", "page=-2", "price_min=99999999999999999999999", "sentra=" + "x" * 500,
    "category=%00", "province[]=lampung", "price_min=%EF%BC%91",
])
def test_invalid_parameters_are_ignored_not_an_error(client, catalogue, query):
    response = client.get("/products?" + query)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert results_total(html) == len(catalogue.titles({}))
    assert "Clear all filters" not in html


def test_the_sentra_filter_offers_the_largest_sentra_for_the_selection(client, db):
    for n in range(12):
        sentra = make_sentra(f"sentra-{n:02d}", name=f"Sentra {n:02d}")
        business = make_business(make_user(f"o{n}@ikm.test"), sentra, slug=f"b-{n}", name=f"B {n}")
        for k in range(n + 1):
            make_product(business, title=f"Produk {n}-{k}")
    html = _page(client, {})
    offered = options(html, "sentra")
    assert len(offered) == 10
    assert offered == {f"sentra-{n:02d}": n + 1 for n in range(2, 12)}
    # A smaller sentra that is chosen stays in the list with its count.
    chosen = _page(client, {"sentra": "sentra-00"})
    assert options(chosen, "sentra")["sentra-00"] == 1
    assert selected(chosen, "sentra") == "sentra-00"
    assert card_titles(chosen) == ["Produk 0-0"]


def test_a_catalogue_page_costs_the_same_queries_for_few_or_many_products(client, db, catalogue):
    def queries_for(url):
        statements = []

        def count(*_args, **_kwargs):
            statements.append(1)

        event.listen(db.engine, "before_cursor_execute", count)
        try:
            assert client.get(url).status_code == 200
        finally:
            event.remove(db.engine, "before_cursor_execute", count)
        return len(statements)

    few = queries_for("/products?category=kopi")
    many = queries_for("/products")
    assert few == many
    assert many <= 11
    for url in ("/export", "/supply-chain", "/ovop"):
        assert queries_for(url) <= 11, url
