"""Login: credentials, no user enumeration, safe redirects, cookies, rate limits, logging."""

import logging

import pytest

from tests.accounts.conftest import set_cookie_headers
from tests.conftest import PASSWORD, csrf_from, make_user, post_form

GENERIC_ERROR = "Email or password is incorrect."


def test_good_login_opens_the_account(client, auth):
    make_user("siti@tapis.id", display_name="Siti")
    response = auth.login("Siti@Tapis.id ")
    assert response.status_code == 302
    assert response.headers["Location"] == "/"
    assert client.get("/account").status_code == 200


def test_bad_password_and_unknown_email_get_the_same_answer(client, auth):
    make_user("siti@tapis.id")
    wrong = auth.login("siti@tapis.id", password="salah-sekali-kata-sandi")
    unknown = auth.login("nobody@tapis.id", password="salah-sekali-kata-sandi")
    assert wrong.status_code == unknown.status_code == 200
    wrong_html, unknown_html = wrong.get_data(as_text=True), unknown.get_data(as_text=True)
    assert GENERIC_ERROR in wrong_html and GENERIC_ERROR in unknown_html
    # The same page apart from the typed email and the CSRF token.
    strip = lambda html, email: html.replace(email, "EMAIL").replace(csrf_from(html), "TOKEN")  # noqa: E731
    assert strip(wrong_html, "siti@tapis.id") == strip(unknown_html, "nobody@tapis.id")
    assert client.get("/account").status_code == 302


def test_inactive_account_cannot_log_in(client, auth):
    make_user("siti@tapis.id", active=False)
    response = auth.login("siti@tapis.id")
    assert GENERIC_ERROR in response.get_data(as_text=True)


def test_login_follows_a_local_next(client):
    make_user("siti@tapis.id")
    response = post_form(client, "/login?next=/account",
                         {"email": "siti@tapis.id", "password": PASSWORD})
    assert response.headers["Location"] == "/account"


def test_anonymous_visitor_is_sent_to_login_and_back(client):
    make_user("siti@tapis.id")
    response = client.get("/account")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login?next=")
    login_page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert 'name="next" type="hidden" value="/account"' in login_page
    response = client.post(response.headers["Location"], data={
        "email": "siti@tapis.id", "password": PASSWORD, "next": "/account",
        "csrf_token": csrf_from(login_page),
    })
    assert response.headers["Location"] == "/account"


@pytest.mark.parametrize("target", ["//evil.com", "\\\\evil.com", "https://evil.com", "/\\evil.com",
                                    "javascript:alert(1)"])
def test_login_ignores_a_next_to_another_site(client, target):
    make_user("siti@tapis.id")
    response = post_form(client, "/login",
                         {"email": "siti@tapis.id", "password": PASSWORD, "next": target})
    assert response.status_code == 302
    assert response.headers["Location"] == "/"


def test_unsafe_next_is_not_put_into_the_form(client):
    html = client.get("/login?next=//evil.com").get_data(as_text=True)
    assert 'id="next" name="next" type="hidden" value=""' in html


def test_remember_me_sets_a_lasting_cookie_only_when_asked(app, client, auth):
    make_user("siti@tapis.id")
    plain = auth.login("siti@tapis.id")
    assert set_cookie_headers(plain, "remember_token") == []
    other = app.test_client()
    remembered = post_form(other, "/login", {"email": "siti@tapis.id", "password": PASSWORD,
                                             "remember": "y"})
    (cookie,) = set_cookie_headers(remembered, "remember_token")
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Expires=" in cookie


def test_session_cookie_is_httponly_and_samesite_lax(client, auth):
    make_user("siti@tapis.id")
    response = auth.login("siti@tapis.id")
    (cookie,) = set_cookie_headers(response, "session")
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie


def test_login_starts_a_fresh_session_but_keeps_the_language(client, auth):
    make_user("siti@tapis.id")
    page = client.get("/login").get_data(as_text=True)
    client.post("/language", data={"lang": "en", "next": "/login", "csrf_token": csrf_from(page)})
    with client.session_transaction() as sess:
        sess["planted"] = "by an attacker"
    auth.login("siti@tapis.id")
    with client.session_transaction() as sess:
        assert "planted" not in sess
        assert sess["lang"] == "en"
        assert sess["_user_id"].startswith(str(1) + ":")


def test_too_many_bad_logins_for_one_account_get_the_429_page(app, client, auth):
    app.config["RATELIMIT_LOGIN_ACCOUNT"] = "3 per minute"
    make_user("siti@tapis.id")
    for _ in range(3):
        assert auth.login("siti@tapis.id", password="salah-sekali-kata-sandi").status_code == 200
    blocked = auth.login("SITI@tapis.id", password=PASSWORD)
    assert blocked.status_code == 429
    assert "Too many attempts" in blocked.get_data(as_text=True)
    # Another account from the same address is not blocked by this account's limit.
    make_user("budi@tapis.id")
    assert auth.login("budi@tapis.id").status_code == 302


def test_account_limit_uses_the_configured_default(client, auth):
    make_user("siti@tapis.id")
    codes = [auth.login("siti@tapis.id", password="salah-sekali-kata-sandi").status_code
             for _ in range(6)]
    assert codes == [200] * 5 + [429]


def test_too_many_logins_from_one_address_get_the_429_page(app, client, auth):
    app.config["RATELIMIT_LOGIN"] = "4 per minute"
    codes = [auth.login(f"person{i}@tapis.id", password="salah-sekali-kata-sandi").status_code
             for i in range(5)]
    assert codes == [200] * 4 + [429]


def test_viewing_the_login_page_is_not_rate_limited(app, client):
    app.config["RATELIMIT_LOGIN"] = "2 per minute"
    assert all(client.get("/login").status_code == 200 for _ in range(5))


def test_failed_login_is_logged_without_the_password(client, auth, caplog):
    make_user("siti@tapis.id")
    with caplog.at_level(logging.WARNING):
        auth.login("siti@tapis.id", password="rahasia-yang-salah-77")
    messages = " ".join(record.getMessage() for record in caplog.records)
    assert "Failed login" in messages
    assert "rahasia-yang-salah-77" not in messages


def test_demo_mode_shows_the_demo_accounts(app, client):
    html = client.get("/login").get_data(as_text=True)
    assert 'class="demo-accounts"' in html
    for email in ("admin@example.com", "pengelola@example.com", "perajin@example.com",
                  "kurator@example.com", "ekspor@example.com", "industri@example.com"):
        assert email in html
    assert "sentra-demo" in html
    app.config["DEMO_MODE"] = False
    assert "demo-accounts" not in client.get("/login").get_data(as_text=True)
