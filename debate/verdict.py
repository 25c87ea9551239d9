"""The verdict's types: what the judge decides and every reader (views, TUI, handouts,
classroom) reads, validated on the way in and serialised by the transcript.

A verdict saved by an older version loads as long as its fields still fit: fields added
since then take their defaults. One that does not fit fails with a message naming the
transcript version and the field (``verdict_from``).
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

Side = Literal["pro", "con"]
Winner = Literal["pro", "con", "tie", "none"]  # "none": nobody argued, so nobody won
Label = Literal["supported", "contradicted", "unsupported"]
SIDES: tuple[Side, Side] = ("pro", "con")


def other(side: str) -> str:
    return "con" if side == "pro" else "pro"


class _Record(BaseModel):
    # Unknown keys from a newer or older writer are ignored rather than failing a load.
    model_config = ConfigDict(extra="ignore")


class EvidenceRef(_Record):
    """A passage that decides a claim, with the words it holds."""
    passage: str = ""
    text: str = ""


class ModelLabel(_Record):
    """The judge model's own label of a claim, with the sentence it quoted to decide it."""
    label: Label
    passage: str = ""
    quote: str = ""
    quote_found: bool = False  # the quote is in the passage (exact or near): otherwise void
    outcome: str = ""  # "agrees", "overrules", "void", "kept offline", "to unsupported"


class ClaimCheck(_Record):
    """One checkable claim of one turn and the fact check's label for it."""
    id: str = ""
    side: Side
    speaker: str = ""
    round: int = 1
    turn: int = 0  # index of the turn in the transcript
    text: str
    label: Label
    score: float = 0.0
    reason: str = ""
    cited: list[str] | None = None
    evidence: list[EvidenceRef] = Field(default_factory=list)
    offline_label: Label | None = None  # the verifier's label, when a model changed it
    model: ModelLabel | None = None


class CitationCheck(_Record):
    """One citation of one turn: does the cited passage hold the quoted words?"""
    side: Side
    speaker: str = ""
    round: int = 1
    passage: str
    quote: str = ""
    match: str = "none"  # "exact" | "near" | "none"
    verified: bool = False


class SideScores(_Record):
    """A side's 0-10 score per rubric criterion and the weighted total."""
    evidence: float = 0.0
    accuracy: float = 0.0
    engagement: float = 0.0
    clarity: float = 0.0
    total: float = 0.0

    def criteria(self) -> dict[str, float]:
        return self.model_dump()


class Facts(_Record):
    """The counts behind a side's scores."""
    claims: int = 0
    supported: int = 0
    contradicted: int = 0
    unsupported: int = 0
    citations: int = 0
    exact_citations: int = 0
    near_citations: int = 0
    unverified_citations: int = 0
    words: int = 0
    cut_turns: int = 0
    turns: int = 0
    empty_turns: int = 0
    answering_turns: int = 0
    points_answered: int = 0
    points_to_answer: int = 0
    crossfire_answered: int = 0
    crossfire_asked: int = 0
    off_side_turns: int = 0
    copied_turns: int = 0
    repeated_sentences: int = 0
    sentences: int = 0
    padding_phrases: int = 0


class TurnFinding(_Record):
    """What the judge noticed about one turn: its stance on the motion, a copy of the
    opponent, a point it answered (so the rationale can say which)."""
    side: Side
    round: int
    role: str
    stance: Literal["for", "against", "unclear", "empty"]
    off_side: bool = False  # argues the other side's case
    off_side_quote: str = ""
    copied_from: str = ""  # "pro round 2 (closing)": the opponent turn it repeats
    copied_share: float = 0.0
    answered: list[str] = Field(default_factory=list)  # opponent claim ids it answered
    crossfire: Literal["answered", "unanswered", "none"] = "none"


class RubricRecord(_Record):
    """What a verdict keeps of the rubric: enough to read the scorecard."""
    name: str = ""
    source: str = ""
    tie_margin: float = 0.0
    weights: dict[str, float] = Field(default_factory=dict)


class Reading(_Record):
    """One reading by the judge model, with the sides' scores mapped back from A/B."""
    order: list[Side]
    scores: dict[Side, dict[str, float]]
    winner: Winner
    rationale: str = ""


class OrderSwap(_Record):
    first: str
    swapped: str
    agree: bool
    decided_by: str = "fact check"
    readings: list[Reading] = Field(default_factory=list)


class Verdict(_Record):
    """Who won, by which scores, on which checked claims and citations, and why."""
    winner: Winner
    scores: dict[Side, SideScores] = Field(default_factory=dict)
    facts: dict[Side, Facts] = Field(default_factory=dict)
    claims: list[ClaimCheck] = Field(default_factory=list)
    citations: list[CitationCheck] = Field(default_factory=list)
    findings: list[TurnFinding] = Field(default_factory=list)
    rationale: str = ""
    judge: str = ""
    rubric: RubricRecord | None = None
    warnings: list[str] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)
    order_swap: OrderSwap | None = None
    scored_by: dict[str, str] = Field(default_factory=dict)
    disagreements: list[str] = Field(default_factory=list)  # model vs offline labels, and how resolved

    def winner_name(self, personas: dict) -> str:
        """"Winner: NAME (PRO)", "Tie" or "No winner"."""
        if self.winner in SIDES:
            return f"Winner: {personas[self.winner]['name']} ({self.winner.upper()})"
        return "No winner" if self.winner == "none" else "Tie"

    def contradicted(self) -> int:
        return sum(1 for c in self.claims if c.label == "contradicted")


def verdict_from(data: dict | None, version: int) -> Verdict | None:
    """The typed verdict of a transcript written at schema ``version``; ValueError naming the
    version and the first field that does not fit."""
    if data is None:
        return None
    try:
        return Verdict.model_validate(data)
    except ValidationError as exc:
        error = exc.errors()[0]
        where = ".".join(str(p) for p in error["loc"])
        raise ValueError(f"the verdict of this version-{version} transcript does not load: "
                         f"verdict.{where}: {error['msg']}") from None
