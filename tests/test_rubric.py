"""The rubric file: where it is found, how a bad one is reported, and what each criterion counts."""

import re

import pytest

from debate.cli import main
from debate.errors import UserError
from debate.resources import shipped
from debate.rubric import load_rubric, score_sides
from debate.verdict import ClaimCheck
from tests.judge_helpers import TRUE_FACTS, clean_env, transcript  # noqa: F401

SHIPPED = (shipped("prompts") / "rubric.yaml").read_text()


def test_the_shipped_rubric_weights_four_criteria_and_states_a_tie_margin():
    rubric = load_rubric()
    assert list(rubric.weights) == ["evidence", "accuracy", "engagement", "clarity"]
    assert all(w > 0 for w in rubric.weights.values()) and rubric.tie_margin > 0
    assert rubric.source.endswith("rubric.yaml")


def test_a_rubric_in_the_prompts_folder_overrides_and_rubric_flag_overrides_both(tmp_path):
    (tmp_path / "rubric.yaml").write_text(SHIPPED.replace("tie_margin: 0.5", "tie_margin: 2"))
    assert load_rubric(None, tmp_path).tie_margin == 2
    flag = tmp_path / "mine.yaml"
    flag.write_text(SHIPPED.replace("tie_margin: 0.5", "tie_margin: 3"))
    assert load_rubric(flag, tmp_path).tie_margin == 3
    assert load_rubric(None, tmp_path / "elsewhere").tie_margin == 0.5  # no rubric there: shipped


def _line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), start=1) if needle in line)


@pytest.mark.parametrize("old, new, field, problem", [
    ("    min_claims: 3", "    min_claim: 3", "criteria.evidence.min_claim", "unknown field"),
    ("tie_margin: 0.5", "tie_margn: 0.5", "tie_margn", "unknown field"),
    ("    weight: 3\n    description: >-\n      No false", "    weight: -1\n    description: >-\n      No false",
     "criteria.accuracy.weight", "greater than or equal to 0"),
    ("    cut_turn: 2 ", "    cut_turn: lots ", "criteria.clarity.cut_turn", "valid number"),
])
def test_a_bad_rubric_names_file_line_and_field(tmp_path, old, new, field, problem):
    assert old in SHIPPED
    text = SHIPPED.replace(old, new, 1)
    path = tmp_path / "rubric.yaml"
    path.write_text(text)
    with pytest.raises(UserError) as caught:
        load_rubric(path)
    message = str(caught.value)
    line = _line_of(text, new.strip().splitlines()[0])
    assert message.startswith(f"{path}:{line}: field '{field}'"), message
    assert problem in message


def test_a_rubric_missing_a_criterion_or_with_no_weight_at_all_is_rejected(tmp_path):
    path = tmp_path / "r.yaml"
    path.write_text("name: x\ntie_margin: 1\ncriteria:\n  evidence: {weight: 1}\n")
    with pytest.raises(UserError, match=r"field 'criteria.evidence.description': required field is missing"):
        load_rubric(path)
    path.write_text(SHIPPED.replace("weight: 3", "weight: 0").replace("weight: 2", "weight: 0"))
    with pytest.raises(UserError, match="at least one criterion needs a weight"):
        load_rubric(path)


@pytest.mark.usefixtures("clean_env")
def test_debate_judge_with_a_bad_rubric_exits_2_naming_file_line_and_field(tmp_path, capsys):
    from debate.render import save

    saved = tmp_path / "t.json"
    save(transcript([(TRUE_FACTS, TRUE_FACTS)]), saved)
    bad = tmp_path / "bad.yaml"
    bad.write_text(SHIPPED.replace("  engagement:", "  engagment:"))
    assert main(["judge", str(saved), "--rubric", str(bad)]) == 2
    err = capsys.readouterr().err
    line = _line_of(bad.read_text(), "engagment:")
    # yamlfile points at the start of the field's value: for a block mapping, the next line
    assert err in {f"error: {bad}:{n}: field 'criteria.engagment': unknown field\n" for n in (line, line + 1)}
    assert main(["judge", str(saved), "--rubric", str(tmp_path / "missing.yaml")]) == 2
    assert "missing.yaml: file not found" in capsys.readouterr().err


@pytest.mark.usefixtures("clean_env")
def test_a_bad_rubric_in_the_prompts_folder_fails_a_debate_before_it_starts(tmp_path, capsys):
    (tmp_path / "rubric.yaml").write_text("name: [unclosed\n")
    code = main(["run", "--motion", "Meta should release the weights of Muse Spark", "--pro",
                 "open-source-advocate", "--con", "skeptical-investor", "--prompts", str(tmp_path)])
    assert code == 2
    assert re.search(r"rubric\.yaml:\d+: invalid YAML", capsys.readouterr().err)


# ---- what each criterion counts ---------------------------------------------------------------

def _claim(side, turn, label, text="Meta spent $14.3 billion on Scale AI."):
    return ClaimCheck(side=side, turn=turn, round=1, label=label, text=text)


def test_accuracy_loses_more_for_a_contradicted_claim_than_an_unsupported_one():
    t = transcript([("One.", "Two.")])
    rubric = load_rubric()
    rule = rubric.criteria.accuracy
    scores, facts = score_sides(t, [_claim("pro", 0, "contradicted"), _claim("con", 1, "unsupported")], rubric)
    assert scores["pro"].accuracy == 10 - rule.contradicted_claim
    assert scores["con"].accuracy == 10 - rule.unsupported_claim
    assert facts["pro"].contradicted == 1 and facts["con"].unsupported == 1


def test_evidence_is_a_share_so_saying_little_is_no_shortcut():
    t = transcript([("One.", "Two.")])
    rubric = load_rubric()
    few = [_claim("pro", 0, "supported")]
    many = [_claim("con", 1, "supported")] * 4 + [_claim("con", 1, "unsupported")]
    scores, _ = score_sides(t, few + many, rubric)
    assert scores["con"].evidence > scores["pro"].evidence  # min_claims pads the short side


def test_engagement_rewards_naming_the_opponent_taking_up_claims_and_answering_the_crossfire():
    question = "Who pays for the Scale AI stake?"
    engaged = ("Open-Source Advocate says Meta spent $14.3 billion to recruit Wang; the Scale AI stake "
               "is paid for by shareholders.")
    t = transcript([("Meta spent $14.3 billion to recruit Alexandr Wang [S002:13].", engaged),
                    ("Llama downloads grew.", "Revenue matters.")], crossfire={1: question})
    claims = [_claim("pro", 0, "supported", "Meta spent $14.3 billion to recruit Alexandr Wang.")]
    scores, facts = score_sides(t, claims, load_rubric())
    assert scores["con"].engagement > scores["pro"].engagement
    assert facts["con"].answering_turns == 2


def test_clarity_loses_for_cut_turns_repetition_and_padding():
    plain = "Meta spent $14.3 billion on Scale AI. Llama was downloaded widely."
    padded = ("Needless to say, Meta spent $14.3 billion on Scale AI. At the end of the day, "
              "Meta spent $14.3 billion on Scale AI.")
    t = transcript([(plain, padded), (plain.replace("Meta", "The firm"), "Llama grew.")], cut={(2, "con")})
    scores, facts = score_sides(t, [], load_rubric())
    assert facts["con"].padding_phrases == 2 and facts["con"].cut_turns == 1
    assert facts["con"].repeated_sentences >= 1
    assert scores["con"].clarity < scores["pro"].clarity


@pytest.mark.parametrize("pro, con, margin, winner", [
    (7.0, 6.6, 0.5, "tie"), (7.0, 6.5, 0.5, "tie"), (7.0, 6.4, 0.5, "pro"), (5.0, 6.0, 0.5, "con"), (5.0, 5.0, 0, "tie"),
])
def test_the_winner_needs_a_gap_wider_than_the_tie_margin(pro, con, margin, winner):
    rubric = load_rubric().model_copy(update={"tie_margin": margin})
    assert rubric.winner({"pro": pro, "con": con}) == winner
