"""The kind of a source sentence as evidence (the verifier's tagging, debate/evidence/kinds.py),
with the weight each kind carries when it is cited for a side.

A question or a heading argues nothing and a labelled pastiche is no evidence at all; a
scenario or an opinion helps a side, but less than a report, and is presented as what it is.
"""

from __future__ import annotations

from debate.evidence.corpus import Passage, normalize
from debate.evidence.index import Sentence
from debate.evidence.kinds import Kind, tag_sentence

KIND_WEIGHT = {Kind.FACT: 1.0, Kind.ATTRIBUTED: 1.0, Kind.OPINION: 0.85, Kind.SCENARIO: 0.8,
               Kind.QUESTION: 0.0, Kind.HEADING: 0.0, Kind.PASTICHE: 0.0}


def kind_of(sentence: Sentence) -> str:
    return kind_of_text(sentence.text, sentence.passage)


def kind_of_text(text: str, passage: Passage) -> str:
    """The kind of ``text``, a sentence (or part of one) of ``passage``: the tag the corpus gave
    the passage sentence it belongs to (its section counts: a sentence under "Scenarios" is a
    scenario), else the sentence tagged on its own."""
    wanted = normalize(text).strip(" .")
    for tagged in passage.sentences:
        have = normalize(tagged.text).strip(" .")
        if wanted and (wanted in have or have in wanted) and len(have) > 20:
            return str(tagged.kind)
    return str(tag_sentence(text).kind)
