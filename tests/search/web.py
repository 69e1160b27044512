"""A small searchable site for the tests of the search pages, autocomplete, API and directory.

Made with the shared factories; each commit indexes what it wrote (the indexer follows every
commit), so the pages search the real index of the backend under test.

- Sentra Tenun Tapis (Lampung): Siti's business (tenun ikat, SNI), her products: an export tapis
  cloth (SNI), a woven shawl, a draft that nobody may find.
- Sentra Gerabah Kasongan (DI Yogyakarta): Budi's pottery business (Halal), a pottery product;
  its forum board is members-only and holds a topic about a secret kiln.
- A public subject board with a question on natural dyes for weaving, a reply, and a hidden reply.
"""

import re
from types import SimpleNamespace

from marketplace.extensions import db
from marketplace.timeutil import utcnow
from tests.catalog.conftest import make_product
from tests.conftest import browser, make_business, make_membership, make_sentra, make_user
from tests.forum.conftest import days_ago, make_board, make_post, make_topic


def build_site():
    """The people, businesses, products and discussions described above, committed and indexed."""
    w = SimpleNamespace()
    w.tapis = make_sentra("tenun-tapis-bandar-lampung", name="Sentra Tenun Tapis Kemiling")
    w.gerabah = make_sentra(
        "gerabah-kasongan", name="Sentra Gerabah Kasongan", commodity="gerabah-keramik",
        province="di-yogyakarta", regency="Kabupaten Bantul", tagline="Gerabah dari Bantul")
    w.siti = make_user("siti@tapis.id", display_name="Siti Aminah", created_at=days_ago(90))
    w.budi = make_user("budi@gerabah.id", display_name="Budi Santoso", created_at=days_ago(90))
    w.outsider = make_user("luar@test.id", display_name="Orang Luar", created_at=days_ago(90))
    make_membership(w.tapis, w.siti)
    make_membership(w.gerabah, w.budi)
    w.siti_business = make_business(
        w.siti, w.tapis, slug="tapis-siti", name="Tapis Siti", techniques="tenun ikat, sulam benang emas",
        description="Usaha tenun tapis keluarga sejak 1990.")
    w.budi_business = make_business(
        w.budi, w.gerabah, slug="gerabah-budi", name="Gerabah Budi",
        techniques="gerabah putar, pembakaran tungku",
        description="Guci dan pot tanah liat dari Kasongan.")
    _certify(w.siti_business, "SNI")
    _certify(w.budi_business, "HALAL")
    w.export_cloth = make_product(
        w.siti_business, title="Kain Tenun Tapis Siger", description="Tenunan tangan dengan benang emas.",
        channels=["export"], certifications=["SNI"], price_idr=1_500_000, images=1)
    w.shawl = make_product(
        w.siti_business, title="Selendang Tenun Ikat", description="Selendang ditenun dari benang katun.",
        price_idr=450_000, channels=[])
    w.draft = make_product(
        w.siti_business, title="Tenun Rahasia Belum Terbit", description="Masih draf.", status="draft")
    w.jar = make_product(
        w.budi_business, title="Guci Gerabah Kasongan", description="Guci tanah liat dibakar di tungku.",
        price_idr=250_000, channels=["supply_chain"], category="gerabah-keramik")
    w.dyes = make_board("pewarnaan", name="Pewarnaan")
    w.question = make_topic(w.dyes, w.siti, title="Pewarna alami untuk tenun",
                            body="Bagaimana mewarnai benang dengan kunyit sebelum menenun?", kind="question")
    w.reply = make_post(w.question, w.budi, body="Rendam benang dalam daun indigo semalam sebelum ditenun.")
    w.hidden_reply = make_post(w.question, w.outsider, body="Iklan tersembunyi: beli pewarna murah.",
                               hidden_at=utcnow())
    w.private_board = make_board(sentra=w.gerabah, visibility="members")
    w.secret = make_topic(w.private_board, w.budi, title="Rahasia tungku pembakaran",
                          body="Suhu tungku kami mencapai 900 derajat.")
    return w


def _certify(business, code):
    from marketplace.businesses.models import BusinessCertification

    business.certifications.append(BusinessCertification(code=code))
    db.session.commit()


def english(app, user=None):
    """A browser reading English pages (the source strings), logged in as `user` when given."""
    return browser(app, user)


def html(response):
    return response.get_data(as_text=True)


HIT_RE = re.compile(r'<li class="search-hit hit-(\w+)">.*?<h3><a href="([^"]+)">(.*?)</a></h3>', re.S)
TAG_RE = re.compile(r"<[^>]+>")


def hits(page):
    """[(type, url, title as text)] of the results on a search page, in order."""
    return [(kind, url, TAG_RE.sub("", title)) for kind, url, title in HIT_RE.findall(page)]


def titles(page):
    return [title for _kind, _url, title in hits(page)]
