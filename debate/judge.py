"""The judge: fact-check every claim of every turn, score the sides, name a winner.

The offline claim verifier decides the facts; the score rewards supported claims and
verified citations and penalises contradicted and unsupported claims.
"""

from __future__ import annotations

from debate.evidence import Corpus
from debate.transcript import Transcript

WEIGHTS = {"supported": 2.0, "verified_citation": 1.0, "contradicted": -3.0, "unsupported": -1.0}
TIE_MARGIN = 1.0


def fact_check(transcript: Transcript, corpus: Corpus) -> list[dict]:
    """Every checkable claim of every turn with its label and deciding passage(s)."""
    from debate.evidence.claims import extract_claims
    from debate.evidence.verifier import verifier_for

    verifier = verifier_for(corpus)
    claims = []
    for turn in transcript.turns:
        cited = [c.passage for c in turn.citations]
        for text in extract_claims(turn.text):
            check = verifier.check(text, cited=cited)
            claims.append({"side": turn.side, "speaker": turn.speaker, "round": turn.round,
                           "text": text, "label": check.label, "score": round(check.score, 3),
                           "reason": check.reason,
                           "evidence": [{"passage": e.passage, "text": e.text} for e in check.evidence]})
    return claims


def score_sides(transcript: Transcript, claims: list[dict]) -> dict[str, dict]:
    scores = {}
    for side in ("pro", "con"):
        counts = {label: sum(1 for c in claims if c["side"] == side and c["label"] == label)
                  for label in ("supported", "contradicted", "unsupported")}
        verified = sum(1 for t in transcript.turns if t.side == side for c in t.citations if c.verified)
        total = (WEIGHTS["supported"] * counts["supported"] + WEIGHTS["verified_citation"] * verified
                 + WEIGHTS["contradicted"] * counts["contradicted"]
                 + WEIGHTS["unsupported"] * counts["unsupported"])
        scores[side] = {**counts, "verified_citations": verified, "total": round(total, 2)}
    return scores


async def offline_judge(transcript: Transcript, corpus: Corpus) -> dict:
    claims = fact_check(transcript, corpus)
    scores = score_sides(transcript, claims)
    gap = scores["pro"]["total"] - scores["con"]["total"]
    winner = "tie" if abs(gap) < TIE_MARGIN else ("pro" if gap > 0 else "con")
    return {"winner": winner, "scores": scores, "claims": claims,
            "rationale": _rationale(transcript, scores, claims, winner), "judge": "offline"}


def _rationale(transcript: Transcript, scores: dict, claims: list[dict], winner: str) -> str:
    names = {side: transcript.personas[side]["name"] for side in ("pro", "con")}
    sentences = []
    for side in ("pro", "con"):
        s = scores[side]
        sentences.append(f"{names[side]} ({side}) made {s['supported']} supported, {s['contradicted']} "
                         f"contradicted and {s['unsupported']} unsupported claims, with "
                         f"{s['verified_citations']} verified citations, for {s['total']} points.")
    bad = next((c for c in claims if c["label"] == "contradicted" and c["evidence"]), None)
    if bad:
        sentences.append(f"Decisive: {names[bad['side']]} claimed \"{bad['text']}\", which "
                         f"{bad['evidence'][0]['passage']} contradicts.")
    if winner == "tie":
        sentences.append("The totals are within the tie margin, so the debate is a tie.")
    else:
        sentences.append(f"{names[winner]} wins on the weight of checked evidence.")
    return " ".join(sentences)


def judge_for(settings, config):
    """The judge coroutine for a debate under ``settings``."""
    return offline_judge
