"""What a reader may not see never shows in search: drafts, archived products, hidden replies,
deleted topics and members-only boards stay out of the hits, the counts, the facets, the
autocomplete and the spelling suggestions of visitors and non-members, on every backend. The
sentra's members and the moderators do find the members-only discussions."""

import pytest
from flask_login import AnonymousUserMixin

from marketplace.search import services
from marketplace.search.backend import TYPES, SearchQuery, get_backend
from marketplace.timeutil import utcnow
from tests.catalog.conftest import make_product
from tests.conftest import make_business, make_membership, make_sentra, make_user
from tests.forum.conftest import make_board, make_post, make_topic

# Words that only the things nobody else may see contain.
DRAFT, ARCHIVED, HIDDEN_REPLY, DELETED_TOPIC = "lepus", "purun", "jengkol", "tarum"
PRIVATE_TITLE, PRIVATE_REPLY = "arisan", "lemper"
NEVER_SHOWN = (DRAFT, ARCHIVED, HIDDEN_REPLY, DELETED_TOPIC)


class World:
    """A sentra with a members-only board, its member, people outside it and staff."""

    def __init__(self):
        now = utcnow()
        self.sentra = make_sentra("tenun-tapis-bandar-lampung", name="Sentra Tenun Tapis")
        self.other = make_sentra("gerabah-kasongan", name="Sentra Gerabah Kasongan",
                                 commodity="gerabah-keramik", province="di-yogyakarta")
        self.member = make_user("siti@tapis.id", display_name="Siti Aminah")
        self.pending = make_user("penny@tapis.id", display_name="Penny Pending")
        self.outsider = make_user("budi@gerabah.id", display_name="Budi Santoso")
        self.moderator = make_user("mod@sentra.id", display_name="Moderator", is_moderator=True)
        make_membership(self.sentra, self.member)
        make_membership(self.sentra, self.pending, status="pending")
        make_membership(self.other, self.outsider, role="pengurus")
        business = make_business(self.member, self.sentra, slug="tapis-siti", name="Tapis Siti")
        self.product = make_product(business, title="Kain Tapis Siger", channels=["export"],
                                    certifications=["SNI"])
        make_product(business, title=f"Selendang {DRAFT.title()} Prada", status="draft",
                     channels=["ovop"], certifications=["HALAL"])
        make_product(business, title=f"Tas {ARCHIVED.title()} Anyaman", status="archived",
                     category="anyaman", certifications=["ORGANIK"])
        subject = make_board("pewarnaan", name="Pewarnaan")
        private = make_board(sentra=self.sentra, visibility="members")
        self.topic = make_topic(subject, self.member, title="Benang tapis cepat luntur",
                                body="Bagaimana mencegahnya?")
        make_post(self.topic, self.outsider, body=f"Rebus dengan kulit {HIDDEN_REPLY} tua.", hidden_at=now)
        make_topic(subject, self.member, title=f"Resep {DELETED_TOPIC} rahasia", deleted_at=now)
        self.secret = make_topic(private, self.member, title=f"Jadwal {PRIVATE_TITLE} perajin",
                                 body="Kumpul di balai desa.")
        self.secret_reply = make_post(self.secret, self.member, body=f"Saya bawa {PRIVATE_REPLY}.")
        # What a visitor may find: the published product, both sentra, the business, the topic.
        self.public = {f"product:{self.product.id}", f"sentra:{self.sentra.id}", f"sentra:{self.other.id}",
                       f"business:{business.id}", f"topic:{self.topic.id}"}
        self.private = {f"topic:{self.secret.id}", f"post:{self.secret_reply.id}"}


@pytest.fixture
def world(search_app):
    return World()


def everything(audiences, text=""):
    return get_backend().search(SearchQuery(text=text, audiences=audiences, per_page=100))


def outsiders(world):
    """The audiences of a visitor, a member of another sentra and someone whose request waits."""
    return [services.audiences_for(AnonymousUserMixin()), services.audiences_for(world.outsider),
            services.audiences_for(world.pending)]


def test_hidden_things_are_in_no_result_count_or_facet_of_visitors_and_non_members(world):
    for audiences in outsiders(world):
        browse = everything(audiences)
        assert {hit.key for hit in browse.hits} == world.public
        assert browse.total == len(world.public)
        assert browse.type_counts == {"product": 1, "sentra": 2, "business": 1, "discussion": 1}
        assert dict(browse.facets["type"]) == {"product": 1, "sentra": 2, "business": 1, "discussion": 1}
        assert dict(browse.facets["channel"]) == {"export": 1}  # not the draft's ovop
        assert dict(browse.facets["certification"]) == {"SNI": 1}  # not HALAL, not ORGANIK
        assert "anyaman" not in dict(browse.facets["category"])  # the archived bag
        # The sentra facet counts its product, business and page, not its members-only topics.
        assert dict(browse.facets["sentra"])[world.sentra.slug] == 3
        discussions = get_backend().search(SearchQuery(audiences=audiences, type="discussion"))
        assert [hit.key for hit in discussions.hits] == [f"topic:{world.topic.id}"]
        for word in (*NEVER_SHOWN, PRIVATE_TITLE, PRIVATE_REPLY):
            result = everything(audiences, word)
            assert result.hits == [] and result.total == 0, word
            assert set(result.type_counts.values()) == {0}, word
            assert all(values == [] for values in result.facets.values()), word
            # Nor through the spelling fallback of the search service.
            fallback = services.search(SearchQuery(text=word, audiences=audiences))
            assert not ({hit.key for hit in fallback.hits} - world.public), word


def test_the_sentras_members_and_moderators_find_the_members_only_board(world):
    member = services.audiences_for(world.member)
    assert member == ("public", f"sentra:{world.sentra.id}")
    assert services.audiences_for(world.moderator) is None
    for audiences in (member, None):
        assert {hit.key for hit in everything(audiences, PRIVATE_TITLE).hits} == {
            f"topic:{world.secret.id}", f"post:{world.secret_reply.id}"}
        assert {hit.key for hit in everything(audiences, PRIVATE_REPLY).hits} == {
            f"post:{world.secret_reply.id}"}
        browse = everything(audiences)
        assert {hit.key for hit in browse.hits} == world.public | world.private
        assert browse.type_counts["discussion"] == 3
        assert dict(browse.facets["sentra"])[world.sentra.slug] == 5
        # Drafts, archived products, hidden replies and deleted topics stay out for them too.
        for word in NEVER_SHOWN:
            assert everything(audiences, word).total == 0, word


def test_autocomplete_offers_only_what_the_reader_may_open(world):
    anonymous = AnonymousUserMixin()
    for user in (anonymous, world.outsider, world.pending, world.member, world.moderator):
        for typed in ("Selendang Le", "Tas Pu", "Resep ta", "Resep"):
            assert services.suggest(typed, user) == [], (user, typed)
    for user in (anonymous, world.outsider, world.pending):
        assert services.suggest("Jadwal ar", user) == []
        assert services.suggest("Benang tap", user)[0].object_id == world.topic.id
    for user in (world.member, world.moderator):
        entries = services.suggest("Jadwal ar", user)
        assert entries and {(e.type, e.topic_id) for e in entries} == {("discussion", world.secret.id)}


def test_spelling_suggestions_never_reveal_a_hidden_word(world):
    backend = get_backend()
    near_misses = {DRAFT: "lepis", ARCHIVED: "purin", DELETED_TOPIC: "tarim", PRIVATE_TITLE: "arisam"}
    for word, typo in near_misses.items():
        correction = backend.correct(typo) or ""
        assert word not in correction.lower(), (typo, correction)
        for audiences in (*outsiders(world), services.audiences_for(world.member), None):
            result = services.search(SearchQuery(text=typo, audiences=audiences))
            assert word not in (result.suggestion or "").lower(), (typo, result.suggestion)
    # A public word is corrected: the fallback works, it only knows what everyone may read.
    assert backend.correct("benamg") == "benang"


def test_every_type_is_counted_even_when_empty(world):
    result = everything(services.audiences_for(AnonymousUserMixin()), DRAFT)
    assert set(result.type_counts) == set(TYPES)
