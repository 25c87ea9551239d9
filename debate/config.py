"""One settings object: defaults < config file < environment < command-line flags.

The config file is YAML in the user config dir (``debate doctor`` prints where), and
``DEBATE_CONFIG`` points elsewhere (tests rely on that). The API key is read from the
environment or the file and never written anywhere: ``describe()`` leaves it out.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

import platformdirs
from pydantic import BaseModel, ConfigDict, Field, field_validator

from debate.errors import UserError
from debate.redact import mask_url, mask_value
from debate.yamlfile import parse_model, read_yaml

OPENAI_URL = "https://api.openai.com/v1"
# Local servers (Ollama, vLLM, llama.cpp, LM Studio) ignore the key, but the client wants one.
PLACEHOLDER_KEY = "no-key-needed"


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    backend: Literal["offline", "openai", "replay"] | None = None
    model: str = ""
    base_url: str | None = None
    api_key: str | None = Field(default=None, repr=False)
    pro_model: str | None = None
    con_model: str | None = None
    judge_model: str | None = None
    personas_dir: str | None = None
    prompts_dir: str | None = None
    seeds_dir: str | None = None
    rounds: int = Field(default=2, ge=1, le=20)
    turn_seconds: float = Field(default=90.0, gt=0)
    max_tokens: int = Field(default=220, ge=20, le=4000)
    timeout: float = Field(default=60.0, gt=0)
    retries: int = Field(default=4, ge=0, le=10)
    retry_base: float = Field(default=0.5, ge=0, le=30)  # first backoff in seconds (DEBATE_RETRY_BASE_SECONDS)
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


def config_path() -> Path:
    override = os.environ.get("DEBATE_CONFIG")
    if override:
        return Path(override).expanduser()
    return Path(platformdirs.user_config_dir("debate-arena")) / "config.yaml"


def user_dir(kind: str) -> Path:
    """The user's own folder of ``personas`` or ``prompts`` (the persona editor saves here)."""
    return Path(platformdirs.user_data_dir("debate-arena")) / kind


def load_settings(flags: dict | None = None) -> Settings:
    values: dict = {}
    path = config_path()
    if path.is_file():
        doc = read_yaml(path)
        values.update(parse_model(Settings, doc.data or {}, path=path, node=doc).model_dump(exclude_unset=True))
    env = {"api_key": os.environ.get("OPENAI_API_KEY"), "base_url": os.environ.get("OPENAI_BASE_URL"),
           "model": os.environ.get("DEBATE_MODEL"), "retry_base": os.environ.get("DEBATE_RETRY_BASE_SECONDS")}
    values.update({k: v for k, v in env.items() if v})
    values.update({k: v for k, v in (flags or {}).items() if v is not None and k in Settings.model_fields})
    return parse_model(Settings, values, path="command line")
