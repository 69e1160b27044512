"""Products carry their business's sentra and province, also after the business moves."""

from sqlalchemy import select

from marketplace.catalog import services
from marketplace.catalog.models import Product
from marketplace.timeutil import utcnow
from tests.businesses.conftest import business_data, submit
from tests.catalog.conftest import make_product
from tests.catalog.test_manage_products import product_data, reload
from tests.conftest import make_sentra, post_form


def test_a_business_that_moves_to_another_sentra_takes_its_products_along(client, db, owner, business,
                                                                          login):
    first = make_product_pair(business)
    batik = make_sentra("batik-laweyan", commodity="batik", province="jawa-tengah")
    login(owner)
    response = submit(client, "/ikm/tapis-siti/edit", business_data(
        name="Tapis Siti", sentra_province="jawa-tengah", sentra=str(batik.id)))
    assert response.status_code == 302
    db.session.expire_all()
    for product in db.session.scalars(select(Product)):
        assert product.sentra_id == batik.id and product.province == "jawa-tengah"
    # The old sentra's OVOP nomination and stars do not travel.
    moved = reload(db, first.id)
    assert moved.ovop_nominated_at is None and moved.ovop_stars is None


def test_a_business_that_leaves_its_sentra_leaves_no_sentra_on_its_products(client, db, owner, business,
                                                                            login):
    make_product_pair(business)
    login(owner)
    submit(client, "/ikm/tapis-siti/edit", business_data(name="Tapis Siti", sentra=""))
    db.session.expire_all()
    places = {tuple(row) for row in db.session.execute(select(Product.sentra_id, Product.province))}
    assert places == {(None, None)}


def test_editing_the_profile_without_moving_keeps_the_nominations(client, db, owner, business, sentra, login):
    first = make_product_pair(business)
    login(owner)
    submit(client, "/ikm/tapis-siti/edit", business_data(
        name="Tapis Siti Baru", sentra_province="lampung", sentra=str(sentra.id)))
    product = reload(db, first.id)
    assert product.ovop_nominated_at is not None and product.ovop_stars == 4


def test_saving_a_product_copies_the_current_sentra(client, db, owner, business, login):
    product = make_product_pair(business)
    db.session.execute(Product.__table__.update().values(sentra_id=None, province=None))
    db.session.commit()
    login(owner)
    post_form(client, f"/products/{product.id}/edit", product_data(channels=["ovop"]))
    product = reload(db, product.id)
    assert product.sentra_id == business.sentra_id and product.province == "lampung"


def test_sync_is_one_bulk_update_for_any_number_of_products(app, db, business):
    from sqlalchemy import event

    for n in range(30):
        make_product(business, title=f"Tapis {n}")
    business.sentra = make_sentra("batik-laweyan", commodity="batik", province="jawa-tengah")
    db.session.flush()
    statements = []
    listener = lambda *args: statements.append(args[2])  # noqa: E731
    event.listen(db.engine, "before_cursor_execute", listener)
    try:
        services.sync_business_products(business)
    finally:
        event.remove(db.engine, "before_cursor_execute", listener)
    updates = [s for s in statements if s.lstrip().upper().startswith("UPDATE")]
    assert len(updates) == 2  # clear nominations that leave the sentra, then copy the place
    db.session.commit()
    assert set(db.session.scalars(select(Product.province))) == {"jawa-tengah"}


def make_product_pair(business):
    """A nominated, rated OVOP product and a plain one; returns the first."""
    first = make_product(business, title="Tapis Unggulan", channels=["ovop"], ovop_stars=4,
                         ovop_nominated_at=utcnow())
    make_product(business, title="Tapis Biasa")
    return first

