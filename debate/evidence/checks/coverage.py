"""Does the evidence account for every name and every qualifier of the claim?

The aligner lets a paraphrase miss a few ordinary words ("handed" for "granted"). It must
not miss what makes a claim specific: a name ("a former OpenAI researcher" where the source
names no OpenAI), or a qualifier that changes what is asserted ("already", "only", "now",
"first", "weekly"). A name may come from the evidence's passage or its document's title
("the company" for Meta); a qualifier must be in the evidence itself. Code: ``unmatched``.
"""

from __future__ import annotations

import re

from debate.evidence.analysis import keys_of
from debate.evidence.checks.base import Finding, Pair

# qualifiers, each with the words that state it too
_QUALIFIERS = {
    "already": "already previously earlier before",
    "now": "now currently today presently",
    "only": "only exclusively solely sole just limited",
    "exclusively": "only exclusively solely sole",
    "solely": "only exclusively solely sole",
    "first": "first debut debuts inaugural first-ever initial",
    "last": "last final",
    "never": "never not no",
    "always": "always",
    "all": "all every entire whole",
    "every": "all every each",
    "entirely": "entirely completely wholly fully totally",
    "completely": "entirely completely wholly fully totally",
    "specifically": "specifically",
    "weekly": "weekly week",
    "daily": "daily day",
    "monthly": "monthly month",
    "annually": "annually annual yearly year",
    "newly": "newly new recently",
    "again": "again",
    "still": "still",
    "soon": "soon shortly",
    "shortly": "shortly soon",
    "immediately": "immediately",
    "publicly": "publicly public",
    "secretly": "secretly secret",
    "largest": "largest biggest",
    "biggest": "largest biggest",
    "most": "most",
    "sole": "sole only",
}
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")


def _words(text: str) -> set[str]:
    return {w.lower().removesuffix("'s") for w in _WORD.findall(text)}


def _parts_known(word: str, known: set[str]) -> bool:
    """"Ray-Ban" is stated by "Ray Ban": every part of a hyphenated name is there."""
    parts = [p for p in re.split(r"[-.]", word) if p]
    return len(parts) > 1 and all(keys_of(p) <= known for p in parts)


def check(pair: Pair) -> Finding | None:
    known = pair.evidence_analysis.keys | pair.context
    for token in pair.claim_analysis.tokens:
        if token.name and token.key not in known and not _parts_known(token.word, known):
            return Finding("unsupported", "unmatched", f'"{token.word}"')
    evidence_words = _words(pair.evidence)
    for word in _words(pair.claim) & _QUALIFIERS.keys():
        if not evidence_words & set(_QUALIFIERS[word].split()):
            return Finding("unsupported", "unmatched", f'"{word}"')
    return None
