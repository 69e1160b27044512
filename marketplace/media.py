"""Uploaded images: checked by content, re-encoded without metadata, stored by content hash."""

import hashlib
import io
import math
import os
import re
import tempfile
from datetime import datetime
from pathlib import Path

from flask import Blueprint, abort, current_app, send_from_directory, url_for
from PIL import Image as PILImage
from PIL import ImageOps
from sqlalchemy import DateTime, ForeignKey, Integer, String, select
from sqlalchemy.orm import Mapped, mapped_column

from marketplace.extensions import db
from marketplace.i18n import lazy_gettext as _l
from marketplace.timeutil import utcnow

# Formats recognised by content (Pillow's own detection, never the file name). MPO is what
# many phone cameras write: a JPEG with extra frames; the JPEG plugin opens it.
ACCEPTED_FORMATS = {"JPEG", "MPO", "PNG", "WEBP"}
_DECODERS = ("JPEG", "PNG", "WEBP")  # the only Pillow plugins allowed to parse an upload
# Variant name -> longest side in pixels. Every upload is stored in each variant.
VARIANTS = {"thumb": 320, "medium": 960, "large": 1600}
MIN_SIDE = 64
_STORED_NAME = re.compile(r"^(?P<digest>[0-9a-f]{64})-(?P<variant>[a-z]+)\.webp$")
_ORIENTATION = 0x0112  # the EXIF tag that says how the camera was held
_SIXTEEN_BIT_MODES = {"I", "I;16", "I;16L", "I;16B", "I;16N"}
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

    def url(self, variant="medium", external=False):
        """The URL of one variant; the hash in it makes it cacheable forever."""
        return url_for("media.image_file", filename=f"{self.hash}-{variant}.webp", _external=external)

    def variant_size(self, variant):
        """(width, height) of a stored variant: the picture scaled down to fit its box."""
        longest = VARIANTS[variant]
        scale = min(1.0, longest / max(self.width, self.height, 1))
        return max(1, round(self.width * scale)), max(1, round(self.height * scale))

    def srcset(self):
        """A srcset listing every variant by its real width, for responsive <img> tags."""
        return ", ".join(f"{self.url(name)} {self.variant_size(name)[0]}w" for name in VARIANTS)


def _upload_dir():
    return Path(current_app.config["UPLOAD_DIR"])


def _relative_path(filename):
    return Path(filename[:2]) / filename


def _human_size(size):
    """A byte count as people read it: '8 MB', '200 KB'."""
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.3g} MB"
    return f"{max(1, size // 1024)} KB"


def _read_limited(stream, limit):
    """Read at most `limit` bytes, refusing (without reading on) anything larger."""
    try:
        stream.seek(0)
    except (AttributeError, OSError, ValueError):
        pass  # a non-seekable stream is read from where it is
    data = stream.read(limit + 1)
    if len(data) > limit:
        size = _human_size(limit)
        raise ImageRejected(_l("The image is larger than %(size)s.", size=size))
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
    picture, size = _decode(data)
    return _save_variants(picture, size, uploaded_by, alt)


def _too_many_pixels():
    megapixels = "{:.3g}".format(current_app.config["MAX_IMAGE_PIXELS"] / 1_000_000)
    return ImageRejected(_l("The image has too many pixels (at most %(mp)s megapixels).", mp=megapixels))


def _decode(data):
    """Decode the first frame of an accepted picture, upright and in RGB(A).

    Returns the picture (possibly decoded at a reduced scale) and its full upright size.
    """
    max_pixels = current_app.config["MAX_IMAGE_PIXELS"]
    unreadable = ImageRejected(
        _l("This file is not a picture we can read. Use a JPEG, PNG or WebP photo.")
    )
    try:
        # The header is read first: format and size are checked before any pixel is decoded.
        with PILImage.open(io.BytesIO(data), formats=_DECODERS) as probe:
            if probe.format not in ACCEPTED_FORMATS:
                raise ImageRejected(_l("Only JPEG, PNG or WebP pictures are accepted."))
            width, height = probe.size
            if width * height > max_pixels:
                raise _too_many_pixels()
            if min(width, height) < MIN_SIDE:
                raise ImageRejected(
                    _l("The image is too small (at least %(px)d pixels on each side).", px=MIN_SIDE)
                )
            probe.verify()
        picture = PILImage.open(io.BytesIO(data), formats=_DECODERS)
        picture.seek(0)  # animated WebP/PNG and MPO: the first frame only
        largest = max(VARIANTS.values())
        if picture.format in ("JPEG", "MPO") and max(width, height) > largest:
            # Let libjpeg decode at 1/2, 1/4 or 1/8 scale: a 40 MP photo needs far less memory.
            ratio = largest / max(width, height)
            picture.draft(None, (math.ceil(width * ratio), math.ceil(height * ratio)))
        picture.load()
    except ImageRejected:
        raise
    except PILImage.DecompressionBombError:
        raise _too_many_pixels() from None
    except Exception:  # noqa: BLE001 - a decoder fails in many ways; each means "unreadable"
        raise unreadable from None
    try:
        turned = picture.getexif().get(_ORIENTATION) in (5, 6, 7, 8)
        upright = ImageOps.exif_transpose(picture)
    except Exception:  # noqa: BLE001 - a broken EXIF block must not refuse a good picture
        turned, upright = False, picture.copy()
    if upright is picture:
        upright = picture.copy()
    picture.close()
    if turned:
        width, height = height, width  # the camera held sideways: width and height swap
    upright = _normalise_mode(upright)
    upright.info = {}  # nothing from the upload (EXIF, XMP, ICC, comments) travels further
    return upright, (width, height)


def _normalise_mode(picture):
    """Convert any decoded mode to RGB, or RGBA when the picture has transparency."""
    mode = picture.mode
    has_alpha = (
        "A" in picture.getbands() or "a" in picture.getbands() or "transparency" in picture.info
    )
    if mode in _SIXTEEN_BIT_MODES:
        # 16-bit greyscale PNG: scale to 8 bits instead of clipping everything to white.
        picture = picture.convert("I").point(lambda value: value / 256).convert("L")
        has_alpha = False
    if has_alpha:
        picture = picture.convert("RGBA") if picture.mode != "RGBA" else picture
        if picture.getchannel("A").getextrema() == (255, 255):
            picture = picture.convert("RGB")  # an opaque alpha channel only costs bytes
        return picture
    return picture if picture.mode == "RGB" else picture.convert("RGB")


def _encode(picture, longest):
    copy = picture.copy()
    copy.info = {}
    copy.thumbnail((longest, longest), PILImage.Resampling.LANCZOS)
    out = io.BytesIO()
    # No exif=, icc_profile= or xmp= arguments: the new file carries no metadata.
    copy.save(out, format="WEBP", quality=82, method=4)
    return out.getvalue()


def _write_atomically(target, payload):
    """Write a file under a temporary name and move it in place, so readers never see half."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(payload)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _save_variants(picture, size, uploaded_by, alt):
    encoded = {name: _encode(picture, longest) for name, longest in VARIANTS.items()}
    digest = hashlib.sha256(encoded["large"]).hexdigest()
    for name, payload in encoded.items():
        target = _upload_dir() / _relative_path(f"{digest}-{name}.webp")
        if not target.exists():
            _write_atomically(target, payload)
    existing = db.session.scalar(select(Image).where(Image.hash == digest))
    if existing is not None:
        return existing
    image = Image(
        hash=digest, width=size[0], height=size[1], alt=alt,
        uploaded_by_id=getattr(uploaded_by, "id", None),
    )
    db.session.add(image)
    return image


def store_picture(picture, uploaded_by=None, alt=None):
    """Store a picture drawn by code (the demo data) through the same pipeline."""
    picture = _normalise_mode(picture)
    return _save_variants(picture, picture.size, uploaded_by, alt)


@bp.route("/media/<filename>")
def image_file(filename):
    """Serve a stored image variant with long caching and no content sniffing."""
    match = _STORED_NAME.match(filename)
    if match is None or match["variant"] not in VARIANTS:
        abort(404)
    response = send_from_directory(
        _upload_dir(), str(_relative_path(filename)), mimetype="image/webp", max_age=31536000
    )
    response.headers["Cache-Control"] = "public, max-age=31536000, immutable"
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Disposition"] = "inline"
    return response
