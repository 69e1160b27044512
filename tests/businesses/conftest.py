"""Helpers for the businesses tests: people, the business form, picture files and uploads."""

import io
import re
from pathlib import Path

import pytest
from PIL import Image as PILImage

from tests.conftest import make_user


@pytest.fixture(autouse=True)
def english(client):
    """Read pages in English (the source strings), whatever the catalogues say."""
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"


@pytest.fixture
def owner(app):
    """A business owner (the usual seller account)."""
    return make_user("siti@tapis.id", display_name="Siti Aminah")


@pytest.fixture
def other_owner(app):
    """A second business owner, who must not touch Siti's business."""
    return make_user("budi@gerabah.id", display_name="Budi Santoso")


def business_data(**overrides):
    """A complete, valid business profile form."""
    data = {
        "name": "Tapis Siger Ibu Siti",
        "sentra": "",
        "description": "Kami menenun tapis sejak 1998.\n\nSemua motif dikerjakan tangan.",
        "year_founded": "1998",
        "workforce": "12",
        "capacity_amount": "2000",
        "capacity_unit": "lembar",
        "techniques": "tenun ikat, sulam tapis, pewarnaan alami",
        "certifications": ["SNI", "HALAL"],
        "nib": "9120301234567",
        "export_ready": "y",
        "phone": "0721 123456",
        "whatsapp": "0812-3456-7890",
        "email": "halo@tapissiti.id",
        "address": "Jl. Teuku Cik Ditiro 12, Kemiling, Bandar Lampung",
    }
    data.update(overrides)
    return data


def noisy_jpeg(size=(600, 400)):
    """A JPEG that does not compress well (for size limits)."""
    import os

    picture = PILImage.frombytes("RGB", size, os.urandom(size[0] * size[1] * 3))
    out = io.BytesIO()
    picture.save(out, "JPEG", quality=95)
    return out.getvalue()


def upload(data, filename):
    """A file part for the test client."""
    return (io.BytesIO(data), filename)


def stored_files(app, image):
    """The stored variant files of an Image row."""
    folder = Path(app.config["UPLOAD_DIR"]) / image.hash[:2]
    return {variant: folder / f"{image.hash}-{variant}.webp" for variant in ("thumb", "medium", "large")}


def is_checked(html, name, value):
    """True when the checkbox `name`=`value` is rendered checked."""
    for tag in re.findall(r"<input [^>]*>", html):
        if f'name="{name}"' in tag and f'value="{value}"' in tag:
            return " checked" in tag
    raise AssertionError(f"no checkbox {name}={value}")
