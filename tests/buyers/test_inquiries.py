"""A buyer asks a business about a product: the conversation, the notice and the mail."""

from datetime import timedelta

from marketplace.buyers.models import Conversation, Message
from marketplace.extensions import db as _db
from marketplace.notifications.models import Notification
from marketplace.timeutil import utcnow
from tests.buyers.conftest import count, inquiry_data, mails_to, page_text, send


def inquire(browser, product, **overrides):
    url = f"/products/{product.id}/inquire"
    return send(browser, url, inquiry_data(**overrides))


def test_anonymous_visitor_is_sent_to_login_and_back(login, market):
    response = login().get(f"/products/{market.product.id}/inquire")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login?next=")
    assert f"%2Fproducts%2F{market.product.id}%2Finquire" in response.headers["Location"]


def test_buyer_sends_an_inquiry_that_opens_a_conversation_and_mails_the_seller(app, login, market):
    buyer = login(market.buyer)
    form = buyer.get(f"/products/{market.product.id}/inquire")
    assert form.status_code == 200
    assert "Kain Tapis Pucuk Rebung" in page_text(form)

    response = inquire(buyer, market.product)

    conversation = _db.session.scalars(_db.select(Conversation)).one()
    assert response.status_code == 302
    assert response.headers["Location"] == f"/inbox/{conversation.id}"
    assert conversation.buyer_id == market.buyer.id
    assert conversation.business_id == market.business.id
    assert conversation.product_id == market.product.id
    assert conversation.status == "open"
    assert conversation.subject == "Kain Tapis Pucuk Rebung"
    assert (conversation.quantity, conversation.unit, conversation.currency) == (200, "lembar", "IDR")
    assert conversation.target_price == 950000
    assert (conversation.incoterm, conversation.destination_country) == ("FOB", "DE")
    assert str(conversation.needed_by) == "2099-03-01"
    (message,) = _db.session.scalars(_db.select(Message)).all()
    assert message.sender_id == market.buyer.id
    assert message.body.startswith("Hello,\nwe would like 200 pieces")

    notice = _db.session.scalars(_db.select(Notification)).one()
    assert (notice.user_id, notice.kind, notice.url) == (
        market.seller.id, "buyers.inquiry", f"/inbox/{conversation.id}")

    # One mail, carrying the message itself (the notice is not mailed a second time).
    (subject, body), = mails_to(app, "siti@tapis.id")
    assert "New inquiry from Linnea Berg" in subject
    assert "we would like 200 pieces for our shops in Stockholm." in body
    assert "Nordic Home AB" in body
    assert f"http://localhost/inbox/{conversation.id}" in body
    assert "Germany" in body

    page = buyer.get(response.headers["Location"])
    assert page.status_code == 200
    assert "we would like 200 pieces" in page_text(page)


def test_the_mail_speaks_the_sellers_language(app, login, market):
    market.seller.locale = "id"
    _db.session.commit()
    inquire(login(market.buyer), market.product)
    (_subject, body), = mails_to(app, "siti@tapis.id")
    assert "Jerman" in body  # the destination country, named in Indonesian


def test_sellers_who_switched_mail_off_get_no_mail_but_the_notice(app, login, market):
    market.seller.notify_email = "off"
    _db.session.commit()
    inquire(login(market.buyer), market.product)
    assert mails_to(app, "siti@tapis.id") == []
    assert count(Notification, Notification.user_id == market.seller.id) == 1


def test_a_draft_cannot_be_inquired_about(login, market):
    buyer = login(market.buyer)
    assert buyer.get(f"/products/{market.draft.id}/inquire").status_code == 404
    response = send(buyer, f"/products/{market.draft.id}/inquire", inquiry_data(),
                    form_url=f"/products/{market.product.id}/inquire")
    assert response.status_code == 404
    assert buyer.get("/products/999999/inquire").status_code == 404
    assert count(Conversation) == 0


def test_a_seller_cannot_inquire_about_their_own_product(login, market):
    seller = login(market.seller)
    assert seller.get(f"/products/{market.product.id}/inquire").status_code == 403
    response = send(seller, f"/products/{market.product.id}/inquire", inquiry_data(), form_url="/inbox")
    assert response.status_code == 403
    assert count(Conversation) == 0


def test_another_business_owner_may_ask_a_business(login, market):
    response = inquire(login(market.other_seller), market.product)
    assert response.status_code == 302
    assert count(Conversation, Conversation.buyer_id == market.other_seller.id) == 1


def test_a_refused_inquiry_keeps_what_was_typed(login, market):
    response = inquire(login(market.buyer), market.product, body="", quantity="12", unit="",
                       needed_by="2001-01-01")
    html = page_text(response)
    assert response.status_code == 422
    assert "This field is required." in html
    assert "Choose the unit of the quantity." in html
    assert "Choose a date that has not passed yet." in html
    assert 'value="12"' in html
    assert count(Conversation) == 0


def test_a_suspended_buyer_is_told_why_and_sends_nothing(login, market):
    market.buyer.suspended_until = utcnow() + timedelta(days=3)
    _db.session.commit()
    buyer = login(market.buyer)
    page = buyer.get(f"/products/{market.product.id}/inquire")
    assert page.status_code == 403
    assert "Your account is suspended until" in page_text(page)
    response = send(buyer, f"/products/{market.product.id}/inquire", inquiry_data(), form_url="/inbox")
    assert response.status_code == 403
    assert count(Conversation) == 0


def test_a_finished_suspension_no_longer_blocks(login, market):
    market.buyer.suspended_until = utcnow() - timedelta(minutes=1)
    _db.session.commit()
    assert inquire(login(market.buyer), market.product).status_code == 302


def test_inquiries_are_rate_limited_per_account(app, login, market):
    app.config["RATELIMIT_MESSAGES"] = "2 per minute"
    buyer = login(market.buyer)
    codes = [inquire(buyer, market.product).status_code for _ in range(3)]
    assert codes == [302, 302, 429]
    assert "Too many attempts" in page_text(inquire(buyer, market.product))
    assert count(Conversation) == 2
    # Another account is not slowed down by the first one.
    assert inquire(login(market.other_buyer), market.product).status_code == 302


def test_forms_with_errors_do_not_use_up_the_limit(app, login, market):
    app.config["RATELIMIT_MESSAGES"] = "2 per minute"
    buyer = login(market.buyer)
    assert [inquire(buyer, market.product, body="").status_code for _ in range(3)] == [422] * 3
    assert inquire(buyer, market.product).status_code == 302
