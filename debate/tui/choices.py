"""What the setup screen decides: one debate's motion, sides, clocks and backend."""

from __future__ import annotations

from dataclasses import dataclass, replace

from debate.config import Settings
from debate.redact import mask_url
from debate.runner import DebateSpec


@dataclass
class Choices:
    motion: str = ""
    pro: str = ""  # persona reference: "you", an id, a name or a YAML path
    con: str = ""
    rounds: int | None = None
    turn_seconds: float | None = None
    max_tokens: int | None = None
    backend: str | None = None
    model: str = ""
    seeds: str = ""
    crossfire: tuple[str, ...] = ()
    seed: int = 0

    def swapped(self) -> "Choices":
        return replace(self, pro=self.con, con=self.pro)

    def spec(self) -> DebateSpec:
        return DebateSpec(motion=self.motion, pro=self.pro, con=self.con, rounds=self.rounds,
                          turn_seconds=self.turn_seconds, max_tokens=self.max_tokens,
                          crossfire=self.crossfire, seed=self.seed)

    def settings(self, base: Settings) -> Settings:
        """``base`` with the backend, model and sources folder chosen on the setup screen."""
        update = {"backend": self.backend or base.backend, "model": self.model or base.model,
                  "seeds_dir": self.seeds or base.seeds_dir}
        return base.model_copy(update=update)


def backend_summary(settings: Settings) -> str:
    """Which backend is active, in words: 'offline (no model configured)', 'openai · gpt-4o'."""
    name = settings.backend_name
    if name == "offline":
        return "offline (no model needed)" if settings.backend else "offline (no model configured)"
    if name == "openai":
        where = mask_url(settings.base_url) if settings.base_url else "api.openai.com"
        return f"openai · {settings.model or 'no model set'} · {where}"
    return f"{name} · {settings.cassette or 'no cassette'}"
