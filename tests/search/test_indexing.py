"""The index follows every commit: products, businesses, sentra, topics and replies are found after
they are created or changed through the site, and leave the results when they are unpublished,
hidden, deleted or moved where the reader may not go. Rolled-back work never reaches the index,
and page views and read marks never write to it."""

import pytest
from sqlalchemy import select

from marketplace.catalog.models import Product
from marketplace.extensions import db as _db
from marketplace.forum.models import Post, Topic
from marketplace.search import documents, indexer
from marketplace.search.backend import SearchQuery, get_backend
from marketplace.search.services import search
from marketplace.sentra.models import Membership
from tests.businesses.conftest import business_data
from tests.catalog.conftest import make_product
from tests.catalog.test_manage_products import product_data
from tests.conftest import browser, make_business, make_membership, make_sentra, make_user, post_form, submit
from tests.forum.conftest import client_for, first_post, make_post, make_topic, token
from tests.forum.core import Tapis, send
from tests.sentra.conftest import read_form


@pytest.fixture
def app(search_app):
    """Every test here runs on each backend: the indexer must feed both the same way."""
    return search_app


def keys(text="", audiences=("public",), **filters):
    """The keys a reader of `audiences` (a visitor by default) finds for `text`, all on one page.

    Hits for a spelling correction ("tawas" finding "tapis") do not count as found."""
    result = search(SearchQuery(text=text, per_page=100, audiences=audiences, **filters))
    return set() if result.corrected else {hit.key for hit in result.hits}


def staff_keys(text="", **filters):
    return keys(text, audiences=None, **filters)


def key(kind, thing):
    return f"{kind}:{thing.id}"


def assert_index_is_the_database():
    """What a full rebuild would write is exactly what the index holds, stamp for stamp."""
    _db.session.expire_all()
    expected = {doc.key: doc.stamp for doc in documents.iter_documents(_db.session)}
    assert get_backend().stamps() == expected
    assert documents.count_documents(_db.session) == len(expected)


class CountingApply:
    """Wraps the real backend's `apply` to count the writes that reach it (the engine still writes)."""

    def __init__(self, backend):
        self.backend, self.real, self.calls = backend, backend.apply, []

    def __enter__(self):
        def counted(keys, load):
            self.calls.append(set(keys))
            return self.real(keys, load)

        self.backend.apply = counted
        return self

    def __exit__(self, *exc):
        del self.backend.apply
        return False


@pytest.fixture
def shop(app):
    """Siti's tapis business in the sentra of Bandar Lampung, logged in in her own browser."""

    class Shop:
        pass

    s = Shop()
    s.sentra = make_sentra("tapis-kemiling", name="Sentra IKM Tenun Tapis Kemiling")
    s.owner = make_user("ani@kemiling.id", display_name="Ani Lestari")
    make_membership(s.sentra, s.owner)
    s.business = make_business(s.owner, s.sentra, slug="tapis-siti", name="Tapis Siti")
    s.browser = browser(app, s.owner)
    return s


def only_product():
    _db.session.expire_all()
    return _db.session.scalars(select(Product)).one()


def change_status(shop, product, action):
    response = post_form(shop.browser, f"/products/{product.id}/status", {"action": action},
                         form_url="/ikm/tapis-siti/products")
    assert response.status_code in (302, 303)


# ---- products --------------------------------------------------------------------------------


def test_a_product_is_found_from_publication_until_it_is_unpublished_or_archived(app, shop):
    response = post_form(shop.browser, "/ikm/tapis-siti/products/new",
                         product_data(title="Kain Tapis Motif Kapal Layar"))
    assert response.status_code == 303
    product = only_product()
    assert product.status == "draft"
    assert keys("kapal") == set()  # a draft is nobody's search result
    assert staff_keys("kapal") == set()

    change_status(shop, product, "publish")
    assert keys("kapal") == {key("product", product)}
    # Found by the stem, by its business, sentra, category and certification too.
    assert keys("layarnya kapal") == {key("product", product)}
    assert key("product", product) in keys("Tapis Siti")
    assert key("product", product) in keys("Kemiling", type="product")
    assert key("product", product) in keys("", certification="HAKI")

    edit = f"/products/{product.id}/edit"
    response = post_form(shop.browser, edit, product_data(title="Kain Tapis Pucuk Rebung"))
    assert response.status_code == 303
    assert keys("rebung") == {key("product", product)}
    assert keys("kapal") == set()

    change_status(shop, product, "unpublish")
    assert keys("rebung") == set()
    change_status(shop, product, "publish")
    assert keys("rebung") == {key("product", product)}
    change_status(shop, product, "archive")
    assert keys("rebung") == set() and staff_keys("rebung") == set()
    assert_index_is_the_database()


def test_certifications_and_channels_follow_the_product_editor(app, shop):
    product = make_product(shop.business, title="Kain Tapis Siger", certifications=["SNI"])
    assert keys("", certification="SNI", type="product") == {key("product", product)}
    response = post_form(shop.browser, f"/products/{product.id}/edit",
                         product_data(title="Kain Tapis Siger", certifications=["HALAL"],
                                      channels=["supply_chain"], capacity_per_month="300",
                                      moq="10", lead_time_days="14"))
    assert response.status_code == 303, response.get_data(as_text=True)[:300]
    assert keys("", certification="SNI", type="product") == set()
    assert keys("", certification="HALAL", type="product") == {key("product", product)}
    assert keys("", channel="supply_chain") == {key("product", product)}
    assert_index_is_the_database()


def test_a_renamed_business_is_found_with_its_products_by_the_new_name(app, shop):
    product = make_product(shop.business, title="Kain Tapis Siger")
    response = submit(shop.browser, "/ikm/tapis-siti/edit", business_data(
        name="Rumah Tapis Cahaya Siger", sentra_province="lampung", sentra=str(shop.sentra.id)))
    assert response.status_code == 302
    assert keys("cahaya") == {key("product", product), key("business", shop.business)}
    # The profile's techniques and certifications are words and filters of the business now.
    assert keys("pewarnaan alami", type="business") == {key("business", shop.business)}
    assert keys("", type="business", certification="HALAL") == {key("business", shop.business)}
    assert_index_is_the_database()


def test_a_sentra_edit_reaches_the_sentra_its_businesses_and_products(app, shop):
    product = make_product(shop.business, title="Kain Tapis Siger")
    manager = make_user("ketua@tapis.id")
    make_membership(shop.sentra, manager, role="pengurus")
    editor = browser(app, manager)
    url = f"/sentra/{shop.sentra.slug}/edit"
    data = read_form(editor.get(url).get_data(as_text=True), url)
    data.update(name="Sentra Tapis Beringin Jaya", tagline="Tapis emas dari Beringin Jaya",
                story="Para penenun berkumpul di rumah produksi sejak 1980.")
    response = editor.post(url, data=data, content_type="multipart/form-data")
    assert response.status_code == 302, response.get_data(as_text=True)[:300]
    assert keys("beringin") == {key("sentra", shop.sentra), key("business", shop.business),
                                key("product", product)}
    assert keys("berkumpul") == {key("sentra", shop.sentra)}  # the story is the sentra's own text
    assert_index_is_the_database()


def test_membership_changes_move_products_in_and_out_of_the_sentra(app, shop):
    """sync_business_products is one bulk UPDATE: it queues the products itself."""
    product = make_product(shop.business, title="Kain Tapis Siger")
    slug = shop.sentra.slug
    assert keys("", sentra=slug, type="product") == {key("product", product)}
    manager = make_user("ketua@tapis.id")
    make_membership(shop.sentra, manager, role="pengurus")
    membership = _db.session.scalar(select(Membership).where(Membership.user_id == shop.owner.id))
    board = browser(app, manager)
    response = post_form(board, f"/sentra/{slug}/members/{membership.id}/remove", {},
                         form_url=f"/sentra/{slug}/members")
    assert response.status_code in (302, 303)
    assert keys("", sentra=slug, type="product") == set()
    assert keys("", sentra=slug, type="business") == set()

    # She asks again through her profile; once approved her products are the sentra's again.
    submit(shop.browser, "/ikm/tapis-siti/edit", business_data(
        name="Tapis Siti", sentra_province="lampung", sentra=str(shop.sentra.id)))
    assert keys("", sentra=slug, type="product") == set()
    request = _db.session.scalar(select(Membership).where(Membership.user_id == shop.owner.id))
    response = post_form(board, f"/sentra/{slug}/members/{request.id}/approve", {},
                         form_url=f"/sentra/{slug}/members")
    assert response.status_code in (302, 303)
    assert keys("", sentra=slug, type="product") == {key("product", product)}
    assert keys("", sentra=slug, type="business") == {key("business", shop.business)}
    assert_index_is_the_database()


def test_a_bulk_statement_is_indexed_when_queued(app, shop):
    from marketplace.catalog.services import sync_business_products

    product = make_product(shop.business, title="Kain Tapis Siger")
    other = make_sentra("batik-laweyan", name="Sentra Batik Laweyan", commodity="batik",
                        province="jawa-tengah")
    shop.business.sentra = other
    make_membership(other, shop.owner)  # commits the business's move too
    sync_business_products(shop.business)
    _db.session.commit()
    assert keys("", sentra="batik-laweyan", type="product") == {key("product", product)}
    assert keys("", province="jawa-tengah", type="product") == {key("product", product)}
    assert_index_is_the_database()


def test_a_row_deleted_with_its_dependants_leaves_the_index(app, shop):
    product = make_product(shop.business, title="Kain Tapis Siger")
    assert keys("siger") == {key("product", product)}
    _db.session.delete(shop.business)  # the database deletes its products (ON DELETE CASCADE)
    _db.session.commit()
    assert keys("siger") == set() and keys("Tapis Siti") == set()
    assert_index_is_the_database()


# ---- the forum -------------------------------------------------------------------------------


def new_topic(browser, board_slug, title, body, tags="tapis"):
    url = f"/forum/{board_slug}/new"
    response = send(browser, url, {"kind": "question", "title": title, "body": body, "tags": tags},
                    form_url=url, content_type="multipart/form-data")
    assert response.status_code == 302, response.get_data(as_text=True)[:300]
    _db.session.expire_all()
    return _db.session.scalar(select(Topic).where(Topic.title == title))


def moderate(browser, url, **data):
    response = browser.post(url, data={"csrf_token": token(browser), **data})
    assert response.status_code == 302, response.get_data(as_text=True)[:300]


def test_a_topic_is_found_after_it_is_started_edited_hidden_restored_and_deleted(app):
    w = Tapis()
    siti = client_for(app, w.siti)
    topic = new_topic(siti, "pewarnaan", "Pewarna alami dari kulit manggis?",
                      "Bagaimana mengunci warna ungu **manggis** di benang?", tags="pewarna-alami")
    found = key("topic", topic)
    assert keys("pewarna manggis") == {found}
    assert keys("mengunci") == {found}  # the opening post is the topic's text
    assert found in keys("pewarna alami", type="discussion")

    url = f"/forum/p/{first_post(topic).id}/edit"
    send(siti, url, {"title": "Pewarna alami dari daun jati?", "body": "Warna merah daun jati muda.",
                     "tags": "jati"}, form_url=url)
    assert keys("jati") == {found}
    assert keys("manggis") == set() and keys("mengunci") == set()

    moderator = client_for(app, w.moderator)
    moderate(moderator, f"/forum/moderation/t/{topic.id}/hide", reason="Sedang diperiksa")
    assert keys("jati") == set() and staff_keys("jati") == set()
    moderate(moderator, f"/forum/moderation/t/{topic.id}/restore")
    assert keys("jati") == {found}
    moderate(moderator, f"/forum/moderation/t/{topic.id}/delete", reason="Duplikat")
    assert keys("jati") == set() and staff_keys("jati") == set()
    assert_index_is_the_database()


def test_a_reply_is_found_after_it_is_posted_and_edited_until_hidden_or_deleted(app):
    w = Tapis()
    topic = make_topic(w.subject, w.siti, title="Benang tapis cepat luntur")
    rini = client_for(app, w.rini)
    response = send(rini, f"/forum/t/{topic.id}/reply", {"body": "Rendam dengan air tawas semalam."})
    assert response.status_code == 302
    reply = _db.session.scalar(select(Post).where(Post.topic_id == topic.id, Post.number == 2))
    assert keys("tawas") == {key("post", reply)}
    hit = search(SearchQuery(text="tawas")).hits[0]
    assert (hit.title, hit.topic_id, hit.number) == ("Benang tapis cepat luntur", topic.id, 2)

    url = f"/forum/p/{reply.id}/edit"
    send(rini, url, {"body": "Rendam dengan air kapur sirih semalam."}, form_url=url)
    assert keys("tawas") == set() and keys("kapur sirih") == {key("post", reply)}

    moderator = client_for(app, w.moderator)
    moderate(moderator, f"/forum/moderation/p/{reply.id}/hide", reason="Iklan")
    assert keys("kapur") == set() and staff_keys("kapur") == set()
    send(moderator, f"/forum/moderation/p/{reply.id}/restore")
    assert keys("kapur") == {key("post", reply)}
    send(rini, f"/forum/p/{reply.id}/delete")
    assert keys("kapur") == set()
    assert_index_is_the_database()


def test_a_topic_moved_to_a_members_only_board_leaves_public_results(app):
    w = Tapis(members_only=True)
    topic = make_topic(w.subject, w.siti, title="Harga benang emas naik")
    reply = make_post(topic, w.rini, body="Beli bersama lewat koperasi.")
    assert keys("koperasi") == {key("post", reply)}
    admin = client_for(app, w.moderator)
    moderate(admin, f"/forum/moderation/t/{topic.id}/move", board=w.board.slug, reason="Urusan sentra")
    assert keys("emas") == set() and keys("koperasi") == set()
    members = ("public", f"sentra:{w.sentra.id}")
    assert keys("emas", audiences=members) == {key("topic", topic), key("post", reply)}
    assert keys("", sentra=w.sentra.slug, type="discussion") == set()
    assert_index_is_the_database()


def test_a_board_switched_to_members_only_takes_its_topics_out_of_public_results(app):
    w = Tapis()
    topic = make_topic(w.board, w.siti, title="Jadwal pameran kerajinan Lampung")
    reply = make_post(topic, w.rini, body="Stan kita nomor tujuh.")
    assert keys("pameran") == {key("topic", topic), key("post", reply)}
    url = f"/forum/{w.board.slug}/settings"
    response = send(client_for(app, w.pengurus), url, {"visibility": "members"}, form_url=url)
    assert response.status_code == 302
    assert keys("pameran") == set() and keys("stan") == set()
    members = ("public", f"sentra:{w.sentra.id}")
    assert keys("pameran", audiences=members) == {key("topic", topic), key("post", reply)}
    response = send(client_for(app, w.pengurus), url, {"visibility": "public"}, form_url=url)
    assert keys("pameran") == {key("topic", topic), key("post", reply)}
    assert_index_is_the_database()


# ---- transactions ----------------------------------------------------------------------------


def test_a_rolled_back_change_is_never_indexed(app, shop):
    product = make_product(shop.business, title="Kain Tapis Siger")
    draft = make_product(shop.business, title="Songket Rollback", status="draft")
    with CountingApply(get_backend()) as spy:
        draft.status, draft.published_at = "published", product.published_at
        product.title = "Kain Tapis Berubah"
        _db.session.flush()
        assert _db.session.info.get(indexer.PENDING)  # collected at the flush...
        _db.session.rollback()
    assert spy.calls == []  # ...and dropped with the rollback
    assert keys("songket") == set() and keys("berubah") == set()
    assert keys("siger") == {key("product", product)}
    # The next transaction starts clean: nothing of the rolled-back one comes along.
    with CountingApply(get_backend()) as spy:
        shop.business.description = "Tenun tangan sejak 1998."
        _db.session.commit()
    assert spy.calls == [{key("business", shop.business)}]
    assert_index_is_the_database()


def test_a_rolled_back_savepoint_keeps_the_outer_transactions_changes(app, shop):
    product = make_product(shop.business, title="Kain Tapis Siger")
    product.title = "Kain Tapis Bintang"
    _db.session.flush()
    savepoint = _db.session.begin_nested()
    shop.business.name = "Rumah Bayangan"
    _db.session.flush()
    savepoint.rollback()
    assert keys("bintang") == set()  # the savepoint's end is not a commit
    _db.session.commit()
    assert keys("bintang") == {key("product", product)}
    assert keys("bayangan") == set()
    assert_index_is_the_database()


def test_views_clicks_and_read_marks_do_not_write_to_the_index(app, shop):
    w = Tapis()
    topic = make_topic(w.subject, w.siti, title="Cara menyimpan benang sutra")
    make_post(topic, w.rini)
    product = make_product(shop.business, title="Kain Tapis Siger")
    shop.business.whatsapp = "6281234567890"
    _db.session.commit()
    reader = client_for(app, w.rini)
    visitor = app.test_client()
    with CountingApply(get_backend()) as spy:
        assert reader.get(f"/forum/t/{topic.id}").status_code == 200  # read mark and view count
        assert visitor.get(f"/forum/t/{topic.id}").status_code == 200
        assert visitor.get(f"/products/{product.id}", follow_redirects=True).status_code == 200
        click = post_form(visitor, "/ikm/tapis-siti/whatsapp", {}, form_url="/ikm/tapis-siti")
        assert click.status_code == 303
        topic_row = _db.session.get(Topic, topic.id)
        topic_row.view_count += 5  # counters through the ORM do not count either
        topic_row.title = topic_row.title  # nor setting a field to the value it has
        _db.session.commit()
    assert spy.calls == []
    assert _db.session.get(Topic, topic.id).view_count >= 7


def test_index_now_and_queue_take_keys_and_tokens(app, shop):
    product = make_product(shop.business, title="Kain Tapis Siger")
    get_backend().delete({key("product", product), key("business", shop.business)})
    assert keys("siger") == set()
    assert indexer.index_now(app, {f"products-of-business:{shop.business.id}"}) == 1
    assert keys("siger") == {key("product", product)}
    indexer.queue(_db.session, key("business", shop.business))
    _db.session.commit()
    assert keys("Tapis Siti", type="business") == {key("business", shop.business)}
    assert_index_is_the_database()


def test_a_failing_backend_never_breaks_the_commit(app, shop, caplog):
    backend = get_backend()

    def broken(keys, load):
        raise OSError("disk full")

    backend.apply = broken
    try:
        product = make_product(shop.business, title="Kain Tapis Siger")
    finally:
        del backend.apply
    assert _db.session.get(Product, product.id) is not None
    assert "indexing" in caplog.text and "disk full" in caplog.text
