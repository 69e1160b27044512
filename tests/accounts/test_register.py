"""Registration: business owners and buyers, the password policy and unique emails."""

from sqlalchemy import func, select

from marketplace.accounts.models import User
from tests.accounts.conftest import STRONG_PASSWORD, register_data
from tests.conftest import csrf_from, make_user, post_form


def _users(db):
    return db.session.scalar(select(func.count()).select_from(User))


def test_business_owner_registers_and_continues_to_business_form(client, db):
    response = post_form(client, "/register", register_data(email="  Siti@Tapis.ID "))
    assert response.status_code == 302
    assert response.headers["Location"] == "/ikm/new"
    user = db.session.scalar(select(User))
    assert user.email == "siti@tapis.id"
    assert user.kind == "business"
    assert user.is_business_owner
    assert user.password_hash != STRONG_PASSWORD
    assert user.company_name is None and user.buyer_type is None
    # Logged in straight away.
    assert client.get("/account").status_code == 200


def test_buyer_registers_with_company_details_and_goes_home(client, db):
    response = post_form(client, "/register", register_data(
        kind="buyer", email="buyer@ekspor.co.jp", display_name="Kenji Sato",
        company_name="Sato Trading", country="JP", buyer_type="export",
    ))
    assert response.status_code == 302
    assert response.headers["Location"] == "/"
    user = db.session.scalar(select(User))
    assert (user.kind, user.company_name, user.country, user.buyer_type) == (
        "buyer", "Sato Trading", "JP", "export")
    page = client.get("/account").get_data(as_text=True)
    assert "Sato Trading" in page


def test_buyer_fields_are_required_for_buyers(client, db):
    response = post_form(client, "/register", register_data(
        kind="buyer", display_name="Kenji Sato", company_name="   ", buyer_type="",
    ))
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert _users(db) == 0
    assert "Please enter your company or organisation." in html
    assert "Please choose what kind of buyer you are." in html
    assert 'value="Kenji Sato"' in html
    # The buyer choice stays selected.
    assert '<input checked id="kind-1" name="kind"' in html


def test_buyer_type_must_be_one_of_the_list(client, db):
    response = post_form(client, "/register", register_data(
        kind="buyer", company_name="PT Maju", country="XX", buyer_type="pirate",
    ))
    html = response.get_data(as_text=True)
    assert _users(db) == 0
    assert "Please choose a country from the list." in html
    assert "Please choose a buyer type from the list." in html


def test_register_page_offers_both_kinds_and_lists_indonesia_first(client):
    html = client.get("/register").get_data(as_text=True)
    assert 'type="radio" value="business"' in html
    assert 'type="radio" value="buyer"' in html
    country_select = html[html.index('name="country"'):]
    first_option = country_select[country_select.index("<option"):].split("</option>")[0]
    assert 'value="ID"' in first_option
    for buyer_type in ("retail", "export", "industry", "government"):
        assert f'value="{buyer_type}"' in html


def test_duplicate_email_in_another_case_is_refused(client, db):
    make_user("siti@tapis.id")
    response = post_form(client, "/register", register_data(email="SITI@Tapis.id"))
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "An account with this email address already exists." in html
    assert _users(db) == 1


def test_short_password_is_refused_and_typed_values_kept(client, db):
    response = post_form(client, "/register", register_data(
        password="pendek", password_confirm="pendek",
    ))
    html = response.get_data(as_text=True)
    assert _users(db) == 0
    assert "Use at least 12 characters." in html
    assert 'id="password-error"' in html
    assert 'value="Siti Aminah"' in html
    assert 'value="siti@tapis.id"' in html


def test_common_password_is_refused(client, db):
    response = post_form(client, "/register", register_data(
        password="password1234", password_confirm="password1234",
    ))
    html = response.get_data(as_text=True)
    assert _users(db) == 0
    assert "This password is too common or too easy to guess." in html
    assert 'value="Siti Aminah"' in html


def test_password_made_of_own_email_is_refused(client, db):
    pw = "siti@tapis.id"
    response = post_form(client, "/register", register_data(password=pw, password_confirm=pw))
    assert "too common or too easy to guess" in response.get_data(as_text=True)
    assert _users(db) == 0


def test_password_mismatch_is_refused(client, db):
    response = post_form(client, "/register", register_data(password_confirm=STRONG_PASSWORD + "x"))
    html = response.get_data(as_text=True)
    assert "The two passwords do not match." in html
    assert 'id="password_confirm-error"' in html
    assert _users(db) == 0


def test_register_without_csrf_token_is_refused(client, db):
    client.get("/register")
    response = client.post("/register", data=register_data())
    assert response.status_code == 400
    assert _users(db) == 0


def test_new_account_takes_the_current_interface_language(client, db):
    page = client.get("/register").get_data(as_text=True)
    client.post("/language", data={"lang": "en", "next": "/register", "csrf_token": csrf_from(page)})
    post_form(client, "/register", register_data(kind="buyer", company_name="Maju", buyer_type="retail"))
    assert db.session.scalar(select(User.locale)) == "en"


def test_new_account_defaults_to_indonesian(client, db):
    client.environ_base.pop("HTTP_ACCEPT_LANGUAGE")  # a browser that names no language
    post_form(client, "/register", register_data(kind="buyer", company_name="Maju", buyer_type="retail"))
    assert db.session.scalar(select(User.locale)) == "id"


def test_logged_in_user_is_sent_from_register_to_account(client, auth):
    make_user("siti@tapis.id")
    auth.login("siti@tapis.id")
    response = client.get("/register")
    assert response.status_code == 302
    assert response.headers["Location"] == "/account"


def test_too_many_registrations_from_one_address_get_the_429_page(app, db):
    app.config["RATELIMIT_REGISTER"] = "2 per minute"
    responses = [post_form(app.test_client(), "/register", register_data(email=f"p{i}@tapis.id"))
                 for i in range(3)]
    assert [r.status_code for r in responses] == [302, 302, 429]
    assert "Too many attempts" in responses[-1].get_data(as_text=True)
    assert _users(db) == 2
