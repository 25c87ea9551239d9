"""Model backends: offline (default), openai (any OpenAI-compatible server), replay."""

from __future__ import annotations

from pathlib import Path

from debate.backends.base import Backend, TurnRequest
from debate.config import Settings
from debate.errors import UserError

__all__ = ["Backend", "TurnRequest", "make_backend"]


def make_backend(settings: Settings, role: str = "pro", *, words_per_second: float | None = None) -> Backend:
    """The backend for one role ("pro", "con", "judge", "perspective") under ``settings``;
    with ``settings.record`` set, wrapped so every call is written to that cassette."""
    backend = _backend(settings, role, words_per_second)
    if not settings.record:
        return backend
    from debate.backends.replay import RecordingBackend

    if settings.backend_name == "replay" and settings.cassette and \
            Path(settings.cassette).expanduser().resolve() == Path(settings.record).expanduser().resolve():
        raise UserError("cannot record onto the cassette being replayed", where="--record")
    return RecordingBackend(backend, settings.record, role=role)


def _backend(settings: Settings, role: str, words_per_second: float | None) -> Backend:
    name = settings.backend_name
    if name == "offline":
        from debate.backends.offline import OfflineBackend

        return OfflineBackend(words_per_second=words_per_second)
    if name == "openai":
        from debate.backends.openai_backend import OpenAIBackend

        model = settings.model_for(role)
        if not model:
            raise UserError("no model set: pass --model, set DEBATE_MODEL or 'model' in the config file",
                            where="--model")
        return OpenAIBackend.from_settings(settings, model=model, role=role)
    if name == "replay":
        from debate.backends.replay import ReplayBackend

        if not settings.cassette:
            raise UserError("--backend replay needs --cassette FILE", where="--cassette")
        return ReplayBackend.from_file(settings.cassette, role=role)
    raise UserError(f"unknown backend {name!r}", where="--backend")
