"""Logout: POST with CSRF only, and every copy of the session dies with it."""

from tests.accounts.conftest import copy_session
from tests.conftest import PASSWORD, csrf_from, make_user, post_form


def test_logout_needs_post(client, auth):
    make_user("siti@tapis.id")
    auth.login("siti@tapis.id")
    assert client.get("/logout").status_code == 405
    assert client.get("/account").status_code == 200


def test_logout_without_csrf_token_is_refused(client, auth):
    make_user("siti@tapis.id")
    auth.login("siti@tapis.id")
    assert client.post("/logout").status_code == 400
    assert client.get("/account").status_code == 200


def test_logout_ends_the_session_and_says_so(client, auth):
    make_user("siti@tapis.id")
    auth.login("siti@tapis.id")
    response = auth.logout()
    assert response.status_code == 302
    assert response.headers["Location"] == "/"
    assert "You are logged out." in client.get("/").get_data(as_text=True)
    assert client.get("/account").status_code == 302


def test_copied_session_cookie_no_longer_works_after_logout(app, client, auth):
    make_user("siti@tapis.id")
    auth.login("siti@tapis.id")
    stolen = copy_session(app, client)
    assert stolen.get("/account").status_code == 200
    auth.logout()
    response = stolen.get("/account")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login")


def test_remember_me_cookie_no_longer_works_after_logout(app, client):
    make_user("siti@tapis.id")
    post_form(client, "/login", {"email": "siti@tapis.id", "password": PASSWORD, "remember": "y"})
    remember = client.get_cookie("remember_token")
    other = app.test_client()
    other.set_cookie("remember_token", remember.value)
    assert other.get("/account").status_code == 200  # the cookie alone logs in
    post_form(client, "/logout", {}, form_url="/account")
    third = app.test_client()
    third.set_cookie("remember_token", remember.value)
    assert third.get("/account").status_code == 302


def test_logout_keeps_the_chosen_language(client, auth):
    make_user("siti@tapis.id")
    auth.login("siti@tapis.id")
    page = client.get("/account").get_data(as_text=True)
    client.post("/language", data={"lang": "en", "next": "/", "csrf_token": csrf_from(page)})
    auth.logout()
    assert '<html lang="en">' in client.get("/").get_data(as_text=True)
