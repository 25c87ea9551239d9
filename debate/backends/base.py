"""What the engine asks of a model backend, and what it hands over.

A backend streams the text of one turn for a ``TurnRequest``. The request carries both the
rendered chat messages (for chat models) and the structured context they were rendered
from (for the offline composer), so every backend sees the same evidence.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, AsyncIterator, Protocol, runtime_checkable

if TYPE_CHECKING:
    from debate.evidence import Corpus, Passage
    from debate.personas import Persona
    from debate.transcript import Turn


@dataclass
class TurnRequest:
    messages: list[dict]  # [{"role": "system"|"user", "content": ...}]
    motion: str
    side: str  # "pro" | "con"
    role: str  # "opening" | "rebuttal" | "closing" | "perspective"
    persona: "Persona"
    corpus: "Corpus"
    evidence: list["Passage"]  # passages offered for this turn, best first
    opponent: "Persona | None" = None
    history: list["Turn"] = field(default_factory=list)
    crossfire: str | None = None
    framing: str = ""
    used_passages: set[str] = field(default_factory=set)
    max_words: int = 220
    round: int = 1
    rounds: int = 1
    seed: int = 0
    headline: str = ""  # perspective requests only


@runtime_checkable
class Backend(Protocol):
    name: str  # "offline" | "openai" | "replay" | "human"
    model: str  # model name, "" when not applicable

    def stream(self, request: TurnRequest) -> AsyncIterator[str]:
        """Yield the turn's text chunk by chunk. Raise BackendError on failure."""
        ...

    async def complete_json(self, messages: list[dict], schema: dict) -> dict:
        """One JSON object answering ``messages`` (for the judge). Raise BackendError on failure."""
        ...

    async def aclose(self) -> None:
        ...


class Restart(str):
    """Yielded by a backend's ``stream`` when it starts an attempt over (a retry after a
    dropped connection or a server error): everything yielded before it is void.

    It is an empty ``str``, so a consumer that only joins chunks stays correct about the
    final attempt's text; the engine clears the turn and emits ``TurnRestarted``."""

    def __new__(cls) -> "Restart":
        return super().__new__(cls, "")

    def __repr__(self) -> str:
        return "Restart()"
