"""The public business profile at /ikm/<slug>."""

import re

from tests.conftest import browser, make_business, make_membership, make_sentra


def full_business(owner, sentra=None, **fields):
    values = dict(
        name="Tapis Siger Ibu Siti", slug="tapis-siger",
        description="Kami menenun tapis sejak 1998.\r\n\r\nSemua motif dikerjakan tangan.",
        year_founded=1998, workforce=12, capacity_amount=2000, capacity_unit="lembar",
        techniques="tenun ikat, sulam tapis", nib="9120301234567", export_ready=True,
        phone="0721 123456", whatsapp="0812-3456-7890", email="halo@tapissiti.id",
        address="Jl. Teuku Cik Ditiro 12\nKemiling",
    )
    values.update(fields)
    business = make_business(owner, sentra=sentra, **values)
    from marketplace.businesses.models import BusinessCertification
    from marketplace.extensions import db

    business.certifications = [BusinessCertification(code="HALAL"), BusinessCertification(code="SNI")]
    db.session.commit()
    return business


def test_profile_shows_the_business(client, owner):
    full_business(owner)
    response = client.get("/ikm/tapis-siger")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<h1>Tapis Siger Ibu Siti</h1>" in html
    assert "<p>Kami menenun tapis sejak 1998.</p>" in html
    assert "<p>Semua motif dikerjakan tangan.</p>" in html
    assert "2,000 sheets / cloths (lembar) per month" in html
    assert ">1998<" in html and ">12<" in html
    assert '<span class="badge">tenun ikat</span>' in html
    assert '<span class="badge">sulam tapis</span>' in html
    assert "Halal" in html and "SNI (Indonesian National Standard)" in html
    assert "Export ready" in html
    assert "+62 812 3456 7890" in html and 'action="/ikm/tapis-siger/whatsapp"' in html
    assert 'href="tel:0721123456"' in html
    assert 'href="mailto:halo@tapissiti.id"' in html


def test_capacity_reads_naturally_in_indonesian(client, owner):
    full_business(owner)
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "id"
    html = client.get("/ikm/tapis-siger").get_data(as_text=True)
    assert "2.000" in html
    assert 'lang="id"' in html


def test_profile_has_open_graph_meta(client, owner):
    full_business(owner)
    html = client.get("/ikm/tapis-siger").get_data(as_text=True)
    assert '<meta property="og:title" content="Tapis Siger Ibu Siti">' in html
    assert '<meta property="og:url" content="http://localhost/ikm/tapis-siger">' in html
    assert re.search(r'<meta property="og:description" content="Kami menenun tapis', html)
    assert '<link rel="canonical" href="http://localhost/ikm/tapis-siger">' in html


def test_nib_is_shown_to_the_owner_only(app, client, owner, other_owner, login):
    full_business(owner)
    assert "9120301234567" not in client.get("/ikm/tapis-siger").get_data(as_text=True)
    login(other_owner)
    assert "9120301234567" not in client.get("/ikm/tapis-siger").get_data(as_text=True)
    owners_browser = browser(app, owner)
    assert "9120301234567" in owners_browser.get("/ikm/tapis-siger").get_data(as_text=True)


def test_edit_link_only_for_the_owner(client, owner, login):
    full_business(owner)
    assert "/ikm/tapis-siger/edit" not in client.get("/ikm/tapis-siger").get_data(as_text=True)
    login(owner)
    assert "/ikm/tapis-siger/edit" in client.get("/ikm/tapis-siger").get_data(as_text=True)


def test_pending_sentra_is_shown_to_the_owner_only(app, client, db, owner, login):
    sentra = make_sentra(name="Sentra IKM Tenun Tapis")
    full_business(owner, sentra=sentra)
    membership = make_membership(sentra, owner, status="pending")

    public = client.get("/ikm/tapis-siger").get_data(as_text=True)
    assert "Sentra IKM Tenun Tapis" not in public
    assert f"/sentra/{sentra.slug}" not in public

    login(owner)
    own = client.get("/ikm/tapis-siger").get_data(as_text=True)
    assert "Sentra IKM Tenun Tapis" in own
    assert "Waiting for the sentra's approval" in own
    assert f'<a href="/sentra/{sentra.slug}">Sentra IKM Tenun Tapis</a>' in own

    membership.status = "active"
    db.session.commit()
    html = browser(app).get("/ikm/tapis-siger").get_data(as_text=True)
    assert f'<a href="/sentra/{sentra.slug}">Sentra IKM Tenun Tapis</a>' in html
    assert "Waiting for" not in html


def test_sentra_without_membership_is_not_linked(client, owner):
    sentra = make_sentra(name="Sentra IKM Tenun Tapis")
    full_business(owner, sentra=sentra)
    assert "Sentra IKM Tenun Tapis" not in client.get("/ikm/tapis-siger").get_data(as_text=True)


def test_what_people_typed_is_escaped(client, owner):
    sentra = make_sentra(name="Sentra <i>Tapis</i>")
    make_membership(sentra, owner)
    full_business(owner, sentra=sentra, name="<script>alert(1)</script>", techniques="<b>ikat</b>",
                  description="<img src=x onerror=alert(1)>")
    html = client.get("/ikm/tapis-siger").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<b>ikat</b>" not in html and "<img src=x" not in html
    assert "Sentra &lt;i&gt;Tapis&lt;/i&gt;</a>" in html


def test_unknown_business_is_404(client):
    assert client.get("/ikm/tidak-ada").status_code == 404


def test_logo_is_shown_with_alt_text(client, db, owner, login):
    from tests.businesses.conftest import business_data, upload
    from tests.conftest import picture_bytes, submit

    login(owner)
    response = submit(client, "/ikm/new", business_data(logo=upload(picture_bytes(), "logo.jpg")))
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    logo = re.search(r'<img class="business-logo" src="(/media/[0-9a-f]{64}-thumb\.webp)"[^>]*>', html)
    assert logo, html
    assert 'alt="Logo of Tapis Siger Ibu Siti"' in logo.group(0)
    assert 'srcset="/media/' in logo.group(0)
    assert re.search(r'<meta property="og:image" content="http://localhost/media/[0-9a-f]{64}-large\.webp">',
                     html)
