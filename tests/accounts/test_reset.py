"""Password reset by email: same answer for everyone, single-use and timed links."""

import re
import time

from itsdangerous import TimestampSigner

from tests.accounts.conftest import STRONG_PASSWORD, copy_session, reset_link_from
from tests.conftest import PASSWORD, csrf_from, make_user, post_form

SAME_ANSWER = "If an account exists for that address, we have sent a link"
NEW_PASSWORD = "sungai-musi-perahu-kajang-4"


def _ask(client, email):
    return post_form(client, "/reset-password", {"email": email}, follow_redirects=True)


def test_full_reset_flow_with_a_single_use_link(app, client, mails):
    make_user("siti@tapis.id", display_name="Siti Aminah")
    page = _ask(client, "Siti@Tapis.id")
    assert SAME_ANSWER in page.get_data(as_text=True)
    (mail,) = mails()
    assert "To: siti@tapis.id" in mail
    assert "Siti Aminah" in mail
    link = reset_link_from(mail)

    form_page = client.get(link)
    assert form_page.status_code == 200
    assert 'name="password"' in form_page.get_data(as_text=True)

    response = post_form(client, link, {"password": NEW_PASSWORD, "password_confirm": NEW_PASSWORD})
    assert response.status_code == 302
    assert response.headers["Location"] == "/login"
    assert "Your new password is saved." in client.get("/login").get_data(as_text=True)
    assert post_form(client, "/login", {"email": "siti@tapis.id", "password": PASSWORD}).status_code == 200
    assert post_form(client, "/login", {"email": "siti@tapis.id",
                                        "password": NEW_PASSWORD}).status_code == 302

    # The link worked once; now it is dead, also for a second new password.
    again = app.test_client()
    html = again.get(link).get_data(as_text=True)
    assert "This link no longer works" in html
    assert 'href="/reset-password"' in html
    response = post_form(again, link, {"password": STRONG_PASSWORD, "password_confirm": STRONG_PASSWORD})
    assert "This link no longer works" in response.get_data(as_text=True)


def test_reset_request_does_not_reveal_whether_an_account_exists(app, client, mails):
    make_user("siti@tapis.id")
    known = post_form(client, "/reset-password", {"email": "siti@tapis.id"})
    unknown = post_form(app.test_client(), "/reset-password", {"email": "nobody@tapis.id"})
    assert known.status_code == unknown.status_code == 302
    assert known.headers["Location"] == unknown.headers["Location"]
    assert SAME_ANSWER in client.get(known.headers["Location"]).get_data(as_text=True)
    assert len(mails()) == 1  # only the real account got a mail


def test_expired_link_is_refused_with_a_way_to_ask_again(client, mails, monkeypatch):
    make_user("siti@tapis.id")
    _ask(client, "siti@tapis.id")
    link = reset_link_from(mails()[0])
    two_hours_later = int(time.time()) + 2 * 60 * 60
    monkeypatch.setattr(TimestampSigner, "get_timestamp", lambda self: two_hours_later)
    html = client.get(link).get_data(as_text=True)
    assert "This link no longer works" in html
    assert "Ask for a new link" in html


def test_short_max_age_from_config_is_honoured(app, client, mails):
    make_user("siti@tapis.id")
    _ask(client, "siti@tapis.id")
    link = reset_link_from(mails()[0])
    assert client.get(link).status_code == 200
    app.config["RESET_TOKEN_MAX_AGE"] = -1
    assert "This link no longer works" in client.get(link).get_data(as_text=True)


def test_tampered_link_is_refused(client, mails):
    make_user("siti@tapis.id")
    _ask(client, "siti@tapis.id")
    link = reset_link_from(mails()[0])
    assert "This link no longer works" in client.get(link[:-3] + "abc").get_data(as_text=True)


def test_new_password_from_reset_follows_the_policy(client, mails):
    make_user("siti@tapis.id")
    _ask(client, "siti@tapis.id")
    link = reset_link_from(mails()[0])
    html = post_form(client, link, {"password": "pendek", "password_confirm": "pendek"}).get_data(
        as_text=True)
    assert "Use at least 12 characters." in html


def test_reset_ends_existing_sessions(app, client, auth, mails):
    make_user("siti@tapis.id")
    auth.login("siti@tapis.id")
    thief = copy_session(app, client)
    visitor = app.test_client()
    _ask(visitor, "siti@tapis.id")
    link = reset_link_from(mails()[0])
    post_form(visitor, link, {"password": NEW_PASSWORD, "password_confirm": NEW_PASSWORD})
    assert thief.get("/account").status_code == 302
    assert client.get("/account").status_code == 302


def test_reset_mail_is_written_in_the_users_language(client, mails):
    make_user("siti@tapis.id", locale="en")
    _ask(client, "siti@tapis.id")
    assert "The link works once" in mails()[0]


def test_reset_requests_are_rate_limited_per_address(app, client, mails):
    app.config["RATELIMIT_RESET"] = "2 per minute"
    codes = [post_form(client, "/reset-password", {"email": f"p{i}@tapis.id"}).status_code
             for i in range(3)]
    assert codes == [302, 302, 429]
    assert "Too many attempts" in post_form(client, "/reset-password", {"email": "x@tapis.id"}).get_data(
        as_text=True)


def test_reset_link_points_at_public_url_whatever_host_the_request_named(app, client, mails):
    app.config["PUBLIC_URL"] = "https://sentra.example.id"
    make_user("siti@tapis.id")
    # The attacker sends the victim's address with their own Host header (both requests, so the
    # session cookie holding the CSRF token goes along).
    attacker = {"Host": "attacker.example"}
    token = csrf_from(client.get("/reset-password", headers=attacker).get_data(as_text=True))
    response = client.post("/reset-password", headers=attacker,
                           data={"email": "siti@tapis.id", "csrf_token": token})
    assert response.status_code == 302
    (mail,) = mails()
    assert "attacker.example" not in mail
    match = re.search(r"https://sentra\.example\.id(/reset-password/[A-Za-z0-9_.\-]+)", mail)
    assert match, mail
    assert client.get(match.group(1)).status_code == 200  # the link opens the reset form


def test_reset_link_is_built_on_public_url_outside_a_request_too(app):
    from marketplace.mail import external_url

    app.config["PUBLIC_URL"] = "https://sentra.example.id"
    assert external_url("accounts.reset_password", token="abc") == \
        "https://sentra.example.id/reset-password/abc"
