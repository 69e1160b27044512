"""End-to-end journeys through the real UI of the demo site, as its people would take them.

Labels and buttons are found by role and by their visible text. That text is looked up in the
site's own catalogue for the language the page is in (`t`, in helpers.py), so the journeys that run
in Indonesian keep working while the Indonesian catalogue is being filled in: an untranslated
message shows its English text on the Indonesian page, exactly as a visitor would see it.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import log_in, png, switch_to, t, watch

pytestmark = pytest.mark.browser

TAPIS = "tenun-tapis-bandar-lampung"
TAPIS_NAME = "Sentra IKM Tenun Tapis Bandar Lampung"


# ---- helpers -----------------------------------------------------------------------------


def _member_card(page, name):
    return page.locator("#members").get_by_role("link", name=name, exact=True)


def _confirm_link(server, email):
    """The confirmation link of the newest mail the live server wrote to `email` (file backend)."""
    folder = server.data_dir / "mail"
    mails = [path for path in folder.iterdir() if path.is_file()]
    for path in sorted(mails, key=lambda path: path.stat().st_mtime, reverse=True):
        text = path.read_text(encoding="utf-8")
        match = re.search(r"https?://\S+/confirm/[A-Za-z0-9_.\-]+", text)
        if f"To: {email}\n" in text and match:
            return match.group(0)
    raise AssertionError(f"no confirmation mail to {email} in {folder}")


# ---- journeys ----------------------------------------------------------------------------


def test_new_artisan_registers_a_business_and_appears_on_the_sentra_page(
        seeded_server, page, browser, console_errors, tmp_path):
    server = seeded_server
    name, email = "Ibu Ratna Kesuma", "ratna.kesuma@example.com"
    password = "kain tapis benang emas kemiling"
    business = "Anjungan Tapis Rajabasa"  # sorts first, so it is on the first page of members

    # Registration, in the site's default language: Indonesian.
    page.goto(server.url + "/")
    expect(page.locator("html")).to_have_attribute("lang", "id")
    page.get_by_role("navigation").get_by_role("link", name=t(server, "id", "Register"), exact=True).click()
    expect(page).to_have_url(server.url + "/register")
    expect(page.get_by_role("heading", level=1)).to_have_text(t(server, "id", "Create an account"))
    page.get_by_label(t(server, "id", "I run a business (IKM) and want to show my products")).check()
    page.get_by_label(t(server, "id", "Your name"), exact=True).fill(name)
    page.get_by_label(t(server, "id", "Email address"), exact=True).fill(email)
    page.get_by_label(t(server, "id", "Password"), exact=True).fill(password)
    page.get_by_label(t(server, "id", "Repeat the password"), exact=True).fill(password)
    page.get_by_role("button", name=t(server, "id", "Create my account")).click()

    # Not logged in yet: the address is confirmed with the link in the mail first.
    expect(page.get_by_role("heading", level=1)).to_have_text(t(server, "id", "Check your email"))
    expect(page.get_by_text(t(server, "id", "We sent a message to %(email)s. Open the link in it to "
                                             "finish creating your account.", email=email))).to_be_visible()
    expect(page.get_by_role("button", name=t(server, "id", "Log out"), exact=True)).to_have_count(0)
    page.goto(_confirm_link(server, email))
    expect(page.get_by_role("heading", level=1)).to_have_text(t(server, "id", "Confirm your email address"))
    page.get_by_role("button", name=t(server, "id", "Confirm and log in")).click()

    # On to the business form; the sentra list follows the chosen province.
    expect(page).to_have_url(server.url + "/ikm/new")
    expect(page.locator("html")).to_have_attribute("lang", "id")
    expect(page.get_by_role("heading", level=1)).to_have_text(t(server, "id", "Publish your business"))
    page.get_by_label(t(server, "id", "Business name"), exact=True).fill(business)
    page.get_by_label(t(server, "id", "Province of your sentra"), exact=True).select_option(label="Lampung")
    page.get_by_role("button", name=t(server, "id", "Show the sentra of this province")).click()
    sentra_select = page.get_by_label(t(server, "id", "Sentra"), exact=True)
    tapis_option = sentra_select.get_by_role("option", name=re.compile(r"^Sentra IKM Tenun Tapis"))
    expect(tapis_option).to_have_count(1)
    sentra_select.select_option(label=tapis_option.text_content())
    expect(page.get_by_label(t(server, "id", "Business name"), exact=True)).to_have_value(business)
    page.get_by_label(t(server, "id", "About the business"), exact=True).fill(
        "Tapis sulam benang emas untuk busana pengantin.")
    page.get_by_label(t(server, "id", "Production capacity per month"), exact=True).fill("25")
    page.get_by_label(t(server, "id", "Capacity unit"), exact=True).select_option(
        label=t(server, "id", "sheets / cloths (lembar)"))
    page.get_by_label(t(server, "id", "Techniques"), exact=True).fill("Sulam benang emas, Tenun kain dasar")
    page.get_by_label(t(server, "id", "HAKI / registered trademark")).check()
    page.get_by_role("button", name=t(server, "id", "Publish the profile")).click()

    # The profile is published; the sentra still has to approve the membership.
    expect(page).to_have_url(re.compile(r"/ikm/[a-z0-9-]+$"))
    profile_url = page.url
    expect(page.get_by_role("heading", level=1)).to_have_text(business)
    expect(page.get_by_role("status")).to_contain_text(
        t(server, "id", "You asked to join %(sentra)s. Your business shows as a member once the "
                         "sentra's board approves you.", sentra=TAPIS_NAME))
    waiting = t(server, "id", "Waiting for the sentra's approval")
    expect(page.get_by_text(waiting, exact=True)).to_be_visible()
    expect(page.get_by_text("Sulam benang emas", exact=True)).to_be_visible()

    # Log out, log in again, edit the profile: new description and a logo.
    page.get_by_role("button", name=t(server, "id", "Log out"), exact=True).click()
    expect(page.get_by_role("navigation").get_by_role("link", name=t(server, "id", "Log in"), exact=True)
           ).to_be_visible()
    log_in(server, page, email, password)
    page.goto(profile_url)
    page.get_by_role("link", name=t(server, "id", "Edit profile")).click()
    expect(page).to_have_url(profile_url + "/edit")
    description = page.get_by_label(t(server, "id", "About the business"), exact=True)
    expect(description).to_have_value("Tapis sulam benang emas untuk busana pengantin.")
    description.fill("Tapis sulam benang emas dan perak untuk busana pengantin dan kolektor.")
    page.get_by_label(t(server, "id", "Logo"), exact=True).set_input_files(png(tmp_path / "logo.png"))
    page.get_by_role("button", name=t(server, "id", "Save changes")).click()
    expect(page).to_have_url(profile_url)
    expect(page.get_by_text("Tapis sulam benang emas dan perak untuk busana pengantin dan kolektor.")
           ).to_be_visible()
    logo = page.get_by_role("img", name=t(server, "id", "Logo of %(name)s", name=business))
    expect(logo).to_be_visible()
    assert page.evaluate("img => img.complete && img.naturalWidth > 0", logo.element_handle())
    assert console_errors == []

    # The pengelola approves the request, in a browser of their own.
    manager_context = browser.new_context(locale="id-ID", timezone_id="Asia/Jakarta")
    try:
        manager = manager_context.new_page()
        manager_errors = watch(manager)
        log_in(server, manager, "pengelola@example.com")
        manager.goto(server.url + "/sentra")
        manager.get_by_role("link", name=TAPIS_NAME, exact=True).first.click()
        expect(manager).to_have_url(f"{server.url}/sentra/{TAPIS}")
        expect(_member_card(manager, business)).to_have_count(0)
        manager.get_by_role("link", name=t(server, manager, "Manage members")).click()
        expect(manager).to_have_url(f"{server.url}/sentra/{TAPIS}/members")
        request_row = manager.get_by_role("row").filter(has_text=email)
        expect(request_row).to_contain_text(name)
        approve = f"{t(server, manager, 'Approve')} {name}"
        request_row.get_by_role("button", name=approve).click()
        expect(manager.get_by_role("status")).to_contain_text(
            t(server, manager, "%(name)s is now a member of the sentra.", name=name))
        expect(manager.get_by_role("button", name=approve)).to_have_count(0)
        assert manager_errors == []
    finally:
        manager_context.close()

    # Any visitor now finds the business on the sentra's branding page.
    visitor_context = browser.new_context(locale="id-ID", timezone_id="Asia/Jakarta")
    try:
        visitor = visitor_context.new_page()
        visitor_errors = watch(visitor)
        visitor.goto(f"{server.url}/sentra/{TAPIS}")
        card = _member_card(visitor, business)
        expect(card).to_be_visible()
        expect(visitor.locator("#members").get_by_role(
            "img", name=t(server, visitor, "Logo of %(name)s", name=business))).to_be_visible()
        card.click()
        expect(visitor).to_have_url(profile_url)
        expect(visitor.get_by_role("link", name=TAPIS_NAME, exact=True)).to_be_visible()
        expect(visitor.get_by_role("link", name=t(server, visitor, "Edit profile"))).to_have_count(0)
        assert visitor_errors == []
    finally:
        visitor_context.close()


def test_registration_errors_keep_what_was_typed(seeded_server, page, console_errors):
    server = seeded_server
    page.goto(server.url + "/register")
    switch_to(page, "en")
    expect(page).to_have_url(server.url + "/register")

    page.get_by_label("Your name", exact=True).fill("Pak Budi Santoso")
    page.get_by_label("Email address", exact=True).fill("budi.santoso@example.com")
    page.get_by_label("Password", exact=True).fill("tapis")
    page.get_by_label("Repeat the password", exact=True).fill("tapis")
    page.get_by_role("button", name="Create my account").click()

    expect(page.get_by_role("alert")).to_contain_text("Please correct the highlighted fields below.")
    password = page.get_by_label("Password", exact=True)
    expect(password).to_have_attribute("aria-invalid", "true")
    expect(password).to_have_accessible_description(re.compile(r"Use at least 12 characters\."))
    expect(password).to_have_value("")  # a password is never sent back to the browser
    expect(page.get_by_label("Your name", exact=True)).to_have_value("Pak Budi Santoso")
    expect(page.get_by_label("Email address", exact=True)).to_have_value("budi.santoso@example.com")
    expect(page.get_by_label("Email address", exact=True)).not_to_have_attribute("aria-invalid", "true")
    assert console_errors == []


def test_pengelola_edits_the_sentra_page_in_english(seeded_server, page, browser, console_errors):
    server = seeded_server
    tagline = "Golden-thread tapis, woven and embroidered in Kemiling"

    log_in(server, page, "pengelola@example.com")
    page.goto(f"{server.url}/sentra/{TAPIS}")
    switch_to(page, "en")
    expect(page).to_have_url(f"{server.url}/sentra/{TAPIS}")
    page.get_by_role("link", name="Edit this page").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Edit the sentra page")
    field = page.get_by_label("Tagline", exact=True)
    expect(field).to_have_value(re.compile("Kemiling"))
    field.fill(tagline)
    page.get_by_role("button", name="Save the sentra page").click()

    expect(page).to_have_url(f"{server.url}/sentra/{TAPIS}")
    expect(page.get_by_role("status")).to_contain_text("The sentra page was saved.")
    expect(page.get_by_role("heading", level=1)).to_have_text(TAPIS_NAME)
    expect(page.get_by_text(tagline, exact=True)).to_be_visible()
    assert console_errors == []

    # Another member, in a browser without JavaScript: the forms still work, the editor is closed.
    context = browser.new_context(java_script_enabled=False, locale="en-GB")
    try:
        artisan = context.new_page()
        log_in(server, artisan, "perajin@example.com")
        response = artisan.goto(f"{server.url}/sentra/{TAPIS}/edit")
        assert response.status == 403
        expect(artisan.get_by_role("heading", level=1)).to_have_text(t(server, artisan, "Not allowed"))
        expect(artisan.get_by_label(t(server, artisan, "Tagline"), exact=True)).to_have_count(0)

        artisan.goto(f"{server.url}/sentra/{TAPIS}")
        expect(artisan.get_by_text(tagline, exact=True)).to_be_visible()
        expect(artisan.get_by_role("link", name=t(server, artisan, "Edit this page"))).to_have_count(0)
    finally:
        context.close()
