"""The shared image pipeline, exercised through the business logo upload."""

import io
import re

import pytest
from PIL import Image as PILImage
from sqlalchemy import func, select

from marketplace.businesses.models import Business
from marketplace.media import Image
from tests.businesses.conftest import (
    business_data,
    noisy_jpeg,
    stored_files,
    upload,
)
from tests.conftest import make_business, picture_bytes, submit

NAME = "Tapis Siger Ibu Siti"


def create_with_logo(client, data, filename="logo.jpg", **fields):
    return submit(client, "/ikm/new", business_data(name=NAME, logo=upload(data, filename), **fields))


def refused(response, db, message):
    """The form came back with the logo error beside the field and the typed values kept."""
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    error = re.search(r'<p class="error" id="logo-error">([^<]*)</p>', html)
    assert error, "no error beside the logo field"
    assert message in error.group(1)
    assert f'value="{NAME}"' in html
    assert 'value="tenun ikat, sulam tapis, pewarnaan alami"' in html
    assert db.session.scalar(select(func.count()).select_from(Business)) == 0
    assert db.session.scalar(select(func.count()).select_from(Image)) == 0


def stored_logo(db):
    business = db.session.scalar(select(Business))
    assert business is not None and business.logo is not None
    return business.logo


def gps_jpeg(size=(300, 150), orientation=None):
    """A camera-like JPEG carrying make, model and GPS position in its EXIF block."""
    exif = PILImage.Exif()
    exif[0x010F] = "Canon"
    exif[0x0110] = "EOS 80D"
    if orientation:
        exif[0x0112] = orientation
    gps = exif.get_ifd(0x8825)
    gps.update({1: "S", 2: (5.0, 22.0, 51.0), 3: "E", 4: (105.0, 14.0, 3.0)})
    out = io.BytesIO()
    PILImage.new("RGB", size, (200, 30, 30)).save(out, "JPEG", exif=exif)
    data = out.getvalue()
    assert PILImage.open(io.BytesIO(data)).getexif().get_ifd(0x8825)  # the test input has GPS
    return data


@pytest.fixture
def logged_in(client, owner, login):
    login(owner)
    return client


def test_text_file_named_jpg_is_refused(logged_in, db):
    response = create_with_logo(logged_in, b"Ini bukan gambar, hanya teks.\n" * 20, "logo.jpg")
    refused(response, db, "This file is not a picture we can read.")


@pytest.mark.parametrize("payload, filename", [
    (b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="100" height="100"/></svg>',
     "logo.svg"),
    (b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "logo.png"),
    (b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>", "logo.webp"),
    (b"GIF89a" + b"\x00" * 200, "logo.gif"),
])
def test_svg_html_and_other_formats_are_refused(logged_in, db, payload, filename):
    refused(create_with_logo(logged_in, payload, filename), db, "JPEG, PNG or WebP")


def test_gif_is_refused(logged_in, db):
    refused(create_with_logo(logged_in, picture_bytes("GIF"), "logo.gif"), db, "JPEG, PNG or WebP")


def test_image_over_max_image_bytes_is_refused(app, logged_in, db):
    app.config["MAX_IMAGE_BYTES"] = 20 * 1024
    data = noisy_jpeg()
    assert len(data) > 20 * 1024
    refused(create_with_logo(logged_in, data), db, "The image is larger than 20 KB.")


def test_image_over_max_image_pixels_is_refused(app, logged_in, db):
    app.config["MAX_IMAGE_PIXELS"] = 100_000
    data = picture_bytes("PNG", size=(400, 300))
    refused(create_with_logo(logged_in, data, "logo.png"), db, "The image has too many pixels")


def test_pillow_decompression_bomb_check_is_a_refusal(app, logged_in, db, monkeypatch):
    monkeypatch.setattr(PILImage, "MAX_IMAGE_PIXELS", 10_000)  # Pillow refuses above twice this
    refused(create_with_logo(logged_in, picture_bytes(size=(400, 300))), db, "too many pixels")


def test_tiny_image_is_refused(logged_in, db):
    refused(create_with_logo(logged_in, picture_bytes("PNG", size=(40, 200)), "logo.png"), db,
            "The image is too small")


def test_empty_file_input_is_no_logo(logged_in, db):
    response = create_with_logo(logged_in, b"", "")
    assert response.status_code == 302
    assert db.session.scalar(select(Business)).logo is None


def test_exif_and_gps_are_stripped(app, logged_in, db):
    response = create_with_logo(logged_in, gps_jpeg())
    assert response.status_code == 302
    logo = stored_logo(db)
    for variant, path in stored_files(app, logo).items():
        with PILImage.open(path) as stored:
            assert stored.format == "WEBP", variant
            assert len(stored.getexif()) == 0, variant
            assert "exif" not in stored.info and "xmp" not in stored.info, variant
        assert b"Canon" not in path.read_bytes() and b"EOS 80D" not in path.read_bytes()


def test_camera_orientation_is_applied(app, logged_in, db):
    # Stored 300 wide and 150 high, but the camera was held sideways (orientation 6).
    assert create_with_logo(logged_in, gps_jpeg(orientation=6)).status_code == 302
    logo = stored_logo(db)
    assert (logo.width, logo.height) == (150, 300)
    assert logo.variant_size("thumb") == (150, 300)
    with PILImage.open(stored_files(app, logo)["large"]) as stored:
        assert stored.size == (150, 300)


def test_variants_are_scaled_webp_files(app, logged_in, db):
    assert create_with_logo(logged_in, picture_bytes(size=(2400, 1200))).status_code == 302
    logo = stored_logo(db)
    sizes = {}
    for variant, path in stored_files(app, logo).items():
        with PILImage.open(path) as stored:
            sizes[variant] = stored.size
    assert sizes == {"thumb": (320, 160), "medium": (960, 480), "large": (1600, 800)}
    assert logo.variant_size("thumb") == (320, 160)
    with app.test_request_context():
        assert f"{logo.url('large')} 1600w" in logo.srcset()
        assert f"{logo.url('thumb')} 320w" in logo.srcset()


def test_png_with_transparency_keeps_it(app, logged_in, db):
    picture = PILImage.new("RGBA", (200, 200), (0, 0, 0, 0))
    picture.paste((30, 90, 160, 255), (50, 50, 150, 150))
    out = io.BytesIO()
    picture.save(out, "PNG")
    assert create_with_logo(logged_in, out.getvalue(), "logo.png").status_code == 302
    with PILImage.open(stored_files(app, stored_logo(db))["large"]) as stored:
        assert stored.mode == "RGBA"
        assert stored.getpixel((5, 5))[3] == 0
        assert stored.getpixel((100, 100))[3] == 255


def _palette_with_transparency():
    picture = PILImage.new("P", (120, 90), 1)
    picture.putpalette([255, 255, 255, 200, 30, 30] + [0, 0, 0] * 254)
    picture.paste(0, (0, 0, 40, 90))  # a transparent band on the left
    out = io.BytesIO()
    picture.save(out, "PNG", transparency=0)
    return out.getvalue()


def _animated_webp():
    out = io.BytesIO()
    red, blue = PILImage.new("RGB", (120, 90), (220, 0, 0)), PILImage.new("RGB", (120, 90), (0, 0, 220))
    red.save(out, "WEBP", save_all=True, append_images=[blue], duration=100, lossless=True)
    return out.getvalue()


def _mpo():
    out = io.BytesIO()
    frames = [PILImage.new("RGB", (120, 90), (220, 0, 0)), PILImage.new("RGB", (120, 90), (0, 0, 220))]
    frames[0].save(out, "MPO", save_all=True, append_images=frames[1:])
    return out.getvalue()


@pytest.mark.parametrize("make, filename, expected_mode", [
    (_palette_with_transparency, "palette.png", "RGBA"),
    (lambda: picture_bytes("PNG", mode="LA", color=(120, 128)), "grey-alpha.png", "RGBA"),
    (lambda: picture_bytes("PNG", mode="L", color=90), "grey.png", "RGB"),
    (lambda: picture_bytes("PNG", mode="I;16", color=40000), "sixteen-bit.png", "RGB"),
    (lambda: picture_bytes("JPEG", mode="CMYK", color=(0, 80, 80, 10)), "print.jpg", "RGB"),
    (_animated_webp, "animated.webp", "RGB"),
    (_mpo, "phone.jpg", "RGB"),
    (lambda: picture_bytes("WEBP"), "photo.webp", "RGB"),
])
def test_picture_modes_are_normalised(app, logged_in, db, make, filename, expected_mode):
    assert create_with_logo(logged_in, make(), filename).status_code == 302
    with PILImage.open(stored_files(app, stored_logo(db))["large"]) as stored:
        stored.load()
        assert stored.mode == expected_mode
        assert getattr(stored, "n_frames", 1) == 1


def test_animated_picture_keeps_its_first_frame(app, logged_in, db):
    assert create_with_logo(logged_in, _animated_webp(), "animated.webp").status_code == 302
    with PILImage.open(stored_files(app, stored_logo(db))["large"]) as stored:
        red, green, blue = stored.convert("RGB").getpixel((60, 45))
    assert red > 150 and blue < 80


def test_sixteen_bit_grey_is_not_turned_white(app, logged_in, db):
    data = picture_bytes("PNG", mode="I;16", color=32768)
    assert create_with_logo(logged_in, data, "scan.png").status_code == 302
    with PILImage.open(stored_files(app, stored_logo(db))["large"]) as stored:
        value = stored.convert("L").getpixel((10, 10))
    assert 100 < value < 160


def test_refused_logo_on_edit_saves_nothing(client, db, owner, login):
    make_business(owner, slug="tapis-siger", name="Tapis Siger Lama")
    login(owner)
    response = submit(client, "/ikm/tapis-siger/edit", business_data(
        name=NAME, logo=upload(b"%PDF-1.4 not a picture", "logo.jpg")))
    refused_html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert 'id="logo-error"' in refused_html and f'value="{NAME}"' in refused_html
    db.session.expire_all()
    business = db.session.scalar(select(Business))
    assert business.name == "Tapis Siger Lama" and business.nib is None and business.logo_id is None


def test_new_logo_replaces_the_old_one(app, client, db, owner, login):
    make_business(owner, slug="tapis-siger", name="Tapis Siger")
    login(owner)
    first = submit(client, "/ikm/tapis-siger/edit", business_data(logo=upload(picture_bytes(), "a.jpg")))
    assert first.status_code == 302
    db.session.expire_all()
    first_logo = db.session.scalar(select(Business)).logo_id
    second = submit(client, "/ikm/tapis-siger/edit",
                    business_data(logo=upload(picture_bytes(color=(0, 120, 60)), "b.png")))
    assert second.status_code == 302
    db.session.expire_all()
    assert db.session.scalar(select(Business)).logo_id not in (None, first_logo)
    # Saving without a file keeps the current logo.
    third = submit(client, "/ikm/tapis-siger/edit", business_data())
    assert third.status_code == 302
    db.session.expire_all()
    assert db.session.scalar(select(Business)).logo_id is not None


def test_media_responses_are_cacheable_webp(app, logged_in, db):
    create_with_logo(logged_in, picture_bytes())
    logo = stored_logo(db)
    with logged_in.get(f"/media/{logo.hash}-thumb.webp") as response:
        body = response.data  # the file is streamed; closing it is up to the reader
    assert response.status_code == 200
    assert response.mimetype == "image/webp"
    assert "immutable" in response.headers["Cache-Control"]
    assert "max-age=31536000" in response.headers["Cache-Control"]
    assert "public" in response.headers["Cache-Control"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert body[:4] == b"RIFF" and body[8:12] == b"WEBP"


@pytest.mark.parametrize("path", [
    "/media/../config.py",
    "/media/..%2F..%2Fconfig.py",
    "/media/%2e%2e/test.db",
    "/media/" + "a" * 64 + "-thumb.webp",          # well formed, never stored
    "/media/" + "A" * 64 + "-thumb.webp",          # not our spelling
    "/media/" + "a" * 64 + "-original.webp",       # no such variant
    "/media/" + "a" * 64 + "-thumb.svg",
    "/media/" + "a" * 63 + "-thumb.webp",
    "/media/test.db",
])
def test_odd_media_names_are_404(client, path):
    assert client.get(path).status_code == 404


def test_stored_file_under_other_variant_name_is_404(app, logged_in, db):
    create_with_logo(logged_in, picture_bytes())
    logo = stored_logo(db)
    with logged_in.get(f"/media/{logo.hash}-thumb.webp") as response:
        assert response.status_code == 200
    assert logged_in.get(f"/media/{logo.hash}-thumb.webp.html").status_code == 404
    assert logged_in.get(f"/media/{logo.hash[:2]}/{logo.hash}-thumb.webp").status_code == 404


def test_request_over_max_content_length_gets_the_413_page(app, logged_in, db):
    app.config["MAX_CONTENT_LENGTH"] = 64 * 1024
    response = create_with_logo(logged_in, noisy_jpeg(size=(400, 400)))
    html = response.get_data(as_text=True)
    assert response.status_code == 413
    assert "Upload too large" in html
    assert "Traceback" not in html
    assert db.session.scalar(select(func.count()).select_from(Business)) == 0
