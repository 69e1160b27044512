"""`flask seed demo`: real sentra IKM with fictional members, businesses, accounts and pictures.

Safe to run again: rows are looked up by slug or e-mail and only what is missing is created, so
a second run adds nothing and leaves edits made through the site alone. One commit per sentra.
"""

import hashlib
import time

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from slugify import slugify
from sqlalchemy import select

from marketplace.accounts.models import User
from marketplace.accounts.services import hash_password, normalise_email
from marketplace.businesses.models import Business, BusinessCertification
from marketplace.extensions import db
from marketplace.media import store_picture
from marketplace.seed import artwork
from marketplace.seed import buyers as buyers_seed
from marketplace.seed import forum as forum_seed
from marketplace.seed import moderation as moderation_seed
from marketplace.seed import products as products_seed
from marketplace.seed.demo_data import DEMO_ACCOUNTS, DEMO_PASSWORD, SENTRA
from marketplace.sentra.models import (
    ROLE_ANGGOTA,
    ROLE_PENGELOLA,
    ROLE_PENGURUS,
    ROLE_UPT,
    STATUS_ACTIVE,
    Membership,
    Sentra,
    SentraFacility,
    SentraPhoto,
    SentraProgramme,
)
from marketplace.timeutil import utcnow

TITLES = {"hj", "h", "ir", "dr", "drs"}
SENTRA_FIELDS = (
    "slug", "name", "commodity", "tagline", "story", "province", "regency", "district", "village",
    "address", "year_established", "guided_by", "accent",
)
MOTIF_DESCRIPTIONS = {
    "diamonds": "belah ketupat dan tumpal", "parang": "parang", "megamendung": "megamendung",
    "pots": "guci dan pot gerabah", "filigree": "filigri perak", "carving": "ukiran kayu",
    "beans": "biji kopi", "weave": "anyaman rotan", "stitches": "jahitan kulit",
    "chips": "keripik tempe",
}


def person_email(name):
    """A stable demo address for a fictional person: 'Hj. Siti Aisyah' -> siti.aisyah@example.com."""
    words = [w for w in name.replace(".", ". ").split() if w.rstrip(".").lower() not in TITLES]
    return f"{slugify(' '.join(words), separator='.')}@example.com"


def business_slug(name):
    """The URL slug of a demo business."""
    return slugify(name)


def fake_nib(slug):
    """A 13-digit NIB that is obviously made up but stable for each business."""
    return "9" + f"{int(hashlib.sha256(slug.encode()).hexdigest(), 16) % 10**12:012d}"


def sentra_phone(number, member=0):
    """Demo phone numbers in the reserved-looking 0812-0000-.... range."""
    return f"0812-0000-{number:02d}{member:02d}"


def people_plan():
    """Every demo person as (email, display name, sentra slug or None, role, title).

    Raises ValueError when two people would share an e-mail, which would silently merge them.
    """
    plan = [(normalise_email(a["email"]), a["display_name"], None, None, None) for a in DEMO_ACCOUNTS]
    for spec in SENTRA:
        slug = spec["slug"]
        for title, name in spec["board"]:
            plan.append((person_email(name), name, slug, ROLE_PENGURUS, title))
        pengelola = spec["pengelola"]
        name, email = pengelola if isinstance(pengelola, tuple) else (pengelola, None)
        plan.append((email or person_email(name), name, slug, ROLE_PENGELOLA, None))
        plan.append((person_email(spec["upt"]), spec["upt"], slug, ROLE_UPT, None))
        for business in spec["businesses"]:
            email = business.owner_email or person_email(business.owner)
            plan.append((email, business.owner, slug, ROLE_ANGGOTA, None))
    seen = set()
    for email, *_rest in plan:
        if email in seen:
            raise ValueError(f"two demo people share the e-mail {email}")
        seen.add(email)
    return plan


class DemoLoader:
    """Creates whatever part of the demo data is missing, counting what it adds."""

    def __init__(self, password_hash):
        self.password_hash = password_hash
        self.created = dict.fromkeys(("sentra", "business", "user", "membership", "image"), 0)
        self.extra = {}  # {"products": 12, ...} from the areas' own seed steps, new rows only
        self.plan = people_plan()
        emails = [email for email, *_rest in self.plan]
        self.users = {u.email: u for u in db.session.scalars(select(User).where(User.email.in_(emails)))}
        slugs = [business_slug(b.name) for spec in SENTRA for b in spec["businesses"]]
        self.businesses = {
            b.slug: b for b in db.session.scalars(select(Business).where(Business.slug.in_(slugs)))
        }
        self.sentra = {
            s.slug: s for s in db.session.scalars(
                select(Sentra).where(Sentra.slug.in_([spec["slug"] for spec in SENTRA]))
            )
        }
        self.memberships = {tuple(row) for row in db.session.execute(
            select(Membership.sentra_id, Membership.user_id)
            .join(Sentra, Sentra.id == Membership.sentra_id)
            .where(Sentra.slug.in_(list(self.sentra)))
        )}

    # ---- people -----------------------------------------------------------------------------

    def user(self, email, display_name, **fields):
        """The user with this e-mail (confirmed), created with the demo password when missing."""
        email = normalise_email(email)
        user = self.users.get(email)
        if user is None:
            user = User(email=email, display_name=display_name, password_hash=self.password_hash,
                        **fields)
            db.session.add(user)
            self.users[email] = user
            self.created["user"] += 1
        if user.email_confirmed_at is None:  # demo accounts log in without a confirmation mail
            user.email_confirmed_at = utcnow()
        return user

    def accounts(self):
        """The fixed demo accounts that are not tied to one sentra (admin, curator, buyers)."""
        for account in DEMO_ACCOUNTS:
            fields = dict(account)
            self.user(fields.pop("email"), fields.pop("display_name"), **fields)

    def membership(self, sentra, user, role, title=None):
        """An active membership of `user` in `sentra`, unless one exists already."""
        if (sentra.id, user.id) in self.memberships:
            return
        db.session.add(Membership(sentra_id=sentra.id, user_id=user.id, role=role, title=title,
                                  status=STATUS_ACTIVE, approved_at=utcnow()))
        self.memberships.add((sentra.id, user.id))
        self.created["membership"] += 1

    # ---- pictures ---------------------------------------------------------------------------

    def picture(self, drawing, alt, uploaded_by=None):
        """Store a drawn picture through the media pipeline, counting it when it is new."""
        image = store_picture(drawing, uploaded_by=uploaded_by, alt=alt)
        if image in db.session.new:
            self.created["image"] += 1
        return image

    def sentra_pictures(self, sentra, spec):
        """Banner, logo and (for a few sentra) gallery, drawn only when missing."""
        motif = artwork.motif_for(sentra.commodity, spec.get("motif"))
        if sentra.banner_id is None:
            sentra.banner = self.picture(
                artwork.draw_banner(sentra.slug, sentra.accent, motif),
                f"Ilustrasi motif {MOTIF_DESCRIPTIONS[motif]} untuk {sentra.name}",
            )
        if sentra.logo_id is None:
            colour = artwork.ACCENT_COLOURS.get(sentra.accent, artwork.ACCENT_COLOURS["indigo"])
            sentra.logo = self.picture(artwork.draw_logo(sentra.name, colour, accent_band=True),
                                       f"Logo {sentra.name}")
        if spec.get("gallery") and not sentra.photos:
            for position, caption in enumerate(spec["gallery"]):
                image = self.picture(
                    artwork.draw_gallery_picture(sentra.slug, sentra.accent, motif, position), caption
                )
                sentra.photos.append(SentraPhoto(image=image, caption=caption, position=position))

    # ---- sentra and businesses ----------------------------------------------------------------

    def load_sentra(self, number, spec):
        """One sentra with its facilities, programmes, people, businesses and pictures."""
        sentra = self.sentra.get(spec["slug"])
        if sentra is None:
            sentra = Sentra(**{field: spec.get(field) for field in SENTRA_FIELDS})
            sentra.verified = True
            sentra.phone = sentra.whatsapp = sentra_phone(number)
            sentra.email = f"{spec['slug']}@example.com"
            sentra.facilities = [
                SentraFacility(kind=kind, note=note, position=position)
                for position, (kind, note) in enumerate(spec.get("facilities", []))
            ]
            sentra.programmes = [
                SentraProgramme(kind=kind, funding=funding, year=year, note=note)
                for kind, funding, year, note in spec.get("programmes", [])
            ]
            db.session.add(sentra)
            self.sentra[sentra.slug] = sentra
            self.created["sentra"] += 1
        people = [p for p in self.plan if p[2] == spec["slug"]]
        users = [(self.user(email, name), role, title) for email, name, _slug, role, title in people]
        db.session.flush()  # ids for memberships and businesses
        for user, role, title in users:
            self.membership(sentra, user, role, title)
        self.sentra_pictures(sentra, spec)
        owners = {email: user for (email, *_rest), (user, *_r) in zip(people, users, strict=True)}
        for member, business in enumerate(spec["businesses"], start=1):
            owner = owners[normalise_email(business.owner_email or person_email(business.owner))]
            self.load_business(sentra, number, member, business, owner)
        return sentra

    def load_business(self, sentra, number, member, spec, owner):
        """One business of a sentra, with its certifications and a drawn logo."""
        slug = business_slug(spec.name)
        business = self.businesses.get(slug)
        if business is None:
            phone = sentra_phone(number, member)
            business = Business(
                slug=slug, name=spec.name, owner_id=owner.id, sentra_id=sentra.id,
                description=spec.description, year_founded=spec.year, workforce=spec.workforce,
                capacity_amount=spec.capacity, capacity_unit=spec.unit, techniques=spec.techniques,
                nib=fake_nib(slug), export_ready=spec.export_ready, phone=phone,
                whatsapp=phone if member % 5 else None, email=f"{slug}@example.com",
                address=", ".join(p for p in (sentra.village, sentra.district, sentra.regency) if p),
                certifications=[BusinessCertification(code=code) for code in spec.certifications],
            )
            db.session.add(business)
            self.businesses[slug] = business
            self.created["business"] += 1
        if business.logo_id is None:
            business.logo = self.picture(
                artwork.draw_logo(spec.name, artwork.logo_colour(spec.name)), f"Logo {spec.name}",
                uploaded_by=owner,
            )
        return business

    def summary(self, seconds):
        """The lines printed at the end of the command."""
        totals = {
            "sentra": len(self.sentra), "business": len(self.businesses), "user": len(self.users),
        }
        created = self.created
        return [
            f"Demo data ready in {seconds:.1f} s: {totals['sentra']} sentra ({created['sentra']} new), "
            f"{totals['business']} businesses ({created['business']} new), "
            f"{totals['user']} people ({created['user']} new), "
            f"{created['membership']} new memberships, {created['image']} new images.",
            *([", ".join(f"{count} new {name}" for name, count in self.extra.items()) + "."]
              if self.extra else []),
            f"Demo accounts (password {DEMO_PASSWORD}): admin@example.com, pengelola@example.com, "
            "perajin@example.com, kurator@example.com, ekspor@example.com, industri@example.com.",
        ]


def load_demo(echo=print):
    """Load the demo sentra, businesses, people and pictures; print a summary through `echo`."""
    started = time.perf_counter()
    # Argon2 is slow on purpose: hash the shared demo password once for every demo user.
    loader = DemoLoader(hash_password(DEMO_PASSWORD))
    columns = (TextColumn("{task.description:<44}"), BarColumn(), MofNCompleteColumn(),
               TimeElapsedColumn())
    try:
        with Progress(*columns) as progress:
            task = progress.add_task("Demo accounts", total=len(SENTRA) + 1)
            loader.accounts()
            db.session.commit()
            progress.advance(task)
            for number, spec in enumerate(SENTRA, start=1):
                progress.update(task, description=spec["name"])
                loader.load_sentra(number, spec)
                db.session.commit()
                progress.advance(task)
            progress.update(task, description="Done")
            # Each area adds its demo rows on top of the sentra, businesses and people.
            for step in (products_seed.load, buyers_seed.load, forum_seed.load, moderation_seed.load):
                loader.extra.update(step(loader, progress))
                db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    for line in loader.summary(time.perf_counter() - started):
        echo(line)
    return loader.created
