"""The judge's rubric: weighted criteria in a YAML file, and the offline score of each.

The rubric lives in ``prompts/rubric.yaml``; a ``rubric.yaml`` in the user's prompts folder
or a file named with ``--rubric`` replaces it. Each criterion scores a side from 0 to 10
from things a student can count in the transcript and the fact check:

* evidence: supported claims and verified citations, as a share of what could be earned;
* accuracy: 10 less a penalty per contradicted claim, unsupported claim and unverified citation;
* engagement: naming the opponent, taking up their claims, answering the crossfire question;
* clarity: turns cut by the clock or budget, repeated sentences and padding phrases cost points.

The weighted total is on the same 0-10 scale; totals within ``tie_margin`` are a tie.
"""

from __future__ import annotations

import re
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, model_validator

from debate.citations import strip_markers
from debate.evidence.corpus import split_sentences
from debate.evidence.lexicon import STOPWORDS, stem
from debate.resources import shipped
from debate.transcript import Transcript, Turn
from debate.verdict import ClaimCheck, Facts, RubricRecord, SideScores
from debate.yamlfile import load_model

SIDES = ("pro", "con")
FACT_CRITERIA = ("evidence", "accuracy")  # decided by the fact check alone, never by an LLM
JUDGEMENT_CRITERIA = ("engagement", "clarity")  # an LLM judge may score these
REPEAT_AT = 0.8  # share of content words two sentences must share to count as a repeat
ANSWER_AT = 0.6  # share of a claim's (or question's) key words a turn must use for full credit
CUT_BY_SPEAKER = ("clock", "budget")  # a skip is the user's doing, not the speaker's
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*|\d+(?:[.,]\d+)*")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Criterion(_Strict):
    weight: float = Field(ge=0)
    description: str


class Evidence(Criterion):
    supported_claim: float = Field(ge=0)
    exact_citation: float = Field(ge=0)
    near_citation: float = Field(ge=0)
    min_claims: int = Field(ge=0)


class Accuracy(Criterion):
    contradicted_claim: float = Field(ge=0)
    unsupported_claim: float = Field(ge=0)
    unverified_citation: float = Field(ge=0)


class Engagement(Criterion):
    names_opponent: float = Field(ge=0)
    answers_claims: float = Field(ge=0)
    answers_crossfire: float = Field(ge=0)


class Clarity(Criterion):
    cut_turn: float = Field(ge=0)
    repetition: float = Field(ge=0)
    padding_phrase: float = Field(ge=0)
    padding_phrases: list[str]


class Criteria(_Strict):
    evidence: Evidence
    accuracy: Accuracy
    engagement: Engagement
    clarity: Clarity


class Rubric(_Strict):
    name: str
    tie_margin: float = Field(ge=0, le=10)
    criteria: Criteria
    source: str = Field(default="", exclude=True)  # the file it came from (set on loading)

    @model_validator(mode="after")
    def _some_weight(self) -> "Rubric":
        if not any(c.weight for _, c in self.items()):
            raise ValueError("at least one criterion needs a weight above 0")
        return self

    def items(self) -> list[tuple[str, Criterion]]:
        return [(name, getattr(self.criteria, name)) for name in Criteria.model_fields]

    @property
    def weights(self) -> dict[str, float]:
        return {name: c.weight for name, c in self.items()}

    def total(self, scores: dict[str, float], only: tuple[str, ...] | None = None) -> float:
        """Weighted mean of ``scores`` (0-10) over all criteria, or ``only`` those named."""
        weights = {n: w for n, w in self.weights.items() if only is None or n in only}
        mass = sum(weights.values())
        return round(sum(w * scores[n] for n, w in weights.items()) / mass, 2) if mass else 0.0

    def winner(self, totals: dict[str, float]) -> str:
        """"pro" or "con" by the totals, or "tie" when they are within the margin."""
        gap = totals["pro"] - totals["con"]
        if abs(gap) <= self.tie_margin:
            return "tie"
        return "pro" if gap > 0 else "con"

    def record(self) -> RubricRecord:
        """What a verdict keeps of the rubric: enough to read the scorecard."""
        return RubricRecord(name=self.name, source=self.source, tie_margin=self.tie_margin, weights=self.weights)


def rubric_path(rubric: str | Path | None = None, prompts_dir: str | Path | None = None) -> Path:
    """``--rubric FILE``, else ``rubric.yaml`` in the user's prompts folder, else the shipped one."""
    if rubric:
        return Path(rubric).expanduser()
    if prompts_dir and (Path(prompts_dir).expanduser() / "rubric.yaml").is_file():
        return Path(prompts_dir).expanduser() / "rubric.yaml"
    return shipped("prompts") / "rubric.yaml"


def load_rubric(rubric: str | Path | None = None, prompts_dir: str | Path | None = None) -> Rubric:
    """Load and validate the rubric; a bad file is a UserError naming file, line and field."""
    path = rubric_path(rubric, prompts_dir)
    loaded = load_model(Rubric, path)
    loaded.source = str(path)
    return loaded


# ---- the facts each criterion counts ---------------------------------------------------------

def tally(transcript: Transcript, claims: list[ClaimCheck]) -> dict[str, dict]:
    """Per side: claims by label, citations by match, and the clarity and engagement counts."""
    out = {}
    for side in SIDES:
        turns = [t for t in transcript.turns if t.side == side]
        citations = [c for t in turns for c in t.citations]
        labels = [c.label for c in claims if c.side == side]
        out[side] = {
            "claims": len(labels),
            **{label: labels.count(label) for label in ("supported", "contradicted", "unsupported")},
            "citations": len(citations),
            "exact_citations": sum(1 for c in citations if c.verified and c.match == "exact"),
            "near_citations": sum(1 for c in citations if c.verified and c.match != "exact"),
            "unverified_citations": sum(1 for c in citations if not c.verified),
            "words": sum(t.words for t in turns),
            "cut_turns": sum(1 for t in turns if t.truncated and (t.cut_by or "clock") in CUT_BY_SPEAKER),
        }
    return out


def score_sides(transcript: Transcript, claims: list[ClaimCheck],
                rubric: Rubric) -> tuple[dict[str, SideScores], dict[str, Facts]]:
    """(scores, facts): per side the 0-10 score of every criterion and the weighted total,
    and the counts behind them."""
    facts = tally(transcript, claims)
    scores = {}
    for side in SIDES:
        f = facts[side]
        engagement, answering = _engagement(transcript, claims, side, rubric.criteria.engagement)
        repeats, padding = _repeats(transcript, side, rubric.criteria.clarity), _padding(transcript, side, rubric.criteria.clarity)
        f.update(answering_turns=answering, repeated_sentences=repeats[0], sentences=repeats[1],
                 padding_phrases=padding)
        side_scores = {
            "evidence": _evidence(f, rubric.criteria.evidence),
            "accuracy": _accuracy(f, rubric.criteria.accuracy),
            "engagement": engagement,
            "clarity": _clarity(f, rubric.criteria.clarity),
        }
        scores[side] = SideScores(**side_scores, total=rubric.total(side_scores))
    return scores, {side: Facts(**f) for side, f in facts.items()}


def _clamp(value: float) -> float:
    return round(min(10.0, max(0.0, value)), 2)


def _evidence(f: dict, rule: Evidence) -> float:
    earned = (rule.supported_claim * f["supported"] + rule.exact_citation * f["exact_citations"]
              + rule.near_citation * f["near_citations"])
    possible = rule.supported_claim * max(f["claims"], rule.min_claims) + rule.exact_citation * f["citations"]
    return _clamp(10 * earned / possible) if possible else 0.0


def _accuracy(f: dict, rule: Accuracy) -> float:
    return _clamp(10 - rule.contradicted_claim * f["contradicted"] - rule.unsupported_claim * f["unsupported"]
                  - rule.unverified_citation * f["unverified_citations"])


def _clarity(f: dict, rule: Clarity) -> float:
    repeated = f["repeated_sentences"] / f["sentences"] if f["sentences"] else 0.0
    return _clamp(10 - rule.cut_turn * f["cut_turns"] - rule.repetition * repeated
                  - rule.padding_phrase * f["padding_phrases"])


# ---- words -----------------------------------------------------------------------------------

def key_terms(text: str) -> set[str]:
    """Stems of the content words of ``text`` (no stopwords, no citation markers)."""
    return {stem(w) for w in _WORD.findall(strip_markers(text).lower()) if w not in STOPWORDS and len(w) > 1}


def _sentences(text: str) -> list[str]:
    clean = strip_markers(text)
    return [clean[s:e] for line in clean.splitlines() for s, e in split_sentences(line)]


def _repeats(transcript: Transcript, side: str, rule: Clarity) -> tuple[int, int]:
    """(repeated, all): sentences of the side that mostly say again what it said before
    (padding phrases aside, so a new lead-in does not make an old sentence new)."""
    seen: list[set[str]] = []
    repeated = total = 0
    for turn in (t for t in transcript.turns if t.side == side):
        for sentence in _sentences(_padding_re(rule).sub(" ", turn.text)):
            terms = key_terms(sentence)
            if not terms:
                continue
            total += 1
            if any(len(terms & old) / len(terms | old) >= REPEAT_AT for old in seen):
                repeated += 1
            seen.append(terms)
    return repeated, total


def _padding_re(rule: Clarity) -> re.Pattern:
    phrases = "|".join(re.escape(p.strip()) for p in rule.padding_phrases if p.strip()) or r"(?!x)x"
    return re.compile(r"\b(?:" + phrases + r")\b,?", re.IGNORECASE)


def _padding(transcript: Transcript, side: str, rule: Clarity) -> int:
    return sum(len(_padding_re(rule).findall(t.text)) for t in transcript.turns if t.side == side)


def _coverage(wanted: set[str], said: set[str]) -> float:
    """Credit (0-1) for using ``wanted`` words: full credit at ANSWER_AT of them."""
    return min(1.0, len(wanted & said) / (ANSWER_AT * len(wanted))) if wanted else 0.0


def names_opponent(turn: Turn, opponent_name: str) -> bool:
    """The turn names the opponent (full name or surname) or addresses "my opponent"."""
    text = turn.text.lower()
    surname = opponent_name.split()[-1] if opponent_name.split() else ""
    names = [opponent_name.lower()] + ([surname.lower()] if len(surname) >= 4 else [])
    return any(re.search(r"\b" + re.escape(n) + r"\b", text) for n in names if n) or \
        bool(re.search(r"\bmy (?:opponent|opponents|friend opposite)\b", text))


def _engagement(transcript: Transcript, claims: list[ClaimCheck], side: str, rule: Engagement) -> tuple[float, int]:
    """(score, answering turns): the mean per-turn share of the engagement points earned.
    A side with no turn that could answer anything scores a neutral 5."""
    other = "con" if side == "pro" else "pro"
    opponent_name = transcript.personas.get(other, {}).get("name", "")
    motion = key_terms(transcript.motion)
    crossfire = {r.number: r.crossfire for r in transcript.rounds}
    per_turn = []
    for index, turn in enumerate(transcript.turns):
        if turn.side != side:
            continue
        said = key_terms(turn.text)
        parts: list[tuple[float, float]] = []  # (weight, credit)
        if any(t.side == other for t in transcript.turns[:index]):
            parts.append((rule.names_opponent, 1.0 if names_opponent(turn, opponent_name) else 0.0))
            answerable = [c for c in claims if c.side == other and c.turn < index]
            best = max((_coverage(key_terms(c.text) - motion, said) for c in answerable), default=0.0)
            parts.append((rule.answers_claims, best))
        question = crossfire.get(turn.round)
        if question:
            wanted = (key_terms(question) - motion) or key_terms(question)
            parts.append((rule.answers_crossfire, _coverage(wanted, said)))
        mass = sum(w for w, _ in parts)
        if mass:
            per_turn.append(10 * sum(w * credit for w, credit in parts) / mass)
    return (_clamp(sum(per_turn) / len(per_turn)) if per_turn else 5.0), len(per_turn)
