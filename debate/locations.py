"""Where Debate Arena keeps the user's files, each with a ``DEBATE_*`` environment override.

One module decides every path outside the installation, so the persona editor saves where
``debate run --pro NAME`` looks, ``debate doctor`` prints what the program really reads, and
tests (or a classroom) point everything at a temporary folder with a few variables:

=========================  ==========================================  ===================
variable                   what                                        default
=========================  ==========================================  ===================
``DEBATE_CONFIG``          the YAML config file                        user config dir
``DEBATE_PERSONAS_DIR``    the user's personas (editor saves, all      user data dir
                           commands read; overrides shipped ones)
``DEBATE_TRANSCRIPTS_DIR`` the TUI's autosaved transcripts             user data dir
``DEBATE_CACHE_DIR``       built search indexes                        user cache dir
``DEBATE_EXPORTS_DIR``     where the TUI exports (default: the         current folder
                           ``--out`` file's folder, else the cwd)
=========================  ==========================================  ===================

Shipped personas, prompts and seeds are found by ``debate.resources.shipped``.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "debate-arena"

CONFIG_ENV = "DEBATE_CONFIG"
PERSONAS_ENV = "DEBATE_PERSONAS_DIR"
TRANSCRIPTS_ENV = "DEBATE_TRANSCRIPTS_DIR"
CACHE_ENV = "DEBATE_CACHE_DIR"
EXPORTS_ENV = "DEBATE_EXPORTS_DIR"


def _override(variable: str) -> Path | None:
    value = os.environ.get(variable)
    return Path(value).expanduser() if value else None


def config_file() -> Path:
    """The YAML config file (it need not exist: defaults apply)."""
    return _override(CONFIG_ENV) or Path(platformdirs.user_config_dir(APP_NAME)) / "config.yaml"


def personas_dir() -> Path:
    """The user's personas: the TUI editor saves here and every command reads it first."""
    return _override(PERSONAS_ENV) or Path(platformdirs.user_data_dir(APP_NAME)) / "personas"


def transcripts_dir() -> Path:
    """Where the TUI autosaves each debate's transcript when no ``--out`` is given."""
    return _override(TRANSCRIPTS_ENV) or Path(platformdirs.user_data_dir(APP_NAME)) / "transcripts"


def cache_dir() -> Path:
    """Where built search indexes are kept (safe to delete: they are rebuilt)."""
    return _override(CACHE_ENV) or Path(platformdirs.user_cache_dir(APP_NAME)) / "index"


def exports_dir(out: str | Path | None = None) -> Path:
    """Where the TUI's exports go: ``DEBATE_EXPORTS_DIR``, else beside ``out``, else the cwd."""
    override = _override(EXPORTS_ENV)
    if override:
        return override
    return Path(out).parent if out else Path.cwd()
