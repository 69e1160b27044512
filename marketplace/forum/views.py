"""The forum blueprint: boards, topics, posts, answers, guides, thanks and watching.

Views parse the request, call marketplace.forum.services and commit once. Pages that record
reading (the topic page) render first and commit after, so the page never reloads expired rows.
"""

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_login import current_user, login_required

from marketplace.extensions import db
from marketplace.forum import boards, guides, moderation, permissions, reading, services
from marketplace.forum.forms import BoardSettingsForm, EditPostForm, ReplyForm, TopicForm
from marketplace.forum.models import BOARD_SENTRA, TOPIC_KINDS
from marketplace.forum.text import mention_handle, render_post
from marketplace.i18n import gettext as _
from marketplace.markdown import plain_text
from marketplace.pagination import page_number

bp = Blueprint("forum", __name__)
SEEN_SESSION_KEY = "forum_seen"

bp.app_template_global("topic_url")(services.topic_url)
bp.app_template_global("post_url")(services.post_url)
bp.app_template_global("permalink")(services.permalink)
bp.app_template_filter("post_html")(render_post)
bp.app_template_filter("snippet")(plain_text)
bp.app_template_filter("mention_handle")(mention_handle)


def _page_size():
    return current_app.config["PAGE_SIZE"]


def _refuse(action, status=403):
    """Log a refused action (without secrets) and answer 403."""
    current_app.logger.warning(
        "forum: user %s refused %s (%s %s)",
        current_user.get_id() if current_user.is_authenticated else "anonymous", action,
        request.method, request.path,
    )
    abort(status)


def _done(message, target):
    """Commit what the view changed, say so and go to `target`."""
    db.session.commit()
    flash(message, "success")
    return redirect(target)


def _cannot_post(board):
    """The page that says why the member may not post here (403)."""
    current_app.logger.info("forum: user %s may not post in %s", current_user.get_id(), board.slug)
    return render_template("forum/cannot_post.html", board=board,
                           reason=services.posting_refusal(current_user, board)), 403


# ---- boards -----------------------------------------------------------------------------------


@bp.route("/forum")
def index():
    """Subject boards, the sentra boards the visitor may read, and the latest topics."""
    subject = boards.subject_boards()
    if boards.subject_boards_missing(subject):  # a fresh site
        boards.ensure_subject_boards()
        db.session.commit()
        subject = boards.subject_boards()
    sentra_boards = boards.sentra_boards_page(current_user, page_number(), _page_size())
    latest = boards.latest_topics(current_user, limit=10)
    return render_template(
        "forum/index.html", boards=subject, sentra_boards=sentra_boards, latest=latest,
        read_marks=reading.read_marks(current_user, latest),
        moderates=moderation.moderates_any_board(current_user),
    )


@bp.route("/forum/<slug>")
def board(slug):
    """A board's topics: pinned first, then latest activity; filters by kind, tag, unanswered."""
    board = boards.readable_board(current_user, slug)
    kind = request.args.get("kind", "")
    tag = request.args.get("tag", "").strip().lower()[:40]
    unanswered = request.args.get("unanswered") == "1"
    topics = boards.topics_page(board, page_number(), _page_size(), kind=kind, tag=tag,
                                  unanswered=unanswered)
    html = render_template(
        "forum/board.html", board=board, topics=topics, kind=kind, tag=tag, unanswered=unanswered,
        kinds=TOPIC_KINDS, read_marks=reading.read_marks(current_user, topics.items),
        helpers=boards.top_helpers(board), watching=reading.is_watching_board(current_user, board),
        can_post=permissions.can_post(current_user, board),
        can_manage=boards.can_manage_board(current_user, board),
    )
    # No commit: a sentra's board that nobody used yet is shown, and stored only by a write (a
    # topic, a follow, its settings), so visits and crawlers change nothing.
    return html


@bp.route("/forum/<slug>/settings", methods=["GET", "POST"])
@login_required
def board_settings(slug):
    """A sentra's pengurus/pengelola choose whether its board is public or members-only."""
    board = boards.readable_board(current_user, slug)
    if board.kind != BOARD_SENTRA:
        abort(404)
    if not boards.can_manage_board(current_user, board):
        _refuse("board settings")
    form = BoardSettingsForm(data={"visibility": board.visibility})
    if form.validate_on_submit():
        boards.set_board_visibility(current_user, board, form.visibility.data)
        return _done(_("The board settings are saved."), url_for("forum.board", slug=board.slug))
    status = 422 if request.method == "POST" else 200
    return render_template("forum/settings.html", board=board, form=form), status


@bp.post("/forum/<slug>/watch")
@login_required
def watch_board(slug):
    """Hear about every new topic in a board."""
    board = boards.readable_board(current_user, slug)
    reading.watch_board(current_user, board)
    return _done(_("You will be told about new topics in this board."),
                 url_for("forum.board", slug=board.slug))


@bp.post("/forum/<slug>/unwatch")
@login_required
def unwatch_board(slug):
    board = boards.readable_board(current_user, slug)
    reading.unwatch_board(current_user, board)
    return _done(_("You no longer follow this board."), url_for("forum.board", slug=board.slug))


@bp.route("/forum/<slug>/new", methods=["GET", "POST"])
@login_required
def new_topic(slug):
    """Start a question, guide or discussion in a board."""
    board = boards.readable_board(current_user, slug)
    if not permissions.can_post(current_user, board):
        return _cannot_post(board)
    form = TopicForm(data={"kind": request.args.get("kind")} if request.args.get("kind") else None)
    if form.validate_on_submit():
        images = form.store_pictures(current_user)
        if images is not None:
            try:
                topic = services.create_topic(
                    current_user, board, form.kind.data, form.title.data, form.body.data,
                    tags=form.tag_list(), images=images, image_alt=form.image_alt.data,
                )
            except services.ForumError as problem:
                db.session.rollback()
                form.body.errors = [*form.body.errors, str(problem)]
            else:
                db.session.commit()
                flash(_("Your topic is published."), "success")
                return redirect(services.topic_url(topic))
        else:
            db.session.rollback()
        # A sentra board nobody used yet went with the rollback: look it up (again) for the page.
        board = boards.readable_board(current_user, slug)
    status = 422 if request.method == "POST" else 200
    return render_template("forum/new_topic.html", board=board, form=form), status


# ---- topics -----------------------------------------------------------------------------------


def _topic_context(topic, posts, reply_form):
    """Everything the topic page shows besides the posts themselves."""
    board = topic.board
    user = current_user
    first_page = posts.page == 1
    can_reply = services.can_reply(user, topic)
    can_accept_here = services.can_accept(user, topic)  # once: it may need a query
    return dict(
        topic=topic, board=board, posts=posts, reply_form=reply_form,
        accepted=services.accepted_answer(topic) if first_page and topic.is_question else None,
        thanked=services.thanked_posts(user, posts.items),
        can_reply=can_reply,
        refusal=None if can_reply else services.posting_refusal(user, board),
        can_moderate=permissions.can_moderate(user, board),
        can_accept_here=can_accept_here,
        watching=reading.is_watching_topic(user, topic),
        feature_choices=guides.feature_choices(user, topic),
        can_unfeature=guides.can_unfeature(user, topic),
        can_edit=lambda post: services.can_edit_own_post(user, post),
        can_delete=lambda post: services.can_delete_post(user, post),
        can_thank=lambda post: services.can_thank(user, post),
        can_accept=lambda post: can_accept_here and services.is_acceptable(topic, post),
        can_see_text=lambda post: services.can_see_text(user, post),
    )


def _render_topic(topic, posts, reply_form, status=200, first_unread=None):
    return render_template("forum/topic.html", first_unread=first_unread,
                           **_topic_context(topic, posts, reply_form)), status


@bp.route("/forum/t/<int:topic_id>")
@bp.route("/forum/t/<int:topic_id>-<slug>")
def topic(topic_id, slug=None):
    """A topic's posts in order, a page at a time, with the reply form at the bottom."""
    topic = services.readable_topic(current_user, topic_id)
    posts = services.posts_page(topic, page_number())
    if not posts.items and posts.page > 1:
        return redirect(services.topic_url(topic, page=posts.pages if posts.pages > 1 else None))
    quote = services.quote_for_reply(topic, request.args.get("quote", type=int))
    reply_form = ReplyForm(formdata=None, data={"body": quote} if quote else None)
    first_unread = reading.record_reading(current_user, topic, [post.number for post in posts.items])
    html, status = _render_topic(topic, posts, reply_form, first_unread=first_unread)
    seen = reading.count_view(topic, session.get(SEEN_SESSION_KEY, []))
    if seen is not None:
        session[SEEN_SESSION_KEY] = seen
    db.session.commit()
    return html, status


@bp.route("/forum/t/<int:topic_id>/p/<int:number>")
def post_permalink(topic_id, number):
    """A post's lasting address: the page that shows it now, at its anchor."""
    topic = services.readable_topic(current_user, topic_id)
    if number < 1 or number > topic.last_post_number:
        abort(404)
    page = services.page_of_post(topic, number)
    return redirect(services.topic_url(topic, page=page if page > 1 else None, _anchor=f"post-{number}"))


@bp.post("/forum/t/<int:topic_id>/reply")
@login_required
def reply(topic_id):
    """Add a reply; on a problem the topic's last page shows again with the text as typed."""
    topic = services.readable_topic(current_user, topic_id)
    if not services.can_reply(current_user, topic):
        if topic.is_locked:
            _refuse("replying in a locked topic")
        return _cannot_post(topic.board)
    form = ReplyForm()
    if form.validate_on_submit():
        images = form.store_pictures(current_user)
        if images is not None:
            try:
                post = services.reply(current_user, topic, form.body.data, images=images,
                                      image_alt=form.image_alt.data)
            except services.ForumError as problem:
                db.session.rollback()
                form.body.errors = [*form.body.errors, str(problem)]
            else:
                db.session.commit()
                flash(_("Your reply is posted."), "success")
                return redirect(services.post_url(post))
        else:
            db.session.rollback()
    last_page = services.page_of_post(topic, topic.last_post_number)
    return _render_topic(topic, services.posts_page(topic, last_page), form, status=422)


@bp.post("/forum/t/<int:topic_id>/watch")
@login_required
def watch_topic(topic_id):
    """Hear about every reply in a topic."""
    topic = services.readable_topic(current_user, topic_id)
    reading.watch_topic(current_user, topic)
    return _done(_("You will be told about new replies."), services.topic_url(topic))


@bp.post("/forum/t/<int:topic_id>/unwatch")
@login_required
def unwatch_topic(topic_id):
    topic = services.readable_topic(current_user, topic_id)
    reading.unwatch_topic(current_user, topic)
    return _done(_("You no longer follow this topic."), services.topic_url(topic))


@bp.post("/forum/t/<int:topic_id>/unaccept")
@login_required
def unaccept_answer(topic_id):
    """The question has no accepted answer any more."""
    topic = services.readable_topic(current_user, topic_id)
    if not services.can_accept(current_user, topic):
        _refuse("un-accepting an answer")
    services.unaccept_answer(current_user, topic)
    return _done(_("The answer is no longer marked as accepted."), services.topic_url(topic))


@bp.post("/forum/t/<int:topic_id>/feature")
@login_required
def feature_guide(topic_id):
    """Show a guide on a sentra's branding page."""
    topic = services.readable_topic(current_user, topic_id)
    sentra_id = request.form.get("sentra", type=int)
    choices = {sentra.id: sentra for sentra in guides.feature_choices(current_user, topic)}
    if sentra_id not in choices:
        _refuse("featuring a guide")
    guides.feature_guide(current_user, topic, sentra_id)
    return _done(_("The guide is featured on the page of %(name)s.", name=choices[sentra_id].name),
                 services.topic_url(topic))


@bp.post("/forum/t/<int:topic_id>/unfeature")
@login_required
def unfeature_guide(topic_id):
    topic = services.readable_topic(current_user, topic_id)
    if not guides.can_unfeature(current_user, topic):
        _refuse("un-featuring a guide")
    guides.unfeature_guide(current_user, topic)
    return _done(_("The guide is no longer featured."), services.topic_url(topic))


# ---- posts ------------------------------------------------------------------------------------


@bp.route("/forum/p/<int:post_id>/edit", methods=["GET", "POST"])
@login_required
def edit_post(post_id):
    """The author changes their post; the earlier text stays in its history."""
    post = services.readable_post(current_user, post_id)
    if not services.can_edit_own_post(current_user, post):
        _refuse("editing a post")
    topic = post.topic
    opening = post.number == 1
    form = EditPostForm(
        data={"body": post.body, "title": topic.title, "tags": ", ".join(t.tag for t in topic.tags)},
        opening=opening,
    )
    if form.validate_on_submit():
        try:
            services.edit_post(
                current_user, post, form.body.data, reason=form.reason.data,
                title=form.title.data if opening else None, tags=form.tag_list() if opening else None,
            )
        except services.ForumError as problem:
            db.session.rollback()
            form.body.errors = [*form.body.errors, str(problem)]
        else:
            db.session.commit()
            flash(_("Your post is saved."), "success")
            return redirect(services.post_url(post))
    status = 422 if request.method == "POST" else 200
    return render_template("forum/edit_post.html", form=form, post=post, topic=topic,
                           board=topic.board), status


@bp.route("/forum/p/<int:post_id>/delete", methods=["GET", "POST"])
@login_required
def delete_post(post_id):
    """The author deletes their post (kept for moderators); asks first."""
    post = services.readable_post(current_user, post_id)
    if not services.can_delete_post(current_user, post):
        _refuse("deleting a post")
    topic = post.topic
    if request.method == "POST":
        try:
            whole_topic = services.delete_post(current_user, post)
        except services.ForumError as problem:
            db.session.rollback()
            flash(str(problem), "warning")
            return redirect(services.post_url(post))
        db.session.commit()
        if whole_topic:
            flash(_("Your topic is deleted."), "success")
            return redirect(url_for("forum.board", slug=topic.board.slug))
        flash(_("Your post is deleted."), "success")
        return redirect(services.post_url(post))
    return render_template("forum/delete_post.html", post=post, topic=topic, board=topic.board)


@bp.route("/forum/p/<int:post_id>/history")
def post_history(post_id):
    """Every earlier version of a post, for everyone who can read the topic."""
    post = services.readable_post(current_user, post_id)
    if not services.can_see_text(current_user, post):
        abort(404)
    moderator = permissions.can_moderate(current_user, post.topic.board)
    revisions = db.paginate(services.revisions_query(post, everything=moderator), page=page_number(),
                            per_page=_page_size(), error_out=False)
    return render_template("forum/history.html", post=post, topic=post.topic, board=post.topic.board,
                           revisions=revisions,
                           kept_back=not moderator and services.moderator_edited(post))


@bp.post("/forum/p/<int:post_id>/accept")
@login_required
def accept_answer(post_id):
    """Mark a reply as the accepted answer of its question."""
    post = services.readable_post(current_user, post_id)
    if not services.can_accept(current_user, post.topic, post):
        _refuse("accepting an answer")
    services.accept_answer(current_user, post)
    return _done(_("The answer is marked as accepted."),
                 services.topic_url(post.topic, _anchor="accepted-answer"))


@bp.post("/forum/p/<int:post_id>/thanks")
@login_required
def thank(post_id):
    """Say "terima kasih" for a post, or take it back."""
    post = services.readable_post(current_user, post_id)
    if not services.can_thank(current_user, post):
        _refuse("thanking a post")
    services.toggle_thanks(current_user, post)
    db.session.commit()
    return redirect(services.post_url(post))


# Flags, the moderation queue and moderators' actions: registered on `bp` when imported.
from marketplace.forum import moderation_views  # noqa: E402, F401
