"""Demo buyers: inquiries with replies, buying requests with quotes, favourites and follows.

Loaded after the sentra, businesses, people and products. Safe to run again: conversations are
found by (buyer, business, subject), requests by (buyer, title), quotes by (request, business),
favourites and follows by their keys, so a second run adds nothing.
"""

from datetime import timedelta
from decimal import Decimal

from sqlalchemy import select

from marketplace.businesses.models import Business
from marketplace.buyers.models import (
    QUOTE_ACCEPTED,
    QUOTE_DECLINED,
    QUOTE_SUBMITTED,
    REQUEST_AWARDED,
    REQUEST_CLOSED,
    REQUEST_OPEN,
    BuyingRequest,
    Conversation,
    Favourite,
    Message,
    Quote,
    SentraFollow,
)
from marketplace.catalog.models import STATUS_PUBLISHED, Product
from marketplace.extensions import db
from marketplace.notifications.services import notify
from marketplace.timeutil import utcnow

EKSPOR = "ekspor@example.com"
INDUSTRI = "industri@example.com"
PERAJIN = "perajin@example.com"

# Inquiries: who asks which business (a sentra slug, or the demo artisan's own business) about
# its best product; the messages as (side, text, hours ago); the status and unread counters.
INQUIRIES = [
    {
        "buyer": EKSPOR, "business": PERAJIN, "status": "quoted", "quantity": 60, "target_price": 85,
        "currency": "USD", "incoterm": "FOB", "country": "SE", "needed_in_days": 75, "buyer_unread": 1,
        "messages": [
            ("buyer", "Hello Ibu Nurhayati,\n\nWe run three interior shops in Sweden and would like to "
                      "sell tapis as wall hangings. Could you make 60 pieces of about 60 x 90 cm, in "
                      "red and gold? Do you send samples?", 96),
            ("business", "Selamat siang Ibu Linnea,\n\nTerima kasih. Kami bisa membuat 60 lembar ukuran "
                         "60 x 90 cm dalam waktu 8 minggu. Harga FOB Panjang USD 92 per lembar, sampel "
                         "2 lembar kami kirim dengan DHL (ongkos kirim ditanggung pembeli).", 70),
            ("buyer", "Thank you! USD 92 is a little above our budget. At 100 pieces, could you do USD 85? "
                      "Please send the two samples; I will pay the courier.", 50),
            ("business", "Untuk 100 lembar kami bisa USD 86 FOB. Sampel sudah kami kirim hari ini, nomor "
                         "resi menyusul lewat pesan ini.", 20),
        ],
    },
    {
        "buyer": INDUSTRI, "business": PERAJIN, "status": "open", "quantity": 300, "target_price": 250000,
        "currency": "IDR", "country": "ID", "needed_in_days": 45, "business_unread": 1,
        "messages": [
            ("buyer", "Selamat pagi Bu,\n\nKami membutuhkan 300 lembar kain tapis motif pucuk rebung untuk "
                      "seragam resepsionis hotel jaringan kami di Jakarta dan Bali. Apakah bisa dengan "
                      "benang emas sintetis agar harga lebih terjangkau?", 5),
        ],
    },
    {
        "buyer": EKSPOR, "business": "batik-laweyan", "status": "open", "quantity": 200, "target_price": 18,
        "currency": "USD", "incoterm": "CIF", "country": "SE", "needed_in_days": 90, "business_unread": 1,
        "messages": [
            ("buyer", "Good morning,\n\nWe are looking for hand-drawn batik scarves in natural colours "
                      "(sogan). Could you quote 200 pieces CIF Gothenburg, and tell us which dyes you use?",
             30),
        ],
    },
    {
        "buyer": INDUSTRI, "business": "rotan-tegalwangi", "status": "quoted", "quantity": 400,
        "target_price": 650000, "currency": "IDR", "country": "ID", "needed_in_days": 60,
        "messages": [
            ("buyer", "Kami perlu 400 kursi rotan untuk restoran hotel di Bali. Berapa harga per unit "
                      "dan berapa lama pengerjaannya?", 240),
            ("business", "Untuk 400 unit kursi rotan natural finishing melamin, harga Rp 690.000 per unit, "
                         "pengerjaan 6 minggu. Kami bisa kirim foto contoh dari gudang.", 200),
            ("buyer", "Baik, silakan kirim penawaran resmi. Kami akan membandingkan dengan dua pemasok lain.",
             180),
        ],
    },
    {
        "buyer": INDUSTRI, "business": "kopi-arabika-gayo", "status": "closed", "quantity": 500,
        "target_price": 120000, "currency": "IDR", "country": "ID",
        "messages": [
            ("buyer", "Apakah tersedia 500 kg green bean arabika Gayo grade 1 untuk bulan depan?", 400),
            ("business", "Mohon maaf Pak, panen tahun ini sudah habis dipesan. Stok baru tersedia tiga "
                         "bulan lagi. Kami kabari bila sudah siap.", 380),
            ("buyer", "Baik, terima kasih atas informasinya.", 370),
        ],
    },
    {
        "buyer": EKSPOR, "business": "perak-kotagede", "status": "open", "quantity": 150, "target_price": 24,
        "currency": "USD", "incoterm": "EXW", "country": "SE", "needed_in_days": 120, "buyer_unread": 1,
        "messages": [
            ("buyer", "Hello,\n\nCould you make 150 filigree pendants in 925 silver with our own design? "
                      "We can send a drawing.", 60),
            ("business", "Good afternoon Ms Berg,\n\nYes, we make custom filigree. Please send the drawing; "
                         "a first sample takes about 10 days. EXW price depends on the weight, usually "
                         "USD 22-28 per piece.", 10),
        ],
    },
]

# Buying requests with the sentra whose businesses quote, and which quote (if any) won.
REQUESTS = [
    {
        "buyer": INDUSTRI, "title": "Kursi rotan untuk jaringan hotel (400 unit)", "category": "bambu-rotan",
        "channel": "supply_chain", "quantity": 400, "unit": "pcs", "target_price_idr": 650000,
        "deadline_days": 20, "country": "ID", "city": "Denpasar", "status": REQUEST_AWARDED, "age_days": 25,
        "description": "Kursi makan rotan alami dengan dudukan anyaman, tahan kelembapan untuk restoran "
                       "semi-terbuka. Finishing melamin warna natural. Pengiriman bertahap ke Bali.",
        "quotes": [("rotan-tegalwangi", 0, 690000, None, 100, 42, "Termasuk pengemasan kardus per dua unit."),
                   ("rotan-tegalwangi", 1, 640000, None, 200, 56, "Rangka rotan manau, anyaman lokal."),
                   ("rotan-tegalwangi", 2, 615000, None, 400, 70, "Harga untuk pengambilan di Cirebon.")],
        "accepted": 1,
    },
    {
        "buyer": INDUSTRI, "title": "Kain batik cap untuk pabrik garmen", "category": "batik",
        "channel": "supply_chain", "quantity": 2000, "unit": "meter", "target_price_idr": 55000,
        "deadline_days": 30, "country": "ID", "city": "Semarang", "status": REQUEST_OPEN, "age_days": 6,
        "description": "Kain katun primisima batik cap motif parang dan kawung, lebar 115 cm, untuk kemeja "
                       "seragam. Pewarna sintetis tahan luntur, lolos uji SNI.",
        "quotes": [("batik-laweyan", 0, 58000, None, 500, 30, "Bisa motif parang dan kawung sekaligus."),
                   ("batik-trusmi", 0, 52000, None, 1000, 35, "Motif pesisiran juga tersedia."),
                   ("batik-trusmi", 1, 56500, None, 300, 25, "Kain primisima, sudah lolos uji luntur.")],
    },
    {
        "buyer": EKSPOR, "title": "Green coffee beans for a specialty roaster in Stockholm",
        "category": "kopi", "channel": "export", "quantity": 1200, "unit": "kg", "target_price_idr": 140000,
        "deadline_days": 40, "country": "SE", "city": "Stockholm", "status": REQUEST_OPEN, "age_days": 9,
        "description": "Arabica Gayo grade 1, semi-washed or full-washed, crop of this year, in GrainPro "
                       "bags of 60 kg. Please include a cupping score and a 300 g pre-shipment sample.",
        "quotes": [("kopi-arabika-gayo", 0, None, "9.80", 600, 30, "Full-washed, cupping score 84.5."),
                   ("kopi-arabika-gayo", 3, None, "9.20", 1200, 45, "Cooperative lot, Fairtrade pending."),
                   ("kopi-arabika-gayo", 1, 148000, "9.60", 300, 21, "Semi-washed, ready in Takengon.")],
    },
    {
        "buyer": EKSPOR, "title": "Tapis panels for an interior design exporter", "category": "tapis",
        "channel": "export", "quantity": 60, "unit": "lembar", "target_price_idr": 1300000,
        "deadline_days": 25, "country": "SE", "city": "Göteborg", "status": REQUEST_OPEN, "age_days": 3,
        "description": "Framed or unframed tapis panels, about 60 x 90 cm, gold thread on red or dark "
                       "blue, for hotel rooms in Scandinavia. Labels in English, photos of each piece.",
        "quotes": [(PERAJIN, 0, 1350000, "86.00", 20, 56, "Motif siger, benang emas, bisa diberi bingkai."),
                   ("tenun-tapis-bandar-lampung", 2, 1250000, None, 10, 60, "Motif kapal, warna biru tua.")],
    },
    {
        "buyer": INDUSTRI, "title": "Peralatan makan keramik untuk restoran", "category": "gerabah-keramik",
        "channel": "supply_chain", "quantity": 3000, "unit": "pcs", "target_price_idr": 35000,
        "deadline_days": -5, "country": "ID", "city": "Jakarta", "status": REQUEST_CLOSED, "age_days": 40,
        "description": "Piring, mangkuk, dan cangkir keramik berglasir aman untuk makanan, warna tanah "
                       "dan putih gading, untuk 12 restoran.",
        "quotes": [("keramik-plered", 0, 38000, None, 1000, 45, "Glasir bebas timbal, uji lab tersedia."),
                   ("gerabah-kasongan", 0, 33000, None, 500, 50, "Terakota berglasir, warna tanah.")],
    },
]

FAVOURITES = {
    EKSPOR: ["tenun-tapis-bandar-lampung", "batik-laweyan", "perak-kotagede", "kopi-arabika-gayo",
             "songket-palembang", "perak-celuk"],
    INDUSTRI: ["rotan-tegalwangi", "mebel-ukir-jepara", "keramik-plered", "tenun-ikat-troso"],
}
FOLLOWS = {
    EKSPOR: ["tenun-tapis-bandar-lampung", "batik-laweyan", "perak-kotagede", "kopi-arabika-gayo"],
    INDUSTRI: ["rotan-tegalwangi", "mebel-ukir-jepara", "keramik-plered", "batik-trusmi"],
    PERAJIN: ["songket-palembang"],
}


class BuyersSeeder:
    """Creates the demo conversations, requests, quotes, favourites and follows that are missing."""

    def __init__(self, loader):
        self.loader = loader
        self.now = utcnow()
        self.created = dict.fromkeys(
            ("inquiries", "messages", "buying requests", "quotes", "favourites", "follows"), 0)
        self._businesses = {}

    # ---- finding what the other seed steps made -------------------------------------------------

    def user(self, email):
        return self.loader.users.get(email)

    def businesses(self, key):
        """The businesses behind a key: a sentra slug (its businesses by name), or a person's email."""
        if key not in self._businesses:
            if "@" in key:
                owner = self.user(key)
                query = select(Business).where(Business.owner_id == (owner.id if owner else -1))
            else:
                sentra = self.loader.sentra.get(key)
                query = select(Business).where(Business.sentra_id == (sentra.id if sentra else -1))
            self._businesses[key] = db.session.scalars(query.order_by(Business.name, Business.id)).all()
        return self._businesses[key]

    def best_product(self, business, export=False):
        """The business's most viewed published product (export ones first when asked), or None."""
        query = select(Product).where(Product.business_id == business.id, Product.status == STATUS_PUBLISHED)
        order = [Product.is_export.desc()] if export else []
        return db.session.scalars(
            query.order_by(*order, Product.view_count.desc(), Product.id).limit(1)
        ).first()

    def products_of_sentra(self, slug, limit):
        sentra = self.loader.sentra.get(slug)
        if sentra is None:
            return []
        return db.session.scalars(
            select(Product).where(Product.sentra_id == sentra.id, Product.status == STATUS_PUBLISHED)
            .order_by(Product.view_count.desc(), Product.id).limit(limit)
        ).unique().all()

    def ago(self, hours=0, days=0):
        return self.now - timedelta(hours=hours, days=days)

    # ---- inquiries ----------------------------------------------------------------------------

    def inquiry(self, spec):
        buyer = self.user(spec["buyer"])
        businesses = self.businesses(spec["business"])
        if buyer is None or not businesses:
            return
        business = businesses[0]
        product = self.best_product(business, export=spec.get("currency") == "USD")
        if product is None:
            return
        subject = product.title[:200]
        exists = db.session.scalar(select(Conversation.id).where(
            Conversation.buyer_id == buyer.id, Conversation.business_id == business.id,
            Conversation.subject == subject))
        if exists is not None:
            return
        messages = spec["messages"]
        started, last = self.ago(hours=messages[0][2]), self.ago(hours=messages[-1][2])
        conversation = Conversation(
            buyer_id=buyer.id, business_id=business.id, product_id=product.id, status=spec["status"],
            subject=subject, quantity=spec.get("quantity"), unit=product.unit,
            target_price=Decimal(spec["target_price"]), currency=spec.get("currency"),
            incoterm=spec.get("incoterm"), destination_country=spec.get("country"),
            needed_by=(self.now + timedelta(days=spec["needed_in_days"])).date()
            if spec.get("needed_in_days") else None,
            created_at=started, last_message_at=last,
            last_message_excerpt=" ".join(messages[-1][1].split())[:150],
            buyer_unread=spec.get("buyer_unread", 0), business_unread=spec.get("business_unread", 0),
        )
        db.session.add(conversation)
        db.session.flush()
        for side, text, hours in messages:
            sender = buyer if side == "buyer" else business.owner
            db.session.add(Message(conversation_id=conversation.id, sender_id=sender.id, body=text,
                                   created_at=self.ago(hours=hours)))
            self.created["messages"] += 1
        notice = notify(business.owner, "buyers.inquiry", url=f"/inbox/{conversation.id}", subject=subject,
                        actor=buyer, email=False)
        if notice is not None:
            notice.created_at = started
            notice.read_at = None if spec.get("business_unread") else last
        self.created["inquiries"] += 1

    # ---- buying requests and quotes -------------------------------------------------------------

    def buying_request(self, spec):
        buyer = self.user(spec["buyer"])
        if buyer is None:
            return
        buying_request = db.session.scalar(select(BuyingRequest).where(
            BuyingRequest.buyer_id == buyer.id, BuyingRequest.title == spec["title"]))
        if buying_request is None:
            created = self.ago(days=spec["age_days"])
            buying_request = BuyingRequest(
                buyer_id=buyer.id, title=spec["title"], description=spec["description"],
                category=spec["category"], quantity=spec["quantity"], unit=spec["unit"],
                target_price_idr=spec["target_price_idr"],
                deadline=(created + timedelta(days=spec["age_days"] + spec["deadline_days"])).date(),
                destination_country=spec["country"], destination_city=spec["city"], channel=spec["channel"],
                status=REQUEST_OPEN, created_at=created,
            )
            db.session.add(buying_request)
            db.session.flush()
            self.created["buying requests"] += 1
        quotes = []
        for number, (key, index, price_idr, price_usd, moq, lead, message) in enumerate(spec["quotes"]):
            businesses = self.businesses(key)
            if index >= len(businesses):
                continue
            quotes.append((number, self.quote(buying_request, businesses[index], price_idr, price_usd, moq,
                                              lead, message, number)))
        if buying_request.status == REQUEST_OPEN and spec["status"] != REQUEST_OPEN:
            self.finish(buying_request, spec, quotes)

    def quote(self, buying_request, business, price_idr, price_usd, moq, lead, message, number):
        quote = db.session.scalar(select(Quote).where(
            Quote.request_id == buying_request.id, Quote.business_id == business.id))
        if quote is not None:
            return quote
        when = buying_request.created_at + timedelta(hours=6 + 20 * number)
        quote = Quote(request_id=buying_request.id, business_id=business.id, price_idr=price_idr,
                      price_usd=Decimal(price_usd) if price_usd else None, moq=moq, lead_time_days=lead,
                      message=message, status=QUOTE_SUBMITTED, created_at=when, updated_at=when)
        db.session.add(quote)
        db.session.flush()
        notice = notify(buying_request.buyer, "buyers.quote", url=f"/requests/{buying_request.id}#quotes",
                        subject=buying_request.title, actor=business.owner, email=False)
        if notice is not None:
            notice.created_at = when
            notice.read_at = when + timedelta(hours=2)
        self.created["quotes"] += 1
        return quote

    def finish(self, buying_request, spec, quotes):
        """Award or close a request the way its buyer did."""
        winner = next((quote for number, quote in quotes if number == spec.get("accepted")), None)
        for _number, quote in quotes:
            quote.status = QUOTE_ACCEPTED if quote is winner else QUOTE_DECLINED
        buying_request.status = spec["status"]
        buying_request.accepted_quote_id = winner.id if winner is not None else None
        buying_request.closed_at = buying_request.created_at + timedelta(days=spec["age_days"] // 2)

    # ---- favourites and follows ---------------------------------------------------------------

    def favourites(self, email, slugs):
        user = self.user(email)
        if user is None:
            return
        saved = set(db.session.scalars(select(Favourite.product_id).where(Favourite.user_id == user.id)))
        for position, slug in enumerate(slugs):
            for product in self.products_of_sentra(slug, 2 if position < 2 else 1):
                if product.id not in saved:
                    db.session.add(Favourite(user_id=user.id, product_id=product.id,
                                             created_at=self.ago(days=position + 1)))
                    saved.add(product.id)
                    self.created["favourites"] += 1

    def follows(self, email, slugs):
        user = self.user(email)
        if user is None:
            return
        followed = set(db.session.scalars(
            select(SentraFollow.sentra_id).where(SentraFollow.user_id == user.id)))
        for position, slug in enumerate(slugs):
            sentra = self.loader.sentra.get(slug)
            if sentra is not None and sentra.id not in followed:
                db.session.add(SentraFollow(user_id=user.id, sentra_id=sentra.id,
                                            created_at=self.ago(days=10 + position)))
                followed.add(sentra.id)
                self.created["follows"] += 1


def load(loader, progress):
    """Add what is missing; return {name: number created} for the summary."""
    seeder = BuyersSeeder(loader)
    task = progress.add_task("Demo inquiries and buying requests", total=4)
    for spec in INQUIRIES:
        seeder.inquiry(spec)
    progress.advance(task)
    for spec in REQUESTS:
        seeder.buying_request(spec)
    progress.advance(task)
    for email, slugs in FAVOURITES.items():
        seeder.favourites(email, slugs)
    progress.advance(task)
    for email, slugs in FOLLOWS.items():
        seeder.follows(email, slugs)
    progress.advance(task)
    return seeder.created
