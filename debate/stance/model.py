"""Score every source sentence, and so every passage, for the side of a motion it helps.

A sentence helps a side when it gives one of the recurring reasons (themes YAML) that
argues for the pole of an axis the motion takes: "developers migrated to a fork" gives the
reason "closing costs trust", which argues for openness, which helps the pro side of
"Meta should release the weights" and the con side of "Proprietary AI is a necessity".
The score is the sum of the cue weights of each reason found, signed by the motion's
leaning, weighted by the sentence's kind (a question or a heading argues nothing; a
labelled pastiche is no evidence) and by how much the passage is about the motion at all.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import lru_cache

from debate.evidence.corpus import Corpus
from debate.evidence.index import Sentence, search_index
from debate.stance.kinds import KIND_WEIGHT, kind_of
from debate.stance.proposition import Proposition, parse_motion
from debate.stance.themes import ThemeBook, stems_of, themes_for

_NEGATORS = frozenset(stems_of("not no never without nor hardly cannot lack"))
CUE_CAP = 3.0  # one theme's weight in one sentence: a list of cue words is still one reason
RELEVANCE_FLOOR = 0.6  # a passage that shares no word with the motion still counts this much
MIXED = 0.6  # how much a passage's help to the other side takes off its help to this one
MIN_SCORE = 1.0  # below this a sentence is background, not evidence for either side


@dataclass(frozen=True)
class SentenceStance:
    sentence: Sentence
    score: float  # > 0 helps pro, < 0 helps con
    kind: str
    themes: dict[str, float]  # theme id -> signed contribution

    @property
    def passage(self) -> str:
        return self.sentence.passage.id

    def theme_for(self, side: str) -> str | None:
        """The theme that carries most of this sentence's help to ``side``."""
        sign = 1 if side == "pro" else -1
        helping = {t: v * sign for t, v in self.themes.items() if v * sign > 0}
        return max(helping, key=helping.get) if helping else None


@dataclass
class PassageStance:
    passage: str
    pro: float  # how clearly the passage helps pro (>= 0)
    con: float
    relevance: float  # 0..1, how much the passage is about the motion
    sentences: list[SentenceStance] = field(default_factory=list)

    def side(self) -> str | None:
        if max(self.pro, self.con) < MIN_SCORE:
            return None
        return "pro" if self.pro > self.con else "con"

    def helps(self, side: str) -> float:
        return self.pro if side == "pro" else self.con

    def best_for(self, side: str) -> list[SentenceStance]:
        """This passage's sentences that help ``side``, most helpful first."""
        sign = 1 if side == "pro" else -1
        return sorted((s for s in self.sentences if s.score * sign > 0), key=lambda s: -s.score * sign)


class StanceModel:
    """The stance of every passage of a corpus toward one motion."""

    def __init__(self, corpus: Corpus, motion: str, book: ThemeBook | None = None):
        self.corpus = corpus
        self.book = book or themes_for(corpus)
        self.proposition: Proposition = parse_motion(motion, self.book)
        self.focus = _focus(self.proposition.text, self.book)
        index = search_index(corpus)
        relevance = _relevance(corpus, motion)
        self.passages: dict[str, PassageStance] = {}
        for passage in corpus.passages:
            sentences = [self._sentence(s) for s in index.passage_sentences(passage.id)]
            rel = relevance.get(passage.id, 0.0)
            factor = RELEVANCE_FLOOR + (1 - RELEVANCE_FLOOR) * rel
            pro = _top_two([s.score for s in sentences])
            con = _top_two([-s.score for s in sentences])
            # Mixed passages help neither side clearly: the other side's weight counts against.
            self.passages[passage.id] = PassageStance(
                passage.id, max(0.0, (pro - MIXED * con) * factor), max(0.0, (con - MIXED * pro) * factor), rel,
                sentences)

    def _sentence(self, sentence: Sentence) -> SentenceStance:
        kind = kind_of(sentence)
        weight = KIND_WEIGHT.get(kind, 1.0)
        themes = _theme_weights(sentence.text, self.book) if weight else {}
        signed: dict[str, float] = {}
        for theme_id, value in themes.items():
            theme = self.book.themes[theme_id]
            if self.proposition.modality not in theme.modalities:
                continue
            sign = sum(self.proposition.sign(axis, pole) for axis, pole in theme.bears.items())
            if sign:
                signed[theme_id] = value * sign * weight * self.focus.get(theme_id, 1.0)
        return SentenceStance(sentence, sum(signed.values()), kind, signed)

    def score_text(self, text: str, kind: str = "fact") -> float:
        """The signed help (> 0 pro) of any piece of source text, scored like a sentence."""
        weight = KIND_WEIGHT.get(kind, 1.0)
        total = 0.0
        for theme_id, value in _theme_weights(text, self.book).items():
            theme = self.book.themes[theme_id]
            if self.proposition.modality in theme.modalities:
                sign = sum(self.proposition.sign(axis, pole) for axis, pole in theme.bears.items())
                total += value * sign * weight * self.focus.get(theme_id, 1.0)
        return total

    def ranked(self, side: str) -> list[PassageStance]:
        """Passages that help ``side`` clearly enough to cite, most helpful first."""
        chosen = [p for p in self.passages.values() if p.side() == side and p.helps(side) >= MIN_SCORE]
        return sorted(chosen, key=lambda p: (-p.helps(side), p.passage))


def stance_model(corpus: Corpus, motion: str) -> StanceModel:
    """The (cached) stance model of ``motion`` over ``corpus``."""
    return _cached(corpus.fingerprint, " ".join(motion.split()), _Box(corpus))


class _Box:
    """Hashes as nothing, so the corpus rides along in the cache key without being hashed."""

    def __init__(self, corpus: Corpus):
        self.corpus = corpus

    def __hash__(self) -> int:
        return 0

    def __eq__(self, other) -> bool:
        return isinstance(other, _Box)


@lru_cache(maxsize=32)
def _cached(_fingerprint: str, motion: str, box: _Box) -> StanceModel:
    return StanceModel(box.corpus, motion)


FOCUS = 1.6  # weight of a theme the motion itself speaks of ("underwhelm", "recruit", "costs")
_MOTION_STOPWORDS = frozenset(stems_of("the a an of to for and or in on at by its it is are was be will "
                                       "should would must now once has have had as with from that this"))


def _focus(motion: str, book: ThemeBook) -> dict[str, float]:
    """Themes whose own words the motion uses weigh more: "Muse Spark will underwhelm" is about
    benchmarks versus real use more than about reorganisations."""
    words = set(stems_of(motion)) - _MOTION_STOPWORDS
    out = {}
    for theme in book.themes.values():
        vocabulary = {s for cue in theme.cues for s in stems_of(cue)} | set(stems_of(theme.title))
        if words & vocabulary:
            out[theme.id] = FOCUS
    return out


def _top_two(scores: list[float]) -> float:
    """The best sentence's help plus half the next one's: a passage that makes the point twice
    is clearer evidence than one that makes it once, but not twice as clear."""
    best = sorted((s for s in scores if s > 0), reverse=True)[:2]
    return (best[0] + 0.5 * best[1]) if len(best) == 2 else (best[0] if best else 0.0)


def _theme_weights(text: str, book: ThemeBook) -> dict[str, float]:
    """Theme id -> weight of its cues in ``text`` (longest cue first, no word counted twice;
    a cue right after a negator counts against its theme)."""
    stems = stems_of(text)
    taken = [False] * len(stems)
    out: dict[str, float] = {}
    for cue, theme in book.cues:
        n = len(cue)
        for i in range(len(stems) - n + 1):
            if stems[i:i + n] != cue or any(taken[i:i + n]):
                continue
            for j in range(i, i + n):
                taken[j] = True
            value = 1.0 + 0.5 * (n - 1)
            if _NEGATORS.intersection(stems[max(0, i - 3):i]):
                value = -value
            out[theme] = out.get(theme, 0.0) + value
    return {t: max(-CUE_CAP, min(CUE_CAP, v)) for t, v in out.items() if v}


def _relevance(corpus: Corpus, motion: str) -> dict[str, float]:
    """Passage id -> BM25 score for the motion, scaled to 0..1 (square-rooted, so a passage
    that shares one rare word with the motion is not worth far less than one sharing three)."""
    hits = search_index(corpus).passages(re.sub(r"[^\w\s'-]", " ", motion), k=len(corpus.passages))
    if not hits:
        return {}
    top = max(score for _, score in hits)
    return {p.id: math.sqrt(score / top) for p, score in hits}
