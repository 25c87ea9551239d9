"""Shared fixtures. Each fixture is self-contained; add yours below with a line saying what it gives."""

import os

import pytest

from debate.config import Settings
from tests.fake_openai import FakeOpenAI

# DEBATE_MODEL, DEBATE_ROUNDS...: a developer's own settings must not leak into the suite.
_SETTING_VARIABLES = tuple(name.upper() for name in Settings.model_fields) + ("_SECONDS",)


@pytest.fixture(autouse=True, scope="session")
def isolated_user_dirs(tmp_path_factory):
    """Every test runs without the user's config, keys, cache or folders: the search-index
    cache, personas, transcripts and config file all point into a temporary folder."""
    home = tmp_path_factory.mktemp("user")
    with pytest.MonkeyPatch.context() as mp:
        for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "DEBATE_EXPORTS_DIR",
                     *(n for n in os.environ if n.startswith("DEBATE_") and n.endswith(_SETTING_VARIABLES))):
            mp.delenv(name, raising=False)
        mp.setenv("DEBATE_CACHE_DIR", str(home / "cache"))
        mp.setenv("DEBATE_CONFIG", str(home / "config.yaml"))
        mp.setenv("DEBATE_PERSONAS_DIR", str(home / "personas"))
        mp.setenv("DEBATE_TRANSCRIPTS_DIR", str(home / "transcripts"))
        yield home


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
