"""Where the TUI writes: the persona editor's folder, autosaved and exported transcripts.

Each has an environment override so tests (and classrooms) never touch the real home dir:
``DEBATE_PERSONAS_DIR`` for saved personas, ``DEBATE_TRANSCRIPTS_DIR`` for autosaves.
"""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

import platformdirs

from debate.config import user_dir

EXTENSIONS = {"json": "json", "markdown": "md", "html": "html"}


def personas_dir() -> Path:
    override = os.environ.get("DEBATE_PERSONAS_DIR")
    return Path(override).expanduser() if override else user_dir("personas")


def transcripts_dir() -> Path:
    override = os.environ.get("DEBATE_TRANSCRIPTS_DIR")
    if override:
        return Path(override).expanduser()
    return Path(platformdirs.user_data_dir("debate-arena")) / "transcripts"


def slug(text: str, limit: int = 40) -> str:
    words = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return words[:limit].rstrip("-") or "debate"


def stamped(folder: Path, motion: str, suffix: str) -> Path:
    """A fresh file name in ``folder`` for a debate on ``motion``: slug, time, suffix."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    path = folder / f"{slug(motion)}-{stamp}.{suffix}"
    n = 1
    while path.exists():
        n += 1
        path = folder / f"{slug(motion)}-{stamp}-{n}.{suffix}"
    return path
