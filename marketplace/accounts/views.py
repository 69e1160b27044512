"""Account pages: register and confirm, log in and out, settings, password change and reset."""

from flask import Blueprint, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import force_locale, get_locale
from flask_login import current_user, login_required
from sqlalchemy.exc import IntegrityError

from marketplace.accounts import forms, services
from marketplace.accounts.models import KIND_BUYER
from marketplace.extensions import db, limiter
from marketplace.i18n import gettext as _
from marketplace.i18n import lazy_gettext as _l
from marketplace.security import is_safe_next

bp = Blueprint("accounts", __name__)

DEMO_ACCOUNTS = [
    ("admin@example.com", _l("platform administrator")),
    ("pengelola@example.com", _l("manager (pengelola) of the tapis sentra")),
    ("perajin@example.com", _l("tapis weaver, business owner")),
    ("kurator@example.com", _l("OVOP curator")),
    ("ekspor@example.com", _l("export buyer")),
    ("industri@example.com", _l("supply-chain buyer (industry)")),
]
DEMO_PASSWORD = "sentra-demo"  # noqa: S105 - shown on the login page in demo mode only


def _config_limit(name, fallback=None):
    """A rate limit read from the app config when the request arrives."""
    return lambda: current_app.config.get(name) or current_app.config[fallback]


def _login_account_key():
    """Rate-limit key for one account: the normalised email typed into the login form."""
    return "account:" + services.normalise_email(request.form.get("email", ""))


def _login_failed(response):
    """Count a login attempt against the account only when it did not succeed."""
    return response.status_code != 302


def _lang_for_session():
    """Keep the interface language the visitor was using."""
    return str(get_locale() or current_app.config["BABEL_DEFAULT_LOCALE"])


@bp.route("/register", methods=["GET", "POST"])
@limiter.limit(_config_limit("RATELIMIT_REGISTER"), methods=["POST"])
def register():
    """Create an unconfirmed account and mail a link to confirm it.

    The answer never says whether the address has an account already: a new address gets a
    confirmation link, a taken one a note to its owner, and the visitor sees the same page.
    """
    if current_user.is_authenticated:
        return redirect(url_for("accounts.account"))
    form = forms.RegisterForm()
    if form.validate_on_submit():
        user = services.register_user(
            kind=form.kind.data, display_name=form.display_name.data, email=form.email.data,
            password=form.password.data, locale=_lang_for_session(),
            company_name=form.company_name.data, country=form.country.data,
            buyer_type=form.buyer_type.data,
        )
        if user is not None:
            try:
                db.session.commit()
            except IntegrityError:  # the same email registered a moment ago in another request
                db.session.rollback()
                user = None
        if user is None:
            services.send_already_registered(form.email.data)
        else:
            current_app.logger.info("New %s account %s, waiting for confirmation", user.kind, user.id)
            services.send_confirmation(user)
        # Rendered, not redirected: the address is shown back without putting it in a URL or cookie.
        return render_template("accounts/check_email.html", email=services.normalise_email(form.email.data))
    return render_template("accounts/register.html", form=form)


def _welcome(user):
    """Where a person goes once their account is ready: business owners describe their business."""
    if user.kind == KIND_BUYER:
        flash(_("Welcome to Sentra Nusantara, %(name)s!", name=user.display_name), "success")
        return redirect(url_for("main.index"))
    flash(_("Welcome, %(name)s! Now tell buyers about your business.", name=user.display_name),
          "success")
    return redirect(url_for("businesses.create"))


@bp.route("/confirm/<token>", methods=["GET", "POST"])
def confirm_email(token):
    """Confirm an address with the mailed link: the page asks for one press, which logs the person in."""
    user = services.user_for_confirm_token(token)
    if user is None:
        return render_template("accounts/confirm_invalid.html", days=services.confirm_days())
    if user.email_confirmed:
        flash(_("Your email address is already confirmed."), "info")
        if current_user.is_authenticated:
            return redirect(url_for("main.index"))
        return redirect(url_for("accounts.login"))
    form = forms.ConfirmEmailForm()
    if form.validate_on_submit():
        services.confirm_email(user)
        db.session.commit()
        current_app.logger.info("Email confirmed for user %s", user.id)
        services.start_session(user)
        return _welcome(user)
    return render_template("accounts/confirm_email.html", form=form, token=token, user=user)


@bp.route("/confirm/resend", methods=["GET", "POST"])
@limiter.limit(_config_limit("RATELIMIT_CONFIRM", "RATELIMIT_REGISTER"), methods=["POST"])
def resend_confirmation():
    """Ask for a new confirmation link; the answer is the same whether the account exists or not."""
    form = forms.ResendConfirmationForm()
    if form.validate_on_submit():
        services.resend_confirmation(form.email.data)
        flash(_("If an account for that address is waiting for confirmation, we have sent a new "
                "link to it. Please check your email."), "info")
        return redirect(url_for("accounts.resend_confirmation"))
    return render_template(
        "accounts/email_request.html", form=form, heading=_("Get a new confirmation link"),
        intro=_("Type the email address you registered with and we will send a new link to confirm it."),
    )


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(_config_limit("RATELIMIT_LOGIN"), methods=["POST"])
@limiter.limit(_config_limit("RATELIMIT_LOGIN_ACCOUNT"), key_func=_login_account_key, methods=["POST"],
               deduct_when=_login_failed)
def login():
    """Log in with email and password on a fresh session."""
    form = forms.LoginForm()
    if request.method == "GET":
        form.next.data = request.args.get("next", "")
    if form.validate_on_submit():
        user = services.authenticate(form.email.data, form.password.data)
        if user is None:
            current_app.logger.warning(
                "Failed login for email %s from %s",
                services.email_fingerprint(form.email.data), request.remote_addr,
            )
            form.password.errors = [_("Email or password is incorrect.")]
        elif not user.email_confirmed:
            # Only with the right password: telling people about their own account reveals nothing.
            db.session.commit()  # authenticate may have upgraded the password hash
            current_app.logger.info("Login of unconfirmed user %s refused, new link sent", user.id)
            services.send_confirmation(user)
            flash(_("Confirm your email address first — we have sent you a new link."), "warning")
        else:
            db.session.commit()  # authenticate may have upgraded the password hash
            services.start_session(user, remember=form.remember.data)
            flash(_("Welcome back, %(name)s.", name=user.display_name), "success")
            target = form.next.data or request.args.get("next", "")
            return redirect(target if is_safe_next(target) else url_for("main.index"))
    if not is_safe_next(form.next.data):
        form.next.data = ""
    return render_template(
        "accounts/login.html", form=form,
        demo_accounts=DEMO_ACCOUNTS if current_app.config.get("DEMO_MODE") else None,
        demo_password=DEMO_PASSWORD,
    )


@bp.route("/logout", methods=["POST"])
def logout():
    """End this session and every copy of it (other cookies, remember-me)."""
    if current_user.is_authenticated:
        services.end_sessions(current_user)
        db.session.commit()
    services.close_session()
    flash(_("You are logged out. Sampai jumpa!"), "info")
    return redirect(url_for("main.index"))


@bp.route("/account", methods=["GET", "POST"])
@login_required
def account():
    """The user's settings, businesses and sentra memberships."""
    user = current_user._get_current_object()
    form = forms.SettingsForm(obj=user, user=user)
    if form.validate_on_submit():
        services.update_settings(
            user, display_name=form.display_name.data, locale=form.locale.data,
            company_name=form.company_name.data, country=form.country.data,
            buyer_type=form.buyer_type.data, notify_email=form.notify_email.data,
        )
        db.session.commit()
        session["lang"] = user.locale
        with force_locale(user.locale):
            flash(_("Your settings are saved."), "success")
        return redirect(url_for("accounts.account"))
    return render_template(
        "accounts/account.html", form=form, user=user,
        businesses=services.owned_businesses(user), memberships=services.memberships_of(user),
    )


@bp.route("/account/password", methods=["GET", "POST"])
@login_required
def change_password():
    """Change the password; other sessions end, this browser stays logged in."""
    user = current_user._get_current_object()
    form = forms.PasswordChangeForm(user=user)
    if form.validate_on_submit():
        had_remember = bool(request.cookies.get(current_app.config.get("REMEMBER_COOKIE_NAME",
                                                                      "remember_token")))
        services.set_password(user, form.password.data)
        db.session.commit()
        services.start_session(user, remember=had_remember)
        flash(_("Your password is changed. Other devices have been logged out."), "success")
        return redirect(url_for("accounts.account"))
    if form.errors:
        current_app.logger.warning("Failed password change for user %s", user.id)
    return render_template("accounts/password.html", form=form)


@bp.route("/reset-password", methods=["GET", "POST"])
@limiter.limit(_config_limit("RATELIMIT_RESET", "RATELIMIT_REGISTER"), methods=["POST"])
@limiter.limit(_config_limit("RATELIMIT_RESET_ACCOUNT", "RATELIMIT_LOGIN_ACCOUNT"),
               key_func=_login_account_key, methods=["POST"])
def reset_request():
    """Ask for a reset link; the answer is the same whether the account exists or not."""
    form = forms.ResetRequestForm()
    if form.validate_on_submit():
        services.send_password_reset(form.email.data)
        flash(_("If an account exists for that address, we have sent a link to choose a new "
                "password. Please check your email."), "info")
        return redirect(url_for("accounts.reset_request"))
    return render_template(
        "accounts/email_request.html", form=form, heading=_("Forgot your password?"),
        intro=_("Don't worry. Type the email address of your account and we will send you a link "
                "to choose a new password."),
    )


@bp.route("/reset-password/<token>", methods=["GET", "POST"])
def reset_password(token):
    """Choose a new password with a link from the reset email (works once)."""
    user = services.user_for_reset_token(token)
    if user is None:
        return render_template("accounts/reset_invalid.html")
    form = forms.ResetPasswordForm(user=user)
    if form.validate_on_submit():
        services.set_password(user, form.password.data)
        db.session.commit()
        current_app.logger.info("Password reset for user %s", user.id)
        flash(_("Your new password is saved. Please log in with it."), "success")
        return redirect(url_for("accounts.login"))
    return render_template("accounts/reset_password.html", form=form, token=token)
