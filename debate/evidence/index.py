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
        for passage in corpus.passages:
            for n, line in enumerate(_passage_sentences(passage.text)):
                self.sentences.append(Sentence(passage, line, n))
        self._passages = _Bm25([p.heading + "\n" + p.text for p in corpus.passages])
        self._sentences = _Bm25([s.text for s in self.sentences])

    def passages(self, query: str, k: int = 5) -> list[tuple[Passage, float]]:
        """The k passages that best match ``query``, best first (score > 0 only)."""
        return [(self.corpus.passages[i], s) for i, s in self._passages.top(query, k)]

    def sentences_for(self, query: str, k: int = 10) -> list[tuple[Sentence, float]]:
        """The k sentences that best match ``query``, best first (score > 0 only)."""
        return [(self.sentences[i], s) for i, s in self._sentences.top(query, k)]


def _passage_sentences(text: str) -> list[str]:
    out = []
    for line in text.splitlines():
        out.extend(line[s:e].strip() for s, e in split_sentences(line))
    return [re.sub(r"\s+", " ", s) for s in out if s]


_INDEXES: dict[str, SearchIndex] = {}


def search_index(corpus: Corpus) -> SearchIndex:
    """The index of ``corpus``, built once per corpus content and reused."""
    index = _INDEXES.get(corpus.fingerprint)
    if index is None:
        if len(_INDEXES) >= 8:
            _INDEXES.pop(next(iter(_INDEXES)))
        index = _INDEXES[corpus.fingerprint] = SearchIndex(corpus)
    return index
