"""Buyers test helpers: a small marketplace (sentra, sellers, buyers, products), logins, mails."""

import re
from email import message_from_string, policy
from pathlib import Path

import pytest
from sqlalchemy import func, select

from marketplace.extensions import db as _db
from tests.catalog.conftest import make_product
from tests.conftest import (
    AuthActions,
    EnglishClient,
    csrf_from,
    make_business,
    make_membership,
    make_sentra,
    make_user,
)

MAIL_SEPARATOR = "\n" + "-" * 79 + "\n"


@pytest.fixture(autouse=True)
def english(app):
    app.test_client_class = EnglishClient


@pytest.fixture
def login(app):
    """login(user) -> a new browser signed in as `user` through the login form (None: anonymous)."""

    def _login(user=None):
        browser = app.test_client()
        if user is not None:
            response = AuthActions(browser).login(user.email)
            assert response.status_code == 302, response.get_data(as_text=True)[:300]
        return browser

    return _login


def page_text(response):
    return response.get_data(as_text=True)


def token(browser, url="/inbox"):
    """A CSRF token for this browser's session, read from a page."""
    return csrf_from(page_text(browser.get(url)))


def send(browser, url, data=None, form_url=None):
    """POST a form the way a browser does: open the page holding it, send with its CSRF token."""
    payload = dict(data or {})
    payload.setdefault("csrf_token", token(browser, form_url or url))
    return browser.post(url, data=payload)


def read_mails(app):
    """Every mail the file backend wrote, parsed: [(to, subject, body)]."""
    folder = Path(app.config["MAIL_FILE_PATH"])
    if not folder.exists():
        return []
    mails = []
    for path in sorted(folder.iterdir()):
        for chunk in path.read_text(encoding="utf-8").split(MAIL_SEPARATOR):
            if chunk.strip():
                message = message_from_string(chunk, policy=policy.default)
                mails.append((str(message["To"]), str(message["Subject"]), message.get_content()))
    return mails


def mails_to(app, email):
    return [(subject, body) for to, subject, body in read_mails(app) if to == email]


def header_count(html, label="Inbox"):
    """The number shown beside a header link (0 when none)."""
    match = re.search(rf">{label} <span class=\"count\"[^>]*>(\d+)</span>", html)
    return int(match.group(1)) if match else 0


def count(model, *conditions):
    return _db.session.scalar(select(func.count()).select_from(model).where(*conditions))


@pytest.fixture
def market(app):
    """Two sentra with sellers, buyers, staff and products: everything the stories need."""

    class Market:
        pass

    m = Market()
    m.sentra = make_sentra("tenun-tapis-bandar-lampung", name="Sentra IKM Tenun Tapis")
    m.kasongan = make_sentra(
        "gerabah-kasongan", name="Sentra IKM Gerabah Kasongan", commodity="gerabah-keramik",
        province="di-yogyakarta", regency="Kabupaten Bantul",
    )
    m.seller = make_user("siti@tapis.id", display_name="Siti Aminah", locale="en")
    m.other_seller = make_user("budi@gerabah.id", display_name="Budi Santoso", locale="en")
    m.manager = make_user("pengelola@tapis.id", display_name="Andi Pengelola")
    m.member = make_user("ani@tapis.id", display_name="Ani Anggota")
    m.buyer = make_user("linnea@import.se", display_name="Linnea Berg", kind="buyer",
                        company_name="Nordic Home AB", country="SE", locale="en")
    m.other_buyer = make_user("hendro@industri.id", display_name="Hendro Wicaksono", kind="buyer",
                              company_name="PT Garmen Jaya", country="ID")
    m.admin = make_user("admin@sentra.id", display_name="Admin", is_admin=True)
    m.stranger = make_user("sri@stranger.id", display_name="Sri Stranger")
    make_membership(m.sentra, m.manager, role="pengelola")
    make_membership(m.sentra, m.seller)
    make_membership(m.sentra, m.member)
    make_membership(m.kasongan, m.other_seller)
    m.business = make_business(m.seller, m.sentra, slug="tapis-siger-siti", name="Tapis Siger Siti")
    m.other_business = make_business(m.other_seller, m.kasongan, slug="gerabah-budi", name="Gerabah Budi")
    m.product = make_product(m.business, title="Kain Tapis Pucuk Rebung", channels=["export"], moq=10,
                             view_count=40, whatsapp_clicks=3)
    m.draft = make_product(m.business, title="Tapis Draft", status="draft", view_count=5)
    m.pot = make_product(m.other_business, title="Guci Kasongan", category="gerabah-keramik", unit="pcs",
                         view_count=7)
    return m


def inquiry_data(**overrides):
    """A complete inquiry form."""
    data = {
        "body": "Hello,\nwe would like 200 pieces for our shops in Stockholm.\nCan you send samples?",
        "quantity": "200", "unit": "lembar", "target_price": "950000", "currency": "IDR",
        "incoterm": "FOB", "destination_country": "DE", "needed_by": "2099-03-01",
    }
    data.update(overrides)
    return data


def request_data(**overrides):
    """A complete buying request form."""
    data = {
        "title": "Tapis cloth for a hotel lobby", "description": "Forty pieces, red and gold.",
        "category": "tapis", "channel": "supply_chain", "quantity": "40", "unit": "lembar",
        "target_price_idr": "1200000", "deadline": "2099-01-31", "destination_country": "ID",
        "destination_city": "Jakarta",
    }
    data.update(overrides)
    return data


def quote_data(business, **overrides):
    data = {"business": str(business.id), "price_idr": "1150000", "price_usd": "", "moq": "10",
            "lead_time_days": "21", "message": "Hand-woven, natural dyes.\nSamples in a week."}
    data.update(overrides)
    return data
