"""One debate, as every way in describes it: `debate run`'s flags, a classroom plan's entry,
the TUI's setup screen, and what the engine runs.

A number left unset (None) takes the settings' default (config file, ``DEBATE_*``
variable, else the defaults below) when ``resolved()``. The word budget per turn is
``max_words`` everywhere inside the program; users still write ``--max-tokens`` and
``max_tokens:`` (the names the command line and YAML files have always had).
"""

from __future__ import annotations

from typing import Annotated, Protocol

from pydantic import AliasChoices, BaseModel, ConfigDict, Field, ValidationError

from debate.errors import UserError

DEFAULT_ROUNDS = 2
DEFAULT_TURN_SECONDS = 90.0
DEFAULT_MAX_WORDS = 220

Rounds = Annotated[int, Field(ge=1, le=20)]
TurnSeconds = Annotated[float, Field(gt=0)]
MaxWords = Annotated[int, Field(ge=20, le=4000)]
# The word budget's user-facing name (flag, config file, plans) next to its own.
MAX_WORDS_NAMES = AliasChoices("max_words", "max_tokens")


class Defaults(Protocol):
    """What fills an unset number: ``config.Settings`` (or anything with these fields)."""

    rounds: int
    turn_seconds: float
    max_words: int


class DebateSpec(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    motion: str
    pro: str  # persona reference: "you", an id, a display name or a YAML path
    con: str
    rounds: Rounds | None = None
    turn_seconds: TurnSeconds | None = None
    max_words: MaxWords | None = Field(default=None, validation_alias=MAX_WORDS_NAMES)
    crossfire: tuple[str, ...] = ()  # question i is asked in round i + 1
    seed: int = 0

    @classmethod
    def of(cls, **values) -> DebateSpec:
        """A spec from loose values (None means unset); a bad value is a UserError naming its field."""
        try:
            return cls.model_validate({k: v for k, v in values.items() if v is not None})
        except ValidationError as exc:
            error = exc.errors()[0]
            field = ".".join(str(part) for part in error["loc"])
            raise UserError(error["msg"], where=field.replace("max_words", "max_tokens")) from None

    def resolved(self, defaults: Defaults | None = None) -> DebateSpec:
        """The same debate with every number set: its own, else ``defaults``', else the defaults above."""
        def pick(name: str, fallback):
            own = getattr(self, name)
            return own if own is not None else getattr(defaults, name, fallback)

        return self.model_copy(update={"motion": self.motion.strip(), "rounds": pick("rounds", DEFAULT_ROUNDS),
                                       "turn_seconds": pick("turn_seconds", DEFAULT_TURN_SECONDS),
                                       "max_words": pick("max_words", DEFAULT_MAX_WORDS)})

    def swapped(self) -> DebateSpec:
        """The rematch: the same debate with the sides traded."""
        return self.model_copy(update={"pro": self.con, "con": self.pro})
