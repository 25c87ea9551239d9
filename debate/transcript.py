"""The transcript: JSON is the source of truth; Markdown and HTML are views of it.

It is saved atomically (write a temporary file, then rename) after every turn, so a
crash or ctrl-c never leaves a half-written file and never loses a finished turn.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from debate.errors import UserError
from debate.verdict import Verdict, verdict_from

# 2: the verdict is typed (debate/verdict.py) and gains findings and disagreements; a
# version-1 transcript still loads, its verdict's new fields taking their defaults.
SCHEMA_VERSION = 2


@dataclass
class Citation:
    passage: str  # "S002:4"
    quote: str  # the words of the passage the sentence relies on, as written in the source
    verified: bool  # the quote really is in that passage (exact or near match)
    match: str  # "exact" | "near" | "none"


@dataclass
class Turn:
    side: str  # "pro" | "con"
    speaker: str
    text: str
    round: int = 1
    role: str = "opening"
    elapsed_s: float = 0.0
    truncated: bool = False
    cut_by: str | None = None  # "clock" | "budget" | "skip" when truncated
    citations: list[Citation] = field(default_factory=list)

    @property
    def words(self) -> int:
        return len(self.text.split())


@dataclass
class Round:
    number: int
    crossfire: str | None = None
    turns: list[Turn] = field(default_factory=list)


@dataclass
class Transcript:
    motion: str
    seeds: list[str]
    backend: dict  # {"name", "model"} and per-role models; never a key
    personas: dict  # {"pro": {...}, "con": {...}}
    rounds: list[Round] = field(default_factory=list)
    verdict: Verdict | None = None
    settings: dict = field(default_factory=dict)  # rounds, turn_seconds, max_tokens, seed
    status: str = "running"  # "running" | "complete" | "failed" | "stopped"
    error: str | None = None
    version: int = SCHEMA_VERSION

    @property
    def turns(self) -> list[Turn]:
        return [t for r in self.rounds for t in r.turns]

    def round(self, number: int) -> Round:
        for r in self.rounds:
            if r.number == number:
                return r
        r = Round(number=number)
        self.rounds.append(r)
        return r

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["verdict"] = self.verdict.model_dump(mode="json") if self.verdict else None
        return data

    @classmethod
    def from_dict(cls, data: dict) -> "Transcript":
        rounds = [
            Round(number=r["number"], crossfire=r.get("crossfire"),
                  turns=[Turn(**{**t, "citations": [Citation(**c) for c in t.get("citations", [])]})
                         for t in r.get("turns", [])])
            for r in data.get("rounds", [])
        ]
        version = data.get("version", 1)
        if not isinstance(version, int) or isinstance(version, bool):
            raise ValueError(f"transcript version must be a whole number, not {version!r}")
        if version > SCHEMA_VERSION:
            raise ValueError(f"transcript version {version} is newer than this Debate Arena reads "
                             f"(up to {SCHEMA_VERSION}); upgrade Debate Arena")
        # Loaded, it is a current transcript: it is saved back at SCHEMA_VERSION.
        fields = {k: v for k, v in data.items()
                  if k in cls.__dataclass_fields__ and k not in ("rounds", "verdict", "version")}
        return cls(rounds=rounds, verdict=verdict_from(data.get("verdict"), version), **fields)


def load_transcript(path: str | Path) -> Transcript:
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Transcript.from_dict(data)
    except FileNotFoundError:
        raise UserError("transcript not found", where=str(path)) from None
    except json.JSONDecodeError as exc:
        raise UserError(f"not valid JSON: {exc.msg}", where=f"{path}:{exc.lineno}") from None
    except ValueError as exc:  # a version or verdict that does not fit, said in words
        raise UserError(str(exc), where=str(path)) from None
    except (TypeError, KeyError, AttributeError) as exc:
        raise UserError(f"not a Debate Arena transcript ({exc})", where=str(path)) from None


def atomic_write(path: str | Path, text: str) -> None:
    """Replace ``path`` with ``text`` in one step: readers see the old file or the new one."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def to_json(transcript: Transcript) -> str:
    return json.dumps(transcript.to_dict(), indent=2, ensure_ascii=False) + "\n"
