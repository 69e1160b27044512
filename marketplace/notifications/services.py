"""Creating, counting, reading and mailing notifications.

Feature areas register the kinds they send (`register_kind`) with a translatable sentence;
`notify` adds a notification to the current unit of work (the caller commits). Users who chose
immediate mail get it right after the commit that created the notification; users who chose the
daily digest get one mail a day from `flask notifications digest`.
"""

from contextlib import nullcontext

from flask import current_app, g, has_request_context
from flask_babel import force_locale
from sqlalchemy import event, func, select, update
from sqlalchemy.orm import Session

from marketplace.extensions import db
from marketplace.i18n import gettext as _
from marketplace.i18n import lazy_gettext as _l
from marketplace.mail import external_url, send_mail
from marketplace.notifications.models import EMAIL_DAILY, EMAIL_IMMEDIATE, Notification
from marketplace.timeutil import utcnow

# kind -> lazy sentence with %(actor)s and %(subject)s placeholders.
KINDS = {}
_PENDING_KEY = "pending_notification_mail"


def register_kind(kind, sentence):
    """Declare a kind of notification and the sentence that describes it."""
    KINDS[kind] = sentence


def describe(notification):
    """The notification as a sentence in the current language."""
    sentence = KINDS.get(notification.kind, _l("%(actor)s: %(subject)s"))
    actor = notification.actor.display_name if notification.actor else _("Sentra Nusantara")
    return str(sentence) % {"actor": actor, "subject": notification.subject}


def notify(user, kind, url, subject="", actor=None, email=True):
    """Tell `user` that `kind` happened; nothing for the actor themself. Returns the notification.

    email=False: the caller mails the user itself (e.g. the message of an inquiry), so the notice
    is marked as mailed and neither the immediate mail nor the daily digest repeats it.
    """
    if user is None or (actor is not None and actor.id == user.id):
        return None
    notification = Notification(
        user_id=user.id, user=user, kind=kind, url=url, subject=(subject or "")[:200],
        actor_id=actor.id if actor else None, actor=actor,
    )
    db.session.add(notification)
    if email:
        db.session.info.setdefault(_PENDING_KEY, []).append(notification)
    else:
        notification.emailed_at = utcnow()
    return notification


def unread_count(user):
    """How many notifications `user` has not read (once per request)."""
    cache = g.setdefault("_notification_counts", {}) if has_request_context() else {}
    if user.id not in cache:
        cache[user.id] = db.session.scalar(
            select(func.count()).select_from(Notification)
            .where(Notification.user_id == user.id, Notification.read_at.is_(None))
        )
    return cache[user.id]


def notifications_page(user, page, per_page):
    """One page of `user`'s notifications, newest first."""
    query = (
        select(Notification).where(Notification.user_id == user.id)
        .order_by(Notification.created_at.desc(), Notification.id.desc())
    )
    return db.paginate(query, page=page, per_page=per_page, error_out=False)


def get_own(user, notification_id):
    """The notification with this id if it belongs to `user`, else None."""
    notification = db.session.get(Notification, notification_id)
    return notification if notification and notification.user_id == user.id else None


def mark_read(notification):
    if notification.read_at is None:
        notification.read_at = utcnow()


def mark_all_read(user):
    db.session.execute(
        update(Notification)
        .where(Notification.user_id == user.id, Notification.read_at.is_(None))
        .values(read_at=utcnow())
    )


def mark_read_for_url(user, url):
    """Mark as read the notices that point at `url` (the page the user is opening)."""
    db.session.execute(
        update(Notification)
        .where(Notification.user_id == user.id, Notification.url == url, Notification.read_at.is_(None))
        .values(read_at=utcnow())
    )


def mark_read_for_prefix(user, prefix):
    """Mark as read the notices whose link starts with `prefix` (e.g. every post of one topic)."""
    escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    db.session.execute(
        update(Notification)
        .where(Notification.user_id == user.id, Notification.read_at.is_(None),
               Notification.url.like(escaped + "%", escape="\\"))
        .values(read_at=utcnow())
        .execution_options(synchronize_session=False)
    )


def _link_context():
    """Somewhere to build absolute links: the request, or (from a command without PUBLIC_URL, i.e.
    in development) a stand-in request on localhost. With PUBLIC_URL, mail.external_url needs none."""
    if has_request_context() or current_app.config.get("PUBLIC_URL"):
        return nullcontext()
    return current_app.test_request_context("/")


def _mail_text(user, notifications):
    """Subject and body of a mail about `notifications`, in the user's language."""
    with _link_context(), force_locale(user.locale or "id"):
        lines = []
        for notification in notifications:
            lines.append(f"- {describe(notification)}")
            lines.append(f"  {external_url('notifications.open_from_mail', notification_id=notification.id)}")
        if len(notifications) == 1:
            subject = describe(notifications[0])
        else:
            subject = _("%(count)d new notifications on Sentra Nusantara", count=len(notifications))
        body = "\n".join([
            _("Hello %(name)s,", name=user.display_name), "", *lines, "",
            _("You can choose how often we email you on your account page: %(url)s",
              url=external_url("accounts.account")),
        ])
    # One line: a topic title or a name with a line break must not break the mail header.
    return " ".join(subject.split())[:200], body


@event.listens_for(Session, "before_commit")
def _prepare_immediate_mail(session):
    """Before the commit: render the mails for users who want them immediately."""
    pending = session.info.pop(_PENDING_KEY, None)
    if not pending:
        return
    outgoing = []
    now = utcnow()
    for notification in pending:
        user = notification.user
        if user is None or not user.email_confirmed or getattr(user, "notify_email", None) != EMAIL_IMMEDIATE:
            continue
        session.flush()  # the notification needs its id for the link
        outgoing.append((user.email, *_mail_text(user, [notification])))
        notification.emailed_at = now
    if outgoing:
        session.info["outgoing_notification_mail"] = outgoing


@event.listens_for(Session, "after_commit")
def _send_immediate_mail(session):
    for to, subject, body in session.info.pop("outgoing_notification_mail", []):
        send_mail(to, subject, body)


@event.listens_for(Session, "after_rollback")
def _forget_pending(session):
    session.info.pop(_PENDING_KEY, None)
    session.info.pop("outgoing_notification_mail", None)


def send_daily_digests(echo=None):
    """One mail per daily-digest user with their unread notifications not mailed yet."""
    from marketplace.accounts.models import User

    user_ids = db.session.scalars(
        select(Notification.user_id).join(User, User.id == Notification.user_id)
        .where(User.notify_email == EMAIL_DAILY, User.email_confirmed_at.is_not(None), User.active.is_(True),
               Notification.read_at.is_(None), Notification.emailed_at.is_(None))
        .distinct()
    ).all()
    sent = 0
    for user_id in user_ids:
        user = db.session.get(User, user_id)
        notifications = db.session.scalars(
            select(Notification)
            .where(Notification.user_id == user_id, Notification.read_at.is_(None),
                   Notification.emailed_at.is_(None))
            .order_by(Notification.created_at).limit(50)
        ).all()
        subject, body = _mail_text(user, notifications)
        now = utcnow()
        for notification in notifications:
            notification.emailed_at = now
        db.session.commit()
        if send_mail(user.email, subject, body):
            sent += 1
        if echo:
            echo(f"{user.email}: {len(notifications)}")
    return sent
