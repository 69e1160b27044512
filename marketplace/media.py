"""Uploaded images: checked by content, re-encoded without metadata, stored by content hash."""

import hashlib
import io
import os
from datetime import datetime
from pathlib import Path

from flask import Blueprint, abort, current_app, send_from_directory, url_for
from PIL import Image as PILImage
from PIL import ImageOps, UnidentifiedImageError
from sqlalchemy import DateTime, ForeignKey, Integer, String, select
from sqlalchemy.orm import Mapped, mapped_column

from marketplace.extensions import db
from marketplace.i18n import lazy_gettext as _l
from marketplace.timeutil import utcnow

ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP"}
# Variant name -> longest side in pixels. Every upload is stored in each variant.
VARIANTS = {"thumb": 320, "medium": 960, "large": 1600}
MIN_SIDE = 64
bp = Blueprint("media", __name__)


class ImageRejected(ValueError):
    """An upload that is not an acceptable image; the message is shown beside the field."""


class Image(db.Model):
    """A stored, re-encoded picture; files live under UPLOAD_DIR named by their hash."""

    __tablename__ = "image"

    id: Mapped[int] = mapped_column(primary_key=True)
    hash: Mapped[str] = mapped_column(String(64), unique=True)
    width: Mapped[int] = mapped_column(Integer)
    height: Mapped[int] = mapped_column(Integer)
    alt: Mapped[str | None] = mapped_column(String(200))
    uploaded_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    def url(self, variant="medium"):
        """The URL of one variant; the hash in it makes it cacheable forever."""
        return url_for("media.image_file", filename=f"{self.hash}-{variant}.webp")

    def srcset(self):
        """A srcset listing every variant, for responsive <img> tags."""
        return ", ".join(
            f"{self.url(name)} {min(size, max(self.width, self.height))}w"
            for name, size in VARIANTS.items()
        )


def _upload_dir():
    return Path(current_app.config["UPLOAD_DIR"])


def _relative_path(filename):
    return Path(filename[:2]) / filename


def _read_limited(stream, limit):
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise ImageRejected(
            _l("The image is larger than %(mb)d MB.", mb=limit // (1024 * 1024))
        )
    return data


def store_image(file_storage, uploaded_by=None, alt=None):
    """Validate an uploaded file, re-encode it in every variant and return its Image row.

    Raises ImageRejected with a message for the user when the upload is not acceptable.
    The row is added to the session but not committed: the caller owns the transaction.
    """
    limit = current_app.config["MAX_IMAGE_BYTES"]
    data = _read_limited(file_storage.stream, limit)
    if not data:
        raise ImageRejected(_l("The file is empty."))
    picture = open_image(data)
    return _save_variants(picture, uploaded_by, alt)


def open_image(data):
    """Open bytes as a JPEG, PNG or WebP picture within the pixel limit, or refuse them."""
    max_pixels = current_app.config["MAX_IMAGE_PIXELS"]
    try:
        with PILImage.open(io.BytesIO(data)) as probe:
            fmt = probe.format
            width, height = probe.size
            if fmt not in ACCEPTED_FORMATS:
                raise ImageRejected(_l("Only JPEG, PNG or WebP pictures are accepted."))
            if width * height > max_pixels:
                raise ImageRejected(
                    _l("The image has too many pixels (at most %(mp)d megapixels).",
                       mp=max_pixels // 1_000_000)
                )
            probe.verify()
        picture = PILImage.open(io.BytesIO(data))
        picture.load()
    except ImageRejected:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError,
            PILImage.DecompressionBombError):
        raise ImageRejected(
            _l("This file is not a picture we can read. Use a JPEG, PNG or WebP photo.")
        ) from None
    if min(picture.size) < MIN_SIDE:
        raise ImageRejected(_l("The image is too small (at least %(px)d pixels on each side).",
                               px=MIN_SIDE))
    # Apply the camera's orientation before the EXIF block is dropped.
    picture = ImageOps.exif_transpose(picture)
    if picture.mode not in ("RGB", "RGBA"):
        picture = picture.convert("RGBA" if "A" in picture.getbands() or
                                  picture.info.get("transparency") is not None else "RGB")
    return picture


def _encode(picture, longest):
    copy = picture.copy()
    copy.thumbnail((longest, longest), PILImage.Resampling.LANCZOS)
    out = io.BytesIO()
    # No exif=, icc_profile= or xmp= arguments: the new file carries no metadata.
    copy.save(out, format="WEBP", quality=82, method=4)
    return out.getvalue()


def _save_variants(picture, uploaded_by, alt):
    encoded = {name: _encode(picture, size) for name, size in VARIANTS.items()}
    digest = hashlib.sha256(encoded["large"]).hexdigest()
    existing = db.session.scalar(select(Image).where(Image.hash == digest))
    if existing is not None:
        return existing
    for name, payload in encoded.items():
        target = _upload_dir() / _relative_path(f"{digest}-{name}.webp")
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_suffix(".tmp")
        temporary.write_bytes(payload)
        os.replace(temporary, target)
    image = Image(
        hash=digest, width=picture.width, height=picture.height, alt=alt,
        uploaded_by_id=getattr(uploaded_by, "id", None),
    )
    db.session.add(image)
    return image


def store_picture(picture, uploaded_by=None, alt=None):
    """Store a picture drawn by code (the demo data) through the same pipeline."""
    return _save_variants(picture, uploaded_by, alt)


@bp.route("/media/<filename>")
def image_file(filename):
    """Serve a stored image variant with long caching and no content sniffing."""
    stem, dot, ext = filename.partition(".")
    digest, dash, variant = stem.rpartition("-")
    if ext != "webp" or not dash or variant not in VARIANTS or len(digest) != 64 or not all(
        c in "0123456789abcdef" for c in digest
    ):
        abort(404)
    response = send_from_directory(
        _upload_dir(), str(_relative_path(filename)), mimetype="image/webp", max_age=31536000
    )
    response.headers["Cache-Control"] = "public, max-age=31536000, immutable"
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Disposition"] = "inline"
    return response
