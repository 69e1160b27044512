"""Members-only boards never leak: their topics stay out of lists, feeds, notifications and the
moderation pages of non-members and other sentra's moderators, and direct addresses give 404."""

import pytest

from marketplace.extensions import db as _db
from marketplace.forum.models import Flag
from tests.forum.conftest import client_for, make_post, notifications_of, token

SECRET = "Suhu pembakaran gerabah rahasia"


def test_outsiders_do_not_see_members_only_topics_in_lists(app, client, forum):
    for browser in (client, client_for(app, forum.outsider), client_for(app, forum.upt_a)):
        for url in ("/forum", "/"):
            response = browser.get(url)
            assert response.status_code == 200
            assert SECRET not in response.get_data(as_text=True), url
    html = client_for(app, forum.member_b).get("/forum").get_data(as_text=True)
    assert SECRET in html


@pytest.mark.parametrize("who", [None, "outsider", "upt_a", "pengurus_a"])
def test_direct_addresses_of_a_members_only_board_are_404(app, client, forum, who):
    browser = client_for(app, getattr(forum, who)) if who else client
    topic, post = forum.topic_b, forum.reply_b
    for url in (f"/forum/{forum.board_b.slug}", f"/forum/t/{topic.id}", f"/forum/t/{topic.id}/p/2"):
        assert browser.get(url).status_code == 404, url
    if who:
        for url in (f"/forum/p/{post.id}/flag", f"/forum/moderation/p/{post.id}/hide",
                    f"/forum/moderation/p/{post.id}/edit", f"/forum/moderation/t/{topic.id}/move",
                    f"/forum/moderation/t/{topic.id}/delete"):
            assert browser.get(url).status_code == 404, url
        for url in (f"/forum/p/{post.id}/flag", f"/forum/moderation/t/{topic.id}/lock",
                    f"/forum/moderation/p/{post.id}/restore", f"/forum/moderation/p/{post.id}/dismiss"):
            assert browser.post(url, data={"csrf_token": token(browser), "reason": "spam"}).status_code == 404
    assert _db.session.query(Flag).count() == 0


def test_members_read_and_flag_in_their_own_members_only_board(app, forum):
    member = client_for(app, forum.member_b)
    assert member.get(f"/forum/t/{forum.topic_b.id}").status_code == 200
    assert member.get(f"/forum/p/{forum.reply_b.id}/flag").status_code == 200


def test_flags_on_a_members_only_board_reach_only_its_moderators_and_staff(app, forum):
    member = client_for(app, forum.member_b)
    response = member.post(f"/forum/p/{forum.reply_b.id}/flag",
                           data={"csrf_token": token(member), "reason": "wrong"})
    assert response.status_code == 302
    assert len(notifications_of(forum.upt_b, "forum.flagged")) == 1
    assert len(notifications_of(forum.moderator, "forum.flagged")) == 1
    for other in (forum.upt_a, forum.pengurus_a, forum.outsider):
        assert notifications_of(other) == []

    assert SECRET not in client_for(app, forum.upt_a).get("/forum/moderation").get_data(as_text=True)
    assert "Coba naikkan pelan-pelan" in client_for(app, forum.upt_b).get("/forum/moderation").get_data(
        as_text=True)


def test_moderation_log_of_a_members_only_board_stays_with_its_moderators(app, forum):
    upt_b = client_for(app, forum.upt_b)
    upt_b.post(f"/forum/moderation/t/{forum.topic_b.id}/lock",
               data={"csrf_token": token(upt_b), "reason": "Cukup"})
    assert SECRET in upt_b.get("/forum/moderation/log").get_data(as_text=True)
    upt_a = client_for(app, forum.upt_a)
    assert SECRET not in upt_a.get("/forum/moderation/log").get_data(as_text=True)
    assert upt_a.get(f"/forum/moderation/log?board={forum.board_b.slug}").status_code == 404


def test_mentions_in_a_members_only_board_do_not_reach_outsiders(app, forum):
    member = client_for(app, forum.member_b)
    response = member.post(f"/forum/t/{forum.topic_b.id}/reply",
                           data={"csrf_token": token(member),
                                 "body": "Tanya @Orang_Luar dan @Staf_UPT_Gerabah"})
    assert response.status_code in (302, 303)
    assert notifications_of(forum.outsider) == []
    assert len(notifications_of(forum.upt_b, "forum.mention")) == 1


def test_hidden_topics_are_out_of_lists_and_404_for_readers_but_not_for_moderators(app, client, forum):
    upt = client_for(app, forum.upt_a)
    upt.post(f"/forum/moderation/t/{forum.topic_a.id}/hide",
             data={"csrf_token": token(upt), "reason": "Ganda"})
    title = forum.topic_a.title
    for browser in (client, client_for(app, forum.outsider)):
        assert browser.get(f"/forum/t/{forum.topic_a.id}").status_code == 404
        assert title not in browser.get("/forum").get_data(as_text=True)
        assert title not in browser.get(f"/forum/{forum.board_a.slug}").get_data(as_text=True)
    page = upt.get(f"/forum/t/{forum.topic_a.id}")
    assert page.status_code == 200
    assert "Show the topic again" in page.get_data(as_text=True)


def test_hidden_posts_show_a_stub_to_readers_and_the_text_to_moderators(app, client, forum):
    hidden = make_post(forum.topic_a, forum.anggota_a, body="Jual tawas murah, hubungi saya")
    upt = client_for(app, forum.upt_a)
    upt.post(f"/forum/moderation/p/{hidden.id}/hide", data={"csrf_token": token(upt), "reason": "Iklan"})
    assert "Jual tawas murah" not in client.get(f"/forum/t/{forum.topic_a.id}").get_data(as_text=True)
    page = upt.get(f"/forum/t/{forum.topic_a.id}").get_data(as_text=True)
    assert "Jual tawas murah" in page and "Show again" in page
