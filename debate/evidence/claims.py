"""Cut a debate turn into the atomic factual claims the verifier can check.

A turn mixes citations, rhetoric, questions and opinions with facts. The judge should
only score statements of fact, one at a time: "X scored 52 and Y scored 57" is two
claims (one may be true and the other false), "Isn't that telling?" is none.
"""

from __future__ import annotations

import re

from debate.citations import MARKER
from debate.evidence.corpus import split_sentences
from debate.evidence.quantities import parse_quantities

_CITATION = re.compile(rf"\s*{MARKER.pattern}")  # a marker and the space before it
_OPINION = re.compile(
    r"^\s*(?:i|we|you)\b(?!\s+(?:\w+\s+)?(?:found|know that|report))|"
    r"\b(?:i think|i believe|we believe|in my (?:view|opinion)|frankly|obviously|clearly|"
    r"let me|let's|imagine|should|ought|must admit|my opponent|my friend|ladies|gentlemen|"
    r"surely|of course|i'd|i'm|we're|you're|honestly)\b", re.IGNORECASE)
_LEAD_IN = re.compile(
    r"^\s*(?:(?:and|but|so|yet|also|indeed|moreover|furthermore|however|remember|consider|"
    r"note that|in fact|after all|the (?:record|source|evidence|article) (?:says|shows|states)"
    r"(?: that)?|according to (?:the )?(?:source|article|passage|record)s?)[,:]?\s+)+", re.IGNORECASE)
_SPLIT = re.compile(r"(?:,\s*|;\s*|\s+)(?:and|but|while|whereas)\s+(?=[A-Z])|;\s+")
# one double-quoted span; a quotation of several sentences is cut by the sentence splitter,
# so the span may also run to the end of the sentence
_QUOTE = re.compile(r'(?<![\w.,;!?])["“]([^"“”]+)(?:["”]|$)')
_STRAY_CLOSE = re.compile(r'^[^"“]*(["”])\s*[.!?]?\s*$')
QUOTE_WORDS = 6  # a shorter quotation is a phrase inside the speaker's own claim
_NAME = re.compile(r"(?<!^)(?<![.!?]\s)\b[A-Z][A-Za-z0-9]+")
_VERB = re.compile(
    r"\b(?:is|are|was|were|has|have|had|will|would|can|could|did|does|do|[a-z]{3,}(?:ed|es|s))\b")


def is_checkable(sentence: str) -> bool:
    """Whether ``sentence`` states a fact a source could confirm or refute."""
    text = _CITATION.sub("", sentence).strip()
    if not text or text.endswith("?") or len(text.split()) < 3:
        return False
    if _OPINION.search(text):
        return False
    has_name = bool(_NAME.search(text)) or \
        bool(re.match(r"[A-Z][a-z]+\s+[A-Z]", text))
    has_fact = bool(parse_quantities(text)) or has_name
    return has_fact and (bool(_VERB.search(text)) or len(text.split()) >= 5)


# Markdown and list debris a model's turn carries: bullets, headings, bold, "Point 1:" labels
_MARKUP = re.compile(r"^\s*(?:#{1,6}\s+|[-*+•▪◦]\s+|\d{1,2}[.)]\s+|>\s*)+")
_EMPHASIS = re.compile(r"\*\*|__|(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])|`")
_LABEL = re.compile(r"^\s*(?:(?:point|argument|reason|claim|fact|evidence|rebuttal|takeaway|conclusion)"
                    r"(?:\s+(?:\d+|one|two|three|four|five))?|first|second|third|finally)\s*[:.—–-]\s+", re.IGNORECASE)
# what a stripped citation leaves: "According to [S001:7] and [S002:19], X" -> "According to and, X";
# "[S002:15] states that X" -> "states that X"
_CITATION_RESIDUE = re.compile(
    r"^\s*(?:(?:according to|as (?:shown|noted|reported) (?:in|by)|per|see|as)\s*(?:(?:,|and|&|;)\s*)*,\s*|"
    r"(?:states|says|shows|notes|reports|finds|argues|confirms|explains|adds|suggests)\s+(?:that\s+)?(?=\S))",
    re.IGNORECASE)
_FINISHED = re.compile(r"[.!?…][\"'”’)\]]*\s*$")
_CONTENT = re.compile(r"[A-Za-z][\w'-]+")


def _clean(sentence: str) -> str:
    sentence = _EMPHASIS.sub("", _MARKUP.sub("", sentence))
    sentence = _LABEL.sub("", sentence)
    return _CITATION_RESIDUE.sub("", sentence).strip()


def restates(claim: str, motion: str) -> bool:
    """Whether ``claim`` is the motion said again ("Ultimately, proprietary AI is now a
    competitive necessity for Meta"): the conclusion argued for, an opinion, not a fact."""
    if not motion:
        return False
    from debate.evidence.analysis import keys_of

    motion_keys = keys_of(motion)
    if not motion_keys:
        return False
    for clause in re.split(r"[,;:]\s+|\s+(?:and|but|so|because)\s+", claim):
        clause_keys = keys_of(clause)
        if len(clause_keys & motion_keys) >= 0.8 * len(motion_keys) and len(clause_keys - motion_keys) <= 2:
            return True
    return False


def extract_claims(text: str, *, motion: str = "") -> list[str]:
    """The checkable atomic claims of a debate turn, citation markers removed.

    Not claims: list lead-ins ("Here are my two strongest points:"), unfinished sentences
    (a turn cut mid-sentence), the pastiche label a persona echoes, questions, opinions, and
    the motion itself restated as a conclusion (pass ``motion``). Markdown bullets, bold,
    headings and "Point 1:" labels are stripped, as is what citations leave behind.
    """
    from debate.evidence.kinds import is_pastiche_label

    out: list[str] = []
    clean = _CITATION.sub("", text)
    for line in clean.splitlines():
        line = _clean(line)
        for s, e in split_sentences(line):
            raw = _clean(line[s:e].strip())
            if not _FINISHED.search(raw) or raw.rstrip().endswith(":") or is_pastiche_label(raw):
                continue  # unfinished, a lead-in to a list, or the label of an invented quote
            sentence = _quoted_fact(_LEAD_IN.sub("", raw).strip())
            if not sentence or is_pastiche_label(sentence):
                continue
            sentence = sentence[0].upper() + sentence[1:]
            for part in _split(sentence):
                if is_checkable(part) and not restates(part, motion):
                    out.append(part)
    return out


MAX_PART_WORDS = 60  # a longer run of words without a sentence break is cut into pieces this long
MAX_PARTS = 40  # parts of one claim checked; the rest are not (the claim is then unsupported)


def atomic_parts(claim: str) -> list[str]:
    """The atomic statements of one claim: its sentences, each split at coordinated clauses
    ("X scored 61, and Y scored 48"), runs longer than MAX_PART_WORDS cut into pieces.

    The verifier checks each part: one contradicted part contradicts the claim, all parts
    must be supported for the claim to be. The work per claim is bounded: at most
    MAX_PARTS + 1 parts of at most MAX_PART_WORDS words each (the last part stands for the
    unchecked rest), so a 1 MB line costs one linear scan, not a quadratic alignment.
    """
    parts: list[str] = []
    for s, e in split_sentences(claim):
        for part in _split(claim[s:e].strip()):
            words = part.split()
            parts.extend(" ".join(words[i:i + MAX_PART_WORDS]) for i in range(0, len(words), MAX_PART_WORDS))
            if len(parts) > MAX_PARTS:
                return parts[:MAX_PARTS + 1]
    return parts or [claim]


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


def _quoted_fact(sentence: str) -> str:
    """The quoted words when they are a sentence's only factual content, else the sentence.

    "The record, which is more reliable than the press office, says: "X happened in 2026""
    states X; the lead-in around the quotation is rhetoric. A sentence that also states a
    fact outside the quotation (a number, a name: "Ruiz said in 2021 that "...") stays whole.
    """
    quotes = list(_QUOTE.finditer(sentence))
    if len(quotes) != 1:
        stray = _STRAY_CLOSE.match(sentence) if not quotes else None
        if stray:  # the end of a quotation the splitter cut: 'It was a Wednesday."'
            return (sentence[:stray.start(1)] + sentence[stray.end(1):]).strip()
        return sentence
    quote = quotes[0]
    words = quote.group(1).strip().rstrip(",;:").strip()
    outside = f"{sentence[:quote.start()]} {sentence[quote.end():]}".strip()
    if re.search(r"\w", outside):  # a bare quotation (its lead-in trimmed) is unwrapped whatever its length
        if len(words.split()) < QUOTE_WORDS or parse_quantities(outside) or _NAME.search(outside):
            return sentence
    if not words.endswith((".", "!", "?")):
        words += "."
    return words[0].upper() + words[1:]
