"""A claim that corrects a name ("It was Reuters, not CNBC, that reported ...").

The claim asserts X and denies Y. Evidence that gives Y (and not X, or gives Y as the
speaker) contradicts it; evidence that gives X is left to the other checks. Code:
``correction``.
"""

from __future__ import annotations

import re

from debate.evidence.checks.base import Finding, Pair
from debate.evidence.checks.presentation import same_speaker
from debate.evidence.kinds import Kind

_NAME = r"[A-Z][\w.&'-]*(?:\s+[A-Z][\w.&'-]*)*"
_X_NOT_Y = re.compile(r"(" + _NAME + r"),?\s+(?:and\s+)?not\s+(" + _NAME + r")")
_NOT_Y_BUT_X = re.compile(r"\bnot\s+(" + _NAME + r"),?\s+but\s+(" + _NAME + r")")
_WORDS = re.compile(r"[A-Za-z][\w-]*")


def corrected(claim: str) -> tuple[str, str] | None:
    """(asserted, denied) names of a correction, or None."""
    match = _X_NOT_Y.search(claim)
    if match:
        return match.group(1), match.group(2)
    match = _NOT_Y_BUT_X.search(claim)
    if match:
        return match.group(2), match.group(1)
    return None


def _said(name: str, text: str) -> bool:
    words = {w.lower() for w in _WORDS.findall(text)}
    return all(w.lower() in words for w in _WORDS.findall(name))


def check(pair: Pair) -> Finding | None:
    found = corrected(pair.claim)
    if found is None or (pair.tags and pair.tags[0].kind in (Kind.PASTICHE, Kind.QUESTION)):
        return None
    asserted, denied = found
    if not _said(denied, pair.evidence):
        return None
    speaker = pair.tags[0].attribution if pair.tags else ""
    if not _said(asserted, pair.evidence) or (speaker and same_speaker(denied, speaker)):
        return Finding("contradicted", "correction", f"the source gives {denied}, not {asserted}")
    return None
