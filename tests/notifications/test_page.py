"""The notifications page: the list, opening one, marking all read, the count in the header."""

from marketplace.extensions import db as _db
from marketplace.notifications.models import Notification
from tests.conftest import csrf_from
from tests.notifications.conftest import login, notice


def send(client, url):
    token = csrf_from(client.get("/notifications").get_data(as_text=True))
    return client.post(url, data={"csrf_token": token})


def test_visitors_are_sent_to_log_in(client, siti):
    response = client.get("/notifications")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_the_list_shows_newest_first_with_unread_marked(client, siti, budi):
    notice(siti, budi, subject="Topik pertama")
    notice(siti, budi, subject="Topik kedua")
    html = login(client, siti).get("/notifications").get_data(as_text=True)
    newest, oldest = "Budi Santoso replied in Topik kedua", "Budi Santoso replied in Topik pertama"
    assert html.index(newest) < html.index(oldest)
    assert html.count('class="notification unread"') == 2
    assert 'aria-label="2 unread notifications"' in html


def test_an_empty_list_says_what_will_come(client, siti):
    html = login(client, siti).get("/notifications").get_data(as_text=True)
    assert "No notifications yet." in html and "Mark all as read" not in html


def test_opening_a_notification_marks_it_read_and_goes_to_its_page(client, siti, budi):
    item = notice(siti, budi, url="/forum/t/5/p/3")
    login(client, siti)
    response = send(client, f"/notifications/{item.id}/open")
    assert response.status_code == 302 and response.headers["Location"] == "/forum/t/5/p/3"
    _db.session.expire_all()
    assert _db.session.get(Notification, item.id).read_at is not None
    assert "unread notification" not in client.get("/notifications").get_data(as_text=True)


def test_a_link_from_a_mail_opens_the_page_without_a_form(client, siti, budi):
    item = notice(siti, budi, url="/forum/t/5/p/3")
    response = login(client, siti).get(f"/notifications/{item.id}/open")
    assert response.status_code == 302 and response.headers["Location"] == "/forum/t/5/p/3"
    _db.session.expire_all()
    assert _db.session.get(Notification, item.id).read_at is None  # the page it opens marks it


def test_nobody_opens_another_users_notification(client, siti, budi):
    item = notice(siti, budi)
    login(client, budi)
    assert send(client, f"/notifications/{item.id}/open").status_code == 404
    assert client.get(f"/notifications/{item.id}/open").status_code == 404
    assert "Benang katun" not in client.get("/notifications").get_data(as_text=True)
    _db.session.expire_all()
    assert _db.session.get(Notification, item.id).read_at is None


def test_a_stored_link_to_another_site_is_never_followed(client, siti, budi):
    item = notice(siti, budi, url="//evil.example/phish")
    login(client, siti)
    assert send(client, f"/notifications/{item.id}/open").headers["Location"] == "/notifications"


def test_mark_all_read(client, siti, budi):
    for n in range(3):
        notice(siti, budi, subject=f"Topik {n}")
    other = notice(budi, siti)
    login(client, siti)
    assert send(client, "/notifications/read").status_code == 302
    html = client.get("/notifications").get_data(as_text=True)
    assert 'class="notification unread"' not in html
    _db.session.expire_all()
    assert _db.session.get(Notification, other.id).read_at is None


def test_the_header_counts_unread_notifications_on_every_page(client, siti, budi):
    notice(siti, budi)
    login(client, siti)
    for url in ("/", "/sentra", "/account"):
        assert 'aria-label="1 unread notification"' in client.get(url).get_data(as_text=True), url


def test_the_list_is_paginated(app, client, siti, budi):
    app.config["PAGE_SIZE"] = 4
    for n in range(10):
        notice(siti, budi, subject=f"Topik nomor {n:02d}")
    login(client, siti)
    first = client.get("/notifications").get_data(as_text=True)
    third = client.get("/notifications?page=3").get_data(as_text=True)
    assert first.count('<li id="n-') == 4 and third.count('<li id="n-') == 2
    assert "Topik nomor 09" in first and "Topik nomor 00" in third


def test_subjects_are_shown_as_typed_never_as_markup(client, siti, budi):
    notice(siti, budi, subject="<script>alert(1)</script> %(actor)s")
    html = login(client, siti).get("/notifications").get_data(as_text=True)
    assert "<script>alert(1)" not in html and "&lt;script&gt;" in html and "%(actor)s" in html


def test_no_notice_for_what_people_do_themselves(app, siti):
    assert notice(siti, siti) is None
    assert _db.session.query(Notification).count() == 0
