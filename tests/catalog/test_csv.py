"""CSV exports of a business's and a sentra's catalogue: for the right people, Excel-ready, inert."""

import csv
import io

from tests.catalog.conftest import make_product
from tests.conftest import browser, make_business, make_membership, make_user


def rows(response):
    """The CSV rows of a download (header first), checking the Excel BOM on the way."""
    body = response.get_data()
    assert body.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def as_dicts(response):
    header, *data = rows(response)
    return [dict(zip(header, row, strict=True)) for row in data]


def test_owner_downloads_every_product_of_the_business(client, db, owner, business, login):
    make_product(business, title="Tapis Terbit", channels=["export", "ovop"], hs_code="5810.92", moq=2,
                 export_price_usd="240.50", incoterm="FOB", certifications=["HAKI", "SNI"])
    make_product(business, title="Tapis Konsep", status="draft")
    login(owner)
    response = client.get("/ikm/tapis-siti/products.csv")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert 'attachment; filename="tapis-siti-products.csv"' == response.headers["Content-Disposition"]
    header = rows(response)[0]
    assert header[:5] == ["ID", "Title", "English title", "Status", "Business"]
    assert {"Price (IDR)", "Export price (USD)", "Minimum order", "HS code", "URL"} <= set(header)
    products = {row["Title"]: row for row in as_dicts(response)}
    assert set(products) == {"Tapis Terbit", "Tapis Konsep"}
    exported = products["Tapis Terbit"]
    assert exported["Status"] == "published" and exported["Business"] == "Tapis Siti"
    assert exported["Channels"] == "ovop export" and exported["Certifications"] == "HAKI SNI"
    assert exported["Export price (USD)"] == "240.50" and exported["HS code"] == "5810.92"
    assert exported["Price (IDR)"] == "1500000" and exported["Province"] == "lampung"
    assert exported["URL"].endswith(f"/products/{exported['ID']}")
    assert products["Tapis Konsep"]["Status"] == "draft"
    # Times say they are UTC, also from a database that keeps no time zone (SQLite).
    assert exported["Published at"].endswith("+00:00") and exported["Updated at"].endswith("+00:00")


def test_cells_that_a_spreadsheet_would_run_are_defused(client, db, owner, business, login):
    make_product(business, title='=HYPERLINK("http://evil.example","klik")', materials="+cmd|' /C calc'!A0",
                 size="-2+3", port="@SUM(A1)", description="=1+1")
    login(owner)
    row = as_dicts(client.get("/ikm/tapis-siti/products.csv"))[0]
    assert row["Title"] == '\'=HYPERLINK("http://evil.example","klik")'
    assert row["Materials"] == "'+cmd|' /C calc'!A0"
    assert row["Size"] == "'-2+3" and row["Port"] == "'@SUM(A1)" and row["Description"] == "'=1+1"


def test_only_the_owner_and_admins_download_a_business_catalogue(app, db, business, other_owner, buyer,
                                                                 admin, pengurus):
    make_product(business, status="draft", title="Tapis Rahasia")
    for person in (other_owner, buyer, pengurus):
        response = browser(app, person).get("/ikm/tapis-siti/products.csv")
        assert response.status_code == 403
        assert b"Tapis Rahasia" not in response.get_data()
    assert browser(app, admin).get("/ikm/tapis-siti/products.csv").status_code == 200
    anonymous = browser(app).get("/ikm/tapis-siti/products.csv")
    assert anonymous.status_code == 302 and "/login" in anonymous.headers["Location"]


def test_sentra_managers_download_the_published_products_of_member_businesses(app, db, sentra, business,
                                                                              pengurus):
    make_product(business, title="Tapis Terbit")
    make_product(business, title="Tapis Konsep", status="draft")
    make_product(business, title="Tapis Arsip", status="archived")
    applicant = make_user("ani@tapis.id")
    make_membership(sentra, applicant, status="pending")
    make_product(make_business(applicant, sentra, slug="tapis-ani", name="Tapis Ani"), title="Tapis Ani")
    response = browser(app, pengurus).get("/sentra/tenun-tapis-bandar-lampung/products.csv")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == (
        'attachment; filename="tenun-tapis-bandar-lampung-products.csv"')
    assert [row["Title"] for row in as_dicts(response)] == ["Tapis Terbit"]


def test_only_sentra_managers_and_admins_download_the_sentra_catalogue(app, db, sentra, owner, business,
                                                                       buyer, admin, curator):
    make_product(business)
    for person in (owner, buyer, curator):
        assert browser(app, person).get("/sentra/tenun-tapis-bandar-lampung/products.csv").status_code == 403
    assert browser(app, admin).get("/sentra/tenun-tapis-bandar-lampung/products.csv").status_code == 200


def test_a_large_catalogue_streams_in_pieces(app, client, db, owner, business, login):
    for n in range(120):
        make_product(business, title=f"Tapis {n:03d}")
    login(owner)
    response = client.get("/ikm/tapis-siti/products.csv")
    assert response.is_streamed
    titles = [row["Title"] for row in as_dicts(response)]
    assert titles == [f"Tapis {n:03d}" for n in range(120)]
