"""Helpers for the catalogue tests: people, a sentra with member businesses, a product factory."""

from decimal import Decimal

import pytest
from PIL import Image as PILImage

from marketplace.extensions import db as _db
from tests.conftest import make_business, make_membership, make_sentra, make_user


def make_product(business, **fields):
    """A committed product of `business`, published unless `status` says otherwise.

    Sentra and province are copied from the business like the editor does. Extras:
    `channels=["export", ...]` sets the channel flags, `certifications=["SNI", ...]` adds
    certification rows, `images=n` attaches n stored pictures (the first becomes the cover).
    Any other keyword is a Product column (title, category, price_idr, moq, ovop_stars, ...).
    """
    from marketplace.catalog.models import (
        STATUS_PUBLISHED,
        Product,
        ProductCertification,
        ProductImage,
    )
    from marketplace.timeutil import utcnow

    channels = fields.pop("channels", None)
    certifications = fields.pop("certifications", ())
    image_count = fields.pop("images", 0)
    values = dict(
        title="Kain Tapis Siger Motif Pucuk Rebung",
        description="Tapis tenun tangan dengan benang emas.",
        category=business.sentra.commodity if business.sentra else "tapis",
        price_idr=1_500_000,
        unit="lembar",
        status=STATUS_PUBLISHED,
        sentra_id=business.sentra_id,
        province=business.sentra.province if business.sentra else None,
    )
    values.update(fields)
    if values["status"] == STATUS_PUBLISHED:
        values.setdefault("published_at", utcnow())
    if channels is not None:
        values["is_ovop"] = "ovop" in channels
        values["is_export"] = "export" in channels
        values["is_supply_chain"] = "supply_chain" in channels
    if isinstance(values.get("export_price_usd"), (int, float, str)):
        values["export_price_usd"] = Decimal(str(values["export_price_usd"]))
    product = Product(business_id=business.id, **values)
    for code in certifications:
        product.certifications.append(ProductCertification(code=code))
    _db.session.add(product)
    _db.session.flush()
    for position in range(image_count):
        image = _stored_picture(position)
        product.images.append(ProductImage(image=image, position=position))
        if position == 0:
            product.cover_image = image
    _db.session.commit()
    return product


_pictures_made = [0]


def _stored_picture(position):
    """An Image row with real variant files, through the site's image pipeline (a new colour each)."""
    from marketplace.media import store_picture

    _pictures_made[0] += 1
    n = _pictures_made[0]
    return store_picture(PILImage.new("RGB", (320, 240), (40 + n * 37 % 200, 60 + position * 20, 90)))


@pytest.fixture(autouse=True)
def english(client):
    """Read pages in English (the source strings), whatever the catalogues say."""
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"


@pytest.fixture
def sentra(app):
    """Sentra Tenun Tapis in Bandar Lampung."""
    return make_sentra()


@pytest.fixture
def owner(app):
    """Siti, who runs a tapis business in the sentra."""
    return make_user("siti@tapis.id", display_name="Siti Aminah")


@pytest.fixture
def business(owner, sentra):
    """Siti's business, an active member of the sentra."""
    make_membership(sentra, owner)
    return make_business(owner, sentra, slug="tapis-siti", name="Tapis Siti")


@pytest.fixture
def other_owner(app):
    """Budi, who runs another business and must not touch Siti's products."""
    return make_user("budi@gerabah.id", display_name="Budi Santoso")


@pytest.fixture
def other_business(other_owner):
    """Budi's business, outside any sentra."""
    return make_business(other_owner, slug="gerabah-budi", name="Gerabah Budi", )


@pytest.fixture
def curator(app):
    """An OVOP curator."""
    return make_user("kurator@sentra.id", is_curator=True, display_name="Kurator OVOP")


@pytest.fixture
def pengurus(sentra):
    """The sentra's board member, who may nominate OVOP products."""
    user = make_user("ketua@tapis.id", display_name="Ketua Sentra")
    make_membership(sentra, user, role="pengurus")
    return user


