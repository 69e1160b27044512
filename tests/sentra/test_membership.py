"""Joining a sentra, answering requests, roles, removal and the last-manager rule."""

import re

from marketplace.businesses.models import Business
from marketplace.extensions import db as _db
from marketplace.sentra.models import Membership
from tests.conftest import csrf_from, make_business, make_membership, make_user

BASE = "/sentra/tenun-tapis-bandar-lampung"


def press(client, page_url, action_url, data=None):
    """Open a page and submit the small form that posts to `action_url`, like a browser."""
    html = client.get(page_url).get_data(as_text=True)
    assert f'action="{action_url}' in html, f"no form for {action_url} on {page_url}"
    return client.post(action_url, data={"csrf_token": csrf_from(html), **(data or {})})


def shown_businesses(client):
    return re.findall(r'<a href="/ikm/([^"]+)">', client.get(BASE).get_data(as_text=True))


def test_join_request_approval_and_removal_journey(login, world):
    weaver = make_user("weaver@test.id", display_name="Wati Weaver")
    make_business(weaver, world.sentra, slug="tapis-wati", name="Tapis Wati")
    visitor = login()
    assert "tapis-wati" not in shown_businesses(visitor)

    # The weaver asks to join.
    browser = login(weaver)
    response = press(browser, BASE, f"{BASE}/join")
    assert response.status_code == 302
    page = browser.get(BASE).get_data(as_text=True)
    assert "Your request to join this sentra was sent." in page
    assert "Your request to join this sentra is pending." in page
    membership = _db.session.query(Membership).filter_by(user_id=weaver.id).one()
    assert (membership.status, membership.role) == ("pending", "anggota")
    assert "tapis-wati" not in shown_businesses(visitor)

    # Asking twice does not create a second request.
    browser.post(f"{BASE}/join", data={"csrf_token": csrf_from(page)})
    assert _db.session.query(Membership).filter_by(user_id=weaver.id).count() == 1

    # The pengelola sees the request and approves it.
    manager = login(world.pengelola)
    members_page = manager.get(f"{BASE}/members").get_data(as_text=True)
    assert "Wati Weaver" in members_page and "weaver@test.id" in members_page
    response = press(manager, f"{BASE}/members", f"{BASE}/members/{membership.id}/approve")
    assert response.status_code == 302
    assert "Wati Weaver is now a member of the sentra." in manager.get(f"{BASE}/members").get_data(
        as_text=True)
    assert "tapis-wati" in shown_businesses(visitor)
    assert "You are a member of this sentra." in browser.get(BASE).get_data(as_text=True)

    # Removed: the business disappears and leaves the sentra.
    response = press(manager, f"{BASE}/members", f"{BASE}/members/{membership.id}/remove")
    assert response.status_code == 302
    assert "tapis-wati" not in shown_businesses(visitor)
    _db.session.expire_all()
    assert _db.session.get(Membership, membership.id) is None
    assert _db.session.query(Business).filter_by(slug="tapis-wati").one().sentra_id is None
    # Other members' businesses stay.
    assert _db.session.get(Business, world.business.id).sentra_id == world.sentra.id


def test_reject_removes_the_request(login, world):
    manager = login(world.ketua)
    response = press(manager, f"{BASE}/members", f"{BASE}/members/{world.m_pending.id}/reject")
    assert response.status_code == 302
    _db.session.expire_all()
    assert _db.session.get(Membership, world.m_pending.id) is None
    assert "Tapis Penny" not in login().get(BASE).get_data(as_text=True)


def test_buyer_cannot_join(login, world):
    buyer = login(world.buyer)
    response = buyer.post(f"{BASE}/join", data={"csrf_token": csrf_from(buyer.get("/sentra").get_data(
        as_text=True))})
    assert response.status_code == 403
    assert _db.session.query(Membership).filter_by(user_id=world.buyer.id).count() == 0


def test_anonymous_join_goes_to_login(login, world):
    anonymous = login()
    response = anonymous.post(f"{BASE}/join", data={
        "csrf_token": csrf_from(anonymous.get(BASE).get_data(as_text=True))})
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")


def test_manager_sets_role_and_title(login, world):
    manager = login(world.ketua)
    response = press(manager, f"{BASE}/members", f"{BASE}/members/{world.m_anggota.id}/role",
                     {"role": "pengurus", "title": "bendahara"})
    assert response.status_code == 302
    _db.session.expire_all()
    membership = _db.session.get(Membership, world.m_anggota.id)
    assert (membership.role, membership.title) == ("pengurus", "bendahara")
    board = login().get(BASE).get_data(as_text=True).split('id="board-heading"')[1]
    assert "Ani Anggota" in board and "Bendahara" in board
    # A title only belongs to the board.
    press(manager, f"{BASE}/members", f"{BASE}/members/{world.m_anggota.id}/role",
          {"role": "upt", "title": "bendahara"})
    _db.session.expire_all()
    membership = _db.session.get(Membership, world.m_anggota.id)
    assert (membership.role, membership.title) == ("upt", None)


def test_invalid_role_is_refused_beside_the_field(login, world):
    manager = login(world.ketua)
    response = press(manager, f"{BASE}/members", f"{BASE}/members/{world.m_anggota.id}/role",
                     {"role": "raja", "title": ""})
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert f'id="role-{world.m_anggota.id}-error"' in html
    _db.session.expire_all()
    assert _db.session.get(Membership, world.m_anggota.id).role == "anggota"


def test_last_manager_cannot_be_removed_or_demoted(login, world, db):
    lone = make_user("lone@test.id", display_name="Lone Ketua")
    from tests.conftest import make_sentra

    sentra = make_sentra("anyaman-sendiri", name="Anyaman Sendiri", commodity="anyaman")
    only = make_membership(sentra, lone, role="pengurus", title="ketua")
    make_membership(sentra, make_user("helper@test.id"), role="upt")
    base = "/sentra/anyaman-sendiri"
    browser = login(lone)

    response = press(browser, f"{base}/members", f"{base}/members/{only.id}/remove")
    assert response.status_code == 400
    assert "This is the last board member or manager of the sentra and cannot be removed." in \
        response.get_data(as_text=True)
    response = press(browser, f"{base}/members", f"{base}/members/{only.id}/role", {"role": "anggota"})
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "This is the last board member or manager of the sentra." in html
    assert f'id="role-{only.id}-error"' in html
    _db.session.expire_all()
    assert _db.session.get(Membership, only.id).role == "pengurus"
    # An admin is held to the same rule.
    admin = login(world.admin)
    assert press(admin, f"{base}/members", f"{base}/members/{only.id}/remove").status_code == 400
    assert _db.session.get(Membership, only.id) is not None


def test_a_manager_may_step_down_when_another_remains(login, world):
    manager = login(world.ketua)
    response = press(manager, f"{BASE}/members", f"{BASE}/members/{world.m_ketua.id}/role",
                     {"role": "anggota"})
    assert response.status_code == 302
    # No longer a manager: the members page is closed now.
    assert manager.get(f"{BASE}/members").status_code == 403
    pengelola = login(world.pengelola)
    assert press(pengelola, f"{BASE}/members",
                 f"{BASE}/members/{world.m_ketua.id}/remove").status_code == 302


def test_inviting_someone_who_asked_to_join_approves_their_request(login, world):
    manager = login(world.ketua)
    response = press(manager, f"{BASE}/members", f"{BASE}/members/add",
                     {"email": "pending@test.id", "role": "anggota"})
    assert response.status_code == 302
    assert "Penny Pending is now a member of the sentra." in manager.get(f"{BASE}/members").get_data(
        as_text=True)
    _db.session.expire_all()
    assert _db.session.get(Membership, world.m_pending.id).status == "active"
    assert "tapis-penny" in shown_businesses(login())


def test_add_member_with_unknown_email_invites_nobody_and_says_so_neutrally(login, world):
    manager = login(world.ketua)
    response = press(manager, f"{BASE}/members", f"{BASE}/members/add",
                     {"email": "nobody@nowhere.id", "role": "upt", "title": ""})
    assert response.status_code == 302
    html = manager.get(f"{BASE}/members").get_data(as_text=True)
    assert "If nobody@nowhere.id has an account as a business owner, they now see your invitation" in html
    assert "No account uses this email address." not in html
    assert "No invitation is waiting for an answer." in html
    assert _db.session.query(Membership).filter_by(sentra_id=world.sentra.id, status="invited").count() == 0


def test_add_member_errors_keep_the_input(login, world):
    manager = login(world.ketua)
    response = press(manager, f"{BASE}/members", f"{BASE}/members/add",
                     {"email": "not-an-email", "role": "upt", "title": ""})
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert 'value="not-an-email"' in html and 'id="email-error"' in html
    assert re.search(r'<option selected value="upt">', html)
    response = press(manager, f"{BASE}/members", f"{BASE}/members/add",
                     {"email": "anggota@test.id", "role": "upt"})
    assert "This person is already a member of the sentra." in response.get_data(as_text=True)


def test_approving_twice_is_refused(login, world):
    manager = login(world.ketua)
    press(manager, f"{BASE}/members", f"{BASE}/members/{world.m_pending.id}/approve")
    html = manager.get(f"{BASE}/members").get_data(as_text=True)
    response = manager.post(f"{BASE}/members/{world.m_pending.id}/approve",
                            data={"csrf_token": csrf_from(html)})
    assert response.status_code == 302
    assert "This request was already answered." in manager.get(f"{BASE}/members").get_data(as_text=True)


def test_members_page_lists_pending_and_active(login, world):
    html = login(world.ketua).get(f"{BASE}/members").get_data(as_text=True)
    pending = html.split('id="pending-heading"')[1].split("</section>")[0]
    active = html.split('id="active-heading"')[1].split("</section>")[0]
    assert "Penny Pending" in pending and "Ani Anggota" not in pending
    assert "Ani Anggota" in active and "Penny Pending" not in active
    assert "1 request to join" in html and "4 active members" in html
