"""Lists cost the same number of queries whatever their length (no query per row)."""

from contextlib import contextmanager

import pytest
from sqlalchemy import event

from marketplace.buyers.models import BuyingRequest, Conversation, Favourite, Message, Quote, SentraFollow
from marketplace.extensions import db as _db
from tests.buyers.conftest import page_text
from tests.catalog.conftest import make_product
from tests.conftest import make_business, make_sentra, make_user


@contextmanager
def counting():
    """Count the SQL statements run inside the block."""
    statements = []

    def record(_conn, _cursor, statement, *_args):
        statements.append(statement)

    engine = _db.engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", record)


def add_rows(market, n):
    """n more of everything the lists show: conversations, requests with quotes, favourites, follows."""
    for i in range(n):
        owner = make_user(f"owner{n}-{i}@test.id")
        sentra = make_sentra(f"sentra-{n}-{i}", commodity="tapis")
        business = make_business(owner, sentra, slug=f"business-{n}-{i}")
        product = make_product(business, title=f"Product {n}-{i}", view_count=i)
        for buyer, side_business in ((market.buyer, business), (market.other_seller, market.business)):
            conversation = Conversation(
                buyer_id=buyer.id, business_id=side_business.id, product_id=product.id,
                subject=f"About {n}-{i}", business_unread=1, buyer_unread=1,
            )
            _db.session.add(conversation)
            _db.session.flush()
            _db.session.add(Message(conversation_id=conversation.id, sender_id=buyer.id, body="Hello"))
        request = BuyingRequest(buyer_id=market.buyer.id, title=f"Need {n}-{i}", category="tapis",
                                quantity=10, unit="pcs", channel="export")
        _db.session.add(request)
        _db.session.flush()
        _db.session.add(Quote(request_id=request.id, business_id=market.business.id, price_idr=1000))
        _db.session.add(Quote(request_id=request.id, business_id=business.id, price_idr=900))
        _db.session.add(Favourite(user_id=market.buyer.id, product_id=product.id))
        _db.session.add(SentraFollow(user_id=market.buyer.id, sentra_id=sentra.id))
    _db.session.commit()


PAGES = [
    ("buyer", "/inbox"), ("other_seller", "/inbox"), ("buyer", "/requests"), ("buyer", "/requests/mine"),
    ("seller", "/quotes"), ("buyer", "/favourites"), ("buyer", "/following"), ("buyer", "/dashboard"),
    ("seller", "/dashboard"), ("manager", "/sentra/tenun-tapis-bandar-lampung/dashboard"),
]


@pytest.mark.parametrize("who,url", PAGES)
def test_list_pages_do_not_query_per_row(login, market, who, url):
    browser = login(getattr(market, who))
    add_rows(market, 2)
    browser.get(url)  # warm up: per-process caches (translations, choices)
    with counting() as few:
        assert browser.get(url).status_code == 200
    add_rows(market, 6)
    browser.get(url)  # the same warm-up: the commit above expired what the session held
    with counting() as many:
        html = page_text(browser.get(url))
    assert "About 6-5" in html or url != "/inbox"
    assert len(many) == len(few), "\n".join(many)
