"""Shared fixtures. Each fixture is self-contained; add yours below with a line saying what it gives."""

import pytest

from tests.fake_openai import FakeOpenAI


@pytest.fixture
def fake_openai():
    """A running OpenAI-wire server on 127.0.0.1 (see tests/fake_openai.py): ``.url`` for
    --base-url, ``.push(...)`` to script faults and replies, ``.requests`` to inspect."""
    with FakeOpenAI() as server:
        yield server


@pytest.fixture
def openai_env(monkeypatch, tmp_path):
    """No user config file (DEBATE_CONFIG points at tmp_path/config.yaml, absent until a test
    writes it), no ambient OPENAI_API_KEY/OPENAI_BASE_URL/DEBATE_MODEL, and 10 ms backoff."""
    monkeypatch.setenv("DEBATE_CONFIG", str(tmp_path / "config.yaml"))
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "DEBATE_MODEL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DEBATE_RETRY_BASE_SECONDS", "0.01")
    return tmp_path / "config.yaml"
