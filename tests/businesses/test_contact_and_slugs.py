"""Reserved slugs, WhatsApp numbers and invitations as a business owner meets them."""

import pytest
from sqlalchemy import select

from marketplace.businesses.models import Business
from tests.businesses.conftest import business_data
from tests.conftest import csrf_from, make_business, make_membership, make_sentra, submit


@pytest.mark.parametrize("name, slug", [("New", "new-2"), ("new", "new-2"), ("Edit", "edit-2")])
def test_a_business_named_like_a_fixed_url_gets_another_slug(client, db, owner, login, name, slug):
    login(owner)
    response = submit(client, "/ikm/new", business_data(name=name))
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/ikm/{slug}")
    assert client.get(f"/ikm/{slug}").status_code == 200
    # /ikm/new is still the form to publish a business.
    assert 'name="nib"' in client.get("/ikm/new").get_data(as_text=True)


def test_whatsapp_is_saved_as_international_digits_and_linked(client, db, owner, login):
    login(owner)
    response = submit(client, "/ikm/new", business_data(whatsapp="0812-0000-0100", phone="+62 721 123456"))
    assert response.status_code == 302
    business = db.session.scalar(select(Business))
    assert business.whatsapp == "6281200000100" and business.phone == "+62 721 123456"
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    # The owner sees the number and a plain link to the chat (visitors get a counted button).
    assert "+62 812 0000 0100" in html
    assert '<a href="https://wa.me/6281200000100" rel="nofollow noopener">' in html
    assert 'href="tel:+62721123456"' in html


def test_numbers_stored_the_national_way_still_link_to_wa_me(client, owner):
    make_business(owner, slug="tapis-lama", name="Tapis Lama", whatsapp="0812-0000-0100")
    token = csrf_from(client.get("/ikm/tapis-lama").get_data(as_text=True))
    response = client.post("/ikm/tapis-lama/whatsapp", data={"csrf_token": token})
    assert response.headers["Location"].startswith("https://wa.me/6281200000100?text=")


@pytest.mark.parametrize("field, value, message", [
    ("whatsapp", "0812", "This does not look like a WhatsApp number."),
    ("whatsapp", "0812/3456/7890", "Use only digits, spaces, brackets, dots, dashes and a leading +."),
    ("phone", "0721 1", "Enter a phone number with 6 to 15 digits"),
])
def test_bad_numbers_are_refused_beside_the_field(client, db, owner, login, field, value, message):
    login(owner)
    response = submit(client, "/ikm/new", business_data(**{field: value}))
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert message in html and f'id="{field}-error"' in html and f'value="{value}"' in html
    assert db.session.scalar(select(Business)) is None


def test_an_invited_owner_is_told_to_accept_the_invitation(client, db, owner, login):
    sentra = make_sentra()
    make_membership(sentra, owner, role="anggota", status="invited")
    login(owner)
    response = submit(client, "/ikm/new", business_data(sentra=str(sentra.id)))
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert f"{sentra.name} has invited you. Accept the invitation on the sentra" in page
    assert "You asked to join" not in page
    assert "Invited by the sentra" in page
