"""Forum pages stay light at national scale: the number of queries does not grow with the rows shown."""

from contextlib import contextmanager

import pytest
from sqlalchemy import event

from marketplace.extensions import db as _db
from marketplace.forum.models import Reaction, TopicTag
from tests.forum.core import Tapis, client_for, make_post, make_topic


@contextmanager
def counting_queries():
    statements = []

    def count(conn, cursor, statement, *args):
        statements.append(statement)

    event.listen(_db.engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(_db.engine, "before_cursor_execute", count)


def queries_for(browser, url):
    browser.get(url)  # warm up: first-visit bookkeeping, caches
    with counting_queries() as statements:
        assert browser.get(url).status_code == 200
    return len(statements)


def fill(w, topics, posts):
    """`topics` questions with `posts` replies each, tags and thanks, on the subject board."""
    first = None
    for n in range(topics):
        topic = make_topic(w.subject, w.siti, title=f"Pertanyaan tentang pewarna nomor {n}", kind="question")
        _db.session.add(TopicTag(topic_id=topic.id, tag=f"tag-{n}"))
        for m in range(posts):
            post = make_post(topic, w.upt if m % 2 else w.rini, body=f"Jawaban {m} dengan @Siti_Aminah")
            _db.session.add(Reaction(post_id=post.id, user_id=w.outsider.id))
        first = first or topic
    _db.session.commit()
    return first


@pytest.mark.parametrize("who", [None, "outsider", "upt"])
def test_topic_page_queries_do_not_grow_with_its_posts(app, client, db, who):
    app.config["FORUM_POSTS_PER_PAGE"] = 30
    w = Tapis()
    small = fill(w, 1, 2)
    big = make_topic(w.subject, w.siti, title="Pertanyaan panjang sekali", kind="question")
    for m in range(20):
        make_post(big, w.upt if m % 2 else w.rini, body=f"Balasan {m} untuk @Rini_Hasan")
    browser = client_for(app, getattr(w, who)) if who else client
    assert queries_for(browser, f"/forum/t/{small.id}") == queries_for(browser, f"/forum/t/{big.id}")


@pytest.mark.parametrize("url", ["/forum", "/forum/pewarnaan", "/"])
def test_lists_do_not_grow_with_their_topics(app, db, url):
    w = Tapis()
    browser = client_for(app, w.rini)
    fill(w, 2, 1)
    few = queries_for(browser, url)
    fill(w, 8, 2)
    assert queries_for(browser, url) == few
