"""Notification mail: right after the commit for "immediate", once a day for "daily", never for "off"."""

from pathlib import Path

from sqlalchemy import select

from marketplace.extensions import db as _db
from marketplace.notifications import services
from marketplace.notifications.models import Notification
from marketplace.timeutil import utcnow
from tests.conftest import make_user
from tests.notifications.conftest import notice


def mails_to(app, email):
    folder = Path(app.config["MAIL_FILE_PATH"])
    if not folder.exists():
        return []
    texts = [p.read_text(encoding="utf-8") for p in sorted(folder.iterdir()) if p.is_file()]
    return [text for text in texts if f"To: {email}\n" in text]


def test_immediate_mail_is_sent_after_the_commit(app, budi):
    ani = make_user("ani@tapis.id", display_name="Ani", notify_email="immediate", locale="en")
    with app.test_request_context():
        item = notice(ani, budi, subject="Benang katun", commit=False)
        assert mails_to(app, "ani@tapis.id") == []
        _db.session.commit()
    [mail] = mails_to(app, "ani@tapis.id")
    assert "Subject: Budi Santoso replied in Benang katun" in mail
    assert f"http://localhost/notifications/{item.id}/open" in mail
    assert "http://localhost/account" in mail
    assert _db.session.get(Notification, item.id).emailed_at is not None


def test_nothing_is_mailed_when_the_work_is_rolled_back(app, budi):
    ani = make_user("ani@tapis.id", display_name="Ani", notify_email="immediate")
    with app.test_request_context():
        notice(ani, budi, commit=False)
        _db.session.rollback()
        _db.session.commit()
    assert mails_to(app, "ani@tapis.id") == []
    assert _db.session.query(Notification).count() == 0


def test_unconfirmed_and_off_accounts_get_no_mail(app, budi):
    unconfirmed = make_user("baru@tapis.id", notify_email="immediate", email_confirmed_at=None)
    off = make_user("off@tapis.id", notify_email="off")
    with app.test_request_context():
        notice(unconfirmed, budi)
        notice(off, budi)
    assert mails_to(app, "baru@tapis.id") == [] and mails_to(app, "off@tapis.id") == []


def test_immediate_mail_works_from_a_command_without_a_request(app, budi):
    ani = make_user("ani@tapis.id", display_name="Ani", notify_email="immediate", locale="en")
    notice(ani, budi)  # no request context: links are built on localhost (PUBLIC_URL in production)
    [mail] = mails_to(app, "ani@tapis.id")
    assert "http://localhost/notifications/" in mail


def test_the_daily_digest_sends_one_mail_per_person_once(app, runner, budi):
    ani = make_user("ani@tapis.id", display_name="Ani", notify_email="daily", locale="en")
    eka = make_user("eka@tapis.id", display_name="Eka", notify_email="daily", locale="en")
    now_user = make_user("now@tapis.id", display_name="Now", notify_email="immediate", locale="en")
    for subject in ("Topik satu", "Topik dua"):
        notice(ani, budi, subject=subject)
    read = notice(eka, budi, subject="Sudah dibaca")
    read.read_at = utcnow()
    _db.session.commit()
    notice(now_user, budi)
    assert mails_to(app, "ani@tapis.id") == []
    result = runner.invoke(args=["notifications", "digest"])
    assert result.exit_code == 0, result.output
    assert "ani@tapis.id: 2" in result.output and "1 digest mails sent." in result.output
    [mail] = mails_to(app, "ani@tapis.id")
    assert "Subject: 2 new notifications on Sentra Nusantara" in mail
    assert "Budi Santoso replied in Topik satu" in mail and "Budi Santoso replied in Topik dua" in mail
    assert mails_to(app, "eka@tapis.id") == []  # nothing unread
    assert len(mails_to(app, "now@tapis.id")) == 1  # had it right away, not again
    anis = _db.session.scalars(select(Notification).where(Notification.user_id == ani.id))
    assert all(n.emailed_at for n in anis)
    runner.invoke(args=["notifications", "digest"])
    assert len(mails_to(app, "ani@tapis.id")) == 1
    notice(ani, budi, subject="Topik tiga")
    runner.invoke(args=["notifications", "digest"])
    mails = mails_to(app, "ani@tapis.id")
    [latest] = [mail for mail in mails if "Topik tiga" in mail]
    assert len(mails) == 2 and "Topik satu" not in latest


def test_the_digest_skips_closed_accounts(app, runner, budi):
    gone = make_user("gone@tapis.id", notify_email="daily", active=False)
    notice(gone, budi)
    runner.invoke(args=["notifications", "digest"])
    assert mails_to(app, "gone@tapis.id") == []


def test_mark_read_for_prefix_marks_only_that_topic(app, siti, budi):
    one = notice(siti, budi, url="/forum/t/1/p/2")
    twelve = notice(siti, budi, url="/forum/t/12/p/2")
    services.mark_read_for_prefix(siti, "/forum/t/1/")
    _db.session.commit()
    _db.session.expire_all()
    assert _db.session.get(Notification, one.id).read_at is not None
    assert _db.session.get(Notification, twelve.id).read_at is None
