"""The public product catalogue in JSON: /api/v1/products and /api/v1/products/<id>.

The same filters and order as the HTML catalogue (marketplace.catalog.queries), but validated,
not ignored: an unknown value answers 400 naming the parameter. Only published products exist
here; drafts, unpublished and archived ones answer 404 like a product that never was.
"""

from flask import abort, jsonify, request, url_for

from marketplace.api import serializers
from marketplace.api.views import bp, page_args, page_json
from marketplace.catalog import queries
from marketplace.extensions import db
from marketplace.i18n import gettext as _


def _filters():
    """The catalogue filters from the query string, or a 400 naming the first invalid one."""
    filters, invalid = queries.clean_filters(request.args)
    if invalid:
        name = invalid[0]
        abort(400, description=_("Invalid %(name)s %(value)s; see /api/v1/openapi.json for the values.",
                                 name=name, value=repr(request.args.get(name, ""))))
    return filters


def _page_url(page, per_page, filters):
    args = filters.query_args()
    return url_for("api.product_list", page=page, per_page=per_page, _external=True, **args)


@bp.route("/products")
def product_list():
    """A page of published products, filtered and sorted like /products."""
    page, per_page = page_args()
    filters = _filters()
    pagination = db.paginate(
        queries.catalogue_statement(filters, with_certifications=True), page=page, per_page=per_page,
        error_out=False, count=True,
    )
    return page_json(
        [serializers.product_summary(p) for p in pagination.items], pagination, page, per_page,
        lambda number: _page_url(number, per_page, filters),
    )


@bp.route("/products/<int:product_id>")
def product_detail(product_id):
    """One published product in full (404 for any other status)."""
    product = queries.published_product(product_id, with_certifications=True, with_rating=True)
    if product is None:
        abort(404, description=_("There is no published product with the id %(id)d.", id=product_id))
    return jsonify(serializers.product_detail(product))
