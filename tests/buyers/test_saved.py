"""Favourite products and followed sentra."""

from marketplace.buyers.models import Favourite, SentraFollow
from marketplace.extensions import db as _db
from tests.buyers.conftest import count, page_text, send


def listed(browser, product):
    """True when the favourites page shows a card of `product` (flash messages aside)."""
    return f'<h3><a href="/products/{product.id}' in page_text(browser.get("/favourites"))


def followed(browser, sentra):
    return f'<h2><a href="/sentra/{sentra.slug}">' in page_text(browser.get("/following"))


def toggle(browser, product, next_url=None):
    data = {"next": next_url} if next_url is not None else {}
    return send(browser, f"/products/{product.id}/favourite", data, form_url="/favourites")


def follow(browser, sentra, next_url=None):
    data = {"next": next_url} if next_url is not None else {}
    return send(browser, f"/sentra/{sentra.slug}/follow", data, form_url="/following")


def test_saving_a_product_toggles_and_lists_it(login, market):
    buyer = login(market.buyer)
    response = toggle(buyer, market.product, next_url=f"/products/{market.product.id}")
    assert response.status_code == 302
    assert response.headers["Location"] == f"/products/{market.product.id}"
    assert count(Favourite, Favourite.user_id == market.buyer.id) == 1
    page = page_text(buyer.get("/favourites"))
    assert "Kain Tapis Pucuk Rebung" in page and "1 saved product" in page

    toggle(buyer, market.product)
    assert count(Favourite) == 0
    assert not listed(buyer, market.product)


def test_the_product_page_button_says_whether_it_saves_or_removes_and_comes_back(login, market):
    buyer = login(market.buyer)
    url = buyer.get(f"/products/{market.product.id}").headers["Location"]  # /products/<id>-<slug>
    page = page_text(buyer.get(url))
    assert "Save to favourites" in page and "Remove from favourites" not in page
    response = send(buyer, f"/products/{market.product.id}/favourite", {"next": url}, form_url=url)
    assert response.headers["Location"] == url and count(Favourite) == 1
    page = page_text(buyer.get(url))
    assert "Remove from favourites" in page and "Save to favourites" not in page
    # Another buyer has not saved it.
    assert "Save to favourites" in page_text(login(market.other_buyer).get(url))
    # A visitor logs in first and comes back here (the button's POST address cannot be opened).
    assert f'href="/login?next={url}">Save to favourites' in page_text(login().get(url))


def test_only_published_products_can_be_saved_and_listed(login, market):
    buyer = login(market.buyer)
    assert toggle(buyer, market.draft).status_code == 404
    assert count(Favourite) == 0
    toggle(buyer, market.product)
    market.product.status = "unpublished"
    _db.session.commit()
    assert not listed(buyer, market.product)
    # It can still be removed from the favourites.
    assert toggle(buyer, market.product).status_code == 302
    assert count(Favourite) == 0


def test_favourites_are_private_and_need_a_login(login, market):
    toggle(login(market.buyer), market.product)
    assert not listed(login(market.other_buyer), market.product)
    visitor = login()
    assert visitor.get("/favourites").status_code == 302
    response = visitor.post(f"/products/{market.product.id}/favourite")
    assert response.status_code in (302, 400)  # to the login page (or refused without a token)
    assert count(Favourite) == 1


def test_saving_never_redirects_to_another_site(login, market):
    buyer = login(market.buyer)
    for target in ("https://evil.example/", "//evil.example/", "/\\evil.example"):
        response = toggle(buyer, market.product, next_url=target)
        assert response.headers["Location"] == "/favourites", target


def test_following_a_sentra_shows_on_its_page_and_in_my_list(login, market):
    buyer = login(market.buyer)
    page = page_text(buyer.get("/sentra/tenun-tapis-bandar-lampung"))
    assert "Follow this sentra" in page and "0 followers" in page

    response = follow(buyer, market.sentra, next_url="/sentra/tenun-tapis-bandar-lampung")
    assert response.headers["Location"] == "/sentra/tenun-tapis-bandar-lampung"
    follow(login(market.other_buyer), market.sentra)
    page = page_text(buyer.get("/sentra/tenun-tapis-bandar-lampung"))
    assert "Stop following" in page and "2 followers" in page
    assert followed(buyer, market.sentra)
    assert "2 followers" in page_text(login().get("/sentra/tenun-tapis-bandar-lampung"))

    follow(buyer, market.sentra)
    assert count(SentraFollow) == 1
    assert not followed(buyer, market.sentra)


def test_following_an_unknown_sentra_is_404(login, market):
    response = send(login(market.buyer), "/sentra/no-such-sentra/follow", form_url="/following")
    assert response.status_code == 404
