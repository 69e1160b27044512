"""/search (everything, grouped by type, or one type page by page), /search/suggest (autocomplete)
and /ikm (the member directory: businesses by technique, commodity, certification and place)."""

from dataclasses import replace

from flask import Blueprint, current_app, jsonify, render_template, request, url_for
from flask_login import current_user

from marketplace.i18n import gettext as _
from marketplace.i18n import lazy_gettext as _l
from marketplace.pagination import page_number
from marketplace.search import services
from marketplace.search.backend import KIND_POST, KIND_TOPIC, TYPE_BUSINESS, TYPES, SearchUnavailable
from marketplace.search.forms import directory_form, search_form
from marketplace.search.params import (
    FACET_TITLES,
    GROUP_SIZE,
    MAX_PAGE,
    MAX_QUERY_CHARS,
    PER_PAGE,
    TYPE_LABELS,
    TYPE_NAMES,
    clean_text,
    parse,
)
from marketplace.search.results import (
    facet_label,
    facets,
    facets_without,
    pages,
    present,
    rows_for,
    sentra_names,
)

bp = Blueprint("search", __name__)
RETRY_AFTER_SECONDS = 120
SUGGEST_MAX_AGE = 60  # seconds a browser may reuse an autocomplete answer
DIRECTORY_TITLES = {**FACET_TITLES, "category": _l("Commodity")}  # the directory's form says commodity


@bp.app_context_processor
def search_globals():
    """The header's search box on every page needs its length limit."""
    return {"search_max_chars": MAX_QUERY_CHARS}


def unavailable(error):
    """The "search is being rebuilt" page: in the layout, 503 with Retry-After."""
    current_app.logger.warning("search unavailable (%s) on %s", error.status, request.path)
    return (render_template("search/unavailable.html"), 503,
            {"Retry-After": str(RETRY_AFTER_SECONDS)})


def _chips(params, args_of, titles=FACET_TITLES):
    """(label, query args without it) for each filter in use: removable badges, the scope among them."""
    chips = []
    for name, value in params.filters().items():
        if name == "sentra":
            label = _("Inside %(name)s", name=params.sentra_name or value)
        else:
            label = _("%(facet)s: %(value)s", facet=titles[name], value=facet_label(name, value))
        chips.append((label, args_of(**{name: None})))
    return chips


def _type_tabs(params, result):
    """(type or None, label, count, query args, current) for "All" and each type with results."""
    counts = result.type_counts
    tabs = [(None, _("All"), sum(counts.values()), params.args(type=None), params.type is None)]
    for kind in TYPES:
        if counts.get(kind) or params.type == kind:
            tabs.append((kind, str(TYPE_LABELS[kind]), counts.get(kind, 0), params.args(type=kind),
                         params.type == kind))
    return tabs


@bp.route("/search")
def index():
    """Search everything: grouped by type with counts, or one type with facets, order and pages."""
    params, _invalid = parse(request.args)
    params.page = min(page_number(), MAX_PAGE) if params.type else 1
    context = {"params": params, "form": search_form(params), "chips": _chips(params, params.args),
               "type_labels": TYPE_LABELS}
    if params.is_blank:
        return render_template("search/index.html", result=None, **context)
    query = params.query(services.audiences_for(current_user),
                         per_page=PER_PAGE if params.type else GROUP_SIZE, group_size=GROUP_SIZE)
    try:
        result = services.search(query)
    except SearchUnavailable as error:
        return unavailable(error)
    rows, groups = present(result, current_user)
    names = sentra_names(value for value, _count in result.facets.get("sentra", []))
    if params.sentra:
        names[params.sentra] = params.sentra_name
    return render_template(
        "search/index.html", result=result, rows=rows, groups=groups,
        pagination=pages(rows, result) if params.type else None,
        facets=facets(params, result, names), facet_titles=FACET_TITLES, tabs=_type_tabs(params, result),
        suggestion_url=(url_for("search.index", **params.args(q=result.suggestion))
                        if result.suggestion else None),
        **context,
    )


@bp.route("/search/suggest")
def suggest():
    """Autocomplete: up to 8 titles the visitor may see that start with the typed words, as JSON."""
    entries = services.suggest(clean_text(request.args.get("q", "")), current_user)
    # A reply carries its topic's title: the entry leads to the topic, once.
    entries = [replace(e, kind=KIND_TOPIC, object_id=e.topic_id) if e.kind == KIND_POST and e.topic_id else e
               for e in entries]
    suggestions = {}
    for row in rows_for(entries, current_user):
        suggestions.setdefault(row.url, {
            "label": row.hit.label, "type": row.hit.type, "type_label": str(TYPE_NAMES.get(row.hit.type, "")),
            "url": row.url,
        })
    response = jsonify(suggestions=list(suggestions.values()))
    # Private: answers depend on who asks (members-only boards). Signed-in pages are never cached.
    response.headers["Cache-Control"] = f"private, max-age={SUGGEST_MAX_AGE}"
    return response


# ---- the member directory ---------------------------------------------------------------------


def _directory_args(params, **changes):
    """The directory's query string: `commodity` names the category, type and order are fixed."""
    args = params.args(**changes)
    args.pop("type", None)
    args.pop("sort", None)
    if "category" in args:
        args["commodity"] = args.pop("category")
    return args


@bp.route("/ikm")
def directory():
    """Find businesses by technique or product, commodity, certification, province and sentra."""
    params, _invalid = parse(request.args, aliases={"commodity": "category"})
    params = replace(params, type=TYPE_BUSINESS, channel=None, sort="relevance",
                     page=min(page_number(), MAX_PAGE))
    query = params.query(services.audiences_for(current_user), per_page=PER_PAGE)
    try:
        result = services.search(query)
        # Each select offers the other values too: its counts leave out its own choice.
        counts = {**result.facets, **facets_without(query, result,
                                                     ("category", "province", "certification", "sentra"))}
    except SearchUnavailable as error:
        return unavailable(error)
    rows, _groups = present(result, current_user)
    names = sentra_names(value for value, _count in counts.get("sentra", []))
    if params.sentra:
        names[params.sentra] = params.sentra_name
    shown = replace(params, type=None)  # the type is the page itself, not a removable filter
    return render_template(
        "search/directory.html", params=params, result=result, rows=rows, pagination=pages(rows, result),
        form=directory_form(params, counts, names),
        chips=_chips(shown, lambda **changes: _directory_args(shown, **changes), DIRECTORY_TITLES),
        suggestion_url=(url_for("search.directory", **_directory_args(shown, q=result.suggestion))
                        if result.suggestion else None),
    )
