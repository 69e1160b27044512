"""The words of the benchmark corpus and its queries, taken from the demo data and reference lists.

Product lines, variants and prices (seed/product_data.py), business techniques and descriptions
(seed/demo_data.py), forum sentences and titles (seed/forum.py), provinces and regencies
(reference.py), plus a few lists of names and phrases below.
"""

import re

# How the commodities are named in Indonesian text (reference.COMMODITIES labels are English).
CRAFT_WORDS = {
    "tapis": "tapis", "songket": "songket", "batik": "batik", "tenun": "tenun ikat",
    "gerabah-keramik": "gerabah keramik", "logam-perak": "kerajinan perak", "furnitur": "mebel kayu",
    "bambu-rotan": "anyaman rotan", "kulit": "kerajinan kulit", "kopi": "kopi", "keripik": "keripik tempe",
}
FIRST_NAMES = ("Siti", "Sri", "Dewi", "Nur", "Rina", "Wati", "Yuliana", "Maryati", "Suparmi", "Anisa",
               "Indah", "Lestari", "Ratna", "Fitri", "Ayu", "Budi", "Agus", "Bambang", "Joko", "Eko",
               "Hendra", "Rudi", "Slamet", "Wahyu", "Andi", "Bayu", "Dedi", "Made", "Ketut", "Wayan",
               "Nyoman", "Teuku", "Cut", "Ahmad", "Muhammad", "Rahmat", "Yusuf", "Ismail", "Dian", "Putu")
LAST_NAMES = ("Saputra", "Hasan", "Syarif", "Rahmawati", "Permatasari", "Ningsih", "Firmansyah",
              "Wijaya", "Santoso", "Susanto", "Hidayat", "Nugroho", "Setiawan", "Kurniawan", "Pratama",
              "Siregar", "Nasution", "Lubis", "Harahap", "Sembiring", "Tanjung", "Daulay", "Purba",
              "Wibowo", "Gunawan", "Suryadi", "Halim", "Yusuf", "Hakim", "Rosmawati")
VILLAGE_HEADS = ("Suka", "Karang", "Tanjung", "Sumber", "Mekar", "Banjar", "Kali", "Sido", "Tegal",
                 "Wono", "Rejo", "Pasir", "Bojong", "Cikal", "Mulyo", "Sari", "Gunung", "Bukit")
VILLAGE_TAILS = ("maju", "jaya", "rejo", "mulyo", "sari", "makmur", "asri", "harjo", "agung",
                 "wangi", "rahayu", "indah", "luhur", "kencana", "manik", "sentosa")
GOOD_WORDS = ("Jaya", "Makmur", "Lestari", "Sejahtera", "Barokah", "Sentosa", "Abadi", "Mulia", "Indah",
              "Sari", "Mandiri", "Rejeki", "Agung", "Utama", "Mekar", "Kencana", "Cahaya", "Berkah",
              "Harapan", "Nusantara", "Bunda", "Putri", "Sakti", "Melati")
QUALIFIERS = ("", "", "", "", "Premium", "Handmade", "Ukuran Besar", "Ukuran Kecil", "Edisi Lebaran",
              "Warna Alam", "Grosir", "Custom", "Eksklusif", "Oleh-oleh")
USES = ("hadiah pernikahan", "seragam kantor", "dekorasi hotel", "oleh-oleh khas daerah",
        "kafe dan restoran", "butik", "koleksi museum", "acara adat", "toko suvenir", "pembeli ekspor",
        "kebutuhan rumah tangga", "proyek interior", "hampers hari raya", "jaringan ritel modern")
COLOURS = ("merah marun", "biru indigo", "hitam", "putih gading", "coklat sogan", "hijau daun",
           "kuning emas", "abu-abu", "natural", "krem", "ungu terong", "oranye bata")
OUTCOMES = ("tidak luntur", "tidak retak", "tetap renyah", "lebih awet", "warnanya merata",
            "tidak berjamur", "lebih cepat kering", "siap ekspor", "hemat biaya", "lolos uji mutu")
PRODUCT_SENTENCES = (
    "Dibuat oleh {business} di Desa {village}, {regency}.",
    "Dikerjakan dengan teknik {technique} oleh perajin {sentra}.",
    "Bahan utama: {materials}.",
    "Cocok untuk {use}.",
    "Kapasitas produksi sekitar {capacity} {unit} per bulan.",
    "Dikirim ke seluruh Indonesia dari {province}.",
    "Tersedia pilihan warna {colour} dan {colour2}.",
    "Setiap pesanan diperiksa satu per satu sebelum dikemas.",
)
TOPIC_TITLES = (
    "Bagaimana cara {technique} agar {outcome}?",
    "Tanya: {material} untuk {product} yang bagus beli di mana?",
    "Panduan {technique} untuk pemula",
    "Pengalaman {technique} dengan {material}",
    "Mencari pemasok {material} di {province}",
    "Berapa harga wajar {product}?",
    "Tips {technique} supaya {outcome}",
    "Diskusi: pasar {craft} di {province} tahun ini",
)
POST_SENTENCES = (
    "Kami di {village} biasanya memakai {material} untuk {technique}.",
    "Coba tanyakan ke UPT sentra {craft} terdekat, mereka punya alatnya.",
    "Untuk pesanan {product} kami butuh waktu sekitar {days} hari.",
    "Hasilnya {outcome} setelah kami ganti {material}.",
)


def _sentences(text):
    """Plain sentences of a forum text: Markdown markers and @mentions left out."""
    found = []
    for line in text.splitlines():
        line = re.sub(r"^\s*(?:[-*]|\d+\.)\s+", "", line).replace("**", "").strip()
        for sentence in re.split(r"(?<=[.?!])\s+", line):
            if len(sentence) >= 25 and "@" not in sentence:
                found.append(sentence)
    return found


class Vocabulary:
    """The words the corpus (and the benchmark's queries) are made of, taken from the demo data."""

    def __init__(self):
        from marketplace.reference import PROVINCES, REGENCIES
        from marketplace.seed.demo_data import SENTRA
        from marketplace.seed.forum import THREADS
        from marketplace.seed.product_data import LINES, PORTS

        self.lines = LINES
        self.ports = PORTS
        self.commodities = sorted(LINES)
        self.regencies = REGENCIES
        self.province_names = {slug: name for _code, slug, name in PROVINCES}
        self.provinces = [slug for _code, slug, _name in PROVINCES]
        # Java and the provinces of the demo sentra hold more sentra, as they do in the BPS count.
        heavy = {"jawa-barat", "jawa-tengah", "jawa-timur", "di-yogyakarta", "bali", "lampung"}
        self.province_weights = [4 if slug in heavy else 1 for slug in self.provinces]
        self.techniques, self.business_texts, self.certifications, self.name_heads = {}, {}, {}, {}
        self.intros = {}
        for sentra in SENTRA:
            commodity = sentra["commodity"]
            self.intros.setdefault(commodity, sentra["story"].split("\n\n")[0])
            for business in sentra["businesses"]:
                self.techniques.setdefault(commodity, set()).update(
                    t.strip() for t in business.techniques.split(",") if t.strip())
                self.business_texts.setdefault(commodity, []).append(business.description)
                self.certifications.setdefault(commodity, set()).update(business.certifications)
                self.name_heads.setdefault(commodity, set()).add(business.name.split()[0])
        self.techniques = {k: sorted(v) for k, v in self.techniques.items()}
        self.certifications = {k: sorted(v) for k, v in self.certifications.items()}
        self.name_heads = {k: sorted(v) for k, v in self.name_heads.items()}
        self.all_techniques = sorted({t.lower() for v in self.techniques.values() for t in v})
        self.materials = sorted({m.strip().lower() for lines in LINES.values() for line in lines
                                 for m in line.materials.split(",") if m.strip()})
        self.thread_titles = [thread["title"] for thread in THREADS]
        self.tags = sorted({tag for thread in THREADS for tag in thread["tags"]} | set(LINES))
        self.sentences = [s for thread in THREADS
                          for body in [thread["body"], *(reply[2] for reply in thread["replies"])]
                          for s in _sentences(body)]
        self.villages = [head + tail for head in VILLAGE_HEADS for tail in VILLAGE_TAILS]

    def province(self, rng):
        return rng.choices(self.provinces, self.province_weights)[0]

    def product_text(self, rng, commodity):
        """(line, variant, title) of one product of `commodity`."""
        line = rng.choice(self.lines[commodity])
        variant = rng.choice(line.variants)
        qualifier = rng.choice(QUALIFIERS)
        title = line.title.format(v=variant) + (f" {qualifier}" if qualifier else "")
        return line, variant, title

    def topic_title(self, rng, province):
        if rng.random() < 0.1:
            return rng.choice(self.thread_titles)
        commodity = rng.choice(self.commodities)
        line = rng.choice(self.lines[commodity])
        return rng.choice(TOPIC_TITLES).format(
            technique=rng.choice(self.all_techniques), outcome=rng.choice(OUTCOMES),
            material=rng.choice(self.materials), product=line.title.format(v=rng.choice(line.variants)),
            province=self.province_names[province], craft=CRAFT_WORDS[commodity])

    def post_body(self, rng, village):
        parts = rng.sample(self.sentences, rng.randint(2, 5))
        if rng.random() < 0.4:
            commodity = rng.choice(self.commodities)
            line = rng.choice(self.lines[commodity])
            parts.append(rng.choice(POST_SENTENCES).format(
                village=village, material=rng.choice(self.materials),
                technique=rng.choice(self.all_techniques), craft=CRAFT_WORDS[commodity],
                product=line.title.format(v=rng.choice(line.variants)).lower(),
                days=rng.choice((7, 14, 21, 30, 45)), outcome=rng.choice(OUTCOMES)))
        cut = rng.randint(1, len(parts))
        return " ".join(parts[:cut]) + ("\n\n" + " ".join(parts[cut:]) if parts[cut:] else "")
