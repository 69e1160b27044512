"""Inviting a person by email: nobody becomes a member without saying yes."""

import re

import pytest

from marketplace.businesses.models import Business
from marketplace.extensions import db as _db
from marketplace.sentra.models import Membership
from tests.conftest import csrf_from, make_business, make_membership, make_sentra, make_user
from tests.sentra.test_membership import BASE, press, shown_businesses

ACCEPT = f"{BASE}/invitation/accept"
DECLINE = f"{BASE}/invitation/decline"


def invite(client, email, role="anggota", title=""):
    return press(client, f"{BASE}/members", f"{BASE}/members/add",
                 {"email": email, "role": role, "title": title})


def membership_of(user):
    _db.session.expire_all()
    return _db.session.query(Membership).filter_by(user_id=user.id).one_or_none()


def section(html, heading_id):
    return html.split(f'id="{heading_id}"')[1].split("</section>")[0]


def test_invited_person_becomes_a_member_only_after_accepting(login, world):
    manager = login(world.pengelola)
    response = invite(manager, "  Stranger@Test.ID ", role="pengurus", title="sekretaris")
    assert response.status_code == 302
    members_page = manager.get(f"{BASE}/members").get_data(as_text=True)
    assert ("If Stranger@Test.ID has an account as a business owner, they now see your invitation"
            in members_page)
    membership = membership_of(world.stranger)
    assert (membership.status, membership.role, membership.title) == ("invited", "pengurus", "sekretaris")
    assert membership.approved_at is None

    # Listed as an open invitation with a withdraw button, not among the members or requests.
    invited = section(members_page, "invited-heading")
    assert "Sri Stranger" in invited and "Pengurus (board)" in invited and "Withdraw" in invited
    assert "Sri Stranger" not in section(members_page, "active-heading")
    assert "Sri Stranger" not in section(members_page, "pending-heading")
    assert "1 request to join" in members_page and "4 active members" in members_page

    # No rights and not on the board before saying yes.
    stranger = login(world.stranger)
    assert stranger.get(f"{BASE}/edit").status_code == 403
    assert "Sri Stranger" not in login().get(BASE).get_data(as_text=True)

    # The account page lists the invitation with Accept and Decline buttons.
    account = stranger.get("/account").get_data(as_text=True)
    invitations = section(account, "invitations-heading")
    assert "Sentra IKM Tenun Tapis invites you to join as Pengurus (board)." in invitations
    assert f'action="{ACCEPT}"' in invitations and f'action="{DECLINE}"' in invitations
    assert "Sentra IKM Tenun Tapis" not in account.split("My sentra")[1]

    response = press(stranger, "/account", ACCEPT)
    assert response.status_code == 302 and response.headers["Location"] == BASE
    page = stranger.get(BASE).get_data(as_text=True)
    assert "You are now a member of Sentra IKM Tenun Tapis as Pengurus (board)." in page
    assert "You are a member of this sentra." in page
    membership = membership_of(world.stranger)
    assert membership.status == "active" and membership.approved_at is not None
    assert "Sri Stranger" in section(page, "board-heading")
    assert stranger.get(f"{BASE}/edit").status_code == 200
    account = stranger.get("/account").get_data(as_text=True)
    assert 'id="invitations-heading"' not in account
    assert "Pengurus (board)" in account.split("My sentra")[1]


def test_declining_deletes_the_invitation(login, world):
    invite(login(world.ketua), "stranger@test.id", role="upt")
    stranger = login(world.stranger)
    response = press(stranger, "/account", DECLINE)
    assert response.status_code == 302 and response.headers["Location"] == "/account"
    account = stranger.get("/account").get_data(as_text=True)
    assert "You declined the invitation of Sentra IKM Tenun Tapis." in account
    assert 'id="invitations-heading"' not in account
    assert membership_of(world.stranger) is None


def test_invited_person_can_answer_on_the_sentra_page(login, world):
    invite(login(world.ketua), "stranger@test.id")
    stranger = login(world.stranger)
    page = stranger.get(BASE).get_data(as_text=True)
    assert "This sentra invited you to join as Anggota (member)." in page
    assert "Ask to join this sentra" not in page
    assert press(stranger, BASE, ACCEPT).status_code == 302
    assert membership_of(world.stranger).status == "active"


@pytest.mark.parametrize("who", ["anggota", "pending", "ketua", "admin", "outsider", "buyer"])
def test_only_the_invited_person_can_answer(login, world, who):
    invite(login(world.ketua), "stranger@test.id")
    other = login(getattr(world, who))
    token = csrf_from(other.get("/sentra").get_data(as_text=True))
    for url in (ACCEPT, DECLINE):
        assert other.post(url, data={"csrf_token": token}).status_code == 404, url
    assert membership_of(world.stranger).status == "invited"


def test_answering_needs_a_login_and_a_csrf_token(login, world):
    invite(login(world.ketua), "stranger@test.id")
    anonymous = login()
    token = csrf_from(anonymous.get(BASE).get_data(as_text=True))
    response = anonymous.post(ACCEPT, data={"csrf_token": token})
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")
    stranger = login(world.stranger)
    assert stranger.post(ACCEPT, data={}).status_code == 400
    assert stranger.get(ACCEPT).status_code == 405
    assert membership_of(world.stranger).status == "invited"


def test_a_manager_cannot_accept_an_invitation_for_the_person(login, world):
    manager = login(world.ketua)
    invite(manager, "stranger@test.id")
    membership = membership_of(world.stranger)
    html = manager.get(f"{BASE}/members").get_data(as_text=True)
    response = manager.post(f"{BASE}/members/{membership.id}/approve", data={"csrf_token": csrf_from(html)})
    assert response.status_code == 302
    assert "This request was already answered." in manager.get(f"{BASE}/members").get_data(as_text=True)
    assert membership_of(world.stranger).status == "invited"
    # Nor give an invited person a role.
    response = manager.post(f"{BASE}/members/{membership.id}/role",
                            data={"csrf_token": csrf_from(html), "role": "pengelola"})
    assert response.status_code == 400
    assert membership_of(world.stranger).role == "anggota"


NEUTRAL = "has an account as a business owner, they now see your invitation on their account page"


def test_the_answer_does_not_tell_who_has_an_account(login, world):
    """An unknown address, a buyer's and a business owner's get the same answer; only the owner is invited."""
    manager = login(world.ketua)
    answers = []
    for email in ("nobody@nowhere.id", "buyer@test.id", "stranger@test.id"):
        response = invite(manager, email, role="anggota")
        assert response.status_code == 302
        assert response.headers["Location"] == f"{BASE}/members?page=1"
        html = manager.get(f"{BASE}/members").get_data(as_text=True)
        flashed = html.split('class="flashes"')[1].split("</div>")[0]
        answers.append(flashed.replace(email, "EMAIL"))
        assert f"If {email} {NEUTRAL}" in flashed
    assert answers[0] == answers[1] == answers[2]
    assert membership_of(world.buyer) is None
    assert membership_of(world.stranger).status == "invited"


def test_buyers_are_not_invited(login, world):
    response = invite(login(world.ketua), "buyer@test.id", role="pengurus")
    assert response.status_code == 302
    assert membership_of(world.buyer) is None
    buyer_account = login(world.buyer).get("/account").get_data(as_text=True)
    assert 'id="invitations-heading"' not in buyer_account


def test_inviting_twice_or_inviting_a_member_is_refused(login, world):
    manager = login(world.ketua)
    invite(manager, "stranger@test.id")
    response = invite(manager, "stranger@test.id", role="pengurus")
    assert response.status_code == 400
    assert "This person is already invited and has not answered yet." in response.get_data(as_text=True)
    assert membership_of(world.stranger).role == "anggota"
    response = invite(manager, "anggota@test.id", role="upt")
    assert response.status_code == 400
    assert "This person is already a member of the sentra." in response.get_data(as_text=True)


def test_invited_people_are_not_counted_anywhere(login, world, client):
    make_business(world.stranger, world.sentra, slug="tapis-sri", name="Tapis Sri")
    invite(login(world.ketua), "stranger@test.id", role="pengelola")
    page = login().get(BASE).get_data(as_text=True)
    assert "1 member business" in page and "tapis-sri" not in shown_businesses(login())
    assert "Sri Stranger" not in page
    body = client.get("/api/v1/sentra/tenun-tapis-bandar-lampung").get_json()
    assert "Sri Stranger" not in [m["name"] for m in body["board"]]
    assert body["member_business_count"] == 1
    listing = client.get("/api/v1/sentra").get_json()
    assert [s["member_business_count"] for s in listing["items"] if s["slug"] == world.sentra.slug] == [1]
    # The owner's own business page says what is missing.
    owner_view = login(world.stranger).get("/ikm/tapis-sri").get_data(as_text=True)
    assert "Invited by the sentra" in owner_view
    assert "Only you see this: the sentra has invited you." in owner_view

    press(login(world.stranger), BASE, ACCEPT)
    assert "tapis-sri" in shown_businesses(login())


def test_manager_withdraws_an_invitation(login, world):
    business = make_business(world.stranger, world.sentra, slug="tapis-sri", name="Tapis Sri")
    manager = login(world.ketua)
    invite(manager, "stranger@test.id")
    membership = membership_of(world.stranger)
    response = press(manager, f"{BASE}/members", f"{BASE}/members/{membership.id}/remove")
    assert response.status_code == 302
    html = manager.get(f"{BASE}/members").get_data(as_text=True)
    assert "The invitation of Sri Stranger was withdrawn." in html
    assert "No invitation is waiting for an answer." in html
    assert membership_of(world.stranger) is None
    # Like a turned-down request, withdrawing leaves the person's business as it was.
    assert _db.session.get(Business, business.id).sentra_id == world.sentra.id
    stranger = login(world.stranger)
    token = csrf_from(stranger.get("/account").get_data(as_text=True))
    assert stranger.post(ACCEPT, data={"csrf_token": token}).status_code == 404


def test_an_invited_manager_does_not_count_for_the_last_manager_rule(login, world):
    lone = make_user("lone@test.id", display_name="Lone Ketua")
    sentra = make_sentra("anyaman-sendiri", name="Anyaman Sendiri", commodity="anyaman")
    only = make_membership(sentra, lone, role="pengurus", title="ketua")
    make_membership(sentra, world.stranger, role="pengelola", status="invited")
    base = "/sentra/anyaman-sendiri"
    browser = login(lone)
    response = press(browser, f"{base}/members", f"{base}/members/{only.id}/role", {"role": "anggota"})
    assert response.status_code == 400
    assert "This is the last board member or manager of the sentra." in response.get_data(as_text=True)
    assert press(browser, f"{base}/members", f"{base}/members/{only.id}/remove").status_code == 400
    _db.session.expire_all()
    assert _db.session.get(Membership, only.id).role == "pengurus"


def test_joining_while_invited_keeps_the_invitation(login, world):
    invite(login(world.ketua), "stranger@test.id", role="upt")
    stranger = login(world.stranger)
    token = csrf_from(stranger.get(BASE).get_data(as_text=True))
    stranger.post(f"{BASE}/join", data={"csrf_token": token})
    html = stranger.get(BASE).get_data(as_text=True)
    assert "This sentra has already invited you. Accept the invitation to become a member." in html
    membership = membership_of(world.stranger)
    assert (membership.status, membership.role) == ("invited", "upt")
    assert re.search(r"1 request to join", login(world.ketua).get(f"{BASE}/members").get_data(as_text=True))
