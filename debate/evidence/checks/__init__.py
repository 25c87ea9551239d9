"""One check per module, each returning a typed ``Finding`` (or None) with its own reason code.

The verifier's aligner (``verifier``) picks the source sentence(s) that state most of a
claim and gives a first label from words and numbers. The checks here then ask what that
alignment alone cannot: does the claim correct a name the source gives ("X, not Y",
``correction``); is the sentence a fact or a scenario, someone's claim, a pastiche
(``presentation``); does it account for every name and qualifier of the claim
(``coverage``); does it state the cause the claim asserts (``causal``); does it point the
same way, from / to, X over Y, who leads where (``direction``). ``review_support`` applies
them in that order; the first finding decides.
"""

from __future__ import annotations

from debate.evidence.checks.base import Finding, Pair
from debate.evidence.checks import causal, correction, coverage, direction, presentation

# the checks a supported alignment must pass, in order: the first finding decides
SUPPORT_CHECKS = (correction.check, presentation.check, direction.check, coverage.check, causal.check)
# the checks that can still void a contradiction (a scenario or pastiche contradicts nothing)
CONTRADICTION_CHECKS = (presentation.check_contradiction,)
# the checks that find a contradiction in evidence the aligner found only partly matching
CONFLICT_CHECKS = (correction.check, direction.check)


def review_support(pair: Pair) -> Finding | None:
    """The first reason ``pair``'s evidence does not support its claim, None if it does."""
    for check in SUPPORT_CHECKS:
        finding = check(pair)
        if finding is not None:
            return finding
    return None


def review_conflict(pair: Pair) -> Finding | None:
    """A contradiction the aligner missed in evidence that states most of the claim the
    other way round ("stayed flat" against "higher"), None if there is none."""
    for check in CONFLICT_CHECKS:
        finding = check(pair)
        if finding is not None and finding.label == "contradicted":
            return review_contradiction(pair) or finding
    return None


def review_contradiction(pair: Pair) -> Finding | None:
    """Why ``pair``'s evidence cannot contradict its claim after all, None if it can."""
    for check in CONTRADICTION_CHECKS:
        finding = check(pair)
        if finding is not None:
            return finding
    return None


__all__ = ["Finding", "Pair", "review_conflict", "review_contradiction", "review_support"]
