"""BM25 search over passages and their sentences (bm25s + a Snowball stemmer).

bm25s keeps the index as sparse matrices, so a 1,000-document corpus indexes in well under a
second and a query costs a fraction of a millisecond; building is cheap enough that one
index per corpus fingerprint is kept in memory for the life of the process.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import bm25s
import Stemmer

from debate.evidence.corpus import Corpus, Passage, split_sentences

_STEMMER = Stemmer.Stemmer("english")


@dataclass(frozen=True)
class Sentence:
    """One sentence of a passage: the unit a claim is compared with."""

    passage: Passage
    text: str
    index: int  # position of the sentence in its passage


def tokenize(texts: list[str]):
    return bm25s.tokenize(texts, stopwords="en", stemmer=_STEMMER, show_progress=False)


class _Bm25:
    def __init__(self, texts: list[str]):
        self.size = len(texts)
        self.model = bm25s.BM25()
        self.model.index(tokenize(texts), show_progress=False)

    def top(self, query: str, k: int) -> list[tuple[int, float]]:
        k = min(k, self.size)
        if k == 0:
            return []
        tokens = tokenize([query])
        if not any(tokens.ids[0]) and not tokens.vocab:
            return []
        ids, scores = self.model.retrieve(tokens, k=k, show_progress=False)
        return [(int(i), float(s)) for i, s in zip(ids[0], scores[0]) if s > 0]


class SearchIndex:
    """Passage-level and sentence-level BM25 over one corpus."""

    def __init__(self, corpus: Corpus):
        self.corpus = corpus
        self.sentences: list[Sentence] = []
        self.first_sentence: dict[str, int] = {}  # passage id -> index of its first sentence
        documents = {d.doc: d for d in corpus.documents}
        for passage in corpus.passages:
            self.first_sentence[passage.id] = len(self.sentences)
            raw = documents[passage.doc].text[passage.start:passage.end]
            for n, line in enumerate(_passage_sentences(_with_figures(passage.text, raw))):
                self.sentences.append(Sentence(passage, line, n))
        self._passage_index: _Bm25 | None = None  # built on first passage search
        self._sentences = _Bm25([s.text for s in self.sentences])
        model = self._sentences.model
        indptr = model.scores["indptr"]
        self._vocab = model.vocab_dict
        self._df = indptr[1:] - indptr[:-1]

    def document_frequency(self, stem: str) -> int:
        """How many sentences hold the (Snowball) ``stem``: 0 for a word the corpus lacks."""
        i = self._vocab.get(stem)
        return 0 if i is None or i >= len(self._df) else int(self._df[i])

    def passage_sentences(self, passage_id: str) -> list[Sentence]:
        start = self.first_sentence.get(passage_id)
        if start is None:
            return []
        out = []
        for sentence in self.sentences[start:]:
            if sentence.passage.id != passage_id:
                break
            out.append(sentence)
        return out

    def passages(self, query: str, k: int = 5) -> list[tuple[Passage, float]]:
        """The k passages that best match ``query``, best first (score > 0 only)."""
        if self._passage_index is None:
            self._passage_index = _Bm25([p.heading + "\n" + p.text for p in self.corpus.passages])
        return [(self.corpus.passages[i], s) for i, s in self._passage_index.top(query, k)]

    def sentences_for(self, query: str, k: int = 10) -> list[tuple[Sentence, float]]:
        """The k sentences that best match ``query``, best first (score > 0 only)."""
        return [(self.sentences[i], s) for i, s in self._sentences.top(query, k)]

    def sentence_hits(self, query: str, k: int = 10) -> list[tuple[int, float]]:
        """Like ``sentences_for`` but as positions in ``self.sentences``."""
        return self._sentences.top(query, k)


_FIGURE = re.compile(r"^\s*[$£€]?\d[\d.,]*\s?(?:%|x|[kmbt]n?|bn)?\s*$", re.IGNORECASE)


def _with_figures(text: str, raw: str) -> str:
    """Put back the stand-alone figures ("42.8%", "52") the corpus cleaner drops as chrome.

    Fact boxes print a figure on its own line above its label; the figure is joined to
    the label's line so "42.8% HealthBench Hard score" is one checkable sentence.
    """
    lines = [line.strip() for line in raw.splitlines()]
    if not any(_FIGURE.match(line) for line in lines if line):
        return text
    kept = set(text.splitlines())
    out, pending = [], ""
    for line in lines:
        if not line:
            continue
        if _FIGURE.match(line):
            pending = (pending + " " + line).strip()
        elif line in kept:
            out.append(f"{pending} {line}".strip() if pending else line)
            pending = ""
    return "\n".join(out) if out else text


_ABBREVIATION = re.compile(r"\b(?:vs|e\.g|i\.e|etc|dr|mr|mrs|ms|st|no|inc|corp|ltd|jr|sr|fig|al|approx)\.$",
                           re.IGNORECASE)


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
            glue = bool(_ABBREVIATION.search(piece))
    return [re.sub(r"\s+", " ", s) for s in out if s]


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
