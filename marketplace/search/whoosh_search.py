"""Answering a SearchQuery from a Whoosh searcher in one pass: hits, total, type counts, facets.

Whoosh's own collectors step through every match in Python with a matcher per field per word,
then read a column per match for facets: about 170 ms p95 on the benchmark corpus before
facets, several hundred with them. Here each segment is read the way the question needs:

- postings: read block by block straight from the segment (ids and weights at once), combined
  with set and dict operations (per word: any field; across words: all of them);
- scores: BM25 (k1 1.2; title length-normalised with b 0.75, the other fields saturated only),
  title and keywords boosted, computed for the matching documents only;
- a per-segment table (built once per segment per process; segments never change, only their
  deletions do) gives each document its "combo" (type, kind, audience and facet values: few
  distinct ones), its date, price and title length; filters, audiences and every count work on
  combos, so counting a match costs one array read.

The index layout (fields, the `info` column) is defined in whoosh_backend.
"""

import heapq
import math
import threading
from array import array
from collections import Counter, namedtuple
from itertools import accumulate, compress, filterfalse, islice
from operator import add

INFO_SEP, FIELD_SEP, VALUE_SEP = b"\x1d", b"\x1f", b"\x1e"
COMBO_FIELDS = ("type", "kind", "audience", "channel", "category", "province", "sentra",
                "certification")
FACETS = ("channel", "category", "province", "sentra", "certification")  # besides "type"
MULTI_VALUED = {"channel", "certification"}
NO_PRICE_ASC, NO_PRICE_DESC = 2**62, -1  # documents without a price sort last both ways
K1, TITLE_B = 1.2, 0.75

Combo = namedtuple("Combo", COMBO_FIELDS)


def info_value(doc, title_length):
    """The `info` column value of a Document: numbers, then its combo."""
    created = int(doc.created.timestamp()) if doc.created else 0
    price = -1 if doc.price is None else doc.price
    values = (doc.type, doc.kind, doc.audience, doc.channels, doc.category, doc.province,
              doc.sentra, doc.certifications)
    combo = FIELD_SEP.join(
        VALUE_SEP.join(v.encode() for v in value) if isinstance(value, tuple | list)
        else (value or "").encode()
        for value in values)
    return b"%d %d %d" % (created, price, title_length) + INFO_SEP + combo


class Combos:
    """Every distinct combo seen by this process, numbered (grows with the data's variety)."""

    def __init__(self):
        self.numbers = {}
        self.parsed = []  # number -> Combo
        self.facet_values = []  # number -> (facet value number, ...) it counts for
        self.values = []  # facet value number -> (facet, value)
        self._value_numbers = {}
        self.lock = threading.Lock()
        self._allowed = {}  # restriction -> (combos checked, numbers allowed)

    def number(self, raw):
        number = self.numbers.get(raw)
        if number is None:
            with self.lock:
                number = self.numbers.get(raw)
                if number is None:
                    number = self._add(raw)
        return number

    def _add(self, raw):
        parts = raw.decode().split(FIELD_SEP.decode())
        values = [frozenset(p for p in part.split(VALUE_SEP.decode()) if p)
                  if name in MULTI_VALUED else (part or None)
                  for name, part in zip(COMBO_FIELDS, parts, strict=True)]
        combo = Combo(*values)
        pairs = []
        for name in FACETS:
            value = getattr(combo, name)
            if name in MULTI_VALUED:
                pairs.extend((name, item) for item in sorted(value))
            elif value:
                pairs.append((name, value))
        self.facet_values.append(tuple(self._value_number(pair) for pair in pairs))
        self.parsed.append(combo)
        self.numbers[raw] = len(self.parsed) - 1
        return len(self.parsed) - 1

    def _value_number(self, pair):
        number = self._value_numbers.get(pair)
        if number is None:
            self.values.append(pair)
            number = self._value_numbers[pair] = len(self.values) - 1
        return number

    def allowed(self, plan):
        """The set of combo numbers `plan`'s restriction lets through (cached per restriction,
        extended as new combos appear)."""
        key = plan.restriction
        with self.lock:
            checked, numbers = self._allowed.pop(key, (0, set()))
            parsed = self.parsed
            numbers.update(n for n in range(checked, len(parsed)) if plan.allows(parsed[n]))
            self._allowed[key] = (len(parsed), numbers)
            while len(self._allowed) > 64:  # forget the least recently used restrictions
                del self._allowed[next(iter(self._allowed))]
        return numbers


class SegmentTable:
    """Per-document arrays of one segment: combo number, created, prices, title length."""

    def __init__(self, reader, combos):
        count = reader.doc_count_all()
        self.combo = array("I", bytes(4 * count))
        self.created = array("q", bytes(8 * count))
        self.price_asc = array("q", [NO_PRICE_ASC]) * count
        self.price_desc = array("q", [NO_PRICE_DESC]) * count
        self.title_length = array("H", bytes(2 * count))
        self._orders = {}
        if not count or not reader.has_column("info"):
            return
        number = combos.number
        column = reader.column_reader("info", translate=False)
        for docnum, value in enumerate(column):
            head, _sep, raw = value.partition(INFO_SEP)
            created, price, length = head.split(b" ")
            self.combo[docnum] = number(raw)
            self.created[docnum] = int(created)
            if price != b"-1":
                self.price_asc[docnum] = self.price_desc[docnum] = int(price)
            self.title_length[docnum] = min(int(length), 65535)
        self._orders = {}

    def order(self, sort):
        """Every docnum in `sort` order ("newest", "price_asc", "price_desc"), built once."""
        found = self._orders.get(sort)
        if found is None:
            values, largest = {"price_asc": (self.price_asc, False),
                               "price_desc": (self.price_desc, True)}.get(
                                   sort, (self.created, True))
            found = array("I", sorted(range(len(values)), key=values.__getitem__,
                                      reverse=largest))
            self._orders[sort] = found
        return found


class Tables:
    """SegmentTables by segment id, for the segments still in use."""

    def __init__(self):
        self.combos = Combos()
        self._tables = {}
        self._lock = threading.Lock()

    def get(self, reader):
        segment = reader.segment()
        key = segment.segment_id() if segment is not None else None
        table = self._tables.get(key)
        if table is None:
            table = SegmentTable(reader, self.combos)
            with self._lock:
                self._tables[key] = table
        return table

    def keep_only(self, segment_ids):
        """Forget the tables of segments merged away."""
        with self._lock:
            for key in list(self._tables):
                if key not in segment_ids:
                    del self._tables[key]


def read_postings(reader, field, text):
    """(docnums, weights) of a term in one segment, deleted documents included."""
    matcher = reader.postings(field, text)
    matcher = getattr(matcher, "child", matcher)  # the deletions filter: handled by the caller
    ids, weights = array("I"), array("f")
    try:
        while True:
            if matcher._data is None:
                matcher._read_data()
            data = matcher._data
            ids.extend(accumulate(data[0]))
            block_weights = data[1]
            if block_weights is None or isinstance(block_weights, float):
                weights.extend([block_weights or 1.0] * matcher._blocklength)
            else:
                weights.extend(block_weights)
            if matcher._lastblock:
                return ids, weights
            matcher._goto(matcher._nextoffset)
    except AttributeError:  # another codec: the generic (slower) way
        matcher = reader.postings(field, text)
        matcher = getattr(matcher, "child", matcher)
        ids, weights = array("I"), array("f")
        while matcher.is_active():
            ids.append(matcher.id())
            weights.append(matcher.weight())
            matcher.next()
        return ids, weights


class Plan:
    """What one SearchQuery asks of the index, prepared once and run on every segment."""

    def __init__(self, query, rows, fields):
        self.query = query
        self.rows = rows  # analysis.query_words
        self.fields = fields  # [(field, "indonesian" | "english", boost)]
        self.filters = query.filters()
        self.filters.pop("type", None)
        audiences = None if query.audiences is None else tuple(sorted(query.audiences))
        self.restriction = (audiences, tuple(sorted(query.kinds)),
                            tuple(sorted(self.filters.items())))

    def allows(self, combo):
        """Whether a combo passes the audiences, kinds and facet filters (not the type)."""
        query = self.query
        if query.audiences is not None and combo.audience not in query.audiences:
            return False
        if query.kinds and combo.kind not in query.kinds:
            return False
        for name, value in self.filters.items():
            have = getattr(combo, name)
            if name in MULTI_VALUED:
                if value not in have:
                    return False
            elif have != value:
                return False
        return True


def _added(first, second):
    """{key: first + second} over the keys of both dicts (C-speed loops only)."""
    if len(first) < len(second):
        first, second = second, first
    both = list(first.keys() & second.keys())
    merged = first | second
    merged.update(zip(both, map(add, map(first.__getitem__, both),
                                map(second.__getitem__, both)), strict=True))
    return merged


def _word_scores(reader, table, plan, row, idfs, norms):
    """{docnum: score} of one query word: a match in any text field."""
    _word, indonesian, english = row
    scores = None
    for field, language, boost in plan.fields:
        text = indonesian if language == "indonesian" else english
        if (field, text) not in reader:
            continue
        ids, weights = read_postings(reader, field, text)
        weight = boost * idfs[(field, text)]
        if field == "title":
            # BM25 with the title's length: one value per (weight, length) pair met.
            lengths = list(map(table.title_length.__getitem__, ids))
            values = {(w, n): weight * w * (K1 + 1) / (w + norms[n])
                      for w in set(weights) for n in set(lengths)}
            contributions = map(values.__getitem__, zip(weights, lengths, strict=True))
        else:
            values = {w: weight * w * (K1 + 1) / (w + K1) for w in set(weights)}
            contributions = map(values.__getitem__, weights)
        found = dict(zip(ids, contributions, strict=True))
        scores = found if scores is None else _added(scores, found)
    return scores or {}


def run(searcher, plan, tables, limit):
    """Evaluate `plan` on every segment: an Answer with the best `limit` documents (and the
    best `group_size` of each type when asked)."""
    query = plan.query
    combos = tables.combos
    leaves = searcher.reader().leaf_readers()
    total_docs = max(1, searcher.doc_count_all())
    idfs, norms = {}, None
    if plan.rows:
        top = searcher.reader()
        for _word, indonesian, english in plan.rows:
            for field, language, _boost in plan.fields:
                text = indonesian if language == "indonesian" else english
                frequency = top.doc_frequency(field, text) if (field, text) in top else 0
                idfs[(field, text)] = math.log(
                    1 + (total_docs - frequency + 0.5) / (frequency + 0.5))
        norms = _Norms(max(1.0, top.field_length("title") / total_docs))
    tables.keep_only({r.segment().segment_id() for r, _ in leaves if r.segment() is not None})
    counts = Counter()
    per_leaf = []
    for reader, offset in leaves:
        if not reader.doc_count_all():
            continue
        table = tables.get(reader)
        if plan.rows:
            words = [_word_scores(reader, table, plan, row, idfs, norms) for row in plan.rows]
            words.sort(key=len)
            scores = words[0]
            if len(words) > 1:
                common = list(set(scores).intersection(*words[1:]))
                values = map(scores.__getitem__, common)
                for other in words[1:]:
                    values = map(add, values, map(other.__getitem__, common))
                scores = dict(zip(common, values, strict=True))
            docs = scores.keys()
        else:
            scores = None
            docs = range(reader.doc_count_all())
        deleted = reader.deleted_docs_set if reader.has_deletions() else frozenset()
        leaf_counts = Counter(map(table.combo.__getitem__, docs))
        for docnum in deleted:  # usually few: taken out one by one
            if scores is None or scores.pop(docnum, None) is not None:
                leaf_counts[table.combo[docnum]] -= 1
        counts.update(leaf_counts)
        per_leaf.append(_Leaf(offset, table, docs, scores, leaf_counts, deleted))
    allowed_all = combos.allowed(plan)
    allowed = [n for n in counts if n in allowed_all]
    answer = _tally(counts, allowed, query, combos)
    ranking = _Ranking(per_leaf, query, combos)
    wanted = [n for n in allowed if not query.type or combos.parsed[n].type == query.type]
    if not (query.group_size and not query.type):
        answer.ranked[""] = ranking.best(wanted, limit)
        return answer
    # Groups: the best of each type, mostly found among the best of all types.
    overall = ranking.best(wanted, max(limit, query.group_size * 10))
    answer.ranked[""] = overall[:limit]
    for kind, count in answer.type_counts.items():
        if not count:
            continue
        group = [item for item in overall if item[2] == kind][:query.group_size]
        if len(group) < min(count, query.group_size):
            group = ranking.best([n for n in wanted if combos.parsed[n].type == kind],
                                 query.group_size)
        answer.ranked[kind] = group
    return answer


class _Leaf:
    """One segment's share of a query: its matching docnums (and scores)."""

    def __init__(self, offset, table, docs, scores, counts, deleted):
        self.offset, self.table, self.docs, self.scores = offset, table, docs, scores
        self.counts, self.deleted = counts, deleted


class _Ranking:
    """The best documents among the matches of some combos, in the query's order."""

    def __init__(self, leaves, query, combos):
        self.leaves, self.query, self.combos = leaves, query, combos

    def best(self, numbers, size):
        """[(order key, docnum, type)] of the best `size` matches whose combo is in `numbers`."""
        flags = bytearray(len(self.combos.parsed))
        for number in numbers:
            flags[number] = 1
        parsed = self.combos.parsed
        found = []
        for leaf in self.leaves:
            present = [n for n in leaf.counts if flags[n]]
            if not present:
                continue
            table = leaf.table
            key, largest = _sort_key(table, leaf.scores, self.query)
            if leaf.scores is None:
                # Browsing: walk the segment's documents in order until `size` qualify.
                order = table.order(_sort_name(self.query))
                picked = compress(order, map(flags.__getitem__, map(table.combo.__getitem__, order)))
                if leaf.deleted:
                    picked = filterfalse(leaf.deleted.__contains__, picked)
                picked = list(islice(picked, size))
            else:
                candidates = leaf.docs
                if len(present) < len(leaf.counts):
                    candidates = compress(candidates, map(flags.__getitem__,
                                                          map(table.combo.__getitem__, candidates)))
                pick = heapq.nlargest if largest else heapq.nsmallest
                picked = pick(size, candidates, key=key)
            found.extend((key(d), leaf.offset + d, parsed[table.combo[d]].type) for d in picked)
        largest = self.query.sort != "price_asc"
        return sorted(found, key=lambda item: item[0], reverse=largest)[:size]


class Answer:
    """What `run` found: counts as SearchResult defines them, and the best documents as
    {group: [(order key, docnum), ...]} ("" is the page's order, a type the group's)."""

    def __init__(self, types):
        self.total = 0
        self.type_counts = dict.fromkeys(types, 0)
        self.facets = {}
        self.ranked = {}


def _tally(counts, allowed, query, combos):
    """total, type counts (all types) and facet counts (the type filter applied)."""
    from marketplace.search.backend import TYPES

    answer = Answer(TYPES)
    parsed, facet_values = combos.parsed, combos.facet_values
    type_counts = answer.type_counts
    totals = [0] * len(combos.values)
    for number in allowed:
        count = counts[number]
        if not count:
            continue
        kind = parsed[number].type
        type_counts[kind] = type_counts.get(kind, 0) + count
        if query.type and kind != query.type:
            continue
        answer.total += count
        if query.facets:
            for value in facet_values[number]:
                totals[value] += count
    if query.facets:
        answer.facets = {"type": sorted(((t, n) for t, n in type_counts.items() if n),
                                        key=lambda item: (-item[1], item[0]))}
        for name in FACETS:
            answer.facets[name] = []
        found = sorted(((-count, combos.values[number]) for number, count in enumerate(totals)
                        if count))
        for count, (name, value) in found:
            answer.facets[name].append((value, -count))
    return answer


class _Norms:
    """BM25's length normalisation of the title (K1 included), precomputed for short titles."""

    def __init__(self, average):
        self.average = average
        self.table = [self._norm(n) for n in range(256)]

    def _norm(self, length):
        return K1 * (1 - TITLE_B + TITLE_B * length / self.average)

    def __getitem__(self, length):
        return self.table[length] if length < 256 else self._norm(length)


def _sort_key(table, scores, query):
    """(key function, largest first?) for the query's order."""
    if query.sort == "relevance" and scores is not None:
        return scores.__getitem__, True
    if query.sort == "price_asc":
        return table.price_asc.__getitem__, False
    if query.sort == "price_desc":
        return table.price_desc.__getitem__, True
    return table.created.__getitem__, True


def _sort_name(query):
    return query.sort if query.sort in ("price_asc", "price_desc") else "newest"


PREFIX_TERMS = 200  # completions of a typed prefix looked at (the most frequent ones)


def _prefixed(reader, word):
    """Docnums (deleted ones included) whose plain title has a word starting with `word`."""
    terms = list(islice(reader.expand_prefix("title_plain", word), PREFIX_TERMS * 20))
    if len(terms) > PREFIX_TERMS:
        terms = heapq.nlargest(PREFIX_TERMS, terms,
                               key=lambda t: reader.doc_frequency("title_plain", t))
    found = set()
    for term in terms:
        found.update(read_postings(reader, "title_plain", term)[0])
    return found


def suggest(searcher, tables, words, audiences, size):
    """Docnums of the `size` shortest titles with a word starting with each of `words`,
    readable by `audiences` (None: everyone)."""
    from marketplace.search.backend import SearchQuery

    plan = Plan(SearchQuery(audiences=audiences), [], ())
    combos = tables.combos
    found = []
    for reader, offset in searcher.reader().leaf_readers():
        if not reader.doc_count_all():
            continue
        table = tables.get(reader)
        docs = None
        for word in sorted(words, key=len, reverse=True):  # the longest prefix is the rarest
            matching = _prefixed(reader, word)
            docs = matching if docs is None else docs & matching
            if not docs:
                break
        if not docs:
            continue
        if reader.has_deletions():
            docs -= reader.deleted_docs_set
        allowed = combos.allowed(plan)
        docs = [d for d in docs if table.combo[d] in allowed]
        lengths = table.title_length
        found.extend((lengths[d], offset + d)
                     for d in heapq.nsmallest(size, docs, key=lengths.__getitem__))
    return [docnum for _length, docnum in sorted(found)[:size]]
