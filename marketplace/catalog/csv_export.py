"""Products as a CSV spreadsheet: a business's for its owner, a sentra's member products for its managers."""

import csv
import io
from datetime import UTC

from sqlalchemy import select
from sqlalchemy.orm import lazyload, selectinload

from marketplace.catalog.models import STATUS_PUBLISHED, Product
from marketplace.catalog.services import can_manage_products, member_products, require
from marketplace.extensions import db
from marketplace.sentra import services as sentra_services

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value):
    """A value as spreadsheet text; text that a spreadsheet would run as a formula gets a quote."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    text = str(value)
    if isinstance(value, str) and text.startswith(_FORMULA_STARTS):
        return "'" + text
    return text


def _isoformat(value):
    """ISO 8601 in UTC with its offset (SQLite gives back naive datetimes, stored as UTC)."""
    if value is None:
        return None
    return (value if value.tzinfo else value.replace(tzinfo=UTC)).isoformat(timespec="seconds")


# Column headers stay in plain English whatever the interface language, so that spreadsheets and
# scripts built on an export keep working.
CSV_COLUMNS = (
    ("ID", lambda p: p.id),
    ("Title", lambda p: p.title),
    ("English title", lambda p: p.title_en),
    ("Status", lambda p: p.status),
    ("Business", lambda p: p.business.name),
    ("Sentra", lambda p: p.sentra.name if p.sentra else None),
    ("Province", lambda p: p.province),
    ("Category", lambda p: p.category),
    ("Channels", lambda p: " ".join(p.channels)),
    ("Price (IDR)", lambda p: p.price_idr),
    ("Unit", lambda p: p.unit),
    ("Export price (USD)", lambda p: p.export_price_usd),
    ("Price on request", lambda p: p.price_on_request),
    ("Incoterm", lambda p: p.incoterm),
    ("Port", lambda p: p.port),
    ("Minimum order", lambda p: p.moq),
    ("Monthly capacity", lambda p: p.capacity_per_month),
    ("Lead time (days)", lambda p: p.lead_time_days),
    ("Availability", lambda p: p.availability),
    ("Samples available", lambda p: p.samples_available),
    ("HS code", lambda p: p.hs_code),
    ("Certifications", lambda p: " ".join(p.certification_codes)),
    ("Materials", lambda p: p.materials),
    ("Size", lambda p: p.size),
    ("Weight (grams)", lambda p: p.weight_grams),
    ("OVOP stars", lambda p: p.ovop_stars),
    ("Views", lambda p: p.view_count),
    ("Description", lambda p: p.description),
    ("Published at", lambda p: _isoformat(p.published_at)),
    ("Updated at", lambda p: _isoformat(p.updated_at)),
    ("URL", None),
)
CSV_BATCH = 500


def _csv_query(query):
    return query.options(
        lazyload(Product.images), lazyload(Product.cover_image), selectinload(Product.certifications),
    ).order_by(Product.id).execution_options(yield_per=CSV_BATCH)


def business_csv_query(user, business):
    """Every product of a business, for its owner or an admin."""
    require(can_manage_products(user, business))
    return _csv_query(select(Product).where(Product.business_id == business.id))


def sentra_csv_query(user, sentra):
    """The published products of a sentra's member businesses, for its managers or an admin."""
    require(sentra_services.can_manage(user, sentra))
    return _csv_query(member_products(sentra).where(Product.status == STATUS_PUBLISHED))


def csv_lines(query, product_url):
    """The CSV file as an iterator of text chunks: a BOM (for Excel), the header, one row a product."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")

    def flush():
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return text

    writer.writerow([name for name, _read in CSV_COLUMNS])
    yield "\ufeff" + flush()
    for count, product in enumerate(db.session.scalars(query), start=1):
        writer.writerow([
            csv_cell(read(product) if read else product_url(product)) for _name, read in CSV_COLUMNS
        ])
        if count % 50 == 0:
            yield flush()
    yield flush()

