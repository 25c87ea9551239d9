"""What kind of statement a source sentence is, for weighing and presenting it as evidence.

Until the verifier's passage kinds (debate/evidence/kinds.py) are merged this is a small
heuristic: a question, a heading, a labelled pastiche, a scenario or forecast, a statement
attributed to someone, an opinion, or a plain reported fact.
"""

from __future__ import annotations

import re

from debate.evidence.index import Sentence

KINDS = ("fact", "attributed", "opinion", "scenario", "question", "heading", "pastiche")
KIND_WEIGHT = {"fact": 1.0, "attributed": 1.0, "opinion": 0.85, "scenario": 0.8,
               "question": 0.0, "heading": 0.0, "pastiche": 0.0}
_SCENARIO = re.compile(r"\b(?:would|could|might|may|likely|if|unless|once)\b|\bwill\b(?!\s+roll)", re.IGNORECASE)
_ATTRIBUTED = re.compile(r"\b(?:said|says|say|reported|reports|according to|argued|argues|writes|wrote|"
                         r"confirms|confirmed|described|announced|stated|states|claims|declares|signals)\b",
                         re.IGNORECASE)
_OPINION = re.compile(r"^(?:from experience|one common mistake|in many cases|that is (?:a fair|where|the)|"
                      r"both views)|\b(?:must|should|needs? to|is not|matters|the problem|the concern)\b",
                      re.IGNORECASE)


def kind_of(sentence: Sentence) -> str:
    return kind_of_text(sentence.text, sentence.passage.text)


def kind_of_text(text: str, passage: str) -> str:
    """The kind of ``text``, a sentence (or part of one) of the passage text ``passage``."""
    text = text.strip()
    if "pastiche" in passage.lower() or "not real quote" in passage.lower():
        return "pastiche"
    if text.endswith("?"):
        return "question"
    if len(text.split()) < 6:
        return "heading"
    if "Discussed by" in passage:
        return "scenario"
    if _ATTRIBUTED.search(text):
        return "attributed"
    if _OPINION.search(text):
        return "opinion"
    if _SCENARIO.search(text):
        return "scenario"
    return "fact"
