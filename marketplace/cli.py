"""The flask command groups: seed, users."""

import click
from flask import current_app
from flask.cli import AppGroup

seed_cli = AppGroup("seed", help="Load demo or reference data.")
users_cli = AppGroup("users", help="Manage user accounts.")


@seed_cli.command("demo")
@click.option("--force", is_flag=True, help="Load the demo even with APP_ENV=production.")
def seed_demo(force):
    """Load the demo sentra, businesses and accounts (safe to run again)."""
    from marketplace.seed.demo import load_demo

    if current_app.config.get("APP_ENV") == "production" and not force:
        raise click.ClickException(
            "This site runs with APP_ENV=production: the demo would add demo accounts with a "
            "published password. Use --force if you really want that."
        )

    load_demo(echo=click.echo)


@users_cli.command("create-admin")
@click.option("--email", prompt=True)
@click.option("--name", default="Admin")
@click.password_option()
def create_admin(email, name, password):
    """Create a platform administrator, or make an existing user one."""
    from marketplace.accounts import services
    from marketplace.accounts.models import User
    from marketplace.accounts.passwords import password_problem
    from marketplace.extensions import db
    from marketplace.timeutil import utcnow

    problem = password_problem(password, [email, name])
    if problem:
        raise click.ClickException(str(problem))
    user = services.find_by_email(email)
    if user is None:
        user = User(email=services.normalise_email(email), display_name=name,
                    password_hash=services.hash_password(password))
        db.session.add(user)
    else:
        services.set_password(user, password)
    user.is_admin = True
    if user.email_confirmed_at is None:  # the operator vouches for the address
        user.email_confirmed_at = utcnow()
    db.session.commit()
    click.echo(f"{user.email} is an administrator.")


forum_cli = AppGroup("forum", help="Forum boards.")
notifications_cli = AppGroup("notifications", help="Notification mail.")


@forum_cli.command("boards")
def forum_boards():
    """Create the subject boards that are missing (safe to run again)."""
    from marketplace.extensions import db
    from marketplace.forum.boards import ensure_subject_boards

    created = ensure_subject_boards()
    db.session.commit()
    click.echo(f"{created} subject boards created.")


@notifications_cli.command("digest")
def notifications_digest():
    """Mail the daily digest of unread notifications to the users who chose it (run once a day)."""
    from marketplace.notifications.services import send_daily_digests

    sent = send_daily_digests(echo=click.echo)
    click.echo(f"{sent} digest mails sent.")


def register(app):
    """Attach the command groups to the app."""
    app.cli.add_command(seed_cli)
    app.cli.add_command(users_cli)
    app.cli.add_command(forum_cli)
    app.cli.add_command(notifications_cli)
    from marketplace.search.cli import search_cli

    app.cli.add_command(search_cli)
