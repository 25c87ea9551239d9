"""The OpenAI-compatible backend against a real local HTTP server (tests/fake_openai.py):
retries, faults, deadlines, streaming, key hygiene, configuration and judge JSON."""

import json
import logging
import time

import pytest

from debate.backends.base import Restart
from debate.backends.openai_backend import (RETRY_AFTER_CAP, OpenAIBackend, mask_key, max_tokens_for,
                                            parse_json_object, retry_after, scrub, validate_json)
from debate.cli import main
from debate.config import PLACEHOLDER_KEY
from debate.engine import TextChunk, TurnRestarted
from debate.errors import BackendError
from debate.commands.common import settings_from_args
from debate.runner import DebateSpec, prepare
from tests.fake_openai import Cut, FakeOpenAI, Hang, Reply, Status, cite_first_source

MOTION = "Meta should release the weights of Muse Spark"
SECRET = "sk-test-SECRET0123456789abcdefXYZ"


pytestmark = pytest.mark.usefixtures("openai_env")


def run_debate(server, *extra, rounds=1):
    return main(["run", "--motion", MOTION, "--pro", "open-source-advocate", "--con", "skeptical-investor",
                 "--rounds", str(rounds), "--backend", "openai", "--base-url", server.url, "--model", "fake",
                 "--timeout", "2", *extra])


def turns_of(path):
    data = json.loads(path.read_text())
    return data, [t for r in data["rounds"] for t in r["turns"]]


def backend_for(server, **options):
    """An OpenAIBackend for a FakeOpenAI (or a URL) with test-sized timeouts and backoff."""
    options = {"api_key": "sk-local-test", "timeout": 1.0, "retries": 3, "retry_base": 0.01, **options}
    return OpenAIBackend("fake", base_url=server if isinstance(server, str) else server.url, **options)


class Request:  # the part of a TurnRequest the backend reads
    def __init__(self, text='Argue from <source id="S001:1">a passage</source>.', max_words=60):
        self.messages = [{"role": "user", "content": text}]
        self.max_words = max_words


async def run_engine(settings):
    """A 1-round debate through the engine itself (no judge): the debate and its events."""
    debate = prepare(DebateSpec(MOTION, "open-source-advocate", "skeptical-investor", rounds=1), settings)
    debate.judge = None
    try:
        return debate, [e async for e in debate.run()]
    finally:
        for backend in debate.backends.values():
            await backend.aclose()


async def streamed(server, **options) -> list:
    """Every chunk of one turn streamed by a fresh backend (closed afterwards)."""
    backend = backend_for(server, **options)
    try:
        return [chunk async for chunk in backend.stream(Request())]
    finally:
        await backend.aclose()


# ---- the CLI end to end ---------------------------------------------------------------------

def test_debate_survives_429_500_and_a_cut_stream(fake_openai, tmp_path):
    fake_openai.push(Status(429, retry_after=0, kind="stream"), Status(500, kind="stream"),
                     Cut("half an answer that must vanish", kind="stream"))
    out = tmp_path / "debate.json"
    assert run_debate(fake_openai, "--out", str(out)) == 0
    data, turns = turns_of(out)
    assert [t["side"] for t in turns] == ["pro", "con"]
    assert all(not t["truncated"] and t["text"].startswith("The sources settle this point") for t in turns)
    assert "vanish" not in json.dumps(data)
    assert data["status"] == "complete"
    assert data["backend"] == {"name": "openai", "model": "fake", "base_url": fake_openai.url}
    seen = [r.behaviour for r in fake_openai.chat_requests(stream=True)]
    assert seen == ["Status", "Status", "Cut", "Reply", "Reply"]


def test_wrong_key_fails_after_one_request_and_never_leaks_the_key(fake_openai, tmp_path, monkeypatch,
                                                                   capsys, caplog):
    caplog.set_level(logging.DEBUG)
    fake_openai.api_key = "sk-the-right-key-000000"
    monkeypatch.setenv("OPENAI_API_KEY", SECRET)
    out, cassette = tmp_path / "debate.json", tmp_path / "calls.jsonl"
    assert run_debate(fake_openai, "--out", str(out), "--record", str(cassette)) == 3
    assert len(fake_openai.requests) == 1
    assert fake_openai.requests[0].headers["authorization"] == f"Bearer {SECRET}"  # it was sent...
    captured = capsys.readouterr()
    errors = [line for line in captured.err.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "401" in errors[0] and "OPENAI_API_KEY" in errors[0]
    for text in (captured.out, captured.err, out.read_text(), cassette.read_text(), caplog.text):
        assert SECRET not in text and SECRET[8:20] not in text  # ...and is nowhere else
    data, turns = turns_of(out)
    assert data["status"] == "failed" and turns == []
    assert "api_key" not in json.dumps(data["backend"])


def test_a_failure_mid_debate_keeps_the_turns_already_finished(fake_openai, tmp_path, capsys):
    fake_openai.push(Reply("Pro finished this turn cleanly.", kind="stream"), Status(403, kind="stream"))
    out = tmp_path / "debate.json"
    assert run_debate(fake_openai, "--out", str(out)) == 3
    data, turns = turns_of(out)
    assert data["status"] == "failed" and "403" in data["error"]
    assert [(t["side"], t["text"]) for t in turns] == [("pro", "Pro finished this turn cleanly.")]
    assert "Pro finished this turn cleanly." in capsys.readouterr().out  # printed, not lost
    assert len(fake_openai.chat_requests(stream=True)) == 2  # 403 is never retried


def test_a_slow_stream_is_cut_by_the_clock_and_its_connection_closed(fake_openai, tmp_path):
    fake_openai.push(Reply("slowly " * 80, delay=0.04, kind="stream"))
    out = tmp_path / "debate.json"
    assert run_debate(fake_openai, "--out", str(out), "--turn-seconds", "0.6") == 0
    _, (pro, con) = turns_of(out)
    assert pro["truncated"] and pro["cut_by"] == "clock" and 0 < len(pro["text"].split()) < 80
    assert not con["truncated"]
    slow = fake_openai.chat_requests(stream=True)[0]
    assert fake_openai.wait_for(lambda: slow.disconnected), "the HTTP stream was left open"


def test_an_openai_url_without_a_key_is_a_usage_error(capsys):
    code = main(["run", "--motion", MOTION, "--pro", "open-source-advocate", "--con", "skeptical-investor",
                 "--backend", "openai", "--model", "gpt-4o-mini"])
    assert code == 2
    assert "OPENAI_API_KEY" in capsys.readouterr().err


# ---- configuration ---------------------------------------------------------------------------

class Args:
    """The backend options the CLI parses, all unset unless given."""

    def __init__(self, **given):
        for name in ("backend", "model", "base_url", "pro_model", "con_model", "judge_model", "timeout",
                     "retries", "cassette", "record", "rounds", "turn_seconds", "max_tokens", "personas",
                     "prompts", "seeds"):
            setattr(self, name, given.get(name))


def test_base_url_in_the_environment_selects_openai_with_a_placeholder_key(fake_openai, monkeypatch):
    monkeypatch.setenv("OPENAI_BASE_URL", fake_openai.url)
    monkeypatch.setenv("DEBATE_MODEL", "env-model")
    settings = settings_from_args(Args())
    assert settings.backend_name == "openai" and settings.model == "env-model"
    assert settings.client_key() == PLACEHOLDER_KEY
    assert "api_key" not in settings.describe()


def test_config_file_then_env_then_flags(tmp_path, monkeypatch):
    config = tmp_path / "config.yaml"
    config.write_text("model: file-model\nbase_url: http://localhost:11434/v1\njudge_model: file-judge\n"
                      "api_key: sk-from-file-000000\n")
    monkeypatch.setenv("DEBATE_CONFIG", str(config))
    monkeypatch.setenv("DEBATE_MODEL", "env-model")
    settings = settings_from_args(Args(pro_model="flag-pro"))
    assert (settings.model_for("pro"), settings.model_for("con"), settings.model_for("judge")) == \
        ("flag-pro", "env-model", "file-judge")
    assert settings.base_url == "http://localhost:11434/v1" and settings.client_key() == "sk-from-file-000000"
    assert "sk-from-file" not in json.dumps(settings.describe())


def test_a_base_url_without_a_scheme_is_a_usage_error(capsys):
    assert main(["doctor", "--base-url", "localhost:11434/v1"]) == 2
    assert "base_url" in capsys.readouterr().err


async def test_each_side_speaks_with_its_own_model_and_sources_go_as_data(fake_openai):
    fake_openai.push(Reply("One two three four five six seven eight.", chunk_words=2, kind="stream"))
    settings = settings_from_args(Args(base_url=fake_openai.url, model="shared", pro_model="m-pro",
                                       con_model="m-con"))
    debate, events = await run_engine(settings)
    pro_chunks = [e.text for e in events if isinstance(e, TextChunk) and e.side == "pro"]
    assert len(pro_chunks) >= 4 and "".join(pro_chunks).strip() == debate.transcript.turns[0].text
    pro, con = fake_openai.chat_requests(stream=True)
    assert (pro.body["model"], con.body["model"]) == ("m-pro", "m-con")
    assert pro.headers["authorization"] == f"Bearer {PLACEHOLDER_KEY}"
    assert pro.body["max_tokens"] == max_tokens_for(debate.config.max_words)
    prompt = "\n".join(m["content"] for m in pro.body["messages"])
    assert [m["role"] for m in pro.body["messages"]] == ["system", "user"]
    assert '<source id="S' in prompt and "</source>" in prompt
    assert debate.transcript.turns[1].text == cite_first_source(con.body)


# ---- the backend on its own ------------------------------------------------------------------

async def test_a_restarted_attempt_is_dropped_by_the_engine(fake_openai):
    fake_openai.push(Cut("partial junk words", kind="stream"), Reply("A clean answer.", kind="stream"))
    settings = settings_from_args(Args(base_url=fake_openai.url, model="fake", retries=2))
    debate, events = await run_engine(settings)
    assert any(isinstance(e, TurnRestarted) and e.side == "pro" for e in events)
    assert debate.transcript.turns[0].text == "A clean answer."


async def test_the_clock_beats_a_long_retry_after(fake_openai):
    fake_openai.push(Status(429, retry_after=5, kind="stream"))
    settings = settings_from_args(Args(base_url=fake_openai.url, model="fake", turn_seconds=0.3))
    debate, _ = await run_engine(settings)
    pro, con = debate.transcript.turns
    assert pro.cut_by == "clock" and pro.text == "" and pro.elapsed_s < 1.0
    assert con.text and not con.truncated


async def test_stream_yields_restart_between_attempts(fake_openai):
    fake_openai.push(Cut("cut here", clean=True), Reply("whole"))
    chunks = await streamed(fake_openai)
    assert chunks[:2] == ["cut ", "here"] and isinstance(chunks[2], Restart) and chunks[3:] == ["whole"]


@pytest.mark.parametrize("code", [408, 409, 429, 500, 502, 503])
async def test_transient_statuses_are_retried(fake_openai, code):
    fake_openai.push(Status(code), Reply("recovered"))
    assert "".join(await streamed(fake_openai)) == "recovered"
    assert len(fake_openai.requests) == 2


@pytest.mark.parametrize("code", [400, 401, 403, 404])
async def test_client_errors_are_never_retried(fake_openai, code):
    fake_openai.push(Status(code, message=f"nope {code}"), Reply("never reached"))
    with pytest.raises(BackendError, match=f"HTTP {code}.*nope {code}"):
        await streamed(fake_openai)
    assert len(fake_openai.requests) == 1


async def test_a_hung_request_times_out_and_is_retried(fake_openai):
    fake_openai.push(Hang(1.5), Reply("after the hang"))
    started = time.monotonic()
    assert "".join(await streamed(fake_openai, timeout=0.3)) == "after the hang"
    assert time.monotonic() - started < 1.4


async def test_giving_up_says_so_in_one_line(fake_openai):
    fake_openai.push(*[Status(503, message="overloaded\nplease wait")] * 3)
    with pytest.raises(BackendError) as caught:
        await streamed(fake_openai, retries=2)
    message = str(caught.value)
    assert "\n" not in message and "HTTP 503" in message and "gave up after 3 attempts" in message
    assert len(fake_openai.requests) == 3


async def test_retry_after_is_honoured(fake_openai):
    fake_openai.push(Status(429, retry_after=0.4), Reply("patient"))
    started = time.monotonic()
    assert "".join(await streamed(fake_openai, retry_base=0.0)) == "patient"
    assert time.monotonic() - started >= 0.4


def test_retry_after_is_capped_and_dates_fall_back_to_backoff():
    class Response:
        def __init__(self, headers):
            self.headers = headers

    class Failure(Exception):
        def __init__(self, headers):
            self.response = Response(headers)

    assert retry_after(Failure({"retry-after": "3600"})) == RETRY_AFTER_CAP
    assert retry_after(Failure({"retry-after-ms": "250"})) == 0.25
    assert retry_after(Failure({"retry-after": "Wed, 21 Oct 2026 07:28:00 GMT"})) is None
    assert retry_after(ValueError()) is None


async def test_an_unreachable_server_is_a_backend_error():
    with FakeOpenAI() as server:
        url = server.url
    with pytest.raises(BackendError, match="cannot connect"):
        await streamed(url, retries=1)


async def test_max_completion_tokens_when_the_server_asks_for_it(fake_openai):
    fake_openai.push(Status(400, "Unsupported parameter: 'max_tokens'. Use 'max_completion_tokens' instead."),
                     Reply("fine"))
    assert "".join(await streamed(fake_openai)) == "fine"
    first, second = fake_openai.chat_requests()
    assert "max_tokens" in first.body and "max_completion_tokens" in second.body


# ---- judge JSON ------------------------------------------------------------------------------

SCHEMA = {"type": "object", "required": ["winner", "score"],
          "properties": {"winner": {"enum": ["pro", "con", "tie"]}, "score": {"type": "number", "minimum": 0}}}
JUDGE = [{"role": "user", "content": "Judge the debate. Answer in JSON."}]


async def judge_with(server, *replies):
    server.push(*(Reply(r, kind="complete") for r in replies))
    backend = backend_for(server)
    try:
        return await backend.complete_json(JUDGE, SCHEMA)
    finally:
        await backend.aclose()


async def test_json_answer_is_parsed_and_asked_for_in_json_mode(fake_openai):
    assert await judge_with(fake_openai, '{"winner": "pro", "score": 7.5}') == {"winner": "pro", "score": 7.5}
    (request,) = fake_openai.chat_requests()
    assert request.body["response_format"] == {"type": "json_object"} and not request.stream


async def test_fenced_json_is_accepted(fake_openai):
    reply = 'Here is my verdict:\n```json\n{"winner": "tie", "score": 5}\n```\nThanks.'
    assert await judge_with(fake_openai, reply) == {"winner": "tie", "score": 5}


async def test_invalid_json_gets_one_repair(fake_openai):
    result = await judge_with(fake_openai, '{"winner": "nobody", "score": 5}', '{"winner": "con", "score": 5}')
    assert result == {"winner": "con", "score": 5}
    repair = fake_openai.chat_requests()[1].body["messages"]
    assert repair[-2] == {"role": "assistant", "content": '{"winner": "nobody", "score": 5}'}
    assert "is not one of" in repair[-1]["content"]


async def test_invalid_json_twice_is_a_backend_error(fake_openai):
    with pytest.raises(BackendError, match="judge returned invalid JSON"):
        await judge_with(fake_openai, "I think pro won.", "Still prose, sorry.")
    assert len(fake_openai.chat_requests()) == 2


async def test_a_server_without_json_mode_is_asked_again_without_it(fake_openai):
    fake_openai.push(Status(400, "response_format json_object is not supported", kind="complete"))
    assert await judge_with(fake_openai, '{"winner": "pro", "score": 1}') == {"winner": "pro", "score": 1}
    first, second = fake_openai.chat_requests()
    assert "response_format" in first.body and "response_format" not in second.body


@pytest.mark.parametrize("value, problem", [
    ({"winner": "pro"}, "missing required field 'score'"),
    ({"winner": "pro", "score": "7"}, "$.score: expected number, got string"),
    ({"winner": "pro", "score": True}, "expected number, got boolean"),
    ({"winner": "pro", "score": -1}, "below the minimum"),
    ({"winner": "maybe", "score": 1}, "is not one of"),
])
def test_schema_violations_name_the_field(value, problem):
    with pytest.raises(ValueError, match=problem.replace("$", r"\$")):
        validate_json(value, SCHEMA)


@pytest.mark.parametrize("text, expected", [
    ('{"a": 1}', {"a": 1}),
    ('```\n{"a": 1}\n```', {"a": 1}),
    ('Sure! {"a": {"b": 2}} Hope that helps.', {"a": {"b": 2}}),
])
def test_json_is_found_bare_fenced_or_in_prose(text, expected):
    assert parse_json_object(text) == expected


@pytest.mark.parametrize("text", ["[1, 2]", "no json here", "{broken"])
def test_text_without_a_json_object_is_rejected(text):
    with pytest.raises(ValueError):
        parse_json_object(text)


# ---- key hygiene -----------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    f"Incorrect API key provided: {SECRET}.",
    f"headers: Authorization: Bearer {SECRET}",
    "Incorrect API key provided: sk-proj-abc123def456ghi789.",
])
def test_scrub_masks_keys_and_keeps_one_line(text):
    cleaned = scrub(text + "\nsecond line", SECRET)
    assert SECRET not in cleaned and "abc123def456" not in cleaned and "\n" not in cleaned


def test_mask_key_shows_only_the_ends():
    assert mask_key("sk-abcdefghijklmnop1234") == "sk-…1234"
    assert mask_key(None) == "(none)" and mask_key("short") == "***"
    assert "sk-local" not in repr(OpenAIBackend("m", base_url="http://127.0.0.1:9/v1", api_key="sk-local-123456"))
