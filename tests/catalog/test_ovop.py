"""OVOP: the sentra's board nominates a few member products, a curator rates them with stars."""

import re

import pytest
from flask import render_template_string
from sqlalchemy import select
from werkzeug.exceptions import Forbidden

from marketplace.catalog import ovop
from marketplace.catalog.models import OVOP_CRITERIA, OvopRating
from marketplace.notifications.models import Notification
from tests.catalog.conftest import make_product
from tests.catalog.test_manage_products import error_beside, product_data, reload
from tests.conftest import (
    browser,
    csrf_from,
    make_business,
    make_membership,
    make_sentra,
    make_user,
    post_form,
)


def ovop_product(business, **fields):
    fields.setdefault("channels", ["ovop"])
    return make_product(business, **fields)


def nominate(client, product, action="nominate"):
    return post_form(client, f"/products/{product.id}/ovop/{action}", {},
                     form_url=f"/sentra/{product.sentra.slug}/ovop")


def rating_data(**overrides):
    data = {code: "4" for code, _label in OVOP_CRITERIA}
    data.update(stars="4", note="Motif asli Kemiling, bahan lokal, kemasan perlu diperbaiki.")
    data.update(overrides)
    return data


def test_the_board_nominates_a_member_product_and_the_owner_is_told(client, db, owner, business, pengurus,
                                                                    login):
    product = ovop_product(business)
    login(pengurus)
    page = client.get("/sentra/tenun-tapis-bandar-lampung/ovop").get_data(as_text=True)
    assert "Kain Tapis Siger Motif Pucuk Rebung" in page and "Nominated: 0 of 5" in page
    response = nominate(client, product)
    assert response.status_code == 303
    product = reload(db, product.id)
    assert product.ovop_nominated_at is not None and product.ovop_nominated_by_id == pengurus.id
    notice = db.session.scalars(select(Notification).where(Notification.user_id == owner.id)).one()
    assert notice.kind == "catalog.ovop_nominated" and notice.url == f"/products/{product.id}"
    page = client.get("/sentra/tenun-tapis-bandar-lampung/ovop").get_data(as_text=True)
    assert "Nominated: 1 of 5" in page and "Waiting for a curator" in page


def test_only_published_ovop_products_of_members_can_be_nominated(client, db, sentra, business, pengurus,
                                                                  login):
    draft = ovop_product(business, title="Tapis Konsep", status="draft")
    not_ovop = make_product(business, title="Tapis Ekspor", channels=[])
    stranger = make_user("ani@tapis.id")
    make_membership(sentra, stranger, status="pending")
    outsider = make_business(stranger, sentra, slug="tapis-ani", name="Tapis Ani")
    pending = ovop_product(outsider, title="Tapis Ani")
    login(pengurus)
    page = client.get("/sentra/tenun-tapis-bandar-lampung/ovop").get_data(as_text=True)
    assert "Tapis Ekspor" not in page and "Tapis Ani" not in page and "Tapis Konsep" not in page
    assert nominate(client, not_ovop).status_code == 303
    assert nominate(client, pending).status_code == 303
    for product in (not_ovop, pending):
        assert reload(db, product.id).ovop_nominated_at is None
    assert nominate(client, draft).status_code == 404  # the board cannot see other people's drafts


def test_only_the_sentra_managers_may_nominate(app, db, sentra, owner, business, other_owner, buyer, curator):
    product = ovop_product(business)
    member = make_user("anggota@tapis.id")
    make_membership(sentra, member)
    elsewhere = make_user("ketua@batik.id")
    make_membership(make_sentra("batik-laweyan", commodity="batik", province="jawa-tengah"), elsewhere,
                    role="pengurus")
    for person in (owner, member, elsewhere, other_owner, buyer, curator):
        other = browser(app, person)
        assert other.get("/sentra/tenun-tapis-bandar-lampung/ovop").status_code == 403
        token = csrf_from(other.get("/account").get_data(as_text=True))
        for action in ("nominate", "withdraw"):
            response = other.post(f"/products/{product.id}/ovop/{action}", data={"csrf_token": token})
            assert response.status_code == 403, (person.email, action)
    assert reload(db, product.id).ovop_nominated_at is None


def test_a_pengelola_and_an_admin_may_nominate(app, db, sentra, business, admin):
    first = ovop_product(business, title="Tapis Satu")
    second = ovop_product(business, title="Tapis Dua")
    pengelola = make_user("pengelola@tapis.id")
    make_membership(sentra, pengelola, role="pengelola")
    assert nominate(browser(app, pengelola), first).status_code == 303
    assert nominate(browser(app, admin), second).status_code == 303
    assert reload(db, first.id).ovop_nominated_at and reload(db, second.id).ovop_nominated_at


def test_a_sentra_nominates_at_most_the_configured_number(app, client, db, business, pengurus, login):
    app.config["OVOP_MAX_NOMINATIONS"] = 2
    products = [ovop_product(business, title=f"Tapis {n}") for n in range(3)]
    login(pengurus)
    nominate(client, products[0])
    nominate(client, products[1])
    response = nominate(client, products[2])
    refusal = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "already has 2 nominated products" in refusal
    assert reload(db, products[2].id).ovop_nominated_at is None
    page = client.get("/sentra/tenun-tapis-bandar-lampung/ovop").get_data(as_text=True)
    assert "Nominated: 2 of 2" in page and "No nomination left" in page
    # Withdrawing one frees a place.
    nominate(client, products[0], "withdraw")
    nominate(client, products[2])
    assert reload(db, products[2].id).ovop_nominated_at is not None


def test_curators_rate_nominated_products_and_the_stars_show(app, client, db, owner, business, pengurus,
                                                             curator, login):
    product = ovop_product(business)
    nominate(browser(app, pengurus), product)
    login(curator)
    queue = client.get("/ovop/curation").get_data(as_text=True)
    assert "Kain Tapis Siger Motif Pucuk Rebung" in queue and "Waiting (1)" in queue
    page = client.get(f"/products/{product.id}/ovop/rate").get_data(as_text=True)
    for _code, label in OVOP_CRITERIA:
        assert str(label) in page
    response = post_form(client, f"/products/{product.id}/ovop/rate",
                         rating_data(stars="4", local_material="5", packaging="2"))
    assert response.status_code == 303
    product = reload(db, product.id)
    rating = db.session.get(OvopRating, product.id)
    assert product.ovop_stars == 4 and rating.stars == 4
    assert rating.local_material == 5 and rating.packaging == 2 and rating.curator_id == curator.id
    assert rating.note.startswith("Motif asli")
    kinds = set(db.session.scalars(select(Notification.kind).where(Notification.user_id == owner.id)))
    assert kinds == {"catalog.ovop_nominated", "catalog.ovop_rated"}
    # Out of the waiting queue, into the rated list; the form opens with the saved scores.
    rate_link = f"/products/{product.id}/ovop/rate"
    assert rate_link not in client.get("/ovop/curation").get_data(as_text=True)
    assert rate_link in client.get("/ovop/curation?show=rated").get_data(as_text=True)
    again = client.get(f"/products/{product.id}/ovop/rate").get_data(as_text=True)
    assert re.search(r'<input checked id="packaging-1" name="packaging"[^>]* value="2"', again)


def test_a_rating_needs_every_score_the_stars_and_a_note(app, client, db, business, pengurus, curator, login):
    product = ovop_product(business)
    nominate(browser(app, pengurus), product)
    login(curator)
    data = rating_data(note="  ", stars="9")
    data.pop("design_origin")
    response = post_form(client, f"/products/{product.id}/ovop/rate", data)
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Write a short assessment" in error_beside(html, "note")
    assert error_beside(html, "stars")
    assert "Score this criterion" in error_beside(html, "design_origin")
    assert reload(db, product.id).ovop_stars is None


def test_only_curators_and_admins_rate(app, db, sentra, business, pengurus, owner, buyer, admin):
    product = ovop_product(business)
    nominate(browser(app, pengurus), product)
    for person in (owner, pengurus, buyer):
        other = browser(app, person)
        assert other.get("/ovop/curation").status_code == 403
        assert other.get(f"/products/{product.id}/ovop/rate").status_code == 403
        token = csrf_from(other.get("/account").get_data(as_text=True))
        response = other.post(f"/products/{product.id}/ovop/rate",
                              data={**rating_data(), "csrf_token": token})
        assert response.status_code == 403
    assert reload(db, product.id).ovop_stars is None
    assert browser(app, admin).get("/ovop/curation").status_code == 200


def test_a_curator_cannot_rate_a_product_of_a_business_they_own(app, client, db, sentra, business, pengurus,
                                                                login):
    curating_owner = make_user("kurator.perajin@tapis.id", is_curator=True, display_name="Kurator Perajin")
    make_membership(sentra, curating_owner)
    own = ovop_product(make_business(curating_owner, sentra, slug="tapis-kurator", name="Tapis Kurator"),
                       title="Tapis Milik Kurator")
    other = ovop_product(business)
    board = browser(app, pengurus)
    nominate(board, own)
    nominate(board, other)
    login(curating_owner)
    queue = client.get("/ovop/curation").get_data(as_text=True)
    assert "Tapis Milik Kurator" in queue and "Your business" in queue  # listed, with no rate button
    assert f"/products/{own.id}/ovop/rate" not in queue
    assert f"/products/{other.id}/ovop/rate" in queue
    assert client.get(f"/products/{own.id}/ovop/rate").status_code == 403
    token = csrf_from(client.get("/account").get_data(as_text=True))
    response = client.post(f"/products/{own.id}/ovop/rate", data={**rating_data(), "csrf_token": token})
    assert response.status_code == 403
    assert reload(db, own.id).ovop_stars is None and db.session.get(OvopRating, own.id) is None
    # The service refuses too, whoever calls it.
    scores = {code: 4 for code, _label in OVOP_CRITERIA}
    with app.test_request_context("/"), pytest.raises(Forbidden):
        ovop.rate(curating_owner, reload(db, own.id), scores, 4, "Bagus.")
    db.session.rollback()
    assert post_form(client, f"/products/{other.id}/ovop/rate", rating_data()).status_code == 303


def test_products_that_are_not_nominated_cannot_be_rated(client, db, business, curator, login):
    product = ovop_product(business)
    login(curator)
    assert client.get(f"/products/{product.id}/ovop/rate").status_code == 404


def test_withdrawing_clears_the_stars_and_a_new_nomination_returns_to_the_queue(app, db, business, pengurus,
                                                                                curator):
    product = ovop_product(business)
    board, judge = browser(app, pengurus), browser(app, curator)
    nominate(board, product)
    post_form(judge, f"/products/{product.id}/ovop/rate", rating_data(stars="5"))
    assert reload(db, product.id).ovop_stars == 5
    nominate(board, product, "withdraw")
    product = reload(db, product.id)
    assert product.ovop_nominated_at is None and product.ovop_stars is None
    rate_link = f"/products/{product.id}/ovop/rate"
    assert rate_link not in judge.get("/ovop/curation").get_data(as_text=True)
    assert judge.get(rate_link).status_code == 404
    nominate(board, product)
    assert rate_link in judge.get("/ovop/curation").get_data(as_text=True)  # re-nominated: rate again


def test_unpublishing_or_dropping_the_ovop_channel_ends_the_nomination(app, client, db, owner, business,
                                                                       pengurus, login):
    first = ovop_product(business, title="Tapis Satu")
    second = ovop_product(business, title="Tapis Dua", ovop_stars=4)
    board = browser(app, pengurus)
    nominate(board, first)
    nominate(board, second)
    login(owner)
    post_form(client, f"/products/{first.id}/status", {"action": "unpublish"},
              form_url="/ikm/tapis-siti/products")
    assert reload(db, first.id).ovop_nominated_at is None
    post_form(client, f"/products/{second.id}/edit", product_data(channels=[]))
    product = reload(db, second.id)
    assert not product.is_ovop and product.ovop_nominated_at is None and product.ovop_stars is None


def test_stars_partial_reads_as_text_with_an_accessible_label(app, business):
    product = ovop_product(business, ovop_stars=4)
    with app.test_request_context("/", headers={"Accept-Language": "en"}):
        html = render_template_string('{% include "catalog/_ovop_stars.html" %}', product=product)
        unrated = render_template_string('{% include "catalog/_ovop_stars.html" %}',
                                         product=ovop_product(business, title="Tapis Dua"))
    assert "★★★★☆" in html and 'aria-label="4 of 5 stars"' in html
    assert unrated.strip() == ""


def test_assessment_partial_shows_each_criterion_and_the_note(app, client, db, business, pengurus, curator):
    product = ovop_product(business)
    nominate(browser(app, pengurus), product)
    post_form(browser(app, curator), f"/products/{product.id}/ovop/rate",
              rating_data(stars="3", value_added="5", note="Nilai tambah tinggi <b>sekali</b>."))
    product = reload(db, product.id)
    with app.test_request_context("/"):
        html = render_template_string('{% include "catalog/_ovop_assessment.html" %}', product=product)
    assert "★★★☆☆" in html and "Value added" in html and "5 of 5" in html
    assert "Nilai tambah tinggi &lt;b&gt;sekali&lt;/b&gt;." in html  # the note is escaped text
