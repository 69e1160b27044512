"""Changing a password: the current one is checked, other sessions end, this one stays."""

from tests.accounts.conftest import STRONG_PASSWORD, copy_session
from tests.conftest import PASSWORD, make_user, post_form

URL = "/account/password"


def _change(client, current=PASSWORD, new=STRONG_PASSWORD, confirm=None):
    return post_form(client, URL, {
        "current_password": current, "password": new, "password_confirm": confirm or new,
    })


def test_anonymous_visitor_is_sent_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login")


def test_wrong_current_password_is_refused_beside_the_field(client, auth, db):
    user = make_user("siti@tapis.id")
    old_hash = user.password_hash
    auth.login("siti@tapis.id")
    response = _change(client, current="bukan-kata-sandi-saya")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'id="current_password-error"' in html
    assert "This is not your current password." in html
    db.session.refresh(user)
    assert user.password_hash == old_hash


def test_new_password_follows_the_policy(client, auth):
    make_user("siti@tapis.id")
    auth.login("siti@tapis.id")
    html = _change(client, new="pendek").get_data(as_text=True)
    assert "Use at least 12 characters." in html
    html = _change(client, new="password1234").get_data(as_text=True)
    assert "too common or too easy to guess" in html


def test_password_change_ends_other_sessions_but_keeps_this_one(app, client, auth):
    make_user("siti@tapis.id")
    auth.login("siti@tapis.id")
    other_device = copy_session(app, client)
    assert other_device.get("/account").status_code == 200
    response = _change(client)
    assert response.status_code == 302
    assert response.headers["Location"] == "/account"
    page = client.get("/account")
    assert page.status_code == 200
    assert "Your password is changed." in page.get_data(as_text=True)
    assert other_device.get("/account").status_code == 302
    # The new password works, the old one does not.
    fresh = app.test_client()
    assert post_form(fresh, "/login", {"email": "siti@tapis.id", "password": PASSWORD}).status_code == 200
    assert post_form(fresh, "/login", {"email": "siti@tapis.id",
                                       "password": STRONG_PASSWORD}).status_code == 302
