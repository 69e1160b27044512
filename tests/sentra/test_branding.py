"""A sentra's branding page: story, place, facilities, programmes, board, members, gallery, OG tags."""

import re

from marketplace.extensions import db as _db
from marketplace.sentra.models import SentraFacility, SentraPhoto, SentraProgramme
from tests.conftest import make_business, make_membership, make_sentra, make_user
from tests.sentra.conftest import picture


def add_facilities_and_programmes(sentra):
    _db.session.add_all([
        SentraFacility(sentra_id=sentra.id, kind="kantor_upt", position=2),
        SentraFacility(sentra_id=sentra.id, kind="showroom", note="Open daily 08.00-16.00", position=5),
        SentraProgramme(sentra_id=sentra.id, kind="revitalisasi", funding="DAK", year=2021,
                        note="New roof and looms"),
    ])
    _db.session.commit()


def test_branding_page_shows_story_place_and_contact(client, world):
    html = client.get("/sentra/tenun-tapis-bandar-lampung").get_data(as_text=True)
    assert '<div class="sentra-page accent-maroon">' in html
    assert "<h1>Sentra IKM Tenun Tapis</h1>" in html
    assert "Tapis dari Kemiling" in html and 'class="badge ok">Verified' in html
    # Story: one paragraph per blank-line block, typed HTML shown as text.
    assert "<p>Tapis weaving since 1980.</p>" in html
    assert "<p>Fifteen weavers share the &lt;b&gt;building&lt;/b&gt;.</p>" in html
    for text in ("Beringin Jaya", "Kemiling", "Kota Bandar Lampung", "Lampung", "Jalan Teuku Cik Ditiro",
                 "1980", "Dinas Perindustrian Kota Bandar Lampung"):
        assert text in html
    assert '<a href="https://wa.me/6281234567890" rel="noopener"' in html
    assert 'href="tel:0721123456"' in html
    assert 'href="mailto:tapis@sentratapis.id"' in html


def test_branding_page_lists_facilities_and_programmes(client, world):
    add_facilities_and_programmes(world.sentra)
    html = client.get("/sentra/tenun-tapis-bandar-lampung").get_data(as_text=True)
    assert "UPT office" in html
    assert "Promotion centre / showroom</strong> — Open daily 08.00-16.00" in html
    assert "DAK 2021 · Revitalisation (revitalisasi) — New roof and looms" in html


def test_branding_page_shows_the_board_from_active_memberships(client, world):
    html = client.get("/sentra/tenun-tapis-bandar-lampung").get_data(as_text=True)
    board = html.split('id="board-heading"')[1].split("</section>")[0]
    assert "Ibu Ketua" in board and "Ketua" in board
    assert "Pak Pengelola" in board and "Staf UPT" in board
    assert "Penny Pending" not in board  # a pending pengurus is not on the board yet
    assert "Ani Anggota" not in board  # anggota are members, not board


def test_board_lists_pengurus_by_title(client, world):
    for email, title in (("bendahara@test.id", "bendahara"), ("sekretaris@test.id", "sekretaris")):
        make_membership(world.sentra, make_user(email, display_name=title.title() + " Person"),
                        role="pengurus", title=title)
    html = client.get("/sentra/tenun-tapis-bandar-lampung").get_data(as_text=True)
    assert html.index("Ibu Ketua") < html.index("Sekretaris Person") < html.index("Bendahara Person")


def test_only_businesses_of_active_members_are_shown(client, world):
    outsider = make_user("nomember@test.id")
    make_business(outsider, world.sentra, slug="tapis-outsider", name="Tapis Outsider")
    make_business(world.outsider, world.other, slug="gerabah-lain", name="Gerabah Lain")
    html = client.get("/sentra/tenun-tapis-bandar-lampung").get_data(as_text=True)
    assert '<a href="/ikm/tapis-ani">Tapis Ani</a>' in html
    assert "Techniques: sulam, cucuk" in html
    assert "120" in html and "sheets / cloths (lembar)" in html
    assert "Tapis Penny" not in html  # owner's request is still pending
    assert "Tapis Outsider" not in html  # owner never joined
    assert "Gerabah Lain" not in html
    assert "1 member business" in html


def test_member_businesses_are_paginated_beyond_24(client, world):
    for i in range(25):
        owner = make_user(f"weaver{i}@test.id")
        make_membership(world.sentra, owner)
        make_business(owner, world.sentra, slug=f"weaver-{i:02d}", name=f"Weaver {i:02d}")
    first = client.get("/sentra/tenun-tapis-bandar-lampung").get_data(as_text=True)
    assert "26 member businesses" in first
    assert first.count('class="card member-business"') == 24
    assert 'href="/sentra/tenun-tapis-bandar-lampung?page=2"' in first
    second = client.get("/sentra/tenun-tapis-bandar-lampung?page=2").get_data(as_text=True)
    assert second.count('class="card member-business"') == 2


def test_open_graph_tags_use_absolute_urls(client, world, login):
    html = client.get("/sentra/tenun-tapis-bandar-lampung").get_data(as_text=True)
    assert '<meta property="og:title" content="Sentra IKM Tenun Tapis">' in html
    assert '<meta property="og:description" content="Tapis dari Kemiling">' in html
    assert '<meta property="og:type" content="website">' in html
    assert '<meta property="og:url" content="http://localhost/sentra/tenun-tapis-bandar-lampung">' in html
    assert '<meta name="description" content="Tapis dari Kemiling">' in html
    assert "og:image" not in html  # no picture yet

    manager = login(world.ketua)
    from tests.sentra.conftest import read_form

    page = manager.get("/sentra/tenun-tapis-bandar-lampung/edit").get_data(as_text=True)
    data = read_form(page, "/sentra/tenun-tapis-bandar-lampung/edit")
    data["banner"] = (picture((800, 400)), "banner.jpg")
    response = manager.post("/sentra/tenun-tapis-bandar-lampung/edit", data=data,
                            content_type="multipart/form-data")
    assert response.status_code == 302
    html = client.get("/sentra/tenun-tapis-bandar-lampung").get_data(as_text=True)
    og_image = re.search(r'<meta property="og:image" content="([^"]+)">', html).group(1)
    assert re.fullmatch(r"http://localhost/media/[0-9a-f]{64}-large\.webp", og_image)
    assert client.get(og_image.removeprefix("http://localhost")).status_code == 200
    assert '<meta name="twitter:card" content="summary_large_image">' in html
    assert re.search(r'<img class="banner" src="/media/[0-9a-f]{64}-large\.webp"[^>]*alt="[^"]+"', html)


def test_description_falls_back_to_the_story(client, db):
    make_sentra("kopi-lambar", name="Kopi Lampung Barat", commodity="kopi", tagline=None,
                story="Robusta from the slopes of Liwa.\n\nMore later.")
    html = client.get("/sentra/kopi-lampung-barat".replace("kopi-lampung-barat", "kopi-lambar")).get_data(
        as_text=True)
    assert '<meta property="og:description" content="Robusta from the slopes of Liwa. More later.">' in html


def test_gallery_photos_appear_with_alt_text(client, world, login):
    manager = login(world.pengelola)
    page = manager.get("/sentra/tenun-tapis-bandar-lampung/photos").get_data(as_text=True)
    from tests.conftest import csrf_from

    response = manager.post("/sentra/tenun-tapis-bandar-lampung/photos", data={
        "csrf_token": csrf_from(page), "image": (picture(), "loom.jpg"), "caption": "The big loom",
    }, content_type="multipart/form-data")
    assert response.status_code == 302
    assert _db.session.query(SentraPhoto).count() == 1
    html = client.get("/sentra/tenun-tapis-bandar-lampung").get_data(as_text=True)
    assert re.search(r'<img src="/media/[0-9a-f]{64}-thumb\.webp"[^>]*alt="The big loom"', html)
    assert "<figcaption>The big loom</figcaption>" in html


def test_unknown_sentra_is_404(client, db):
    assert client.get("/sentra/no-such-sentra").status_code == 404


def test_visitor_sees_no_management_links_or_join_button(client, world):
    html = client.get("/sentra/tenun-tapis-bandar-lampung").get_data(as_text=True)
    assert "/sentra/tenun-tapis-bandar-lampung/edit" not in html
    assert "Ask to join this sentra" not in html
    assert "Log in to join this sentra" in html


def test_manager_sees_edit_and_member_links(login, world):
    html = login(world.ketua).get("/sentra/tenun-tapis-bandar-lampung").get_data(as_text=True)
    assert 'href="/sentra/tenun-tapis-bandar-lampung/edit"' in html
    assert 'href="/sentra/tenun-tapis-bandar-lampung/members"' in html
    assert 'href="/sentra/tenun-tapis-bandar-lampung/photos"' in html
    assert "You are a member of this sentra." in html


def test_page_states_for_non_member_pending_and_buyer(login, world):
    stranger = login(world.stranger).get("/sentra/tenun-tapis-bandar-lampung").get_data(as_text=True)
    assert "Ask to join this sentra" in stranger and "/edit" not in stranger
    pending = login(world.pending).get("/sentra/tenun-tapis-bandar-lampung").get_data(as_text=True)
    assert "Your request to join this sentra is pending." in pending
    assert "Ask to join this sentra" not in pending
    buyer = login(world.buyer).get("/sentra/tenun-tapis-bandar-lampung").get_data(as_text=True)
    assert "Ask to join this sentra" not in buyer


def test_branding_page_query_count_does_not_grow_with_members(client, world, db):
    from sqlalchemy import event

    def queries():
        seen = []

        def count(*_args):
            seen.append(1)

        event.listen(db.engine, "before_cursor_execute", count)
        try:
            assert client.get("/sentra/tenun-tapis-bandar-lampung").status_code == 200
        finally:
            event.remove(db.engine, "before_cursor_execute", count)
        return len(seen)

    before = queries()
    for i in range(12):
        owner = make_user(f"many{i}@test.id")
        make_membership(world.sentra, owner, role="pengurus" if i % 3 == 0 else "anggota", title="anggota")
        make_business(owner, world.sentra, slug=f"many-{i}", name=f"Many {i}", techniques="ikat")
    assert queries() == before


def test_contact_numbers_stored_the_national_way_still_link_to_wa_me(client, world):
    from marketplace.extensions import db

    world.sentra.whatsapp = "0812-0000-0100"  # as the demo data and older rows hold it
    world.sentra.phone = "+62 721 123 456"
    db.session.commit()
    html = client.get("/sentra/tenun-tapis-bandar-lampung").get_data(as_text=True)
    link = '<a href="https://wa.me/6281200000100" rel="noopener" target="_blank">+62 812 0000 0100</a>'
    assert link in html
    assert 'href="tel:+62721123456"' in html


def test_whatsapp_is_saved_as_international_digits_and_bad_numbers_are_refused(login, world):
    from tests.sentra.test_edit import open_editor, reload, save

    manager = login(world.ketua)
    data = open_editor(manager)
    data.update({"whatsapp": "0812-0000-0100", "phone": "(0721) 123.456"})
    assert save(manager, data).status_code == 302
    sentra = reload(world.sentra.id)
    assert (sentra.whatsapp, sentra.phone) == ("6281200000100", "(0721) 123.456")
    for bad, message in (("12 34", "This does not look like a WhatsApp number."),
                         ("0812 / 3456", "Use only digits, spaces, brackets, dots, dashes and a leading +.")):
        data.update({"whatsapp": bad})
        response = save(manager, data)
        assert response.status_code == 400
        html = response.get_data(as_text=True)
        assert message in html and 'id="whatsapp-error"' in html and f'value="{bad}"' in html
