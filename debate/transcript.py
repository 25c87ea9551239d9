"""The transcript: JSON is the source of truth; Markdown and HTML are views of it.

It is saved atomically (write a temporary file, then rename) after every turn, so a
crash or ctrl-c never leaves a half-written file and never loses a finished turn.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict, dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Literal

from pydantic import ConfigDict, TypeAdapter, ValidationError, with_config
from typing_extensions import NotRequired, TypedDict

from debate.errors import UserError
from debate.sanitize import clean_data
from debate.verdict import Verdict
from debate.yamlfile import field_error, first_error

# 2: the verdict is typed (debate/verdict.py) and gains findings and disagreements; a
# version-1 transcript still loads, its verdict's new fields taking their defaults.
SCHEMA_VERSION = 2
Side = Literal["pro", "con"]
Status = Literal["running", "complete", "failed", "stopped"]


@with_config(ConfigDict(extra="allow"))
class PersonaRecord(TypedDict):
    """What a transcript keeps of a persona (``Persona.to_record``); views need the name."""

    name: str
    id: NotRequired[str]
    kind: NotRequired[str]
    description: NotRequired[str]
    label: NotRequired[str]


class Personas(TypedDict):
    pro: PersonaRecord
    con: PersonaRecord


@dataclass
class Citation:
    passage: str  # "S002:4"
    quote: str  # the words of the passage the sentence relies on, as written in the source
    verified: bool  # the quote really is in that passage (exact or near match)
    match: str  # "exact" | "near" | "none"


@dataclass
class Turn:
    side: Side
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
    personas: Personas  # {"pro": {...}, "con": {...}}
    rounds: list[Round] = field(default_factory=list)
    verdict: Verdict | None = None
    settings: dict = field(default_factory=dict)  # rounds, turn_seconds, max_tokens, seed
    status: Status = "running"
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

    def missing_sources(self, corpus) -> list[str]:
        """What of this debate's sources ``corpus`` lacks: source files it was debated on, and
        passages its turns cite that the corpus does not hold (a different folder, or the same
        file names with other text). Judged against such a corpus, citations would not count."""
        missing = [name for name in self.seeds if name not in set(corpus.files)]
        cited = dict.fromkeys(c.passage for t in self.turns for c in t.citations if c.verified)
        return missing + [f"passage {p}" for p in cited if p not in corpus.by_id]

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["verdict"] = self.verdict.model_dump(mode="json") if self.verdict else None
        return data

    @classmethod
    def from_dict(cls, data: dict, *, where: str = "transcript") -> "Transcript":
        """Build from parsed JSON, checked against the schema (see ``parse_transcript``)."""
        return parse_transcript(data, where=where)


def load_transcript(path: str | Path) -> Transcript:
    """Read and validate a saved transcript: a broken file is a UserError naming the field."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise UserError("transcript not found", where=str(path)) from None
    except OSError as exc:
        raise UserError(f"cannot read: {exc.strerror or exc}", where=str(path)) from None
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise UserError(f"not UTF-8 text (byte {exc.start})", where=str(path)) from None
    except json.JSONDecodeError as exc:
        raise UserError(f"not valid JSON: {exc.msg}", where=f"{path}:{exc.lineno}") from None
    return parse_transcript(data, where=str(path))


def parse_transcript(data: Any, *, where: str) -> Transcript:
    """Check ``data`` against the transcript schema (the dataclasses' own types, the typed
    verdict) and build it. Unknown keys are ignored, so a file from another version still
    loads if it fits; strings are cleaned of terminal escapes, since a transcript file is data
    from outside. Loaded, it is a current transcript: it is saved back at SCHEMA_VERSION."""
    if not isinstance(data, dict):
        raise UserError("not a Debate Arena transcript (a JSON object was expected)", where=where)
    version = data.get("version", 1)
    if not isinstance(version, int) or isinstance(version, bool):
        raise UserError(f"field 'version': must be a whole number, not {version!r}", where=where)
    if version > SCHEMA_VERSION:
        raise UserError(f"transcript version {version} is newer than this Debate Arena reads "
                        f"(up to {SCHEMA_VERSION}); upgrade Debate Arena", where=where)
    try:
        transcript = _schema().validate_python(clean_data(data))
    except ValidationError as exc:
        loc, message, _ = first_error(exc)
        if loc[:1] == ("verdict",):  # the verdict's shape changed between versions: say which
            raise UserError(f"the verdict of this version-{version} transcript does not load: "
                            f"{'.'.join(map(str, loc))}: {message}", where=where) from None
        raise field_error(loc, message, where=where) from None
    transcript.version = SCHEMA_VERSION
    return transcript


@cache
def _schema() -> TypeAdapter:
    return TypeAdapter(Transcript)


def atomic_write(path: str | Path, text: str, *, what: str = "the file") -> None:
    """Replace ``path`` with ``text`` in one step: readers see the old file or the new one.
    A write that fails (disk full, a folder in the way, no permission) leaves the old file
    and is a UserError saying so: ``PATH: could not save the transcript: No space left``."""
    path = Path(path)
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException as exc:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise UserError(f"could not save {what}: {exc.strerror or exc}", where=str(path)) from None
        raise


def check_writable(path: str | Path, *, folder: bool = False) -> None:
    """Fail now, before any work, when ``path`` (a file, or with ``folder`` a folder to fill)
    cannot be written: a folder where the file should be, a file where a folder should be,
    no permission. Creates missing parent folders, as saving would."""
    path = Path(path)
    target = path if folder else path.parent
    problem = None
    if not folder and path.is_dir():
        problem = "it is a folder"
    else:
        try:
            target.mkdir(parents=True, exist_ok=True)
            with tempfile.TemporaryFile(dir=target):
                pass
        except OSError as exc:
            problem = exc.strerror or str(exc)
    if problem:
        raise UserError(f"cannot save here: {problem}", where=str(path))


def to_json(transcript: Transcript) -> str:
    return json.dumps(transcript.to_dict(), indent=2, ensure_ascii=False) + "\n"
