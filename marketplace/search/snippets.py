"""Highlighted snippets: the part of a text where the query's words are, with <mark> around them.

One highlighter for both backends, built on the same analysis as the index, so "menenun" in the
query marks "tenunan" in the text. Everything else is escaped: the result is safe Markup.
"""

from markupsafe import Markup, escape

from marketplace.search.analysis import WORD_RE, english_stem, stem

SNIPPET_CHARS = 180


def _matches(text, stems):
    """(start, end) of every word in `text` whose Indonesian or English stem is in `stems`."""
    spans = []
    for match in WORD_RE.finditer(text):
        word = match.group(0).lower()
        if stem(word) in stems or english_stem(word) in stems:
            spans.append(match.span())
    return spans


def _mark(text, spans, start, end):
    parts, position = [], start
    for span_start, span_end in spans:
        if span_start < start or span_end > end:
            continue
        parts.append(escape(text[position:span_start]))
        parts.append(Markup("<mark>%s</mark>") % text[span_start:span_end])
        position = span_end
    parts.append(escape(text[position:end]))
    return Markup("").join(parts)


def query_stems(query_rows):
    """The set of stems a highlighter looks for, from `analysis.query_words` rows."""
    found = set()
    for _word, indonesian, english in query_rows:
        found.update(s for s in (indonesian, english) if s)
    return found


def highlight_all(text, stems):
    """The whole (short) text with every matching word marked: for titles."""
    text = text or ""
    return _mark(text, _matches(text, stems), 0, len(text))


def snippet(text, stems, size=SNIPPET_CHARS):
    """About `size` characters of `text` around the densest run of matches, marked.

    Without a match, the opening of the text. Cut points fall on spaces; an ellipsis shows where
    text was left out.
    """
    text = " ".join((text or "").split())
    if not text:
        return Markup("")
    spans = _matches(text, stems)
    if len(text) <= size:
        return _mark(text, spans, 0, len(text))
    best_start, best_count = 0, -1
    for index, (span_start, _end) in enumerate(spans):
        count = sum(1 for s, _ in spans[index:] if s < span_start + size)
        if count > best_count:
            best_start, best_count = span_start, count
    # Some words of context before the first match.
    start = max(0, best_start - size // 4) if spans else 0
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < best_start else start
    end = min(len(text), start + size)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    body = _mark(text, spans, start, end)
    return (Markup("… ") if start else Markup("")) + body + (Markup(" …") if end < len(text) else Markup(""))
