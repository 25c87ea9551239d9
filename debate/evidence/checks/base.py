"""What every check receives (a claim aligned with candidate evidence) and returns."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal

from debate.evidence.analysis import Analysis
from debate.evidence.kinds import Tag


@dataclass(frozen=True)
class Finding:
    """Why a check refuses (or overturns) a verdict.

    ``label`` is what the verdict becomes: ``unsupported`` (something is missing) or
    ``contradicted`` (the evidence states something incompatible). ``code`` is the stable
    reason code (documented in the README), ``detail`` the words that decided.
    """

    label: Literal["unsupported", "contradicted"]
    code: str  # "scenario-only", "attributed-to-other", "unmatched", "direction-swap", ...
    detail: str = ""

    @property
    def reason(self) -> str:
        return f"{self.code}: {self.detail}" if self.detail else self.code


@dataclass
class Pair:
    """A claim and the candidate evidence it was aligned with.

    ``claim_tag`` is how the claim presents itself (``kinds.read_claim``); ``tags`` are the
    kinds of the evidence sentences, the one most aligned with the claim first; ``context``
    the keys of the evidence's passage and document title (where "the company" or "it"
    finds its name).
    """

    claim: str
    claim_analysis: Analysis
    claim_tag: Tag
    evidence: str
    evidence_analysis: Analysis
    tags: tuple[Tag, ...]
    context: set[str] = field(default_factory=set)
    title: str = ""  # the evidence's document title (who the article is about)

    @cached_property
    def claim_doc(self):
        from debate.evidence.nlp import parse
        return parse(self.claim)

    @cached_property
    def evidence_doc(self):
        from debate.evidence.nlp import parse
        return parse(self.evidence)
