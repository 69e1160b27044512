"""A product's pictures: up to eight, ordered, the first one the cover; owners only."""

import io

from marketplace.catalog.models import ProductImage
from tests.catalog.conftest import make_product
from tests.catalog.test_manage_products import error_beside, reload
from tests.conftest import browser, csrf_from, picture_bytes

COLOURS = [(200, 30, 30), (30, 160, 30), (30, 30, 200), (200, 200, 30), (30, 200, 200), (200, 30, 200),
           (90, 90, 90), (250, 140, 0), (120, 60, 20), (10, 10, 60)]


def pictures(count, start=0):
    """`count` different picture files for a multi-file input."""
    return [(io.BytesIO(picture_bytes(color=COLOURS[start + n])), f"foto-{start + n}.jpg")
            for n in range(count)]


def upload(client, product, files):
    url = f"/products/{product.id}/images"
    token = csrf_from(client.get(url).get_data(as_text=True))
    return client.post(url, data={"images": files, "csrf_token": token}, content_type="multipart/form-data")


def order(db, product):
    """The image ids of the product's pictures, in order, and the cover's id."""
    product = reload(db, product.id)
    return [item.image_id for item in product.images], product.cover_image_id


def item_ids(db, product):
    return [item.id for item in reload(db, product.id).images]


def post_button(client, product, url, data=None):
    token = csrf_from(client.get(f"/products/{product.id}/images").get_data(as_text=True))
    return client.post(url, data={**(data or {}), "csrf_token": token})


def test_owner_uploads_pictures_and_the_first_is_the_cover(client, db, owner, business, login):
    product = make_product(business, status="draft")
    login(owner)
    response = upload(client, product, pictures(3))
    assert response.status_code == 303
    images, cover = order(db, product)
    assert len(images) == 3 and cover == images[0]
    assert [item.position for item in reload(db, product.id).images] == [0, 1, 2]
    page = client.get(f"/products/{product.id}/images").get_data(as_text=True)
    assert "3 pictures added." in page and "Cover" in page


def test_at_most_eight_pictures(client, db, owner, business, login):
    product = make_product(business, status="draft")
    login(owner)
    assert upload(client, product, pictures(6)).status_code == 303
    response = upload(client, product, pictures(3, start=6))
    assert response.status_code == 422
    assert "at most 8 pictures; you can add 2 more" in error_beside(response.get_data(as_text=True), "images")
    assert len(order(db, product)[0]) == 6  # nothing of the refused batch was added
    assert upload(client, product, pictures(2, start=6)).status_code == 303
    assert len(order(db, product)[0]) == 8
    page = client.get(f"/products/{product.id}/images").get_data(as_text=True)
    assert 'type="file"' not in page and "the most it can have" in page
    assert upload(client, product, pictures(1, start=9)).status_code == 422
    assert len(order(db, product)[0]) == 8


def test_a_file_that_is_not_a_picture_is_refused(client, db, owner, business, login):
    product = make_product(business, status="draft")
    login(owner)
    response = upload(client, product, [(io.BytesIO(b"<svg onload=alert(1)>"), "foto.jpg")])
    assert response.status_code == 422
    assert "not a picture we can read" in error_beside(response.get_data(as_text=True), "images")
    assert order(db, product) == ([], None)


def test_the_same_picture_is_not_added_twice(client, db, owner, business, login):
    product = make_product(business, status="draft")
    login(owner)
    upload(client, product, pictures(1))
    response = upload(client, product, pictures(1))
    assert response.status_code == 303
    assert len(order(db, product)[0]) == 1


def test_moving_a_picture_changes_the_order_and_the_cover(client, db, owner, business, login):
    product = make_product(business, status="draft")
    login(owner)
    upload(client, product, pictures(3))
    (a, b, c), _cover = order(db, product)
    first, second, third = item_ids(db, product)
    move = f"/products/{product.id}/images/{second}/move"
    response = post_button(client, product, move, {"direction": "up"})
    assert response.status_code == 303
    assert order(db, product) == ([b, a, c], b)
    post_button(client, product, f"/products/{product.id}/images/{second}/move", {"direction": "down"})
    post_button(client, product, f"/products/{product.id}/images/{second}/move", {"direction": "down"})
    assert order(db, product) == ([a, c, b], a)
    # Moving the last one further down changes nothing.
    post_button(client, product, f"/products/{product.id}/images/{second}/move", {"direction": "down"})
    assert order(db, product) == ([a, c, b], a)


def test_positions_typed_beside_the_pictures_set_the_order(client, db, owner, business, login):
    product = make_product(business, status="draft")
    login(owner)
    upload(client, product, pictures(3))
    (a, b, c), _cover = order(db, product)
    first, second, third = item_ids(db, product)
    response = post_button(client, product, f"/products/{product.id}/images/order",
                           {f"position-{first}": "3", f"position-{second}": "2", f"position-{third}": "1"})
    assert response.status_code == 303
    assert order(db, product) == ([c, b, a], c)
    assert [item.position for item in reload(db, product.id).images] == [0, 1, 2]


def test_removing_pictures_keeps_the_cover_in_sync(client, db, owner, business, login):
    product = make_product(business, status="draft")
    login(owner)
    upload(client, product, pictures(2))
    (a, b), _cover = order(db, product)
    first, second = item_ids(db, product)
    assert post_button(client, product, f"/products/{product.id}/images/{first}/remove").status_code == 303
    assert order(db, product) == ([b], b)
    post_button(client, product, f"/products/{product.id}/images/{second}/remove")
    assert order(db, product) == ([], None)
    assert db.session.query(ProductImage).count() == 0


def test_pictures_of_another_product_cannot_be_touched_through_this_one(client, db, owner, business, login):
    mine = make_product(business, status="draft", title="Tapis Satu", images=1)
    other = make_product(business, status="draft", title="Tapis Dua", images=1)
    login(owner)
    foreign = reload(db, other.id).images[0].id
    response = post_button(client, mine, f"/products/{mine.id}/images/{foreign}/remove")
    assert response.status_code == 404
    assert len(reload(db, other.id).images) == 1


def test_other_people_cannot_upload_move_or_remove(app, db, business, other_owner, other_business, buyer):
    published = make_product(business, title="Tapis Terbit", images=2)
    draft = make_product(business, title="Tapis Konsep", status="draft", images=1)
    for person in (other_owner, buyer):
        other = browser(app, person)
        token = csrf_from(other.get("/account").get_data(as_text=True))
        for product, expected in ((published, 403), (draft, 404)):
            item = reload(db, product.id).images[0].id
            assert other.get(f"/products/{product.id}/images").status_code == expected
            for url, data in ((f"/products/{product.id}/images", {"images": pictures(1)}),
                              (f"/products/{product.id}/images/{item}/move", {"direction": "down"}),
                              (f"/products/{product.id}/images/{item}/remove", {}),
                              (f"/products/{product.id}/images/order", {f"position-{item}": "2"})):
                response = other.post(url, data={**data, "csrf_token": token},
                                      content_type="multipart/form-data")
                assert response.status_code == expected, url
    assert len(reload(db, published.id).images) == 2 and len(reload(db, draft.id).images) == 1
