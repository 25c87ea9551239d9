"""Record a run's model calls to a cassette, then replay it with no server at all."""

import json

import pytest

from debate.backends.replay import RecordingBackend, ReplayBackend, messages_hash
from debate.cli import main
from debate.errors import BackendError
from tests.fake_openai import FakeOpenAI, Reply

MOTION = "Meta should release the weights of Muse Spark"
SECRET = "sk-test-RECORDED-KEY-0123456789"




def debate(*backend_args, out, rounds=1):
    return main(["run", "--motion", MOTION, "--pro", "open-source-advocate", "--con", "skeptical-investor",
                 "--rounds", str(rounds), "--out", str(out), *backend_args])


def texts(path):
    data = json.loads(path.read_text())
    return [t["text"] for r in data["rounds"] for t in r["turns"]]


@pytest.fixture
def recorded(tmp_path, monkeypatch):
    """A 1-round openai debate recorded to a cassette; the server is gone afterwards."""
    monkeypatch.setenv("OPENAI_API_KEY", SECRET)
    cassette, out = tmp_path / "calls.jsonl", tmp_path / "live.json"
    with FakeOpenAI() as server:
        server.push(Reply("Pro speaks first, citing nothing at all.", kind="stream"),
                    Reply(lambda body: f"Con answers with {len(body['messages'])} messages in hand.", kind="stream"))
        assert debate("--backend", "openai", "--base-url", server.url, "--model", "fake",
                      "--record", str(cassette), out=out) == 0
    monkeypatch.delenv("OPENAI_API_KEY")
    return cassette, out


def test_replay_reproduces_the_recorded_debate_without_a_server(recorded, tmp_path):
    cassette, live = recorded
    replayed = tmp_path / "replayed.json"
    assert debate("--backend", "replay", "--cassette", str(cassette), out=replayed) == 0
    assert texts(replayed) == texts(live) == ["Pro speaks first, citing nothing at all.",
                                              "Con answers with 2 messages in hand."]


def test_the_cassette_holds_requests_and_answers_but_no_key(recorded):
    cassette, _ = recorded
    raw = cassette.read_text()
    assert SECRET not in raw and "authorization" not in raw.lower() and "bearer" not in raw.lower()
    streams = [json.loads(line) for line in raw.splitlines() if json.loads(line)["kind"] == "stream"]
    assert [(e["role"], e["seq"], e["complete"]) for e in streams] == [("pro", 0, True), ("con", 0, True)]
    assert all(e["hash"] == messages_hash(e["messages"]) and e["model"] == "fake" for e in streams)


def test_replaying_past_the_end_names_the_cassette(recorded, tmp_path, capsys):
    cassette, _ = recorded
    assert debate("--backend", "replay", "--cassette", str(cassette), out=tmp_path / "r.json", rounds=2) == 3
    err = capsys.readouterr().err
    assert "error:" in err and str(cassette) in err and "no stream answer left" in err
    assert texts(tmp_path / "r.json")[:2] == texts(recorded[1])  # the turns that did replay are kept


def test_a_missing_cassette_is_a_usage_error(tmp_path, capsys):
    assert debate("--backend", "replay", "--cassette", str(tmp_path / "nope.jsonl"), out=tmp_path / "r.json") == 2
    assert "cassette not found" in capsys.readouterr().err


def test_offline_runs_record_and_replay_too(tmp_path):
    cassette = tmp_path / "offline.jsonl"
    assert debate("--backend", "offline", "--record", str(cassette), out=tmp_path / "a.json") == 0
    assert debate("--backend", "replay", "--cassette", str(cassette), out=tmp_path / "b.json") == 0
    assert texts(tmp_path / "a.json") == texts(tmp_path / "b.json")


class Judge:
    name, model = "scripted", "judge-model"

    def __init__(self, answers):
        self.answers = list(answers)

    async def complete_json(self, messages, schema):
        answer = self.answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return answer

    async def aclose(self):
        return None


async def test_judge_answers_and_failures_replay_by_role_then_by_messages(tmp_path):
    path = tmp_path / "judge.jsonl"
    recorder = RecordingBackend(Judge([{"winner": "pro"}, BackendError("judge returned invalid JSON")]),
                                path, role="judge")
    first, second = [{"role": "user", "content": "one"}], [{"role": "user", "content": "two"}]
    assert await recorder.complete_json(first, {}) == {"winner": "pro"}
    with pytest.raises(BackendError):
        await recorder.complete_json(second, {})
    await recorder.aclose()

    in_order = ReplayBackend.from_file(path, role="judge")
    assert in_order.model == "judge-model"
    assert await in_order.complete_json(first, {}) == {"winner": "pro"}
    with pytest.raises(BackendError, match="invalid JSON"):
        await in_order.complete_json(second, {})

    by_hash = ReplayBackend.from_file(path, role="another-role")  # no entries of its own role
    assert await by_hash.complete_json(first, {}) == {"winner": "pro"}
    with pytest.raises(BackendError, match="no json answer left"):
        await by_hash.complete_json([{"role": "user", "content": "unknown"}], {})


def test_a_bad_cassette_line_names_the_line(tmp_path, capsys):
    cassette = tmp_path / "bad.jsonl"
    cassette.write_text('{"role": "pro", "kind": "stream", "hash": "x", "response": "ok"}\nnot json\n')
    assert debate("--backend", "replay", "--cassette", str(cassette), out=tmp_path / "r.json") == 2
    assert f"{cassette}:2" in capsys.readouterr().err


def test_replay_reproduces_the_recorded_verdict_and_judge(tmp_path, monkeypatch):
    """A cassette recorded with a judge model replays the judge's answers, not the offline judge."""
    monkeypatch.setenv("OPENAI_API_KEY", SECRET)
    cassette, live, replayed = tmp_path / "calls.jsonl", tmp_path / "live.json", tmp_path / "replayed.json"
    verdict = {"scores": {"A": {"engagement": 9, "clarity": 9}, "B": {"engagement": 2, "clarity": 2}},
               "winner": "A", "rationale": "Side A engaged; side B did not."}
    with FakeOpenAI() as server:
        server.push(Reply("Pro opens [S002:2].", kind="stream"), Reply("Con replies.", kind="stream"))
        server.default = Reply(json.dumps(verdict), kind="complete")
        assert debate("--backend", "openai", "--base-url", server.url, "--model", "fake",
                      "--record", str(cassette), out=live) == 0
    monkeypatch.delenv("OPENAI_API_KEY")
    assert debate("--backend", "replay", "--cassette", str(cassette), out=replayed) == 0
    first, again = (json.loads(p.read_text())["verdict"] for p in (live, replayed))
    assert again["judge"] == first["judge"] and not again["judge"].startswith("offline")
    assert again["scores"] == first["scores"] and again["winner"] == first["winner"]
