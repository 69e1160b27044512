"""The public sentra API: what a developer building on /api/v1 can rely on."""

from PIL import Image as PILImage

from marketplace.media import store_picture
from marketplace.sentra.models import SentraFacility, SentraProgramme
from tests.conftest import make_business, make_membership, make_sentra, make_user

ENGLISH = {"Accept-Language": "en"}  # labels follow the request's language
SUMMARY_FIELDS = {
    "slug", "name", "commodity", "commodity_label", "tagline", "province", "province_name",
    "regency", "district", "village", "verified", "member_business_count", "url", "api_url",
    "logo", "banner",
}


def _member_business(sentra, email, name, status="active"):
    owner = make_user(email, display_name=name.title())
    make_membership(sentra, owner, status=status)
    return make_business(owner, sentra, name=name)


def _picture(db, colour="maroon"):
    image = store_picture(PILImage.new("RGB", (400, 300), colour), alt="Logo tapis")
    db.session.commit()
    return image


def test_visitor_lists_sentra_with_every_field_and_absolute_links(client, db):
    sentra = make_sentra(district="Kemiling", village="Beringin Jaya")
    sentra.logo = _picture(db)
    db.session.commit()

    response = client.get("/api/v1/sentra", headers=ENGLISH)

    assert response.status_code == 200
    assert response.mimetype == "application/json"
    body = response.get_json()
    assert set(body) == {"items", "page", "per_page", "total", "pages", "next", "prev"}
    assert (body["page"], body["per_page"], body["total"], body["pages"]) == (1, 20, 1, 1)
    assert body["next"] is None and body["prev"] is None
    item = body["items"][0]
    assert set(item) == SUMMARY_FIELDS
    assert item["slug"] == "tenun-tapis-bandar-lampung"
    assert item["commodity"] == "tapis" and item["commodity_label"] == "Tapis"
    assert item["province"] == "lampung" and item["province_name"] == "Lampung"
    assert (item["regency"], item["district"], item["village"]) == (
        "Kota Bandar Lampung", "Kemiling", "Beringin Jaya")
    assert item["verified"] is True
    assert item["url"] == "http://localhost/sentra/tenun-tapis-bandar-lampung"
    assert item["api_url"] == "http://localhost/api/v1/sentra/tenun-tapis-bandar-lampung"
    assert item["banner"] is None
    assert item["logo"]["alt"] == "Logo tapis"
    for variant in ("thumb", "medium", "large"):
        url = item["logo"][variant]
        assert url.startswith("http://localhost/media/") and url.endswith(f"-{variant}.webp")
        picture = client.get(url)
        assert picture.status_code == 200 and picture.mimetype == "image/webp"


def test_member_business_count_counts_only_businesses_of_active_members(client, db):
    tapis = make_sentra()
    other = make_sentra("gerabah-kasongan", commodity="gerabah-keramik", province="di-yogyakarta")
    _member_business(tapis, "a@test.id", "tapis siger")
    _member_business(tapis, "b@test.id", "tapis jaya")
    _member_business(tapis, "c@test.id", "tapis baru", status="pending")
    make_business(make_user("d@test.id"), tapis, name="tapis tanpa keanggotaan")
    _member_business(other, "e@test.id", "gerabah satu")

    items = {i["slug"]: i for i in client.get("/api/v1/sentra").get_json()["items"]}

    assert items["tenun-tapis-bandar-lampung"]["member_business_count"] == 2
    assert items["gerabah-kasongan"]["member_business_count"] == 1


def test_listing_costs_the_same_queries_for_one_sentra_or_many(client, db, count_queries):
    for n in range(3):
        sentra = make_sentra(f"sentra-{n}")
        _member_business(sentra, f"owner{n}@test.id", f"usaha {n}")
    with count_queries() as few:
        assert len(client.get("/api/v1/sentra").get_json()["items"]) == 3
    for n in range(3, 15):
        sentra = make_sentra(f"sentra-{n}")
        sentra.banner = _picture(db, colour=(n * 10, 20, 30))
        _member_business(sentra, f"owner{n}@test.id", f"usaha {n}")
    db.session.commit()
    with count_queries() as many:
        assert len(client.get("/api/v1/sentra").get_json()["items"]) == 15

    assert many.count == few.count
    assert many.count <= 4  # the page, its total, the member counts (+ a session lookup at most)


def test_filters_by_province_and_commodity_like_the_directory(client):
    make_sentra("tapis-lampung")
    make_sentra("kopi-lampung", commodity="kopi")
    make_sentra("batik-solo", commodity="batik", province="jawa-tengah")

    def slugs(query):
        return sorted(i["slug"] for i in client.get("/api/v1/sentra" + query).get_json()["items"])

    assert slugs("?province=lampung") == ["kopi-lampung", "tapis-lampung"]
    assert slugs("?commodity=batik") == ["batik-solo"]
    assert slugs("?province=lampung&commodity=kopi") == ["kopi-lampung"]
    assert slugs("?province=jawa-tengah&commodity=kopi") == []
    assert slugs("?province=&commodity=") == ["batik-solo", "kopi-lampung", "tapis-lampung"]


def test_pages_link_to_each_other_and_keep_the_filters(client):
    for letter in "abcde":
        make_sentra(f"sentra-{letter}", name=f"Sentra {letter.upper()}")
    make_sentra("kopi-x", name="Sentra Kopi", commodity="kopi")

    first = client.get("/api/v1/sentra?commodity=tapis&per_page=2").get_json()
    assert [i["slug"] for i in first["items"]] == ["sentra-a", "sentra-b"]  # verified first, by name
    assert (first["total"], first["pages"], first["prev"]) == (5, 3, None)
    assert first["next"].startswith("http://localhost/api/v1/sentra?")
    second = client.get(first["next"]).get_json()
    assert [i["slug"] for i in second["items"]] == ["sentra-c", "sentra-d"]
    assert second["page"] == 2 and second["per_page"] == 2
    third = client.get(second["next"]).get_json()
    assert [i["slug"] for i in third["items"]] == ["sentra-e"]
    assert third["next"] is None
    assert client.get(third["prev"]).get_json()["items"] == second["items"]


def test_a_page_after_the_last_is_empty_not_an_error(client):
    make_sentra()
    body = client.get("/api/v1/sentra?page=9").get_json()
    assert body["items"] == [] and body["total"] == 1 and body["next"] is None
    assert body["prev"].endswith("page=1&per_page=20")


def test_bad_query_parameters_answer_400_with_a_message(client):
    for query in ("page=abc", "page=0", "page=-1", "page=99999999999999999999", "per_page=1000",
                  "per_page=101", "per_page=0", "per_page=2.5", "province=atlantis", "commodity=uranium"):
        response = client.get(f"/api/v1/sentra?{query}")
        assert response.status_code == 400, query
        body = response.get_json()
        assert body["status"] == 400 and body["error"] == "Bad Request"
        assert query.split("=")[0] in body["message"], body
    assert client.get("/api/v1/sentra?per_page=100").status_code == 200


def test_one_sentra_in_full_without_private_data(client, db):
    sentra = make_sentra(
        story="Tapis ditenun dengan benang emas.", phone="0721-123456", whatsapp="+6281234567890",
        email="sentra.tapis@lampung.example", address="Jl. Teuku Cik Ditiro", year_established=2012,
        guided_by="Dinas Perindustrian Kota Bandar Lampung",
    )
    db.session.add_all([
        SentraFacility(sentra_id=sentra.id, kind="showroom", note="Galeri tapis", position=1),
        SentraFacility(sentra_id=sentra.id, kind="kantor_upt", position=0),
        SentraProgramme(sentra_id=sentra.id, kind="revitalisasi", funding="DAK", year=2021),
    ])
    db.session.commit()
    chair = make_user("ketua@private.example", display_name="Ibu Ketua")
    make_membership(sentra, chair, role="pengurus", title="ketua")
    manager = make_user("pengelola@private.example", display_name="Pak Pengelola")
    make_membership(sentra, manager, role="pengelola")
    make_membership(sentra, make_user("calon@private.example"), role="pengurus", status="pending")
    make_membership(sentra, make_user("diundang@private.example", display_name="Diundang"),
                    role="pengelola", status="invited")
    _member_business(sentra, "perajin@private.example", "tapis siger")
    _member_business(sentra, "baru@private.example", "tapis baru", status="pending")

    response = client.get("/api/v1/sentra/tenun-tapis-bandar-lampung", headers=ENGLISH)

    assert response.status_code == 200
    body = response.get_json()
    assert SUMMARY_FIELDS <= set(body)
    assert body["story"] == "Tapis ditenun dengan benang emas."
    assert [f["kind"] for f in body["facilities"]] == ["kantor_upt", "showroom"]
    assert body["facilities"][0]["label"] == "UPT office"
    assert body["programmes"] == [{"kind": "revitalisasi", "label": "Revitalisation (revitalisasi)",
                                   "funding": "DAK", "year": 2021, "note": None}]
    assert [(m["name"], m["role"], m["title"]) for m in body["board"]] == [
        ("Ibu Ketua", "pengurus", "ketua"), ("Pak Pengelola", "pengelola", None)]
    assert [m["role_label"] for m in body["board"]] == ["Pengurus (board)", "Pengelola (manager)"]
    assert body["member_businesses"] == [
        {"slug": "tapis-siger", "name": "tapis siger", "url": "http://localhost/ikm/tapis-siger"}]
    assert body["member_business_count"] == 1
    assert body["contact"] == {"phone": "0721-123456", "whatsapp": "+6281234567890",
                               "email": "sentra.tapis@lampung.example"}
    text = response.get_data(as_text=True)
    assert "private.example" not in text
    assert "password" not in text and "argon2" not in text


def test_unknown_sentra_and_unknown_paths_answer_json_errors(client):
    missing = client.get("/api/v1/sentra/tidak-ada")
    assert missing.status_code == 404 and missing.mimetype == "application/json"
    assert missing.get_json()["error"] == "Not Found"
    assert "tidak-ada" in missing.get_json()["message"]

    nowhere = client.get("/api/v1/nothing-here")
    assert nowhere.status_code == 404 and nowhere.get_json()["status"] == 404

    wrong_method = client.post("/api/v1/sentra")
    assert wrong_method.status_code in (400, 405)
    assert wrong_method.mimetype == "application/json"


def test_api_answers_carry_the_security_headers(client):
    response = client.get("/api/v1/sentra")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]


def test_verified_sentra_come_first_like_in_the_directory(client):
    make_sentra("anyaman-a", name="A Anyaman", commodity="anyaman", verified=False)
    make_sentra("batik-b", name="B Batik", commodity="batik")
    slugs = [i["slug"] for i in client.get("/api/v1/sentra").get_json()["items"]]
    assert slugs == ["batik-b", "anyaman-a"]
