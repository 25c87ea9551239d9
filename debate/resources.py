"""Where the shipped personas, prompts and seeds live.

In a checkout (or an editable install) they are the top-level folders of the repository,
which stay the single source of truth; in a wheel they are copied to ``debate/_data``.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def shipped(kind: str) -> Path:
    """Folder of shipped ``personas``, ``prompts`` or ``seeds``."""
    for candidate in (_PACKAGE / "_data" / kind, _PACKAGE.parent / kind):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"shipped folder {kind!r} is missing from the installation")
