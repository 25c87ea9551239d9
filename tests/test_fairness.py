"""A fair judge: the same rules for both sides and for each turn's role, empty turns score
zero, a side that argues the other side's case or copies the opponent loses, engagement
means answering, and a debater's name hides no checkable fact."""

import pytest

from debate.clash import answers_question, ask_of, declared_stance, motion_polarity, read_turns
from debate.judge import fact_check, offline_judge, reports_a_debater
from debate.rubric import load_rubric, score_sides
from debate.transcript import Turn
from tests.judge_helpers import FALSE_SCORE, MOTION, OTHER_FACTS, TRUE_FACTS, corpus, transcript


PRO_CASE = "I stand for the motion. Open weights built the developer community around Llama [S002:25]."
CON_CASE = "I stand against the motion. Muse Spark kept Meta's frontier work proprietary [S001:7]."


def _swap(t):
    """The same debate with the sides' words exchanged (names stay with their side)."""
    texts = [[turn.text for turn in r.turns] for r in t.rounds]
    return transcript([tuple(reversed(pair)) for pair in texts],
                      crossfire={r.number: r.crossfire for r in t.rounds if r.crossfire})


# ---- 0. names as whole words -----------------------------------------------------------------

def test_a_debater_named_you_does_not_exempt_a_checkable_sentence_from_the_fact_check():
    debaters = ["You", "Skeptical Investor"]
    assert not reports_a_debater("You know, Meta paid $99 billion for Scale AI.", debaters)  # a number: checked
    assert not reports_a_debater("Young founders say Meta kept Muse Spark closed.", debaters)  # names nobody
    assert reports_a_debater("You skip the part where communities fork and leave.", debaters)
    t = transcript([("Young founders say Meta released Llama 2 free for research and commercial use [S002:15].",
                     OTHER_FACTS)])
    t.personas["pro"]["name"] = "You"
    checked = [c for c in fact_check(t, corpus()) if c.side == "pro"]
    assert len(checked) == 1 and "Llama 2" in checked[0].text  # checked, not skipped as the debater's name


def test_a_sentence_that_only_reports_the_opponent_is_not_fact_checked():
    t = transcript([(TRUE_FACTS, 'Open-Source Advocate leans on "Meta spent $14.3 billion"; that is no argument.')])
    assert [c.side for c in fact_check(t, corpus())] == ["pro", "pro"]


# ---- 1. side-neutral, role-aware scoring --------------------------------------------------------

@pytest.mark.parametrize("pro, con", [(TRUE_FACTS, OTHER_FACTS), (TRUE_FACTS, f"{FALSE_SCORE} {OTHER_FACTS}"),
                                      ("", OTHER_FACTS)])
def test_exchanging_the_sides_words_exchanges_their_scores(pro, con):
    rubric = load_rubric()
    t = transcript([(pro, con)], crossfire={1: "Did Llama win over developers?"})
    swapped = _swap(t)
    card, mirror = (score_sides(x, fact_check(x, corpus()), rubric) for x in (t, swapped))
    assert card.scores["pro"] == mirror.scores["con"] and card.scores["con"] == mirror.scores["pro"]


def test_an_opening_is_not_scored_as_a_reply_so_one_round_leaves_engagement_out():
    t = transcript([(TRUE_FACTS, OTHER_FACTS)])
    card = score_sides(t, fact_check(t, corpus()), load_rubric())
    assert not card.engagement_scored and all(f.points_to_answer == 0 for f in card.findings)
    rubric = load_rubric()
    expected = {s: rubric.total(card.scores[s].criteria(), ("evidence", "accuracy", "clarity")) for s in ("pro", "con")}
    assert {s: card.scores[s].total for s in ("pro", "con")} == expected


async def test_a_side_that_says_nothing_loses_and_every_criterion_is_zero():
    verdict = await offline_judge(transcript([(TRUE_FACTS, ""), (OTHER_FACTS, "   ")]), corpus())
    assert verdict.winner == "pro"
    assert all(v == 0 for v in verdict.scores["con"].criteria().values())
    assert verdict.facts["con"].empty_turns == 2


async def test_when_both_sides_say_nothing_there_is_no_winner_and_the_verdict_says_why():
    verdict = await offline_judge(transcript([("", ""), ("", "")]), corpus())
    assert verdict.winner == "none"
    assert "Neither side said anything" in verdict.rationale and "no winner" in verdict.rationale
    assert all(verdict.scores[s].total == 0 for s in ("pro", "con"))


async def test_a_side_arguing_the_other_sides_case_loses_engagement_and_clarity_and_is_named():
    off_side = ("I believe that Meta should release the weights of Muse Spark. "
                "Meta released Llama 2 free for research and commercial use [S002:15].")
    t = transcript([(PRO_CASE, off_side), ("Meta used open Llama models to attract developers [S002:25].",
                                           "Meta used open Llama models to become the default open-weight AI platform [S002:25].")])
    verdict = await offline_judge(t, corpus())
    found = next(f for f in verdict.findings if f.side == "con" and f.round == 1)
    assert found.off_side and found.stance == "for" and "should release the weights" in found.off_side_quote
    assert verdict.facts["con"].off_side_turns == 1
    assert verdict.scores["con"].clarity < verdict.scores["pro"].clarity
    assert "argued the other side's case in round 1" in verdict.rationale


async def test_a_turn_that_copies_the_opponent_is_no_argument_of_its_own():
    closing = ("Meta used open Llama models to become the default open-weight AI platform, attracting millions "
               "of developers [S002:25]. Developers need to know what they can build on and what may change.")
    t = transcript([(PRO_CASE, CON_CASE), (closing, closing + " In closing, I rest my case.")])
    verdict = await offline_judge(t, corpus())
    copy = next(f for f in verdict.findings if f.side == "con" and f.round == 2)
    assert copy.copied_from == "pro round 2 (closing)" and copy.copied_share >= 0.8
    assert verdict.facts["con"].copied_turns == 1 and verdict.winner == "pro"
    assert all(c.turn != 3 for c in verdict.claims if c.label == "supported" and c.side == "con") or \
        verdict.facts["con"].supported < verdict.facts["pro"].supported
    assert "repeats" in verdict.rationale and "no argument of its own" in verdict.rationale


# ---- 2. engagement is answering ------------------------------------------------------------------

POINT = "Meta spent $14.3 billion to recruit Alexandr Wang [S002:13]."


@pytest.mark.parametrize("reply, answers", [
    # takes up the same evidence and counters it with a limit of scope
    ("The $14.3 billion bought one executive, not a developer community [S002:19].", True),
    # takes up the theme and turns it with other evidence
    ("Recruiting Alexandr Wang for $14.3 billion did not stop developers leaving [S002:19].", True),
    # shares the words but only repeats them: no counter
    ("Meta spent $14.3 billion to recruit Alexandr Wang.", False),
    # names the opponent but takes up nothing of the point
    ("Open-Source Advocate is mistaken, and everyone knows it.", False),
    # counters something else entirely
    ("Llama 2 was not released under a restrictive licence [S002:15].", False),
])
def test_a_reply_answers_a_point_when_it_takes_it_up_and_counters_it(reply, answers):
    t = transcript([(POINT, CON_CASE), ("Developers follow capability [S002:25].", reply)])
    con_closing = read_turns(t)[3]
    assert bool(con_closing.answered) is answers


@pytest.mark.parametrize("question, answer, ok", [
    ("Did Llama 4 win over developers?", "Llama 4 did not win developers over: many moved to Mistral.", True),
    ("Did Llama 4 win over developers?", "Llama 4 and developers are the question we face tonight.", False),
    ("Why did Meta close Muse Spark?", "Meta closed Muse Spark because investors want returns on compute.", True),
    ("Why did Meta close Muse Spark?", "Meta closed Muse Spark, a fact about Muse Spark and Meta.", False),
    ("How much did Meta pay for Scale AI?", "Meta paid $14.3 billion for its Scale AI stake.", True),
    ("What does Meta lose by keeping Muse Spark closed?", "Keeping Muse Spark closed costs Meta the goodwill "
                                                          "of developers who built on Llama.", True),
    ("What does Meta lose by keeping Muse Spark closed?", "What does Meta lose by keeping Muse Spark closed?", False),
])
def test_the_crossfire_is_answered_when_the_answer_gives_what_the_question_asks(question, answer, ok):
    turn = Turn(side="con", speaker="x", text=answer)
    assert answers_question(turn, question, MOTION) is ok


def test_questions_are_read_for_their_ask():
    assert [ask_of(q) for q in ("Did Llama win?", "Why close it?", "How many developers left?", "What is lost?")] == \
        ["yes/no", "why", "how much", "what"]


# ---- stance ------------------------------------------------------------------------------------

@pytest.mark.parametrize("sentence, stance", [
    ("I stand for the motion.", "for"),
    ("We cannot support the motion.", "against"),
    ("I believe Meta should release the weights of Muse Spark.", "for"),
    ("Meta should not release the weights of Muse Spark.", "against"),
    ('The advocate says "Meta should release the weights of Muse Spark".', None),  # quoted, reported
    ("Should Meta release the weights of Muse Spark?", None),  # asked
    ("Even if Meta should release the weights of Muse Spark, it will not.", None),  # conceded
    ("Meta released the weights of Llama 2 in 2023.", None),  # a fact about weights, not the motion
])
def test_a_turns_stance_on_the_motion_is_read_from_its_own_voice(sentence, stance):
    assert (declared_stance(sentence) or motion_polarity(sentence, MOTION)) == stance


# ---- 5. the rationale explains the win ---------------------------------------------------------

async def test_the_rationale_names_the_clash_and_the_claims_that_cost_the_loser():
    t = transcript([(POINT, f"{FALSE_SCORE} {CON_CASE}"),
                    ("The 82.4% figure is wrong: Muse Spark scored 42.8% on HealthBench Hard, not 82.4%.",
                     "Muse Spark leads every benchmark.")])
    verdict = await offline_judge(t, corpus())
    assert verdict.winner == "pro"
    assert "decisive clash" in verdict.rationale and "82.4%" in verdict.rationale
    assert "contradicts" in verdict.rationale
