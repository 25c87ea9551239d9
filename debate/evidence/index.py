"""BM25 search over passages and their sentences (numpy + a Snowball stemmer).

The corpus is split into sentences and tokenised once: the sentence index is built from
those tokens and the passage index from the same tokens regrouped per passage (plus the
heading). Identical sentences (repeated boilerplate, near-duplicate documents) are
tokenised once. Each index is a term -> (sentence, precomputed BM25 weight) posting list,
so a query only touches the sentences that share one of its words.

Scoring is bm25s's default ("lucene" BM25, k1 = 1.5, b = 0.75, same tokeniser and
stopwords), so rankings match what the index gave when it was built on bm25s.

One index per corpus fingerprint is kept in memory for the life of the process, and on
disk (``locations.cache_dir()``) so the next process skips the build; a cache that cannot be read
or written is ignored.
"""

from __future__ import annotations

import os
import pickle
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import Stemmer

from debate import locations
from debate.evidence.corpus import Corpus, Passage, split_sentences

_STEMMER = Stemmer.Stemmer("english")
K1, B = 1.5, 0.75
_WORDS = re.compile(r"(?u)\b\w\w+\b")
# bm25s's English stopwords, so rankings match the bm25s index this replaced
_STOPWORDS = frozenset("""a an and are as at be but by for if in into is it no not of on or such
that the their then there these they this to was will with""".split())
CACHE_VERSION = 1  # bump when the cached layout or the sentence split changes


@dataclass(frozen=True)
class Sentence:
    """One sentence of a passage: the unit a claim is compared with."""

    passage: Passage
    text: str
    index: int  # position of the sentence in its passage


class _Vocabulary:
    """Stems to term ids, with a memo from surface word to term id."""

    def __init__(self, stems: dict[str, int] | None = None):
        self.stems: dict[str, int] = stems or {}
        self._words: dict[str, int] = {}

    def ids(self, text: str, *, grow: bool = True) -> list[int]:
        out = []
        words = self._words
        for word in _WORDS.findall(text.lower()):
            i = words.get(word)
            if i is None:
                if word in _STOPWORDS:
                    continue
                s = _STEMMER.stemWord(word)
                i = self.stems.get(s)
                if i is None:
                    if not grow:
                        continue
                    i = self.stems[s] = len(self.stems)
                words[word] = i
            out.append(i)
        return out


class _Bm25:
    """BM25 over documents given as term-id lists; postings sorted by term."""

    def __init__(self, docs: list[list[int]], terms: int):
        self.size = len(docs)
        lengths = np.fromiter((len(d) for d in docs), dtype=np.float64, count=self.size)
        flat = np.fromiter((t for d in docs for t in d), dtype=np.int64, count=int(lengths.sum()))
        owner = np.repeat(np.arange(self.size, dtype=np.int64), lengths.astype(np.int64))
        pairs, tf = np.unique(flat * self.size + owner, return_counts=True)
        term, doc = pairs // max(self.size, 1), pairs % max(self.size, 1)
        df = np.bincount(term, minlength=terms)
        idf = np.log(1 + (self.size - df + 0.5) / (df + 0.5))
        norm = K1 * (1 - B + B * lengths / max(lengths.mean(), 1e-9)) if self.size else lengths
        self.df = df
        self.indptr = np.concatenate(([0], np.cumsum(df)))
        self.docs = doc.astype(np.int32)
        self.weights = (idf[term] * tf / (tf + norm[doc])).astype(np.float32)

    def top(self, ids: list[int], k: int) -> list[tuple[int, float]]:
        k = min(k, self.size)
        ids = [i for i in ids if i < len(self.df)]
        if k <= 0 or not ids:
            return []
        docs, weights = [], []
        terms = Counter(ids)
        for term, times in terms.items():
            a, b = self.indptr[term], self.indptr[term + 1]
            docs.append(self.docs[a:b])
            weights.append(self.weights[a:b] * times)
        docs, weights = np.concatenate(docs), np.concatenate(weights)
        dense = np.bincount(docs, weights=weights, minlength=self.size)
        # a document holds at most one posting per query term, so the top k documents are
        # among the k * terms best postings: select those, never sort the whole corpus
        reach = k * len(terms)
        if len(docs) > reach:
            docs = docs[np.argpartition(-dense[docs], reach - 1)[:reach]]
        hit = np.unique(docs)
        scores = dense[hit]
        order = np.lexsort((hit, -scores))[:k]
        return [(int(hit[i]), float(scores[i])) for i in order if scores[i] > 0]


class SearchIndex:
    """Passage-level and sentence-level BM25 over one corpus."""

    def __init__(self, corpus: Corpus, *, cache: bool = True):
        self.corpus = corpus
        state = _load(corpus) if cache else None
        if state is None:
            state = _build(corpus)
            if cache:
                _save(corpus, state)
        owners, texts, numbers = state["sentences"]
        passages = corpus.passages
        self.sentences: list[Sentence] = [Sentence(passages[p], t, n) for p, t, n in zip(owners, texts, numbers)]
        self.first_sentence: dict[str, int] = {}  # passage id -> index of its first sentence
        self._ends: dict[str, int] = {}  # passage id -> index after its last sentence
        for i, p in enumerate(owners):
            self.first_sentence.setdefault(passages[p].id, i)
            self._ends[passages[p].id] = i + 1
        self._vocab = _Vocabulary(state["stems"])
        self._sentences: _Bm25 = state["sentence_index"]
        self._passages: _Bm25 = state["passage_index"]

    def document_frequency(self, stem: str) -> int:
        """How many sentences hold the (Snowball) ``stem``: 0 for a word the corpus lacks."""
        i = self._vocab.stems.get(stem)
        return 0 if i is None or i >= len(self._sentences.df) else int(self._sentences.df[i])

    def passage_sentences(self, passage_id: str) -> list[Sentence]:
        start = self.first_sentence.get(passage_id)
        if start is None:
            return []
        return self.sentences[start:self._ends[passage_id]]

    def _query(self, query: str) -> list[int]:
        return self._vocab.ids(query, grow=False)

    def passages(self, query: str, k: int = 5) -> list[tuple[Passage, float]]:
        """The k passages that best match ``query``, best first (score > 0 only)."""
        return [(self.corpus.passages[i], s) for i, s in self._passages.top(self._query(query), k)]

    def sentences_for(self, query: str, k: int = 10) -> list[tuple[Sentence, float]]:
        """The k sentences that best match ``query``, best first (score > 0 only)."""
        return [(self.sentences[i], s) for i, s in self.sentence_hits(query, k)]

    def sentence_hits(self, query: str, k: int = 10) -> list[tuple[int, float]]:
        """Like ``sentences_for`` but as positions in ``self.sentences``."""
        return self._sentences.top(self._query(query), k)


def _build(corpus: Corpus) -> dict:
    """Split, tokenise (each distinct sentence once) and index ``corpus``."""
    vocab = _Vocabulary()
    owners, texts, numbers = [], [], []
    sentence_ids: list[list[int]] = []
    passage_ids: list[list[int]] = []
    split_memo: dict[str, list[str]] = {}
    token_memo: dict[str, list[int]] = {}
    for p, passage in enumerate(corpus.passages):
        lines = split_memo.get(passage.text)
        if lines is None:
            lines = split_memo[passage.text] = _passage_sentences(_with_figures(passage.text))
        together = vocab.ids(passage.heading) if passage.heading else []  # the passage's own list
        for n, line in enumerate(lines):
            ids = token_memo.get(line)
            if ids is None:
                ids = token_memo[line] = vocab.ids(line)
            owners.append(p)
            texts.append(line)
            numbers.append(n)
            sentence_ids.append(ids)
            together.extend(ids)
        passage_ids.append(together)
    terms = len(vocab.stems)
    return {"version": CACHE_VERSION, "stems": vocab.stems, "sentences": (owners, texts, numbers),
            "sentence_index": _Bm25(sentence_ids, terms), "passage_index": _Bm25(passage_ids, terms)}


_FIGURE = re.compile(r"^\s*[$£€]?\d[\d.,]*\s?(?:%|x|[kmbt]n?|bn)?\s*$", re.IGNORECASE)


def _with_figures(text: str) -> str:
    """Join a stand-alone figure line ("42.8%", "52") to the label line under it.

    Fact boxes print a figure on its own line above its label, so "42.8%" and
    "HealthBench Hard score" become the one checkable sentence "42.8% HealthBench Hard score".
    """
    if not any(_FIGURE.match(line) for line in text.splitlines()):
        return text
    out, pending = [], ""
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        if _FIGURE.match(line):
            pending = (pending + " " + line).strip()
        else:
            out.append(f"{pending} {line}" if pending else line)
            pending = ""
    if pending:
        out.append(pending)
    return "\n".join(out)


_ABBREVIATIONS = frozenset("vs e.g i.e etc dr mr mrs ms st no inc corp ltd jr sr fig al approx".split())


def _ends_with_abbreviation(piece: str) -> bool:
    if not piece.endswith("."):
        return False
    last = piece[:-1].rsplit(None, 1)[-1].lower() if piece[:-1].strip() else ""
    return last.lstrip("(\"'") in _ABBREVIATIONS


def _passage_sentences(text: str) -> list[str]:
    out: list[str] = []
    for line in text.splitlines():
        glue = False
        for s, e in split_sentences(line):
            piece = line[s:e].strip()
            if glue and out:
                out[-1] = out[-1] + " " + piece
            else:
                out.append(piece)
            glue = _ends_with_abbreviation(piece)
    return [" ".join(s.split()) for s in out if s]


# -- the caches -----------------------------------------------------------------------

def _cache_file(corpus: Corpus) -> Path:
    return locations.cache_dir() / f"{corpus.fingerprint}.v{CACHE_VERSION}.pickle"


def _load(corpus: Corpus) -> dict | None:
    try:
        with open(_cache_file(corpus), "rb") as file:
            state = pickle.load(file)
        if state.get("version") != CACHE_VERSION or max(state["sentences"][0], default=-1) >= len(corpus.passages):
            return None
        return state
    except Exception:  # missing, unreadable, truncated or stale: rebuild
        return None


def _save(corpus: Corpus, state: dict) -> None:
    try:
        path = _cache_file(corpus)
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        with open(partial, "wb") as file:
            pickle.dump(state, file, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(partial, path)
    except Exception:  # read-only home, full disk: the in-memory index still works
        try:
            partial.unlink(missing_ok=True)  # type: ignore[possibly-undefined]
        except Exception:
            pass


_INDEXES: dict[str, SearchIndex] = {}
KEEP = 8  # corpora kept in memory per process


def per_corpus(cache: dict, corpus: Corpus, build):
    """``cache[corpus.fingerprint]``, built with ``build(corpus)`` on first use (LRU-ish)."""
    value = cache.get(corpus.fingerprint)
    if value is None:
        if len(cache) >= KEEP:
            cache.pop(next(iter(cache)))
        value = cache[corpus.fingerprint] = build(corpus)
    return value


def search_index(corpus: Corpus) -> SearchIndex:
    """The index of ``corpus``, built once per corpus content and reused."""
    return per_corpus(_INDEXES, corpus, SearchIndex)
