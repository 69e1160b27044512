"""Sorting and pages of the catalogue: the order a buyer asks for, and every product once."""

import re
from datetime import timedelta

import pytest

from marketplace.timeutil import utcnow
from tests.catalog.browse_support import Catalogue, card_ids, card_titles, results_total
from tests.catalog.conftest import make_product


@pytest.fixture
def catalogue(app):
    return Catalogue()


def _titles(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return card_titles(response.get_data(as_text=True))


def test_newest_first_by_default(client, business):
    now = utcnow()
    for days, title in ((3, "Tapis Lama"), (1, "Tapis Baru"), (2, "Tapis Tengah")):
        make_product(business, title=title, published_at=now - timedelta(days=days))
    assert _titles(client, "/products") == ["Tapis Baru", "Tapis Tengah", "Tapis Lama"]


def test_price_sorts_put_price_on_request_last(client, catalogue):
    cheap_first = _titles(client, "/products?sort=price_asc&category=bambu-rotan")
    assert cheap_first == ["Keranjang Rotan", "Kursi Rotan Teras", "Meja Rotan Bundar", "Kap Lampu Bambu"]
    dear_first = _titles(client, "/products?sort=price_desc&category=bambu-rotan")
    assert dear_first == ["Meja Rotan Bundar", "Kursi Rotan Teras", "Keranjang Rotan", "Kap Lampu Bambu"]


def test_most_viewed_and_ovop_stars(client, db, catalogue):
    for views, title in ((7, "Songket Lampung"), (30, "Kemeja Batik"), (12, "Tapis Siger Emas")):
        catalogue.products[title].view_count = views
    db.session.commit()
    assert _titles(client, "/products?sort=most_viewed")[:3] == [
        "Kemeja Batik", "Tapis Siger Emas", "Songket Lampung"]
    assert _titles(client, "/products?sort=ovop_stars")[:3] == [
        "Tapis Siger Emas", "Batik Tulis Parang", "Songket Lampung"]


def test_sort_links_keep_the_filters(client, catalogue):
    html = client.get("/products?category=batik").get_data(as_text=True)
    assert 'href="/products?category=batik&amp;sort=price_asc"' in html
    assert 'href="/products?category=batik&amp;sort=most_viewed"' in html


def test_pages_hold_every_product_once_and_links_keep_the_filters(app, client, business):
    app.config["PAGE_SIZE"] = 4
    now = utcnow()
    for n in range(10):
        make_product(business, title=f"Tapis {n:02d}", published_at=now - timedelta(minutes=n),
                     channels=["export"])
    make_product(business, title="Bukan Ekspor", channels=["ovop"])
    first = client.get("/products?channel=export").get_data(as_text=True)
    assert card_titles(first) == ["Tapis 00", "Tapis 01", "Tapis 02", "Tapis 03"]
    assert results_total(first) == 10
    assert 'href="/products?channel=export&amp;page=2" rel="next"' in first
    second = _titles(client, "/products?channel=export&page=2")
    assert second == ["Tapis 04", "Tapis 05", "Tapis 06", "Tapis 07"]
    third = _titles(client, "/products?channel=export&page=3")
    assert third == ["Tapis 08", "Tapis 09"]
    seen = card_titles(first) + second + third
    assert len(seen) == len(set(seen)) == 10


def test_a_page_past_the_end_is_empty_with_a_way_back(app, client, business):
    app.config["PAGE_SIZE"] = 2
    for n in range(3):
        make_product(business, title=f"Tapis {n}")
    response = client.get("/products?page=50")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert card_ids(html) == []
    assert "past the end of the list" in html
    assert re.search(r'href="/products\?page=1"', html)
    assert client.get("/products?page=99999999999999").status_code == 200


def test_buyers_pages_sort_and_page_too(client, catalogue):
    assert _titles(client, "/export?sort=price_asc") == [
        "Batik Cap Kawung", "Kursi Rotan Teras", "Tapis Pucuk Rebung", "Batik Tulis Parang",
        "Tapis Siger Emas", "Kap Lampu Bambu"]
    assert _titles(client, "/ovop?sort=newest&page=2") == []
