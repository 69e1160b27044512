"""Full-text search in JSON: /api/v1/search, the same results as /search.

Same parameters as the page (q, type, channel, category, province, sentra, certification, sort,
page, per_page), validated like the rest of the API: an unknown value answers 400 naming it.
Results are those the caller may see (a signed-in member also finds their sentra's members-only
board). Each hit has `title` and `snippet` as plain text and `title_html` and `snippet_html` as
HTML in which everything is escaped except the <mark> elements around the matched words.
"""

from flask import abort, jsonify, url_for
from flask import request as http_request
from flask_login import current_user

from marketplace.api.views import bp, page_args, page_json
from marketplace.i18n import gettext as _
from marketplace.search import services
from marketplace.search.backend import SearchUnavailable
from marketplace.search.params import MAX_PAGE, MAX_QUERY_CHARS, TYPE_NAMES, parse
from marketplace.search.results import facet_label, pages, present, sentra_names

RETRY_AFTER_SECONDS = 120


def _params():
    """The search request from the query string, or a 400 naming the first invalid parameter."""
    params, invalid = parse(http_request.args)
    if "q" in invalid:
        abort(400, description=_("q must be at most %(num)d characters.", num=MAX_QUERY_CHARS))
    if invalid:
        name = invalid[0]
        abort(400, description=_("Unknown %(name)s %(value)s; see /api/v1/openapi.json for the values.",
                                 name=name, value=repr(http_request.args.get(name, ""))))
    return params


def _text(markup):
    return markup.striptags() if hasattr(markup, "striptags") else str(markup or "")


def hit_json(row):
    """One hit: what it is, its titles and snippet (plain and marked), its page, its place."""
    hit = row.hit
    product = row.item if hit.type == "product" else None
    return {
        "type": hit.type,
        "type_label": str(TYPE_NAMES.get(hit.type, hit.type)),
        "kind": hit.kind,
        "id": hit.object_id,
        "title": hit.title,
        "title_html": str(hit.title_html),
        "snippet": _text(hit.snippet),
        "snippet_html": str(hit.snippet),
        "url": row.url,
        "category": hit.category,
        "province": hit.province,
        "sentra": hit.sentra,
        "price_idr": product.price_idr if product is not None else None,
        "unit": product.unit if product is not None else None,
        "topic_id": hit.topic_id,
        "number": hit.number,
        "created": hit.created.isoformat() if hit.created else None,
        "api_url": url_for("api.product_detail", product_id=hit.object_id, _external=True)
        if product is not None else None,
    }


def _facets_json(result):
    names = sentra_names(value for value, _count in result.facets.get("sentra", []))
    return {
        name: [{"value": value, "label": facet_label(name, value, names), "count": count}
               for value, count in counted]
        for name, counted in result.facets.items()
    }


@bp.route("/search")
def search():
    """A page of search results with counts per type, facets and the spelling suggestion."""
    page, per_page = page_args(max_page=MAX_PAGE)
    params = _params()
    params.page = page
    try:
        result = services.search(params.query(services.audiences_for(current_user), per_page=per_page))
    except SearchUnavailable as error:
        return jsonify(
            error="Service Unavailable", status=503, index=error.status,
            message=_("Search is being rebuilt, please try again in a few minutes."),
        ), 503, {"Retry-After": str(RETRY_AFTER_SECONDS)}
    rows, _groups = present(result, current_user, external=True)

    def page_url(number):
        if number > MAX_PAGE:
            return None
        return url_for("api.search", **params.args(), page=number, per_page=per_page, _external=True)

    return page_json(
        [hit_json(row) for row in rows], pages(rows, result), page, per_page, page_url,
        query=params.text, total_exact=result.total_exact, counts=result.type_counts,
        facets=_facets_json(result), suggestion=result.suggestion, corrected=result.corrected,
    )
