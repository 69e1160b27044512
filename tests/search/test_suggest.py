"""Autocomplete: /search/suggest answers JSON for what has been typed, only with what the visitor
may see, cached privately for a moment; the small script that uses it is served and never inline."""

import re
import shutil

from tests.search.web import build_site, english, html


def _suggestions(browser, typed):
    response = browser.get("/search/suggest", query_string={"q": typed})
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    return response.get_json()["suggestions"]


def test_suggestions_name_what_they_lead_to(search_app, site):
    found = _suggestions(english(search_app), "kain ten")
    assert found[0] == {"label": "Kain Tenun Tapis Siger", "type": "product", "type_label": "Product",
                        "url": f"/products/{site.export_cloth.id}-kain-tenun-tapis-siger"}
    by_label = {entry["label"]: entry for entry in _suggestions(english(search_app), "sentra")}
    assert by_label["Sentra Gerabah Kasongan"]["url"] == "/sentra/gerabah-kasongan"
    assert by_label["Sentra Gerabah Kasongan"]["type"] == "sentra"
    assert _suggestions(english(search_app), "tapis s")[0]["url"] == "/ikm/tapis-siti"
    [topic] = [e for e in _suggestions(english(search_app), "pewarna") if e["type"] == "discussion"]
    assert topic["url"] == f"/forum/t/{site.question.id}-pewarna-alami-untuk-tenun"


def test_one_letter_or_nothing_suggests_nothing(search_app, site):
    visitor = english(search_app)
    assert _suggestions(visitor, "") == []
    assert _suggestions(visitor, "k") == []
    assert _suggestions(visitor, "zzqxv") == []


def test_members_only_titles_are_never_suggested_to_others(search_app, site):
    assert _suggestions(english(search_app), "rahasia tu") == []
    assert _suggestions(english(search_app, site.outsider), "rahasia tu") == []
    member = [entry["label"] for entry in _suggestions(english(search_app, site.budi), "rahasia tu")]
    assert member == ["Rahasia tungku pembakaran"]


def test_drafts_are_never_suggested_even_to_their_owner(search_app, site):
    for browser in (english(search_app), english(search_app, site.siti)):
        labels = [entry["label"] for entry in _suggestions(browser, "tenun rah")]
        assert "Tenun Rahasia Belum Terbit" not in labels


def test_answers_are_cached_privately_and_briefly(search_app, site):
    response = english(search_app).get("/search/suggest?q=kain")
    assert response.headers["Cache-Control"] == "private, max-age=60"
    assert "Cookie" in response.headers["Vary"]
    signed_in = english(search_app, site.siti).get("/search/suggest?q=kain")
    assert "no-store" in signed_in.headers["Cache-Control"]  # signed-in answers are never stored


def test_the_script_is_a_deferred_file_and_boxes_work_without_it(search_app, site):
    visitor = english(search_app)
    page = html(visitor.get("/search?q=tenun"))
    assert '<script src="/static/js/search.js" defer></script>' in page
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", page)  # nothing inline (CSP)
    assert "script-src 'self'" in visitor.get("/").headers["Content-Security-Policy"]
    script = visitor.get("/static/js/search.js")
    assert script.status_code == 200 and "javascript" in script.mimetype
    source = script.get_data(as_text=True)
    for piece in ('input[data-suggest]', 'role", "listbox"', "aria-activedescendant", "ArrowDown", "Escape"):
        assert piece in source
    # Without the script: a plain GET form whose box is named "q".
    assert re.search(r'<form class="search-bar" method="get" action="/search" role="search"', page)


def test_suggestions_stay_quiet_while_the_index_is_missing(app):
    build_site()
    shutil.rmtree(app.config["SEARCH_DIR"])
    response = english(app).get("/search/suggest?q=kain")
    assert response.status_code == 200
    assert response.get_json() == {"suggestions": []}
