"""Sentra test helpers: per-user clients, a populated sentra, real pictures, a form reader."""

import io
from html.parser import HTMLParser

import pytest
from PIL import Image as PILImage

from tests.conftest import AuthActions, make_business, make_membership, make_sentra, make_user


class FormReader(HTMLParser):
    """Collects what a browser would send for one <form>: inputs, checked boxes, selects, textareas."""

    def __init__(self, action):
        super().__init__(convert_charrefs=True)
        self.action = action
        self.inside = False
        self.fields = []
        self._select = None
        self._select_first = None
        self._select_chosen = False
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("action", "").split("?")[0] == self.action
            return
        if not self.inside:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.fields.append((name, attrs.get("value", "on")))
            elif kind not in ("file", "submit", "button"):
                self.fields.append((name, attrs.get("value", "")))
        elif tag == "select" and name:
            self._select, self._select_first, self._select_chosen = name, None, False
        elif tag == "option" and self._select:
            value = attrs.get("value", "")
            if self._select_first is None:
                self._select_first = value
            if "selected" in attrs and not self._select_chosen:
                self.fields.append((self._select, value))
                self._select_chosen = True
        elif tag == "textarea" and name:
            self._textarea = [name, ""]

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "select" and self._select:
            if not self._select_chosen and self._select_first is not None:
                self.fields.append((self._select, self._select_first))
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            name, value = self._textarea
            self.fields.append((name, value.removeprefix("\r\n").removeprefix("\n")))
            self._textarea = None


def read_form(html, action):
    """The fields of the form posting to `action`, as a dict (last value wins)."""
    reader = FormReader(action)
    reader.feed(html)
    assert reader.fields, f"no form posting to {action}"
    return dict(reader.fields)


def picture(size=(320, 200), color=(160, 30, 40), fmt="JPEG"):
    """A real picture made with Pillow, as an in-memory file."""
    buffer = io.BytesIO()
    PILImage.new("RGB", size, color).save(buffer, format=fmt)
    buffer.seek(0)
    return buffer


def english_client(app):
    """A test client whose browser asks for English, so assertions read the source strings."""
    client = app.test_client()
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.fixture
def client(app):
    """The shared client, asking for English pages."""
    return english_client(app)


@pytest.fixture
def login(app):
    """login(user) -> a new English test client signed in as `user` (None: anonymous)."""

    def _login(user=None):
        client = english_client(app)
        if user is None:
            return client
        page = client.get("/login")
        if 'name="password"' in page.get_data(as_text=True):
            AuthActions(client).login(user.email)
        else:
            # The accounts area may not be merged yet: sign in the way Flask-Login does.
            with client.session_transaction() as session:
                session["_user_id"] = user.get_id()
                session["_fresh"] = True
        with client.session_transaction() as session:
            assert session.get("_user_id") == user.get_id(), "login failed"
        return client

    return _login


@pytest.fixture
def world(app):
    """Two sentra with every kind of person: managers, staff, members, a pending request, outsiders."""

    class World:
        pass

    w = World()
    w.sentra = make_sentra(
        "tenun-tapis-bandar-lampung", name="Sentra IKM Tenun Tapis", accent="maroon",
        story="Tapis weaving since 1980.\n\nFifteen weavers share the <b>building</b>.",
        village="Beringin Jaya", district="Kemiling", address="Jalan Teuku Cik Ditiro",
        year_established=1980, guided_by="Dinas Perindustrian Kota Bandar Lampung",
        phone="(0721) 123 456", whatsapp="6281234567890", email="tapis@sentratapis.id",
    )
    w.other = make_sentra("gerabah-kasongan", name="Sentra Gerabah Kasongan", commodity="gerabah-keramik",
                          province="di-yogyakarta", regency="Kabupaten Bantul", tagline="Gerabah")
    w.ketua = make_user("ketua@test.id", display_name="Ibu Ketua")
    w.pengelola = make_user("pengelola@test.id", display_name="Pak Pengelola")
    w.upt = make_user("upt@test.id", display_name="Staf UPT")
    w.anggota = make_user("anggota@test.id", display_name="Ani Anggota")
    w.pending = make_user("pending@test.id", display_name="Penny Pending")
    w.outsider = make_user("other@test.id", display_name="Pengurus Lain")
    w.buyer = make_user("buyer@test.id", display_name="Bob Buyer", kind="buyer")
    w.admin = make_user("admin@test.id", display_name="Admin", is_admin=True)
    w.stranger = make_user("stranger@test.id", display_name="Sri Stranger")
    w.m_ketua = make_membership(w.sentra, w.ketua, role="pengurus", title="ketua")
    w.m_pengelola = make_membership(w.sentra, w.pengelola, role="pengelola")
    w.m_upt = make_membership(w.sentra, w.upt, role="upt")
    w.m_anggota = make_membership(w.sentra, w.anggota)
    w.m_pending = make_membership(w.sentra, w.pending, role="pengurus", status="pending")
    w.m_outsider = make_membership(w.other, w.outsider, role="pengurus", title="ketua")
    w.business = make_business(w.anggota, w.sentra, slug="tapis-ani", name="Tapis Ani",
                               techniques="sulam, cucuk", capacity_amount=120, capacity_unit="lembar")
    w.pending_business = make_business(w.pending, w.sentra, slug="tapis-penny", name="Tapis Penny")
    return w
