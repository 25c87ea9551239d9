"""`debate doctor`: where things are, what is active, and whether the endpoint answers."""

import pytest

from debate.cli import main
from tests.fake_openai import FakeOpenAI, Status

SECRET = "sk-test-DOCTOR-KEY-0123456789abcd"


pytestmark = pytest.mark.usefixtures("openai_env")


def test_offline_needs_nothing(capsys, tmp_path):
    assert main(["doctor"]) == 0
    out = capsys.readouterr().out
    assert f"{tmp_path / 'config.yaml'} (not found" in out
    assert "personas dir:" in out and "prompts dir:" in out and "seeds dir:" in out
    assert "backend:       offline" in out and "needs no network" in out


def test_a_healthy_endpoint_with_the_key_masked(fake_openai, monkeypatch, capsys, tmp_path):
    (tmp_path / "config.yaml").write_text(f"base_url: {fake_openai.url}\n")
    monkeypatch.setenv("OPENAI_API_KEY", SECRET)
    assert main(["doctor", "--model", "fake", "--judge-model", "missing-model"]) == 0
    out = capsys.readouterr().out
    assert "(exists)" in out and "backend:       openai" in out and fake_openai.url in out
    assert "sk-…abcd" in out and SECRET not in out
    assert "fake: available" in out and "missing-model: NOT listed" in out
    assert "completion:    ok in" in out
    assert [r.path for r in fake_openai.requests] == ["/v1/models", "/v1/chat/completions"]


def test_a_local_server_needs_no_key(fake_openai, capsys):
    assert main(["doctor", "--base-url", fake_openai.url, "--model", "fake"]) == 0
    assert "(none) (a local server needs none)" in capsys.readouterr().out


def test_a_failing_endpoint_exits_3(fake_openai, capsys):
    fake_openai.push(Status(500, kind="complete"), Status(500, kind="complete"))
    assert main(["doctor", "--base-url", fake_openai.url, "--model", "fake"]) == 3
    assert "completion:    FAILED" in capsys.readouterr().out


def test_an_unreachable_endpoint_exits_3(capsys):
    with FakeOpenAI() as server:
        url = server.url
    assert main(["doctor", "--base-url", url, "--model", "fake", "--timeout", "1"]) == 3
    out = capsys.readouterr().out
    assert "could not list" in out and "FAILED" in out


def test_openai_without_a_key_names_the_variable(capsys):
    assert main(["doctor", "--backend", "openai", "--model", "gpt-4o-mini"]) == 2
    assert "OPENAI_API_KEY" in capsys.readouterr().out


def test_replay_reports_the_cassette(tmp_path, capsys):
    cassette = tmp_path / "calls.jsonl"
    assert main(["run", "--motion", "Rivers beat railways", "--pro", "open-source-advocate", "--con",
                 "skeptical-investor", "--rounds", "1", "--record", str(cassette)]) == 0
    capsys.readouterr()
    assert main(["doctor", "--backend", "replay", "--cassette", str(cassette)]) == 0
    assert "2 calls for con, pro" in capsys.readouterr().out
    assert main(["doctor", "--backend", "replay", "--cassette", str(tmp_path / "none.jsonl")]) == 2
