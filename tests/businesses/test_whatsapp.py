"""WhatsApp on a business profile: a counted button that opens the chat with a greeting."""

from urllib.parse import parse_qs, urlsplit

from marketplace.businesses.models import Business
from tests.conftest import csrf_from, make_business, make_user


def _owner_with_whatsapp(db):
    owner = make_user("perajin@test.id")
    business = make_business(owner, slug="tapis-siger", name="Tapis Siger", whatsapp="0812-3456-7890")
    db.session.commit()
    return owner, business


def test_a_visitor_opens_the_chat_with_a_greeting_and_the_click_is_counted(client, db):
    _owner, business = _owner_with_whatsapp(db)
    page = client.get("/ikm/tapis-siger", headers={"Accept-Language": "en"})
    assert b"Chat on WhatsApp" in page.data
    token = csrf_from(page.get_data(as_text=True))
    response = client.post("/ikm/tapis-siger/whatsapp", data={"csrf_token": token})
    assert response.status_code == 303
    target = urlsplit(response.headers["Location"])
    assert (target.netloc, target.path) == ("wa.me", "/6281234567890")
    text = parse_qs(target.query)["text"][0]
    assert "Tapis Siger" in text and "/ikm/tapis-siger" in text
    db.session.expire_all()
    assert db.session.get(Business, business.id).whatsapp_clicks == 1


def test_the_owner_clicking_their_own_link_is_not_counted(client, auth, db):
    _owner, business = _owner_with_whatsapp(db)
    auth.login("perajin@test.id")
    page = client.get("/ikm/tapis-siger")
    assert client.post("/ikm/tapis-siger/whatsapp",
                       data={"csrf_token": csrf_from(page.get_data(as_text=True))}).status_code == 303
    db.session.expire_all()
    assert db.session.get(Business, business.id).whatsapp_clicks == 0


def test_without_a_number_or_a_csrf_token_nothing_happens(client, db):
    owner = make_user("perajin@test.id")
    make_business(owner, slug="tanpa-wa", name="Tanpa WA")
    db.session.commit()
    page = client.get("/ikm/tanpa-wa")
    assert client.post("/ikm/tanpa-wa/whatsapp",
                       data={"csrf_token": csrf_from(page.get_data(as_text=True))}).status_code == 404
    assert client.post("/ikm/tanpa-wa/whatsapp").status_code == 400
