"""A small, varied catalogue for the browse tests, and readers for what the pages show."""

import re
from html import unescape

from tests.catalog.conftest import make_product
from tests.conftest import make_business, make_membership, make_sentra, make_user

CARD_RE = re.compile(r'<h3><a href="/products/(\d+)[^"]*">([^<]+)</a></h3>')


def card_titles(html):
    """Titles of the product cards on a page, in order."""
    return [unescape(title) for _id, title in CARD_RE.findall(html)]


def card_ids(html):
    """Ids of the product cards on a page, in order."""
    return [int(product_id) for product_id, _title in CARD_RE.findall(html)]


def options(html, name):
    """{value: count} of the options of the filter `name` (options without a count are left out)."""
    match = re.search(rf'<select[^>]*name="{name}"[^>]*>(.*?)</select>', html, re.S)
    assert match, f"no select named {name}"
    found = {}
    for value, label in re.findall(r'<option[^>]*value="([^"]*)"[^>]*>([^<]*)</option>', match.group(1)):
        count = re.search(r"\(([\d.,]+)\)\s*$", unescape(label))
        if value and count:
            found[value] = int(count.group(1).replace(".", "").replace(",", ""))
    return found


def selected(html, name):
    """The value chosen in the filter `name`, or None."""
    match = re.search(rf'<select[^>]*name="{name}"[^>]*>(.*?)</select>', html, re.S)
    chosen = re.search(r'<option[^>]*selected[^>]*value="([^"]*)"|<option[^>]*value="([^"]*)"[^>]*selected',
                       match.group(1))
    return (chosen.group(1) or chosen.group(2)) if chosen else None


def samples_count(html):
    """The count beside the 'samples available' checkbox."""
    match = re.search(r'name="samples"[^>]*>\s*Samples available \(([\d.,]+)\)', html)
    assert match, "no samples checkbox"
    return int(match.group(1).replace(",", ""))


def results_total(html):
    match = re.search(r"(\d+) products? found", html)
    assert match, "no result count"
    return int(match.group(1))


# ---- the catalogue ------------------------------------------------------------------------------

# (title, business key, fields). Every product is published unless `status` says otherwise.
PRODUCTS = [
    ("Tapis Siger Emas", "siti", dict(category="tapis", price_idr=1_500_000, unit="lembar", moq=2,
                                      availability="made_to_order", samples_available=True,
                                      channels=["ovop", "export"], certifications=["HAKI"],
                                      export_price_usd="95.00", incoterm="FOB", port="Panjang",
                                      hs_code="5810.92", ovop_stars=5, capacity_per_month=40)),
    ("Tapis Pucuk Rebung", "siti", dict(category="tapis", price_idr=850_000, unit="lembar", moq=5,
                                        channels=["export"], certifications=["HAKI", "SNI"],
                                        export_price_usd="60.00", incoterm="FOB", hs_code="5810.92",
                                        capacity_per_month=60)),
    ("Selendang Tapis", "rina", dict(category="tapis", price_idr=350_000, unit="lembar",
                                     availability="ready_stock", samples_available=True,
                                     channels=["supply_chain"], capacity_per_month=200, lead_time_days=21)),
    ("Songket Lampung", "rina", dict(category="songket", price_idr=2_250_000, unit="lembar", moq=1,
                                     channels=["ovop"], ovop_stars=3)),
    ("Batik Tulis Parang", "hadi", dict(category="batik", price_idr=1_200_000, unit="lembar", moq=3,
                                        channels=["export", "ovop"], certifications=["BATIKMARK"],
                                        export_price_usd="80.00", incoterm="EXW", hs_code="5208.52",
                                        ovop_stars=4, samples_available=True)),
    ("Batik Cap Kawung", "hadi", dict(category="batik", price_idr=275_000, unit="lembar", moq=50,
                                      channels=["supply_chain", "export"],
                                      certifications=["BATIKMARK", "SNI"],
                                      capacity_per_month=1_500, lead_time_days=14,
                                      export_price_usd="18.50", incoterm="FOB", hs_code="5208.52")),
    ("Kain Batik Printing", "dewi", dict(category="batik", price_idr=85_000, unit="meter", moq=500,
                                         availability="pre_order", channels=["supply_chain"],
                                         capacity_per_month=8_000, lead_time_days=30,
                                         certifications=["SNI"])),
    ("Kemeja Batik", "dewi", dict(category="fesyen-aksesori", price_idr=325_000, unit="pcs", moq=24,
                                  channels=["supply_chain"], capacity_per_month=600, lead_time_days=20)),
    ("Kursi Rotan Teras", "agus", dict(category="bambu-rotan", price_idr=650_000, unit="pcs", moq=10,
                                       availability="made_to_order", channels=["supply_chain", "export"],
                                       certifications=["SVLK"], capacity_per_month=300, lead_time_days=30,
                                       export_price_usd="42.00", incoterm="FOB", port="Tanjung Emas",
                                       hs_code="9401.52", samples_available=True)),
    ("Meja Rotan Bundar", "agus", dict(category="bambu-rotan", price_idr=1_100_000, unit="pcs", moq=5,
                                       channels=["supply_chain"], capacity_per_month=120, lead_time_days=30,
                                       certifications=["SVLK"])),
    ("Keranjang Rotan", "yanto", dict(category="bambu-rotan", price_idr=45_000, unit="pcs", moq=100,
                                      channels=["supply_chain"], capacity_per_month=3_000,
                                      lead_time_days=10)),
    ("Kap Lampu Bambu", "yanto", dict(category="bambu-rotan", price_idr=None, price_on_request=True,
                                      unit="pcs", availability="pre_order", channels=["export"],
                                      export_price_usd=None, hs_code="9405.50")),
    ("Kopi Robusta Lampung", "lone", dict(category="kopi", price_idr=120_000, unit="kg", moq=None,
                                          certifications=["HALAL", "PIRT"], samples_available=True)),
    # Never in the catalogue, whatever the filters:
    ("Tapis Rahasia Draft", "siti", dict(category="tapis", price_idr=999_000, status="draft",
                                         channels=["export"], certifications=["HAKI"])),
    ("Batik Ditarik", "hadi", dict(category="batik", price_idr=500_000, status="unpublished",
                                   channels=["export"], samples_available=True)),
    ("Rotan Diarsipkan", "agus", dict(category="bambu-rotan", price_idr=70_000, status="archived",
                                      channels=["supply_chain"], capacity_per_month=9_999)),
]
HIDDEN = {"Tapis Rahasia Draft", "Batik Ditarik", "Rotan Diarsipkan"}


class Catalogue:
    """The sentra, businesses and products of PRODUCTS, and a reference filter in plain Python."""

    def __init__(self):
        self.tapis = make_sentra("tenun-tapis-bandar-lampung", name="Sentra Tapis Kemiling")
        self.batik = make_sentra("batik-laweyan", name="Sentra Batik Laweyan", commodity="batik",
                                 province="jawa-tengah", regency="Kota Surakarta")
        self.rotan = make_sentra("rotan-tegalwangi", name="Sentra Rotan Tegalwangi", commodity="bambu-rotan",
                                 province="jawa-barat", regency="Kabupaten Cirebon")
        places = {"siti": self.tapis, "rina": self.tapis, "hadi": self.batik, "dewi": self.batik,
                  "agus": self.rotan, "yanto": self.rotan, "lone": None}
        self.owners, self.businesses = {}, {}
        for key, sentra in places.items():
            owner = make_user(f"{key}@ikm.test", display_name=key.title())
            if sentra is not None:
                make_membership(sentra, owner)
            self.owners[key] = owner
            self.businesses[key] = make_business(owner, sentra, slug=f"usaha-{key}",
                                                 name=f"Usaha {key.title()}")
        self.products = {}
        self.specs = {}
        for title, key, fields in PRODUCTS:
            values = dict(fields)
            values.setdefault("availability", "ready_stock")
            product = make_product(self.businesses[key], title=title, **values)
            self.products[title] = product
            sentra = places[key]
            self.specs[title] = {
                **values,
                "status": values.get("status", "published"),
                "channels": values.get("channels", []),
                "certifications": values.get("certifications", []),
                "province": sentra.province if sentra else None,
                "sentra": sentra.slug if sentra else None,
                "samples": values.get("samples_available", False),
                "price": values.get("price_idr"),
            }

    def matches(self, title, filters, skip=()):
        """Whether a product passes the filters (a dict like the query string), minus `skip`."""
        spec = self.specs[title]
        if spec["status"] != "published":
            return False
        checks = {
            "channel": lambda v: v in spec["channels"],
            "category": lambda v: spec["category"] == v,
            "province": lambda v: spec["province"] == v,
            "sentra": lambda v: spec["sentra"] == v,
            "certification": lambda v: v in spec["certifications"],
            "price_min": lambda v: spec["price"] is not None and spec["price"] >= int(v),
            "price_max": lambda v: spec["price"] is not None and spec["price"] <= int(v),
            "moq_max": lambda v: spec.get("moq") is None or spec["moq"] <= int(v),
            "availability": lambda v: spec["availability"] == v,
            "samples": lambda v: spec["samples"],
        }
        return all(checks[name](value) for name, value in filters.items() if name not in skip)

    def titles(self, filters):
        return {title for title in self.specs if self.matches(title, filters)}

    def facet(self, name, filters):
        """{option: count} the page should show for the filter `name`."""
        skip = ("price_min", "price_max") if name == "price" else (name,)
        counts = {}
        for title, spec in self.specs.items():
            if not self.matches(title, filters, skip=skip):
                continue
            values = {
                "channel": spec["channels"], "category": [spec["category"]], "province": [spec["province"]],
                "sentra": [spec["sentra"]], "certification": spec["certifications"],
                "availability": [spec["availability"]],
            }[name]
            for value in values:
                if value is not None:
                    counts[value] = counts.get(value, 0) + 1
        return counts


def add_pictures(db, product, count, alt=None):
    """Give a product `count` stored pictures in order; the first becomes the cover."""
    from PIL import Image as PILImage

    from marketplace.catalog.models import ProductImage
    from marketplace.media import store_picture

    images = []
    for position in range(count):
        image = store_picture(PILImage.new("RGB", (640, 480), (150, 40 + position * 30, 40)),
                              alt=f"{alt} {position + 1}" if alt else None)
        db.session.flush()
        product.images.append(ProductImage(image_id=image.id, position=position))
        images.append(image)
    product.cover_image_id = images[0].id
    db.session.commit()
    return images
