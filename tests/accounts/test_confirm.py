"""Email confirmation: the mailed link, unconfirmed logins, new links, no enumeration anywhere."""

import time

from itsdangerous import TimestampSigner
from sqlalchemy import select

from marketplace.accounts.models import User
from tests.accounts.conftest import confirm_link_from, mails_to, register_data
from tests.conftest import csrf_from, make_user, post_form

GENERIC_ERROR = "Email or password is incorrect."
CONFIRM_FIRST = "Confirm your email address first — we have sent you a new link."
RESEND_ANSWER = "If an account for that address is waiting for confirmation, we have sent a new link"
INVALID = "This link no longer works"


def _registered(app, client, email="siti@tapis.id"):
    """Register through the form and return the confirmation link mailed for it."""
    post_form(client, "/register", register_data(email=email))
    (mail,) = mails_to(app, email)
    return confirm_link_from(mail)


def _user(db, email="siti@tapis.id"):
    db.session.expire_all()
    return db.session.scalar(select(User).where(User.email == email))


def test_opening_the_link_changes_nothing_until_the_button_is_pressed(app, client, db):
    link = _registered(app, client)
    page = client.get(link)
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "Confirm that siti@tapis.id is your address" in html
    assert f'action="{link}"' in html and 'method="post"' in html
    assert '<meta name="referrer" content="no-referrer">' in html
    assert _user(db).email_confirmed_at is None
    assert client.get("/account").status_code == 302


def test_confirming_starts_a_fresh_session(app, client, db):
    link = _registered(app, client)
    with client.session_transaction() as sess:
        sess["planted"] = "by an attacker"
    response = post_form(client, link, {})
    assert response.status_code == 302
    with client.session_transaction() as sess:
        assert "planted" not in sess
        assert sess["_user_id"].startswith(f"{_user(db).id}:")


def test_confirming_needs_the_csrf_token(app, client, db):
    link = _registered(app, client)
    client.get(link)
    assert client.post(link, data={}).status_code == 400
    assert _user(db).email_confirmed_at is None


def test_following_the_link_again_goes_to_login_or_home(app, client, db):
    link = _registered(app, client)
    post_form(client, link, {})
    confirmed_at = _user(db).email_confirmed_at

    # Logged in (the same browser): home, with a note.
    response = client.get(link)
    assert response.status_code == 302 and response.headers["Location"] == "/"
    assert "Your email address is already confirmed." in client.get("/").get_data(as_text=True)

    # Another browser: to the login page, not logged in by the link.
    other = app.test_client()
    response = other.get(link)
    assert response.status_code == 302 and response.headers["Location"] == "/login"
    assert "Your email address is already confirmed." in other.get("/login").get_data(as_text=True)
    response = post_form(other, link, {}, form_url="/login")
    assert response.headers["Location"] == "/login"
    assert other.get("/account").status_code == 302
    assert _user(db).email_confirmed_at == confirmed_at


def test_expired_link_is_refused_with_a_way_to_get_a_new_one(app, client, db, monkeypatch):
    link = _registered(app, client)
    four_days_later = int(time.time()) + 4 * 24 * 60 * 60
    monkeypatch.setattr(TimestampSigner, "get_timestamp", lambda self: four_days_later)
    html = client.get(link).get_data(as_text=True)
    assert INVALID in html
    assert 'href="/confirm/resend"' in html
    response = client.post(link, data={"csrf_token": csrf_from(client.get("/login").get_data(as_text=True))})
    assert INVALID in response.get_data(as_text=True)
    assert _user(db).email_confirmed_at is None
    assert client.get("/account").status_code == 302


def test_max_age_comes_from_the_config(app, client):
    link = _registered(app, client)
    assert client.get(link).status_code == 200
    app.config["CONFIRM_TOKEN_MAX_AGE"] = -1
    assert INVALID in client.get(link).get_data(as_text=True)


def test_tampered_links_are_refused(app, client, db):
    link = _registered(app, client)
    for bad in (link[:-3] + "abc", "/confirm/abc", link.replace("/confirm/", "/confirm/x")):
        assert INVALID in client.get(bad).get_data(as_text=True), bad
    # A password-reset token is signed for another purpose and does not confirm anything.
    from marketplace.accounts.services import make_reset_token

    assert INVALID in client.get(f"/confirm/{make_reset_token(_user(db))}").get_data(as_text=True)
    assert _user(db).email_confirmed_at is None


def test_unconfirmed_login_with_the_right_password_is_refused_and_gets_a_new_link(app, client, auth, db):
    make_user("siti@tapis.id", email_confirmed_at=None, display_name="Siti Aminah")
    response = auth.login("siti@tapis.id")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert CONFIRM_FIRST in html
    assert GENERIC_ERROR not in html
    assert client.get("/account").status_code == 302
    (mail,) = mails_to(app, "siti@tapis.id")
    link = confirm_link_from(mail)
    response = post_form(app.test_client(), link, {})
    assert response.status_code == 302 and response.headers["Location"] == "/ikm/new"
    assert auth.login("siti@tapis.id").status_code == 302


def test_unconfirmed_login_with_a_wrong_password_gets_the_generic_error_and_no_mail(app, client, auth):
    make_user("siti@tapis.id", email_confirmed_at=None)
    wrong = auth.login("siti@tapis.id", password="salah-sekali-kata-sandi")
    unknown = auth.login("nobody@tapis.id", password="salah-sekali-kata-sandi")
    wrong_html, unknown_html = wrong.get_data(as_text=True), unknown.get_data(as_text=True)
    assert GENERIC_ERROR in wrong_html and CONFIRM_FIRST not in wrong_html
    strip = lambda html, email: html.replace(email, "EMAIL").replace(csrf_from(html), "TOKEN")  # noqa: E731
    assert strip(wrong_html, "siti@tapis.id") == strip(unknown_html, "nobody@tapis.id")
    assert mails_to(app, "siti@tapis.id") == []


def test_links_mailed_to_one_address_are_limited(app, client, auth):
    make_user("siti@tapis.id", email_confirmed_at=None)
    answers = [auth.login("siti@tapis.id").get_data(as_text=True) for _ in range(5)]
    assert all(CONFIRM_FIRST in html for html in answers)  # the page does not change...
    assert len(mails_to(app, "siti@tapis.id")) == 3  # ...but only three mails go out per 10 minutes


def test_a_session_of_an_unconfirmed_account_is_not_accepted(app, client, auth, db):
    user = make_user("siti@tapis.id")
    auth.login("siti@tapis.id")
    assert client.get("/account").status_code == 200
    user.email_confirmed_at = None
    db.session.commit()
    assert client.get("/account").status_code == 302


def test_resend_answers_the_same_for_every_address(app, db):
    make_user("confirmed@tapis.id")
    make_user("waiting@tapis.id", email_confirmed_at=None)
    make_user("closed@tapis.id", email_confirmed_at=None, active=False)
    answers = []
    for number, email in enumerate(("confirmed@tapis.id", "waiting@tapis.id", "closed@tapis.id",
                                    "nobody@tapis.id")):
        visitor = app.test_client()
        visitor.environ_base["REMOTE_ADDR"] = f"192.0.2.{number + 1}"
        response = post_form(visitor, "/confirm/resend", {"email": email.upper()})
        answers.append((response.status_code, response.headers["Location"]))
        assert RESEND_ANSWER in visitor.get(response.headers["Location"]).get_data(as_text=True)
    assert answers == [(302, "/confirm/resend")] * 4
    # Only the account waiting for confirmation got a mail, and its link works.
    assert [len(mails_to(app, email)) for email in ("confirmed@tapis.id", "waiting@tapis.id",
                                                    "closed@tapis.id", "nobody@tapis.id")] == [0, 1, 0, 0]
    (mail,) = mails_to(app, "waiting@tapis.id")
    assert post_form(app.test_client(), confirm_link_from(mail), {}).status_code == 302
    assert _user(db, "waiting@tapis.id").email_confirmed_at is not None


def test_resend_is_rate_limited_per_address(app, client):
    app.config["RATELIMIT_CONFIRM"] = "2 per minute"
    codes = [post_form(client, "/confirm/resend", {"email": f"p{i}@tapis.id"}).status_code for i in range(3)]
    assert codes == [302, 302, 429]
    assert "Too many attempts" in post_form(client, "/confirm/resend", {"email": "x@tapis.id"}).get_data(
        as_text=True)


def test_resend_form_keeps_input_and_shows_errors(client):
    response = post_form(client, "/confirm/resend", {"email": ""})
    html = response.get_data(as_text=True)
    assert 'id="email-error"' in html
    assert client.get("/confirm/resend").status_code == 200


def test_confirmation_mail_is_written_in_the_language_of_registration(app, client):
    client.environ_base.pop("HTTP_ACCEPT_LANGUAGE")  # the site's default language: Indonesian
    post_form(client, "/register", register_data())
    (mail,) = mails_to(app, "siti@tapis.id")
    assert "Welcome to Sentra Nusantara!" not in mail
    assert "/confirm/" in mail


def test_confirmation_link_is_built_on_public_url(app, client):
    app.config["PUBLIC_URL"] = "https://sentra.example.id"
    attacker = {"Host": "attacker.example"}
    token = csrf_from(client.get("/register", headers=attacker).get_data(as_text=True))
    response = client.post("/register", headers=attacker, data={**register_data(), "csrf_token": token})
    assert response.status_code == 200
    (mail,) = mails_to(app, "siti@tapis.id")
    assert "attacker.example" not in mail
    assert "https://sentra.example.id/confirm/" in mail


def test_the_login_page_offers_a_new_link(client):
    html = client.get("/login").get_data(as_text=True)
    assert 'href="/confirm/resend"' in html


def test_demo_site_tells_a_new_member_where_the_confirmation_mail_is(app, client):
    page = post_form(client, "/register", register_data()).get_data(as_text=True)
    assert "no email leaves this machine" in page
    assert app.config["MAIL_DIR"] in page

    app.config["DEMO_MODE"] = False
    other = app.test_client()
    other.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    page = post_form(other, "/register", register_data(email="lain@tapis.id")).get_data(as_text=True)
    assert "no email leaves this machine" not in page
