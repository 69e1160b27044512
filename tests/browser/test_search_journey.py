"""Search in a real Chromium on the demo site: a buyer searches 'menenun', filters to export and
opens a product; the autocomplete offers entries while typing and is driven by the keyboard; the
results fit a phone and work without JavaScript.

The demo data is written by `flask seed demo` in another process; the index is then rebuilt with
`flask search rebuild` (once per module), as `make run` does with `flask search check`.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import BROWSER, t

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True, **BROWSER}


@pytest.fixture(scope="module")
def server(seeded_server):
    """The demo site with its search index built."""
    seeded_server.flask("search", "rebuild")
    return seeded_server


BOX_LABEL = "Search products, sentra, businesses and discussions"


def _search_box(server, page):
    return page.get_by_role("combobox", name=t(server, page, BOX_LABEL))


def test_buyer_searches_menenun_filters_to_export_and_opens_a_product(server, page, console_errors):
    page.goto(server.url + "/")
    box = _search_box(server, page)
    box.fill("menenun")
    box.press("Enter")
    expect(page).to_have_url(re.compile(r"/search\?q=menenun$"))
    results = page.get_by_role("heading", level=2, name=re.compile("menenun"))
    expect(results).to_be_visible()

    # Stemming: "menenun" finds woven cloth (tenun), with the matching words marked.
    products = page.locator("section.search-group").filter(
        has=page.get_by_role("heading", level=3, name=re.compile("^" + t(server, page, "Products"))))
    expect(products.locator("mark").first).to_be_visible()
    expect(products.locator("mark").first).to_have_text(re.compile("tenun", re.I))

    # Filter to export with the facet in the refine panel.
    refine = page.get_by_role("complementary")
    refine.get_by_role("link", name=re.compile("^" + re.escape(t(server, page, "Export")) + r"\b")).click()
    expect(page).to_have_url(re.compile(r"channel=export"))
    chip = page.get_by_role("link", name=re.compile(re.escape(t(server, page, "Channel: %(name)s",
                                                                  name=t(server, page, "Export")))))
    expect(chip).to_be_visible()

    # Only products now: the products tab, then the first result.
    page.get_by_role("navigation", name=t(server, page, "Show results of type")).get_by_role(
        "link", name=re.compile("^" + t(server, page, "Products"))).click()
    expect(page).to_have_url(re.compile(r"type=product"))
    first = page.locator("li.search-hit h3 a").first
    title = first.inner_text()
    first.click()
    expect(page).to_have_url(re.compile(r"/products/\d+-[a-z0-9-]+$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    assert console_errors == []


def test_autocomplete_offers_entries_and_follows_the_keyboard(server, page, console_errors):
    page.goto(server.url + "/products")
    box = page.get_by_role("banner").get_by_role("combobox", name=t(server, page, BOX_LABEL))
    box.press_sequentially("kain ten", delay=40)
    listbox = page.get_by_role("listbox")
    expect(listbox).to_be_visible()
    options = listbox.get_by_role("option")
    expect(options.first).to_be_visible()
    assert options.count() >= 2
    expect(box).to_have_attribute("aria-expanded", "true")
    announcer = page.locator('[aria-live="polite"].visually-hidden')
    expect(announcer.filter(has_text=re.compile(r"\d"))).to_have_count(1)

    box.press("ArrowDown")
    expect(options.first).to_have_attribute("aria-selected", "true")
    expect(box).to_have_attribute("aria-activedescendant", options.first.get_attribute("id"))
    box.press("Escape")
    expect(listbox).to_be_hidden()
    expect(box).to_have_attribute("aria-expanded", "false")

    box.press("ArrowDown")  # opens again on the first entry
    label = options.first.locator(".suggest-label").inner_text()
    box.press("Enter")
    expect(page).to_have_url(re.compile(r"/products/\d+-"))
    expect(page.get_by_role("heading", level=1)).to_have_text(label)
    assert console_errors == []


def test_search_results_fit_a_phone(server, browser):
    context = browser.new_context(**PHONE)
    try:
        page = context.new_page()
        page.goto(server.url + "/search?q=tenun&type=product")
        expect(page.locator("li.search-hit").first).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        page.goto(server.url + "/ikm?q=tenun")
        expect(page.locator("article.business-card").first).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    finally:
        context.close()


def test_searching_works_without_javascript(server, browser):
    context = browser.new_context(java_script_enabled=False, **BROWSER)
    try:
        page = context.new_page()
        page.goto(server.url + "/sentra/tenun-tapis-bandar-lampung")
        scoped = page.get_by_role("searchbox", name=t(server, page, "Search in this sentra"))
        scoped.fill("benang emas")
        scoped.press("Enter")
        expect(page).to_have_url(re.compile(r"/search\?q=benang\+emas&sentra=tenun-tapis-bandar-lampung$"))
        expect(page.locator("li.search-hit").first).to_be_visible()
        expect(page.get_by_role("listbox")).to_have_count(0)
    finally:
        context.close()
