"""Who may moderate where: platform staff everywhere, a sentra's pengurus/pengelola/UPT on its own
board only, members never; every action is logged with who, what and why."""

import pytest
from sqlalchemy import select

from marketplace.extensions import db as _db
from marketplace.forum.models import Board, PostRevision, Topic, TopicWatch
from tests.forum.conftest import client_for, first_post, log_entries, notifications_of, token


def act(browser, url, **data):
    return browser.post(url, data={"csrf_token": token(browser), **data})


def fresh(thing):
    _db.session.refresh(thing)
    return thing


@pytest.mark.parametrize("who", ["upt_a", "pengurus_a", "moderator", "admin"])
def test_board_moderators_and_staff_hide_a_post_on_the_sentra_board(app, forum, who):
    browser = client_for(app, getattr(forum, who))
    page = browser.get(f"/forum/moderation/p/{forum.reply_a.id}/hide")
    assert page.status_code == 200 and 'name="reason"' in page.get_data(as_text=True)
    response = act(browser, f"/forum/moderation/p/{forum.reply_a.id}/hide", reason="Iklan")
    assert response.status_code == 302
    assert fresh(forum.reply_a).hidden_at is not None
    [entry] = log_entries("hide")
    assert entry.moderator_id == getattr(forum, who).id and entry.board_id == forum.board_a.id


@pytest.mark.parametrize("who", ["anggota_a", "upt_b", "outsider", "author"])
def test_members_and_other_sentras_moderators_get_403_on_a_public_sentra_board(app, forum, who):
    browser = client_for(app, getattr(forum, who))
    assert browser.get(f"/forum/moderation/p/{forum.reply_a.id}/hide").status_code == 403
    assert act(browser, f"/forum/moderation/p/{forum.reply_a.id}/hide", reason="x").status_code == 403
    assert act(browser, f"/forum/moderation/t/{forum.topic_a.id}/lock").status_code == 403
    assert fresh(forum.reply_a).hidden_at is None and not fresh(forum.topic_a).is_locked
    assert log_entries() == []


def test_sentra_upt_cannot_moderate_subject_boards_but_platform_moderators_can(app, forum):
    upt = client_for(app, forum.upt_a)
    assert act(upt, f"/forum/moderation/p/{forum.reply_s.id}/hide", reason="x").status_code == 403
    assert act(upt, f"/forum/moderation/t/{forum.topic_s.id}/pin").status_code == 403
    moderator = client_for(app, forum.moderator)
    assert act(moderator, f"/forum/moderation/t/{forum.topic_s.id}/pin").status_code == 302
    assert fresh(forum.topic_s).is_pinned


def test_moderation_needs_a_login(client, forum):
    for url in (f"/forum/moderation/p/{forum.reply_a.id}/hide",
                f"/forum/moderation/t/{forum.topic_a.id}/move",
                "/forum/moderation/log", f"/forum/moderation/users/{forum.author.id}"):
        response = client.get(url)
        assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_actions_need_the_csrf_token_and_never_happen_on_get(app, forum):
    upt = client_for(app, forum.upt_a)
    assert upt.post(f"/forum/moderation/t/{forum.topic_a.id}/lock").status_code == 400
    assert upt.get(f"/forum/moderation/t/{forum.topic_a.id}/lock").status_code == 405
    response = upt.post(f"/forum/moderation/p/{forum.reply_a.id}/hide", data={"reason": "x"})
    assert response.status_code in (400, 422)
    upt.get(f"/forum/moderation/p/{forum.reply_a.id}/delete")
    assert not fresh(forum.topic_a).is_locked
    assert fresh(forum.reply_a).hidden_at is None and forum.reply_a.deleted_at is None


def test_hiding_and_deleting_need_a_reason_and_keep_what_was_typed(app, forum):
    upt = client_for(app, forum.upt_a)
    for action in ("hide", "delete"):
        response = act(upt, f"/forum/moderation/p/{forum.reply_a.id}/{action}", reason="   ")
        assert response.status_code == 422
        assert "Give a reason" in response.get_data(as_text=True)
    response = act(upt, f"/forum/moderation/t/{forum.topic_a.id}/move", board="", reason="")
    assert response.status_code == 422
    assert fresh(forum.reply_a).is_visible and log_entries() == []


def test_hide_and_restore_a_post_keep_counters_right_and_log_both(app, forum):
    upt = client_for(app, forum.upt_a)
    before = fresh(forum.topic_a).post_count, fresh(forum.board_a).post_count
    act(upt, f"/forum/moderation/p/{forum.reply_a.id}/hide", reason="Iklan toko")
    after = fresh(forum.topic_a).post_count, fresh(forum.board_a).post_count
    assert after == (before[0] - 1, before[1] - 1)

    response = act(upt, f"/forum/moderation/p/{forum.reply_a.id}/restore", next="/forum/moderation")
    assert response.status_code == 302 and response.headers["Location"] == "/forum/moderation"
    assert fresh(forum.reply_a).hidden_at is None and forum.reply_a.hidden_by_id is None
    assert (fresh(forum.topic_a).post_count, fresh(forum.board_a).post_count) == before
    assert [(e.action, e.reason) for e in log_entries()] == [("hide", "Iklan toko"), ("restore", "")]


def test_restoring_a_visible_post_is_refused_with_a_message(app, forum):
    upt = client_for(app, forum.upt_a)
    response = act(upt, f"/forum/moderation/p/{forum.reply_a.id}/restore")
    assert response.status_code == 302
    assert "This post is not hidden." in upt.get("/forum/moderation").get_data(as_text=True)
    assert log_entries() == []


def test_redirects_after_actions_stay_on_the_site(app, forum):
    upt = client_for(app, forum.upt_a)
    response = act(upt, f"/forum/moderation/t/{forum.topic_a.id}/lock", next="//evil.example/x")
    assert response.status_code == 302
    assert "evil.example" not in response.headers["Location"]
    assert response.headers["Location"].endswith(f"/forum/t/{forum.topic_a.id}") or \
        f"/forum/t/{forum.topic_a.id}" in response.headers["Location"]


def test_hiding_the_opening_post_hides_its_topic_and_restoring_brings_it_back(app, forum):
    upt = client_for(app, forum.upt_a)
    opening = first_post(forum.topic_a)
    act(upt, f"/forum/moderation/p/{opening.id}/hide", reason="Judul menipu")
    assert fresh(forum.topic_a).hidden_at is not None
    assert fresh(forum.board_a).topic_count == 0
    act(upt, f"/forum/moderation/p/{opening.id}/restore")
    assert fresh(forum.topic_a).hidden_at is None and fresh(opening).hidden_at is None
    assert fresh(forum.board_a).topic_count == 1


def test_lock_unlock_pin_unpin_are_logged(app, forum):
    pengurus = client_for(app, forum.pengurus_a)
    for action in ("lock", "pin", "unlock", "unpin"):
        assert act(pengurus, f"/forum/moderation/t/{forum.topic_a.id}/{action}",
                   reason=f"karena {action}").status_code == 302
        topic = fresh(forum.topic_a)
        if action == "lock":
            assert topic.is_locked
        if action == "pin":
            assert topic.is_pinned and topic.is_locked
    topic = fresh(forum.topic_a)
    assert not topic.is_locked and not topic.is_pinned
    entries = log_entries()
    assert [e.action for e in entries] == ["lock", "pin", "unlock", "unpin"]
    assert all(e.moderator_id == forum.pengurus_a.id and e.topic_id == forum.topic_a.id for e in entries)
    assert entries[0].reason == "karena lock"
    # Locking is the one of these the author is told about.
    [notice] = notifications_of(forum.author)
    assert notice.kind == "forum.moderated.locked" and "karena lock" in notice.subject


def test_hide_and_restore_a_topic_tells_the_author(app, forum):
    upt = client_for(app, forum.upt_a)
    assert upt.get(f"/forum/moderation/t/{forum.topic_a.id}/hide").status_code == 200
    act(upt, f"/forum/moderation/t/{forum.topic_a.id}/hide", reason="Topik ganda")
    assert fresh(forum.topic_a).hidden_at is not None and fresh(forum.board_a).topic_count == 0
    [notice] = notifications_of(forum.author, "forum.moderated.topic_hidden")
    assert "Topik ganda" in notice.subject
    act(upt, f"/forum/moderation/t/{forum.topic_a.id}/restore")
    assert fresh(forum.topic_a).hidden_at is None and fresh(forum.board_a).topic_count == 1
    assert [e.action for e in log_entries()] == ["hide_topic", "restore_topic"]


def test_a_topic_its_author_deleted_stays_deleted(app, forum):
    from tests.forum.conftest import make_topic

    lonely = make_topic(forum.subject, forum.author, title="Topik yang dihapus penulisnya")
    author = client_for(app, forum.author)
    assert act(author, f"/forum/p/{first_post(lonely).id}/delete").status_code == 302
    assert fresh(lonely).deleted_at is not None
    moderator = client_for(app, forum.moderator)
    response = act(moderator, f"/forum/moderation/t/{lonely.id}/restore")
    assert response.status_code == 302
    assert fresh(lonely).deleted_at is not None and first_post(lonely).deleted_at is not None
    assert "stays deleted" in moderator.get(response.headers["Location"]).get_data(as_text=True)
    assert log_entries() == []


def test_deleting_a_post_is_soft_and_tells_the_author_why(app, forum):
    upt = client_for(app, forum.upt_a)
    response = act(upt, f"/forum/moderation/p/{forum.reply_a.id}/delete", reason="Penipuan")
    assert response.status_code == 302
    post = fresh(forum.reply_a)
    assert post.deleted_at is not None and post.deleted_by_id == forum.upt_a.id
    assert post.body == "Beli pewarna murah di toko saya!"  # kept in the database
    assert fresh(forum.topic_a).post_count == 1
    [notice] = notifications_of(forum.anggota_a, "forum.moderated.deleted")
    assert "Penipuan" in notice.subject
    [entry] = log_entries("delete")
    assert (entry.post_id, entry.target_user_id, entry.reason) == (post.id, forum.anggota_a.id, "Penipuan")


def test_deleting_a_topic_is_soft_and_takes_it_out_of_the_board(app, forum):
    moderator = client_for(app, forum.moderator)
    act(moderator, f"/forum/moderation/t/{forum.topic_s.id}/delete", reason="Spam")
    topic = _db.session.get(Topic, forum.topic_s.id)
    _db.session.refresh(topic)
    assert topic.deleted_at is not None
    assert fresh(forum.subject).topic_count == 0 and forum.subject.post_count == 0
    assert len(notifications_of(forum.author, "forum.moderated.topic_deleted")) == 1


def test_moderator_edit_keeps_the_earlier_text_as_a_revision(app, forum):
    upt = client_for(app, forum.upt_a)
    page = upt.get(f"/forum/moderation/p/{forum.reply_a.id}/edit")
    assert page.status_code == 200 and "Beli pewarna murah" in page.get_data(as_text=True)
    response = act(upt, f"/forum/moderation/p/{forum.reply_a.id}/edit",
                   body="Pakai pewarna alami dari daun indigo.", reason="Tautan iklan dihapus")
    assert response.status_code == 302
    assert fresh(forum.reply_a).body == "Pakai pewarna alami dari daun indigo."
    [revision] = _db.session.scalars(select(PostRevision).where(PostRevision.post_id == forum.reply_a.id))
    assert revision.body == "Beli pewarna murah di toko saya!" and revision.edited_by_id == forum.upt_a.id
    [entry] = log_entries("edit")
    assert entry.reason == "Tautan iklan dihapus" and entry.post_id == forum.reply_a.id
    assert len(notifications_of(forum.anggota_a, "forum.moderated.edited")) == 1


def test_readers_of_the_history_do_not_get_back_what_a_moderator_edited_out(app, client, forum):
    author = client_for(app, forum.anggota_a)
    url = f"/forum/p/{forum.reply_a.id}/edit"
    assert act(author, url, body="Beli pewarna murah di toko saya! WA 0812-3456-7890").status_code == 302
    upt = client_for(app, forum.upt_a)
    act(upt, f"/forum/moderation/p/{forum.reply_a.id}/edit", body="Pakai pewarna alami.",
        reason="Nomor pribadi dihapus")
    assert act(author, url, body="Pakai pewarna alami dari daun indigo.").status_code == 302
    history = f"/forum/p/{forum.reply_a.id}/history"
    for reader in (client, client_for(app, forum.outsider), author):
        page = reader.get(history).get_data(as_text=True)
        assert "0812-3456-7890" not in page and "Beli pewarna murah" not in page
        assert "Pakai pewarna alami." in page  # the author's edit after the moderator's stays visible
        assert "shown to moderators only" in page
    page = upt.get(history).get_data(as_text=True)
    assert "0812-3456-7890" in page and "Nomor pribadi dihapus" in page


def test_moderators_correct_a_topic_title(app, forum):
    upt = client_for(app, forum.upt_a)
    opening = first_post(forum.topic_a)
    url = f"/forum/moderation/p/{opening.id}/edit"
    assert 'name="title"' in upt.get(url).get_data(as_text=True)
    reply_page = upt.get(f"/forum/moderation/p/{forum.reply_a.id}/edit").get_data(as_text=True)
    assert 'name="title"' not in reply_page
    response = act(upt, url, title="Pewarna alami untuk benang tapis Lampung", body=opening.body,
                   reason="Judul diperjelas")
    assert response.status_code == 302
    assert fresh(forum.topic_a).title == "Pewarna alami untuk benang tapis Lampung"
    [revision] = _db.session.scalars(select(PostRevision).where(PostRevision.post_id == opening.id))
    assert revision.title == "Pewarna alami untuk benang tapis" and revision.edited_by_id == forum.upt_a.id
    [entry] = log_entries("edit")
    assert entry.reason == "Judul diperjelas"
    unchanged = act(upt, url, title="Pewarna alami untuk benang tapis Lampung", body=opening.body)
    assert unchanged.status_code == 422


def test_moderator_edit_with_an_empty_text_is_refused(app, forum):
    upt = client_for(app, forum.upt_a)
    response = act(upt, f"/forum/moderation/p/{forum.reply_a.id}/edit", body="", reason="")
    assert response.status_code == 422
    assert fresh(forum.reply_a).body == "Beli pewarna murah di toko saya!"


def test_staff_move_a_topic_and_counters_follow(app, forum):
    admin = client_for(app, forum.admin)
    page = admin.get(f"/forum/moderation/t/{forum.topic_s.id}/move")
    assert page.status_code == 200 and f'value="{forum.board_a.slug}"' in page.get_data(as_text=True)
    response = act(admin, f"/forum/moderation/t/{forum.topic_s.id}/move", board=forum.board_a.slug,
                   reason="Khusus tapis")
    assert response.status_code == 302
    assert fresh(forum.topic_s).board_id == forum.board_a.id
    assert fresh(forum.subject).topic_count == 0 and fresh(forum.board_a).topic_count == 2
    [entry] = log_entries("move")
    assert entry.board_id == forum.board_a.id and entry.reason == "Khusus tapis"
    assert "Pewarnaan" in entry.details and forum.board_a.name in entry.details


def test_sentra_moderator_moves_only_between_boards_they_moderate(app, forum):
    upt = client_for(app, forum.upt_a)
    page = upt.get(f"/forum/moderation/t/{forum.topic_a.id}/move").get_data(as_text=True)
    assert 'value="pewarnaan"' not in page and forum.board_b.slug not in page
    assert act(upt, f"/forum/moderation/t/{forum.topic_a.id}/move", board="pewarnaan",
               reason="x").status_code == 403
    # A members-only board of another sentra does not exist for them.
    response = act(upt, f"/forum/moderation/t/{forum.topic_a.id}/move", board=forum.board_b.slug, reason="x")
    assert response.status_code == 422
    assert fresh(forum.topic_a).board_id == forum.board_a.id and log_entries() == []


def test_moving_into_a_members_only_board_stops_outsiders_watching(app, forum):
    for user in (forum.outsider, forum.member_b, forum.author):
        _db.session.add(TopicWatch(user_id=user.id, topic_id=forum.topic_s.id))
    _db.session.add(TopicWatch(user_id=forum.outsider.id, topic_id=forum.topic_a.id))
    _db.session.commit()
    admin = client_for(app, forum.admin)
    act(admin, f"/forum/moderation/t/{forum.topic_s.id}/move", board=forum.board_b.slug,
        reason="Rahasia dapur")
    watchers = set(_db.session.scalars(
        select(TopicWatch.user_id).where(TopicWatch.topic_id == forum.topic_s.id)
    ))
    assert watchers == {forum.member_b.id}
    assert _db.session.scalar(select(TopicWatch.user_id).where(TopicWatch.topic_id == forum.topic_a.id))
    # Its author, outside that sentra, is told, with a link to the board it left (not a 404).
    [notice] = notifications_of(forum.author, "forum.moderated.moved")
    assert "Rahasia dapur" in notice.subject and notice.url == "/forum/pewarnaan"


def test_the_author_of_a_moved_topic_is_told_where_it_went(app, forum):
    admin = client_for(app, forum.admin)
    act(admin, f"/forum/moderation/t/{forum.topic_s.id}/move", board=forum.board_a.slug,
        reason="Khusus tapis")
    [notice] = notifications_of(forum.author, "forum.moderated.moved")
    assert notice.url.startswith(f"/forum/t/{forum.topic_s.id}") and "Khusus tapis" in notice.subject
    page = client_for(app, forum.author).get("/notifications").get_data(as_text=True)
    assert "Admin Situs moved your topic" in page


def test_log_shows_who_did_what_and_why_to_those_allowed(app, forum):
    upt = client_for(app, forum.upt_a)
    act(upt, f"/forum/moderation/p/{forum.reply_a.id}/hide", reason="Iklan toko pewarna")
    moderator = client_for(app, forum.moderator)
    act(moderator, f"/forum/moderation/t/{forum.topic_s.id}/lock", reason="Sudah terjawab")
    upt_b = client_for(app, forum.upt_b)
    act(upt_b, f"/forum/moderation/t/{forum.topic_b.id}/pin", reason="Panduan tungku")

    html = moderator.get("/forum/moderation/log").get_data(as_text=True)
    for text in ("Iklan toko pewarna", "Sudah terjawab", "Panduan tungku", "Staf UPT Tapis", "Hid a post",
                 "Locked a topic"):
        assert text in html

    html = upt.get("/forum/moderation/log").get_data(as_text=True)
    assert "Iklan toko pewarna" in html and "Staf UPT Tapis" in html
    assert "Sudah terjawab" not in html and "Panduan tungku" not in html

    html = moderator.get(f"/forum/moderation/log?board={forum.board_a.slug}").get_data(as_text=True)
    assert "Iklan toko pewarna" in html and "Sudah terjawab" not in html
    assert upt.get("/forum/moderation/log?board=pewarnaan").status_code == 403
    assert upt.get(f"/forum/moderation/log?board={forum.board_b.slug}").status_code == 404
    assert client_for(app, forum.anggota_a).get("/forum/moderation/log").status_code == 403


def test_log_is_paginated(app, forum):
    app.config["PAGE_SIZE"] = 3
    moderator = client_for(app, forum.moderator)
    for n in range(4):
        act(moderator, f"/forum/moderation/t/{forum.topic_s.id}/{'lock' if n % 2 == 0 else 'unlock'}",
            reason=f"alasan-{n}")
    first = moderator.get("/forum/moderation/log").get_data(as_text=True)
    assert "alasan-3" in first and "alasan-0" not in first and 'rel="next"' in first
    assert "alasan-0" in moderator.get("/forum/moderation/log?page=2").get_data(as_text=True)


def test_moderator_sees_a_board_that_does_not_exist_as_404(app, forum):
    moderator = client_for(app, forum.moderator)
    assert moderator.get("/forum/moderation/log?board=tidak-ada").status_code == 404
    assert moderator.get("/forum/moderation/p/999999/hide").status_code == 404
    assert moderator.get("/forum/moderation/t/999999/move").status_code == 404
    assert _db.session.scalar(select(Board).where(Board.slug == "tidak-ada")) is None


@pytest.mark.parametrize("who, allowed", [("moderator", True), ("admin", True), ("upt_b", True),
                                          ("member_b", False)])
def test_on_a_members_only_board_its_own_moderators_and_staff_act(app, forum, who, allowed):
    browser = client_for(app, getattr(forum, who))
    response = act(browser, f"/forum/moderation/p/{forum.reply_b.id}/hide", reason="Salah informasi")
    assert response.status_code == (302 if allowed else 403)
    assert (fresh(forum.reply_b).hidden_at is not None) == allowed
