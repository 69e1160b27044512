"""The hand-written OpenAPI 3.1 description served at /api/v1/openapi.json."""

from marketplace import reference
from marketplace.api.services import MAX_MEMBER_BUSINESSES
from marketplace.catalog.models import AVAILABILITY, CHANNELS, INCOTERMS, OVOP_CRITERIA
from marketplace.catalog.queries import SORTS
from marketplace.search import backend as search_backend
from marketplace.search.params import MAX_PAGE as SEARCH_MAX_PAGE
from marketplace.search.params import MAX_QUERY_CHARS

API_VERSION = "1.0.0"


def _nullable(kind, **extra):
    return {"type": [kind, "null"], **extra}


def _ref(name):
    return {"$ref": f"#/components/schemas/{name}"}


def _json(schema_name, description):
    return {"description": description, "content": {"application/json": {"schema": _ref(schema_name)}}}


def _error(description):
    return _json("Error", description)


def _page_of(item_schema):
    """A page of a list: its items and the counts and links every list answers with."""
    return {
        "type": "object",
        "required": ["items", "page", "per_page", "total", "pages", "next", "prev"],
        "properties": {
            "items": {"type": "array", "items": _ref(item_schema)},
            "page": {"type": "integer", "minimum": 1},
            "per_page": {"type": "integer", "minimum": 1, "maximum": 100},
            "total": {"type": "integer"},
            "pages": {"type": "integer"},
            "next": _nullable("string", format="uri"),
            "prev": _nullable("string", format="uri"),
        },
    }


# The query parameters of every list.
PAGE_PARAMETERS = [
    {"name": "page", "in": "query",
     "schema": {"type": "integer", "minimum": 1, "maximum": 1_000_000, "default": 1}},
    {"name": "per_page", "in": "query",
     "schema": {"type": "integer", "minimum": 1, "maximum": 100, "default": 20}},
]

PRODUCT_SUMMARY_FIELDS = [
    "id", "title", "title_en", "category", "category_label", "channels", "price_idr", "unit",
    "price_on_request", "export_price_usd", "incoterm", "port", "moq", "capacity_per_month",
    "lead_time_days", "availability", "availability_label", "samples_available", "hs_code",
    "certifications", "ovop_stars", "province", "province_name", "business", "sentra", "cover",
    "published_at", "url", "api_url",
]
PRODUCT_DETAIL_FIELDS = [
    "description", "description_en", "materials", "size", "weight_grams", "images", "ovop",
]


def _product_filters():
    """The query parameters of the product list: the HTML catalogue's filters."""
    def query(name, description, schema):
        return {"name": name, "in": "query", "description": description, "schema": schema}

    return [
        query("channel", "Offered on this channel.", {"type": "string", "enum": [c for c, _l in CHANNELS]}),
        query("category", "A category (commodity) slug.",
              {"type": "string", "enum": sorted(reference.COMMODITIES)}),
        query("province", "A province slug.", {"type": "string", "enum": sorted(reference.PROVINCE_NAMES)}),
        query("sentra", "A sentra slug.", {"type": "string"}),
        query("certification", "Carries this certification.",
              {"type": "string", "enum": [c for c, _l in reference.CERTIFICATIONS]}),
        query("price_min", "Rupiah per unit, at least (products priced on request are left out).",
              {"type": "integer", "minimum": 0}),
        query("price_max", "Rupiah per unit, at most.", {"type": "integer", "minimum": 0}),
        query("moq_max", "Minimum order at most this many units (no minimum always passes).",
              {"type": "integer", "minimum": 0}),
        query("availability", "How the product is supplied.",
              {"type": "string", "enum": [c for c, _l in AVAILABILITY]}),
        query("samples", "1: only products with samples available.", {"type": "string", "enum": ["0", "1"]}),
        query("sort", "The order (default newest).",
              {"type": "string", "enum": list(SORTS), "default": "newest"}),
    ]


def _search_parameters():
    """The query parameters of /api/v1/search: the words, the facet filters, order and page."""
    def query(name, description, schema):
        return {"name": name, "in": "query", "description": description, "schema": schema}

    return [
        query("q", "The words to find, Indonesian or English: each must match (stemmed, so menenun "
                   "finds tenun). Empty: everything the other parameters allow, newest first.",
              {"type": "string", "maxLength": MAX_QUERY_CHARS}),
        query("type", "Only this type of result.", {"type": "string", "enum": list(search_backend.TYPES)}),
        query("channel", "Products offered on this channel.",
              {"type": "string", "enum": [c for c, _l in CHANNELS]}),
        query("category", "A category (commodity) slug.",
              {"type": "string", "enum": sorted(reference.COMMODITIES)}),
        query("province", "A province slug.", {"type": "string", "enum": sorted(reference.PROVINCE_NAMES)}),
        query("sentra", "A sentra slug: results of that sentra (its page, members, products, board).",
              {"type": "string"}),
        query("certification", "Carries this certification.",
              {"type": "string", "enum": [c for c, _l in reference.CERTIFICATIONS]}),
        query("sort", "The order (default relevance; without q, newest).",
              {"type": "string", "enum": list(search_backend.SORTS), "default": "relevance"}),
        {"name": "page", "in": "query", "description": f"From 1 to {SEARCH_MAX_PAGE}.",
         "schema": {"type": "integer", "minimum": 1, "maximum": SEARCH_MAX_PAGE, "default": 1}},
        PAGE_PARAMETERS[1],
    ]


def _facet_values():
    return {"type": "array", "items": {
        "type": "object", "required": ["value", "label", "count"],
        "properties": {"value": {"type": "string"}, "label": {"type": "string"},
                       "count": {"type": "integer"}},
    }}


SEARCH_HIT_FIELDS = [
    "type", "type_label", "kind", "id", "title", "title_html", "snippet", "snippet_html", "url",
    "category", "province", "sentra", "price_idr", "unit", "topic_id", "number", "created", "api_url",
]

SCHEMAS = {
    "Error": {
        "type": "object",
        "required": ["error", "status", "message"],
        "properties": {
            "error": {"type": "string", "description": "The HTTP status name, e.g. Not Found."},
            "status": {"type": "integer"},
            "message": {"type": "string", "description": "What went wrong, for a person to read."},
        },
    },
    "Image": {
        "type": "object",
        "description": "Absolute URLs of the stored variants (WebP), longest side 320/960/1600 px.",
        "required": ["alt", "width", "height", "thumb", "medium", "large"],
        "properties": {
            "alt": {"type": "string"},
            "width": {"type": "integer"},
            "height": {"type": "integer"},
            "thumb": {"type": "string", "format": "uri"},
            "medium": {"type": "string", "format": "uri"},
            "large": {"type": "string", "format": "uri"},
        },
    },
    "SentraSummary": {
        "type": "object",
        "required": [
            "slug", "name", "commodity", "commodity_label", "tagline", "province", "province_name",
            "regency", "district", "village", "verified", "member_business_count", "url", "api_url",
            "logo", "banner",
        ],
        "properties": {
            "slug": {"type": "string", "pattern": "^[a-z0-9-]+$"},
            "name": {"type": "string"},
            "commodity": {"type": "string", "enum": sorted(reference.COMMODITIES)},
            "commodity_label": {"type": "string", "description": "In the request's language."},
            "tagline": _nullable("string"),
            "province": {"type": "string", "enum": sorted(reference.PROVINCE_NAMES)},
            "province_name": {"type": "string"},
            "regency": _nullable("string", description="Kabupaten or kota."),
            "district": _nullable("string", description="Kecamatan."),
            "village": _nullable("string", description="Desa or kelurahan."),
            "verified": {"type": "boolean"},
            "member_business_count": {
                "type": "integer",
                "description": "Businesses whose owner is an active member of this sentra.",
            },
            "url": {"type": "string", "format": "uri", "description": "The sentra's HTML page."},
            "api_url": {"type": "string", "format": "uri"},
            "logo": {"oneOf": [_ref("Image"), {"type": "null"}]},
            "banner": {"oneOf": [_ref("Image"), {"type": "null"}]},
        },
    },
    "SentraPage": _page_of("SentraSummary"),
    "SentraDetail": {
        "allOf": [
            _ref("SentraSummary"),
            {
                "type": "object",
                "required": [
                    "story", "address", "year_established", "guided_by", "accent", "facilities",
                    "programmes", "photos", "board", "member_businesses", "contact",
                ],
                "properties": {
                    "story": _nullable("string"),
                    "address": _nullable("string"),
                    "year_established": _nullable("integer"),
                    "guided_by": _nullable("string", description="Ministry, agency or dinas."),
                    "accent": {"type": "string"},
                    "facilities": {"type": "array", "items": {
                        "type": "object",
                        "properties": {
                            "kind": {"type": "string"}, "label": {"type": "string"},
                            "note": _nullable("string"),
                        },
                    }},
                    "programmes": {"type": "array", "items": {
                        "type": "object",
                        "properties": {
                            "kind": {"type": "string", "enum": sorted(reference.PROGRAMME_LABELS)},
                            "label": {"type": "string"},
                            "funding": {"type": "string", "examples": ["DAK"]},
                            "year": {"type": "integer"},
                            "note": _nullable("string"),
                        },
                    }},
                    "photos": {"type": "array", "items": {
                        "type": "object",
                        "properties": {"caption": _nullable("string"), "image": _ref("Image")},
                    }},
                    "board": {
                        "type": "array",
                        "description": "Active pengurus, pengelola and UPT staff: names and roles only.",
                        "items": {
                            "type": "object",
                            "properties": {
                                "name": {"type": "string"},
                                "role": {"type": "string", "enum": ["pengurus", "pengelola", "upt"]},
                                "role_label": {"type": "string"},
                                "title": _nullable("string", examples=["ketua", "sekretaris"]),
                            },
                        },
                    },
                    "member_businesses": {
                        "type": "array",
                        "maxItems": MAX_MEMBER_BUSINESSES,
                        "description": f"Active member businesses by name (at most {MAX_MEMBER_BUSINESSES}).",
                        "items": {
                            "type": "object",
                            "properties": {
                                "slug": {"type": "string"},
                                "name": {"type": "string"},
                                "url": {"type": "string", "format": "uri"},
                            },
                        },
                    },
                    "contact": {
                        "type": "object",
                        "description": "The sentra's own contact details (never a member's).",
                        "properties": {
                            "phone": _nullable("string"),
                            "whatsapp": _nullable("string"),
                            "email": _nullable("string", format="email"),
                        },
                    },
                },
            },
        ],
    },
    "ProductSummary": {
        "type": "object",
        "description": "A published product. Prices are per `unit`.",
        "required": PRODUCT_SUMMARY_FIELDS,
        "properties": {
            "id": {"type": "integer"},
            "title": {"type": "string", "description": "The maker's title (usually Indonesian)."},
            "title_en": _nullable("string", description="An English title for export buyers."),
            "category": {"type": "string", "enum": sorted(reference.COMMODITIES)},
            "category_label": {"type": "string", "description": "In the request's language."},
            "channels": {"type": "array", "items": {"type": "string", "enum": [c for c, _l in CHANNELS]}},
            "price_idr": _nullable("integer", description="Rupiah per unit; null when on request."),
            "unit": {"type": "string", "enum": [u for u, _l in reference.CAPACITY_UNITS]},
            "price_on_request": {"type": "boolean"},
            "export_price_usd": _nullable("string", pattern="^[0-9]+\\.[0-9]{2}$",
                                          description="US dollars per unit, an exact decimal."),
            "incoterm": {"type": ["string", "null"], "enum": [c for c, _l in INCOTERMS] + [None]},
            "port": _nullable("string"),
            "moq": _nullable("integer", description="Minimum order quantity, in units."),
            "capacity_per_month": _nullable("integer", description="Units a month."),
            "lead_time_days": _nullable("integer"),
            "availability": {"type": "string", "enum": [c for c, _l in AVAILABILITY]},
            "availability_label": {"type": "string"},
            "samples_available": {"type": "boolean"},
            "hs_code": _nullable("string", examples=["5810.92"]),
            "certifications": {"type": "array", "items": {
                "type": "string", "enum": [c for c, _l in reference.CERTIFICATIONS]}},
            "ovop_stars": {"type": ["integer", "null"], "minimum": 1, "maximum": 5},
            "province": _nullable("string"),
            "province_name": _nullable("string"),
            "business": {
                "type": "object",
                "properties": {"slug": {"type": "string"}, "name": {"type": "string"},
                               "url": {"type": "string", "format": "uri"}},
            },
            "sentra": {"oneOf": [{
                "type": "object",
                "properties": {"slug": {"type": "string"}, "name": {"type": "string"},
                               "url": {"type": "string", "format": "uri"},
                               "api_url": {"type": "string", "format": "uri"}},
            }, {"type": "null"}]},
            "cover": {"oneOf": [_ref("Image"), {"type": "null"}]},
            "published_at": _nullable("string", format="date-time"),
            "url": {"type": "string", "format": "uri", "description": "The product's HTML page."},
            "api_url": {"type": "string", "format": "uri"},
        },
    },
    "ProductPage": _page_of("ProductSummary"),
    "ProductDetail": {
        "allOf": [
            _ref("ProductSummary"),
            {
                "type": "object",
                "required": PRODUCT_DETAIL_FIELDS,
                "properties": {
                    "description": {"type": "string", "description": "Markdown, as the maker wrote it."},
                    "description_en": _nullable("string", description="Markdown, in English."),
                    "materials": _nullable("string"),
                    "size": _nullable("string", examples=["200 x 60 cm"]),
                    "weight_grams": _nullable("integer"),
                    "images": {"type": "array", "items": _ref("Image"),
                               "description": "In order; the first is the cover."},
                    "ovop": {"oneOf": [{
                        "type": "object",
                        "description": "The OVOP curator's assessment, each criterion scored 1 to 5.",
                        "properties": {
                            "stars": {"type": "integer", "minimum": 1, "maximum": 5},
                            "scores": {"type": "object", "properties": {
                                code: {"type": "integer", "minimum": 1, "maximum": 5}
                                for code, _l in OVOP_CRITERIA
                            }},
                            "note": {"type": "string"},
                            "rated_at": _nullable("string", format="date-time"),
                        },
                    }, {"type": "null"}]},
                },
            },
        ],
    },
    "SearchHit": {
        "type": "object",
        "description": (
            "One result. `title` and `snippet` are plain text; `title_html` and `snippet_html` are "
            "HTML in which all text is escaped and only <mark> elements (around the words that "
            "matched) are tags: safe to insert as HTML."
        ),
        "required": SEARCH_HIT_FIELDS,
        "properties": {
            "type": {"type": "string", "enum": list(search_backend.TYPES)},
            "type_label": {"type": "string", "description": "In the request's language."},
            "kind": {"type": "string", "enum": ["product", "sentra", "business", "topic", "post"],
                     "description": "A discussion is a topic or one reply (post) in it."},
            "id": {"type": "integer", "description": "The id of the thing found (see kind)."},
            "title": {"type": "string"},
            "title_html": {"type": "string"},
            "snippet": {"type": "string", "description": "The text around the matches, plain."},
            "snippet_html": {"type": "string"},
            "url": {"type": "string", "format": "uri", "description": "The HTML page (a post's permalink)."},
            "category": _nullable("string"),
            "province": _nullable("string"),
            "sentra": _nullable("string", description="The sentra's slug."),
            "price_idr": _nullable("integer", description="Products: rupiah per unit."),
            "unit": _nullable("string"),
            "topic_id": _nullable("integer"),
            "number": _nullable("integer", description="Posts: the number in the topic."),
            "created": _nullable("string", format="date-time"),
            "api_url": _nullable("string", format="uri", description="Products: the API address."),
        },
    },
    "SearchPage": {
        "allOf": [
            _page_of("SearchHit"),
            {
                "type": "object",
                "required": ["query", "total_exact", "counts", "facets", "suggestion", "corrected"],
                "properties": {
                    "query": {"type": "string", "description": "The words searched, as cleaned."},
                    "total_exact": {"type": "boolean",
                                    "description": "False when `total` is an estimate (above 1,000)."},
                    "counts": {"type": "object", "description": "Results per type, the type filter left out.",
                               "properties": {t: {"type": "integer"} for t in search_backend.TYPES}},
                    "facets": {"type": "object", "description": "Counts per value, biggest first.",
                               "properties": {f: _facet_values() for f in search_backend.FACETS}},
                    "suggestion": _nullable("string", description="A spelling fix when the words found "
                                                                  "nothing (e.g. tenum -> tenun)."),
                    "corrected": {"type": "boolean",
                                  "description": "True when the items are for `suggestion` instead."},
                },
            },
        ],
    },
    "Health": {
        "type": "object",
        "required": ["status"],
        "properties": {
            "status": {"type": "string", "enum": ["ok", "error"]},
            "database": {"type": "string", "enum": ["ok", "unavailable"]},
        },
    },
}

LANGUAGE = {
    "name": "Accept-Language",
    "in": "header",
    "required": False,
    "description": "id (default) or en: the language of labels such as commodity_label.",
    "schema": {"type": "string"},
}


def document(server_url):
    """The OpenAPI document, with this server's root URL."""
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Sentra Nusantara API",
            "version": API_VERSION,
            "summary": "Public, read-only data about Indonesia's sentra IKM and their products.",
            "description": (
                "Read-only JSON. Lists are paginated with `page` (from 1) and `per_page` "
                "(1 to 100, default 20). Parameters are validated, never clamped: a page or "
                "per_page that is not a whole number in range, or an unknown province or "
                "commodity slug, answers 400 with an Error object. A page after the last one "
                "answers 200 with no items. Errors are always JSON."
            ),
        },
        "servers": [{"url": server_url}],
        "paths": {
            "/api/v1/sentra": {
                "get": {
                    "operationId": "listSentra",
                    "summary": "The sentra directory, ordered by name",
                    "parameters": [
                        *PAGE_PARAMETERS,
                        {"name": "province", "in": "query", "description": "A province slug.",
                         "schema": {"type": "string", "enum": sorted(reference.PROVINCE_NAMES)}},
                        {"name": "commodity", "in": "query", "description": "A commodity slug.",
                         "schema": {"type": "string", "enum": sorted(reference.COMMODITIES)}},
                        LANGUAGE,
                    ],
                    "responses": {
                        "200": _json("SentraPage", "A page of sentra."),
                        "400": _error("A query parameter is not valid."),
                    },
                },
            },
            "/api/v1/sentra/{slug}": {
                "get": {
                    "operationId": "getSentra",
                    "summary": "One sentra in full",
                    "parameters": [
                        {"name": "slug", "in": "path", "required": True, "schema": {"type": "string"}},
                        LANGUAGE,
                    ],
                    "responses": {
                        "200": _json("SentraDetail", "The sentra."),
                        "404": _error("No sentra has this slug."),
                    },
                },
            },
            "/api/v1/products": {
                "get": {
                    "operationId": "listProducts",
                    "summary": "Published products, filtered and sorted like the catalogue at /products",
                    "parameters": [
                        *PAGE_PARAMETERS,
                        *_product_filters(),
                        LANGUAGE,
                    ],
                    "responses": {
                        "200": _json("ProductPage", "A page of products."),
                        "400": _error("A query parameter is not valid."),
                    },
                },
            },
            "/api/v1/products/{product_id}": {
                "get": {
                    "operationId": "getProduct",
                    "summary": "One published product in full",
                    "parameters": [
                        {"name": "product_id", "in": "path", "required": True, "schema": {"type": "integer"}},
                        LANGUAGE,
                    ],
                    "responses": {
                        "200": _json("ProductDetail", "The product."),
                        "404": _error("No published product has this id."),
                    },
                },
            },
            "/api/v1/search": {
                "get": {
                    "operationId": "search",
                    "summary": "Full-text search across products, sentra, businesses and discussions",
                    "description": (
                        "The results of the /search page. Only what the caller may see: a signed-in "
                        "member's session also finds their sentra's members-only boards."
                    ),
                    "parameters": [*_search_parameters(), LANGUAGE],
                    "responses": {
                        "200": _json("SearchPage", "A page of results."),
                        "400": _error("A query parameter is not valid."),
                        "503": _error("The index is being rebuilt; try again after Retry-After seconds."),
                    },
                },
            },
            "/api/v1/openapi.json": {
                "get": {
                    "operationId": "getOpenAPI",
                    "summary": "This document",
                    "responses": {"200": {"description": "The OpenAPI 3.1 document.",
                                          "content": {"application/json": {"schema": {"type": "object"}}}}},
                },
            },
            "/healthz": {
                "get": {
                    "operationId": "health",
                    "summary": "Health check for load balancers and monitoring",
                    "responses": {
                        "200": _json("Health", "The database answers."),
                        "503": _json("Health", "The database does not answer."),
                    },
                },
            },
        },
        "components": {"schemas": SCHEMAS},
    }
