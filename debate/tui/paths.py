"""File names for what the TUI writes (autosaves, exports); the folders are ``debate.locations``'s."""

from __future__ import annotations

import re
import time
from pathlib import Path

EXTENSIONS = {"json": "json", "markdown": "md", "html": "html"}


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
