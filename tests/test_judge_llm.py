"""The LLM rubric judge against the fake OpenAI-wire server: facts stay the verifier's,
the order swap cancels position bias, a judge that never answers in JSON falls back."""

import json
import re

import pytest

from debate.cli import main
from debate.config import Settings
from debate.errors import BackendError
from debate.judge import LLMJudge, parse_reply
from debate.rubric import load_rubric
from tests.fake_openai import Reply
from tests.judge_helpers import FALSE_SCORE, MOTION, TRUE_FACTS, clean_env, corpus, transcript  # noqa: F401

pytestmark = pytest.mark.usefixtures("clean_env")


def judge_reply(a: float, b: float, winner: str, rationale: str = "Side A's claim C1 rests on S002:13.") -> Reply:
    scores = {"A": {"engagement": a, "clarity": a}, "B": {"engagement": b, "clarity": b}}
    return Reply(json.dumps({"scores": scores, "winner": winner, "rationale": rationale}), kind="complete")


def prefers_first(body: dict) -> str:
    """A judge with pure position bias: whichever side it reads first wins."""
    return judge_reply(8, 4, "A").render(body)


def run_debate(server, out, pro_text, con_text, *extra):
    server.push(Reply(pro_text, chunk_words=4, kind="stream"), Reply(con_text, chunk_words=4, kind="stream"))
    return main(["run", "--motion", MOTION, "--pro", "open-source-advocate", "--con", "skeptical-investor",
                 "--rounds", "1", "--backend", "openai", "--base-url", server.url, "--model", "fake",
                 "--timeout", "5", "--out", str(out), *extra])


def judge_prompts(server) -> list[str]:
    return [r.body["messages"][0]["content"] for r in server.chat_requests(stream=False)]


def test_a_false_benchmark_score_is_contradicted_and_loses_end_to_end(fake_openai, tmp_path):
    fake_openai.push(judge_reply(6, 6, "tie"), judge_reply(6, 6, "tie"))
    out = tmp_path / "x.json"
    assert run_debate(fake_openai, out, TRUE_FACTS, f"{FALSE_SCORE} {TRUE_FACTS}") == 0
    verdict = json.loads(out.read_text())["verdict"]
    wrong = next(c for c in verdict["claims"] if "82.4%" in c["text"])
    assert wrong["side"] == "con" and wrong["label"] == "contradicted"
    assert wrong["evidence"][0]["passage"] == "S002:4" and "42.8%" in wrong["reason"]
    assert [c["label"] for c in verdict["claims"] if c["side"] == "pro"] == ["supported", "supported"]
    assert verdict["scores"]["con"]["accuracy"] < verdict["scores"]["pro"]["accuracy"]
    assert verdict["winner"] == "pro" and verdict["judge"] == "fake"
    assert verdict["order_swap"]["agree"] is True
    assert verdict["scored_by"]["accuracy"] == "fact check"
    assert any("also argued" in w for w in verdict["warnings"])  # the judge is a debater's model
    assert "S002:4" in verdict["rationale"]


def test_the_judge_sees_both_orders_and_the_fact_check(fake_openai, tmp_path):
    fake_openai.push(judge_reply(6, 6, "tie"), judge_reply(6, 6, "tie"))
    assert run_debate(fake_openai, tmp_path / "x.json", TRUE_FACTS, FALSE_SCORE, "--judge-model", "judge-x") == 0
    first, swapped = judge_prompts(fake_openai)
    assert "Side A: Open-Source Advocate" in first and "Side A: Skeptical Investor" in swapped
    assert first.index("Open-Source Advocate (round 1") < first.index("Skeptical Investor (round 1")
    assert swapped.index("Skeptical Investor (round 1") < swapped.index("Open-Source Advocate (round 1")
    assert re.search(r"C\d+ \[Side B\] contradicted: Muse Spark scored 82\.4%", first)
    assert re.search(r"C\d+ \[Side A\] contradicted: Muse Spark scored 82\.4%", swapped)
    assert all(r.body["model"] == "judge-x" for r in fake_openai.chat_requests(stream=False))
    verdict = json.loads((tmp_path / "x.json").read_text())["verdict"]
    assert verdict["judge"] == "judge-x" and verdict["warnings"] == []


def test_a_judge_that_never_answers_in_json_falls_back_to_the_offline_judge(fake_openai, tmp_path):
    # Nothing queued for the judge: the server's default answer is prose, twice (ask + repair).
    out = tmp_path / "x.json"
    assert run_debate(fake_openai, out, TRUE_FACTS, f"{FALSE_SCORE} {TRUE_FACTS}") == 0
    verdict = json.loads(out.read_text())["verdict"]
    assert verdict["judge"].startswith("offline (fallback: judge model fake failed")
    assert verdict["notes"] and "offline judge decided" in verdict["notes"][0]
    assert verdict["winner"] == "pro" and verdict["order_swap"] is None
    assert len(fake_openai.chat_requests(stream=False)) == 2


def test_position_bias_is_cancelled_by_the_order_swap_and_the_flip_recorded(fake_openai, tmp_path):
    fake_openai.push(Reply(prefers_first, kind="complete"), Reply(prefers_first, kind="complete"))
    out = tmp_path / "x.json"
    assert run_debate(fake_openai, out, TRUE_FACTS, TRUE_FACTS) == 0
    verdict = json.loads(out.read_text())["verdict"]
    swap = verdict["order_swap"]
    assert (swap["first"], swap["swapped"], swap["agree"]) == ("pro", "con", False)
    assert swap["decided_by"] == "fact check"
    assert verdict["winner"] == "tie"
    assert verdict["scores"]["pro"]["engagement"] == verdict["scores"]["con"]["engagement"] == 6
    assert "preferred pro" in verdict["rationale"] and "tie" in verdict["rationale"]


def test_when_the_readings_disagree_the_fact_check_can_still_separate_the_sides(fake_openai, tmp_path):
    fake_openai.push(Reply(prefers_first, kind="complete"), Reply(prefers_first, kind="complete"))
    out = tmp_path / "x.json"
    assert run_debate(fake_openai, out, TRUE_FACTS, f"{FALSE_SCORE} {TRUE_FACTS}") == 0
    verdict = json.loads(out.read_text())["verdict"]
    assert verdict["order_swap"]["agree"] is False and verdict["winner"] == "pro"


# ---- in process ------------------------------------------------------------------------------

class FixedJudge:
    """A Backend whose judge answers are scripted; records what it was asked."""

    name, model = "openai", "fixed"

    def __init__(self, *replies):
        self.replies, self.asked, self.closed = list(replies), [], False

    async def complete_json(self, messages, schema):
        self.asked.append(messages)
        reply = self.replies.pop(0)
        if isinstance(reply, Exception):
            raise reply
        return reply

    async def aclose(self):
        self.closed = True


def llm_judge(monkeypatch, backend):
    monkeypatch.setattr("debate.backends.make_backend", lambda settings, role: backend)
    return LLMJudge(Settings(backend="openai", model="fixed"), load_rubric())


async def test_the_model_cannot_overrule_the_fact_check_and_unreasoned_sentences_are_dropped(monkeypatch):
    says = ("Side B is simply right about the benchmark. Side B's claim C3 is true despite S002:4. "
            "Side A's claim C1 is backed by S002:13.")
    reply = json.loads(judge_reply(3, 9, "B", says).render({}))
    backend = FixedJudge(reply, json.loads(judge_reply(9, 3, "A", says).render({})))
    verdict = await llm_judge(monkeypatch, backend)(transcript([(TRUE_FACTS, FALSE_SCORE)]), corpus())
    assert backend.closed
    assert next(c for c in verdict.claims if "82.4%" in c.text).label == "contradicted"
    assert verdict.scores["con"].accuracy < verdict.scores["pro"].accuracy
    assert "simply right" not in verdict.rationale  # no claim or passage id: no reason, dropped
    assert "Skeptical Investor (CON)'s claim C3 is true despite S002:4." in verdict.rationale


async def test_a_reply_in_the_wrong_shape_falls_back_offline(monkeypatch):
    backend = FixedJudge({"scores": {"A": {}}, "winner": "A", "rationale": ""})
    verdict = await llm_judge(monkeypatch, backend)(transcript([(TRUE_FACTS, FALSE_SCORE)]), corpus())
    assert verdict.judge.startswith("offline (fallback:") and "scores.A.engagement" in verdict.judge


async def test_a_backend_failure_falls_back_offline_and_closes_the_client(monkeypatch):
    backend = FixedJudge(BackendError("server gone"))
    verdict = await llm_judge(monkeypatch, backend)(transcript([(TRUE_FACTS, FALSE_SCORE)]), corpus())
    assert "server gone" in verdict.judge and verdict.winner == "pro" and backend.closed


@pytest.mark.parametrize("reply, problem", [
    ([], "not a JSON object"),
    ({"scores": {}, "winner": "A"}, "missing rationale"),
    ({"scores": {"A": {"engagement": 1, "clarity": 1}}, "winner": "A", "rationale": ""}, "scores.B"),
    ({"scores": {"A": {"engagement": 11, "clarity": 1}, "B": {"engagement": 1, "clarity": 1}},
      "winner": "A", "rationale": ""}, "scores.A.engagement"),
    ({"scores": {"A": {"engagement": 1, "clarity": 1}, "B": {"engagement": 1, "clarity": 1}},
      "winner": "pro", "rationale": ""}, "winner"),
])
def test_parse_reply_says_what_is_wrong(reply, problem):
    with pytest.raises(ValueError, match=re.escape(problem)):
        parse_reply(reply)


@pytest.mark.parametrize("settings, kind", [
    (dict(backend="offline"), "offline"),
    (dict(backend="openai", model="m", api_key="k"), "llm"),
    (dict(backend="openai", pro_model="a", con_model="b", api_key="k"), "offline"),  # no judge model
    (dict(backend="openai", pro_model="a", con_model="b", judge_model="j", api_key="k"), "llm"),
])
def test_the_llm_judge_is_used_when_the_backend_is_openai_and_a_judge_model_is_set(settings, kind):
    from debate.judge import judge_for

    judge = judge_for(Settings(**settings))
    assert isinstance(judge, LLMJudge) == (kind == "llm")
    if kind == "offline":  # the TUI threads the offline judge by this name
        assert judge.__name__ == "offline_judge"


def test_debate_judge_rejudges_a_saved_debate_with_a_model(fake_openai, tmp_path, capsys):
    from debate.render import save

    saved = tmp_path / "offline.json"
    save(transcript([(TRUE_FACTS, f"{FALSE_SCORE} {TRUE_FACTS}")]), saved)
    fake_openai.push(judge_reply(5, 7, "B"), judge_reply(7, 5, "A"))  # both readings prefer CON
    assert main(["judge", str(saved), "--json", "--backend", "openai", "--base-url", fake_openai.url,
                 "--model", "judge-y"]) == 0
    verdict = json.loads(capsys.readouterr().out)
    assert verdict["judge"] == "judge-y" and verdict["warnings"] == []  # the debaters were offline
    assert verdict["order_swap"] == {**verdict["order_swap"], "first": "con", "swapped": "con", "agree": True}
    assert verdict["scores"]["con"]["engagement"] == 7 and verdict["scores"]["pro"]["engagement"] == 5
    # the model liked CON, but the contradicted claim still costs CON accuracy and evidence
    assert next(c for c in verdict["claims"] if "82.4%" in c["text"])["label"] == "contradicted"
    assert verdict["winner"] == "pro"
