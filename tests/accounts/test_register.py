"""Registration: business owners and buyers, the password policy, no enumeration of emails."""

from sqlalchemy import func, select

from marketplace.accounts.models import User
from tests.accounts.conftest import STRONG_PASSWORD, confirm_link_from, mails_to, register_data
from tests.conftest import csrf_from, make_user, post_form


def _users(db):
    return db.session.scalar(select(func.count()).select_from(User))


def test_business_owner_registers_confirms_by_mail_and_continues_to_business_form(app, client, db):
    response = post_form(client, "/register", register_data(email="  Siti@Tapis.ID "))
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "We sent a message to siti@tapis.id. Open the link in it to finish creating your account." in html
    user = db.session.scalar(select(User))
    assert user.email == "siti@tapis.id"
    assert user.kind == "business"
    assert user.is_business_owner
    assert user.password_hash != STRONG_PASSWORD
    assert user.company_name is None and user.buyer_type is None
    assert user.email_confirmed_at is None
    # Not logged in until the address is confirmed.
    assert client.get("/account").status_code == 302

    (mail,) = mails_to(app, "siti@tapis.id")
    assert "Siti Aminah" in mail and "The link works for 3 days." in mail
    link = confirm_link_from(mail)
    response = post_form(client, link, {})
    assert response.status_code == 302
    assert response.headers["Location"] == "/ikm/new"
    assert "Welcome, Siti Aminah! Now tell buyers about your business." in client.get(
        "/ikm/new").get_data(as_text=True)
    assert client.get("/account").status_code == 200
    db.session.expire_all()
    assert db.session.get(User, user.id).email_confirmed_at is not None


def test_buyer_registers_with_company_details_and_goes_home_after_confirming(app, client, db):
    response = post_form(client, "/register", register_data(
        kind="buyer", email="buyer@ekspor.co.jp", display_name="Kenji Sato",
        company_name="Sato Trading", country="JP", buyer_type="export",
    ))
    assert response.status_code == 200
    user = db.session.scalar(select(User))
    assert (user.kind, user.company_name, user.country, user.buyer_type) == (
        "buyer", "Sato Trading", "JP", "export")
    (mail,) = mails_to(app, "buyer@ekspor.co.jp")
    response = post_form(client, confirm_link_from(mail), {})
    assert response.headers["Location"] == "/"
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


def test_registering_a_taken_email_answers_exactly_like_a_new_one(app, db):
    make_user("siti@tapis.id", display_name="Siti Aminah", locale="en")
    visitors = [app.test_client(), app.test_client()]
    for number, visitor in enumerate(visitors, start=1):  # two addresses: rate limits count alike
        visitor.environ_base["REMOTE_ADDR"] = f"192.0.2.{number}"
    taken = post_form(visitors[0], "/register", register_data(
        email="SITI@Tapis.id", display_name="Mallory", password=STRONG_PASSWORD + "x",
        password_confirm=STRONG_PASSWORD + "x"))
    new = post_form(visitors[1], "/register", register_data(email="BUDI@Tapis.id"))
    # The same status, headers and page, apart from the address typed.
    assert taken.status_code == new.status_code == 200

    def headers(response):
        return sorted((name, value) for name, value in response.headers.items()
                      if name not in {"Date", "Set-Cookie", "X-RateLimit-Reset", "Retry-After"})

    assert headers(taken) == headers(new)
    assert [h.split("=")[0] for h in taken.headers.getlist("Set-Cookie")] == \
        [h.split("=")[0] for h in new.headers.getlist("Set-Cookie")]
    strip = lambda html, email: html.replace(email, "EMAIL").replace(csrf_from(html), "TOKEN")  # noqa: E731
    assert strip(taken.get_data(as_text=True), "siti@tapis.id") == \
        strip(new.get_data(as_text=True), "budi@tapis.id")
    assert "An account with this email address already exists" not in taken.get_data(as_text=True)

    # Nothing was created or changed for the taken address; its owner is told, with a way in.
    assert _users(db) == 2
    owner = db.session.scalar(select(User).where(User.email == "siti@tapis.id"))
    assert owner.display_name == "Siti Aminah"
    (mail,) = mails_to(app, "siti@tapis.id")
    assert "Someone tried to register with your email address" in mail
    assert "You already have an account, so nothing was created and nothing was changed." in mail
    assert "http://localhost/login" in mail and "http://localhost/reset-password" in mail
    assert "/confirm/" not in mail
    assert "Mallory" not in mail


def test_registering_again_before_confirming_mails_a_new_confirmation_link(app, client, db):
    post_form(client, "/register", register_data())
    response = post_form(app.test_client(), "/register", register_data(display_name="Siti A."))
    assert "We sent a message to siti@tapis.id." in response.get_data(as_text=True)
    assert _users(db) == 1
    first, second = sorted(mails_to(app, "siti@tapis.id"), key=lambda mail: "Someone tried" in mail)
    assert "Someone tried" in second and "not confirmed yet" in second
    response = post_form(app.test_client(), confirm_link_from(second), {})
    assert response.status_code == 302 and response.headers["Location"] == "/ikm/new"


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
    assert [r.status_code for r in responses] == [200, 200, 429]
    assert "Too many attempts" in responses[-1].get_data(as_text=True)
    assert _users(db) == 2


def test_registering_the_email_of_a_closed_account_answers_the_same_and_mails_nobody(app, client, db):
    make_user("siti@tapis.id", active=False)
    response = post_form(client, "/register", register_data())
    assert response.status_code == 200
    assert "We sent a message to siti@tapis.id." in response.get_data(as_text=True)
    assert _users(db) == 1
    assert mails_to(app, "siti@tapis.id") == []
