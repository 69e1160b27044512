"""The branding page editor, the gallery manager and creating a sentra."""

import io
import re

from marketplace.extensions import db as _db
from marketplace.sentra.models import Sentra, SentraFacility, SentraPhoto, SentraProgramme
from tests.conftest import csrf_from, make_sentra
from tests.sentra.conftest import picture, read_form

BASE = "/sentra/tenun-tapis-bandar-lampung"
EDIT = f"{BASE}/edit"


def open_editor(client, url=EDIT):
    page = client.get(url)
    assert page.status_code == 200
    return read_form(page.get_data(as_text=True), url)


def save(client, data, url=EDIT):
    return client.post(url, data=data, content_type="multipart/form-data")


def reload(sentra_id):
    _db.session.expire_all()
    return _db.session.get(Sentra, sentra_id)


def test_manager_edits_every_field(login, world):
    browser = login(world.ketua)
    data = open_editor(browser)
    assert data["facilities-0-note"] == "" and "facilities-0-available" not in data
    data.update({
        "name": "Sentra Tapis Kemiling", "tagline": "Tapis emas dari Kemiling",
        "story": "First paragraph.\r\n\r\nSecond paragraph.", "commodity": "tenun",
        "province": "lampung", "regency": "Kota Bandar Lampung", "district": "Kemiling",
        "village": "Beringin Raya", "address": "Jl. Teuku Cik Ditiro 12", "year_established": "1985",
        "guided_by": "Kemenperin", "phone": "0721 555 123", "whatsapp": "0812 3456 7890",
        "email": "halo@tapiskemiling.id", "accent": "forest",
        "facilities-0-available": "y", "facilities-0-note": "Two looms",
        "facilities-5-available": "y", "facilities-5-note": "",
        "facilities-7-note": "typed but not ticked",
        "programmes-0-kind": "revitalisasi", "programmes-0-funding": "DAK", "programmes-0-year": "2021",
        "programmes-0-note": "Roof",
    })
    response = save(browser, data)
    assert response.status_code == 302 and response.headers["Location"] == BASE
    sentra = reload(world.sentra.id)
    assert sentra.name == "Sentra Tapis Kemiling" and sentra.commodity == "tenun"
    assert sentra.story == "First paragraph.\n\nSecond paragraph."
    assert sentra.whatsapp == "6281234567890"
    assert sentra.year_established == 1985 and sentra.accent == "forest"
    assert [(f.kind, f.note) for f in sentra.facilities] == [("rumah_produksi", "Two looms"),
                                                             ("showroom", None)]
    assert [(p.kind, p.funding, p.year, p.note) for p in sentra.programmes] == [
        ("revitalisasi", "DAK", 2021, "Roof")]
    html = login().get(BASE).get_data(as_text=True)
    assert 'class="sentra-page accent-forest"' in html
    assert "DAK 2021 · Revitalisation (revitalisasi) — Roof" in html
    assert 'href="https://wa.me/6281234567890"' in html


def test_editor_round_trips_existing_rows(login, world):
    browser = login(world.ketua)
    _db.session.add_all([
        SentraFacility(sentra_id=world.sentra.id, kind="ipal", note="Built 2019", position=7),
        SentraProgramme(sentra_id=world.sentra.id, kind="pembangunan", funding="APBD", year=2015),
        SentraProgramme(sentra_id=world.sentra.id, kind="revitalisasi", funding="DAK", year=2021),
    ])
    _db.session.commit()
    data = open_editor(browser)
    assert data["facilities-7-available"] == "y" and data["facilities-7-note"] == "Built 2019"
    assert data["programmes-0-funding"] == "APBD" and data["programmes-0-kind"] == "pembangunan"
    assert data["programmes-2-kind"] == "" and data["programmes-3-funding"] == "DAK"  # two empty rows
    # Unchanged form: nothing moves. Then remove the first programme and edit the second.
    assert save(browser, dict(data)).status_code == 302
    assert len(reload(world.sentra.id).programmes) == 2
    data.update({"programmes-0-remove": "y", "programmes-1-note": "Looms"})
    assert save(browser, data).status_code == 302
    sentra = reload(world.sentra.id)
    assert [(p.kind, p.year, p.note) for p in sentra.programmes] == [("revitalisasi", 2021, "Looms")]
    assert [(f.kind, f.note) for f in sentra.facilities] == [("ipal", "Built 2019")]


def test_posted_ids_and_kinds_from_elsewhere_are_ignored(login, world):
    foreign = SentraProgramme(sentra_id=world.other.id, kind="pembangunan", funding="DAK", year=2010)
    _db.session.add(foreign)
    _db.session.commit()
    browser = login(world.ketua)
    data = open_editor(browser)
    data.update({
        "programmes-0-id": str(foreign.id), "programmes-0-kind": "revitalisasi", "programmes-0-year": "2022",
        "facilities-0-available": "y", "facilities-0-kind": "hacked-kind",
        "slug": "hijacked", "verified": "", "sentra_id": str(world.other.id),
    })
    assert save(browser, data).status_code == 302
    _db.session.expire_all()
    assert _db.session.get(SentraProgramme, foreign.id).year == 2010
    sentra = reload(world.sentra.id)
    assert sentra.slug == "tenun-tapis-bandar-lampung" and sentra.verified is True
    assert [f.kind for f in sentra.facilities] == ["rumah_produksi"]
    assert sentra.programmes == []


def test_manager_cannot_toggle_verified_but_admin_can(login, world):
    manager = login(world.ketua)
    data = open_editor(manager)
    assert "verified" not in data
    assert 'name="verified"' not in manager.get(EDIT).get_data(as_text=True)
    save(manager, {**data, "verified": ""})
    assert reload(world.sentra.id).verified is True

    admin = login(world.admin)
    data = open_editor(admin)
    assert data["verified"] == "y"
    del data["verified"]  # untick the box
    assert save(admin, data).status_code == 302
    assert reload(world.sentra.id).verified is False


def test_bad_logo_keeps_typed_values_and_explains(login, world):
    browser = login(world.ketua)
    data = open_editor(browser)
    data.update({"name": "Nama Baru Yang Diketik", "tagline": "Tagline baru", "regency": "Kota Metro",
                 "facilities-3-available": "y", "facilities-3-note": "Lantai dua",
                 "programmes-0-kind": "pembangunan", "programmes-0-year": "2019",
                 "logo": (io.BytesIO(b"this is not a picture at all"), "logo.jpg"),
                 "banner": (picture((800, 300)), "banner.jpg")})
    response = save(browser, data)
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    error = re.search(r'<p class="error" id="logo-error">([^<]+)</p>', html)
    assert error and "not a picture we can read" in error.group(1)
    assert 'value="Nama Baru Yang Diketik"' in html
    assert 'value="Tagline baru"' in html and 'value="Kota Metro"' in html
    assert re.search(r'<input checked id="facilities-3-available"', html)
    assert 'value="Lantai dua"' in html and 'value="2019"' in html
    sentra = reload(world.sentra.id)
    assert sentra.name == "Sentra IKM Tenun Tapis" and sentra.logo_id is None and sentra.banner_id is None


def test_good_logo_and_banner_are_saved(login, world):
    browser = login(world.ketua)
    data = open_editor(browser)
    data.update({"logo": (picture((200, 200), fmt="PNG"), "logo.png"),
                 "banner": (picture((1200, 500)), "banner.jpg")})
    assert save(browser, data).status_code == 302
    sentra = reload(world.sentra.id)
    assert sentra.logo is not None and sentra.banner is not None
    html = login().get(BASE).get_data(as_text=True)
    assert f'src="/media/{sentra.logo.hash}-thumb.webp"' in html
    assert 'alt="Logo of Sentra IKM Tenun Tapis"' in html


def test_validation_errors_are_shown_beside_the_fields(login, world):
    browser = login(world.ketua)
    data = open_editor(browser)
    data.update({"name": "", "year_established": "1200", "whatsapp": "call me", "email": "nope",
                 "province": "atlantis", "programmes-0-year": "2020", "programmes-0-note": "no kind"})
    response = save(browser, data)
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    for field in ("name", "year_established", "whatsapp", "email", "province", "programmes-0-kind"):
        assert f'id="{field}-error"' in html, field
    assert reload(world.sentra.id).name == "Sentra IKM Tenun Tapis"


def test_gallery_upload_and_delete(login, world):
    browser = login(world.pengelola)
    page = browser.get(f"{BASE}/photos").get_data(as_text=True)
    response = browser.post(f"{BASE}/photos", data={
        "csrf_token": csrf_from(page), "image": (picture(), "weaving.jpg"), "caption": "Weaving day",
    }, content_type="multipart/form-data")
    assert response.status_code == 302
    photo = _db.session.query(SentraPhoto).one()
    assert photo.sentra_id == world.sentra.id and photo.caption == "Weaving day"

    # A refused picture explains itself and keeps the caption.
    response = browser.post(f"{BASE}/photos", data={
        "csrf_token": csrf_from(page), "image": (io.BytesIO(b"GIF89a nope"), "x.jpg"), "caption": "Kept",
    }, content_type="multipart/form-data")
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert 'id="image-error"' in html and 'value="Kept"' in html
    # No file at all.
    response = browser.post(f"{BASE}/photos", data={"csrf_token": csrf_from(page), "caption": "x"},
                            content_type="multipart/form-data")
    assert response.status_code == 400 and "Choose a picture to upload." in response.get_data(as_text=True)

    page = browser.get(f"{BASE}/photos").get_data(as_text=True)
    assert f'action="{BASE}/photos/{photo.id}/delete"' in page
    response = browser.post(f"{BASE}/photos/{photo.id}/delete", data={"csrf_token": csrf_from(page)})
    assert response.status_code == 302
    assert _db.session.query(SentraPhoto).count() == 0


def test_admin_creates_sentra_with_unique_slugs(login, world):
    admin = login(world.admin)
    data = open_editor(admin, "/sentra/new")
    data.update({"name": "Sentra Batik Laweyan", "commodity": "batik", "province": "jawa-tengah",
                 "regency": "Kota Surakarta", "tagline": "Batik sejak 1546",
                 "facilities-5-available": "y", "verified": "y"})
    response = save(admin, data, "/sentra/new")
    assert response.status_code == 302
    assert response.headers["Location"] == "/sentra/sentra-batik-laweyan"
    created = _db.session.query(Sentra).filter_by(slug="sentra-batik-laweyan").one()
    assert created.verified is True and [f.kind for f in created.facilities] == ["showroom"]

    make_sentra("sentra-batik-laweyan-2", name="Other")
    response = save(admin, data, "/sentra/new")
    assert response.headers["Location"] == "/sentra/sentra-batik-laweyan-3"
    assert login().get("/sentra/sentra-batik-laweyan-3").status_code == 200


def test_new_sentra_needs_name_commodity_and_province(login, world):
    admin = login(world.admin)
    data = open_editor(admin, "/sentra/new")
    data.update({"name": "", "tagline": "Still here"})
    response = save(admin, data, "/sentra/new")
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    for field in ("name", "commodity", "province"):
        assert f'id="{field}-error"' in html
    assert 'value="Still here"' in html


def test_regency_must_belong_to_the_chosen_province(login, world):
    browser = login(world.ketua)
    data = open_editor(browser)
    assert '<option value="Kota Bandar Lampung">' in browser.get(EDIT).get_data(as_text=True)

    data.update({"province": "lampung", "regency": "Kota Surakarta"})
    response = save(browser, data)
    assert response.status_code == 400
    assert "not a regency or city of the chosen province" in response.get_data(as_text=True)

    data.update({"province": "jawa-barat", "regency": "bandung"})
    response = save(browser, data)
    assert response.status_code == 400
    assert "Kabupaten Bandung, Kota Bandung" in response.get_data(as_text=True)

    data.update({"province": "lampung", "regency": "bandar  lampung"})
    assert save(browser, data).status_code == 302
    assert reload(world.sentra.id).regency == "Kota Bandar Lampung"
