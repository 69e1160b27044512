"""Forum moderation pages: flagging a post, the queue, moderators' actions, the log, suspensions.

Registered on the forum blueprint `bp` (imported at the end of views.py), so endpoint names stay
`forum.<function>`. Actions that take a required reason (hide, delete, move, edit, suspend) have
a page with their form (GET) that posts to itself; the others are button-only POST forms.
"""

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from wtforms.fields.choices import SelectChoice

from marketplace.accounts.models import User
from marketplace.extensions import db
from marketplace.forum import flags, moderation, suspensions
from marketplace.forum.models import FLAG_REASON_LABELS
from marketplace.forum.moderation import ModerationError
from marketplace.forum.moderation_forms import (
    ConfirmForm,
    FlagForm,
    LogFilterForm,
    ModeratorEditForm,
    MoveForm,
    ReasonForm,
    SuspendForm,
)
from marketplace.forum.permissions import can_moderate, can_read, is_staff, is_suspended
from marketplace.forum.views import bp
from marketplace.i18n import gettext as _
from marketplace.markdown import plain_text, render_markdown
from marketplace.pagination import page_number
from marketplace.security import is_safe_next


@bp.context_processor
def _moderation_helpers():
    """Helpers for the moderation templates and partials (only on forum pages)."""
    return {
        "mod_markdown": render_markdown,
        "mod_snippet": plain_text,
        "mod_flag_reasons": FLAG_REASON_LABELS,
        "mod_is_staff": lambda: is_staff(current_user),
        "mod_topic_url": moderation.topic_url,
        "mod_post_url": moderation.post_url,
    }


def _back(default):
    """Where to go after an action: the page it was sent from (local paths only) or `default`."""
    target = request.form.get("next") or request.args.get("next")
    return redirect(target if is_safe_next(target) else default)


def _refused(action):
    current_app.logger.warning(
        "forum moderation: user %s refused %s on %s", current_user.get_id(), action, request.path
    )


def _page_size():
    return current_app.config["PAGE_SIZE"]


def _attempt(action, field, success):
    """Run `action`: commit and flash `success`, or roll back and show the refusal beside `field`.

    True when it was done, so the view redirects; False, so it shows its form again.
    """
    try:
        action()
    except ModerationError as refused:
        db.session.rollback()
        field.errors = list(field.errors) + [str(refused)]
        return False
    db.session.commit()
    flash(success, "success")
    return True


def _require_queue_access():
    if not moderation.moderates_any_board(current_user):
        _refused("the moderation pages")
        abort(403)


def _require_staff():
    if not is_staff(current_user):
        _refused("staff pages")
        abort(403)


# ---- flags ---------------------------------------------------------------------------------


@bp.route("/forum/p/<int:post_id>/flag", methods=["GET", "POST"])
@login_required
def flag_post(post_id):
    """A member reports a post to the board's moderators."""
    post = moderation.readable_post(current_user, post_id)
    if not flags.can_flag(current_user, post):
        _refused("flagging")
        abort(403)
    form = FlagForm()
    if form.validate_on_submit() and _attempt(
        lambda: flags.flag_post(current_user, post, form.reason.data, form.note.data), form.reason,
        _("Thank you. The moderators will look at this post."),
    ):
        return redirect(moderation.post_url(post))
    return render_template(
        "forum/moderation/flag.html", form=form, post=post, topic=post.topic,
        already_flagged=flags.open_flag_of(current_user, post) is not None,
    ), (422 if form.errors else 200)


# ---- the queue -----------------------------------------------------------------------------


@bp.get("/forum/moderation")
@login_required
def moderation_queue():
    """Flagged posts of the boards the user moderates, oldest report first."""
    _require_queue_access()
    pagination, items = flags.flag_queue(current_user, page_number(), _page_size())
    return render_template(
        "forum/moderation/queue.html", pagination=pagination, items=items,
        reason_labels=FLAG_REASON_LABELS, is_staff=is_staff(current_user),
    )


@bp.post("/forum/moderation/p/<int:post_id>/dismiss")
@login_required
def mod_dismiss_flags(post_id):
    """Nothing wrong with the post: its open flags close as dismissed."""
    post = moderation.moderated_post(current_user, post_id)
    return _button_action(lambda reason: flags.dismiss_flags(current_user, post, reason),
                          _("The flags were dismissed."), url_for("forum.moderation_queue"))


def _button_action(action, success, default):
    """Run a button-only action (CSRF checked), flash its outcome and go back."""
    form = ConfirmForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        action(form.reason.data or "")
    except ModerationError as problem:
        db.session.rollback()
        flash(str(problem), "warning")
    else:
        db.session.commit()
        flash(success, "success")
    return _back(default)


def _reason_page(action, subject, title, submit, success, default, **context):
    """A page with a required reason for `action` (GET shows it, POST acts)."""
    form = ReasonForm()
    problem = None
    if form.validate_on_submit():
        try:
            action(form.reason.data)
        except ModerationError as refused:
            db.session.rollback()
            problem = str(refused)
        else:
            db.session.commit()
            flash(success, "success")
            return _back(default)
    status = 422 if (form.errors or problem) else 200
    return render_template(
        "forum/moderation/confirm.html", form=form, problem=problem, subject=subject,
        title=title, submit=submit, next=request.values.get("next", ""), **context,
    ), status


# ---- posts ---------------------------------------------------------------------------------


@bp.route("/forum/moderation/p/<int:post_id>/hide", methods=["GET", "POST"])
@login_required
def mod_hide_post(post_id):
    """Hide a post from readers, with a reason for the log and the author."""
    post = moderation.moderated_post(current_user, post_id)
    return _reason_page(
        lambda reason: moderation.hide_post(current_user, post, reason), "post",
        _("Hide a post"), _("Hide the post"), _("The post is hidden."), moderation.post_url(post),
        post=post, topic=post.topic,
    )


@bp.route("/forum/moderation/p/<int:post_id>/delete", methods=["GET", "POST"])
@login_required
def mod_delete_post(post_id):
    """Delete a post (soft: it stays in the database for the log)."""
    post = moderation.moderated_post(current_user, post_id)
    return _reason_page(
        lambda reason: moderation.delete_post(current_user, post, reason), "post",
        _("Delete a post"), _("Delete the post"), _("The post is deleted."),
        moderation.topic_url(post.topic), post=post, topic=post.topic,
    )


@bp.post("/forum/moderation/p/<int:post_id>/restore")
@login_required
def mod_restore_post(post_id):
    """Show a hidden post again."""
    post = moderation.moderated_post(current_user, post_id)
    return _button_action(lambda reason: moderation.restore_post(current_user, post, reason),
                          _("The post is visible again."), moderation.post_url(post))


@bp.route("/forum/moderation/p/<int:post_id>/edit", methods=["GET", "POST"])
@login_required
def mod_edit_post(post_id):
    """A moderator corrects a post; its earlier text stays in the history."""
    post = moderation.moderated_post(current_user, post_id)
    form = ModeratorEditForm(data={"body": post.body, "title": post.topic.title})
    problem = None
    if form.validate_on_submit():
        try:
            moderation.edit_post(current_user, post, form.body.data, form.reason.data, title=form.title.data)
        except ModerationError as refused:
            db.session.rollback()
            problem = str(refused)
        else:
            db.session.commit()
            flash(_("The post is saved."), "success")
            return _back(moderation.post_url(post))
    return render_template(
        "forum/moderation/edit.html", form=form, post=post, topic=post.topic, problem=problem,
        next=request.values.get("next", ""),
    ), (422 if (form.errors or problem) else 200)


# ---- topics --------------------------------------------------------------------------------


@bp.route("/forum/moderation/t/<int:topic_id>/hide", methods=["GET", "POST"])
@login_required
def mod_hide_topic(topic_id):
    """Take a topic out of lists; readers get 404 for it."""
    topic = moderation.moderated_topic(current_user, topic_id)
    return _reason_page(
        lambda reason: moderation.hide_topic(current_user, topic, reason), "topic",
        _("Hide a topic"), _("Hide the topic"), _("The topic is hidden."), moderation.topic_url(topic),
        topic=topic,
    )


@bp.route("/forum/moderation/t/<int:topic_id>/delete", methods=["GET", "POST"])
@login_required
def mod_delete_topic(topic_id):
    """Delete a topic with its posts (soft)."""
    topic = moderation.moderated_topic(current_user, topic_id)
    return _reason_page(
        lambda reason: moderation.delete_topic(current_user, topic, reason), "topic",
        _("Delete a topic"), _("Delete the topic"), _("The topic is deleted."),
        url_for("forum.moderation_log"), topic=topic,
    )


@bp.post("/forum/moderation/t/<int:topic_id>/restore")
@login_required
def mod_restore_topic(topic_id):
    topic = moderation.moderated_topic(current_user, topic_id)
    return _button_action(lambda reason: moderation.restore_topic(current_user, topic, reason),
                          _("The topic is visible again."), moderation.topic_url(topic))


def _topic_switch(topic_id, action, success):
    topic = moderation.moderated_topic(current_user, topic_id)
    return _button_action(lambda reason: action(current_user, topic, reason), success,
                          moderation.topic_url(topic))


@bp.post("/forum/moderation/t/<int:topic_id>/lock")
@login_required
def mod_lock_topic(topic_id):
    return _topic_switch(topic_id, moderation.lock_topic, _("The topic is locked: no more replies."))


@bp.post("/forum/moderation/t/<int:topic_id>/unlock")
@login_required
def mod_unlock_topic(topic_id):
    return _topic_switch(topic_id, moderation.unlock_topic, _("The topic is open for replies again."))


@bp.post("/forum/moderation/t/<int:topic_id>/pin")
@login_required
def mod_pin_topic(topic_id):
    return _topic_switch(topic_id, moderation.pin_topic, _("The topic is pinned to the top of its board."))


@bp.post("/forum/moderation/t/<int:topic_id>/unpin")
@login_required
def mod_unpin_topic(topic_id):
    return _topic_switch(topic_id, moderation.unpin_topic, _("The topic is no longer pinned."))


@bp.route("/forum/moderation/t/<int:topic_id>/move", methods=["GET", "POST"])
@login_required
def mod_move_topic(topic_id):
    """Move a topic to another board the moderator moderates."""
    topic = moderation.moderated_topic(current_user, topic_id)
    form = MoveForm()
    form.set_boards(moderation.move_choices(current_user, topic), _("Choose a board"))
    if form.validate_on_submit():
        target = moderation.board_by_slug(form.chosen_slug)
        if target is None or not can_read(current_user, target):
            form.board.errors = list(form.board.errors) + [_("Choose a board from the list.")]
        elif not can_moderate(current_user, target):
            _refused("moving to a board they do not moderate")
            abort(403)
        elif _attempt(lambda: moderation.move_topic(current_user, topic, target, form.reason.data),
                      form.board, _("The topic was moved to %(board)s.", board=target.title)):
            return redirect(moderation.topic_url(topic))
    return render_template("forum/moderation/move.html", form=form, topic=topic,
                           is_staff=is_staff(current_user)), (422 if form.errors else 200)


# ---- the log -------------------------------------------------------------------------------


@bp.get("/forum/moderation/log")
@login_required
def moderation_log():
    """Who did what and why: all of it for staff, their boards' for sentra moderators."""
    _require_queue_access()
    board = None
    slug = request.args.get("board", "").strip()
    if slug:
        board = moderation.board_by_slug(slug)
        if board is None or not can_read(current_user, board):
            abort(404)
        if not can_moderate(current_user, board):
            _refused("the log of a board they do not moderate")
            abort(403)
    pagination, context = moderation.moderation_log(current_user, page_number(), _page_size(), board=board)
    filter_form = LogFilterForm(request.args)
    boards = moderation.log_boards(current_user)
    filter_form.board.choices = [SelectChoice("", _("All my boards"))] + [
        SelectChoice(b.slug, str(b.title)) for b in boards
    ]
    return render_template(
        "forum/moderation/log.html", pagination=pagination, context=context, board=board,
        filter_form=filter_form, action_labels=moderation.ACTION_LABELS, is_staff=is_staff(current_user),
    )


# ---- members and suspensions (platform staff) ----------------------------------------------


def _user_page(user, suspend_form=None, status=200):
    pagination, context = suspensions.actions_on_user(user, page_number(), _page_size())
    lift_form = ConfirmForm(formdata=None)
    # Two forms on the page have a `reason`: give this one its own id (the name stays `reason`).
    lift_form.reason.id = lift_form.reason.label.field_id = "lift-reason"
    return render_template(
        "forum/moderation/user.html", member=user, record=suspensions.user_record(user),
        pagination=pagination, context=context, action_labels=moderation.ACTION_LABELS,
        suspend_form=suspend_form or SuspendForm(formdata=None), lift_form=lift_form,
        suspended=is_suspended(user), can_suspend=suspensions.can_suspend(current_user, user),
    ), status


def _member(user_id):
    user = db.session.get(User, user_id)
    if user is None:
        abort(404)
    return user


@bp.get("/forum/moderation/users/<int:user_id>")
@login_required
def moderation_user(user_id):
    """A member seen by platform staff: activity, hidden posts, flags, past actions, suspension."""
    _require_staff()
    return _user_page(_member(user_id))


@bp.post("/forum/moderation/users/<int:user_id>/suspend")
@login_required
def mod_suspend_user(user_id):
    """Stop a member posting for a number of days (platform staff only)."""
    _require_staff()
    user = _member(user_id)
    form = SuspendForm()
    if form.validate_on_submit() and _attempt(
        lambda: suspensions.suspend_user(current_user, user, form.days.data, form.reason.data), form.days,
        _("%(name)s is suspended from posting.", name=user.display_name),
    ):
        return redirect(url_for("forum.moderation_user", user_id=user.id))
    return _user_page(user, suspend_form=form, status=422)


@bp.post("/forum/moderation/users/<int:user_id>/unsuspend")
@login_required
def mod_lift_suspension(user_id):
    """End a member's suspension early (platform staff only)."""
    _require_staff()
    user = _member(user_id)
    return _button_action(lambda reason: suspensions.lift_suspension(current_user, user, reason),
                          _("The suspension is lifted."), url_for("forum.moderation_user", user_id=user.id))
