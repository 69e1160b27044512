"""What a search address asks for: words, filters, order and page, cleaned for the engine.

The results page, the member directory and the JSON API read the same parameters (q, type,
channel, category, province, sentra, certification, sort, page). Values are checked against the
reference lists: the pages ignore what is unknown, the API answers 400 naming it.
"""

import re
from dataclasses import dataclass, field, replace

from sqlalchemy import select

from marketplace import reference
from marketplace.catalog.models import CHANNEL_LABELS
from marketplace.extensions import db
from marketplace.i18n import lazy_gettext as _l
from marketplace.search.backend import FACETS, SORTS, TYPES, SearchQuery
from marketplace.sentra.models import Sentra

MAX_QUERY_CHARS = 200  # longer text is cut (pages) or refused (API): nobody types more
MAX_PAGE = 100  # results beyond page 100 are never what someone looks for; keeps engines fast
PER_PAGE = 20
GROUP_SIZE = 4  # hits shown per type on the grouped page
SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,119}$")

# The choices each filter accepts (sentra: any existing sentra's slug, checked in the database).
CHOICES = {
    "type": TYPES,
    "channel": CHANNEL_LABELS,
    "category": reference.COMMODITIES,
    "province": reference.PROVINCE_NAMES,
    "certification": reference.CERTIFICATION_LABELS,
    "sort": SORTS,
}
SORT_LABELS = {
    "relevance": _l("Best match"),
    "newest": _l("Newest"),
    "price_asc": _l("Price: low to high"),
    "price_desc": _l("Price: high to low"),
}
FACET_TITLES = {
    "type": _l("Type"),
    "channel": _l("Channel"),
    "category": _l("Category"),
    "province": _l("Province"),
    "sentra": _l("Sentra"),
    "certification": _l("Certification"),
}
TYPE_LABELS = {  # headings and tabs
    "product": _l("Products"),
    "sentra": _l("Sentra"),
    "business": _l("Businesses"),
    "discussion": _l("Discussions"),
}
TYPE_NAMES = {  # one of them: badges, autocomplete entries
    "product": _l("Product"),
    "sentra": _l("Sentra"),
    "business": _l("Business"),
    "discussion": _l("Discussion"),
}


@dataclass
class SearchParams:
    """A cleaned search request. Filters hold slugs/codes; None means any."""

    text: str = ""
    type: str | None = None
    channel: str | None = None
    category: str | None = None
    province: str | None = None
    sentra: str | None = None
    certification: str | None = None
    sort: str = "relevance"
    page: int = 1
    sentra_name: str | None = field(default=None, repr=False)  # looked up with the slug

    def filters(self):
        """{facet: value} of the filters in use, in the order of FACETS."""
        return {name: getattr(self, name) for name in FACETS if getattr(self, name)}

    @property
    def is_blank(self):
        """Nothing asked yet: no words and no filter."""
        return not self.text and not self.filters()

    def args(self, **changes):
        """Query-string arguments of this request with `changes` (None removes one); page 1 is left out."""
        values = {"q": self.text, **self.filters(), "sort": self.sort, "page": None}
        values.update(changes)
        if values.get("sort") == "relevance":
            values.pop("sort")
        if values.get("page") == 1:
            values.pop("page")
        return {key: value for key, value in values.items() if value not in (None, "")}

    def query(self, audiences, per_page=PER_PAGE, group_size=0, facets=True):
        """The engine's SearchQuery for this request on behalf of `audiences`."""
        return SearchQuery(
            text=self.text, audiences=audiences, sort=self.sort, page=self.page, per_page=per_page,
            facets=facets, group_size=0 if self.type else group_size, **self.filters(),
        )

    def without(self, *names):
        """The same request without these filters (the page starts again at 1)."""
        return replace(self, page=1, **{name: None for name in names})


def clean_text(raw):
    """The typed words with runs of spaces folded, cut at MAX_QUERY_CHARS."""
    return " ".join((raw or "").split())[:MAX_QUERY_CHARS].strip()


def sentra_name(slug):
    """The name of the sentra with this slug, or None (one query)."""
    if not slug or not SLUG_RE.match(slug):
        return None
    return db.session.scalar(select(Sentra.name).where(Sentra.slug == slug))


def parse(args, aliases=None):
    """(SearchParams, names of invalid parameters) from a query string.

    `aliases` maps parameter names to filter names (the directory says commodity for category).
    The page number is left at 1: pages read it with `pagination.page_number`, the API strictly.
    """
    invalid = []
    names = {name: name for name in (*FACETS, "sort")}
    for alias, name in (aliases or {}).items():
        names.pop(name, None)
        names[alias] = name
    raw_text = args.get("q", "")
    if len(" ".join(raw_text.split())) > MAX_QUERY_CHARS:
        invalid.append("q")
    values = {}
    for param, name in names.items():
        raw = args.get(param, "").strip()
        if not raw:
            continue
        if name == "sentra":
            found = sentra_name(raw)
            if found is None:
                invalid.append(param)
            else:
                values["sentra"], values["sentra_name"] = raw, found
        elif raw in CHOICES[name]:
            values[name] = raw
        else:
            invalid.append(param)
    return SearchParams(text=clean_text(raw_text), **values), invalid
