"""Parse a motion into the proposition a debate argues about: who does what, how it is
asserted (should / will / is), whether it is negated, and which pole of each argument axis
it takes ("release the weights" -> openness: open).

The parse is shallow on purpose (a motion is one sentence a user typed): the first modal
or auxiliary splits actor from predicate; the axes' pole words (themes YAML) place the
predicate; a negative verdict word ("is a mistake", "will fracture") or a "not" turns the
pole over, since calling a move a mistake argues for the opposite move.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from debate.stance.themes import ThemeBook, stems_of

_MODALS = {
    "normative": "should must ought needs need".split(),
    "predictive": "will would shall going".split(),
    "evaluative": "is are was were has have had".split(),
}
_NEGATION = re.compile(r"\b(?:not|never|no longer|n't|cannot)\b", re.IGNORECASE)
# "A is B's C" (Meta's NeXT), "as X did", "X repeats Y": an analogy between two cases
_ANALOGY = re.compile(r"\b(?:is|are|was)\s+(?:the\s+)?[A-Z][\w.-]*['’]s\s+[A-Z]|\bas\s+[A-Z][\w.'’-]*.*\bdid\b|"
                      r"\blike\s+[A-Z]")
PRIMARY, SECONDARY = 1.0, 0.35  # weight of the axis a motion is mainly about, and of the others


@dataclass(frozen=True)
class Proposition:
    text: str
    actor: str  # words before the modal ("Meta")
    modality: str  # normative | predictive | evaluative | descriptive
    predicate: str  # words from the modal on ("should release the weights of Muse Spark")
    negated: bool
    leanings: dict[str, tuple[str, float]] = field(default_factory=dict)  # axis -> (pole, weight)
    names: tuple[str, ...] = ()  # capitalised names in the motion

    def sign(self, axis: str, pole: str) -> float:
        """+weight when a reason for ``pole`` of ``axis`` helps the motion, -weight when it
        hurts it, 0 when the motion takes no side on that axis."""
        leaning = self.leanings.get(axis)
        if leaning is None:
            return 0.0
        return leaning[1] if leaning[0] == pole else -leaning[1]

    def negation(self) -> str:
        """The motion denied, for the con side to state ("Meta should not release ...")."""
        words = self.text.strip().rstrip(".!?").split()
        for i, word in enumerate(words):
            low = word.lower()
            if any(low == m for group in _MODALS.values() for m in group) and i > 0:
                if self.negated:
                    rest = words[i + 1:]
                    if rest and rest[0].lower() == "not":
                        rest = rest[1:]
                    return " ".join(words[:i + 1] + rest)
                return " ".join(words[:i + 1] + ["not"] + words[i + 1:])
        return f"it is not the case that {self.text.strip().rstrip('.!?')}"


def parse_motion(motion: str, book: ThemeBook) -> Proposition:
    text = " ".join(motion.split())
    words = text.split()
    modality, cut = "descriptive", None
    for i, word in enumerate(words):
        low = word.lower().strip(",;:")
        kind = next((k for k, group in _MODALS.items() if low in group), None)
        if kind and i > 0:
            modality, cut = kind, i
            break
    actor = " ".join(words[:cut]) if cut else " ".join(words[:2])
    predicate = " ".join(words[cut:]) if cut else " ".join(words[2:])
    negated = bool(_NEGATION.search(predicate))
    stems = stems_of(text)
    found: dict[str, str] = {}
    for axis, cues in book.pole_words.items():
        counts: dict[str, int] = {}
        taken: set[int] = set()
        for cue, pole in cues:
            for i in _find(stems, cue):
                if not taken.intersection(range(i, i + len(cue))):
                    taken.update(range(i, i + len(cue)))
                    counts[pole] = counts.get(pole, 0) + 1
        if counts:
            best = max(counts.values())
            winners = [p for p, n in counts.items() if n == best]
            if len(winners) == 1:
                found[axis] = winners[0]
    if _ANALOGY.search(text) and "likeness" in book.axes:
        found.setdefault("likeness", _first_pole(book, "likeness", 0))
    leanings: dict[str, tuple[str, float]] = {}
    verdict_axis = _verdict_axis(book)
    verdict = found.get(verdict_axis) if verdict_axis else None
    verdict_is_bad = verdict is not None and verdict == _first_pole(book, verdict_axis, 1)
    primary = next((a for a in found if a != verdict_axis and a != "likeness"), None)
    primary = primary or ("likeness" if "likeness" in found else verdict_axis if verdict else None)
    for axis, pole in found.items():
        if axis == verdict_axis and primary != verdict_axis:
            continue  # "will fracture", "was a mistake": a verdict on the move, not a second question
        if axis != verdict_axis and verdict_is_bad and axis != "likeness":
            pole = book.axes[axis].other(pole)  # "closing was a mistake" argues for opening
        if negated:
            pole = book.axes[axis].other(pole)
        leanings[axis] = (pole, PRIMARY if axis == primary else SECONDARY)
    names = tuple(dict.fromkeys(m.group(0) for m in re.finditer(r"\b[A-Z][\w.'’$-]*(?:\s+[A-Z][\w.-]*)*", text)
                                if m.start() > 0 or len(m.group(0).split()) > 1))
    return Proposition(text, actor, modality, predicate, negated, leanings, names)


def _find(stems: tuple[str, ...], cue: tuple[str, ...]) -> list[int]:
    n = len(cue)
    return [i for i in range(len(stems) - n + 1) if stems[i:i + n] == cue]


def _verdict_axis(book: ThemeBook) -> str | None:
    """The axis whose poles are a verdict on how things go (success / trouble): the one
    named 'fortune' in the shipped themes."""
    return "fortune" if "fortune" in book.axes else None


def _first_pole(book: ThemeBook, axis: str, n: int) -> str:
    return list(book.axes[axis].poles)[n]
