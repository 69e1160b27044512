"""Changing a business profile at /ikm/<slug>/edit: the owner and admins only."""

from sqlalchemy import select

from marketplace.businesses.models import Business, BusinessCertification
from marketplace.sentra.models import Membership
from tests.businesses.conftest import business_data, is_checked
from tests.conftest import make_business, make_membership, make_sentra, submit


def sitis_business(db, owner, sentra=None):
    business = make_business(owner, sentra=sentra, slug="tapis-siger", name="Tapis Siger Ibu Siti",
                             nib="9120301234567", techniques="tenun ikat", export_ready=False)
    business.certifications = [BusinessCertification(code="SNI")]
    db.session.commit()
    return business


def reload(db, slug="tapis-siger"):
    db.session.expire_all()
    return db.session.scalar(select(Business).where(Business.slug == slug))


def test_anonymous_visitor_is_sent_to_login(client, db, owner):
    sitis_business(db, owner)
    for response in (client.get("/ikm/tapis-siger/edit"),
                     submit(client, "/ikm/tapis-siger/edit", business_data(name="Hacked"), form_url="/")):
        assert response.status_code == 302
        assert "/login" in response.headers["Location"]
    assert reload(db).name == "Tapis Siger Ibu Siti"


def test_another_business_owner_gets_403(client, db, owner, other_owner, login):
    sitis_business(db, owner)
    make_business(other_owner, slug="gerabah-budi", name="Gerabah Budi")
    login(other_owner)
    assert client.get("/ikm/tapis-siger/edit").status_code == 403
    # A valid CSRF token from Budi's own edit page does not open Siti's profile.
    response = submit(client, "/ikm/tapis-siger/edit", business_data(name="Hacked"),
                      form_url="/ikm/gerabah-budi/edit")
    assert response.status_code == 403
    business = reload(db)
    assert business.name == "Tapis Siger Ibu Siti" and business.owner_id == owner.id


def test_a_buyer_gets_403(client, db, owner, buyer, login):
    sitis_business(db, owner)
    login(buyer)
    assert client.get("/ikm/tapis-siger/edit").status_code == 403
    response = submit(client, "/ikm/tapis-siger/edit", business_data(name="Hacked"), form_url="/")
    assert response.status_code == 403
    assert reload(db).name == "Tapis Siger Ibu Siti"


def test_edit_form_starts_from_the_saved_profile(client, db, owner, login):
    sentra = make_sentra()
    make_membership(sentra, owner)
    sitis_business(db, owner, sentra=sentra)
    login(owner)
    response = client.get("/ikm/tapis-siger/edit")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'value="Tapis Siger Ibu Siti"' in html
    assert 'value="9120301234567"' in html
    assert is_checked(html, "certifications", "SNI")
    assert not is_checked(html, "certifications", "HALAL")
    assert f'<option selected value="{sentra.id}">' in html


def test_owner_saves_changes_and_keeps_the_address(client, db, owner, login):
    sitis_business(db, owner)
    login(owner)
    response = submit(client, "/ikm/tapis-siger/edit", business_data(
        name="Tapis Siger Siti & Putri", certifications=["HALAL", "PIRT"], techniques="sulam usus",
        export_ready=""))
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/ikm/tapis-siger")
    business = reload(db)
    assert business.name == "Tapis Siger Siti & Putri"
    assert business.slug == "tapis-siger"  # links and bookmarks keep working
    assert business.certification_codes == ["HALAL", "PIRT"]
    assert business.techniques == "sulam usus"
    assert business.export_ready is False
    page = client.get("/ikm/tapis-siger").get_data(as_text=True)
    assert "Your changes are saved." in page


def test_hidden_fields_do_not_change_owner_or_slug(client, db, owner, other_owner, login):
    sitis_business(db, owner)
    login(owner)
    response = submit(client, "/ikm/tapis-siger/edit", business_data(
        owner_id=str(other_owner.id), slug="stolen", id="99", logo_id="1"))
    assert response.status_code == 302
    business = reload(db)
    assert business.owner_id == owner.id
    assert business.slug == "tapis-siger"
    assert business.logo_id is None


def test_admin_may_edit(client, db, owner, admin, login):
    sitis_business(db, owner)
    login(admin)
    assert client.get("/ikm/tapis-siger/edit").status_code == 200
    response = submit(client, "/ikm/tapis-siger/edit", business_data(name="Tapis Siger (verified)"))
    assert response.status_code == 302
    business = reload(db)
    assert business.name == "Tapis Siger (verified)" and business.owner_id == owner.id


def test_invalid_edit_saves_nothing(client, db, owner, login):
    sitis_business(db, owner)
    login(owner)
    response = submit(client, "/ikm/tapis-siger/edit", business_data(name="Nama Baru", nib="123"))
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert 'value="Nama Baru"' in html and 'id="nib-error"' in html
    assert reload(db).name == "Tapis Siger Ibu Siti"


def test_changing_sentra_requests_membership_in_the_new_one(client, db, owner, login):
    old = make_sentra("tenun-tapis-bandar-lampung")
    new = make_sentra("sulam-usus-kemiling", name="Sentra Sulam Usus Kemiling")
    make_membership(old, owner)
    sitis_business(db, owner, sentra=old)
    login(owner)
    response = submit(client, "/ikm/tapis-siger/edit", business_data(sentra=str(new.id)))
    assert response.status_code == 302
    assert reload(db).sentra_id == new.id
    membership = db.session.scalar(
        select(Membership).where(Membership.sentra_id == new.id, Membership.user_id == owner.id))
    assert membership.status == "pending"
    page = client.get("/ikm/tapis-siger").get_data(as_text=True)
    assert "You asked to join Sentra Sulam Usus Kemiling." in page
    assert "Waiting for the sentra's approval" in page


def test_admin_changing_sentra_asks_for_the_owner(client, db, owner, admin, login):
    sentra = make_sentra()
    sitis_business(db, owner)
    login(admin)
    submit(client, "/ikm/tapis-siger/edit", business_data(sentra=str(sentra.id)))
    members = db.session.scalars(select(Membership.user_id)).all()
    assert members == [owner.id]


def test_leaving_the_sentra(client, db, owner, login):
    sentra = make_sentra()
    make_membership(sentra, owner)
    sitis_business(db, owner, sentra=sentra)
    login(owner)
    submit(client, "/ikm/tapis-siger/edit", business_data(sentra=""))
    assert reload(db).sentra_id is None


def test_owner_without_membership_can_ask_again(client, db, owner, login):
    sentra = make_sentra()
    sitis_business(db, owner, sentra=sentra)  # e.g. the sentra turned the request down
    login(owner)
    page = client.get("/ikm/tapis-siger").get_data(as_text=True)
    assert "you are not a member of this sentra" in page
    response = submit(client, "/ikm/tapis-siger/edit", business_data(sentra=str(sentra.id)))
    assert response.status_code == 302
    membership = db.session.scalar(select(Membership).where(Membership.user_id == owner.id))
    assert membership.sentra_id == sentra.id and membership.status == "pending"
    # Saving again does not ask twice.
    submit(client, "/ikm/tapis-siger/edit", business_data(sentra=str(sentra.id)))
    assert len(db.session.scalars(select(Membership)).all()) == 1
