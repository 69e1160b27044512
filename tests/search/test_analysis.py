"""The Indonesian analysis: what a member types and what the index holds meet at the same stem."""

import pickle

import pytest

from marketplace.search import analysis, snippets


def terms(text):
    return [token.text for token in analysis.indonesian_analyzer()(text)]


@pytest.mark.parametrize("word", ["menenun", "tenunan", "penenun", "ditenun", "tenun", "Menenun"])
def test_weaving_words_share_the_stem_tenun(word):
    assert terms(word) == ["tenun"]


def test_craftsman_and_craft_words_match_each_other():
    assert set(terms("kerajinan perajin pengrajin")) == {"rajin"}


def test_exception_list_fixes_packaging_that_sastrawi_reads_as_gold():
    assert terms("pengemasan") == terms("kemasan") == ["kemas"]
    assert terms("emas") == ["emas"]  # gold stays gold
    assert terms("pengeringan") == terms("dikeringkan") == ["kering"]


def test_stop_words_drop_but_craft_words_stay():
    assert terms("kain panjang yang dan untuk batik") == ["kain", "panjang", "batik"]


def test_the_pipe_and_the_list_helper_agree():
    text = "Pewarna alami untuk tenunan ikat, 120 lembar per bulan."
    assert analysis.indonesian_terms(text) == terms(text)


def test_english_fields_get_english_stems():
    text = "Handwoven fabrics dyed with natural dyes"
    assert analysis.english_terms(text) == [t.text for t in analysis.english_analyzer()(text)]
    assert analysis.english_terms("fabrics dyes") == analysis.english_terms("fabric dye")
    assert "with" not in " ".join(analysis.english_terms(text))


def test_query_words_keep_both_stems_and_drop_stop_words_of_either_language():
    rows = analysis.query_words("Menenun untuk the fabrics")
    assert rows == [("menenun", "tenun", "menenun"), ("fabrics", "fabrics", "fabric")]


def test_analyzer_pickles_without_its_cache():
    analysis.stem("menenun")  # warm the process-wide cache
    analyzer = analysis.indonesian_analyzer()
    data = pickle.dumps(analyzer)
    assert len(data) < 20_000
    assert [t.text for t in pickle.loads(data)("ditenun")]  # noqa: S301 - our own bytes == ["tenun"]


def test_snippet_marks_inflected_forms_of_the_query_words():
    stems = snippets.query_stems(analysis.query_words("menenun"))
    html = str(snippets.snippet("Ibu-ibu penenun di Way Halim menjual tenunan tapis.", stems))
    assert "<mark>penenun</mark>" in html and "<mark>tenunan</mark>" in html


def test_snippet_escapes_text_and_cuts_around_the_match():
    stems = snippets.query_stems(analysis.query_words("gerabah"))
    text = "<b>awal</b> " + "kata " * 100 + "gerabah Kasongan " + "lagi " * 100
    html = str(snippets.snippet(text, stems, size=80))
    assert "<mark>gerabah</mark>" in html
    assert "<b>" not in html and html.startswith("… ") and html.endswith(" …")
    assert len(html) < 140
