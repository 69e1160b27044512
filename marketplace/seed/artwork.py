"""Pictures for the demo data, drawn with Pillow: sentra banners, logos and gallery illustrations.

Everything is deterministic (a seed derived from a text key), so drawing the same sentra twice
gives the same pixels and the media pipeline finds the existing image by its content hash.
"""

import hashlib
import math
import random

from PIL import Image, ImageDraw, ImageFont

# The accent classes of static/css/site.css, so banners match the page around them.
ACCENT_COLOURS = {
    "indigo": "#3b3f8f", "maroon": "#8a1c1c", "sogan": "#6b4423", "forest": "#1e5631",
    "teal": "#0f5e5e", "clay": "#9a3b1b", "plum": "#5d2a5c", "slate": "#3d4b5c",
    "coffee": "#4a2f1d", "navy": "#1b2f5e",
}
# Business logos pick one of these by name; all keep white initials readable.
LOGO_COLOURS = [
    "#8a1c1c", "#6b4423", "#1e5631", "#0f5e5e", "#9a3b1b", "#5d2a5c", "#3d4b5c", "#4a2f1d",
    "#1b2f5e", "#3b3f8f", "#7a4b00", "#245c73", "#6d2e46", "#2f5d3a",
]
GOLD = (214, 170, 62)
CREAM = (246, 238, 220)
BANNER_SIZE = (1600, 600)
# Logos show at most about 160 CSS pixels wide: 320 covers high-density screens and keeps
# the seed fast (every picture is encoded in three WebP variants).
LOGO_SIZE = 320
GALLERY_SIZE = (1200, 800)

# Which motif each commodity gets when the sentra does not name one.
COMMODITY_MOTIFS = {
    "tapis": "diamonds", "songket": "diamonds", "tenun": "diamonds", "batik": "parang",
    "gerabah-keramik": "pots", "logam-perak": "filigree", "furnitur": "carving", "kayu": "carving",
    "kopi": "beans", "bambu-rotan": "weave", "anyaman": "weave", "kulit": "stitches",
    "keripik": "chips", "olahan-pangan": "chips",
}


def rgb(colour):
    """'#rrggbb' to an (r, g, b) tuple."""
    colour = colour.lstrip("#")
    return tuple(int(colour[i:i + 2], 16) for i in (0, 2, 4))


def mix(colour, other, amount):
    """Blend two RGB colours; amount 0 gives `colour`, 1 gives `other`."""
    return tuple(round(a + (b - a) * amount) for a, b in zip(colour, other, strict=True))


def rng_for(key):
    """A random generator seeded from text, stable across processes (unlike hash())."""
    return random.Random(int(hashlib.sha256(key.encode()).hexdigest()[:16], 16))


def font(size):
    """Pillow's bundled font at `size`, so the drawing needs no system fonts."""
    return ImageFont.load_default(size=size)


# ---- motifs: each draws over the whole canvas in the given palette ---------------------------

def _tumpal_band(draw, width, top, height, colour, step=80):
    """A row of tumpal triangles (the songket and tapis border) with its base at `top + height`."""
    for x in range(-step // 2, width + step, step):
        draw.polygon([(x, top + height), (x + step // 2, top), (x + step, top + height)], fill=colour)


def _diamonds(draw, size, base, rng):
    """Belah ketupat lattice with gold borders of tumpal triangles, as on tapis and songket."""
    width, height = size
    light, gold = mix(base, CREAM, 0.22), GOLD
    cell = 120
    for row, y in enumerate(range(60, height + cell, cell // 2)):
        offset = (cell // 2) * (row % 2)
        for x in range(-cell + offset, width + cell, cell):
            half = cell // 2
            draw.polygon([(x, y - half), (x + half, y), (x, y + half), (x - half, y)],
                         outline=light, width=4)
            if rng.random() < 0.55:
                q = half // 2
                draw.polygon([(x, y - q), (x + q, y), (x, y + q), (x - q, y)], fill=gold)
            else:
                draw.ellipse([x - 7, y - 7, x + 7, y + 7], fill=gold)
    draw.rectangle([0, 0, width, 54], fill=mix(base, (0, 0, 0), 0.25))
    draw.rectangle([0, height - 54, width, height], fill=mix(base, (0, 0, 0), 0.25))
    _tumpal_band(draw, width, 8, 44, gold)
    for x in range(-40, width + 80, 80):
        draw.polygon([(x, height - 52), (x + 40, height - 8), (x + 80, height - 52)], fill=gold)


def _parang(draw, size, base, rng):
    """Parang-like diagonal bands edged with dots, in sogan and cream."""
    width, height = size
    light, dark = mix(base, CREAM, 0.55), mix(base, (0, 0, 0), 0.3)
    band = 110
    for start in range(-height, width + height, band):
        draw.polygon([(start, height), (start + 40, height), (start + 40 + height, 0),
                      (start + height, 0)], fill=light)
        for t in range(0, height, 36):
            x, y = start + 78 + t, height - t
            draw.ellipse([x - 6, y - 6, x + 6, y + 6], fill=dark)
    for _ in range(60):
        x, y = rng.randrange(width), rng.randrange(height)
        draw.ellipse([x - 3, y - 3, x + 3, y + 3], fill=CREAM)


def _megamendung(draw, size, base, rng):
    """Nested cloud outlines in the Cirebon megamendung manner."""
    width, height = size
    for i in range(14):
        cx, cy = rng.randrange(-100, width + 100), rng.randrange(-50, height + 50)
        radius = rng.randrange(90, 170)
        for step in range(6):
            r = radius - step * 16
            if r <= 10:
                break
            shade = mix(base, CREAM, 0.12 + step * 0.14)
            box = [cx - r * 1.6, cy - r, cx + r * 1.6, cy + r]
            draw.rounded_rectangle(box, radius=int(r * 0.9), fill=shade)
        if i % 3 == 0:
            draw.ellipse([cx - 8, cy - 8, cx + 8, cy + 8], fill=GOLD)


def _pots(draw, size, base, rng):
    """A row of pot and jar silhouettes standing on a shelf, with wheel rings behind."""
    width, height = size
    light, dark = mix(base, CREAM, 0.35), mix(base, (0, 0, 0), 0.25)
    for r in range(60, 900, 60):
        draw.ellipse([width * 0.75 - r, height * 0.5 - r, width * 0.75 + r, height * 0.5 + r],
                     outline=mix(base, CREAM, 0.12), width=3)
    shelf = height - 90
    draw.rectangle([0, shelf, width, height], fill=dark)
    x = 40
    while x < width - 60:
        pot_w = rng.randrange(110, 220)
        pot_h = rng.randrange(180, 380)
        top = shelf - pot_h
        neck = pot_w // 3
        colour = light if rng.random() < 0.6 else mix(base, GOLD, 0.5)
        draw.ellipse([x, top + pot_h * 0.25, x + pot_w, shelf + 10], fill=colour)
        draw.rectangle([x + pot_w / 2 - neck / 2, top + 10, x + pot_w / 2 + neck / 2,
                        top + pot_h * 0.4], fill=colour)
        draw.rounded_rectangle([x + pot_w / 2 - neck / 2 - 14, top, x + pot_w / 2 + neck / 2 + 14,
                                top + 22], radius=8, fill=colour)
        for band in range(2):
            y = top + pot_h * (0.5 + band * 0.15)
            draw.line([x + 18, y, x + pot_w - 18, y], fill=dark, width=5)
        x += pot_w + rng.randrange(30, 80)


def _filigree(draw, size, base, rng):
    """Silver filigree: spirals and granules on a grid, in pale silver tones."""
    width, height = size
    silver, pale = (214, 219, 226), mix(base, (214, 219, 226), 0.45)
    cell = 150
    for y in range(cell // 2, height + cell, cell):
        for x in range(cell // 2, width + cell, cell):
            for r in range(10, 64, 12):
                draw.arc([x - r, y - r, x + r, y + r], start=rng.randrange(0, 90),
                         end=rng.randrange(220, 340), fill=pale, width=3)
            for angle in range(0, 360, 45):
                gx = x + 68 * math.cos(math.radians(angle))
                gy = y + 68 * math.sin(math.radians(angle))
                draw.ellipse([gx - 5, gy - 5, gx + 5, gy + 5], fill=silver)


def _carving(draw, size, base, rng):
    """Wood grain with carved leaf tendrils, after the Jepara ukiran."""
    width, height = size
    grain, leaf = mix(base, CREAM, 0.18), mix(base, GOLD, 0.55)
    for y0 in range(0, height + 40, 26):
        phase = rng.random() * 6
        points = [(x, y0 + 9 * math.sin(x / 90 + phase)) for x in range(0, width + 20, 20)]
        draw.line(points, fill=grain, width=3)
    for cx in range(120, width, 260):
        cy = height // 2 + rng.randrange(-60, 60)
        draw.arc([cx - 110, cy - 110, cx + 110, cy + 110], start=200, end=520, fill=leaf, width=10)
        for angle in range(200, 520, 40):
            lx = cx + 110 * math.cos(math.radians(angle))
            ly = cy + 110 * math.sin(math.radians(angle))
            draw.ellipse([lx - 26, ly - 12, lx + 26, ly + 12], fill=leaf)


def _ellipse_points(cx, cy, rx, ry, angle, steps=24):
    """Points of a rotated ellipse (ImageDraw cannot rotate ellipses)."""
    cos_a, sin_a = math.cos(angle), math.sin(angle)
    return [
        (cx + rx * math.cos(t) * cos_a - ry * math.sin(t) * sin_a,
         cy + rx * math.cos(t) * sin_a + ry * math.sin(t) * cos_a)
        for t in (2 * math.pi * i / steps for i in range(steps))
    ]


def _beans(draw, size, base, rng):
    """Scattered roasted coffee beans, each with its centre cut."""
    width, height = size
    bean, cut = mix(base, (120, 72, 40), 0.55), mix(base, (0, 0, 0), 0.45)
    for _ in range(140):
        cx, cy = rng.randrange(-30, width + 30), rng.randrange(-30, height + 30)
        angle = rng.random() * math.pi
        draw.polygon(_ellipse_points(cx, cy, 34, 23, angle), fill=bean)
        dx, dy = 26 * math.cos(angle), 26 * math.sin(angle)
        draw.line([(cx - dx, cy - dy), (cx + dx * 0.2 - dy * 0.15, cy + dy * 0.2 + dx * 0.15),
                   (cx + dx, cy + dy)], fill=cut, width=4)


def _weave(draw, size, base, rng):
    """Over-and-under plaiting of rattan or pandan strips."""
    width, height = size
    light, shade = mix(base, CREAM, 0.55), mix(base, CREAM, 0.3)
    cell = 60
    for row, y in enumerate(range(0, height, cell)):
        for col, x in enumerate(range(0, width, cell)):
            if (row + col) % 2:
                draw.rounded_rectangle([x + 4, y + 14, x + cell - 4, y + cell - 14], radius=10, fill=light)
            else:
                draw.rounded_rectangle([x + 14, y + 4, x + cell - 14, y + cell - 4], radius=10, fill=shade)


def _stitches(draw, size, base, rng):
    """Leather panels joined by saddle stitches."""
    width, height = size
    panel, thread = mix(base, (150, 90, 50), 0.45), CREAM
    for x0 in range(30, width, 400):
        box = [x0, 40, x0 + 360, height - 40]
        draw.rounded_rectangle(box, radius=36, fill=panel)
        inset = [box[0] + 18, box[1] + 18, box[2] - 18, box[3] - 18]
        for x in range(int(inset[0]) + 10, int(inset[2]) - 10, 24):
            draw.line([x, inset[1], x + 12, inset[1]], fill=thread, width=4)
            draw.line([x, inset[3], x + 12, inset[3]], fill=thread, width=4)
        for y in range(int(inset[1]) + 10, int(inset[3]) - 10, 24):
            draw.line([inset[0], y, inset[0], y + 12], fill=thread, width=4)
            draw.line([inset[2], y, inset[2], y + 12], fill=thread, width=4)


def _chips(draw, size, base, rng):
    """Thin crisp slices with soybean dots, scattered like keripik tempe on a tray."""
    width, height = size
    chip, bean = (226, 178, 92), (245, 222, 170)
    for _ in range(70):
        cx, cy = rng.randrange(-40, width + 40), rng.randrange(-40, height + 40)
        angle = rng.random() * math.pi
        draw.polygon(_ellipse_points(cx, cy, 70, 46, angle, steps=14), fill=chip,
                     outline=mix(chip, (0, 0, 0), 0.25))
        for _dot in range(7):
            dx, dy = rng.randrange(-40, 40), rng.randrange(-24, 24)
            draw.ellipse([cx + dx - 6, cy + dy - 5, cx + dx + 6, cy + dy + 5], fill=bean)


MOTIFS = {
    "diamonds": _diamonds, "parang": _parang, "megamendung": _megamendung, "pots": _pots,
    "filigree": _filigree, "carving": _carving, "beans": _beans, "weave": _weave,
    "stitches": _stitches, "chips": _chips,
}


def motif_for(commodity, motif=None):
    """The motif name a sentra uses: its own choice, else its commodity's."""
    return motif if motif in MOTIFS else COMMODITY_MOTIFS.get(commodity, "diamonds")


def draw_pattern(size, accent, motif, key):
    """A canvas of `size` filled with `motif` in the accent colour."""
    base = rgb(ACCENT_COLOURS.get(accent, ACCENT_COLOURS["indigo"]))
    picture = Image.new("RGB", size, base)
    MOTIFS[motif](ImageDraw.Draw(picture), size, base, rng_for(key))
    return picture


def draw_banner(slug, accent, motif):
    """The 1600x600 banner of a sentra page."""
    return draw_pattern(BANNER_SIZE, accent, motif, f"banner:{slug}")


def draw_gallery_picture(slug, accent, motif, number):
    """One gallery illustration: the motif seen closer, framed by a gold border."""
    picture = draw_pattern(GALLERY_SIZE, accent, motif, f"gallery:{slug}:{number}")
    if number % 2:
        picture = picture.transpose(Image.Transpose.FLIP_LEFT_RIGHT)
    ImageDraw.Draw(picture).rectangle([0, 0, GALLERY_SIZE[0] - 1, GALLERY_SIZE[1] - 1],
                                      outline=GOLD, width=18)
    return picture


GENERIC_WORDS = {
    "sentra", "ikm", "cv", "ud", "pt", "dan", "&", "tapis", "batik", "perak", "keramik", "gerabah",
    "mebel", "kopi", "songket", "rotan", "kulit", "tenun", "keripik", "ikat", "kerajinan", "arabika",
}


def initials(name, skip_commodity_words=True):
    """Two letters for a logo: the first distinctive words of the name."""
    words = [w for w in name.replace("-", " ").split() if w[:1].isalnum()]
    generic = GENERIC_WORDS if skip_commodity_words else {"sentra", "ikm"}
    distinctive = [w for w in words if w.lower() not in generic] or words
    return "".join(w[0] for w in distinctive[:2]).upper() or "?"


def draw_logo(name, colour, accent_band=False):
    """A square logo: initials in white on a coloured ground with a gold ring.

    Sentra logos (`accent_band`) keep the commodity word ("Batik Laweyan" is BL) and get a
    tumpal border; business logos skip it ("Tapis Siger Kemiling" is SK).
    """
    size = LOGO_SIZE
    unit = size / 512  # the layout below is designed on a 512-pixel square
    base = rgb(colour)
    picture = Image.new("RGB", (size, size), base)
    draw = ImageDraw.Draw(picture)
    margin = round(28 * unit)
    draw.ellipse([margin, margin, size - margin, size - margin], outline=GOLD, width=round(14 * unit))
    if accent_band:
        draw.rectangle([0, size - round(64 * unit), size, size], fill=mix(base, (0, 0, 0), 0.3))
        _tumpal_band(draw, size, size - round(56 * unit), round(48 * unit), GOLD, step=round(64 * unit))
    # A ring of granules turned by a name-derived angle: two businesses with the same initials
    # and colour still get different pictures (the pipeline shares identical pictures).
    offset = rng_for(f"granules:{name}").random() * 30
    radius, dot = size / 2 - 66 * unit, 6 * unit
    for step in range(12):
        angle = math.radians(offset + step * 30)
        x, y = size / 2 + radius * math.cos(angle), size / 2 + radius * math.sin(angle)
        draw.ellipse([x - dot, y - dot, x + dot, y + dot], fill=GOLD)
    text = initials(name, skip_commodity_words=not accent_band)
    letters = font(round((210 if len(text) < 2 else 180) * unit))
    draw.text((size / 2, size / 2 - (18 * unit if accent_band else 0)), text, font=letters, anchor="mm",
              fill=(255, 255, 255), stroke_width=round(5 * unit), stroke_fill=(255, 255, 255))
    return picture


def logo_colour(name):
    """A stable colour for a business logo, chosen from its name."""
    return LOGO_COLOURS[rng_for(f"logo:{name}").randrange(len(LOGO_COLOURS))]
