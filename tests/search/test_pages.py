"""/search as a buyer or member uses it: one box, results grouped by type with counts, one type page
by page with facets and order, highlighted snippets, the spelling fallback, a helpful empty state,
scoped search from sentra and forum pages, and a clear notice when the index is being rebuilt.

Every test runs on each search backend (search_app), against the real index.
"""

import re
import shutil
from urllib.parse import parse_qs, urlsplit

import pytest
from sqlalchemy import event, update

from marketplace.catalog.models import Product
from marketplace.extensions import db
from marketplace.search import services
from marketplace.search.backend import SearchQuery
from tests.catalog.conftest import make_product
from tests.search.web import build_site, english, hits, html, titles


def _args(url):
    return {key: values[0] for key, values in parse_qs(urlsplit(url.replace("&amp;", "&")).query).items()}


def _links(page, css_class=None):
    """href of every link on the page (entities decoded)."""
    return [href.replace("&amp;", "&") for href in re.findall(r'<a href="([^"]+)"', page)]


def test_a_blank_search_offers_tips_and_ways_to_browse(visitor, site):
    page = html(visitor.get("/search"))
    assert '<form class="search-bar" method="get" action="/search" role="search"' in page
    assert "Find products, sentra, businesses and discussions" in page
    for target in ("/products", "/sentra", "/forum", "/ikm"):
        assert f'href="{target}"' in page
    assert hits(page) == []


def test_results_are_grouped_by_type_with_counts_and_see_all_links(visitor, site):
    page = html(visitor.get("/search?q=tenun"))
    groups = re.findall(r'<h3 id="group-(\w+)">([^<]+)<span class="count">\((\d+)\)</span>', page)
    assert [(kind, int(count)) for kind, _label, count in groups] == [
        ("product", 2), ("sentra", 1), ("business", 1), ("discussion", 2)]
    assert [label.strip() for _kind, label, _count in groups] == [
        "Products", "Sentra", "Businesses", "Discussions"]
    assert "6 results for “tenun”" in page
    # The tabs switch to one type and say how many each has.
    assert re.search(r'href="/search\?q=tenun&amp;type=product">Products <span class="count">2</span>', page)
    assert re.search(r'aria-current="page">All <span class="count">6</span>', page)
    found = {title for _kind, _url, title in hits(page)}
    assert {"Kain Tenun Tapis Siger", "Selendang Tenun Ikat", "Sentra Tenun Tapis Kemiling", "Tapis Siti",
            "Pewarna alami untuk tenun"} <= found


def test_a_group_with_more_hits_than_shown_links_to_all_of_them(visitor, site):
    for number in range(5):
        make_product(site.siti_business, title=f"Sarung Tenun Motif {number}", price_idr=100_000 + number)
    page = html(visitor.get("/search?q=tenun"))
    assert len([kind for kind, _url, _title in hits(page) if kind == "product"]) == 4
    assert '<a href="/search?q=tenun&amp;type=product">See all 7 products →</a>' in page


def test_stemmed_words_match_and_are_marked_in_titles_and_snippets(visitor, site):
    page = html(visitor.get("/search?q=menenun&type=product"))
    assert set(titles(page)) == {"Kain Tenun Tapis Siger", "Selendang Tenun Ikat"}
    assert "Kain <mark>Tenun</mark> Tapis Siger" in page
    assert '<p class="snippet"><mark>Tenunan</mark> tangan dengan benang emas.</p>' in page
    assert "2 products for “menenun”" in page


def test_product_hits_show_price_unit_place_and_sentra(visitor, site):
    page = html(visitor.get("/search?q=siger&type=product"))
    [(kind, url, title)] = hits(page)
    assert (kind, url, title) == ("product", f"/products/{site.export_cloth.id}-kain-tenun-tapis-siger",
                                  "Kain Tenun Tapis Siger")
    row = page[page.index('<li class="search-hit hit-product">'):]
    row = row[:row.index("</li>")]
    assert "Rp 1,500,000 / cloth" in row
    assert "<span>Tapis Siti</span><span>Sentra Tenun Tapis Kemiling</span><span>Lampung</span>" in row
    assert '<img class="hit-thumb" src="/media/' in row
    assert 'channel-export">Export<' in row


def test_a_reply_links_to_its_permalink_and_a_topic_to_its_page(visitor, site):
    page = html(visitor.get("/search?q=indigo&type=discussion"))
    assert hits(page) == [("discussion", f"/forum/t/{site.question.id}/p/{site.reply.number}",
                           "Pewarna alami untuk tenun")]
    assert f"Reply {site.reply.number}" in page
    page = html(visitor.get("/search?q=kunyit&type=discussion"))
    assert hits(page) == [("discussion", f"/forum/t/{site.question.id}-pewarna-alami-untuk-tenun",
                           "Pewarna alami untuk tenun")]


def test_type_pages_keep_query_filters_and_order_across_pages(visitor, site):
    for number in range(24):
        make_product(site.siti_business, title=f"Songket Tenun {number:02d}", price_idr=10_000 * (number + 1),
                     channels=["export"])
    first = html(visitor.get("/search?q=tenun&type=product&channel=export&sort=price_desc"))
    assert "25 products for “tenun”" in first
    shown = titles(first)
    assert len(shown) == 20 and shown[0] == "Kain Tenun Tapis Siger" and shown[1] == "Songket Tenun 23"
    next_link = re.search(r'<a href="([^"]+)" rel="next">', first).group(1)
    assert _args(next_link) == {"q": "tenun", "type": "product", "channel": "export", "sort": "price_desc",
                                "page": "2"}
    second = html(visitor.get(next_link.replace("&amp;", "&")))
    assert titles(second) == [f"Songket Tenun {n:02d}" for n in range(4, -1, -1)]
    assert '<span aria-current="page">2</span>' in second
    # The order select shows the order in use and keeps the query and filters.
    assert '<option selected value="price_desc">Price: high to low</option>' in second
    sort_form = second[second.index('<form class="sort-form"'):]
    sort_form = sort_form[:sort_form.index("</form>")]
    for name, value in (("q", "tenun"), ("type", "product"), ("channel", "export")):
        assert f'<input type="hidden" name="{name}" value="{value}">' in sort_form


def test_price_order_puts_the_cheapest_first(visitor, site):
    page = html(visitor.get("/search?q=tenun&type=product&sort=price_asc"))
    assert titles(page) == ["Selendang Tenun Ikat", "Kain Tenun Tapis Siger"]


def test_pages_past_the_end_and_silly_page_numbers_do_not_break(visitor, site):
    page = visitor.get("/search?q=tenun&type=product&page=99999999999999999999")
    assert page.status_code == 200
    assert "past the end of the list" in html(page)
    assert visitor.get("/search?q=tenun&type=product&page=-3").status_code == 200


def test_facet_links_add_and_remove_filters_with_counts(visitor, site):
    page = html(visitor.get("/search?q=tenun"))
    facet = re.search(r'<a href="(/search\?q=tenun&amp;channel=export)">\s*<span>Export</span>\s*'
                      r'<span class="count">(\d+)</span>', page)
    assert facet and facet.group(2) == "1"
    filtered = html(visitor.get(facet.group(1).replace("&amp;", "&")))
    assert titles(filtered) == ["Kain Tenun Tapis Siger"]
    chip = re.search(r'<a class="badge" href="([^"]+)">Channel: Export', filtered)
    assert chip and _args(chip.group(1)) == {"q": "tenun"}
    # The chosen value is marked in its facet, and its link removes it.
    chosen = re.search(r'<a href="([^"]+)" aria-current="true">\s*<span>Export', filtered)
    assert chosen and _args(chosen.group(1)) == {"q": "tenun"}
    assert 'href="/search?q=tenun&amp;channel=export&amp;province=lampung"' in filtered


def test_facets_show_labels_and_sentra_names(visitor, site):
    page = html(visitor.get("/search?q=gerabah"))
    assert re.search(r'<span>Sentra Gerabah Kasongan</span>\s*<span class="count">\d+</span>', page)
    assert re.search(r'<span>DI Yogyakarta</span>', page)
    assert re.search(r'<span>Pottery &amp; ceramics</span>', page)
    page = html(visitor.get("/search?q=tapis"))
    assert re.search(r'<span>SNI \(Indonesian National Standard\)</span>', page)


def test_unknown_filter_values_are_ignored(visitor, site):
    plain = titles(html(visitor.get("/search?q=tenun&type=product")))
    page = visitor.get("/search?q=tenun&type=product&province=atlantis&channel=%3Cscript%3E&sort=cheapest"
                       "&sentra=no-such-sentra&certification=XYZ")
    assert page.status_code == 200
    assert titles(html(page)) == plain
    assert "<script>" not in html(page)
    main = html(page)[html(page).index('<main'):]
    chips = re.findall(r'<a class="badge" href="[^"]+">([^<]+)<', main)
    assert [chip.strip() for chip in chips] == ["Type: Products"]
    assert "atlantis" not in main


def test_a_very_long_query_is_cut_at_200_characters(visitor, site):
    page = visitor.get("/search?q=" + "tenun " + "x" * 5000)
    assert page.status_code == 200
    value = re.search(r'name="q" [^>]*value="([^"]*)"|value="([^"]*)"[^>]*name="q"', html(page))
    assert len(value.group(1) or value.group(2)) <= 200


def test_a_misspelt_word_shows_results_for_the_fix(visitor, site):
    page = html(visitor.get("/search?q=tenum"))
    assert "Showing results for <strong>tenun</strong> instead of <em>tenum</em>." in page
    assert "Kain Tenun Tapis Siger" in titles(page)


def test_a_fix_that_finds_nothing_here_is_offered_as_a_link(visitor, site):
    page = html(visitor.get("/search?q=tenum&province=papua"))
    assert re.search(r'Did you mean: <a href="/search\?q=tenun&amp;province=papua">tenun</a>', page)
    assert hits(page) == []


def test_nothing_found_gives_tips_and_ways_to_browse(visitor, site):
    page = html(visitor.get("/search?q=kapalselamzzz"))
    assert "Nothing found for “kapalselamzzz”" in page
    assert "Check the spelling" in page
    for target in ("/products", "/sentra", "/forum", "/ikm"):
        assert f'href="{target}"' in page


def test_drafts_hidden_posts_and_members_only_boards_stay_out(search_app, site):
    anonymous = english(search_app)
    assert "Tenun Rahasia Belum Terbit" not in html(anonymous.get("/search?q=tenun"))
    assert hits(html(anonymous.get("/search?q=tersembunyi"))) == []
    assert hits(html(anonymous.get("/search?q=tungku&type=discussion"))) == []
    assert hits(html(english(search_app, site.outsider).get("/search?q=tungku&type=discussion"))) == []
    member = english(search_app, site.budi)
    assert titles(html(member.get("/search?q=tungku&type=discussion"))) == ["Rahasia tungku pembakaran"]
    owner = english(search_app, site.siti)
    assert "Tenun Rahasia Belum Terbit" not in html(owner.get("/search?q=rahasia"))


def test_a_hit_the_database_no_longer_shows_is_dropped(search_app, site, visitor):
    # A bulk UPDATE the indexer does not see leaves the product in the index: the page checks.
    db.session.execute(update(Product).where(Product.id == site.shawl.id).values(status="unpublished"))
    db.session.commit()
    still_indexed = services.search(SearchQuery(text="selendang"))
    assert [hit.object_id for hit in still_indexed.hits] == [site.shawl.id]
    page = html(visitor.get("/search?q=selendang&type=product"))
    assert "Selendang Tenun Ikat" not in page


def test_result_pages_cost_the_same_queries_for_more_hits(search_app, site, visitor):
    def statements(url):
        seen = []
        listener = lambda *args: seen.append(1)  # noqa: E731
        event.listen(db.engine, "before_cursor_execute", listener)
        try:
            assert visitor.get(url).status_code == 200
        finally:
            event.remove(db.engine, "before_cursor_execute", listener)
        return len(seen)

    few = statements("/search?q=tenun&type=product")
    for number in range(12):
        make_product(site.siti_business, title=f"Tenun Baru {number}", images=1)
    assert statements("/search?q=tenun&type=product") == few
    grouped = statements("/search?q=tenun")
    assert grouped <= few + 6


def test_searching_inside_a_sentra(visitor, site):
    sentra_page = html(visitor.get("/sentra/gerabah-kasongan"))
    box = sentra_page[sentra_page.index('<form class="search-box"'):]
    box = box[:box.index("</form>")]
    assert 'action="/search"' in box and 'aria-label="Search in this sentra"' in box
    assert '<input type="hidden" name="sentra" value="gerabah-kasongan">' in box
    page = html(visitor.get("/search?q=guci&sentra=gerabah-kasongan"))
    assert set(titles(page)) == {"Guci Gerabah Kasongan", "Gerabah Budi"}
    chip = re.search(r'<a class="badge" href="([^"]+)">Inside Sentra Gerabah Kasongan', page)
    assert chip and _args(chip.group(1)) == {"q": "guci"}
    # The scope stays when searching again from the results page.
    assert '<input type="hidden" name="sentra" value="gerabah-kasongan">' in page
    assert hits(html(visitor.get("/search?q=tenun&sentra=gerabah-kasongan"))) == []


def test_searching_the_forum_finds_discussions_only(visitor, site):
    forum = html(visitor.get("/forum"))
    box = forum[forum.index('<form class="search-box"'):]
    assert '<input type="hidden" name="type" value="discussion">' in box[:box.index("</form>")]
    page = html(visitor.get("/search?q=tenun&type=discussion"))
    assert {kind for kind, _url, _title in hits(page)} == {"discussion"}
    assert re.search(r'<a class="badge" href="/search\?q=tenun">Type: Discussions', page)


def test_a_sentra_board_searches_its_own_discussions(search_app, site):
    member = english(search_app, site.budi)
    board = html(member.get("/forum/gerabah-kasongan"))
    box = board[board.index('<form class="search-box"'):]
    box = box[:box.index("</form>")]
    assert '<input type="hidden" name="type" value="discussion">' in box
    assert '<input type="hidden" name="sentra" value="gerabah-kasongan">' in box
    page = html(member.get("/search?q=suhu&type=discussion&sentra=gerabah-kasongan"))
    assert titles(page) == ["Rahasia tungku pembakaran"]


def test_every_page_has_the_header_search_box(visitor, site):
    for url in ("/products", "/sentra", "/forum", "/ikm/tapis-siti"):
        page = html(visitor.get(url))
        header = page[page.index('<header class="site-header">'):page.index("</header>")]
        assert 'action="/search" role="search" aria-label="Search the site"' in header
        assert 'data-suggest="/search/suggest"' in header
        assert '<script src="/static/js/search.js" defer></script>' in page
    home = html(visitor.get("/"))
    hero = home[home.index('<section class="hero">'):]
    assert '<form method="get" action="/search" role="search"' in hero
    assert 'href="/ikm"' in hero


def test_the_interface_speaks_english_on_request(visitor, site):
    page = html(visitor.get("/search?q=tenun&type=product"))
    for label in ("Search for", "Sort by", "Best match", "Price: low to high", "Refine", "Products"):
        assert label in page
    assert '<html lang="en">' in page


def test_the_interface_is_indonesian_by_default(search_app, site):
    page = html(search_app.test_client().get("/search?q=tenun"))
    assert '<html lang="id">' in page


@pytest.fixture
def whoosh_site(app):
    return build_site()


def test_a_missing_index_says_search_is_being_rebuilt(app, whoosh_site):
    visitor = english(app)
    shutil.rmtree(app.config["SEARCH_DIR"])
    response = visitor.get("/search?q=tenun")
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "120"
    page = html(response)
    assert "Search is being rebuilt, please try again in a few minutes." in page
    assert '<header class="site-header">' in page  # in the site's layout
    for url in ("/", "/products", "/sentra/gerabah-kasongan", "/forum", "/search"):
        assert visitor.get(url).status_code == 200, url
    assert visitor.get("/ikm").status_code == 503
