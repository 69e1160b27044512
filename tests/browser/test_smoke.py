"""Smoke journey in a real Chromium: the home page loads and the language switch works."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def _switch_language(page, server):
    html = page.locator("html")
    page.goto(server.url + "/")
    expect(html).to_have_attribute("lang", "id")
    expect(page.get_by_role("button", name="ID", exact=True)).to_have_attribute("aria-current", "true")

    page.get_by_role("button", name="EN", exact=True).click()
    expect(html).to_have_attribute("lang", "en")
    expect(page).to_have_url(server.url + "/")
    expect(page.get_by_role("button", name="EN", exact=True)).to_have_attribute("aria-current", "true")

    # The choice sticks for the session, and the switch returns to the very same address.
    page.goto(server.url + "/?from=smoke")
    expect(html).to_have_attribute("lang", "en")
    page.get_by_role("button", name="ID", exact=True).click()
    expect(html).to_have_attribute("lang", "id")
    expect(page).to_have_url(server.url + "/?from=smoke")


def test_visitor_switches_the_language_to_english_and_back(live_server, page, console_errors):
    _switch_language(page, live_server)
    assert console_errors == []


def test_language_switch_works_without_javascript(live_server, browser):
    context = browser.new_context(java_script_enabled=False, locale="id-ID")
    try:
        _switch_language(context.new_page(), live_server)
    finally:
        context.close()


def test_home_page_fits_a_phone_screen(live_server, browser):
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="id-ID",
                                  is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        page.goto(live_server.url + "/")
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        for image in page.locator("img").all():
            assert image.get_attribute("alt") is not None
    finally:
        context.close()


def test_demo_site_features_its_sentra_on_the_home_page(seeded_server, page, console_errors):
    page.goto(seeded_server.url + "/")
    featured = page.locator("article.card h3 a")
    expect(featured.first).to_be_visible()
    featured.first.click()
    expect(page).to_have_url(re.compile(r"/sentra/[a-z0-9-]+$"))
    assert console_errors == []
