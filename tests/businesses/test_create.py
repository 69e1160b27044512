"""Publishing a business profile at /ikm/new."""

from sqlalchemy import func, select

from marketplace.businesses.models import Business
from marketplace.sentra.models import Membership
from tests.businesses.conftest import business_data, is_checked
from tests.conftest import make_business, make_sentra, submit


def business_count(db):
    return db.session.scalar(select(func.count()).select_from(Business))


def test_anonymous_visitor_is_sent_to_login(client):
    response = client.get("/ikm/new")
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


def test_buyer_is_told_profiles_are_for_sellers(client, db, buyer, login):
    login(buyer)
    page = client.get("/ikm/new")
    assert page.status_code == 403
    assert "Business profiles are for sellers" in page.get_data(as_text=True)

    response = submit(client, "/ikm/new", business_data(), form_url="/")
    assert response.status_code == 403
    assert business_count(db) == 0


def test_sentra_list_shows_one_province_at_a_time(client, owner, login):
    make_sentra("tenun-tapis-bandar-lampung", name="Sentra Tapis Kemiling", province="lampung")
    make_sentra("batik-laweyan", name="Sentra Batik Laweyan", province="jawa-tengah",
                regency="Kota Surakarta", commodity="batik")
    login(owner)
    html = client.get("/ikm/new").get_data(as_text=True)
    assert "Not in a sentra yet" in html
    # With 13,762 sentra nationally, the list only holds the chosen province's sentra.
    assert "Sentra Batik Laweyan" not in html and "Sentra Tapis Kemiling" not in html
    for name in ("name", "sentra_province", "sentra", "description", "year_founded", "workforce",
                 "capacity_amount", "capacity_unit", "techniques", "certifications", "nib",
                 "export_ready", "phone", "whatsapp", "email", "address", "logo"):
        assert f'name="{name}"' in html, name
    assert 'enctype="multipart/form-data"' in html


def test_choosing_a_province_lists_its_sentra_and_keeps_what_was_typed(client, db, owner, login):
    make_sentra("tenun-tapis-bandar-lampung", name="Sentra Tapis Kemiling", province="lampung")
    make_sentra("batik-laweyan", name="Sentra Batik Laweyan", province="jawa-tengah",
                regency="Kota Surakarta", commodity="batik")
    login(owner)
    response = submit(client, "/ikm/new", business_data(
        sentra_province="jawa-tengah", show_sentra="1", description="Batik tulis sejak 1985"))
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "Sentra Batik Laweyan (Kota Surakarta)" in html
    assert "Sentra Tapis Kemiling" not in html
    assert "Batik tulis sejak 1985" in html
    assert business_count(db) == 0  # showing the list saves nothing


def test_register_link_from_a_sentra_page_preselects_it(client, owner, login):
    sentra = make_sentra("batik-laweyan", name="Sentra Batik Laweyan", province="jawa-tengah",
                         regency="Kota Surakarta", commodity="batik")
    login(owner)
    html = client.get("/ikm/new?sentra=batik-laweyan").get_data(as_text=True)
    assert f'<option selected value="{sentra.id}">Sentra Batik Laweyan (Kota Surakarta)</option>' in html
    assert '<option selected value="jawa-tengah">Jawa Tengah</option>' in html


def test_a_sentra_id_that_does_not_exist_is_refused(client, db, owner, login):
    login(owner)
    response = submit(client, "/ikm/new", business_data(sentra="999999"))
    assert response.status_code == 400
    assert "Choose a sentra from the list." in response.get_data(as_text=True)
    assert business_count(db) == 0


def test_owner_publishes_a_complete_profile(client, db, owner, login):
    login(owner)
    response = submit(client, "/ikm/new", business_data(
        techniques="tenun ikat,  sulam tapis, Tenun Ikat, , pewarnaan alami"))
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/ikm/tapis-siger-ibu-siti")

    business = db.session.scalar(select(Business))
    assert business.owner_id == owner.id
    assert business.slug == "tapis-siger-ibu-siti"
    assert business.year_founded == 1998 and business.workforce == 12
    assert (business.capacity_amount, business.capacity_unit) == (2000, "lembar")
    assert business.techniques == "tenun ikat, sulam tapis, pewarnaan alami"
    assert business.certification_codes == ["HALAL", "SNI"]
    assert business.nib == "9120301234567"
    assert business.export_ready is True
    assert business.sentra_id is None
    assert business.description == "Kami menenun tapis sejak 1998.\n\nSemua motif dikerjakan tangan."

    page = client.get(response.headers["Location"])
    assert "Your business profile is published." in page.get_data(as_text=True)


def test_only_a_name_is_required(client, db, owner, login):
    login(owner)
    response = submit(client, "/ikm/new", {"name": "Keripik Pisang Mak Ijah"})
    assert response.status_code == 302
    business = db.session.scalar(select(Business))
    assert business.name == "Keripik Pisang Mak Ijah"
    assert business.certification_codes == [] and business.export_ready is False
    assert business.techniques is None and business.nib is None


def test_validation_errors_keep_what_was_typed(client, db, owner, login):
    login(owner)
    response = submit(client, "/ikm/new", business_data(
        name="", nib="12345", year_founded="2999", email="not-an-email",
        description="Tapis motif kapal & siger <asli>"))
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert business_count(db) == 0
    assert "Please correct the highlighted fields below." in html
    # The error sits beside its field...
    assert 'id="name-error"' in html and 'id="nib-error"' in html
    assert 'id="year_founded-error"' in html and 'id="email-error"' in html
    assert "The NIB has exactly 13 digits." in html
    # ...and every other value is still there, escaped.
    assert "Tapis motif kapal &amp; siger &lt;asli&gt;</textarea>" in html
    assert 'value="tenun ikat, sulam tapis, pewarnaan alami"' in html
    assert 'value="0812-3456-7890"' in html
    assert is_checked(html, "certifications", "SNI") and is_checked(html, "certifications", "HALAL")
    assert not is_checked(html, "certifications", "PIRT")
    assert is_checked(html, "export_ready", "y")
    assert '<option selected value="lembar">' in html


def test_nib_must_have_thirteen_digits(client, db, owner, login):
    login(owner)
    for wrong in ("12345", "12345678901234", "12345678901ab"):
        response = submit(client, "/ikm/new", business_data(nib=wrong))
        assert response.status_code == 400, wrong
        assert "The NIB has exactly 13 digits." in response.get_data(as_text=True)
    assert business_count(db) == 0

    response = submit(client, "/ikm/new", business_data(nib="9120 3012 34567"))
    assert response.status_code == 302
    assert db.session.scalar(select(Business.nib)) == "9120301234567"


def test_capacity_needs_amount_and_unit(client, db, owner, login):
    login(owner)
    response = submit(client, "/ikm/new", business_data(capacity_unit=""))
    assert response.status_code == 400
    assert "Choose the unit of your monthly capacity." in response.get_data(as_text=True)
    response = submit(client, "/ikm/new", business_data(capacity_amount=""))
    assert response.status_code == 400
    assert "Enter how much you can make per month in this unit." in response.get_data(as_text=True)
    assert business_count(db) == 0


def test_unknown_sentra_and_certification_are_refused(client, db, owner, login):
    login(owner)
    assert submit(client, "/ikm/new", business_data(sentra="999")).status_code == 400
    assert submit(client, "/ikm/new", business_data(certifications=["NOBEL"])).status_code == 400
    assert business_count(db) == 0


def test_slugs_are_unique(client, db, owner, other_owner, login):
    make_business(other_owner, slug="tapis-siger-ibu-siti", name="Tapis Siger Ibu Siti")
    login(owner)
    first = submit(client, "/ikm/new", business_data())
    second = submit(client, "/ikm/new", business_data())
    assert first.headers["Location"].endswith("/ikm/tapis-siger-ibu-siti-2")
    assert second.headers["Location"].endswith("/ikm/tapis-siger-ibu-siti-3")
    accented = submit(client, "/ikm/new", business_data(name="Kopi Gayo Â Ñoño — Aceh!"))
    assert accented.headers["Location"].endswith("/ikm/kopi-gayo-a-nono-aceh")
    symbols = submit(client, "/ikm/new", business_data(name="☕☕"))
    assert symbols.headers["Location"].endswith("/ikm/ikm")


def test_choosing_a_sentra_requests_a_pending_membership(client, db, owner, login):
    sentra = make_sentra()
    login(owner)
    response = submit(client, "/ikm/new", business_data(sentra=str(sentra.id)))
    assert response.status_code == 302
    business = db.session.scalar(select(Business))
    assert business.sentra_id == sentra.id
    membership = db.session.scalar(select(Membership).where(Membership.user_id == owner.id))
    assert membership.sentra_id == sentra.id
    assert membership.status == "pending" and membership.role == "anggota"
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert f"You asked to join {sentra.name}." in page


def test_an_active_member_needs_no_new_approval(client, db, owner, login):
    from tests.conftest import make_membership

    sentra = make_sentra()
    make_membership(sentra, owner, role="pengurus", status="active")
    login(owner)
    response = submit(client, "/ikm/new", business_data(sentra=str(sentra.id)))
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "You asked to join" not in page
    assert db.session.scalar(select(func.count()).select_from(Membership)) == 1


def test_create_form_needs_a_csrf_token(client, db, owner, login):
    login(owner)
    response = client.post("/ikm/new", data=business_data())
    assert response.status_code == 400
    assert business_count(db) == 0


def test_get_changes_nothing(client, db, owner, login):
    login(owner)
    client.get("/ikm/new?name=Sneaky&sentra=1")
    assert business_count(db) == 0
