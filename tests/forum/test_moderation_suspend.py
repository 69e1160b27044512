"""Only platform moderators and admins suspend members; a suspension stops posting until it ends."""

from datetime import UTC, timedelta

import pytest

from marketplace.extensions import db as _db
from marketplace.forum.limits import posting_problem
from marketplace.timeutil import utcnow
from tests.conftest import make_user
from tests.forum.conftest import client_for, log_entries, notifications_of, token


def suspend(browser, user, days="7", reason="Spam berulang"):
    return browser.post(f"/forum/moderation/users/{user.id}/suspend",
                        data={"csrf_token": token(browser), "days": days, "reason": reason})


def until(user):
    _db.session.refresh(user)
    moment = user.suspended_until
    return moment.replace(tzinfo=UTC) if moment is not None and moment.tzinfo is None else moment


@pytest.mark.parametrize("who", ["moderator", "admin"])
def test_staff_suspend_a_member_for_a_week_and_the_member_is_told_why(app, forum, who):
    browser = client_for(app, getattr(forum, who))
    page = browser.get(f"/forum/moderation/users/{forum.anggota_a.id}")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Ani Anggota" in html and 'name="days"' in html and "365 days" in html

    response = suspend(browser, forum.anggota_a, "7", "Iklan di banyak topik")
    assert response.status_code == 302
    remaining = until(forum.anggota_a) - utcnow()
    assert timedelta(days=6, hours=23) < remaining <= timedelta(days=7)
    [notice] = notifications_of(forum.anggota_a, "forum.suspended")
    assert notice.subject == "Iklan di banyak topik"
    [entry] = log_entries("suspend")
    assert (entry.moderator_id, entry.target_user_id) == (getattr(forum, who).id, forum.anggota_a.id)
    assert (entry.reason, entry.details, entry.board_id) == ("Iklan di banyak topik", "7", None)
    page = browser.get(f"/forum/moderation/users/{forum.anggota_a.id}")
    assert "Suspended until" in page.get_data(as_text=True)


@pytest.mark.parametrize("who", ["upt_a", "pengurus_a", "anggota_a"])
def test_sentra_moderators_and_members_cannot_suspend_anyone(app, forum, who):
    browser = client_for(app, getattr(forum, who))
    assert browser.get(f"/forum/moderation/users/{forum.author.id}").status_code == 403
    assert suspend(browser, forum.author).status_code == 403
    assert until(forum.author) is None
    assert log_entries() == []


def test_suspension_needs_a_reason_and_a_period_from_the_list(app, forum):
    moderator = client_for(app, forum.moderator)
    response = suspend(moderator, forum.author, "7", "")
    assert response.status_code == 422 and "Give a reason" in response.get_data(as_text=True)
    response = suspend(moderator, forum.author, "2", "Spam")
    assert response.status_code == 422
    assert until(forum.author) is None


def test_nobody_suspends_admins_themselves_or_only_an_admin_suspends_a_moderator(app, forum):
    moderator = client_for(app, forum.moderator)
    other_moderator = make_user("mod2@test.id", is_moderator=True)
    for target in (forum.admin, forum.moderator, other_moderator):
        assert suspend(moderator, target).status_code == 422
        assert until(target) is None
    admin = client_for(app, forum.admin)
    assert suspend(admin, other_moderator).status_code == 302
    assert until(other_moderator) is not None


def test_a_suspended_member_may_not_post_until_it_ends(app, forum):
    moderator = client_for(app, forum.moderator)
    suspend(moderator, forum.author, "1", "Kasar")
    with app.test_request_context(headers={"Accept-Language": "en"}):
        problem = posting_problem(forum.author, forum.subject, "Halo semua")
    assert problem and "suspended" in str(problem)

    forum.author.suspended_until = utcnow() - timedelta(minutes=1)  # the day has passed
    _db.session.commit()
    with app.test_request_context():
        assert posting_problem(forum.author, forum.subject, "Halo semua") is None


def test_staff_lift_a_suspension_early(app, forum):
    moderator = client_for(app, forum.moderator)
    suspend(moderator, forum.author, "30", "Kasar")
    html = moderator.get(f"/forum/moderation/users/{forum.author.id}").get_data(as_text=True)
    assert "Lift the suspension" in html
    response = moderator.post(f"/forum/moderation/users/{forum.author.id}/unsuspend",
                              data={"csrf_token": token(moderator), "reason": "Sudah minta maaf"})
    assert response.status_code == 302
    assert until(forum.author) is None
    assert [(e.action, e.reason) for e in log_entries()] == [
        ("suspend", "Kasar"), ("unsuspend", "Sudah minta maaf"),
    ]
    assert len(notifications_of(forum.author, "forum.unsuspended")) == 1
    upt = client_for(app, forum.upt_a)
    assert upt.post(f"/forum/moderation/users/{forum.author.id}/unsuspend",
                    data={"csrf_token": token(upt)}).status_code == 403


def test_member_page_shows_their_record_and_history(app, forum):
    upt = client_for(app, forum.upt_a)
    upt.post(f"/forum/moderation/p/{forum.reply_a.id}/hide",
             data={"csrf_token": token(upt), "reason": "Iklan"})
    moderator = client_for(app, forum.moderator)
    html = moderator.get(f"/forum/moderation/users/{forum.anggota_a.id}").get_data(as_text=True)
    assert "Hid a post" in html and "Iklan" in html and "Staf UPT Tapis" in html
    assert moderator.get("/forum/moderation/users/999999").status_code == 404
