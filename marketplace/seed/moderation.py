"""Demo moderation: a reported advert waiting in the queue and one already hidden, with its log entry.

So that moderators trying the demo find the queue, the hidden-post view and the log with something
real in them. Runs after the forum threads exist; safe to run again (looked up by the post text).
"""

from datetime import timedelta

from sqlalchemy import select

from marketplace.accounts.models import User
from marketplace.extensions import db
from marketplace.forum import services
from marketplace.forum.models import Flag, ModerationAction, Post, Topic
from marketplace.timeutil import utcnow

WAITING_AD = (
    "Jual mesin sangrai kopi 5 kg murah, garansi 2 tahun, bisa kredit tanpa DP! "
    "Lihat katalog kami di https://mesin-murah.example dan https://promo-mesin.example, "
    "hubungi admin sekarang."
)
HIDDEN_AD = (
    "Terima pesanan kaos sablon murah minimal 12 pcs, pengiriman ke seluruh Indonesia. "
    "Pesan di https://sablon-kilat.example."
)
# (topic title, advert, reporters by display name, hidden by the admin?)
REPORTS = [
    ("Mesin sangrai kopi 5 kg: lebih baik pemanas gas atau listrik?", WAITING_AD,
     ["Bayu Firmansyah", "Hj. Nurhayati"], False),
    ("Perkenalan: perajin keramik dari Plered, Purwakarta", HIDDEN_AD, ["Maryati Syarif"], True),
]
ADVERTISER_EMAIL = "toko.mesin@example.com"  # an account made only for the demo's adverts


def _advertiser(loader):
    """The account that posts the adverts, created on the first run."""
    user = db.session.scalar(select(User).where(User.email == ADVERTISER_EMAIL))
    if user is not None:
        loader.users[ADVERTISER_EMAIL] = user  # counted with the other people in the summary
        return user
    return loader.user(ADVERTISER_EMAIL, "Toko Mesin Murah")


def load(loader, progress):
    """Add the reported adverts that are missing; return {name: number created}."""
    people = {user.display_name: user for user in loader.users.values()}
    admin = loader.users.get("admin@example.com")
    advertiser = _advertiser(loader)
    created = {"reported forum posts": 0}
    task = progress.add_task("Forum moderation", total=len(REPORTS))
    for title, body, reporters, hidden in REPORTS:
        progress.advance(task)
        topic = db.session.scalar(select(Topic).where(Topic.title == title))
        if topic is None or admin is None:
            continue
        if db.session.scalar(select(Post.id).where(Post.topic_id == topic.id, Post.body == body)):
            continue
        when = (topic.last_post_at or utcnow()) + timedelta(hours=5)
        post = Post(topic_id=topic.id, number=topic.last_post_number + 1, author_id=advertiser.id,
                    body=body, created_at=when)
        db.session.add(post)
        db.session.flush()
        for hours, name in enumerate(reporters, start=1):
            reporter = people.get(name)
            if reporter is None:
                continue
            flag = Flag(post_id=post.id, reporter_id=reporter.id, reason="spam",
                        created_at=when + timedelta(hours=hours), note="Iklan, bukan jawaban.")
            if hidden:
                flag.resolved_at, flag.resolved_by_id = when + timedelta(hours=3), admin.id
                flag.resolution = "hidden"
            db.session.add(flag)
        if hidden:
            post.hidden_at, post.hidden_by_id = when + timedelta(hours=3), admin.id
            db.session.add(ModerationAction(
                moderator_id=admin.id, action="hide", board_id=topic.board_id, topic_id=topic.id,
                post_id=post.id, target_user_id=advertiser.id, created_at=post.hidden_at,
                reason="Iklan yang tidak berhubungan dengan topik; silakan pasang produk di katalog.",
            ))
        services.recount_topic(topic)
        services.recount_board(topic.board)
        created["reported forum posts"] += 1
    db.session.flush()
    return created
