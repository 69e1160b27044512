"""/ikm, the member directory: members and buyers find businesses by technique or product,
commodity, certification, province and sentra, through the search engine."""

import re
import shutil

import pytest

from tests.search.web import build_site, english, html


def _cards(page):
    """Business names on the directory page, in order."""
    card = r'<article class="card business-card">.*?<h3><a href="[^"]+">(.*?)</a></h3>'
    names = re.findall(card, page, re.S)
    return [re.sub(r"<[^>]+>", "", name) for name in names]


def _options(page, name):
    select = re.search(rf'<select id="{name}" name="{name}">(.*?)</select>', page, re.S).group(1)
    return re.findall(r'<option(?: selected)? value="([^"]*)"', select)


def test_the_directory_lists_every_business_as_a_card(visitor, site):
    page = html(visitor.get("/ikm"))
    assert sorted(_cards(page)) == ["Gerabah Budi", "Tapis Siti"]
    assert "2 businesses" in page
    card = page[page.rindex("<article", 0, page.index("Tapis Siti</a></h3>")):]
    card = card[:card.index("</article>")]
    assert 'href="/ikm/tapis-siti"' in card
    assert '<a href="/sentra/tenun-tapis-bandar-lampung">Sentra Tenun Tapis Kemiling</a>' in card
    assert "<span>Lampung</span>" in card
    assert "Techniques: tenun ikat, sulam benang emas" in card
    assert "SNI (Indonesian National Standard)" in card


def test_the_form_asks_for_technique_commodity_certification_and_place(visitor, site):
    page = html(visitor.get("/ikm"))
    form = page[page.index('<form method="get" action="/ikm" role="search"'):]
    form = form[:form.index("</form>")]
    assert "Technique or product" in form and "e.g. tenun ikat, gerabah" in form
    for name in ("q", "commodity", "certification", "province", "sentra"):
        assert f'name="{name}"' in form
    assert 'name="csrf_token"' not in form
    assert "Pottery &amp; ceramics (1)" in form and "Halal (1)" in form and "DI Yogyakarta (1)" in form


def test_businesses_are_found_by_technique(visitor, site):
    assert _cards(html(visitor.get("/ikm?q=tenun+ikat"))) == ["Tapis Siti"]
    assert _cards(html(visitor.get("/ikm?q=pembakaran"))) == ["Gerabah Budi"]
    page = html(visitor.get("/ikm?q=menenun"))  # stems: menenun finds tenun
    assert _cards(page) == ["Tapis Siti"]


@pytest.mark.parametrize("query, expected", [
    ("commodity=gerabah-keramik", ["Gerabah Budi"]),
    ("certification=SNI", ["Tapis Siti"]),
    ("province=lampung", ["Tapis Siti"]),
    ("sentra=gerabah-kasongan", ["Gerabah Budi"]),
    ("certification=HALAL&province=lampung", []),
])
def test_filters_narrow_the_directory(visitor, site, query, expected):
    assert _cards(html(visitor.get(f"/ikm?{query}"))) == expected


def test_a_chosen_filter_keeps_the_other_choices_open(visitor, site):
    page = html(visitor.get("/ikm?province=lampung"))
    assert _options(page, "province") == ["", "di-yogyakarta", "lampung"]
    assert '<option selected value="lampung">Lampung (1)</option>' in page
    chip = re.search(r'<a class="badge" href="([^"]+)">Province: Lampung', page)
    assert chip and chip.group(1) == "/ikm"


def test_commodity_stays_the_parameter_name_in_links(visitor, site):
    page = html(visitor.get("/ikm?q=gerabah&commodity=gerabah-keramik"))
    assert re.search(r'<a class="badge" href="/ikm\?q=gerabah">Commodity: Pottery &amp; ceramics', page)


def test_unknown_values_are_ignored(visitor, site):
    response = visitor.get("/ikm?commodity=emas&province=atlantis&certification=%3Cb%3E&sentra=nowhere")
    assert response.status_code == 200
    assert sorted(_cards(html(response))) == ["Gerabah Budi", "Tapis Siti"]


def test_nothing_found_says_so_with_tips(visitor, site):
    page = html(visitor.get("/ikm?q=kapalselam"))
    assert _cards(page) == []
    assert "No business matches this search." in page and "Check the spelling" in page


def test_the_directory_pages_through_many_businesses(visitor, site):
    from tests.conftest import make_business, make_user

    for number in range(22):
        owner = make_user(f"anyaman{number}@test.id", display_name=f"Perajin {number}")
        make_business(owner, slug=f"anyaman-{number}", name=f"Anyaman Pandan {number:02d}",
                      techniques="anyaman")
    first = html(visitor.get("/ikm?q=anyaman"))
    assert len(_cards(first)) == 20 and "22 businesses" in first
    assert 'href="/ikm?q=anyaman&amp;page=2" rel="next"' in first
    assert len(_cards(html(visitor.get("/ikm?q=anyaman&page=2")))) == 2


def test_the_directory_is_linked_from_the_header_and_the_home_page(visitor, site):
    home = html(visitor.get("/"))
    header = home[home.index('<header class="site-header">'):home.index("</header>")]
    assert '<a href="/ikm">Businesses</a>' in header
    hero = home[home.index('<section class="hero">'):]
    assert 'href="/ikm"' in hero[:hero.index("</section>")]


def test_the_directory_says_when_search_is_being_rebuilt(app):
    build_site()
    shutil.rmtree(app.config["SEARCH_DIR"])
    response = english(app).get("/ikm?q=tenun")
    assert response.status_code == 503
    assert "Search is being rebuilt" in html(response)
