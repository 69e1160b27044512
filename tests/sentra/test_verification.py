"""A verified sentra loses the mark when a manager changes what an admin checked."""

import pytest

from tests.sentra.test_edit import EDIT, open_editor, reload, save

BASE = "/sentra/tenun-tapis-bandar-lampung"


@pytest.mark.parametrize("change", [
    {"name": "Sentra Tapis Palsu"},
    {"province": "jawa-barat", "regency": "Kota Bandung"},
    {"commodity": "batik"},
])
def test_manager_changing_name_province_or_commodity_clears_verified(login, world, change):
    manager = login(world.pengelola)
    editor = manager.get(EDIT).get_data(as_text=True)
    assert "Changing its name, province or commodity removes the verified mark" in editor
    data = open_editor(manager)
    data.update(change)
    response = save(manager, data)
    assert response.status_code == 302
    assert reload(world.sentra.id).verified is False
    page = manager.get(BASE).get_data(as_text=True)
    assert "The sentra page was saved." in page
    assert "the sentra is no longer marked as verified. A platform admin will check it" in page
    assert 'class="badge ok">Verified' not in page


def test_other_changes_by_a_manager_keep_verified(login, world):
    manager = login(world.ketua)
    data = open_editor(manager)
    data.update({"tagline": "Tapis emas", "story": "New story.", "whatsapp": "0812 1111 2222"})
    assert save(manager, data).status_code == 302
    assert reload(world.sentra.id).verified is True
    assert "no longer marked as verified" not in manager.get(BASE).get_data(as_text=True)


def test_admin_renaming_keeps_their_checkbox(login, world):
    admin = login(world.admin)
    assert "removes the verified mark" not in admin.get(EDIT).get_data(as_text=True)
    data = open_editor(admin)
    data.update({"name": "Sentra IKM Tapis Kemiling", "commodity": "tenun"})
    assert save(admin, data).status_code == 302
    sentra = reload(world.sentra.id)
    assert sentra.verified is True and sentra.name == "Sentra IKM Tapis Kemiling"
    assert "no longer marked as verified" not in admin.get(BASE).get_data(as_text=True)


def test_unverified_sentra_renamed_by_a_manager_stays_unverified_without_warning(login, world):
    world.sentra.verified = False
    from marketplace.extensions import db

    db.session.commit()
    manager = login(world.ketua)
    assert "removes the verified mark" not in manager.get(EDIT).get_data(as_text=True)
    data = open_editor(manager)
    data["name"] = "Sentra Tapis Baru"
    assert save(manager, data).status_code == 302
    assert reload(world.sentra.id).verified is False
    assert "no longer marked as verified" not in manager.get(BASE).get_data(as_text=True)
