"""Page links keep the filters, and no query argument can break or redirect them."""

import re
from html import unescape

import pytest

from marketplace.pagination import MAX_PAGE, page_number
from tests.conftest import make_business, make_membership, make_sentra, make_user

SENTRA_COUNT = 30  # more than one page of PAGE_SIZE (24)


@pytest.fixture
def directory(app):
    """Thirty verified tapis sentra in Lampung: two pages of the directory."""
    for number in range(SENTRA_COUNT):
        make_sentra(f"sentra-tapis-{number:02d}")
    return "/sentra"


def _pager_links(html):
    """The href of every link in the pager, unescaped."""
    pager = re.search(r'<nav class="pager".*?</nav>', html, re.S)
    assert pager, "no pager on the page"
    return [unescape(href) for href in re.findall(r'href="([^"]*)"', pager.group(0))]


def test_the_pager_links_to_the_second_page_keeping_the_filters(client, directory):
    response = client.get("/sentra?province=lampung&commodity=tapis")
    assert response.status_code == 200
    links = _pager_links(response.get_data(as_text=True))
    assert "/sentra?province=lampung&commodity=tapis&page=2" in links
    second = client.get(links[-1])
    assert second.status_code == 200
    assert 'aria-current="page">2<' in second.get_data(as_text=True)


@pytest.mark.parametrize("query", ["_external=1&page=2", "endpoint=x&page=2", "_anchor=x&page=2",
                                   "_method=x&page=2", "_scheme=https&page=2"])
def test_url_for_keywords_in_the_query_neither_crash_nor_leak_into_links(client, directory, query):
    response = client.get(f"/sentra?{query}")
    assert response.status_code == 200
    links = _pager_links(response.get_data(as_text=True))
    assert links, "the pager is shown"
    for link in links:
        assert link.startswith("/sentra?"), link  # still a local, relative link to the directory
        assert "#" not in link


def test_a_query_argument_named_like_a_view_argument_keeps_the_page(client, app):
    sentra = make_sentra("tenun-tapis-bandar-lampung")
    for number in range(SENTRA_COUNT):  # two pages of member businesses on the branding page
        owner = make_user(f"perajin{number:02d}@tapis.id")
        make_membership(sentra, owner)
        make_business(owner, sentra, slug=f"tapis-{number:02d}", name=f"Tapis {number:02d}")
    response = client.get(f"/sentra/{sentra.slug}?slug=lain")
    assert response.status_code == 200
    links = _pager_links(response.get_data(as_text=True))
    assert f"/sentra/{sentra.slug}?slug=lain&page=2" in links


@pytest.mark.parametrize("raw", ["100000000000000000000", "9" * 5000])
def test_a_huge_page_number_is_clamped_instead_of_crashing(client, directory, raw):
    response = client.get(f"/sentra?page={raw}")
    assert response.status_code in (200, 404)
    assert "Something went wrong" not in response.get_data(as_text=True)


@pytest.mark.parametrize("raw, expected", [
    ("", 1), ("abc", 1), ("-3", 1), ("0", 1), ("1e9", 1), ("²", 1), (" 2 ", 2), ("0002", 2),
    ("100000", MAX_PAGE), ("100001", MAX_PAGE), ("100000000000000000000", MAX_PAGE),
])
def test_page_number_reads_only_plain_numbers(app, raw, expected):
    with app.test_request_context("/sentra", query_string={"page": raw}):
        assert page_number() == expected
