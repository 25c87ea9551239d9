"""One settings object: defaults < config file < environment < command-line flags.

Built with pydantic-settings: every field can be set by a ``DEBATE_<FIELD>`` variable
(``DEBATE_MODEL``, ``DEBATE_ROUNDS``, ``DEBATE_PERSONAS_DIR``...), plus ``OPENAI_API_KEY``,
``OPENAI_BASE_URL`` and ``DEBATE_RETRY_BASE_SECONDS``. The config file is YAML at
``locations.config_file()`` (``DEBATE_CONFIG`` points elsewhere). The API key is read from
the environment or the file and never written anywhere: ``describe()`` leaves it out.
"""

from __future__ import annotations

from typing import Literal
from urllib.parse import urlsplit

from pydantic import AliasChoices, Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from debate import locations
from debate.errors import UserError
from debate.spec import DEFAULT_MAX_WORDS, DEFAULT_ROUNDS, DEFAULT_TURN_SECONDS, MaxWords, Rounds, TurnSeconds
from debate.redact import mask_url, mask_value
from debate.yamlfile import parse_model, read_yaml

OPENAI_URL = "https://api.openai.com/v1"
# Local servers (Ollama, vLLM, llama.cpp, LM Studio) ignore the key, but the client wants one.
PLACEHOLDER_KEY = "no-key-needed"


class Settings(BaseSettings):
    """Constructing one reads the environment (``DEBATE_*``); ``load_settings`` adds the file and flags."""

    model_config = SettingsConfigDict(env_prefix="DEBATE_", env_ignore_empty=True, extra="forbid",
                                      populate_by_name=True)

    backend: Literal["offline", "openai", "replay"] | None = None
    model: str = ""
    base_url: str | None = Field(default=None, validation_alias=AliasChoices("base_url", "OPENAI_BASE_URL"))
    api_key: str | None = Field(default=None, repr=False, validation_alias=AliasChoices("api_key", "OPENAI_API_KEY"))
    pro_model: str | None = None
    con_model: str | None = None
    judge_model: str | None = None
    personas_dir: str | None = None  # a folder searched after the user's own (locations.personas_dir())
    prompts_dir: str | None = None
    seeds_dir: str | None = None
    rounds: Rounds = DEFAULT_ROUNDS
    turn_seconds: TurnSeconds = DEFAULT_TURN_SECONDS
    max_words: MaxWords = DEFAULT_MAX_WORDS  # the word budget per turn ("max_tokens" in the file, --max-tokens)
    timeout: float = Field(default=60.0, gt=0)
    retries: int = Field(default=4, ge=0, le=10)
    retry_base: float = Field(default=0.5, ge=0, le=30,  # first backoff in seconds
                              validation_alias=AliasChoices("retry_base", "DEBATE_RETRY_BASE_SECONDS"))
    cassette: str | None = None
    rubric: str | None = None  # rubric YAML for the judge (default: prompts/rubric.yaml)
    record: str | None = None

    @field_validator("base_url")
    @classmethod
    def _http_url(cls, url: str | None) -> str | None:
        if url is not None and urlsplit(url).scheme not in ("http", "https"):
            raise ValueError(f"{mask_value(url)!r} is not an http(s) URL, e.g. http://localhost:11434/v1")
        return url

    @property
    def backend_name(self) -> str:
        """The explicit backend, else openai when a key or base URL is set, else offline."""
        if self.backend:
            return self.backend
        return "openai" if (self.api_key or self.base_url) else "offline"

    @property
    def is_openai_url(self) -> bool:
        """True when requests go to OpenAI itself (no base URL, or OpenAI's), which needs a real key."""
        return urlsplit(self.base_url or OPENAI_URL).hostname == urlsplit(OPENAI_URL).hostname

    def client_key(self) -> str:
        """The key to send: the user's, else a placeholder for a local server that needs none."""
        if self.api_key:
            return self.api_key
        if self.is_openai_url:
            raise UserError("no API key: set OPENAI_API_KEY (or 'api_key' in the config file), "
                            "or pass --base-url for a local server that needs none", where="OPENAI_API_KEY")
        return PLACEHOLDER_KEY

    def model_for(self, role: str) -> str:
        """The model of a role ("pro", "con", "judge"): its own setting, else the shared one."""
        return getattr(self, f"{role}_model", None) or self.model

    def describe(self) -> dict:
        """What a transcript may keep of the configuration: never the key."""
        out = {"name": self.backend_name, "model": self.model if self.backend_name == "openai" else ""}
        if self.backend_name == "openai":
            out["base_url"] = mask_url(self.base_url or OPENAI_URL)
            for role in ("pro", "con", "judge"):
                if getattr(self, f"{role}_model"):
                    out[f"{role}_model"] = getattr(self, f"{role}_model")
        return out


def load_settings(flags: dict | None = None) -> Settings:
    """Defaults < config file < environment < ``flags`` (None values are ignored)."""
    try:
        from_env = Settings()
    except ValidationError as exc:
        raise UserError(_first_problem(exc), where="environment") from None
    values: dict = {}
    path = locations.config_file()
    if path.is_file():
        doc = read_yaml(path)
        data = doc.data or {}
        if isinstance(data, dict) and "max_tokens" in data:  # the word budget's user-facing name
            data = {("max_words" if k == "max_tokens" else k): v for k, v in data.items()}
        parsed = parse_model(Settings, data, path=path, node=doc)
        in_file = set(data) if isinstance(data, dict) else set()
        values.update({k: v for k, v in parsed.model_dump(include=in_file).items()
                       if k not in from_env.model_fields_set})
    values.update({k: v for k, v in (flags or {}).items() if v is not None and k in Settings.model_fields})
    try:
        return Settings(**values)
    except ValidationError as exc:
        raise UserError(_first_problem(exc), where="command line") from None


def _first_problem(exc: ValidationError) -> str:
    error = exc.errors()[0]
    field = ".".join(str(part) for part in error["loc"]).replace("max_words", "max_tokens") or "(top level)"
    return f"field '{field}': {error['msg']}"
