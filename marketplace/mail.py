"""Outgoing mail: SMTP in production, files under DATA_DIR/mail (and the log) in development."""

import smtplib

from flask import current_app, has_request_context, url_for
from flask_mailman import EmailMessage


def external_url(endpoint, **values):
    """An absolute link for a mail: on PUBLIC_URL when set, never on a Host header sent to us.

    Without PUBLIC_URL (development), the link uses the address the request came in on.
    """
    base = (current_app.config.get("PUBLIC_URL") or "").rstrip("/")
    if not base:
        return url_for(endpoint, _external=True, **values)
    if has_request_context():
        return base + url_for(endpoint, **values)
    # From a command: no request to build on, so build one on the public address.
    with current_app.test_request_context("/", base_url=base):
        return url_for(endpoint, _external=True, **values)


def _file_backend():
    """True when mail goes to files instead of an SMTP server."""
    return current_app.config.get("MAIL_BACKEND") == "file"


def send_mail(to, subject, body_text):
    """Send a plain-text message to one address (or a list); False when it could not be sent."""
    recipients = [to] if isinstance(to, str) else list(to)
    message = EmailMessage(
        subject=str(subject),
        body=str(body_text),
        from_email=current_app.config.get("MAIL_DEFAULT_SENDER"),
        to=recipients,
    )
    if _file_backend():
        # Flask-Mailman's file backend writes one .log file per connection into MAIL_FILE_PATH
        # (created when missing); the log line lets a developer follow links from the terminal.
        current_app.logger.info(
            "Mail (file backend, %s) to %s: %s\n%s",
            current_app.config.get("MAIL_FILE_PATH"), ", ".join(recipients), subject, body_text,
        )
    try:
        message.send()
    except (smtplib.SMTPException, OSError):
        current_app.logger.exception("Could not send mail %r to %s", str(subject), ", ".join(recipients))
        return False
    return True
