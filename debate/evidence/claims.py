"""Cut a debate turn into the atomic factual claims the verifier can check.

A turn mixes citations, rhetoric, questions and opinions with facts. The judge should
only score statements of fact, one at a time: "X scored 52 and Y scored 57" is two
claims (one may be true and the other false), "Isn't that telling?" is none.
"""

from __future__ import annotations

import re

from debate.evidence.corpus import split_sentences
from debate.evidence.quantities import parse_quantities

_CITATION = re.compile(r"\s*[\[(](?:S[\w.-]+:\d+(?:\s*[,;]\s*)?)+[\])]")
_OPINION = re.compile(
    r"^\s*(?:i|we|you)\b(?!\s+(?:\w+\s+)?(?:found|know that|report))|"
    r"\b(?:i think|i believe|we believe|in my (?:view|opinion)|frankly|obviously|clearly|"
    r"let me|let's|imagine|should|ought|must admit|my opponent|my friend|ladies|gentlemen|"
    r"surely|of course|i'd|i'm|we're|you're|honestly)\b", re.IGNORECASE)
_LEAD_IN = re.compile(
    r"^\s*(?:(?:and|but|so|yet|also|indeed|moreover|furthermore|however|remember|consider|"
    r"note that|in fact|after all|the (?:record|source|evidence|article) (?:says|shows|states)"
    r"(?: that)?|according to (?:the )?(?:source|article|passage|record)s?),?\s+)+", re.IGNORECASE)
_SPLIT = re.compile(r"(?:,\s*|;\s*|\s+)(?:and|but|while|whereas)\s+(?=[A-Z])|;\s+")
_VERB = re.compile(
    r"\b(?:is|are|was|were|has|have|had|will|would|can|could|did|does|do|[a-z]{3,}(?:ed|es|s))\b")


def is_checkable(sentence: str) -> bool:
    """Whether ``sentence`` states a fact a source could confirm or refute."""
    text = _CITATION.sub("", sentence).strip()
    if not text or text.endswith("?") or len(text.split()) < 3:
        return False
    if _OPINION.search(text):
        return False
    has_name = bool(re.search(r"(?<!^)(?<![.!?]\s)\b[A-Z][A-Za-z0-9]+", text)) or \
        bool(re.match(r"[A-Z][a-z]+\s+[A-Z]", text))
    has_fact = bool(parse_quantities(text)) or has_name
    return has_fact and (bool(_VERB.search(text)) or len(text.split()) >= 5)


def extract_claims(text: str) -> list[str]:
    """The checkable atomic claims of a debate turn, citation markers removed."""
    out: list[str] = []
    clean = _CITATION.sub("", text)
    for line in clean.splitlines():
        for s, e in split_sentences(line):
            sentence = _LEAD_IN.sub("", line[s:e].strip()).strip()
            if not sentence:
                continue
            sentence = sentence[0].upper() + sentence[1:]
            for part in _split(sentence):
                if is_checkable(part):
                    out.append(part)
    return out


def _split(sentence: str) -> list[str]:
    """Split coordinated clauses that each have their own subject and verb."""
    parts = _SPLIT.split(sentence)
    if len(parts) == 1 or not all(len(p.split()) >= 3 and _VERB.search(p) for p in parts):
        return [sentence]
    out = []
    for part in parts:
        part = part.strip().rstrip(",;")
        if not part.endswith((".", "!", "?")):
            part += "."
        out.append(part[0].upper() + part[1:])
    return out
