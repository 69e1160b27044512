"""A seeded, reproducible corpus for the search benchmark: sentra, businesses, products, forum.

Words come from the demo data (product lines, business techniques, forum threads) and the
reference lists (provinces, regencies, certifications), mixed by a seeded RNG: the same spec
always writes the same rows, on SQLite and PostgreSQL alike. Rows are streamed in batches with
SQLAlchemy Core `executemany` inside one transaction: nothing holds the whole corpus, and no ORM
event fires (the index is built afterwards, by the timed `rebuild`).
"""

import math
import random
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta

from slugify import slugify
from sqlalchemy import bindparam, func, select, text, update

from bench.vocabulary import (
    COLOURS,
    CRAFT_WORDS,
    FIRST_NAMES,
    GOOD_WORDS,
    LAST_NAMES,
    PRODUCT_SENTENCES,
    USES,
    Vocabulary,
)

CORPUS_VERSION = 1
BASE_TIME = datetime(2025, 6, 1, tzinfo=UTC)
SPAN_SECONDS = 3 * 365 * 24 * 3600  # rows are dated over the three years before BASE_TIME
BATCH = 2000

# National proportions (BPS 2020, DESIGN.md §6): 516,124 businesses in 13,762 sentra, about two
# million products, hundreds of thousands of forum topics.
BUSINESSES_PER_SENTRA = 516_124 / 13_762
PRODUCTS_PER_BUSINESS = 4
POSTS_PER_TOPIC = (1, 9)  # uniform: five on average
NOT_PUBLISHED_EVERY = 20  # one product in 20 is a draft, unpublished or archived (never indexed)
HIDDEN_POST_SHARE = 0.01
HIDDEN_TOPIC_SHARE = 0.005
INDEPENDENT_SHARE = 0.05  # businesses outside any sentra
MEMBERS_ONLY_SHARE = 0.2  # sentra boards only the sentra's members read
SENTRA_BOARD_SHARE = 0.4  # topics on sentra boards; the rest on the subject boards


@dataclass(frozen=True)
class CorpusSpec:
    """How big the corpus is and which RNG seed writes it; everything else follows."""

    products: int = 100_000  # published ones; a few drafts/archived come on top
    posts: int = 50_000
    seed: int = 5

    @property
    def businesses(self):
        return max(1, math.ceil(self.products / PRODUCTS_PER_BUSINESS))

    @property
    def sentra(self):
        return max(1, round(self.businesses / BUSINESSES_PER_SENTRA))

    def as_dict(self):
        return {"version": CORPUS_VERSION, **asdict(self)}


def _stamp(rng, after=None):
    """A past moment, after `after` when given (replies come after their topic)."""
    if after is None:
        return BASE_TIME - timedelta(seconds=rng.randrange(SPAN_SECONDS))
    left = max(60, int((BASE_TIME - after).total_seconds()))
    return after + timedelta(seconds=rng.randrange(60, left + 60))


class Corpus:
    """Writes the corpus of `spec` into the app's database, in batches, in a fixed order."""

    def __init__(self, spec, vocabulary=None):
        self.spec = spec
        self.vocabulary = vocabulary or Vocabulary()
        self.sentra = []  # (commodity, province, regency, village, name) by id - 1
        self.businesses = []  # (sentra id or None, commodity, name, province) by id - 1

    def _rng(self, part):
        return random.Random(f"{self.spec.seed}:{part}")  # str seeds are stable across runs

    # ---- the rows, table by table ------------------------------------------------------------

    def sentra_rows(self):
        rng, v = self._rng("sentra"), self.vocabulary
        for sentra_id in range(1, self.spec.sentra + 1):
            commodity = rng.choice(v.commodities)
            province = v.province(rng)
            village = rng.choice(v.villages)
            regency = rng.choice(v.regencies.get(province) or [f"Kabupaten {rng.choice(v.villages)}"])
            craft = CRAFT_WORDS[commodity]
            name = f"Sentra IKM {craft.title()} {village}"
            members = round(BUSINESSES_PER_SENTRA)
            self.sentra.append((commodity, province, regency, village, name))
            created = _stamp(rng)
            yield "sentra", {
                "id": sentra_id, "slug": f"{slugify(craft + ' ' + village)}-{sentra_id}", "name": name,
                "commodity": commodity, "province": province, "regency": regency,
                "district": rng.choice(v.villages), "village": village,
                "tagline": f"{craft.capitalize()} dari {village}, {regency}",
                "story": f"{v.intros[commodity]}\n\n{name} di Desa {village}, {regency}, "
                         f"{v.province_names[province]}, beranggotakan sekitar {members} IKM "
                         f"{craft} dengan fasilitas rumah produksi dan pusat promosi bersama.",
                "address": f"Desa {village}, {regency}", "year_established": rng.randint(1975, 2022),
                "guided_by": f"Dinas Perindustrian {regency}", "accent": "indigo",
                "verified": rng.random() < 0.7, "created_at": created, "updated_at": created,
            }

    def business_rows(self):
        """Users (one owner per business), their memberships, businesses and certifications."""
        rng, v = self._rng("businesses"), self.vocabulary
        for business_id in range(1, self.spec.businesses + 1):
            sentra_id = None if rng.random() < INDEPENDENT_SHARE else rng.randint(1, self.spec.sentra)
            if sentra_id:
                commodity, province, regency, village, _name = self.sentra[sentra_id - 1]
            else:
                commodity, province = rng.choice(v.commodities), v.province(rng)
                village, regency = rng.choice(v.villages), "Kabupaten " + rng.choice(v.villages)
            name = f"{rng.choice(v.name_heads[commodity])} {rng.choice(GOOD_WORDS)} {village}"
            self.businesses.append((sentra_id, commodity, name, province))
            created = _stamp(rng)
            owner = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
            yield "user", {
                "id": business_id, "email": f"ikm{business_id}@bench.example.com", "display_name": owner,
                "password_hash": "!", "locale": "id", "kind": "business", "created_at": created,
                "email_confirmed_at": created, "notify_email": "off",
            }
            if sentra_id:
                yield "membership", {
                    "sentra_id": sentra_id, "user_id": business_id, "role": "anggota",
                    "status": "active", "created_at": created, "approved_at": created,
                }
            techniques = rng.sample(v.techniques[commodity], min(3, len(v.techniques[commodity])))
            yield "business", {
                "id": business_id, "slug": f"{slugify(name)}-{business_id}", "name": name,
                "owner_id": business_id, "sentra_id": sentra_id,
                "description": f"{rng.choice(v.business_texts[commodity])} Berlokasi di Desa {village}, "
                               f"{regency}; melayani pesanan untuk {rng.choice(USES)}.",
                "year_founded": rng.randint(1980, 2023), "workforce": rng.randint(2, 60),
                "capacity_amount": rng.randint(10, 5000), "capacity_unit": "pcs",
                "techniques": ", ".join(techniques), "export_ready": rng.random() < 0.25,
                "created_at": created, "updated_at": created,
            }
            certificates = v.certifications.get(commodity) or []
            for code in sorted(rng.sample(certificates, rng.randint(0, min(2, len(certificates))))):
                yield "business_certification", {"business_id": business_id, "code": code}

    def product_rows(self):
        rng, v = self._rng("products"), self.vocabulary
        published, product_id, count = 0, 0, self.spec.businesses
        while published < self.spec.products:
            product_id += 1
            if product_id % NOT_PUBLISHED_EVERY:
                status, published = "published", published + 1
            else:
                status = rng.choice(("draft", "unpublished", "archived"))
            # Skewed: a few businesses list many products, most list a handful.
            business_id = 1 + int(count * rng.random() ** 1.6)
            sentra_id, commodity, business_name, province = self.businesses[business_id - 1]
            line, variant, title = v.product_text(rng, commodity)
            export = rng.random() < 0.35
            supply = line.volume and rng.random() < 0.6
            ovop = bool(sentra_id) and rng.random() < 0.03
            sentra = self.sentra[sentra_id - 1] if sentra_id else None
            village, regency = (sentra[3], sentra[2]) if sentra else (rng.choice(v.villages), "Indonesia")
            price = max(1000, round(line.price_idr * rng.uniform(0.7, 1.6), -3))
            capacity = rng.randint(10, 2000)
            extra = rng.sample(PRODUCT_SENTENCES, rng.randint(2, 4))
            colours = rng.sample(COLOURS, 2)
            extra_text = " ".join(s.format(
                business=business_name, village=village, regency=regency,
                technique=rng.choice(v.techniques[commodity]).lower(),
                sentra=sentra[4] if sentra else business_name, materials=line.materials.lower(),
                use=rng.choice(USES), capacity=capacity, unit=line.unit,
                province=v.province_names[province], colour=colours[0], colour2=colours[1]) for s in extra)
            created = _stamp(rng)
            english = export or rng.random() < 0.3
            yield "product", {
                "id": product_id, "business_id": business_id, "sentra_id": sentra_id,
                "province": province if sentra_id else None, "status": status, "title": title,
                "description": f"{line.description.format(v=variant)}\n\n{extra_text}",
                "title_en": line.title_en.format(v=variant) if english else None,
                "description_en": line.description_en.format(v=variant) if english else None,
                "category": line.category, "materials": line.materials, "price_idr": price,
                "unit": line.unit, "export_price_usd": line.price_usd if export else None,
                "price_on_request": False, "incoterm": "FOB" if export else None,
                "port": v.ports.get(province, "Tanjung Priok, Jakarta") if export else None,
                "moq": line.moq, "capacity_per_month": capacity, "lead_time_days": line.lead_time_days,
                "availability": rng.choice(("ready_stock", "made_to_order", "pre_order")),
                "samples_available": rng.random() < 0.3, "hs_code": line.hs_code, "size": line.size,
                "weight_grams": line.weight_grams, "is_ovop": ovop, "is_export": export,
                "is_supply_chain": supply, "view_count": rng.randint(0, 500), "whatsapp_clicks": 0,
                "created_at": created, "updated_at": created,
                "published_at": created if status == "published" else None,
            }
            for code in line.certifications:
                yield "product_certification", {"product_id": product_id, "code": code}

    def forum_rows(self, first_board_id, counters):
        """Sentra boards, topics with their tags and posts; `counters` collects board totals."""
        rng, v = self._rng("forum"), self.vocabulary
        subject_ids = list(range(1, first_board_id))
        for sentra_id, (_c, _p, _r, _v, name) in enumerate(self.sentra, start=1):
            visibility = "members" if rng.random() < MEMBERS_ONLY_SHARE else "public"
            yield "forum_board", {
                "id": first_board_id + sentra_id - 1, "slug": f"sentra-{sentra_id}-{slugify(name)}",
                "kind": "sentra", "name": name, "description": "", "sentra_id": sentra_id,
                "visibility": visibility, "position": 0, "topic_count": 0, "post_count": 0,
                "created_at": BASE_TIME - timedelta(seconds=SPAN_SECONDS),
            }
        posts = topic_id = 0
        while posts < self.spec.posts:
            topic_id += 1
            if rng.random() < SENTRA_BOARD_SHARE or not subject_ids:
                sentra_id = rng.randint(1, len(self.sentra))
                board_id = first_board_id + sentra_id - 1
            else:
                sentra_id, board_id = rng.randint(1, len(self.sentra)), rng.choice(subject_ids)
            province, village = self.sentra[sentra_id - 1][1], self.sentra[sentra_id - 1][3]
            size = min(rng.randint(*POSTS_PER_TOPIC), self.spec.posts - posts)
            created = _stamp(rng)
            stamps = [created]
            for _ in range(size - 1):
                stamps.append(_stamp(rng, after=stamps[-1]))
            hidden = created if rng.random() < HIDDEN_TOPIC_SHARE else None
            hidden_posts = [number > 1 and rng.random() < HIDDEN_POST_SHARE for number in range(1, size + 1)]
            yield "forum_topic", {
                "id": topic_id, "board_id": board_id, "author_id": rng.randint(1, len(self.businesses)),
                "kind": rng.choices(("question", "guide", "discussion"), (50, 15, 35))[0],
                "title": v.topic_title(rng, province)[:200], "is_pinned": False, "is_locked": False,
                "hidden_at": hidden, "post_count": size - sum(hidden_posts), "last_post_number": size,
                "last_post_at": stamps[-1], "view_count": rng.randint(0, 900), "created_at": created,
            }
            for tag in sorted(rng.sample(v.tags, rng.randint(0, 3))):
                yield "forum_topic_tag", {"topic_id": topic_id, "tag": tag}
            for number, (stamp, is_hidden) in enumerate(zip(stamps, hidden_posts, strict=True), start=1):
                posts += 1
                yield "forum_post", {
                    "id": posts, "topic_id": topic_id, "number": number,
                    "author_id": rng.randint(1, len(self.businesses)), "body": v.post_body(rng, village),
                    "created_at": stamp, "edit_count": 0, "reaction_count": rng.randint(0, 5),
                    "hidden_at": stamp if is_hidden else None,
                }
            board = counters.setdefault(board_id, [0, 0, None])
            if hidden is None:
                board[0] += 1
                board[1] += size - sum(hidden_posts)
                board[2] = max(board[2] or stamps[-1], stamps[-1])


class _Writer:
    """Buffers rows per table and writes them with executemany, parents before children."""

    ORDER = ("user", "sentra", "membership", "business", "business_certification", "product",
             "product_certification", "forum_board", "forum_topic", "forum_topic_tag", "forum_post")

    def __init__(self, connection, tables, advance):
        self.connection, self.tables, self.advance = connection, tables, advance
        self.buffers = {name: [] for name in self.ORDER}
        self.written = dict.fromkeys(self.ORDER, 0)

    def add(self, rows):
        for table, row in rows:
            self.buffers[table].append(row)
            if len(self.buffers[table]) >= BATCH:
                self.flush(upto=table)

    def flush(self, upto=None):
        """Write every buffer up to `upto` in ORDER (all of them when None)."""
        for name in self.ORDER:
            buffer = self.buffers[name]
            if buffer:
                self.connection.execute(self.tables[name].insert(), buffer)
                self.written[name] += len(buffer)
                self.advance(name, len(buffer))
                buffer.clear()
            if name == upto:
                break


def load(db, spec, progress=None, vocabulary=None):
    """Create the schema and write the corpus of `spec` into `db`'s database; returns row counts.

    `progress(table, rows)` is called after each batch. Runs inside an app context.
    """
    from marketplace.forum.boards import ensure_subject_boards

    db.create_all()
    ensure_subject_boards()
    db.session.commit()
    first_board_id = db.session.scalar(select(func.max(db.metadata.tables["forum_board"].c.id))) + 1
    db.session.remove()
    corpus = Corpus(spec, vocabulary)
    tables = db.metadata.tables
    counters = {}
    postgres = db.engine.dialect.name == "postgresql"
    with db.engine.begin() as connection:
        if postgres:
            connection.exec_driver_sql("SET LOCAL synchronous_commit TO OFF")
        else:
            connection.exec_driver_sql("PRAGMA synchronous=OFF")
            connection.exec_driver_sql("PRAGMA cache_size=-262144")  # 256 MB for the load
        writer = _Writer(connection, tables, progress or (lambda table, rows: None))
        for rows in (corpus.sentra_rows(), corpus.business_rows(), corpus.product_rows(),
                     corpus.forum_rows(first_board_id, counters)):
            writer.add(rows)
            writer.flush()
        board = tables["forum_board"]
        if counters:
            connection.execute(
                update(board).where(board.c.id == bindparam("b_id")).values(
                    topic_count=bindparam("b_topics"), post_count=bindparam("b_posts"),
                    last_post_at=bindparam("b_last")),
                [{"b_id": key, "b_topics": t, "b_posts": p, "b_last": last}
                 for key, (t, p, last) in sorted(counters.items())],
            )
        if postgres:  # explicit ids leave the sequences behind: the next ORM insert would clash
            for name in ("user", "sentra", "business", "product", "forum_board", "forum_topic",
                         "forum_post"):
                quoted = connection.dialect.identifier_preparer.quote(name)
                connection.execute(text(
                    f"SELECT setval(pg_get_serial_sequence('{quoted}', 'id'), "  # noqa: S608 - fixed names
                    f"(SELECT max(id) FROM {quoted}))"))
    db.engine.dispose()  # the app's next connections come without the load's SQLite pragmas
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.exec_driver_sql("ANALYZE")  # the planner must know the tables are big now
    return writer.written


def present(db, spec):
    """True when the database already holds the corpus of `spec` (as `load` wrote it)."""
    from sqlalchemy import inspect

    if "product" not in inspect(db.engine).get_table_names():
        return False
    product, post = db.metadata.tables["product"], db.metadata.tables["forum_post"]
    published = db.session.scalar(select(func.count()).select_from(product)
                                  .where(product.c.status == "published"))
    posts = db.session.scalar(select(func.count()).select_from(post))
    db.session.remove()
    return published == spec.products and posts == spec.posts
