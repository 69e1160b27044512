"""The public JSON API, version 1: the sentra directory and its OpenAPI description.

Query parameters are validated, not clamped: `page=abc`, `page=0`, `per_page=1000` or an
unknown province/commodity slug answer 400 with a JSON message, so a client never silently
gets something other than what it asked for. Errors are JSON (marketplace/errors.py).
"""

from flask import Blueprint, abort, jsonify, request, url_for

from marketplace import reference
from marketplace.api import openapi, serializers, services
from marketplace.i18n import gettext as _
from marketplace.sentra.services import member_business_counts

bp = Blueprint("api", __name__)

DEFAULT_PER_PAGE = 20
MAX_PER_PAGE = 100
MAX_PAGE = 1_000_000  # far beyond the last page at national scale; keeps OFFSET in range


def _int_arg(name, default, low, high):
    """An integer query parameter within [low, high], or a 400 that says what is wrong."""
    raw = request.args.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        value = None
    if value is None or not low <= value <= high:
        abort(400, description=_("%(name)s must be a whole number from %(low)d to %(high)d.",
                                 name=name, low=low, high=high))
    return value


def page_args(max_page=MAX_PAGE):
    """The `page` and `per_page` query parameters of a list, validated (400 when out of range)."""
    return _int_arg("page", 1, 1, max_page), _int_arg("per_page", DEFAULT_PER_PAGE, 1, MAX_PER_PAGE)


def page_json(items, pagination, page, per_page, page_url, **extra):
    """A page of a list as JSON: its items, the counts and the links to the next and previous pages.

    `page_url(number)` gives the address of page `number`; past the last page, prev is the last one.
    `extra` adds keys beside them (search: counts, facets, suggestion).
    """
    return jsonify(
        items=items,
        page=page,
        per_page=per_page,
        total=pagination.total,
        pages=pagination.pages,
        next=page_url(page + 1) if page < pagination.pages else None,
        prev=page_url(min(page - 1, max(pagination.pages, 1))) if page > 1 else None,
        **extra,
    )


def _choice_arg(name, allowed):
    """A slug query parameter that must be one of `allowed`, or None when absent."""
    value = request.args.get(name, "").strip()
    if not value:
        return None
    if value not in allowed:
        abort(400, description=_("Unknown %(name)s %(value)s; see /api/v1/openapi.json for the values.",
                                 name=name, value=repr(value)))
    return value


def _page_url(page, per_page, filters):
    return url_for("api.sentra_list", page=page, per_page=per_page, _external=True,
                   **{key: value for key, value in filters.items() if value})


@bp.route("/sentra")
def sentra_list():
    """A page of the sentra directory with member counts and links."""
    page, per_page = page_args()
    filters = {
        "province": _choice_arg("province", reference.PROVINCE_NAMES),
        "commodity": _choice_arg("commodity", reference.COMMODITIES),
    }
    pagination = services.sentra_page(page, per_page, **filters)
    counts = member_business_counts([s.id for s in pagination.items])
    return page_json(
        [serializers.sentra_summary(s, counts.get(s.id, 0)) for s in pagination.items], pagination,
        page, per_page, lambda number: _page_url(number, per_page, filters),
    )


@bp.route("/sentra/<slug>")
def sentra_detail(slug):
    """One sentra in full: story, facilities, programmes, board, member businesses, contact."""
    sentra = services.sentra_by_slug(slug)
    if sentra is None:
        abort(404, description=_("There is no sentra with the slug %(slug)s.", slug=repr(slug)))
    businesses, count = services.member_businesses(sentra)
    return jsonify(serializers.sentra_detail(sentra, services.board_members(sentra), businesses, count))


@bp.route("/openapi.json", endpoint="openapi")
def openapi_document():
    """The OpenAPI 3.1 description of this API and /healthz."""
    return jsonify(openapi.document(request.host_url.rstrip("/")))


# The product catalogue and full-text search: registered on `bp` when imported.
from marketplace.api import products, search  # noqa: E402, F401
