"""Hand-built transcripts for the judge tests: real personas, real citations, bundled seeds."""

from debate.citations import citations_in
from debate.engine import role_for
from debate.personas import load_persona
from debate.rubric import load_rubric
from debate.transcript import Round, Transcript, Turn
from tests.seeds import seed_corpus

MOTION = "Meta should release the weights of Muse Spark"
PRO, CON = "open-source-advocate", "skeptical-investor"

# S002:13: "Meta spends $14.3 billion to recruit Alexandr Wang. Meta acquires a 49% non-voting
# stake in Scale AI ..."; S002:4 holds Muse Spark's HealthBench Hard score (42.8%).
TRUE_FACTS = ("Meta spent $14.3 billion to recruit Alexandr Wang [S002:13]. "
              "Meta acquired a 49% non-voting stake in Scale AI [S002:13].")
# Two other true, exactly quoted facts (S002:25, S002:15): a side with its own record.
OTHER_FACTS = ("Meta used open Llama models to become the default open-weight AI platform, attracting "
               "millions of developers [S002:25]. Meta released Llama 2 free for research and commercial use [S002:15].")
FALSE_SCORE = "Muse Spark scored 82.4% on HealthBench Hard [S002:4]."
TRUE_SCORE = "Muse Spark scored 42.8% on HealthBench Hard [S002:4]."


corpus = seed_corpus  # the bundled seeds, loaded once per session


def transcript(rounds: list[tuple[str, str]], *, crossfire: dict[int, str] | None = None,
               cut: set[tuple[int, str]] = frozenset(), backend: dict | None = None) -> Transcript:
    """A complete transcript: ``rounds`` is [(pro text, con text), ...]; ``cut`` marks turns
    (round, side) the clock cut."""
    personas = {"pro": load_persona(PRO).to_record(), "con": load_persona(CON).to_record()}
    t = Transcript(motion=MOTION, seeds=corpus().files, backend=backend or {"name": "offline", "model": ""},
                   personas=personas, status="complete")
    for number, texts in enumerate(rounds, start=1):
        turns = [Turn(side=side, speaker=personas[side]["name"], text=text, round=number,
                      role=role_for(number, len(rounds)),
                      truncated=(number, side) in cut, cut_by="clock" if (number, side) in cut else None,
                      citations=citations_in(text, corpus()))
                 for side, text in zip(("pro", "con"), texts)]
        t.rounds.append(Round(number=number, crossfire=(crossfire or {}).get(number), turns=turns))
    return t


def assert_winner_follows_the_scores(verdict) -> None:
    """An offline verdict names the side its weighted totals favour (a tie within the
    rubric's margin), and its rationale opens by saying so."""
    if not isinstance(verdict, dict):
        verdict = verdict.model_dump()
    rubric = load_rubric()
    totals = {side: verdict["scores"][side]["total"] for side in ("pro", "con")}
    assert verdict["winner"] == rubric.winner(totals), (verdict["winner"], totals)
    opening = verdict["rationale"] if isinstance(verdict["rationale"], str) else " ".join(verdict["rationale"])
    if verdict["winner"] == "tie":
        assert "so the debate is a tie" in opening
    else:
        assert f"({verdict['winner'].upper()}) wins {totals[verdict['winner']]}" in opening
