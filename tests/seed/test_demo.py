"""`flask seed demo` on an empty database gives a demo a visitor, a member and a buyer can use."""

import re
from pathlib import Path

from sqlalchemy import func, select

from marketplace import reference
from marketplace.accounts.models import User
from marketplace.accounts.services import authenticate
from marketplace.businesses.models import Business, BusinessCertification
from marketplace.catalog.models import ProductImage
from marketplace.media import VARIANTS, Image
from marketplace.seed.demo import people_plan
from marketplace.sentra.models import (
    ROLE_ANGGOTA,
    ROLE_PENGELOLA,
    ROLE_PENGURUS,
    ROLE_UPT,
    STATUS_ACTIVE,
    Membership,
    Sentra,
    SentraFacility,
    SentraPhoto,
    SentraProgramme,
)
from marketplace.sentra.services import can_manage
from tests.conftest import post_form

TAPIS = "tenun-tapis-bandar-lampung"
DEMO_EMAILS = [
    "admin@example.com", "pengelola@example.com", "perajin@example.com", "kurator@example.com",
    "ekspor@example.com", "industri@example.com",
]
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
FAKE_PHONE = re.compile(r"^0812-0000-\d{4}$")
COUNTED = (Sentra, SentraFacility, SentraProgramme, SentraPhoto, Business, BusinessCertification,
           User, Membership, Image)


def count(db, model):
    return db.session.scalar(select(func.count()).select_from(model))


def counts(db):
    return {model.__name__: count(db, model) for model in COUNTED}


def test_demo_loads_at_least_twelve_verified_sentra_with_valid_reference_data(seeded, db):
    sentra = db.session.scalars(select(Sentra)).unique().all()
    assert len(sentra) >= 12
    assert {s.province for s in sentra} >= {
        "lampung", "jawa-tengah", "di-yogyakarta", "jawa-barat", "jawa-timur", "aceh", "sumatera-selatan",
    }
    for s in sentra:
        assert SLUG.match(s.slug), s.slug
        assert s.name.startswith("Sentra IKM ")
        assert s.verified and s.tagline and s.guided_by
        assert 2 <= len(s.story.split("\n\n")) <= 4, s.slug
        assert s.commodity in reference.COMMODITIES
        assert s.province in reference.PROVINCE_NAMES
        assert s.accent in reference.ACCENT_LABELS
        if reference.regencies_for(s.province):
            assert s.regency in reference.regencies_for(s.province), s.regency
        assert FAKE_PHONE.match(s.whatsapp) and s.email.endswith("@example.com")
        assert s.facilities, s.slug
        assert all(f.kind in reference.FACILITY_LABELS and f.note for f in s.facilities)


def test_tapis_sentra_is_the_revitalised_kemiling_building_with_fifteen_weavers(seeded, db):
    tapis = db.session.scalar(select(Sentra).where(Sentra.slug == TAPIS))
    assert tapis.commodity == "tapis" and tapis.province == "lampung"
    assert (tapis.regency, tapis.district, tapis.village) == ("Kota Bandar Lampung", "Kemiling",
                                                              "Beringin Jaya")
    assert "Teuku Cik Ditiro" in tapis.address
    assert {f.kind for f in tapis.facilities} == {
        "kantor_upt", "kantor_pengelola", "gedung_produksi", "showroom", "mesin_peralatan",
    }
    assert [(p.kind, p.funding, p.year) for p in tapis.programmes] == [("revitalisasi", "DAK", 2021)]
    assert count(db, select(Business).where(Business.sentra_id == tapis.id).subquery()) == 15
    # Only the tapis sentra claims a DAK programme.
    assert count(db, SentraProgramme) == 1


def test_every_sentra_has_businesses_whose_owners_are_active_members(seeded, db):
    businesses = db.session.scalars(select(Business)).unique().all()
    per_sentra = {}
    for business in businesses:
        per_sentra.setdefault(business.sentra_id, []).append(business)
        assert SLUG.match(business.slug)
        assert business.owner.kind == "business" and business.owner.email.endswith("@example.com")
        assert len(business.nib) == 13 and business.nib.isdigit()
        assert business.description and business.year_founded and business.workforce
        assert business.capacity_amount > 0 and business.capacity_unit in reference.CAPACITY_UNIT_LABELS
        assert business.technique_list
        assert set(business.certification_codes) <= set(reference.CERTIFICATION_LABELS)
        assert business.whatsapp is None or FAKE_PHONE.match(business.whatsapp)
    assert len({b.nib for b in businesses}) == len(businesses)
    assert all(4 <= len(group) <= 15 for group in per_sentra.values())
    assert sum(b.export_ready for b in businesses) >= 10
    assert sum(b.whatsapp is not None for b in businesses) > len(businesses) / 2

    members = {tuple(row) for row in db.session.execute(
        select(Membership.sentra_id, Membership.user_id)
        .where(Membership.role == ROLE_ANGGOTA, Membership.status == STATUS_ACTIVE)
    )}
    assert all((b.sentra_id, b.owner_id) in members for b in businesses)


def test_every_sentra_has_a_ketua_a_pengelola_and_upt_staff(seeded, db):
    roles = {}
    for membership in db.session.scalars(select(Membership).where(Membership.status == STATUS_ACTIVE)):
        roles.setdefault(membership.sentra_id, []).append((membership.role, membership.title))
    assert len(roles) == count(db, Sentra)
    for held in roles.values():
        assert (ROLE_PENGURUS, "ketua") in held
        assert any(role == ROLE_PENGELOLA for role, _title in held)
        assert any(role == ROLE_UPT for role, _title in held)
    assert any((ROLE_PENGURUS, "sekretaris") in held for held in roles.values())


def test_demo_accounts_have_the_demo_password_and_their_roles(seeded, db):
    users = {email: authenticate(email, "sentra-demo") for email in DEMO_EMAILS}
    assert all(users.values()), users
    assert users["admin@example.com"].is_admin and users["admin@example.com"].is_moderator
    assert users["kurator@example.com"].is_curator
    export = users["ekspor@example.com"]
    assert (export.kind, export.buyer_type, export.country) == ("buyer", "export", "SE")
    assert export.company_name
    industry = users["industri@example.com"]
    assert (industry.kind, industry.buyer_type, industry.country) == ("buyer", "industry", "ID")
    assert industry.company_name.startswith("PT ")
    assert authenticate("admin@example.com", "wrong-password") is None


def test_pengelola_manages_the_tapis_sentra_and_perajin_owns_a_tapis_business(seeded, db):
    tapis = db.session.scalar(select(Sentra).where(Sentra.slug == TAPIS))
    pengelola = db.session.scalar(select(User).where(User.email == "pengelola@example.com"))
    perajin = db.session.scalar(select(User).where(User.email == "perajin@example.com"))
    membership = db.session.scalar(select(Membership).where(
        Membership.sentra_id == tapis.id, Membership.user_id == pengelola.id))
    assert membership.role == ROLE_PENGELOLA and membership.can_manage
    assert can_manage(pengelola, tapis)
    assert not can_manage(perajin, tapis)
    business = db.session.scalar(select(Business).where(Business.owner_id == perajin.id))
    assert business.sentra_id == tapis.id
    assert db.session.scalar(select(Membership).where(
        Membership.sentra_id == tapis.id, Membership.user_id == perajin.id)).role == ROLE_ANGGOTA


def test_each_demo_account_logs_in_through_the_login_page(seeded, app):
    for email in DEMO_EMAILS:
        client = app.test_client()
        response = post_form(client, "/login", {"email": email, "password": "sentra-demo"})
        assert response.status_code == 302, email
        assert "/login" not in response.headers["Location"]
        assert client.get("/account").status_code == 200, email


def test_demo_pictures_are_stored_on_disk_with_alt_texts(seeded, app, db):
    upload_dir = Path(app.config["UPLOAD_DIR"])
    sentra = db.session.scalars(select(Sentra)).unique().all()
    assert all(s.banner and s.logo for s in sentra)
    assert all(s.banner.width == 1600 and s.banner.height == 600 for s in sentra)
    assert all(b.logo for b in db.session.scalars(select(Business)).unique())
    assert len([s for s in sentra if s.photos]) >= 3
    images = db.session.scalars(select(Image)).all()
    for image in images:
        assert image.alt
        for variant in VARIANTS:
            path = upload_dir / image.hash[:2] / f"{image.hash}-{variant}.webp"
            assert path.is_file() and path.stat().st_size > 0, path
    # Every business and sentra gets its own picture, none is shared by accident; product
    # photos come from a small pool per sentra, shared by several products on purpose.
    used = count(db, Sentra) * 2 + count(db, Business) + count(db, SentraPhoto)
    product_pictures = db.session.scalar(select(func.count(func.distinct(ProductImage.image_id))))
    assert product_pictures > 0
    assert len(images) == used + product_pictures


def test_running_the_seed_again_changes_nothing(seeded, app, db):
    before = counts(db)
    result = app.test_cli_runner().invoke(args=["seed", "demo"])
    assert result.exit_code == 0, result.output
    db.session.expire_all()
    assert counts(db) == before
    assert "0 new" in result.output
    assert before["Sentra"] >= 12 and before["User"] > before["Business"]


def test_the_command_prints_a_summary(seeded):
    assert "Demo data ready" in seeded
    assert "sentra-demo" in seeded and "pengelola@example.com" in seeded


def test_demo_people_have_distinct_emails():
    emails = [email for email, *_rest in people_plan()]
    assert len(emails) == len(set(emails))
    assert all(email == email.lower() and email.endswith("@example.com") for email in emails)


def test_regency_lists_have_no_duplicates_and_cover_the_sentra_provinces():
    for province, regencies in reference.REGENCIES.items():
        assert province in reference.PROVINCE_NAMES
        assert len(regencies) == len(set(regencies)), province
        assert all(r.startswith(("Kabupaten ", "Kota ")) for r in regencies), province
    expected = {"lampung": 15, "di-yogyakarta": 5, "jawa-tengah": 35, "jawa-barat": 27,
                "jawa-timur": 38, "aceh": 23, "sumatera-selatan": 17}
    assert {p: len(reference.regencies_for(p)) for p in expected} == expected
    assert reference.regencies_for("papua-pegunungan") == []


def test_moderators_find_a_reported_advert_in_the_queue_and_a_hidden_one_in_the_log(seeded, app):
    client = app.test_client()
    response = post_form(client, "/login", {"email": "admin@example.com", "password": "sentra-demo"})
    assert response.status_code == 302
    english = {"Accept-Language": "en"}
    queue = client.get("/forum/moderation", headers=english).get_data(as_text=True)
    assert "Jual mesin sangrai kopi 5 kg murah" in queue
    log = client.get("/forum/moderation/log", headers=english).get_data(as_text=True)
    assert "Hid a post" in log and "Iklan yang tidak berhubungan dengan topik" in log
