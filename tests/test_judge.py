"""The offline judge: per-claim fact check, citation checks, scores, winner, rationale,
verdict views, and `debate judge` re-judging a saved transcript."""

import json
import re

import pytest

from debate.cli import main
from debate.evidence.corpus import split_sentences
from debate.judge import fact_check, offline_judge
from debate.render import render
from debate.render import save
from debate.transcript import load_transcript
from tests.judge_helpers import FALSE_SCORE, TRUE_FACTS, clean_env, corpus, transcript  # noqa: F401

pytestmark = pytest.mark.usefixtures("clean_env")


@pytest.fixture(scope="module")
def liar():
    """PRO states true cited facts; CON states the same plus a wrong benchmark score."""
    return transcript([(TRUE_FACTS, f"{FALSE_SCORE} {TRUE_FACTS}")])


async def test_every_claim_is_labelled_with_side_speaker_round_passage_and_reason(liar):
    claims = fact_check(liar, corpus())
    wrong = next(c for c in claims if "82.4%" in c.text)
    assert wrong.label == "contradicted" and wrong.side == "con" and wrong.round == 1
    assert wrong.speaker == "Skeptical Investor" and wrong.cited == ["S002:4"]
    assert wrong.evidence[0].passage == "S002:4" and "42.8" in wrong.reason
    pro = [c for c in claims if c.side == "pro"]
    assert len(pro) == 2 and all(c.label == "supported" for c in pro)
    assert all(c.evidence[0].passage == "S002:13" for c in pro)
    assert [c.id for c in claims] == [f"C{i}" for i in range(1, len(claims) + 1)]


async def test_a_contradicted_claim_loses_on_accuracy_and_the_debate(liar):
    verdict = await offline_judge(liar, corpus())
    pro, con = verdict.scores["pro"], verdict.scores["con"]
    assert con.accuracy < pro.accuracy and verdict.facts["con"].contradicted == 1
    assert set(pro.criteria()) == {"evidence", "accuracy", "engagement", "clarity", "total"}
    assert all(0 <= v <= 10 for v in pro.criteria().values())
    assert verdict.winner == "pro" and verdict.judge == "offline"
    assert verdict.rubric.weights["accuracy"] > 0 and verdict.rubric.tie_margin >= 0


async def test_rationale_names_the_decisive_claims_with_passage_ids(liar):
    verdict = await offline_judge(liar, corpus())
    sentences = [verdict.rationale[s:e] for s, e in split_sentences(verdict.rationale)]
    assert 3 <= len(sentences) <= 6
    assert "S002:4" in verdict.rationale and "82.4%" in verdict.rationale
    for sentence in sentences:  # each sentence rests on a number, a claim id or a passage id
        assert re.search(r"\d", sentence), sentence


async def test_a_citation_whose_passage_does_not_hold_the_words_counts_against_the_side():
    honest = "Meta spent $14.3 billion to recruit Alexandr Wang [S002:13]."
    misquote = "Meta spent $14.3 billion to recruit Alexandr Wang [S001:1]."  # wrong passage
    verdict = await offline_judge(transcript([(honest, misquote)]), corpus())
    facts = verdict.facts
    assert facts["pro"].unverified_citations == 0 and facts["con"].unverified_citations == 1
    assert [c.match for c in verdict.citations if c.side == "con"] == ["none"]
    assert verdict.scores["con"].accuracy < verdict.scores["pro"].accuracy
    assert verdict.scores["con"].evidence < verdict.scores["pro"].evidence
    assert "S001:1" in verdict.rationale


async def test_identical_sides_tie_within_the_margin():
    verdict = await offline_judge(transcript([(TRUE_FACTS, TRUE_FACTS)]), corpus())
    assert verdict.winner == "tie"
    assert "tie margin" in verdict.rationale


async def test_a_debate_without_checkable_claims_still_gets_a_reasoned_verdict():
    verdict = await offline_judge(transcript([("Hello there.", "Good evening.")]), corpus())
    assert verdict.claims == [] and verdict.winner in {"pro", "con", "tie"}
    assert "Neither side made a claim" in verdict.rationale


@pytest.mark.parametrize("fmt", ["markdown", "html"])
async def test_views_show_scorecard_claims_table_with_markers_and_rationale(liar, fmt):
    t = transcript([(TRUE_FACTS, f"{FALSE_SCORE} {TRUE_FACTS}")])
    t.verdict = await offline_judge(t, corpus())
    text = render(t, fmt)
    for needed in ("Verdict", "Winner: Open-Source Advocate", "evidence", "accuracy", "engagement", "clarity",
                   "total", "❌ contradicted", "✅ supported", "S002:4", "Judge: offline",
                   "Unverified citations"):
        assert needed in text, needed
    assert t.verdict.rationale.split(" (")[0] in text


# ---- `debate judge` --------------------------------------------------------------------------

@pytest.fixture
def saved(tmp_path, liar):
    path = tmp_path / "debate.json"
    save(liar, path)
    return path


def test_debate_judge_rejudges_a_saved_transcript(saved, tmp_path, capsys):
    out = tmp_path / "judged.json"
    assert main(["judge", str(saved), "--out", str(out)]) == 0
    printed, err = capsys.readouterr()
    assert "## Verdict" in printed and "❌ contradicted" in printed
    assert "judge: offline" in err
    verdict = load_transcript(out).verdict
    assert verdict.winner == "pro" and verdict.judge == "offline"
    assert load_transcript(saved).verdict is None  # the input is not touched without --out


def test_debate_judge_json_prints_the_verdict_with_everything(saved, capsys):
    assert main(["judge", str(saved), "--json"]) == 0
    verdict = json.loads(capsys.readouterr().out)
    assert {"winner", "scores", "claims", "citations", "facts", "rationale", "judge", "rubric"} <= set(verdict)
    assert {"side", "text", "label", "evidence", "reason", "round", "speaker"} <= set(verdict["claims"][0])


def test_debate_judge_with_another_rubric_changes_the_scores(saved, tmp_path, capsys):
    from debate.resources import shipped

    rubric = tmp_path / "accuracy-only.yaml"
    text = (shipped("prompts") / "rubric.yaml").read_text()
    text = re.sub(r"(\n  (?:evidence|engagement|clarity):\n    weight:) \d+", r"\1 0", text)
    rubric.write_text(text.replace("tie_margin: 0.5", "tie_margin: 0"))
    assert main(["judge", str(saved), "--json", "--rubric", str(rubric)]) == 0
    verdict = json.loads(capsys.readouterr().out)
    for side in ("pro", "con"):
        assert verdict["scores"][side]["total"] == verdict["scores"][side]["accuracy"]
    assert verdict["rubric"]["source"] == str(rubric)


@pytest.mark.parametrize("make, message", [
    (lambda p: None, "transcript not found"),
    (lambda p: p.write_text("{oops"), "not valid JSON"),
])
def test_debate_judge_bad_transcript_is_exit_2_in_one_line(tmp_path, capsys, make, message):
    path = tmp_path / "t.json"
    make(path)
    assert main(["judge", str(path)]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1 and str(path) in err


def test_debate_judge_bad_out_suffix_fails_before_judging(saved, capsys):
    assert main(["judge", str(saved), "--out", "verdict.txt"]) == 2
    assert ".json, .md or .html" in capsys.readouterr().err


async def test_even_an_empty_debate_gets_three_reasoned_sentences():
    verdict = await offline_judge(transcript([("Hello there.", "Hello there.")]), corpus())
    sentences = split_sentences(verdict.rationale)
    assert 3 <= len(sentences) <= 6
    assert "Neither side made a claim" in verdict.rationale


async def test_a_thin_rationale_is_filled_with_each_sides_counts():
    same = "Meta bought seven islands near Tahiti in 2019."
    verdict = await offline_judge(transcript([(same, same)]), corpus())
    assert 3 <= len(split_sentences(verdict.rationale)) <= 6
    assert "1 checkable claim (0 supported, 0 contradicted, 1 unsupported)" in verdict.rationale
