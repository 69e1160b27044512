"""Turn sentra and product rows into the JSON shapes documented in openapi.py (public fields only)."""

from datetime import UTC

from flask import url_for

from marketplace import reference
from marketplace.media import VARIANTS
from marketplace.sentra.models import role_label


def image(img, fallback_alt):
    """Absolute URLs of every variant of an image, or None when there is none."""
    if img is None:
        return None
    urls = {
        name: url_for("media.image_file", filename=f"{img.hash}-{name}.webp", _external=True)
        for name in VARIANTS
    }
    return {"alt": img.alt or fallback_alt, "width": img.width, "height": img.height, **urls}


def sentra_summary(sentra, member_business_count):
    """The fields of one sentra in a directory listing."""
    return {
        "slug": sentra.slug,
        "name": sentra.name,
        "commodity": sentra.commodity,
        "commodity_label": str(reference.commodity_label(sentra.commodity)),
        "tagline": sentra.tagline,
        "province": sentra.province,
        "province_name": reference.province_name(sentra.province),
        "regency": sentra.regency,
        "district": sentra.district,
        "village": sentra.village,
        "verified": bool(sentra.verified),
        "member_business_count": member_business_count,
        "url": url_for("sentra.detail", slug=sentra.slug, _external=True),
        "api_url": url_for("api.sentra_detail", slug=sentra.slug, _external=True),
        "logo": image(sentra.logo, sentra.name),
        "banner": image(sentra.banner, sentra.name),
    }


def sentra_detail(sentra, board, businesses, member_business_count):
    """One sentra in full: the listing fields plus story, facilities, people and contact."""
    data = sentra_summary(sentra, member_business_count)
    data.update({
        "story": sentra.story,
        "address": sentra.address,
        "year_established": sentra.year_established,
        "guided_by": sentra.guided_by,
        "accent": sentra.accent,
        "facilities": [
            {"kind": f.kind, "label": str(reference.FACILITY_LABELS.get(f.kind, f.kind)), "note": f.note}
            for f in sentra.facilities
        ],
        "programmes": [
            {"kind": p.kind, "label": str(reference.PROGRAMME_LABELS.get(p.kind, p.kind)),
             "funding": p.funding, "year": p.year, "note": p.note}
            for p in sentra.programmes
        ],
        "photos": [
            {"caption": photo.caption, "image": image(photo.image, photo.caption or sentra.name)}
            for photo in sentra.photos
        ],
        "board": [
            {"name": m.user.display_name, "role": m.role,
             "role_label": str(role_label(m.role)), "title": m.title}
            for m in board
        ],
        "member_businesses": [
            {"slug": business.slug, "name": business.name,
             "url": url_for("businesses.detail", slug=business.slug, _external=True)}
            for business in businesses
        ],
        "contact": {"phone": sentra.phone, "whatsapp": sentra.whatsapp, "email": sentra.email},
    })
    return data


# ---- products ----------------------------------------------------------------------------------


def _money(amount):
    """A USD amount as an exact decimal string ('95.00'), or None."""
    return f"{amount:.2f}" if amount is not None else None


def _timestamp(value):
    if value is None:
        return None
    return (value if value.tzinfo else value.replace(tzinfo=UTC)).isoformat()


def product_summary(product):
    """The fields of one published product in a catalogue listing."""
    from marketplace.catalog.models import AVAILABILITY_LABELS
    from marketplace.catalog.views import product_url

    sentra = product.sentra
    return {
        "id": product.id,
        "title": product.title,
        "title_en": product.title_en,
        "category": product.category,
        "category_label": str(reference.commodity_label(product.category)),
        "channels": product.channels,
        "price_idr": product.price_idr,
        "unit": product.unit,
        "price_on_request": bool(product.price_on_request),
        "export_price_usd": _money(product.export_price_usd),
        "incoterm": product.incoterm,
        "port": product.port,
        "moq": product.moq,
        "capacity_per_month": product.capacity_per_month,
        "lead_time_days": product.lead_time_days,
        "availability": product.availability,
        "availability_label": str(AVAILABILITY_LABELS.get(product.availability, product.availability)),
        "samples_available": bool(product.samples_available),
        "hs_code": product.hs_code,
        "certifications": product.certification_codes,
        "ovop_stars": product.ovop_stars,
        "province": product.province,
        "province_name": reference.province_name(product.province) or None,
        "business": {
            "slug": product.business.slug,
            "name": product.business.name,
            "url": url_for("businesses.detail", slug=product.business.slug, _external=True),
        },
        "sentra": None if sentra is None else {
            "slug": sentra.slug,
            "name": sentra.name,
            "url": url_for("sentra.detail", slug=sentra.slug, _external=True),
            "api_url": url_for("api.sentra_detail", slug=sentra.slug, _external=True),
        },
        "cover": image(product.cover_image, product.title),
        "published_at": _timestamp(product.published_at),
        "url": product_url(product, _external=True),
        "api_url": url_for("api.product_detail", product_id=product.id, _external=True),
    }


def product_detail(product):
    """One published product in full: the listing fields plus text, sizes, gallery and OVOP rating."""
    from marketplace.catalog.models import OVOP_CRITERIA

    data = product_summary(product)
    rating = product.ovop_rating if product.ovop_stars is not None else None
    pictures = [item.image for item in product.images]
    data.update({
        "description": product.description or "",
        "description_en": product.description_en,
        "materials": product.materials,
        "size": product.size,
        "weight_grams": product.weight_grams,
        "images": [image(picture, product.title) for picture in pictures],
        "ovop": None if rating is None else {
            "stars": rating.stars,
            "scores": {code: getattr(rating, code) for code, _label in OVOP_CRITERIA},
            "note": rating.note or "",
            "rated_at": _timestamp(rating.rated_at),
        },
    })
    return data
