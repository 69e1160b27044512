"""The inbox: both sides reply, unread counts in the header, statuses, privacy, paging, limits."""

from datetime import timedelta

import pytest

from marketplace.buyers.models import Conversation, Message
from marketplace.extensions import db as _db
from marketplace.notifications.models import Notification
from marketplace.timeutil import utcnow
from tests.buyers.conftest import header_count, inquiry_data, mails_to, page_text, send


def start(login, market, buyer=None, product=None):
    """The buyer asks about the product; returns (buyer's browser, conversation)."""
    browser = login(buyer or market.buyer)
    product = product or market.product
    response = send(browser, f"/products/{product.id}/inquire", inquiry_data())
    assert response.status_code == 302
    conversation_id = int(response.headers["Location"].rsplit("/", 1)[1])
    return browser, _db.session.get(Conversation, conversation_id)


def reply(browser, conversation, body="Yes, we can. Samples ship on Monday."):
    url = f"/inbox/{conversation.id}/reply"
    return send(browser, url, {"body": body}, form_url=f"/inbox/{conversation.id}")


def set_status(browser, conversation, status):
    return send(browser, f"/inbox/{conversation.id}/status", {"status": status},
                form_url=f"/inbox/{conversation.id}")


def test_both_sides_talk_and_the_header_counts_unread_messages(app, login, market):
    buyer, conversation = start(login, market)
    seller = login(market.seller)

    inbox = page_text(seller.get("/inbox"))
    assert header_count(inbox) == 1
    assert "Kain Tapis Pucuk Rebung" in inbox and "1 new" in inbox

    page = seller.get(f"/inbox/{conversation.id}")  # opening it reads it
    assert header_count(page_text(page)) == 0
    assert "we would like 200 pieces" in page_text(page)
    assert header_count(page_text(seller.get("/inbox"))) == 0
    # Opening the conversation also reads its notification.
    assert _db.session.scalar(_db.select(Notification.read_at)) is not None

    assert reply(seller, conversation).status_code == 302
    assert header_count(page_text(buyer.get("/inbox"))) == 1
    (subject, body), = mails_to(app, "linnea@import.se")
    assert "New message from Siti Aminah" in subject
    assert "Samples ship on Monday." in body

    assert reply(buyer, conversation, "Great, thank you!").status_code == 302
    assert reply(buyer, conversation, "One more question: can you do blue?").status_code == 302
    assert header_count(page_text(seller.get("/inbox"))) == 2
    assert header_count(page_text(buyer.get("/inbox"))) == 0  # what one writes is never unread
    assert len(mails_to(app, "siti@tapis.id")) == 3  # the inquiry and two replies

    thread = page_text(buyer.get(f"/inbox/{conversation.id}"))
    assert thread.index("Samples ship on Monday.") < thread.index("can you do blue?")


def test_the_header_count_adds_up_both_sides(login, market):
    # Budi is a seller (Guci Kasongan) and asks Siti about her tapis as a buyer.
    start(login, market, buyer=market.buyer, product=market.pot)
    budi, conversation = start(login, market, buyer=market.other_seller)
    siti = login(market.seller)
    reply(siti, conversation)
    assert header_count(page_text(budi.get("/inbox"))) == 2  # Linnea's inquiry + Siti's reply


def test_message_text_is_shown_as_typed_never_as_html(login, market):
    buyer, conversation = start(login, market)
    reply(buyer, conversation, '<script>alert("x")</script>\n<b>bold</b>')
    html = page_text(login(market.seller).get(f"/inbox/{conversation.id}"))
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html
    assert "&lt;b&gt;bold&lt;/b&gt;" in html


@pytest.mark.parametrize("who", ["stranger", "other_seller", "other_buyer", "admin", "manager"])
def test_only_the_two_parties_may_see_or_touch_a_conversation(login, market, who):
    _buyer, conversation = start(login, market)
    outsider = login(getattr(market, who))
    assert outsider.get(f"/inbox/{conversation.id}").status_code == 404
    assert reply(outsider, conversation).status_code == 404
    assert set_status(outsider, conversation, "closed").status_code == 404
    assert "Kain Tapis Pucuk Rebung" not in page_text(outsider.get("/inbox"))
    _db.session.expire_all()
    assert _db.session.get(Conversation, conversation.id).status == "open"
    assert _db.session.scalar(_db.select(_db.func.count(Message.id))) == 1


def test_anonymous_visitors_are_sent_to_login(login, market):
    _buyer, conversation = start(login, market)
    for url in ("/inbox", f"/inbox/{conversation.id}"):
        response = login().get(url)
        assert response.status_code == 302 and response.headers["Location"].startswith("/login")


def test_the_business_marks_quoted_and_closed_the_buyer_only_closes(login, market):
    buyer, conversation = start(login, market)
    seller = login(market.seller)
    assert set_status(buyer, conversation, "quoted").status_code == 403
    assert set_status(seller, conversation, "quoted").status_code == 302
    _db.session.expire_all()
    assert _db.session.get(Conversation, conversation.id).status == "quoted"

    inbox = page_text(buyer.get("/inbox?status=quoted"))
    assert "Kain Tapis Pucuk Rebung" in inbox
    assert "Kain Tapis Pucuk Rebung" not in page_text(buyer.get("/inbox?status=open"))

    assert set_status(buyer, conversation, "closed").status_code == 302
    _db.session.expire_all()
    assert _db.session.get(Conversation, conversation.id).status == "closed"
    # A closed conversation takes no more messages; the business may reopen it.
    assert reply(buyer, conversation).status_code == 302
    assert _db.session.scalar(_db.select(_db.func.count(Message.id))) == 1
    assert set_status(buyer, conversation, "open").status_code == 403
    assert set_status(seller, conversation, "open").status_code == 302
    assert reply(buyer, conversation).status_code == 302
    assert _db.session.scalar(_db.select(_db.func.count(Message.id))) == 2


def test_inbox_lists_buying_and_selling_sides_newest_activity_first(login, market):
    _b, first = start(login, market)
    _b, second = start(login, market, buyer=market.other_buyer)
    budi, asked = start(login, market, buyer=market.other_seller)  # Budi buys tapis from Siti
    _b, sold = start(login, market, product=market.pot)  # Linnea asks Budi about his pot
    seller = login(market.seller)
    reply(seller, first, "An answer that makes the first one the newest.")
    html = page_text(seller.get("/inbox"))
    assert html.index(f"/inbox/{first.id}") < html.index(f"/inbox/{asked.id}") < html.index(
        f"/inbox/{second.id}")
    assert f"/inbox/{sold.id}" not in html
    everything = page_text(budi.get("/inbox"))
    buying = page_text(budi.get("/inbox?side=buying"))
    selling = page_text(budi.get("/inbox?side=selling"))
    assert f"/inbox/{asked.id}" in everything and f"/inbox/{sold.id}" in everything
    assert f"/inbox/{asked.id}" in buying and f"/inbox/{sold.id}" not in buying
    assert f"/inbox/{sold.id}" in selling and f"/inbox/{asked.id}" not in selling


def test_long_conversations_are_paged_with_the_newest_page_last(app, login, market):
    buyer, conversation = start(login, market)
    now = utcnow()
    for n in range(1, 40):
        _db.session.add(Message(conversation_id=conversation.id, sender_id=market.seller.id,
                                body=f"Message number {n:02d}", created_at=now + timedelta(seconds=n)))
    _db.session.commit()
    last = page_text(buyer.get(f"/inbox/{conversation.id}"))
    assert "Message number 39" in last and "Message number 05" not in last
    first = page_text(buyer.get(f"/inbox/{conversation.id}?page=1"))
    assert "we would like 200 pieces" in first and "Message number 39" not in first


def test_a_refused_reply_keeps_the_text(login, market):
    buyer, conversation = start(login, market)
    response = reply(buyer, conversation, "x" * 5001)
    assert response.status_code == 422
    assert "x" * 5001 in page_text(response)


def test_suspended_people_read_but_cannot_reply(login, market):
    buyer, conversation = start(login, market)
    market.seller.suspended_until = utcnow() + timedelta(days=1)
    _db.session.commit()
    seller = login(market.seller)
    page = page_text(seller.get(f"/inbox/{conversation.id}"))
    assert "we would like 200 pieces" in page and "Your account is suspended until" in page
    response = reply(seller, conversation)
    assert response.status_code == 403
    assert "Your account is suspended until" in page_text(response)


def test_replies_are_rate_limited(app, login, market):
    app.config["RATELIMIT_MESSAGES"] = "3 per minute"
    buyer, conversation = start(login, market)  # the inquiry counts as the first message
    codes = [reply(buyer, conversation, f"Reply {n}").status_code for n in range(3)]
    assert codes == [302, 302, 429]
