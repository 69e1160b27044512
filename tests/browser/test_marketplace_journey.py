"""The marketplace in a real Chromium: an artisan publishes an export product, an export buyer
finds it with the catalogue's filters and sends an inquiry, the artisan replies, the buyer reads it.

Each person has a browser context of their own. The artisan's pages are in Indonesian (the site's
default); the export buyer's account is set to English. Labels are looked up in the site's own
catalogue for the page's language (`t`), see tests/browser/helpers.py.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import BROWSER, header_count, header_link, log_in, png, t, tn, watch

pytestmark = pytest.mark.browser

ARTISAN, BUYER = "perajin@example.com", "ekspor@example.com"
BUSINESS, BUSINESS_SLUG = "Tapis Siger Kemiling", "tapis-siger-kemiling"
BUYER_NAME = "Linnea Berg"
TITLE = "Selendang Tapis Siger Benang Emas 200 x 60 cm"
TITLE_EN = "Siger tapis shawl with gold thread, 200 x 60 cm"
# The picture's text: the title it had when uploaded (stored with the picture), or the shown title.
PICTURE = re.compile(rf"^({re.escape(TITLE)}|{re.escape(TITLE_EN)})$")


def _field(server, page, label, within=None):
    return (within or page).get_by_label(t(server, page, label), exact=True)


def _choose(select, label):
    """Choose the option of a <select> whose text starts with `label` (facets add a count)."""
    option = select.get_by_role("option", name=re.compile(rf"^{re.escape(label)}(\s\(\d[\d.,]*\))?$"))
    expect(option).to_have_count(1)
    select.select_option(label=option.text_content().strip())


def _open_product_list(server, page):
    """From the account page, the business's products (the link beside the business's name)."""
    header_link(server, page, "My account").click()
    expect(page).to_have_url(server.url + "/account")
    business_row = page.get_by_role("listitem").filter(
        has=page.get_by_role("link", name=BUSINESS, exact=True))
    business_row.get_by_role("link", name=t(server, page, "Products"), exact=True).click()
    expect(page).to_have_url(f"{server.url}/ikm/{BUSINESS_SLUG}/products")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        t(server, page, "Products of %(name)s", name=BUSINESS))


def _fill_export_product(server, page, hs_code):
    _field(server, page, "Title").fill(TITLE)
    _choose(_field(server, page, "Category"), t(server, page, "Tapis"))
    _field(server, page, "Description").fill(
        "Selendang tapis tenun tangan dengan sulaman **benang emas** motif siger.\n\n"
        "- kain dasar katun\n- sulam cucuk\n")
    _field(server, page, "Materials").fill("katun, benang emas")
    _field(server, page, "Size").fill("200 x 60 cm")
    _field(server, page, "Price in rupiah").fill("Rp 2.750.000")
    _field(server, page, "Unit").select_option(label=t(server, page, "sheets / cloths (lembar)"))
    _field(server, page, "Minimum order quantity").fill("10")
    _field(server, page, "Capacity per month").fill("20")
    _field(server, page, "Lead time in days").fill("30")
    _field(server, page, "Availability").select_option(label=t(server, page, "Made to order"))
    page.get_by_role("group", name=t(server, page, "Offer it to")).get_by_label(
        t(server, page, "Export"), exact=True).check()
    _field(server, page, "Export price in USD").fill("185.00")
    _field(server, page, "Incoterm").select_option(label=t(server, page, "FOB (free on board)"))
    _field(server, page, "Port").fill("Panjang, Bandar Lampung")
    _field(server, page, "HS code").fill(hs_code)
    _field(server, page, "English title").fill(TITLE_EN)
    _field(server, page, "English description").fill("Hand-woven tapis shawl embroidered with gold thread.")


def test_export_product_inquiry_and_reply(seeded_server, page, browser, console_errors, tmp_path):
    server = seeded_server

    # ---- the artisan adds the product, a picture, and publishes it ----
    log_in(server, page, ARTISAN)
    expect(page.locator("html")).to_have_attribute("lang", "id")
    unread_before = header_count(server, page, "Inbox")
    _open_product_list(server, page)
    page.get_by_role("link", name=t(server, page, "Add a product"), exact=True).click()
    expect(page).to_have_url(f"{server.url}/ikm/{BUSINESS_SLUG}/products/new")
    expect(page.get_by_role("heading", level=1)).to_have_text(t(server, page, "Add a product"))
    _fill_export_product(server, page, "6304.91")
    page.get_by_role("button", name=t(server, page, "Save as draft"), exact=True).click()

    expect(page).to_have_url(re.compile(r"/products/\d+/images$"))
    product_id = int(re.search(r"/products/(\d+)/images$", page.url).group(1))
    expect(page.get_by_role("status")).to_contain_text(
        t(server, page, "The product is saved as a draft. Add pictures, then publish it."))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        t(server, page, "Pictures of %(title)s", title=TITLE))
    upload = page.get_by_role("region", name=t(server, page, "Add pictures"), exact=True)
    _field(server, page, "Add pictures", within=upload).set_input_files(png(tmp_path / "selendang.png"))
    upload.get_by_role("button", name=t(server, page, "Upload"), exact=True).click()
    expect(page.get_by_role("status")).to_contain_text(
        tn(server, page, "%(num)d picture added.", "%(num)d pictures added.", 1))
    picture = page.get_by_role("img", name=t(server, page, "Picture %(n)d of %(title)s", n=1, title=TITLE))
    expect(picture).to_be_visible()
    assert page.evaluate("img => img.complete && img.naturalWidth > 0", picture.element_handle())

    page.get_by_role("link", name=t(server, page, "Done"), exact=True).click()
    expect(page).to_have_url(f"{server.url}/ikm/{BUSINESS_SLUG}/products")
    row = page.get_by_role("row").filter(has=page.get_by_role("link", name=TITLE, exact=True))
    expect(row).to_contain_text(t(server, page, "Draft"))
    publish = re.compile(rf"^{re.escape(t(server, page, 'Publish'))}\s*:\s*{re.escape(TITLE)}$")
    row.get_by_role("button", name=publish).click()
    expect(page.get_by_role("status")).to_contain_text(t(server, page, "The product is published."))
    expect(row).to_contain_text(t(server, page, "Published"))
    assert console_errors == []

    # ---- the export buyer filters the catalogue, finds the product and asks about it ----
    buyer_context = browser.new_context(**BROWSER)
    try:
        buyer = buyer_context.new_page()
        buyer_errors = watch(buyer)
        log_in(server, buyer, BUYER)
        expect(buyer.locator("html")).to_have_attribute("lang", "en")  # the buyer's own setting
        header_link(server, buyer, "Products").click()
        expect(buyer).to_have_url(server.url + "/products")
        filters = buyer.get_by_role("search")
        _choose(_field(server, buyer, "Channel", within=filters), t(server, buyer, "Export"))
        _choose(_field(server, buyer, "Category", within=filters), t(server, buyer, "Tapis"))
        _choose(_field(server, buyer, "Province", within=filters), "Lampung")
        filters.get_by_role("button", name=t(server, buyer, "Show products"), exact=True).click()
        expect(buyer).to_have_url(re.compile(r"/products\?"))
        for query in ("channel=export", "category=tapis", "province=lampung"):
            assert query in buyer.url
        active = buyer.get_by_role("list", name=t(server, buyer, "Active filters"))
        expect(active).to_contain_text(t(server, buyer, "Channel: %(name)s", name=t(server, buyer, "Export")))
        expect(active).to_contain_text(t(server, buyer, "Province: %(name)s", name="Lampung"))
        card = buyer.locator("article").filter(has=buyer.get_by_role("link", name=TITLE_EN, exact=True))
        expect(card).to_have_count(1)
        expect(card.get_by_role("img", name=PICTURE)).to_be_visible()
        expect(card).to_contain_text(BUSINESS)

        # The same product on the export page, with its export terms on the card.
        buyer.get_by_role("link", name=t(server, buyer, "For export buyers"), exact=True).click()
        expect(buyer).to_have_url(server.url + "/export")
        export_filters = buyer.get_by_role("search")
        _choose(_field(server, buyer, "Category", within=export_filters), t(server, buyer, "Tapis"))
        export_filters.get_by_role("button", name=t(server, buyer, "Show products"), exact=True).click()
        card = buyer.locator("article").filter(has=buyer.get_by_role("link", name=TITLE_EN, exact=True))
        expect(card).to_contain_text("6304.91")
        expect(card).to_contain_text("FOB")
        card.get_by_role("link", name=TITLE_EN, exact=True).click()

        expect(buyer).to_have_url(re.compile(rf"/products/{product_id}-[a-z0-9-]+$"))
        expect(buyer.get_by_role("heading", level=1)).to_have_text(TITLE_EN)
        expect(buyer.get_by_role("img", name=PICTURE)).to_be_visible()
        buyer.get_by_role("link", name=t(server, buyer, "Send an inquiry"), exact=True).click()
        expect(buyer).to_have_url(f"{server.url}/products/{product_id}/inquire")
        message = "Hello, could you make 50 shawls in indigo and gold? We need them before Christmas."
        _field(server, buyer, "Your message").fill(message)
        _field(server, buyer, "Quantity").fill("50")
        _field(server, buyer, "Target price per unit").fill("160")
        expect(_field(server, buyer, "Currency")).to_have_value("USD")  # a buyer abroad
        expect(_field(server, buyer, "Incoterm")).to_have_value("FOB")  # the product's terms
        expect(_field(server, buyer, "Destination country")).to_have_value("SE")
        buyer.get_by_role("button", name=t(server, buyer, "Send the inquiry"), exact=True).click()

        expect(buyer).to_have_url(re.compile(r"/inbox/\d+$"))
        conversation_url = buyer.url
        expect(buyer.get_by_role("status")).to_contain_text(t(
            server, buyer,
            "Your inquiry was sent to %(name)s. Their answer will show here and in your email.",
            name=BUSINESS))
        expect(buyer.get_by_text(message, exact=True)).to_be_visible()
        header_link(server, buyer, "Inbox").click()
        expect(buyer).to_have_url(server.url + "/inbox")
        inquiry = buyer.get_by_role("link", name=re.compile(re.escape(TITLE)))
        expect(inquiry).to_have_count(1)
        expect(inquiry).to_contain_text(t(server, buyer, "To %(name)s", name=BUSINESS))

        # ---- the artisan sees an unread message, opens it and replies ----
        page.reload()
        expect(header_link(server, page, "Inbox")).to_have_accessible_name(re.compile(re.escape(tn(
            server, page, "%(num)d unread message", "%(num)d unread messages", unread_before + 1))))
        header_link(server, page, "Inbox").click()
        expect(page).to_have_url(server.url + "/inbox")
        received = page.get_by_role("link", name=re.compile(re.escape(TITLE)))
        expect(received).to_contain_text(tn(server, page, "%(num)d new", "%(num)d new", 1))
        expect(received).to_contain_text(t(server, page, "From %(name)s", name=BUYER_NAME))
        received.click()
        expect(page).to_have_url(conversation_url)
        expect(page.get_by_text(message, exact=True)).to_be_visible()
        assert header_count(server, page, "Inbox") == unread_before  # opening it marked it read
        answer = "Terima kasih. Bisa, 50 lembar dalam 75 hari. Contoh warna kami kirim minggu ini."
        _field(server, page, "Your reply").fill(answer)
        page.get_by_role("button", name=t(server, page, "Send"), exact=True).click()
        expect(page.get_by_role("status")).to_contain_text(t(server, page, "Your message was sent."))
        expect(page.get_by_text(answer, exact=True)).to_be_visible()
        assert console_errors == []

        # ---- the buyer reads the answer ----
        buyer.reload()
        inquiry = buyer.get_by_role("link", name=re.compile(re.escape(TITLE)))
        expect(inquiry).to_contain_text(tn(server, buyer, "%(num)d new", "%(num)d new", 1))
        inquiry.click()
        expect(buyer).to_have_url(conversation_url)
        reply = buyer.locator("li").filter(has_text=answer)
        expect(reply).to_contain_text(BUSINESS)
        expect(buyer.get_by_text(message, exact=True)).to_be_visible()
        assert buyer_errors == []
    finally:
        buyer_context.close()


def test_export_without_hs_code_is_refused_beside_the_field(seeded_server, page, console_errors):
    server = seeded_server
    log_in(server, page, ARTISAN)
    page.goto(f"{server.url}/ikm/{BUSINESS_SLUG}/products/new")
    _fill_export_product(server, page, "")
    page.get_by_role("button", name=t(server, page, "Save and publish"), exact=True).click()

    expect(page.get_by_role("alert")).to_contain_text(
        t(server, page, "Please correct the highlighted fields below."))
    hs_code = _field(server, page, "HS code")
    expect(hs_code).to_have_attribute("aria-invalid", "true")
    expect(hs_code).to_have_accessible_description(re.compile(re.escape(
        t(server, page, "Export products need an HS code (ask your dinas or UPT if unsure)."))))
    # What was typed is still there.
    expect(_field(server, page, "Title")).to_have_value(TITLE)
    expect(_field(server, page, "Export price in USD")).to_have_value("185.00")
    expect(_field(server, page, "Minimum order quantity")).to_have_value("10")
    expect(_field(server, page, "Port")).to_have_value("Panjang, Bandar Lampung")
    expect(_field(server, page, "Description")).to_have_value(re.compile(r"\*\*benang emas\*\*"))
    expect(page.get_by_role("group", name=t(server, page, "Offer it to")).get_by_label(
        t(server, page, "Export"), exact=True)).to_be_checked()
    expect(_field(server, page, "Title")).not_to_have_attribute("aria-invalid", "true")
    # The refused form comes back with status 422, which Chromium reports on the console; nothing else.
    assert [error for error in console_errors if "status of 422" not in error] == []
