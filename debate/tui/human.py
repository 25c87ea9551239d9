"""A backend voiced by a person at the keyboard, so the engine stays free of any UI.

The engine asks it for a turn like any model; ``stream()`` waits until the UI hands over
the text (``submit``) and yields it as one chunk, which the engine then fits to the word
budget and judges by the same rules as everyone else.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

from debate.backends.base import TurnRequest
from debate.errors import BackendError


class HumanBackend:
    name = "human"
    model = ""

    def __init__(self) -> None:
        self._pending: asyncio.Future[str] | None = None
        self.request: TurnRequest | None = None

    @property
    def waiting(self) -> bool:
        """True while a turn is open and nothing has been submitted yet."""
        return self._pending is not None and not self._pending.done()

    async def stream(self, request: TurnRequest) -> AsyncIterator[str]:
        self.request = request
        self._pending = asyncio.get_running_loop().create_future()
        try:
            text = await self._pending
        finally:
            self._pending, self.request = None, None
        if text.strip():
            yield text.strip()

    def submit(self, text: str) -> bool:
        """Hand the typed turn to the engine; False when no turn is waiting for it."""
        if not self.waiting:
            return False
        self._pending.set_result(text)
        return True

    async def complete_json(self, messages: list[dict], schema: dict) -> dict:
        raise BackendError("a human side cannot act as the judge")

    async def aclose(self) -> None:
        if self.waiting:
            self._pending.cancel()


def is_human(ref: str) -> bool:
    """Does a persona reference name the human player?"""
    return ref.strip().lower() in {"you", "human"}
