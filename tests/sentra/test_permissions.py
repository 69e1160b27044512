"""Only the sentra's active pengurus/pengelola and admins manage it; ids from elsewhere are 404."""

import pytest

from marketplace.extensions import db as _db
from marketplace.sentra.models import Membership, Sentra, SentraPhoto
from tests.conftest import csrf_from, make_membership
from tests.sentra.conftest import picture

BASE = "/sentra/tenun-tapis-bandar-lampung"
MANAGER_PAGES = [f"{BASE}/edit", f"{BASE}/photos", f"{BASE}/members"]
REFUSED = ["anggota", "pending", "outsider", "buyer", "stranger", "upt"]
ALLOWED = ["ketua", "pengelola", "admin"]


def token(client):
    """A CSRF token for this client's session, read from a page like a browser would."""
    return csrf_from(client.get("/sentra").get_data(as_text=True))


def action_urls(world):
    m = world.m_anggota.id
    return [
        f"{BASE}/edit", f"{BASE}/photos", f"{BASE}/photos/1/delete", f"{BASE}/members/add",
        f"{BASE}/members/{world.m_pending.id}/approve", f"{BASE}/members/{world.m_pending.id}/reject",
        f"{BASE}/members/{m}/role", f"{BASE}/members/{m}/remove",
    ]


@pytest.mark.parametrize("url", MANAGER_PAGES + ["/sentra/new"])
def test_anonymous_is_sent_to_login(login, world, url):
    response = login().get(url)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login?next=")


def test_anonymous_post_is_sent_to_login_and_changes_nothing(login, world):
    anonymous = login()
    for url in action_urls(world):
        response = anonymous.post(url, data={"csrf_token": token(anonymous), "name": "Hacked"})
        assert response.status_code == 302, url
        assert response.headers["Location"].startswith("/login"), url
    _db.session.expire_all()
    assert _db.session.get(Sentra, world.sentra.id).name == "Sentra IKM Tenun Tapis"
    assert _db.session.get(Membership, world.m_pending.id).status == "pending"


@pytest.mark.parametrize("who", REFUSED)
def test_people_without_rights_get_403_on_every_page_and_action(login, world, who):
    browser = login(getattr(world, who))
    for url in MANAGER_PAGES:
        assert browser.get(url).status_code == 403, url
    for url in action_urls(world):
        response = browser.post(url, data={
            "csrf_token": token(browser), "name": "Hacked", "email": "stranger@test.id", "role": "pengurus",
        })
        assert response.status_code == 403, url
    _db.session.expire_all()
    assert _db.session.get(Sentra, world.sentra.id).name == "Sentra IKM Tenun Tapis"
    assert _db.session.get(Membership, world.m_pending.id).status == "pending"
    assert _db.session.get(Membership, world.m_anggota.id).role == "anggota"


@pytest.mark.parametrize("who", ALLOWED)
def test_managers_and_admins_open_every_page(login, world, who):
    browser = login(getattr(world, who))
    for url in MANAGER_PAGES:
        assert browser.get(url).status_code == 200, url


def test_pengurus_of_another_sentra_manages_only_their_own(login, world):
    browser = login(world.outsider)
    assert browser.get("/sentra/gerabah-kasongan/edit").status_code == 200
    assert browser.get(f"{BASE}/edit").status_code == 403


@pytest.mark.parametrize("who,status", [("admin", 200), ("ketua", 403), ("buyer", 403)])
def test_only_admins_create_sentra(login, world, who, status):
    assert login(getattr(world, who)).get("/sentra/new").status_code == status


@pytest.mark.parametrize("action", ["approve", "reject", "role", "remove"])
def test_membership_of_another_sentra_is_404(login, world, action):
    foreign = make_membership(world.other, world.stranger, status="pending")
    browser = login(world.ketua)
    response = browser.post(f"{BASE}/members/{foreign.id}/{action}",
                            data={"csrf_token": token(browser), "role": "anggota"})
    assert response.status_code == 404
    _db.session.expire_all()
    assert _db.session.get(Membership, foreign.id).status == "pending"


def test_photo_of_another_sentra_is_404(login, world):
    outsider = login(world.outsider)
    page = outsider.get("/sentra/gerabah-kasongan/photos").get_data(as_text=True)
    outsider.post("/sentra/gerabah-kasongan/photos", data={
        "csrf_token": csrf_from(page), "image": (picture(), "pot.jpg"), "caption": "Pots",
    }, content_type="multipart/form-data")
    photo = _db.session.query(SentraPhoto).one()
    browser = login(world.ketua)
    response = browser.post(f"{BASE}/photos/{photo.id}/delete", data={"csrf_token": token(browser)})
    assert response.status_code == 404
    assert _db.session.query(SentraPhoto).count() == 1


def test_post_without_csrf_token_is_400(login, world):
    browser = login(world.ketua)
    for url in action_urls(world) + [f"{BASE}/join", "/sentra/new"]:
        assert browser.post(url, data={"name": "No token", "role": "anggota"}).status_code == 400, url
    _db.session.expire_all()
    assert _db.session.get(Membership, world.m_pending.id).status == "pending"


def test_actions_refuse_get(login, world):
    browser = login(world.ketua)
    for url in action_urls(world)[2:] + [f"{BASE}/join"]:
        assert browser.get(url).status_code == 405, url
