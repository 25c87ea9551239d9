"""What each turn does with the motion and with the opponent, read the same way for both sides.

The rubric scores engagement and clarity from these findings, so they are general
mechanisms over the text, never rules about one motion:

* **stance**: a turn argues for the motion when its speaker declares so ("I stand for the
  motion") or asserts the motion in their own voice (a sentence that restates the motion,
  not quoted, attributed, asked or conceded); a negated restatement argues against it.
* **copy**: a turn that mostly repeats an earlier turn of the opponent (shared word 5-grams)
  is the opponent's argument, not the side's own.
* **answering**: a reply answers a point when one of its sentences takes up the point's
  claim, evidence or theme (the same passage, a quote of it, or most of its distinctive
  words) and counters it in that sentence or the next (a negation or contrast, a limit of
  scope or modality, other evidence, the opponent's own source turned).
* **crossfire**: the answer addresses the question's ask: a yes/no question wants a stated
  polarity, a why-question a reason, a how-much question a number, any other question new
  content about its subject; repeating the question's words is not an answer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from debate.citations import cited_sentences, strip_markers
from debate.evidence.corpus import split_sentences
from debate.evidence.lexicon import STOPWORDS, stem
from debate.transcript import Transcript, Turn

RESTATES_AT = 0.75  # share of the motion's content words a clause must carry to restate it
RESTATES_EXTRA = 2  # ... with at most this many words of its own ("ultimately", "believe")
COPY_AT = 0.5  # share of a turn's word 5-grams found in one opponent turn to call it a copy
TAKES_UP_AT = 0.5  # share of a point's distinctive words a reply sentence must carry
MIN_POINT_TERMS = 3  # a sentence with fewer distinctive words is not a point to answer
SHINGLE = 5
REPEAT_AT = 0.8  # a reply sentence sharing this much of a point's words repeats it, not answers it

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*|\d+(?:[.,]\d+)*")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_NEGATION = re.compile(r"\b(?:not|no|never|nor|neither|cannot|without|none|nothing|no longer|far from)\b|n['’]t\b",
                       re.IGNORECASE)
_DECLARED = re.compile(
    r"\b(?:I|we)\s+(?P<adv>(?:firmly|strongly|must|will|do|does|not|cannot|can|still)\s+){0,3}"
    r"(?:(?:stand|speak|argue|rise|am|are|vote)\s+(?P<prep>for|against|in\s+favou?r\s+of|in\s+support\s+of|with|opposed\s+to)"
    r"|(?P<verb>support|oppose|reject|back|accept|endorse|affirm|deny))\s+the\s+motion\b",
    re.IGNORECASE)
_AGAINST = {"against", "opposed to", "oppose", "reject", "deny"}
_REPORTED = re.compile(
    r"\b(?P<who>\w+)\s+(?:\w+\s+)?(?:says?|said|claims?|claimed|argues?|argued|believes?|believed|thinks?|"
    r"thought|insists?|insisted|contends?|suggests?|maintains?|asserts?|wants?\s+you\s+to\s+believe)\b"
    r"|\baccording\s+to\b|\bin\s+(?:their|his|her)\s+view\b",
    re.IGNORECASE)
_OWN_VOICE = {"i", "we"}
_CONCEDED = re.compile(r"\b(?:granted|admittedly|even\s+if|although|though|while|whether|if|unless|"
                       r"true\s+that|may\s+well|might|suppose|supposing|assuming|critics|some\s+say)\b",
                       re.IGNORECASE)
_COUNTER = re.compile(
    r"\b(?:not|no|never|nothing|nor|but|however|yet|although|though|whereas|instead|rather|only|merely|"
    r"just|at\s+most|at\s+best|single|alone|few|ignores?|ignoring|skips?|forgets?|misses|overlooks?|"
    r"leaves?\s+out|overstates?|exaggerates?|wrong|mistaken|misreads?|fails?|false|contrary|opposite|"
    r"does\s+not\s+follow|far\s+enough|same\s+source|own\s+source|own\s+evidence|cuts\s+both\s+ways|"
    r"in\s+fact|actually|far\s+from|hardly|unless|except|limited|narrow|temporary)\b|n['’]t\b",
    re.IGNORECASE)
_YES_NO = re.compile(r"^\s*(?:do|does|did|is|are|was|were|can|could|will|would|should|shall|has|have|had|"
                     r"may|might|must)\b", re.IGNORECASE)
_WHY = re.compile(r"^\s*(?:why|how\s+come|what\s+for)\b|\bwhy\b", re.IGNORECASE)
_HOW_MUCH = re.compile(r"\bhow\s+(?:much|many|long|often|big|large|far|soon)\b|\bwhat\s+(?:share|percentage|price|cost)\b",
                       re.IGNORECASE)
_POLARITY = re.compile(r"\b(?:yes|no|not|never|nor|neither|certainly|clearly|indeed|absolutely|hardly|barely|"
                       r"of\s+course|far\s+from)\b|n['’]t\b", re.IGNORECASE)
_REASON = re.compile(r"\b(?:because|since|as\s+a\s+result|so\s+that|due\s+to|owing\s+to|the\s+reason|"
                     r"which\s+is\s+why|that\s+is\s+why|therefore|thus|hence|leads?\s+to|led\s+to|drives?|"
                     r"driven\s+by|in\s+order\s+to|to\s+(?:protect|keep|win|earn|avoid|save|recoup|monetise|monetize))\b",
                     re.IGNORECASE)
_QUOTED = re.compile(r"[\"“]([^\"”]{3,})[\"”]")
_TOKEN = re.compile(r"[A-Za-z][\w'’-]*|\d")
_QUOTED_SPAN = re.compile(r"[\"“].*[\"”]")
_CLAUSE = re.compile(r"[;:—–]|,\s*(?:and|but|so|yet|while|which|because)\b|\s-\s")


def key_terms(text: str) -> set[str]:
    """Stems of the content words of ``text`` (no stopwords, no citation markers)."""
    return {stem(w) for w in _WORD.findall(strip_markers(text).lower()) if w not in STOPWORDS and len(w) > 1}


def sentences(text: str) -> list[str]:
    clean = strip_markers(text)
    return [clean[s:e] for line in clean.splitlines() for s, e in split_sentences(line)]


def is_empty(turn: Turn | None) -> bool:
    """No words of its own: nothing said, or only whitespace and citation markers."""
    return turn is None or not key_terms(turn.text)


# ---- stance ----------------------------------------------------------------------------------

def _negations(text: str) -> int:
    return len(_NEGATION.findall(text))


def _unquoted(sentence: str) -> str:
    return _QUOTED.sub(" ", sentence)


def _attributed(sentence: str) -> bool:
    """Someone else's words: reported speech with a subject other than I or we."""
    for m in _REPORTED.finditer(sentence):
        if (m.group("who") or "").lower() not in _OWN_VOICE:
            return True
    return False


def _clauses(sentence: str) -> list[str]:
    return [c for c in _CLAUSE.split(_unquoted(sentence)) if c.strip()]


def _restating(sentence: str, motion: str) -> str | None:
    """The clause of ``sentence`` that restates the motion: it carries most of the motion's
    content words, few of its own, and no number the motion does not have."""
    wanted, numbers = key_terms(motion), set(_NUMBER.findall(motion))
    if len(wanted) < 2:
        return None
    for clause in _clauses(sentence):
        terms = key_terms(clause)
        if (len(wanted & terms) / len(wanted) >= RESTATES_AT and len(terms - wanted) <= RESTATES_EXTRA
                and set(_NUMBER.findall(clause)) <= numbers):
            return clause
    return None


def restates_motion(sentence: str, motion: str) -> bool:
    """The sentence states the motion itself: an opinion on what the debate is about, not a
    fact the sources can settle."""
    return _restating(sentence, motion) is not None


def motion_polarity(sentence: str, motion: str) -> str | None:
    """"for" or "against" when ``sentence`` asserts the motion (or its negation) in the
    speaker's own voice; None when it does not restate the motion, or only quotes, reports,
    asks, supposes or concedes it."""
    own = _unquoted(sentence)
    if sentence.rstrip().endswith("?") or _attributed(own) or _CONCEDED.search(own):
        return None
    clause = _restating(sentence, motion)
    if clause is None:
        return None
    flipped = (_negations(clause) - _negations(motion)) % 2
    return "against" if flipped else "for"


def declared_stance(sentence: str) -> str | None:
    """"for" or "against" when the speaker says which side of the motion they argue."""
    m = _DECLARED.search(_unquoted(sentence))
    if not m:
        return None
    word = " ".join((m.group("prep") or m.group("verb")).lower().split())
    said = "against" if word in _AGAINST else "for"
    lead = m.group(0)[:(m.start("prep") if m.group("prep") else m.start("verb")) - m.start()]
    if _negations(lead) % 2:  # "I do not stand for the motion", "we cannot support the motion"
        said = "against" if said == "for" else "for"
    return said


@dataclass
class Stance:
    stance: str  # "for" | "against" | "unclear" | "empty"
    quote: str = ""  # the sentence that decided it


def turn_stance(turn: Turn, motion: str) -> Stance:
    """The turn's stance on the motion from its declarations and own-voice restatements;
    the more frequent wins, and a tie between them is unclear."""
    if is_empty(turn):
        return Stance("empty")
    signals: list[tuple[str, str]] = []
    for sentence in sentences(turn.text):
        said = declared_stance(sentence) or motion_polarity(sentence, motion)
        if said:
            signals.append((said, sentence.strip()))
    votes = {s: sum(1 for said, _ in signals if said == s) for s in ("for", "against")}
    if votes["for"] == votes["against"]:
        return Stance("unclear")
    winner = "for" if votes["for"] > votes["against"] else "against"
    return Stance(winner, next(q for said, q in signals if said == winner))


def side_stance(side: str) -> str:
    return "for" if side == "pro" else "against"


# ---- copies ----------------------------------------------------------------------------------

def _shingles(text: str) -> set[tuple[str, ...]]:
    words = [w.lower() for w in _WORD.findall(strip_markers(text))]
    return {tuple(words[i:i + SHINGLE]) for i in range(max(0, len(words) - SHINGLE + 1))}


def copied_share(turn: Turn, source: Turn) -> float:
    """Share of ``turn``'s word 5-grams that ``source`` already said."""
    mine = _shingles(turn.text)
    return len(mine & _shingles(source.text)) / len(mine) if mine else 0.0


# ---- points and answers ----------------------------------------------------------------------

@dataclass
class Point:
    """One sentence of the opponent that a reply could answer."""
    turn: int  # index in transcript.turns
    text: str
    terms: set[str]
    passages: set[str]
    numbers: set[str]


@dataclass
class _Said:
    text: str
    terms: set[str]
    passages: set[str]
    numbers: set[str]
    quotes: list[str] = field(default_factory=list)


def _said(turn: Turn) -> list[_Said]:
    out = []
    for s in cited_sentences(turn.text):
        out.append(_Said(s.sentence, key_terms(s.sentence), set(s.passages), set(_NUMBER.findall(s.sentence)),
                         [q.lower() for q in _QUOTED.findall(s.sentence)]))
    return out


def names_in(text: str, names: list[str]) -> list[str]:
    """The ``names`` that ``text`` holds as whole words ("You" is not in "Young")."""
    return [n for n in names if n and re.search(rf"(?<![\w-]){re.escape(n)}(?![\w-])", text)]


def checkable(text: str, names: list[str] = ()) -> bool:
    """Outside quoted words and ``names``, the text still states something the sources can
    check: a number, or a name (a capitalised word that does not open the sentence)."""
    rest = _QUOTED_SPAN.sub(" ", text)  # first to last quote mark: quotes nest in reported speech
    for name in names_in(rest, list(names)):
        rest = rest.replace(name, " ")
    words = _TOKEN.findall(rest)
    return any(w[0].isdigit() or (i and w[0].isupper() and w != "I") for i, w in enumerate(words))


def points(turn: Turn, index: int, motion: str, debaters: list[str] = ()) -> list[Point]:
    """The sentences of ``turn`` that put a claim to answer: they cite a passage or state
    something checkable, are not about a debater, declare no stance, do not restate the
    motion, and have enough distinctive words."""
    wanted = key_terms(motion)
    out = []
    for s in _said(turn):
        if declared_stance(s.text) or restates_motion(s.text, motion) or names_in(s.text, list(debaters)):
            continue
        if not (s.passages or _QUOTED.search(s.text) or checkable(s.text)):
            continue
        terms = s.terms - wanted
        if len(terms) >= MIN_POINT_TERMS:
            out.append(Point(index, s.text.strip(), terms, s.passages, s.numbers))
    return out


def _takes_up(said: _Said, point: Point) -> bool:
    if said.terms and len(said.terms & point.terms) / len(said.terms | point.terms) >= REPEAT_AT:
        return False  # saying the same thing again is not answering it
    if said.passages & point.passages:
        return True
    text = point.text.lower()
    if any(len(q.split()) >= 4 and (q in text or text.rstrip(". ") in q) for q in said.quotes):
        return True
    shared = said.terms & point.terms
    if said.numbers & point.numbers and shared:
        return True
    return len(shared) >= MIN_POINT_TERMS and len(shared) / len(point.terms) >= TAKES_UP_AT


def _counters(said: _Said, following: _Said | None, point: Point) -> bool:
    for s in (said, following):
        if s is None:
            continue
        if _COUNTER.search(_unquoted(s.text)):
            return True
        if s.passages - point.passages:  # other evidence set against it
            return True
    return False


def answered(reply: Turn, candidates: list[Point]) -> list[Point]:
    """The points of ``candidates`` that ``reply`` takes up and counters."""
    said = _said(reply)
    out = []
    for point in candidates:
        for i, s in enumerate(said):
            if _takes_up(s, point) and _counters(s, said[i + 1] if i + 1 < len(said) else None, point):
                out.append(point)
                break
    return out


# ---- crossfire -------------------------------------------------------------------------------

def ask_of(question: str) -> str:
    """What the question asks for: "yes/no", "why", "how much" or "what"."""
    if _HOW_MUCH.search(question):
        return "how much"
    if _WHY.search(question):
        return "why"
    if _YES_NO.search(question):
        return "yes/no"
    return "what"


def answers_question(turn: Turn, question: str, motion: str) -> bool:
    """Some sentence of the turn is about the question's subject and gives what it asks for,
    with words of its own beyond the question's."""
    asked = key_terms(question)
    subject = (asked - key_terms(motion)) or asked
    ask = ask_of(question)
    auxiliary = question.split()[0].lower() if question.split() else ""  # "did" in "Did Llama win?"
    for s in _said(turn):
        own = s.terms - asked
        if not (s.terms & subject) or len(own) < 2:
            continue
        text = _unquoted(s.text)
        if ask == "yes/no" and (_POLARITY.search(text) or re.search(rf"\b{re.escape(auxiliary)}\b", text, re.I)):
            return True
        if ask == "why" and _REASON.search(text):
            return True
        if ask == "how much" and _NUMBER.search(text):
            return True
        if ask == "what" and len(own) >= 3:
            return True
    return False


# ---- the findings of a whole transcript ------------------------------------------------------

@dataclass
class TurnReading:
    """One turn as the judge reads it."""
    index: int
    turn: Turn
    stance: Stance
    copied_from: int | None = None  # index of the opponent turn it repeats
    copied_share: float = 0.0
    to_answer: list[Point] = field(default_factory=list)
    answered: list[Point] = field(default_factory=list)
    crossfire: str = "none"  # "answered" | "unanswered" | "none"

    @property
    def empty(self) -> bool:
        return self.stance.stance == "empty"

    @property
    def off_side(self) -> bool:
        return self.stance.stance == side_stance(other_side(self.turn.side))

    @property
    def own(self) -> bool:
        """Said something of its own, on its own side."""
        return not (self.empty or self.copied_from is not None)


def other_side(side: str) -> str:
    return "con" if side == "pro" else "pro"


def read_turns(transcript: Transcript) -> list[TurnReading]:
    """Every turn's stance, copy, points answered and crossfire answer. A turn in round r
    may answer the opponent's turns of earlier rounds (an opening answers nobody), so both
    sides get the same chance: an opening answers nobody, and a later turn may answer any
    earlier point of the opponent (full credit needs the same number of answers from both)."""
    turns = transcript.turns
    crossfire = {r.number: r.crossfire for r in transcript.rounds}
    debaters = [p.get("name", "") for p in transcript.personas.values()]
    readings = []
    for index, turn in enumerate(turns):
        reading = TurnReading(index, turn, turn_stance(turn, transcript.motion))
        earlier = [(i, t) for i, t in enumerate(turns[:index]) if t.side != turn.side]
        if not reading.empty:
            shares = [(copied_share(turn, t), i) for i, t in earlier]
            best = max(shares, default=(0.0, None))
            if best[0] >= COPY_AT:
                reading.copied_share, reading.copied_from = round(best[0], 2), best[1]
        if turn.role != "opening":
            reading.to_answer = [p for i, t in earlier for p in points(t, i, transcript.motion, debaters)]
        if reading.own and not reading.off_side:
            reading.answered = answered(turn, reading.to_answer)
        question = crossfire.get(turn.round)
        if question:
            ok = reading.own and not reading.off_side and answers_question(turn, question, transcript.motion)
            reading.crossfire = "answered" if ok else "unanswered"
        readings.append(reading)
    return readings
