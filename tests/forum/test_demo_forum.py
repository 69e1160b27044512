"""The demo forum: threads across boards with answers, guides, thanks and a members-only board,
loaded once however often the demo command runs."""

from types import SimpleNamespace

from sqlalchemy import func, select

from marketplace.extensions import db as _db
from marketplace.forum.models import Board, Post, Reaction, Topic
from marketplace.seed import forum as forum_seed
from tests.conftest import make_membership, make_sentra, make_user
from tests.forum.core import client_for, html_of


class Progress:
    def add_task(self, *args, **kwargs):
        return 0

    def advance(self, *args, **kwargs):
        pass


def demo_loader():
    """The sentra and people the demo threads need, as the demo loader hands them over."""
    names = set()
    for spec in forum_seed.THREADS:
        names.add(spec["author"])
        names.update(name for name, _days, _body in spec.get("replies", []))
        for voters in spec.get("thanks", {}).values():
            names.update(voters)
    users = {}
    for n, name in enumerate(sorted(names)):
        email = "perajin@example.com" if name == "Hj. Nurhayati" else f"orang{n}@example.com"
        users[email] = make_user(email, display_name=name, notify_email="off")
    sentra = {slug: make_sentra(slug) for slug in
              ("tenun-tapis-bandar-lampung", "mebel-ukir-jepara", "keripik-tempe-sanan")}
    people = {u.display_name: u for u in users.values()}
    for name in ("Andi Saputra", "Hj. Nurhayati", "Yuliana Sari", "Bayu Firmansyah"):
        make_membership(sentra["tenun-tapis-bandar-lampung"], people[name])
    return SimpleNamespace(users=users, sentra=sentra, businesses={})


def count(model, *conditions):
    return _db.session.scalar(select(func.count()).select_from(model).where(*conditions))


def test_the_demo_forum_loads_once(app, db):
    loader = demo_loader()
    created = forum_seed.load(loader, Progress())
    _db.session.commit()
    assert created["forum topics"] == len(forum_seed.THREADS)
    assert created["forum posts"] == count(Post) > 30
    assert count(Reaction) > 20
    assert count(Topic, Topic.accepted_post_id.is_not(None)) >= 4
    assert count(Topic, Topic.featured_at.is_not(None)) == 3
    private = _db.session.scalar(select(Board).where(Board.visibility == "members"))
    assert private is not None and private.topic_count == 1
    again = forum_seed.load(loader, Progress())
    _db.session.commit()
    assert again == {"forum topics": 0, "forum posts": 0}
    assert count(Topic) == len(forum_seed.THREADS)


def test_demo_counters_match_the_posts(app, db):
    forum_seed.load(demo_loader(), Progress())
    _db.session.commit()
    for topic in _db.session.scalars(select(Topic)):
        posts = _db.session.scalar(select(func.count()).select_from(Post).where(Post.topic_id == topic.id))
        assert topic.post_count == posts == topic.last_post_number
    for board in _db.session.scalars(select(Board)):
        topics = _db.session.scalar(select(func.count()).select_from(Topic).where(Topic.board_id == board.id))
        assert board.topic_count == topics


def test_demo_accounts_find_threads_and_notifications(app, client, db):
    loader = demo_loader()
    forum_seed.load(loader, Progress())
    _db.session.commit()
    assert "Pewarnaan alami benang tapis" in html_of(client.get("/forum"))
    perajin = client_for(app, loader.users["perajin@example.com"])
    page = html_of(perajin.get("/notifications"))
    assert "Bayu Firmansyah replied in Pewarnaan alami benang tapis" in page
    tapis = html_of(client.get("/sentra/tenun-tapis-bandar-lampung"))
    assert "Resep pewarna alami dari kulit kayu mahoni" in tapis
    assert "Jadwal pemakaian ATBM" not in tapis  # the sentra's members-only board
