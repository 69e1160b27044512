"""How text becomes search terms: the Indonesian analysis (Sastrawi stems) and the English one.

Both backends use this module, for documents and for queries alike, so "menenun" typed into the
search box and "tenunan" in a product title meet at the stem "tenun". Whoosh pickles analyzers
into its index: the classes here live in an importable module and keep no cache on the instance
(stems are cached per process in `stem`).
"""

import re
from functools import lru_cache

from whoosh.analysis import STOP_WORDS as WHOOSH_STOP_WORDS
from whoosh.analysis import (
    Filter,
    LowercaseFilter,
    RegexTokenizer,
    StemmingAnalyzer,
    StopFilter,
)
from whoosh.lang.porter import stem as _porter_stem

# Words: letters and digits, joined by inner dots or apostrophes ("5208.11", "jum'at").
WORD_PATTERN = r"\w+(?:[.']\w+)*"
WORD_RE = re.compile(WORD_PATTERN)

# Sastrawi's stop words, less the ones that mean something in crafts and trade: "kain panjang"
# is a batik cloth, "besar"/"kecil" are sizes, "tanah" is clay, "rasa" is taste.
_KEEP = {"panjang", "besar", "kecil", "tanah", "rasa", "enak", "baru", "kerja", "bulan", "mata"}


def _stop_words():
    from Sastrawi.StopWordRemover.StopWordRemoverFactory import StopWordRemoverFactory

    return frozenset(w for w in StopWordRemoverFactory().get_stop_words() if w not in _KEEP)


STOP_WORDS = _stop_words()

# Where Sastrawi's rules get a common craft word wrong: "pengemasan" (packaging) would become
# "emas" (gold) and "pengeringan" (drying) "ering". Whole words here win over the stemmer.
EXCEPTIONS = {
    "pengemasan": "kemas", "pengemasannya": "kemas", "mengemas": "kemas", "pengemas": "kemas",
    "pengeringan": "kering", "pengeringannya": "kering", "mengering": "kering",
    "mengeringkan": "kering", "pengering": "kering",
    "penyamakan": "samak",
    "pengrajin": "rajin", "perajin": "rajin", "kerajinan": "rajin",
}


@lru_cache(maxsize=1)
def _stemmer():
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    return StemmerFactory().create_stemmer()


@lru_cache(maxsize=200_000)
def stem(word):
    """The Indonesian stem of one lowercase word (cached: Sastrawi is slow and words repeat)."""
    if word in EXCEPTIONS:
        return EXCEPTIONS[word]
    if word.isdigit() or len(word) < 4:
        return word
    return _stemmer().stem(word) or word


@lru_cache(maxsize=200_000)
def english_stem(word):
    """The Porter stem of one lowercase word (cached: the highlighter stems every word shown)."""
    return _porter_stem(word)


class IndonesianStemFilter(Filter):
    """A Whoosh filter giving each token its Sastrawi stem (see `stem`)."""

    def __eq__(self, other):
        return other is not None and self.__class__ is other.__class__

    def __call__(self, tokens):
        for token in tokens:
            if not token.stopped:
                token.text = stem(token.text)
            yield token


def indonesian_analyzer():
    """Tokenise, lowercase, drop Indonesian stop words, stem with Sastrawi."""
    return (RegexTokenizer(WORD_PATTERN) | LowercaseFilter()
            | StopFilter(stoplist=STOP_WORDS, minsize=1) | IndonesianStemFilter())


def english_analyzer():
    """The export fields: English stop words and Porter stems."""
    return StemmingAnalyzer(expression=WORD_PATTERN)


def plain_analyzer():
    """Lowercased words, unstemmed: for autocomplete prefixes and spelling suggestions."""
    return RegexTokenizer(WORD_PATTERN) | LowercaseFilter()


def words(text):
    """The lowercase words of `text`, in order (stop words kept)."""
    return [m.group(0).lower() for m in WORD_RE.finditer(text or "")]


def indonesian_terms(text):
    """The Indonesian index terms of `text`: what `indonesian_analyzer` produces, as a list."""
    return [stem(w) for w in words(text) if w not in STOP_WORDS]


ENGLISH_STOP_WORDS = WHOOSH_STOP_WORDS  # what english_analyzer drops


def english_terms(text):
    """The English index terms of `text` (Porter stems, English stop words dropped)."""
    return [english_stem(w) for w in words(text) if w not in ENGLISH_STOP_WORDS and len(w) > 1]


def query_words(text):
    """A query as (word, indonesian stem, english stem), one row per distinct typed word.

    A word matches a document when either of its stems does; all words must match. A stop word
    of either language leaves the query ("untuk", "the"): it would otherwise have to match in the
    other language's text, where it is not indexed.
    """
    return [
        (word, stem(word), english_stem(word))
        for word in dict.fromkeys(words(text))
        if word not in STOP_WORDS and word not in ENGLISH_STOP_WORDS
    ]
