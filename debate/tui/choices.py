"""What the setup screen decides: one debate's motion, sides, clocks and backend."""

from __future__ import annotations

from pydantic import Field

from debate.config import Settings
from debate.spec import MAX_WORDS_NAMES, DebateSpec
from debate.redact import mask_url


class Choices(DebateSpec):
    """The spec as the form holds it: possibly unfinished (empty sides, numbers not yet
    checked), plus the backend, model and sources folder picked on the same screen."""

    motion: str = ""
    pro: str = ""
    con: str = ""
    # What was typed; DebateSpec's limits are checked when the debate starts (``spec()``).
    rounds: int | None = None
    turn_seconds: float | None = None
    max_words: int | None = Field(default=None, validation_alias=MAX_WORDS_NAMES)
    backend: str | None = None
    model: str = ""
    seeds: str = ""

    def spec(self) -> DebateSpec:
        """The debate to run; a number out of range is a UserError naming it."""
        return DebateSpec.of(**self.model_dump(include=set(DebateSpec.model_fields)))

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
