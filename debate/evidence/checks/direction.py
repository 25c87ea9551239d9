"""Does the evidence point the same way as the claim?

Three shapes of reversal, each a contradiction when the evidence states the claim's
content the other way round (code ``direction-swap``):

* from / to: "a move away from closed toward open" against "shifting away from open
  toward closed" (the dependency parse finds the objects of "from" and "to"/"toward";
  opposite words, "open" / "closed", count as the same slot taken the other way);
* A over B: "prizes seniority over excellence" against "rewards excellence over
  seniority" (also "rather than", "instead of");
* who leads where: "beats rivals at coding while lagging in vision" against "excels in
  vision but trails in coding" (a word of one pole, "beat" / "excel", and the topic words
  after it in its clause, against the opposite pole with the same topic words).
"""

from __future__ import annotations

import re

from debate.evidence.analysis import Analysis
from debate.evidence.checks.base import Finding, Pair
from debate.evidence.lexicon import POLES, opposed, stem

_FROM = {"from"}
_TO = {"to", "toward", "towards", "into"}
_OVER = {"over"}
_MOVE = {stem(w) for w in "shift move pivot transition switch turn go change away retreat migrate convert".split()}


def _subtree_words(token) -> set[str]:
    return {stem(t.lemma_.lower()) for t in token.subtree if t.is_alpha and not t.is_stop}


def _from_to(doc) -> tuple[set[str], set[str]]:
    """Content stems under "from" and under "to"/"toward" in a sentence about a move."""
    if not any(stem(t.lemma_.lower()) in _MOVE for t in doc):
        return set(), set()
    source: set[str] = set()
    target: set[str] = set()
    for token in doc:
        word = token.lower_
        if token.dep_ in ("prep", "conj", "dative") and word in _FROM | _TO:
            objects = [c for c in token.children if c.dep_ in ("pobj", "pcomp")]
            words = set().union(*(_subtree_words(c) for c in objects)) if objects else set()
            (source if word in _FROM else target).update(words)
    return source - target, target - source


def _preferences(doc) -> set[tuple[str, str]]:
    """(preferred, other) stem pairs: "excellence over seniority", "A rather than B"."""
    pairs = set()
    for token in doc:
        if token.lower_ in _OVER and token.dep_ == "prep" and token.head.pos_ in ("NOUN", "PROPN"):
            for obj in token.children:
                if obj.dep_ == "pobj":
                    pairs.add((stem(token.head.lemma_.lower()), stem(obj.lemma_.lower())))
    text = doc.text
    for match in re.finditer(r"\b(\w+) (?:rather than|instead of) (?:\w+ )?(\w+)", text):
        pairs.add((stem(match.group(1).lower()), stem(match.group(2).lower())))
    return pairs


def _clash(a: set[str], b: set[str]) -> str:
    """A stem of ``a`` that ``b`` holds, or whose opposite ``b`` holds."""
    for x in sorted(a):
        if x in b:
            return x
        for y in b:
            if opposed(x, y):
                return x
    return ""


def _poled_topics(analysis: Analysis) -> list[tuple[str, list[tuple[int, int]], set[str]]]:
    """(pole word, its (dimension, side) poles, topic keys after it in its clause) per pole word."""
    tokens = analysis.tokens
    out = []
    for i, token in enumerate(tokens):
        poles = POLES.get(token.stem) or POLES.get(token.key)
        if not poles or token.name:
            continue
        topics = set()
        for later in tokens[i + 1:]:
            if later.clause != token.clause and later.clause > token.clause + 1:
                break
            if POLES.get(later.stem) or POLES.get(later.key):
                break
            topics.add(later.key)
        if not topics:  # "grades remained constant": the topic came before the pole word
            topics = {t.key for t in tokens[:i] if t.clause == token.clause and not (POLES.get(t.stem) or POLES.get(t.key))}
        if topics:
            out.append((token.word, poles, topics))
    return out


def _pole_swap(claim: Analysis, evidence: Analysis) -> str:
    evidence_poles = _poled_topics(evidence)
    for word, poles, topics in _poled_topics(claim):
        for dim, side in poles:
            # a topic the evidence also puts under the claim's own pole is no swap
            same_side = set().union(*(t for _, p, t in evidence_poles if (dim, side) in p))
            for other, poles2, topics2 in evidence_poles:
                shared = (topics & topics2) - same_side
                if (dim, 1 - side) in poles2 and shared:
                    return f'"{word}" vs "{other}" for "{sorted(shared)[0]}"'
    return ""


def check(pair: Pair) -> Finding | None:
    swap = _pole_swap(pair.claim_analysis, pair.evidence_analysis)
    if swap:
        return Finding("contradicted", "direction-swap", swap)
    claim_pref, evidence_pref = _preferences(pair.claim_doc), _preferences(pair.evidence_doc)
    for a, b in claim_pref:
        if (b, a) in evidence_pref:
            return Finding("contradicted", "direction-swap", f'"{a} over {b}" vs "{b} over {a}"')
    claim_from, claim_to = _from_to(pair.claim_doc)
    if claim_from or claim_to:
        evidence_from, evidence_to = _from_to(pair.evidence_doc)
        turned = _clash(claim_from, evidence_to) if claim_from and evidence_to else ""
        turned = turned or (_clash(claim_to, evidence_from) if claim_to and evidence_from else "")
        if turned and not (_clash(claim_from, evidence_from) and _clash(claim_to, evidence_to)
                           and not (claim_from & evidence_to or claim_to & evidence_from)):
            return Finding("contradicted", "direction-swap", f'from/to "{turned}"')
    return None
