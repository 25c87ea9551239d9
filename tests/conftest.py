"""Shared fixtures. Each fixture is self-contained; add yours below with a line saying what it gives.

Isolation is done here once: no test sees the developer's config file, keys, settings
variables, personas, autosaves or index cache. Tests that want a setting set it themselves.
"""

import os

import pytest

from debate import locations
from debate.config import Settings
from debate.evidence import Corpus
from tests import seeds
from tests.fake_openai import FakeOpenAI

# DEBATE_MODEL, DEBATE_ROUNDS...: a developer's own settings must not leak into the suite.
_SETTING_VARIABLES = tuple(name.upper() for name in Settings.model_fields) + ("_SECONDS",)


@pytest.fixture(autouse=True, scope="session")
def isolated_user_dirs(tmp_path_factory):
    """For the whole session (module- and session-scoped fixtures included): every user
    folder in a temporary home, no key, URL or settings variable, and 10 ms retry backoff.
    The index cache stays here for the session, so each corpus is indexed once."""
    home = tmp_path_factory.mktemp("user")
    with pytest.MonkeyPatch.context() as mp:
        for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", locations.EXPORTS_ENV,
                     *(n for n in os.environ if n.startswith("DEBATE_") and n.endswith(_SETTING_VARIABLES))):
            mp.delenv(name, raising=False)
        mp.setenv(locations.CACHE_ENV, str(home / "cache"))
        mp.setenv(locations.CONFIG_ENV, str(home / "config.yaml"))
        mp.setenv(locations.PERSONAS_ENV, str(home / "personas"))
        mp.setenv(locations.TRANSCRIPTS_ENV, str(home / "transcripts"))
        mp.setenv("DEBATE_RETRY_BASE_SECONDS", "0.01")
        yield home


@pytest.fixture(autouse=True)
def user_home(tmp_path, monkeypatch):
    """This test's own user folders, inside ``tmp_path / "user"`` and absent until written:
    ``config.yaml`` (the config file), ``personas/`` (the editor's folder) and ``autosave/``."""
    home = tmp_path / "user"
    monkeypatch.setenv(locations.CONFIG_ENV, str(home / "config.yaml"))
    monkeypatch.setenv(locations.PERSONAS_ENV, str(home / "personas"))
    monkeypatch.setenv(locations.TRANSCRIPTS_ENV, str(home / "autosave"))
    return home


@pytest.fixture
def tui_env(user_home, monkeypatch):
    """``user_home``, made the working folder too (the TUI exports beside the cwd by default)."""
    user_home.mkdir(exist_ok=True)
    monkeypatch.chdir(user_home)
    return user_home


@pytest.fixture(scope="session")
def seed_corpus() -> Corpus:
    """The bundled seeds, loaded once for the session. Treat it as read-only."""
    return seeds.seed_corpus()


@pytest.fixture
def fake_openai():
    """A running OpenAI-wire server on 127.0.0.1 (see tests/fake_openai.py): ``.url`` for
    --base-url, ``.push(...)`` to script faults and replies, ``.requests`` to inspect."""
    with FakeOpenAI() as server:
        yield server
