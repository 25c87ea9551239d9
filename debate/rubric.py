"""The judge's rubric: weighted criteria in a YAML file, and the offline score of each.

The rubric lives in ``prompts/rubric.yaml``; a ``rubric.yaml`` in the user's prompts folder
or a file named with ``--rubric`` replaces it. Each criterion scores a side from 0 to 10
from things a student can count in the transcript and the fact check:

* evidence: supported claims and verified citations, as a share of what could be earned;
* accuracy: 10 less a penalty per contradicted claim, unsupported claim and unverified citation;
* engagement: answering the opponent's points of earlier rounds and the crossfire question
  (``debate/clash.py`` says what answering is); an opening answers nobody, so it is scored
  on the crossfire alone;
* clarity: per turn, cut turns, repeated sentences, padding and arguing the other side cost points.

Every criterion is scored the same way for both sides. A side is scored over every turn it
owed: an empty turn, a missing one or one that copies the opponent scores zero (its claims
are not the side's own), so saying nothing never earns a neutral score. The weighted total
is on the same 0-10 scale; totals within ``tie_margin`` are a tie.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, model_validator

from debate.clash import TurnReading, key_terms, read_turns, sentences
from debate.resources import shipped
from debate.transcript import Transcript
from debate.verdict import ClaimCheck, Facts, RubricRecord, SideScores, TurnFinding
from debate.yamlfile import load_model

SIDES = ("pro", "con")
FACT_CRITERIA = ("evidence", "accuracy")  # decided by the fact check alone, never by an LLM
JUDGEMENT_CRITERIA = ("engagement", "clarity")  # an LLM judge may score these
REPEAT_AT = 0.8  # share of content words two sentences must share to count as a repeat
CUT_BY_SPEAKER = ("clock", "budget")  # a skip is the user's doing, not the speaker's


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
    answers_points: float = Field(ge=0)
    answers_crossfire: float = Field(ge=0)
    points_for_full_credit: int = Field(ge=1)


class Clarity(Criterion):
    cut_turn: float = Field(ge=0)
    repetition: float = Field(ge=0)
    padding_phrase: float = Field(ge=0)
    off_side_turn: float = Field(ge=0)
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

@dataclass
class Scorecard:
    """Both sides' scores, the counts behind them, each turn's findings, and whether the
    debate gave anyone something to answer (when it did not, engagement is left out)."""
    scores: dict[str, SideScores]
    facts: dict[str, Facts]
    readings: list[TurnReading]
    findings: list[TurnFinding]
    engagement_scored: bool


def owed_turns(transcript: Transcript) -> int:
    """Turns each side owed: one per round of the debate (rounds held or planned)."""
    return max(len(transcript.rounds), int(transcript.settings.get("rounds") or 0), 1)


def tally(transcript: Transcript, claims: list[ClaimCheck], readings: list[TurnReading]) -> dict[str, dict]:
    """Per side: claims by label and citations by match (of the side's own turns only), and
    the turn counts behind clarity and engagement."""
    own = {r.index for r in readings if r.own}
    out = {}
    for side in SIDES:
        mine = [r for r in readings if r.turn.side == side]
        turns = [r.turn for r in mine if r.index in own]
        citations = [c for t in turns for c in t.citations]
        labels = [c.label for c in claims if c.side == side and c.turn in own]
        out[side] = {
            "claims": len(labels),
            **{label: labels.count(label) for label in ("supported", "contradicted", "unsupported")},
            "citations": len(citations),
            "exact_citations": sum(1 for c in citations if c.verified and c.match == "exact"),
            "near_citations": sum(1 for c in citations if c.verified and c.match != "exact"),
            "unverified_citations": sum(1 for c in citations if not c.verified),
            "words": sum(r.turn.words for r in mine),
            "cut_turns": sum(1 for t in turns if t.truncated and (t.cut_by or "clock") in CUT_BY_SPEAKER),
            "turns": owed_turns(transcript),
            "empty_turns": owed_turns(transcript) - len([r for r in mine if not r.empty]),
            "copied_turns": sum(1 for r in mine if r.copied_from is not None),
            "off_side_turns": sum(1 for r in mine if r.own and r.off_side),
            "points_to_answer": sum(len(r.to_answer) for r in mine),
            "points_answered": sum(len(r.answered) for r in mine),
            "answering_turns": sum(1 for r in mine if r.answered),
            "crossfire_asked": sum(1 for r in mine if r.crossfire != "none"),
            "crossfire_answered": sum(1 for r in mine if r.crossfire == "answered"),
        }
    return out


def score_sides(transcript: Transcript, claims: list[ClaimCheck], rubric: Rubric) -> Scorecard:
    """Per side the 0-10 score of every criterion and the weighted total, with the counts
    and turn findings behind them."""
    readings = read_turns(transcript)
    facts = tally(transcript, claims, readings)
    engagement = {side: _engagement(readings, side, rubric.criteria.engagement) for side in SIDES}
    engagement_scored = any(e is not None for e in engagement.values())
    only = None if engagement_scored else tuple(n for n in rubric.weights if n != "engagement")
    scores = {}
    for side in SIDES:
        f = facts[side]
        clarity, repeats, sentence_count, padding = _clarity(transcript, readings, side, rubric.criteria.clarity)
        f.update(repeated_sentences=repeats, sentences=sentence_count, padding_phrases=padding)
        present = (f["turns"] - f["empty_turns"] - f["copied_turns"]) / f["turns"]
        side_scores = {
            "evidence": _clamp(present * _evidence(f, rubric.criteria.evidence)),
            "accuracy": _clamp(present * _accuracy(f, rubric.criteria.accuracy)),
            "engagement": engagement[side] or 0.0,
            "clarity": clarity,
        }
        scores[side] = SideScores(**side_scores, total=rubric.total(side_scores, only))
    return Scorecard(scores, {side: Facts(**f) for side, f in facts.items()}, readings,
                     [finding(r, readings) for r in readings], engagement_scored)


def finding(r: TurnReading, readings: list[TurnReading]) -> TurnFinding:
    source = readings[r.copied_from].turn if r.copied_from is not None else None
    return TurnFinding(
        side=r.turn.side, round=r.turn.round, role=r.turn.role, stance=r.stance.stance,
        off_side=r.own and r.off_side, off_side_quote=r.stance.quote if r.own and r.off_side else "",
        copied_from=f"{source.side} round {source.round} ({source.role})" if source else "",
        copied_share=r.copied_share, answered=[p.text for p in r.answered],
        points_to_answer=len(r.to_answer), crossfire=r.crossfire)


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


def _engagement(readings: list[TurnReading], side: str, rule: Engagement) -> float | None:
    """The mean, over the side's turns that had something to answer (earlier points of the
    opponent, or a crossfire question), of the share of the answering points earned; None
    when no turn of the side had anything to answer. An empty, copied or off-side turn
    earns nothing."""
    per_turn = []
    for r in (r for r in readings if r.turn.side == side):
        parts: list[tuple[float, float]] = []  # (weight, credit)
        if r.to_answer:
            wanted = min(rule.points_for_full_credit, len(r.to_answer))
            parts.append((rule.answers_points, min(1.0, len(r.answered) / wanted)))
        if r.crossfire != "none":
            parts.append((rule.answers_crossfire, 1.0 if r.crossfire == "answered" else 0.0))
        mass = sum(w for w, _ in parts)
        if mass:
            fair = r.own and not r.off_side
            per_turn.append(10 * sum(w * credit for w, credit in parts) / mass if fair else 0.0)
    return _clamp(sum(per_turn) / len(per_turn)) if per_turn else None


def _clarity(transcript: Transcript, readings: list[TurnReading], side: str,
             rule: Clarity) -> tuple[float, int, int, int]:
    """(score, repeated sentences, sentences, padding phrases): each owed turn scores 10 less
    its cut, repetition, padding and off-side penalties; an empty, copied or missing turn 0."""
    seen: list[set[str]] = []
    repeated = total = padding = 0
    turn_scores = []
    pad = _padding_re(rule)
    for r in (r for r in readings if r.turn.side == side):
        pads = len(pad.findall(r.turn.text))
        mine = again = 0
        for sentence in sentences(pad.sub(" ", r.turn.text)):
            terms = key_terms(sentence)
            if not terms:
                continue
            mine += 1
            if any(len(terms & old) / len(terms | old) >= REPEAT_AT for old in seen):
                again += 1
            seen.append(terms)
        repeated, total, padding = repeated + again, total + mine, padding + pads
        if not r.own:
            continue
        cut = r.turn.truncated and (r.turn.cut_by or "clock") in CUT_BY_SPEAKER
        turn_scores.append(_clamp(10 - rule.cut_turn * cut - rule.repetition * (again / mine if mine else 0.0)
                                  - rule.padding_phrase * pads - rule.off_side_turn * r.off_side))
    return _clamp(sum(turn_scores) / owed_turns(transcript)), repeated, total, padding


def _padding_re(rule: Clarity) -> re.Pattern:
    phrases = "|".join(re.escape(p.strip()) for p in rule.padding_phrases if p.strip()) or r"(?!x)x"
    return re.compile(r"\b(?:" + phrases + r")\b,?", re.IGNORECASE)
