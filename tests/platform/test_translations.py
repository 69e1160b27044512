"""The catalogues: every string of the interface is in Indonesian, and they follow the source.

When a test here fails after you changed the UI, run `make messages`, translate the new entries in
marketplace/translations/id/LC_MESSAGES/messages.po and run `make translations`.
"""

import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "marketplace" / "translations"
ID_PO = TRANSLATIONS / "id" / "LC_MESSAGES" / "messages.po"
EN_PO = TRANSLATIONS / "en" / "LC_MESSAGES" / "messages.po"

# %(name)s, %(num)d, %(mp).1f ... and the %% escape; a bare % is not a placeholder.
PLACEHOLDER_RE = re.compile(r"%(?:\((\w+)\))?[-#0 +]*\d*(?:\.\d+)?([diouxXeEfFgGcrsa%])")


def load(path):
    with open(path, "rb") as handle:
        return read_po(handle)


def msgid_of(message):
    return message.id[0] if isinstance(message.id, tuple | list) else message.id


def strings_of(message):
    return list(message.string) if isinstance(message.string, tuple | list) else [message.string]


def messages(catalog):
    return [message for message in catalog if message.id]


def placeholders(text):
    return sorted(match.group(0) for match in PLACEHOLDER_RE.finditer(text) if match.group(2) != "%")


def makefile_extract_options():
    """The options `make messages` gives pybabel extract, read from the Makefile itself."""
    makefile = (ROOT / "Makefile").read_text()
    match = re.search(r"^EXTRACT_OPTS\s*:?=\s*(.+)$", makefile, re.MULTILINE)
    assert match, "the Makefile has no EXTRACT_OPTS line for `pybabel extract`"
    return shlex.split(match.group(1))


@pytest.fixture(scope="module")
def id_catalog():
    return load(ID_PO)


@pytest.fixture(scope="module")
def source_msgids(tmp_path_factory):
    """The strings the code and templates use now, extracted like `make messages` does."""
    pot = tmp_path_factory.mktemp("messages") / "messages.pot"
    command = [sys.executable, "-m", "babel.messages.frontend", "--quiet", "extract",
               *makefile_extract_options(), "-o", str(pot), "."]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)  # noqa: S603
    assert result.returncode == 0, f"pybabel extract failed:\n{result.stderr}"
    return {msgid_of(message) for message in messages(load(pot))}


# ---- (a) every message is translated ----------------------------------------------------------


def test_indonesian_catalogue_header():
    catalog = load(ID_PO)
    assert str(catalog.locale) == "id"
    assert catalog.plural_forms == "nplurals=1; plural=0;"
    assert not catalog.fuzzy, "the header of the Indonesian catalogue is marked fuzzy"


def test_every_indonesian_message_is_translated_and_not_fuzzy(id_catalog):
    untranslated = [msgid_of(m) for m in messages(id_catalog) if not all(s.strip() for s in strings_of(m))]
    fuzzy = [msgid_of(m) for m in messages(id_catalog) if m.fuzzy]
    assert not (untranslated or fuzzy), (
        "translate these in the Indonesian catalogue:\n" + "\n".join(untranslated)
        + "\ncheck these fuzzy translations and remove their `#, fuzzy` flag:\n" + "\n".join(fuzzy)
    )


def test_indonesian_plurals_have_one_form(id_catalog):
    for message in messages(id_catalog):
        if message.pluralizable:
            assert len(strings_of(message)) == 1, msgid_of(message)


def test_english_catalogue_falls_back_to_the_source():
    """English shows the msgid: a translation there would silently differ from the code."""
    translated = [msgid_of(m) for m in messages(load(EN_PO)) if any(strings_of(m))]
    assert not translated, "the English catalogue should keep empty msgstr:\n" + "\n".join(translated)


# ---- (b) the catalogues follow the source ------------------------------------------------------


def test_source_strings_are_extracted(source_msgids):
    """The extraction reads Python (_ and _l), page templates, macros and the email text."""
    for expected in ("Log in", "Woven cloth (tenun)", "Please log in to open this page.",
                     "Previous", "Salam,", "%(num)d sentra found"):
        assert expected in source_msgids, f"`make messages` no longer finds {expected!r}"


@pytest.mark.parametrize("po_path", [ID_PO, EN_PO], ids=["id", "en"])
def test_catalogue_is_in_sync_with_the_source(source_msgids, po_path):
    catalogued = {msgid_of(message) for message in messages(load(po_path))}
    new = sorted(source_msgids - catalogued)
    gone = sorted(catalogued - source_msgids)
    assert not new, (
        f"strings missing from {po_path.relative_to(ROOT)} (run `make messages` and translate them):\n"
        + "\n".join(new)
    )
    assert not gone, (
        f"strings in {po_path.relative_to(ROOT)} that the code no longer uses (run `make messages`):\n"
        + "\n".join(gone)
    )


# ---- (c) placeholders survive translation ------------------------------------------------------


def test_translations_keep_the_placeholders(id_catalog):
    problems = []
    for message in messages(id_catalog):
        ids = list(message.id) if message.pluralizable else [message.id]
        wanted = placeholders(ids[-1])
        for text in strings_of(message):
            if text and placeholders(text) != wanted:
                problems.append(f"{ids[0]!r}: {placeholders(text)} instead of {wanted}")
    assert not problems, "placeholders differ from the source:\n" + "\n".join(problems)


def test_babel_finds_no_format_errors(id_catalog):
    errors = [f"{msgid_of(message)!r}: {[str(e) for e in errs]}" for message, errs in id_catalog.check()]
    assert not errors, "\n".join(errors)


def test_placeholder_pattern():
    assert placeholders("%(num)d of %(name)s, 100%% sure") == ["%(name)s", "%(num)d"]
    assert placeholders("%(mp).1f MP") == ["%(mp).1f"]


# ---- (d) pages speak the visitor's language ----------------------------------------------------


def test_pages_are_indonesian_by_accept_language(client):
    page = client.get("/login", headers={"Accept-Language": "id-ID,id;q=0.9"}).get_data(as_text=True)
    assert '<html lang="id">' in page
    assert "Masuk" in page, "no Indonesian on /login: is the catalogue compiled? (make translations)"
    assert "Kata sandi" in page
    assert "Log in" not in page
    assert "Password" not in page


def test_pages_are_english_on_request(client):
    page = client.get("/login", headers={"Accept-Language": "en-GB,en;q=0.9"}).get_data(as_text=True)
    assert '<html lang="en">' in page
    assert "Log in" in page
    assert "Password" in page
    assert "Kata sandi" not in page


def test_indonesian_is_the_default(client):
    page = client.get("/sentra").get_data(as_text=True)
    assert "Direktori sentra" in page
    assert "Sentra directory" not in page


def test_built_in_form_messages_are_indonesian_too(client):
    """WTForms has no Indonesian catalogue of its own; ours (domain "wtforms") fills the gap."""
    from tests.conftest import post_form

    response = post_form(client, "/login", {"email": "", "password": ""})
    page = response.get_data(as_text=True)
    assert "Isian ini wajib diisi." in page
    assert "This field is required." not in page

    response = post_form(client, "/login", {"email": "", "password": ""},
                         headers={"Accept-Language": "en"})
    assert "This field is required." in response.get_data(as_text=True)


def test_wtforms_catalogue_covers_every_wtforms_message():
    """Every message WTForms can show has an Indonesian translation in our catalogue."""
    from pathlib import Path

    from babel.messages.pofile import read_po
    from wtforms.i18n import messages_path

    template = read_po((Path(messages_path()) / "wtforms.pot").open("rb"))
    catalogue = Path(__file__).resolve().parents[2] / "marketplace/translations/id/LC_MESSAGES/wtforms.po"
    ours = read_po(catalogue.open("rb"))
    missing = [m.id for m in template if m.id and not (ours.get(m.id) and ours.get(m.id).string)]
    assert not missing, f"untranslated WTForms messages: {missing}"
