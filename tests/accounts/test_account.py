"""Account settings: name, language, buyer details, businesses and memberships."""

from tests.conftest import make_business, make_membership, make_sentra, make_user, post_form


def test_account_needs_login(client):
    response = client.get("/account")
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


def test_changing_the_language_changes_the_pages(client, auth, db):
    user = make_user("siti@tapis.id", locale="id")
    auth.login("siti@tapis.id")
    assert '<html lang="id">' in client.get("/account").get_data(as_text=True)
    response = post_form(client, "/account", {"display_name": "Siti A.", "locale": "en"},
                         follow_redirects=True)
    html = response.get_data(as_text=True)
    assert '<html lang="en">' in html
    assert "Your settings are saved." in html
    assert '<html lang="en">' in client.get("/").get_data(as_text=True)
    db.session.refresh(user)
    assert (user.display_name, user.locale) == ("Siti A.", "en")


def test_unknown_language_is_refused(client, auth, db):
    user = make_user("siti@tapis.id", locale="id")
    auth.login("siti@tapis.id")
    response = post_form(client, "/account", {"display_name": "Siti", "locale": "xx"})
    assert response.status_code == 200
    assert 'id="locale-error"' in response.get_data(as_text=True)
    db.session.refresh(user)
    assert user.locale == "id"


def test_settings_change_needs_a_csrf_token(client, auth, db):
    user = make_user("siti@tapis.id", display_name="Siti")
    auth.login("siti@tapis.id")
    assert client.post("/account", data={"display_name": "Hacked", "locale": "en"}).status_code == 400
    db.session.refresh(user)
    assert user.display_name == "Siti"


def test_buyer_edits_company_details(client, auth, db):
    user = make_user("buyer@ekspor.jp", kind="buyer", company_name="Sato", country="JP",
                     buyer_type="export")
    auth.login("buyer@ekspor.jp")
    html = client.get("/account").get_data(as_text=True)
    assert 'value="Sato"' in html
    response = post_form(client, "/account", {"display_name": "Kenji", "locale": "en",
                                              "company_name": "", "country": "JP",
                                              "buyer_type": "industry"})
    assert "Please enter your company or organisation." in response.get_data(as_text=True)
    post_form(client, "/account", {"display_name": "Kenji", "locale": "en", "company_name": "Sato KK",
                                   "country": "SG", "buyer_type": "industry"})
    db.session.refresh(user)
    assert (user.company_name, user.country, user.buyer_type) == ("Sato KK", "SG", "industry")


def test_business_owner_does_not_see_buyer_fields_and_cannot_set_them(client, auth, db):
    user = make_user("siti@tapis.id")
    auth.login("siti@tapis.id")
    assert 'name="company_name"' not in client.get("/account").get_data(as_text=True)
    post_form(client, "/account", {"display_name": "Siti", "locale": "id", "company_name": "X",
                                   "buyer_type": "export"})
    db.session.refresh(user)
    assert user.company_name is None and user.buyer_type is None


def test_account_lists_own_businesses_and_memberships(client, auth):
    owner = make_user("siti@tapis.id")
    someone = make_user("budi@tapis.id")
    sentra = make_sentra("tenun-tapis-bandar-lampung", name="Sentra Tenun Tapis")
    other_sentra = make_sentra("gerabah-kasongan", name="Sentra Gerabah Kasongan")
    make_business(owner, sentra, slug="tapis-siti", name="Tapis Siti")
    make_business(someone, sentra, slug="tapis-budi", name="Tapis Budi")
    make_membership(sentra, owner, role="pengelola", status="active")
    make_membership(other_sentra, owner, role="anggota", status="pending")
    auth.login("siti@tapis.id")
    html = client.get("/account").get_data(as_text=True)
    assert 'href="/ikm/tapis-siti"' in html
    assert "Tapis Budi" not in html
    assert 'href="/sentra/tenun-tapis-bandar-lampung"' in html
    assert "Pengelola (manager)" in html
    assert 'href="/sentra/gerabah-kasongan"' in html
    assert "Waiting for approval" in html
    assert 'href="/ikm/new"' in html


def test_buyer_gets_no_link_to_create_a_business(client, auth):
    make_user("buyer@ekspor.jp", kind="buyer", company_name="Sato", country="JP", buyer_type="export")
    auth.login("buyer@ekspor.jp")
    assert 'href="/ikm/new"' not in client.get("/account").get_data(as_text=True)


def test_account_page_is_not_cached(client, auth):
    make_user("siti@tapis.id")
    auth.login("siti@tapis.id")
    assert "no-store" in client.get("/account").headers["Cache-Control"]
