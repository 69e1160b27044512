"""Turn sentra rows into the JSON shapes documented in openapi.py (public fields only)."""

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
