"""Record a run's model traffic to a cassette, and replay it with no network.

A cassette is JSON Lines, one entry per model call::

    {"role": "pro", "kind": "stream"|"json", "seq": 0, "hash": "<sha256 of messages>",
     "messages": [...], "response": "turn text" | {...judge JSON...}, "complete": true,
     "error": null, "backend": "openai", "model": "..."}

``--record FILE`` wraps each role's backend in a ``RecordingBackend`` (see
``make_backend``); the backends of one run share the file, which is emptied when the run
opens it and flushed after every call, so a crash keeps what was said. It holds what was
sent and answered, never a key or a header. ``--backend replay --cassette FILE`` builds a
``ReplayBackend`` per role, which answers each call with the role's next entry of the same
kind (falling back to an unused entry with the same messages hash) and fails with a
``BackendError`` naming the cassette when none is left.
"""

from __future__ import annotations

import hashlib
import json
import re
import threading
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

from debate.backends.base import Backend, Restart, TurnRequest
from debate.errors import BackendError, UserError


def messages_hash(messages: list[dict]) -> str:
    return hashlib.sha256(json.dumps(messages, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


# ---- recording ----------------------------------------------------------------------------

class _CassetteWriter:
    """One open cassette, shared by the backends of a run (counted; closed by the last)."""

    _open: dict[Path, "_CassetteWriter"] = {}
    _registry_lock = threading.Lock()

    def __init__(self, path: Path):
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self.file = path.open("w", encoding="utf-8")
        self.users = 0
        self.seq: dict[tuple[str, str], int] = {}
        self.lock = threading.Lock()

    @classmethod
    def acquire(cls, path: str | Path) -> "_CassetteWriter":
        key = Path(path).expanduser().resolve()
        with cls._registry_lock:
            writer = cls._open.get(key)
            if writer is None:
                try:
                    writer = cls._open[key] = cls(key)
                except OSError as exc:
                    raise UserError(f"cannot write the cassette: {exc.strerror}", where=str(path)) from None
            writer.users += 1
            return writer

    def release(self) -> None:
        with self._registry_lock:
            self.users -= 1
            if self.users <= 0:
                self._open.pop(self.path, None)
                self.file.close()

    def write(self, entry: dict) -> None:
        with self.lock:
            key = (entry["role"], entry["kind"])
            entry = {"role": entry["role"], "kind": entry["kind"], "seq": self.seq.get(key, 0), **entry}
            self.seq[key] = entry["seq"] + 1
            self.file.write(json.dumps(entry, ensure_ascii=False) + "\n")
            self.file.flush()


class RecordingBackend:
    """Passes every call through to ``inner`` and writes request and answer to the cassette."""

    def __init__(self, inner: Backend, path: str | Path, *, role: str):
        self.inner = inner
        self.role = role
        self.name = inner.name
        self.model = inner.model
        self._writer: _CassetteWriter | None = _CassetteWriter.acquire(path)

    def _write(self, kind: str, messages: list[dict], **answer) -> None:
        if self._writer is not None:
            self._writer.write({"role": self.role, "kind": kind, "hash": messages_hash(messages),
                                "messages": messages, "error": None, **answer,
                                "backend": self.name, "model": self.model})

    async def stream(self, request: TurnRequest) -> AsyncIterator[str]:
        parts: list[str] = []
        complete, error = False, None
        stream = self.inner.stream(request)
        try:
            async for chunk in stream:
                if isinstance(chunk, Restart):
                    parts.clear()
                else:
                    parts.append(chunk)
                yield chunk
            complete = True
        except BackendError as exc:
            error = str(exc)
            raise
        finally:
            aclose = getattr(stream, "aclose", None)
            if aclose is not None:
                await aclose()
            self._write("stream", request.messages, response="".join(parts), complete=complete, error=error)

    async def complete_json(self, messages: list[dict], schema: dict) -> dict:
        try:
            result = await self.inner.complete_json(messages, schema)
        except BackendError as exc:
            self._write("json", messages, response=None, complete=False, error=str(exc))
            raise
        self._write("json", messages, response=result, complete=True)
        return result

    async def aclose(self) -> None:
        try:
            await self.inner.aclose()
        finally:
            if self._writer is not None:
                self._writer.release()
                self._writer = None

    def __getattr__(self, name: str):  # doctor helpers and the like reach the real backend
        if name == "inner":
            raise AttributeError(name)
        return getattr(self.inner, name)


# ---- replay -------------------------------------------------------------------------------

@dataclass
class _Entry:
    role: str
    kind: str
    hash: str
    response: object
    error: str | None
    model: str = ""
    used: bool = False


def read_cassette(path: str | Path) -> list[_Entry]:
    file = Path(path).expanduser()
    if not file.is_file():
        raise UserError("cassette not found (record one with --record FILE)", where=str(path))
    entries = []
    for number, line in enumerate(file.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            entries.append(_Entry(role=data["role"], kind=data["kind"], hash=data["hash"],
                                  response=data.get("response"), error=data.get("error"),
                                  model=data.get("model") or ""))
        except (ValueError, KeyError, TypeError) as exc:
            raise UserError(f"not a cassette entry ({type(exc).__name__}: {exc})", where=f"{path}:{number}") from None
    return entries


class ReplayBackend:
    """Answers from a cassette, deterministically and with no network."""

    name = "replay"

    def __init__(self, entries: list[_Entry], *, role: str, source: str = "cassette"):
        self.entries = entries
        self.role = role
        self.source = source
        self.model = next((e.model for e in entries if e.role == role), "")

    @classmethod
    def from_file(cls, path: str | Path, *, role: str) -> "ReplayBackend":
        return cls(read_cassette(path), role=role, source=str(path))

    def _take(self, kind: str, messages: list[dict]) -> _Entry:
        """The role's next entry of this kind, else an unused one with the same messages."""
        wanted = messages_hash(messages)
        entry = next((e for e in self.entries if not e.used and e.kind == kind and e.role == self.role), None)
        entry = entry or next((e for e in self.entries if not e.used and e.kind == kind and e.hash == wanted), None)
        if entry is None:
            raise BackendError(f"cassette {self.source} has no {kind} answer left for {self.role!r}")
        entry.used = True
        if entry.error:
            raise BackendError(entry.error)
        return entry

    async def stream(self, request: TurnRequest) -> AsyncIterator[str]:
        entry = self._take("stream", request.messages)
        for token in re.findall(r"\S+\s*", str(entry.response or "")):
            yield token

    async def complete_json(self, messages: list[dict], schema: dict) -> dict:
        entry = self._take("json", messages)
        if not isinstance(entry.response, dict):
            raise BackendError(f"cassette {self.source}: the {self.role!r} judge entry is not a JSON object")
        return entry.response

    async def aclose(self) -> None:
        return None
