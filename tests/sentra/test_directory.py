"""The sentra directory: filters with counts, member counts on cards, pagination."""

import re

from sqlalchemy import event, func, select

from marketplace.sentra.models import Sentra
from tests.conftest import make_business, make_membership, make_sentra, make_user


def cards(html):
    """Names of the sentra cards on a directory page."""
    return re.findall(r'<h3><a href="/sentra/[^"]+">([^<]+)</a></h3>', html)


def facet_count(html, param, slug):
    """The count shown beside a filter link (None when the option is not offered)."""
    match = re.search(rf'href="/sentra\?[^"]*{param}={slug}[^"]*"[^>]*>\s*<span>[^<]*</span>\s*'
                      rf'<span class="meta">([\d.,]+)</span>', html)
    return int(match.group(1).replace(".", "").replace(",", "")) if match else None


def make_spread(db):
    make_sentra("tapis-a", name="Tapis Kemiling", commodity="tapis", province="lampung",
                regency="Kota Bandar Lampung")
    make_sentra("tapis-b", name="Tapis Pesisir", commodity="tapis", province="lampung",
                regency="Kabupaten Pesisir Barat", tagline="Kain tapis pesisir")
    make_sentra("kopi-a", name="Kopi Lampung Barat", commodity="kopi", province="lampung",
                regency="Kabupaten Lampung Barat")
    make_sentra("batik-a", name="Batik Laweyan", commodity="batik", province="jawa-tengah",
                regency="Kota Surakarta", tagline="Batik tulis sejak 1546")
    make_sentra("batik-b", name="Batik Kauman", commodity="batik", province="jawa-tengah",
                regency="Kota Surakarta", verified=False)


def test_directory_lists_every_sentra_with_counts(client, db):
    make_spread(db)
    html = client.get("/sentra").get_data(as_text=True)
    assert len(cards(html)) == 5
    assert "5 sentra" in html
    assert facet_count(html, "province", "lampung") == 3
    assert facet_count(html, "province", "jawa-tengah") == 2
    assert facet_count(html, "commodity", "batik") == 2
    assert facet_count(html, "province", "aceh") is None  # no sentra there: not offered


def test_province_filter_narrows_results_and_commodity_counts(client, db):
    make_spread(db)
    html = client.get("/sentra?province=lampung").get_data(as_text=True)
    assert sorted(cards(html)) == ["Kopi Lampung Barat", "Tapis Kemiling", "Tapis Pesisir"]
    # Commodity counts follow the chosen province; province counts ignore the province filter.
    assert facet_count(html, "commodity", "tapis") == 2
    assert facet_count(html, "commodity", "kopi") == 1
    assert facet_count(html, "commodity", "batik") is None
    assert facet_count(html, "province", "jawa-tengah") == 2
    # The chosen filter is shown and can be removed.
    assert "Lampung" in html and 'href="/sentra"' in html


def test_commodity_and_province_filters_combine(client, db):
    make_spread(db)
    html = client.get("/sentra?province=lampung&commodity=tapis").get_data(as_text=True)
    assert sorted(cards(html)) == ["Tapis Kemiling", "Tapis Pesisir"]
    assert 'href="/sentra?province=lampung"' in html  # remove the commodity, keep the province
    assert 'href="/sentra?commodity=tapis"' in html  # remove the province, keep the commodity
    assert facet_count(html, "province", "jawa-tengah") is None  # no tapis in Jawa Tengah


def test_search_matches_name_tagline_and_regency_case_insensitively(client, db):
    make_spread(db)
    assert cards(client.get("/sentra?q=LAWEYAN").get_data(as_text=True)) == ["Batik Laweyan"]
    assert cards(client.get("/sentra?q=tulis").get_data(as_text=True)) == ["Batik Laweyan"]
    html = client.get("/sentra?q=surakarta").get_data(as_text=True)
    assert sorted(cards(html)) == ["Batik Kauman", "Batik Laweyan"]
    assert facet_count(html, "province", "jawa-tengah") == 2
    assert facet_count(html, "province", "lampung") is None
    assert cards(client.get("/sentra?q=100%25").get_data(as_text=True)) == []  # % is literal


def test_unknown_filter_values_are_ignored(client, db):
    make_spread(db)
    html = client.get("/sentra?province=atlantis&commodity=<script>").get_data(as_text=True)
    assert len(cards(html)) == 5
    assert "<script>" not in html


def test_facet_counts_match_the_database(client, db):
    make_spread(db)
    html = client.get("/sentra?commodity=batik").get_data(as_text=True)
    for province, expected in db.session.execute(
        select(Sentra.province, func.count()).where(Sentra.commodity == "batik").group_by(Sentra.province)
    ):
        assert facet_count(html, "province", province) == expected


def test_cards_count_only_businesses_of_active_members(client, db):
    sentra = make_sentra("tapis-a", name="Tapis Kemiling")
    for i in range(3):
        owner = make_user(f"member{i}@test.id")
        make_membership(sentra, owner)
        make_business(owner, sentra, slug=f"usaha-{i}")
    waiting = make_user("waiting@test.id")
    make_membership(sentra, waiting, status="pending")
    make_business(waiting, sentra, slug="usaha-waiting")
    make_business(make_user("nobody@test.id"), sentra, slug="usaha-nobody")
    html = client.get("/sentra").get_data(as_text=True)
    assert "3 member businesses" in html


def test_directory_paginates_24_per_page(client, db, app):
    for i in range(30):
        make_sentra(f"sentra-{i:02d}", name=f"Sentra {i:02d}")
    first = client.get("/sentra").get_data(as_text=True)
    assert len(cards(first)) == app.config["PAGE_SIZE"] == 24
    assert "30 sentra" in first
    assert 'href="/sentra?page=2"' in first
    second = client.get("/sentra?page=2").get_data(as_text=True)
    assert len(cards(second)) == 6
    assert set(cards(first)).isdisjoint(cards(second))
    # Filters stay in the pager links.
    assert 'href="/sentra?province=lampung&amp;page=2"' in client.get(
        "/sentra?province=lampung").get_data(as_text=True)


def test_directory_query_count_does_not_grow_with_the_page(client, db, app):
    def queries_for_page():
        seen = []

        def count(*_args):
            seen.append(1)

        event.listen(db.engine, "before_cursor_execute", count)
        try:
            assert client.get("/sentra").status_code == 200
        finally:
            event.remove(db.engine, "before_cursor_execute", count)
        return len(seen)

    owner = make_user("owner@test.id")
    first = make_sentra("sentra-first", name="Sentra First")
    make_membership(first, owner)
    make_business(owner, first, slug="usaha-first")
    few = queries_for_page()
    for i in range(20):
        sentra = make_sentra(f"sentra-{i:02d}", name=f"Sentra {i:02d}")
        member = make_user(f"m{i}@test.id")
        make_membership(sentra, member)
        make_business(member, sentra, slug=f"usaha-{i}")
    assert queries_for_page() == few


def test_filter_form_works_without_javascript(client, db):
    make_spread(db)
    html = client.get("/sentra?province=jawa-tengah").get_data(as_text=True)
    assert '<form method="get" action="/sentra"' in html
    assert re.search(r'<select[^>]*name="province"', html)
    assert re.search(r'<option selected value="jawa-tengah">Jawa Tengah \(2\)</option>', html)
    assert re.search(r'<optgroup label="Textiles \(wastra\)">', html) or "optgroup" in html
    assert 'type="submit"' in html
