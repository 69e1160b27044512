"""Smoke checks in a real Chromium: the home page and language switch, and the marketplace and forum
pages rendering at phone width without console errors."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import log_in, watch

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


# ---- the marketplace and forum pages at phone width ------------------------------------------

PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True,
         "locale": "id-ID", "timezone_id": "Asia/Jakarta"}
PUBLIC_PAGES = ["/products", "/export", "/ovop", "/supply-chain", "product", "/requests", "/forum",
                "/forum/pewarnaan", "topic"]
MEMBER_PAGES = [("perajin@example.com", "/inbox"), ("perajin@example.com", "/notifications"),
                ("perajin@example.com", "/dashboard"), ("ekspor@example.com", "/inbox"),
                ("ekspor@example.com", "/dashboard")]


def _demo_path(server, name):
    """A page of the demo data: the first published product, the first topic of a public board."""
    from sqlalchemy import select

    from marketplace.catalog.models import STATUS_PUBLISHED, Product
    from marketplace.extensions import db
    from marketplace.forum.models import VISIBILITY_PUBLIC, Board, Topic

    with server.app.app_context():
        if name == "product":
            product_id = db.session.scalar(
                select(Product.id).where(Product.status == STATUS_PUBLISHED).order_by(Product.id).limit(1))
            return f"/products/{product_id}"
        if name == "topic":
            topic_id = db.session.scalar(
                select(Topic.id).join(Board, Board.id == Topic.board_id)
                .where(Board.visibility == VISIBILITY_PUBLIC, Topic.hidden_at.is_(None),
                       Topic.deleted_at.is_(None)).order_by(Topic.id).limit(1))
            return f"/forum/t/{topic_id}"
    return name


def _check_phone_page(server, page, path):
    errors = watch(page)
    response = page.goto(server.url + path)
    assert response.ok, f"{path} answered {response.status}"
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    page.wait_for_load_state("load")
    wide = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert wide <= 0, f"{path} is {wide}px wider than a phone screen"
    for image in page.locator("img").all():
        assert image.get_attribute("alt") is not None, f"an image of {path} has no alt text"
    assert errors == [], f"console errors on {path}: {errors}"


@pytest.mark.parametrize("page_name", PUBLIC_PAGES)
def test_marketplace_and_forum_pages_fit_a_phone(seeded_server, browser, page_name):
    context = browser.new_context(**PHONE)
    try:
        _check_phone_page(seeded_server, context.new_page(), _demo_path(seeded_server, page_name))
    finally:
        context.close()


@pytest.mark.parametrize(("email", "path"), MEMBER_PAGES)
def test_member_pages_fit_a_phone(seeded_server, browser, email, path):
    context = browser.new_context(**PHONE)
    try:
        page = context.new_page()
        log_in(seeded_server, page, email)
        _check_phone_page(seeded_server, page, path)
    finally:
        context.close()
