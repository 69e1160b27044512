"""Products carry their business's sentra and province, also after the business moves."""

from sqlalchemy import select

from marketplace.catalog import services
from marketplace.catalog.models import Product
from marketplace.sentra.models import Membership
from marketplace.timeutil import utcnow
from tests.businesses.conftest import business_data
from tests.catalog.conftest import make_product
from tests.catalog.test_manage_products import product_data, reload
from tests.conftest import browser, make_business, make_membership, make_sentra, make_user, post_form, submit


def test_a_business_that_moves_to_another_sentra_takes_its_products_along(client, db, owner, business,
                                                                          login):
    first = make_product_pair(business)
    batik = make_sentra("batik-laweyan", commodity="batik", province="jawa-tengah")
    login(owner)
    response = submit(client, "/ikm/tapis-siti/edit", business_data(
        name="Tapis Siti", sentra_province="jawa-tengah", sentra=str(batik.id)))
    assert response.status_code == 302
    db.session.expire_all()
    # The new sentra has not approved the join request yet: the products carry its province only.
    for product in db.session.scalars(select(Product)):
        assert product.sentra_id is None and product.province == "jawa-tengah"
    # The old sentra's OVOP nomination and stars do not travel.
    moved = reload(db, first.id)
    assert moved.ovop_nominated_at is None and moved.ovop_stars is None
    manager = make_user("ketua@batik.id")
    make_membership(batik, manager, role="pengurus")
    request = db.session.scalar(select(Membership).where(Membership.user_id == owner.id,
                                                         Membership.sentra_id == batik.id))
    login(manager)
    post_form(client, f"/sentra/batik-laweyan/members/{request.id}/approve", {},
              form_url="/sentra/batik-laweyan/members")
    db.session.expire_all()
    assert set(db.session.scalars(select(Product.sentra_id))) == {batik.id}


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



# ---- only active members' products show under a sentra -------------------------------------------


def test_a_join_request_puts_no_product_on_the_sentra_until_the_board_approves_it(
        client, db, sentra, pengurus, login):
    rina = make_user("rina@tapis.id", display_name="Rina")
    make_membership(sentra, rina, status="pending")
    make_business(rina, sentra, slug="tapis-rina", name="Tapis Rina")
    login(rina)
    response = post_form(client, "/ikm/tapis-rina/products/new", product_data(
        title="Tapis Pendatang", capacity_per_month="500", lead_time_days="20", channels=["supply_chain"],
        publish="1"))
    assert response.status_code == 303
    product = db.session.scalar(select(Product).where(Product.title == "Tapis Pendatang"))
    assert product.is_published and product.sentra_id is None and product.province == "lampung"
    visitor = browser(client.application)
    for url in ("/sentra/tenun-tapis-bandar-lampung", "/products?sentra=tenun-tapis-bandar-lampung",
                "/supply-chain?sentra=tenun-tapis-bandar-lampung"):
        assert "Tapis Pendatang" not in visitor.get(url).get_data(as_text=True), url
    assert sentra.name not in visitor.get("/supply-chain").get_data(as_text=True)  # no capacity row

    request = db.session.scalar(select(Membership).where(Membership.user_id == rina.id))
    login(pengurus)
    post_form(client, f"/sentra/tenun-tapis-bandar-lampung/members/{request.id}/approve", {},
              form_url="/sentra/tenun-tapis-bandar-lampung/members")
    db.session.expire_all()
    assert reload(db, product.id).sentra_id == sentra.id
    assert "Tapis Pendatang" in visitor.get("/sentra/tenun-tapis-bandar-lampung").get_data(as_text=True)


def test_a_removed_member_takes_its_products_and_their_ovop_stars_off_the_sentra(client, db, owner, business,
                                                                                sentra, pengurus, login):
    first = make_product_pair(business)
    membership = db.session.scalar(select(Membership).where(Membership.user_id == owner.id))
    login(pengurus)
    response = post_form(client, f"/sentra/tenun-tapis-bandar-lampung/members/{membership.id}/remove", {},
                         form_url="/sentra/tenun-tapis-bandar-lampung/members")
    assert response.status_code == 302
    db.session.expire_all()
    assert {tuple(row) for row in db.session.execute(select(Product.sentra_id, Product.province))} \
        == {(None, None)}
    removed = reload(db, first.id)
    assert removed.ovop_nominated_at is None and removed.ovop_stars is None
    page = browser(client.application).get("/sentra/tenun-tapis-bandar-lampung").get_data(as_text=True)
    assert "Tapis Unggulan" not in page and "Tapis Biasa" not in page
