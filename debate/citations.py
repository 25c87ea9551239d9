"""Find ``[S<doc>:<n>]`` citations in any backend's text and check them against the sources.

For each citation we record the quote the sentence relies on and whether that quote is
really in the cited passage: ``exact`` (equal after folding quotes, dashes, spacing and
case), ``near`` (an approximate match found by rapidfuzz's partial alignment), or ``none``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from debate.evidence.corpus import Corpus, normalize, split_sentences
from debate.transcript import Citation

# The one grammar of citation markers; every module that finds, strips or highlights them uses these.
PASSAGE_ID = re.compile(r"S[A-Za-z0-9_.-]+:\d+")  # "S002:4" (doc ids are cut to these characters)
# "[S002:4]", "[S002:4, S003:1]", "[S002:4; S003:1]", and "(S002:4)" as models sometimes write it
MARKER = re.compile(rf"[\[(]\s*({PASSAGE_ID.pattern}(?:\s*[,;]\s*{PASSAGE_ID.pattern})*)\s*[\])]")
FOOTNOTE = re.compile(r"\[\d+\]")  # "[3]": a footnote pasted in with a claim, not a source
QUOTED = re.compile(r"[\"“]([^\"“”]{12,}?)[\"”]")
NEAR_THRESHOLD = 90.0  # rapidfuzz partial_ratio, 0-100


@dataclass
class CitedSentence:
    sentence: str  # the sentence with its markers removed
    passages: list[str]  # passage ids cited by the sentence, in order


def strip_markers(text: str, *, footnotes: bool = False) -> str:
    """``text`` without its citation markers (and ``[3]``-style footnotes, if asked)."""
    text = MARKER.sub("", text)
    if footnotes:
        text = FOOTNOTE.sub("", text)
    text = re.sub(r"[ \t]{2,}", " ", text)
    return re.sub(r"\s+([.,;:!?])", r"\1", text).strip()


def cited_sentences(text: str) -> list[CitedSentence]:
    """Each sentence of ``text`` with the passages it cites (markers may follow the full stop)."""
    out: list[CitedSentence] = []
    # Move markers that follow the full stop ("... stop. [S1:2]") before it, then split.
    text = re.sub(rf"([.!?])([\"”’]?)\s*((?:{MARKER.pattern}\s*)+)", r"\3\1\2 ", text)
    for paragraph in text.splitlines():
        for start, end in split_sentences(paragraph):
            raw = paragraph[start:end]
            ids = [pid for m in MARKER.finditer(raw) for pid in PASSAGE_ID.findall(m.group(1))]
            out.append(CitedSentence(strip_markers(raw), list(dict.fromkeys(ids))))
    return out


def check_quote(quote: str, passage_text: str) -> tuple[str, str]:
    """(match, source words): is ``quote`` in the passage, exactly, nearly, or not at all."""
    wanted, haystack = normalize(quote).strip(" .,;:"), normalize(passage_text)
    if not wanted:
        return "none", ""
    if wanted in haystack:
        return "exact", _source_span(passage_text, quote) or quote
    alignment = fuzz.partial_ratio_alignment(wanted, haystack)
    if alignment and alignment.score >= NEAR_THRESHOLD and len(wanted) >= 12:
        words = _source_span(passage_text, haystack[alignment.dest_start:alignment.dest_end])
        return "near", words or haystack[alignment.dest_start:alignment.dest_end]
    return "none", ""


def _source_span(passage_text: str, folded: str) -> str:
    """The words of ``passage_text`` (as written) whose folded form equals ``folded``."""
    target = normalize(folded).strip(" .,;:")
    flat = passage_text.replace("\n", " ")
    for s, e in split_sentences(flat):
        sentence = flat[s:e]
        if target and target in normalize(sentence):
            # Narrow to the words: walk word boundaries of the sentence.
            words = sentence.split()
            for i in range(len(words)):
                for j in range(len(words), i, -1):
                    candidate = " ".join(words[i:j])
                    if normalize(candidate).strip(" .,;:\"'") == target:
                        return candidate.strip("\"“”'")
            return sentence
    return ""


def resolve(sentence: CitedSentence, corpus: Corpus) -> list[Citation]:
    """Check every citation of one sentence: the quoted words, or else the sentence itself."""
    quoted = [m.group(1) for m in QUOTED.finditer(sentence.sentence)]
    claim = quoted[0] if quoted else sentence.sentence
    citations = []
    for pid in sentence.passages:
        passage = corpus.get(pid)
        if passage is None:
            citations.append(Citation(passage=pid, quote=claim, verified=False, match="none"))
            continue
        match, words = check_quote(claim, passage.text)
        citations.append(Citation(passage=pid, quote=words or claim, verified=match != "none", match=match))
    return citations


def citations_in(text: str, corpus: Corpus) -> list[Citation]:
    """All citations of a turn, in order of appearance."""
    return [c for s in cited_sentences(text) if s.passages for c in resolve(s, corpus)]
