"""Members flag posts; the board's moderators get a notice and a queue where they hide or dismiss."""

from sqlalchemy import select

from marketplace.extensions import db as _db
from marketplace.forum.models import Flag
from tests.forum.conftest import client_for, log_entries, make_post, notifications_of, token


def flags_on(post):
    return list(_db.session.scalars(select(Flag).where(Flag.post_id == post.id).order_by(Flag.id)))


def flag(browser, post, reason="spam", note=""):
    url = f"/forum/p/{post.id}/flag"
    page = browser.get(url)
    assert page.status_code == 200
    return browser.post(url, data={"csrf_token": token(browser), "reason": reason, "note": note})


def test_member_flags_a_post_and_the_boards_moderators_hear_about_it(app, forum):
    browser = client_for(app, forum.outsider)
    page = browser.get(f"/forum/p/{forum.reply_a.id}/flag")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Beli pewarna murah" in html and 'name="reason"' in html and "Spam or advertising" in html

    response = flag(browser, forum.reply_a, "spam", "Iklan toko, bukan jawaban.")
    assert response.status_code == 302

    [saved] = flags_on(forum.reply_a)
    assert (saved.reporter_id, saved.reason) == (forum.outsider.id, "spam")
    assert saved.note == "Iklan toko, bukan jawaban."
    assert saved.resolved_at is None
    for moderator in (forum.admin, forum.moderator, forum.upt_a, forum.pengurus_a):
        [notice] = notifications_of(moderator, "forum.flagged")
        assert notice.url.startswith("/forum/moderation#flagged-")
        assert notice.subject == forum.topic_a.title
    for bystander in (forum.upt_b, forum.anggota_a, forum.author, forum.outsider):
        assert notifications_of(bystander, "forum.flagged") == []


def test_flags_on_a_subject_board_reach_platform_staff_only(app, forum):
    flag(client_for(app, forum.outsider), forum.reply_s, "abusive")
    assert len(notifications_of(forum.moderator, "forum.flagged")) == 1
    assert notifications_of(forum.upt_a, "forum.flagged") == []


def test_a_second_flag_on_the_same_post_does_not_notify_the_moderators_again(app, forum):
    flag(client_for(app, forum.outsider), forum.reply_a)
    flag(client_for(app, forum.author), forum.reply_a, "off_topic")
    assert len(flags_on(forum.reply_a)) == 2
    assert len(notifications_of(forum.upt_a, "forum.flagged")) == 1


def test_member_has_one_open_flag_per_post(app, forum):
    browser = client_for(app, forum.outsider)
    flag(browser, forum.reply_a)
    response = flag(browser, forum.reply_a, "abusive")
    assert response.status_code == 422
    assert "already flagged" in response.get_data(as_text=True)
    assert [f.reason for f in flags_on(forum.reply_a)] == ["spam"]


def test_member_cannot_flag_their_own_post(app, forum):
    browser = client_for(app, forum.anggota_a)
    assert browser.get(f"/forum/p/{forum.reply_a.id}/flag").status_code == 403
    response = browser.post(f"/forum/p/{forum.reply_a.id}/flag",
                            data={"csrf_token": token(browser), "reason": "spam"})
    assert response.status_code == 403
    assert flags_on(forum.reply_a) == []


def test_flag_needs_a_reason_from_the_list_and_keeps_the_note(app, forum):
    browser = client_for(app, forum.outsider)
    response = browser.post(f"/forum/p/{forum.reply_a.id}/flag",
                            data={"csrf_token": token(browser), "reason": "", "note": "Lihat tautannya"})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Choose a reason." in html and "Lihat tautannya" in html
    response = browser.post(f"/forum/p/{forum.reply_a.id}/flag",
                            data={"csrf_token": token(browser), "reason": "made-up"})
    assert response.status_code == 422
    assert flags_on(forum.reply_a) == []


def test_flagging_needs_an_account_and_a_csrf_token(app, client, forum):
    response = client.get(f"/forum/p/{forum.reply_a.id}/flag")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    browser = client_for(app, forum.outsider)
    response = browser.post(f"/forum/p/{forum.reply_a.id}/flag", data={"reason": "spam"})
    assert response.status_code in (400, 422)
    assert flags_on(forum.reply_a) == []


def test_members_cannot_flag_hidden_posts_they_cannot_see(app, forum):
    moderator = client_for(app, forum.moderator)
    moderator.post(f"/forum/moderation/p/{forum.reply_a.id}/hide",
                   data={"csrf_token": token(moderator), "reason": "Iklan"})
    assert client_for(app, forum.outsider).get(f"/forum/p/{forum.reply_a.id}/flag").status_code == 404
    assert client_for(app, forum.outsider).get("/forum/p/999999/flag").status_code == 404


def test_queue_groups_open_flags_by_post_with_reasons_and_counts(app, forum):
    flag(client_for(app, forum.outsider), forum.reply_a, "spam", "Toko online")
    flag(client_for(app, forum.author), forum.reply_a, "spam")
    flag(client_for(app, forum.upt_b), forum.reply_s, "abusive")

    html = client_for(app, forum.upt_a).get("/forum/moderation").get_data(as_text=True)
    assert "Beli pewarna murah" in html
    assert "2 flags" in html and "Spam or advertising (×2)" in html
    assert "Toko online" in html
    assert f'id="flagged-{forum.reply_a.id}"' in html
    assert "Sekitar 50 gram" not in html  # the subject board is not theirs

    html = client_for(app, forum.moderator).get("/forum/moderation").get_data(as_text=True)
    assert "Beli pewarna murah" in html and "Sekitar 50 gram" in html
    assert "Rude or abusive" in html


def test_moderators_find_the_queue_from_the_forum_page(app, client, forum):
    for who in ("upt_a", "pengurus_a", "moderator", "admin"):
        page = client_for(app, getattr(forum, who)).get("/forum").get_data(as_text=True)
        assert 'href="/forum/moderation"' in page
    for browser in (client, client_for(app, forum.anggota_a), client_for(app, forum.outsider)):
        assert 'href="/forum/moderation"' not in browser.get("/forum").get_data(as_text=True)


def test_members_who_moderate_nothing_get_403_on_the_queue(app, client, forum):
    assert client_for(app, forum.anggota_a).get("/forum/moderation").status_code == 403
    assert client_for(app, forum.outsider).get("/forum/moderation").status_code == 403
    response = client.get("/forum/moderation")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_hiding_from_the_queue_resolves_the_flags_and_tells_the_author_why(app, forum):
    flag(client_for(app, forum.outsider), forum.reply_a, "spam")
    upt = client_for(app, forum.upt_a)
    response = upt.post(f"/forum/moderation/p/{forum.reply_a.id}/hide",
                        data={"csrf_token": token(upt), "reason": "Iklan toko", "next": "/forum/moderation"})
    assert response.status_code == 302 and response.headers["Location"] == "/forum/moderation"

    _db.session.refresh(forum.reply_a)
    assert forum.reply_a.hidden_at is not None and forum.reply_a.hidden_by_id == forum.upt_a.id
    [resolved] = flags_on(forum.reply_a)
    assert resolved.resolution == "hidden" and resolved.resolved_by_id == forum.upt_a.id
    [notice] = notifications_of(forum.anggota_a, "forum.moderated.hidden")
    assert "Iklan toko" in notice.subject and forum.topic_a.title in notice.subject
    [entry] = log_entries("hide")
    assert (entry.moderator_id, entry.post_id) == (forum.upt_a.id, forum.reply_a.id)
    assert entry.reason == "Iklan toko"
    assert "Nothing to look at" in upt.get("/forum/moderation").get_data(as_text=True)


def test_dismissing_flags_leaves_the_post_and_logs_the_decision(app, forum):
    flag(client_for(app, forum.outsider), forum.reply_a, "off_topic")
    upt = client_for(app, forum.upt_a)
    response = upt.post(f"/forum/moderation/p/{forum.reply_a.id}/dismiss", data={"csrf_token": token(upt)})
    assert response.status_code == 302
    [dismissed] = flags_on(forum.reply_a)
    assert dismissed.resolution == "dismissed" and dismissed.resolved_at is not None
    _db.session.refresh(forum.reply_a)
    assert forum.reply_a.hidden_at is None
    assert [e.post_id for e in log_entries("dismiss_flags")] == [forum.reply_a.id]


def test_member_may_flag_again_after_a_dismissal(app, forum):
    browser = client_for(app, forum.outsider)
    flag(browser, forum.reply_a)
    upt = client_for(app, forum.upt_a)
    upt.post(f"/forum/moderation/p/{forum.reply_a.id}/dismiss", data={"csrf_token": token(upt)})
    assert flag(browser, forum.reply_a, "wrong").status_code == 302
    [again] = flags_on(forum.reply_a)
    assert again.resolved_at is None and again.reason == "wrong"


def test_sentra_moderators_cannot_resolve_flags_of_other_boards(app, forum):
    flag(client_for(app, forum.outsider), forum.reply_s)
    upt = client_for(app, forum.upt_a)
    assert upt.post(f"/forum/moderation/p/{forum.reply_s.id}/dismiss",
                    data={"csrf_token": token(upt)}).status_code == 403
    assert flags_on(forum.reply_s)[0].resolved_at is None


def test_queue_is_paginated_and_its_queries_do_not_grow_with_the_page(app, forum):
    from sqlalchemy import event

    app.config["PAGE_SIZE"] = 2
    posts = [make_post(forum.topic_s, forum.anggota_a, body=f"Jawaban nomor {n}") for n in range(5)]
    for post in posts:
        _db.session.add(Flag(post_id=post.id, reporter_id=forum.outsider.id, reason="spam"))
    _db.session.commit()
    moderator = client_for(app, forum.moderator)

    first = moderator.get("/forum/moderation").get_data(as_text=True)  # also warms the session up
    statements = []
    listener = lambda *args: statements.append(args[2])  # noqa: E731
    event.listen(_db.engine, "before_cursor_execute", listener)
    try:
        moderator.get("/forum/moderation")
        two_per_page = len(statements)
        app.config["PAGE_SIZE"] = 4
        statements.clear()
        moderator.get("/forum/moderation")
        assert len(statements) == two_per_page
    finally:
        event.remove(_db.engine, "before_cursor_execute", listener)
    app.config["PAGE_SIZE"] = 2
    assert "Jawaban nomor 0" in first and "Jawaban nomor 2" not in first
    assert 'rel="next"' in first
    third = moderator.get("/forum/moderation?page=3").get_data(as_text=True)
    assert "Jawaban nomor 4" in third and "Jawaban nomor 0" not in third
