"""Starting topics and replying: the forms, tags, pictures, quoting, locks and who may post."""

from sqlalchemy import func, select

from marketplace.extensions import db as _db
from marketplace.forum.models import Post, PostAttachment, Topic
from tests.forum.core import (
    Tapis,
    client_for,
    fresh,
    html_of,
    make_post,
    make_topic,
    member,
    picture,
    post_number,
    send,
    topic_by_title,
)

TITLE = "Bagaimana mewarnai benang tapis dengan indigo?"


def new_topic(browser, board_slug, **overrides):
    data = {"kind": "question", "title": TITLE, "body": "Warnanya cepat luntur. Ada saran?",
            "tags": "Tapis, pewarna alami, TAPIS"}
    data.update(overrides)
    url = f"/forum/{board_slug}/new"
    return send(browser, url, data, form_url=url, content_type="multipart/form-data")


def test_a_member_starts_a_question_with_normalised_tags(app, db):
    w = Tapis()
    siti = client_for(app, w.siti)
    response = new_topic(siti, "pewarnaan")
    assert response.status_code == 302
    topic = topic_by_title(TITLE)
    assert response.headers["Location"] == f"/forum/t/{topic.id}-{topic.slug}"
    assert topic.kind == "question" and topic.author_id == w.siti.id
    assert [t.tag for t in topic.tags] == ["pewarna-alami", "tapis"]
    assert topic.post_count == 1 and topic.last_post_number == 1
    board = fresh(w.subject)
    assert board.topic_count == 1 and board.post_count == 1 and board.last_post_at is not None
    page = html_of(siti.get(response.headers["Location"]))
    assert TITLE in page and "Warnanya cepat luntur." in page and "#pewarna-alami" in page
    assert "Your topic is published." in page


def test_more_than_five_tags_are_refused_and_the_text_is_kept(app, db):
    w = Tapis()
    response = new_topic(client_for(app, w.siti), "pewarnaan", tags="a1, b2, c3, d4, e5, f6")
    assert response.status_code == 422
    html = html_of(response)
    assert "Use at most 5 tags." in html and TITLE in html and "Warnanya cepat luntur." in html
    assert topic_by_title(TITLE) is None


def test_a_missing_title_shows_the_error_beside_the_field(app, db):
    w = Tapis()
    response = new_topic(client_for(app, w.siti), "pewarnaan", title="")
    assert response.status_code == 422
    assert 'id="title-error"' in html_of(response)


def test_visitors_are_sent_to_log_in_before_posting(client, db):
    w = Tapis()
    topic = make_topic(w.subject, w.siti)
    response = client.get("/forum/pewarnaan/new")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    assert "Log in to reply" in html_of(client.get(f"/forum/t/{topic.id}"))
    response = client.post(f"/forum/t/{topic.id}/reply", data={"body": "hai"})
    assert response.status_code in (302, 400)


def test_unconfirmed_accounts_are_told_why_they_cannot_post(app, db):
    w = Tapis()
    newcomer = member("baru@tapis.id", "Anggota Baru", email_confirmed_at=None)
    browser = app.test_client()
    browser.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    # Unconfirmed accounts cannot log in at all; the refusal page is checked through the service.
    with app.test_request_context(headers={"Accept-Language": "en"}):
        from marketplace.forum.services import posting_refusal

        assert "Confirm your email" in posting_refusal(newcomer, w.subject)
    assert browser.get("/forum/pewarnaan/new").status_code == 302


def test_a_suspended_member_sees_the_reason_instead_of_the_form(app, db):
    from datetime import timedelta

    from marketplace.timeutil import utcnow

    w = Tapis()
    w.rini.suspended_until = utcnow() + timedelta(days=3)
    _db.session.commit()
    topic = make_topic(w.subject, w.siti)
    rini = client_for(app, w.rini)
    response = rini.get("/forum/pewarnaan/new")
    assert response.status_code == 403 and "suspended" in html_of(response)
    page = html_of(rini.get(f"/forum/t/{topic.id}"))
    assert f'action="/forum/t/{topic.id}/reply"' not in page
    assert "suspended" in page
    response = send(rini, f"/forum/t/{topic.id}/reply", {"body": "Boleh ikut?"})
    assert response.status_code == 403
    assert fresh(topic).post_count == 1


def test_replying_numbers_posts_and_updates_the_counters(app, db):
    w = Tapis()
    topic = make_topic(w.subject, w.siti, title=TITLE)
    rini = client_for(app, w.rini)
    response = send(rini, f"/forum/t/{topic.id}/reply", {"body": "Rendam semalam di air kapur."},
                    form_url=f"/forum/t/{topic.id}")
    assert response.status_code == 302
    assert response.headers["Location"] == f"/forum/t/{topic.id}/p/2"
    topic = fresh(topic)
    assert topic.post_count == 2 and topic.last_post_number == 2
    assert fresh(w.subject).post_count == 2
    reply = post_number(topic, 2)
    assert reply.author_id == w.rini.id and reply.body == "Rendam semalam di air kapur."
    landing = rini.get(response.headers["Location"])
    assert landing.status_code == 302 and landing.headers["Location"].endswith("#post-2")
    assert 'id="post-2"' in html_of(rini.get(landing.headers["Location"]))


def test_an_empty_reply_is_refused_on_the_topic_page(app, db):
    w = Tapis()
    topic = make_topic(w.subject, w.siti, title=TITLE)
    response = send(client_for(app, w.rini), f"/forum/t/{topic.id}/reply", {"body": "   "})
    assert response.status_code == 422
    html = html_of(response)
    assert TITLE in html and 'id="body-error"' in html
    assert fresh(topic).post_count == 1


def test_posting_limits_from_moderation_show_beside_the_text(app, db):
    w = Tapis()
    topic = make_topic(w.subject, w.siti, title=TITLE)
    links = "Lihat https://a.example, https://b.example dan https://c.example"
    response = send(client_for(app, w.rini), f"/forum/t/{topic.id}/reply", {"body": links})
    assert response.status_code == 422
    html = html_of(response)
    assert 'id="body-error"' in html and "links" in html and "https://c.example" in html
    assert fresh(topic).post_count == 1


def test_quote_prefills_the_reply_with_the_post_and_a_mention(app, db):
    w = Tapis()
    topic = make_topic(w.subject, w.siti, title=TITLE, body="Baris satu\n\nBaris dua")
    html = html_of(client_for(app, w.rini).get(f"/forum/t/{topic.id}?quote=1"))
    textarea = html[html.index('<textarea'):html.index('</textarea>')]
    assert "@Siti_Aminah wrote in #1:" in textarea
    assert "&gt; Baris satu\n&gt;\n&gt; Baris dua" in textarea
    # A quote link is offered on every post.
    assert f'href="/forum/t/{topic.id}-{topic.slug}?quote=1#reply"' in html


def test_hidden_posts_cannot_be_quoted(app, db):
    from marketplace.timeutil import utcnow

    w = Tapis()
    topic = make_topic(w.subject, w.siti, title=TITLE)
    make_post(topic, w.outsider, body="Teks yang disembunyikan", hidden_at=utcnow())
    html = html_of(client_for(app, w.rini).get(f"/forum/t/{topic.id}?quote=2"))
    assert "Teks yang disembunyikan" not in html


def test_pictures_are_stored_and_shown_inside_the_post(app, db):
    w = Tapis()
    topic = make_topic(w.subject, w.siti, title=TITLE)
    rini = client_for(app, w.rini)
    response = send(rini, f"/forum/t/{topic.id}/reply",
                    {"body": "Hasil celupan kami:", "image_alt": "benang biru [tua]",
                     "images": [(picture(), "celup.jpg"), (picture(color=(10, 20, 90)), "dua.png")]},
                    form_url=f"/forum/t/{topic.id}", content_type="multipart/form-data")
    assert response.status_code == 302
    reply = post_number(topic, 2)
    assert reply.body.startswith("Hasil celupan kami:\n\n![benang biru tua](/media/")
    assert reply.body.count("-medium.webp)") == 2
    attachments = _db.session.scalar(select(func.count()).select_from(PostAttachment)
                                     .where(PostAttachment.post_id == reply.id))
    assert attachments == 2
    html = html_of(rini.get(f"/forum/t/{topic.id}"))
    assert '<img src="/media/' in html and 'alt="benang biru tua"' in html


def test_a_file_that_is_not_a_picture_is_refused(app, db):
    import io

    w = Tapis()
    topic = make_topic(w.subject, w.siti, title=TITLE)
    response = send(client_for(app, w.rini), f"/forum/t/{topic.id}/reply",
                    {"body": "Lihat lampiran", "images": [(io.BytesIO(b"<svg onload=alert(1)>"), "x.svg")]},
                    content_type="multipart/form-data")
    assert response.status_code == 422
    assert 'id="images-error"' in html_of(response)
    assert fresh(topic).post_count == 1


def test_locked_topics_have_no_reply_form_and_refuse_replies(app, db):
    w = Tapis()
    topic = make_topic(w.subject, w.siti, title=TITLE, is_locked=True)
    rini = client_for(app, w.rini)
    html = html_of(rini.get(f"/forum/t/{topic.id}"))
    assert "This topic is locked" in html and f"/forum/t/{topic.id}/reply" not in html
    assert send(rini, f"/forum/t/{topic.id}/reply", {"body": "Masih boleh?"}).status_code == 403
    assert fresh(topic).post_count == 1


def test_pinned_topics_come_first_then_latest_activity(app, client, db):
    from tests.forum.core import days_ago

    w = Tapis()
    make_topic(w.subject, w.siti, title="Topik lama yang disematkan", is_pinned=True, created_at=days_ago(30))
    make_topic(w.subject, w.siti, title="Topik kemarin", created_at=days_ago(1))
    make_topic(w.subject, w.siti, title="Topik minggu lalu", created_at=days_ago(7))
    html = html_of(client.get("/forum/pewarnaan"))
    order = [html.index(t) for t in ("Topik lama yang disematkan", "Topik kemarin", "Topik minggu lalu")]
    assert order == sorted(order)


def test_the_topic_address_works_with_and_without_its_slug(client, db):
    w = Tapis()
    topic = make_topic(w.subject, w.siti, title=TITLE)
    assert client.get(f"/forum/t/{topic.id}").status_code == 200
    assert client.get(f"/forum/t/{topic.id}-{topic.slug}").status_code == 200
    assert client.get(f"/forum/t/{topic.id}-anything").status_code == 200
    assert client.get("/forum/t/999").status_code == 404


def test_views_count_once_per_session(app, client, db):
    w = Tapis()
    topic = make_topic(w.subject, w.siti, title=TITLE)
    for _ in range(3):
        client.get(f"/forum/t/{topic.id}")
    client.get(f"/forum/t/{topic.id}?page=1")
    assert fresh(topic).view_count == 1
    other = app.test_client()
    other.get(f"/forum/t/{topic.id}")
    assert fresh(topic).view_count == 2


def test_board_lists_are_paginated(app, client, db):
    app.config["PAGE_SIZE"] = 3
    w = Tapis()
    for n in range(7):
        make_topic(w.subject, w.siti, title=f"Topik nomor {n} tentang pewarna")
    first = html_of(client.get("/forum/pewarnaan"))
    third = html_of(client.get("/forum/pewarnaan?page=3"))
    assert first.count('class="topic-row') == 3 and third.count('class="topic-row') == 1
    assert 'rel="next"' in first
    total = _db.session.scalar(select(func.count()).select_from(Topic))
    assert total == 7 and _db.session.scalar(select(func.count()).select_from(Post)) == 7
