"""Demo products: loaded after the sentra, businesses and people (safe to run again).

Every demo business gets two or three products drawn from its sentra's product lines
(seed/product_data.py), on the channels its profile supports, with one to three drawn pictures
from a small pool per sentra. Several sentra nominate products for OVOP and the demo curator
rates most of them. Products are found again by (business, title), so a second run adds nothing.
"""

import math
from datetime import timedelta
from decimal import Decimal

from PIL import Image, ImageDraw
from slugify import slugify
from sqlalchemy import select

from marketplace.catalog.models import (
    OVOP_CRITERIA,
    STATUS_ARCHIVED,
    STATUS_DRAFT,
    STATUS_PUBLISHED,
    STATUS_UNPUBLISHED,
    OvopRating,
    Product,
    ProductCertification,
    ProductImage,
)
from marketplace.extensions import db
from marketplace.seed import artwork
from marketplace.seed.demo_data import SENTRA
from marketplace.seed.product_data import CURATOR_NOTES, LINES, PORTS
from marketplace.sentra.models import ROLE_PENGELOLA
from marketplace.timeutil import utcnow

PICTURE_SIZE = (800, 600)
PICTURES_PER_SENTRA = 3
# Sentra whose board nominated products for OVOP, and how many of those the curator rated.
NOMINATING = {
    "tenun-tapis-bandar-lampung": 3, "batik-laweyan": 2, "gerabah-kasongan": 2, "perak-kotagede": 3,
    "mebel-ukir-jepara": 2, "kopi-arabika-gayo": 3, "songket-palembang": 2, "rotan-tegalwangi": 1,
    "batik-trusmi": 0,
}
NOMINATIONS_PER_SENTRA = 3
PRODUCT_CERTIFICATIONS = {"SNI", "SVLK", "BATIKMARK", "HALAL", "PIRT", "BPOM", "HAKI"}


# ---- pictures ----------------------------------------------------------------------------------


def _vase(mask, number):
    """A jar or vase: a symmetrical profile around the middle of the picture."""
    neck, belly = 70 + 15 * (number % 2), 190 - 25 * (number % 3)
    top, bottom = 110, 480
    left, right = [], []
    for step in range(41):
        t = step / 40
        y = top + (bottom - top) * t
        half = neck + (belly - neck) * math.sin(math.pi * min(1.0, t * 1.15)) ** 1.5
        half = max(half, 90 if t > 0.95 else 0)
        left.append((400 - half, y))
        right.append((400 + half, y))
    mask.polygon(left + right[::-1], fill=255)
    mask.rectangle([400 - neck - 12, top - 20, 400 + neck + 12, top + 6], fill=255)


def _cloth(mask, number):
    """A cloth laid out slightly askew."""
    tilt = (number % 3 - 1) * 18
    mask.polygon([(130, 110 + tilt), (670, 100 - tilt), (680, 470 + tilt), (120, 490 - tilt)], fill=255)


def _jewel(mask, number):
    """Two rings and a pendant."""
    for cx, cy, r in ((290, 300, 130), (520, 330, 100 + 10 * (number % 2))):
        mask.ellipse([cx - r, cy - r, cx + r, cy + r], fill=255)
        inner = r - 34
        mask.ellipse([cx - inner, cy - inner, cx + inner, cy + inner], fill=0)
    mask.ellipse([380, 140, 440, 200], fill=255)


def _chair(mask, number):
    """A chair (or a table top) seen from the front."""
    wide = 40 * (number % 2)
    mask.rectangle([250 - wide, 300, 550 + wide, 350], fill=255)  # seat
    mask.rectangle([270 - wide, 110, 530 + wide, 290], fill=255)  # back
    for x in (260 - wide, 520 + wide):
        mask.rectangle([x, 350, x + 26, 490], fill=255)


def _basket(mask, number):
    """A basket with a handle."""
    mask.polygon([(230, 230), (570, 230), (530, 480), (270, 480)], fill=255)
    mask.arc([280, 80, 520, 330], start=180, end=360, fill=255, width=26 + 4 * (number % 2))


def _bag(mask, number):
    """A bag (or a shoe box) with a strap."""
    mask.rounded_rectangle([210, 220, 590, 480], radius=30, fill=255)
    mask.arc([290, 100, 510, 340], start=180, end=360, fill=255, width=22 + 6 * (number % 2))


def _pack(mask, number):
    """A stand-up pouch."""
    mask.rounded_rectangle([270 - 20 * (number % 2), 110, 530 + 20 * (number % 2), 490], radius=24, fill=255)


SHAPES = {"pot": _vase, "cloth": _cloth, "jewel": _jewel, "chair": _chair, "basket": _basket,
          "bag": _bag, "pack": _pack}


def draw_product_picture(slug, accent, motif, shape, number):
    """A studio-style illustration of a product: its silhouette filled with the sentra's motif."""
    base = artwork.rgb(artwork.ACCENT_COLOURS.get(accent, artwork.ACCENT_COLOURS["indigo"]))
    background = artwork.mix(base, artwork.CREAM, 0.86 - 0.04 * number)
    picture = Image.new("RGB", PICTURE_SIZE, background)
    draw = ImageDraw.Draw(picture)
    draw.rectangle([0, 470, PICTURE_SIZE[0], PICTURE_SIZE[1]], fill=artwork.mix(background, (0, 0, 0), 0.07))
    draw.ellipse([180, 465, 620, 520], fill=artwork.mix(background, (0, 0, 0), 0.18))
    pattern = artwork.draw_pattern(PICTURE_SIZE, accent, motif, f"product:{slug}:{shape}:{number}")
    mask = Image.new("L", PICTURE_SIZE, 0)
    SHAPES[shape](ImageDraw.Draw(mask), number)
    picture.paste(pattern, (0, 0), mask)
    if shape == "pack":  # a label on the pouch
        draw.rounded_rectangle([305, 250, 495, 380], radius=12, fill=artwork.CREAM)
        draw.ellipse([370, 275, 430, 335], fill=base)
    if shape == "cloth":  # fringes
        for x in range(135, 670, 14):
            draw.line([(x, 488), (x - 3, 510)], fill=artwork.GOLD, width=3)
    return picture


# ---- the loader --------------------------------------------------------------------------------


class ProductSeeder:
    """Creates the demo products that are missing, with pictures and OVOP ratings."""

    def __init__(self, loader):
        self.loader = loader
        self.now = utcnow()
        self.created = 0
        self.rated = 0
        self.pictures = {}
        business_ids = [b.id for b in loader.businesses.values() if b.id is not None]
        self.existing = {tuple(row) for row in db.session.execute(
            select(Product.business_id, Product.title).where(Product.business_id.in_(business_ids))
        )}
        self.nominating_sentra = set(db.session.scalars(
            select(Product.sentra_id).where(Product.ovop_nominated_at.is_not(None)).distinct()
        ))
        self.counter = 0
        self.curator = loader.users.get("kurator@example.com")

    def picture(self, spec, shape, number):
        """One of the few pictures of a sentra's product line (drawn once per run)."""
        key = (spec["slug"], shape, number)
        if key not in self.pictures:
            drawing = draw_product_picture(spec["slug"], spec.get("accent"),
                                           artwork.motif_for(spec["commodity"], spec.get("motif")),
                                           shape, number)
            self.pictures[key] = self.loader.picture(
                drawing, f"Ilustrasi produk {spec['name'].replace('Sentra IKM ', '')}"
            )
        return self.pictures[key]

    def pengelola(self, slug):
        for email, _name, sentra_slug, role, _title in self.loader.plan:
            if sentra_slug == slug and role == ROLE_PENGELOLA:
                return self.loader.users.get(email)
        return None

    def load_sentra(self, spec):
        """The products of one sentra's businesses; OVOP nominations when the sentra has none."""
        sentra = self.loader.sentra.get(spec["slug"])
        lines = LINES.get(spec["commodity"])
        if sentra is None or not lines:
            return
        created = []
        for member, business_spec in enumerate(spec["businesses"]):
            business = self.loader.businesses.get(slugify(business_spec.name))
            if business is None:
                continue
            for k in range(2 + (member % 3 == 0)):
                line = lines[(member + k) % len(lines)]
                variant = line.variants[(member * 2 + k) % len(line.variants)]
                product = self.product(spec, sentra, business, line, variant, k)
                if product is not None:
                    created.append(product)
        db.session.flush()
        if spec["slug"] in NOMINATING and sentra.id not in self.nominating_sentra:
            self.nominate(spec, created)

    def product(self, spec, sentra, business, line, variant, k):
        """One product, unless the business has it already."""
        title = line.title.format(v=variant)
        if (business.id, title) in self.existing:
            return None
        self.existing.add((business.id, title))
        self.counter += 1
        n = self.counter
        rng = artwork.rng_for(f"product:{business.slug}:{title}")
        factor = rng.uniform(0.85, 1.25)
        price_idr = max(1000, round(line.price_idr * factor, -3))
        price_usd = (Decimal(line.price_usd) * Decimal(str(round(factor, 2)))).quantize(Decimal("0.01"))
        if business.capacity_unit == line.unit and business.capacity_amount:
            capacity = max(line.moq, int(business.capacity_amount * rng.uniform(0.3, 0.8)))
        else:
            capacity = line.moq * rng.randint(4, 30)
        export = bool(line.price_usd) and (business.export_ready and k < 2 or rng.random() < 0.2)
        supply_chain = line.volume and rng.random() < 0.75
        ovop = k == 0 and rng.random() < 0.7
        if not (export or supply_chain or ovop):
            ovop = True  # every demo product is offered somewhere
        status = STATUS_PUBLISHED
        if n % 23 == 7:
            status = STATUS_DRAFT
        elif n % 41 == 13:
            status = STATUS_UNPUBLISHED
        elif n % 67 == 30:
            status = STATUS_ARCHIVED
        age = timedelta(days=rng.randint(1, 150), hours=rng.randint(0, 23))
        lead = line.lead_time_days + rng.choice((-3, 0, 0, 7))
        product = Product(
            business_id=business.id, sentra_id=sentra.id, province=sentra.province, status=status,
            title=title, description=line.description.format(v=variant), category=line.category,
            materials=line.materials, price_idr=int(price_idr), unit=line.unit,
            price_on_request=export and n % 9 == 0,
            export_price_usd=price_usd if export and n % 9 else None,
            incoterm="FOB" if export and n % 9 else None,
            port=PORTS.get(sentra.province) if export else None,
            moq=line.moq, capacity_per_month=capacity, lead_time_days=max(1, lead),
            availability="ready_stock" if lead <= 14 else ("pre_order" if n % 5 == 0 else "made_to_order"),
            samples_available=rng.random() < 0.6, hs_code=line.hs_code, size=line.size,
            weight_grams=line.weight_grams, is_ovop=ovop, is_export=export, is_supply_chain=supply_chain,
            title_en=line.title_en.format(v=variant) if export else None,
            description_en=line.description_en.format(v=variant) if export else None,
            view_count=min(5000, int(rng.paretovariate(1.2) * 25)) if status == STATUS_PUBLISHED else 0,
            whatsapp_clicks=rng.randint(0, 12) if status == STATUS_PUBLISHED else 0,
            created_at=self.now - age - timedelta(days=2), updated_at=self.now - age,
            published_at=self.now - age if status == STATUS_PUBLISHED else None,
        )
        held = set(business.certification_codes) & PRODUCT_CERTIFICATIONS
        for code in sorted(set(line.certifications) | held):
            product.certifications.append(ProductCertification(code=code))
        first = rng.randrange(PICTURES_PER_SENTRA)
        for position in range(1 + rng.randrange(3)):
            image = self.picture(spec, line.shape, (first + position) % PICTURES_PER_SENTRA)
            product.images.append(ProductImage(image=image, position=position))
        product.cover_image = product.images[0].image
        db.session.add(product)
        self.created += 1
        return product

    def nominate(self, spec, created):
        """The sentra's board nominates its most viewed OVOP products; the curator rates some."""
        candidates = sorted(
            (p for p in created if p.status == STATUS_PUBLISHED and p.is_ovop),
            key=lambda p: (-p.view_count, p.title),
        )[:NOMINATIONS_PER_SENTRA]
        board = self.pengelola(spec["slug"])
        for index, product in enumerate(candidates):
            rng = artwork.rng_for(f"ovop:{product.title}:{product.business_id}")
            product.ovop_nominated_at = self.now - timedelta(days=20 + rng.randint(0, 40))
            product.ovop_nominated_by_id = board.id if board else None
            product.updated_at = product.ovop_nominated_at  # not "changed just now" on the owner's list
            if index < NOMINATING[spec["slug"]] and self.curator is not None:
                self.rate(product, rng)

    def rate(self, product, rng):
        scores = {code: rng.choice((3, 4, 4, 5, 5)) for code, _label in OVOP_CRITERIA}
        stars = max(3, min(5, round(sum(scores.values()) / len(scores))))
        rating = OvopRating(
            product_id=product.id, curator_id=self.curator.id, stars=stars, note=CURATOR_NOTES[stars],
            rated_at=product.ovop_nominated_at + timedelta(days=rng.randint(2, 12)), **scores,
        )
        db.session.add(rating)
        product.ovop_stars = stars
        self.rated += 1


def load(loader, progress):
    """Add what is missing; return {name: number created} for the summary."""
    seeder = ProductSeeder(loader)
    task = progress.add_task("Demo products", total=len(SENTRA))
    for spec in SENTRA:
        seeder.load_sentra(spec)
        progress.advance(task)
    return {"products": seeder.created, "OVOP ratings": seeder.rated}
