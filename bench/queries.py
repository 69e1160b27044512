"""The benchmark's fixed queries: 1-3 words as people type them, every third with a filter."""

import random
from dataclasses import dataclass

FILTERS = ("channel", "category", "province")


@dataclass(frozen=True)
class BenchQuery:
    """One of the fixed queries: words, and at most one filter."""

    text: str
    facet: str | None = None
    value: str | None = None

    def label(self):
        return self.text + (f"  [{self.facet}={self.value}]" if self.facet else "")

    def search_query(self):
        from marketplace.search.backend import SearchQuery

        filters = {self.facet: self.value} if self.facet else {}
        return SearchQuery(text=self.text, facets=True, **filters)


def _content_words(text):
    """Distinct words of `text` a person would type: no stop words, numbers or tiny words."""
    from marketplace.search.analysis import ENGLISH_STOP_WORDS, STOP_WORDS, words

    return list(dict.fromkeys(
        w for w in words(text)
        if w.isalpha() and len(w) >= 4 and w not in STOP_WORDS and w not in ENGLISH_STOP_WORDS
    ))


def _first_sentence(text):
    return text.replace("\n", " ").split(". ")[0]


def make_queries(vocabulary, count, seed, part="queries"):
    """`count` queries, the same for a given seed: 1-3 words of a title or one sentence as the
    corpus generator writes them (products and posts; one product query in ten in English),
    every third with a filter."""
    rng = random.Random(f"{seed}:{part}")
    queries = []
    for number in range(count):
        facet = FILTERS[(number // 3) % 3] if number % 3 == 2 else None
        value = None
        if facet or rng.random() < 0.6:
            commodity = rng.choice(vocabulary.commodities)
            line, variant, title = vocabulary.product_text(rng, commodity)
            english = rng.random() < 0.1
            title = line.title_en.format(v=variant) if english else title
            description = (line.description_en if english else line.description).format(v=variant)
            text = title if rng.random() < 0.6 else f"{title} {_first_sentence(description)}"
            channel = rng.choices(("export", "supply_chain", "ovop"), (5, 4 if line.volume else 0, 1))[0]
            value = {"channel": channel, "category": line.category,
                     "province": vocabulary.province(rng)}.get(facet)
        elif rng.random() < 0.5:
            text = vocabulary.topic_title(rng, vocabulary.province(rng))
        else:
            text = rng.choice(vocabulary.sentences)
        words = _content_words(text) or _content_words(rng.choice(vocabulary.sentences))
        chosen = sorted(rng.sample(range(len(words)), min(rng.randint(1, 3), len(words))))
        queries.append(BenchQuery(" ".join(words[i] for i in chosen), facet, value))
    return queries
