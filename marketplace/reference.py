"""Reference data shared by forms, filters and pages: provinces, commodities, certifications."""

from babel import Locale
from flask_babel import get_locale

from marketplace.i18n import lazy_gettext as _l

# Indonesia's 38 provinces with their Kemendagri codes (after the 2022 Papua division).
PROVINCES = [
    ("11", "aceh", "Aceh"),
    ("12", "sumatera-utara", "Sumatera Utara"),
    ("13", "sumatera-barat", "Sumatera Barat"),
    ("14", "riau", "Riau"),
    ("15", "jambi", "Jambi"),
    ("16", "sumatera-selatan", "Sumatera Selatan"),
    ("17", "bengkulu", "Bengkulu"),
    ("18", "lampung", "Lampung"),
    ("19", "kepulauan-bangka-belitung", "Kepulauan Bangka Belitung"),
    ("21", "kepulauan-riau", "Kepulauan Riau"),
    ("31", "dki-jakarta", "DKI Jakarta"),
    ("32", "jawa-barat", "Jawa Barat"),
    ("33", "jawa-tengah", "Jawa Tengah"),
    ("34", "di-yogyakarta", "DI Yogyakarta"),
    ("35", "jawa-timur", "Jawa Timur"),
    ("36", "banten", "Banten"),
    ("51", "bali", "Bali"),
    ("52", "nusa-tenggara-barat", "Nusa Tenggara Barat"),
    ("53", "nusa-tenggara-timur", "Nusa Tenggara Timur"),
    ("61", "kalimantan-barat", "Kalimantan Barat"),
    ("62", "kalimantan-tengah", "Kalimantan Tengah"),
    ("63", "kalimantan-selatan", "Kalimantan Selatan"),
    ("64", "kalimantan-timur", "Kalimantan Timur"),
    ("65", "kalimantan-utara", "Kalimantan Utara"),
    ("71", "sulawesi-utara", "Sulawesi Utara"),
    ("72", "sulawesi-tengah", "Sulawesi Tengah"),
    ("73", "sulawesi-selatan", "Sulawesi Selatan"),
    ("74", "sulawesi-tenggara", "Sulawesi Tenggara"),
    ("75", "gorontalo", "Gorontalo"),
    ("76", "sulawesi-barat", "Sulawesi Barat"),
    ("81", "maluku", "Maluku"),
    ("82", "maluku-utara", "Maluku Utara"),
    ("91", "papua", "Papua"),
    ("92", "papua-barat", "Papua Barat"),
    ("93", "papua-selatan", "Papua Selatan"),
    ("94", "papua-tengah", "Papua Tengah"),
    ("95", "papua-pegunungan", "Papua Pegunungan"),
    ("96", "papua-barat-daya", "Papua Barat Daya"),
]
PROVINCE_NAMES = {slug: name for _code, slug, name in PROVINCES}

# The commodity taxonomy of sentra IKM, grouped as members and buyers think of it.
COMMODITY_GROUPS = [
    (_l("Textiles (wastra)"), [
        ("batik", _l("Batik")),
        ("tenun", _l("Woven cloth (tenun)")),
        ("songket", _l("Songket")),
        ("tapis", _l("Tapis")),
    ]),
    (_l("Crafts (kerajinan)"), [
        ("anyaman", _l("Plaiting (anyaman)")),
        ("gerabah-keramik", _l("Pottery & ceramics")),
        ("kayu", _l("Woodcraft")),
        ("logam-perak", _l("Metal & silver")),
        ("kulit", _l("Leather")),
        ("bambu-rotan", _l("Bamboo & rattan")),
    ]),
    (_l("Food & drink"), [
        ("kopi", _l("Coffee")),
        ("keripik", _l("Chips & crackers (keripik)")),
        ("olahan-pangan", _l("Processed food")),
    ]),
    (_l("Furniture"), [("furnitur", _l("Furniture"))]),
    (_l("Fashion & accessories"), [("fesyen-aksesori", _l("Fashion & accessories"))]),
    (_l("Herbal & cosmetics"), [("herbal-kosmetik", _l("Herbal & cosmetics"))]),
    (_l("Industrial components"), [("komponen-industri", _l("Industrial components"))]),
]
COMMODITIES = {slug: label for _group, items in COMMODITY_GROUPS for slug, label in items}

CERTIFICATIONS = [
    ("SNI", _l("SNI (Indonesian National Standard)")),
    ("HALAL", _l("Halal")),
    ("PIRT", _l("P-IRT (home food industry licence)")),
    ("BPOM", _l("BPOM registration")),
    ("SVLK", _l("SVLK (legal timber)")),
    ("HAKI", _l("HAKI / registered trademark")),
    ("ISO9001", _l("ISO 9001")),
    ("BATIKMARK", _l("Batikmark")),
    ("ORGANIK", _l("Organic")),
]
CERTIFICATION_LABELS = dict(CERTIFICATIONS)

FACILITY_KINDS = [
    ("rumah_produksi", _l("Production house (rumah produksi)")),
    ("rumah_kemasan", _l("Packaging house (rumah kemasan)")),
    ("kantor_upt", _l("UPT office")),
    ("kantor_pengelola", _l("Management office")),
    ("gedung_produksi", _l("Production building")),
    ("showroom", _l("Promotion centre / showroom")),
    ("mesin_peralatan", _l("Machines and equipment")),
    ("ipal", _l("Wastewater treatment (IPAL)")),
    ("gudang", _l("Warehouse")),
    ("laboratorium", _l("Testing laboratory")),
]
FACILITY_LABELS = dict(FACILITY_KINDS)

PROGRAMME_KINDS = [
    ("pembangunan", _l("New construction (pembangunan)")),
    ("revitalisasi", _l("Revitalisation (revitalisasi)")),
]
PROGRAMME_LABELS = dict(PROGRAMME_KINDS)

CAPACITY_UNITS = [
    ("pcs", _l("pieces")),
    ("lembar", _l("sheets / cloths (lembar)")),
    ("meter", _l("metres")),
    ("kg", _l("kilograms")),
    ("set", _l("sets")),
    ("unit", _l("units")),
    ("liter", _l("litres")),
]
CAPACITY_UNIT_LABELS = dict(CAPACITY_UNITS)

# Accent colours for sentra pages; each passes WCAG AA contrast with white text.
ACCENTS = [
    ("indigo", _l("Indigo")),
    ("maroon", _l("Maroon (tapis red)")),
    ("sogan", _l("Sogan brown")),
    ("forest", _l("Forest green")),
    ("teal", _l("Teal")),
    ("clay", _l("Terracotta")),
    ("plum", _l("Plum")),
    ("slate", _l("Slate")),
    ("coffee", _l("Coffee")),
    ("navy", _l("Navy")),
]
ACCENT_LABELS = dict(ACCENTS)


def province_name(slug):
    """Display name of a province slug, or the slug itself when unknown."""
    return PROVINCE_NAMES.get(slug, slug or "")


def commodity_label(slug):
    """Translated label of a commodity slug."""
    return COMMODITIES.get(slug, slug or "")


def country_choices():
    """ISO country codes with names in the interface language, Indonesia first."""
    locale = Locale.parse(str(get_locale() or "id"))
    names = {
        code: name for code, name in locale.territories.items()
        if len(code) == 2 and code.isalpha() and code not in {"ZZ", "XA", "XB", "EU", "EZ", "UN", "QO"}
    }
    indonesia = [("ID", names.pop("ID", "Indonesia"))]
    return indonesia + sorted(names.items(), key=lambda item: item[1])


def country_name(code):
    """The name of an ISO country code in the interface language."""
    if not code:
        return ""
    locale = Locale.parse(str(get_locale() or "id"))
    return locale.territories.get(code, code)


# Regencies (kabupaten) and cities (kota) of the provinces whose full list we are sure of,
# written the way the sentra pages show them. Provinces missing here take free text.
def _regencies(kabupaten, kota):
    return [f"Kabupaten {name}" for name in kabupaten] + [f"Kota {name}" for name in kota]


REGENCIES = {
    "aceh": _regencies(
        ["Aceh Barat", "Aceh Barat Daya", "Aceh Besar", "Aceh Jaya", "Aceh Selatan", "Aceh Singkil",
         "Aceh Tamiang", "Aceh Tengah", "Aceh Tenggara", "Aceh Timur", "Aceh Utara", "Bener Meriah",
         "Bireuen", "Gayo Lues", "Nagan Raya", "Pidie", "Pidie Jaya", "Simeulue"],
        ["Banda Aceh", "Langsa", "Lhokseumawe", "Sabang", "Subulussalam"],
    ),
    "sumatera-barat": _regencies(
        ["Agam", "Dharmasraya", "Kepulauan Mentawai", "Lima Puluh Kota", "Padang Pariaman", "Pasaman",
         "Pasaman Barat", "Pesisir Selatan", "Sijunjung", "Solok", "Solok Selatan", "Tanah Datar"],
        ["Bukittinggi", "Padang", "Padang Panjang", "Pariaman", "Payakumbuh", "Sawahlunto", "Solok"],
    ),
    "sumatera-selatan": _regencies(
        ["Banyuasin", "Empat Lawang", "Lahat", "Muara Enim", "Musi Banyuasin", "Musi Rawas",
         "Musi Rawas Utara", "Ogan Ilir", "Ogan Komering Ilir", "Ogan Komering Ulu",
         "Ogan Komering Ulu Selatan", "Ogan Komering Ulu Timur", "Penukal Abab Lematang Ilir"],
        ["Lubuklinggau", "Pagar Alam", "Palembang", "Prabumulih"],
    ),
    "lampung": _regencies(
        ["Lampung Barat", "Lampung Selatan", "Lampung Tengah", "Lampung Timur", "Lampung Utara",
         "Mesuji", "Pesawaran", "Pesisir Barat", "Pringsewu", "Tanggamus", "Tulang Bawang",
         "Tulang Bawang Barat", "Way Kanan"],
        ["Bandar Lampung", "Metro"],
    ),
    "dki-jakarta": ["Kabupaten Administrasi Kepulauan Seribu"] + [
        f"Kota Administrasi Jakarta {part}" for part in ("Barat", "Pusat", "Selatan", "Timur", "Utara")
    ],
    "jawa-barat": _regencies(
        ["Bandung", "Bandung Barat", "Bekasi", "Bogor", "Ciamis", "Cianjur", "Cirebon", "Garut",
         "Indramayu", "Karawang", "Kuningan", "Majalengka", "Pangandaran", "Purwakarta", "Subang",
         "Sukabumi", "Sumedang", "Tasikmalaya"],
        ["Bandung", "Banjar", "Bekasi", "Bogor", "Cimahi", "Cirebon", "Depok", "Sukabumi", "Tasikmalaya"],
    ),
    "jawa-tengah": _regencies(
        ["Banjarnegara", "Banyumas", "Batang", "Blora", "Boyolali", "Brebes", "Cilacap", "Demak",
         "Grobogan", "Jepara", "Karanganyar", "Kebumen", "Kendal", "Klaten", "Kudus", "Magelang",
         "Pati", "Pekalongan", "Pemalang", "Purbalingga", "Purworejo", "Rembang", "Semarang",
         "Sragen", "Sukoharjo", "Tegal", "Temanggung", "Wonogiri", "Wonosobo"],
        ["Magelang", "Pekalongan", "Salatiga", "Semarang", "Surakarta", "Tegal"],
    ),
    "di-yogyakarta": _regencies(
        ["Bantul", "Gunungkidul", "Kulon Progo", "Sleman"],
        ["Yogyakarta"],
    ),
    "jawa-timur": _regencies(
        ["Bangkalan", "Banyuwangi", "Blitar", "Bojonegoro", "Bondowoso", "Gresik", "Jember", "Jombang",
         "Kediri", "Lamongan", "Lumajang", "Madiun", "Magetan", "Malang", "Mojokerto", "Nganjuk",
         "Ngawi", "Pacitan", "Pamekasan", "Pasuruan", "Ponorogo", "Probolinggo", "Sampang",
         "Sidoarjo", "Situbondo", "Sumenep", "Trenggalek", "Tuban", "Tulungagung"],
        ["Batu", "Blitar", "Kediri", "Madiun", "Malang", "Mojokerto", "Pasuruan", "Probolinggo",
         "Surabaya"],
    ),
    "banten": _regencies(
        ["Lebak", "Pandeglang", "Serang", "Tangerang"],
        ["Cilegon", "Serang", "Tangerang", "Tangerang Selatan"],
    ),
    "bali": _regencies(
        ["Badung", "Bangli", "Buleleng", "Gianyar", "Jembrana", "Karangasem", "Klungkung", "Tabanan"],
        ["Denpasar"],
    ),
    "nusa-tenggara-barat": _regencies(
        ["Bima", "Dompu", "Lombok Barat", "Lombok Tengah", "Lombok Timur", "Lombok Utara", "Sumbawa",
         "Sumbawa Barat"],
        ["Bima", "Mataram"],
    ),
}


def regencies_for(province_slug):
    """The regencies and cities of a province, or [] when we do not list them."""
    return list(REGENCIES.get(province_slug, []))


def match_regency(province_slug, text):
    """The listed regency/city of a province that `text` names, e.g. 'bantul' -> 'Kabupaten Bantul'.

    Returns (name, None) on a match, (text, None) when the province has no list, and
    (None, candidates) when nothing or more than one entry matches (Bandung: Kabupaten or Kota?).
    """
    known = regencies_for(province_slug)
    if not known or not text:
        return text, None
    wanted = " ".join(text.split()).lower()
    exact = [name for name in known if name.lower() == wanted]
    if exact:
        return exact[0], None
    by_place = [name for name in known if name.lower().split(" ", 1)[1] == wanted]
    if len(by_place) == 1:
        return by_place[0], None
    return None, by_place


def unit_word(code, count=1):
    """A unit as a word after a number or after 'per': 1 piece, 10 pieces, Rp 5.000 / piece."""
    from marketplace.i18n import ngettext

    words = {
        "pcs": lambda n: ngettext("piece", "pieces", n),
        "lembar": lambda n: ngettext("cloth", "cloths", n),
        "meter": lambda n: ngettext("metre", "metres", n),
        "kg": lambda n: ngettext("kg", "kg", n),
        "set": lambda n: ngettext("set", "sets", n),
        "unit": lambda n: ngettext("unit", "units", n),
        "liter": lambda n: ngettext("litre", "litres", n),
    }
    word = words.get(code)
    return word(count or 1) if word else (code or "")
