"""`flask seed demo` gives every demo sentra realistic products, pictures and OVOP ratings, once."""

import pytest
from sqlalchemy import func, select

from marketplace import reference
from marketplace.accounts.models import User
from marketplace.catalog import ovop, services
from marketplace.catalog.models import OvopRating, Product, ProductImage
from marketplace.extensions import db as _db
from marketplace.media import Image
from marketplace.seed.demo_data import SENTRA
from marketplace.sentra.models import Sentra
from tests.conftest import app_on


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    """One app for the module: loading the demo data is the slow part."""
    with app_on(tmp_path_factory.mktemp("seed-products")) as application:
        result = application.test_cli_runner().invoke(args=["seed", "demo"])
        assert result.exit_code == 0, result.output
        yield application


def count(model):
    return _db.session.scalar(select(func.count()).select_from(model))


def test_at_least_150_products_across_every_demo_sentra(app):
    assert count(Product) >= 150
    per_sentra = dict(_db.session.execute(
        select(Sentra.slug, func.count(Product.id)).join(Product, Product.sentra_id == Sentra.id)
        .group_by(Sentra.slug)
    ).all())
    assert set(per_sentra) == {spec["slug"] for spec in SENTRA}
    assert min(per_sentra.values()) >= 8


def test_products_are_complete_and_meet_their_channel_rules(app):
    products = _db.session.scalars(select(Product)).all()
    statuses = {p.status for p in products}
    assert {"published", "draft"} <= statuses
    for channel in ("ovop", "export", "supply_chain"):
        assert sum(channel in p.channels for p in products) >= 20, channel
    for product in products:
        assert product.category in reference.COMMODITIES
        assert services.normalise_hs_code(product.hs_code) == product.hs_code
        assert product.sentra_id == product.business.sentra_id
        assert product.province == product.sentra.province
        if product.status == "published":
            assert services.publication_problems(services.product_values(product), True) == {}, product
        if product.is_export:
            assert product.title_en and product.description_en and product.port
    assert all(p.view_count == 0 for p in products if p.status != "published")
    assert max(p.view_count for p in products) > 50


def test_every_product_has_one_to_three_pictures_with_the_first_as_cover(app):
    for product in _db.session.scalars(select(Product)):
        assert 1 <= len(product.images) <= 3
        assert product.cover_image_id == product.images[0].image_id
        assert [item.position for item in product.images] == list(range(len(product.images)))
    # A small pool of pictures is shared: far fewer images than product pictures.
    assert count(ProductImage) > 2 * _db.session.scalar(
        select(func.count(func.distinct(ProductImage.image_id))))


def test_several_sentra_nominated_products_and_the_demo_curator_rated_most(app):
    nominated = _db.session.execute(
        select(Product.sentra_id, func.count()).where(Product.ovop_nominated_at.is_not(None))
        .group_by(Product.sentra_id)
    ).all()
    assert len(nominated) >= 6
    assert all(n <= app.config.get("OVOP_MAX_NOMINATIONS", 5) for _sentra, n in nominated)
    curator = _db.session.scalar(select(User).where(User.email == "kurator@example.com"))
    ratings = _db.session.scalars(select(OvopRating)).all()
    assert len(ratings) >= 10
    for rating in ratings:
        product = _db.session.get(Product, rating.product_id)
        assert rating.curator_id == curator.id and rating.note
        assert product.ovop_stars == rating.stars and product.ovop_nominated_at is not None
        assert all(1 <= score <= 5 for _code, _label, score in rating.scores)
    assert ovop.queue_count() >= 3  # something waits for the curator in the demo


def test_loading_again_creates_nothing_new(app):
    before = (count(Product), count(ProductImage), count(OvopRating), count(Image))
    result = app.test_cli_runner().invoke(args=["seed", "demo"])
    assert result.exit_code == 0, result.output
    assert "0 new products" in result.output
    assert (count(Product), count(ProductImage), count(OvopRating), count(Image)) == before
