"""The OpenAI-compatible backend: OpenAI itself, or any local server that speaks its wire
format (Ollama, vLLM, llama.cpp, LM Studio).

Retries have one owner. The client runs with ``max_retries=0`` and tenacity retries a whole
attempt: on 408/409/429/5xx, connection errors, timeouts, and a stream that ends without a
finish_reason (a connection dropped mid-answer), with exponential backoff and jitter,
honouring Retry-After. 400/401/403/404 are never retried. A retried turn keeps streaming
live: before the new attempt the backend yields ``Restart``, and the engine drops the
partial text. Nothing this module raises or logs carries the API key.
"""

from __future__ import annotations

import asyncio
import functools
import json
import logging
import random
import re
import ssl
import time
from collections.abc import AsyncIterator
from contextlib import aclosing
from urllib.parse import parse_qsl, urlsplit

import openai
from tenacity import AsyncRetrying, RetryCallState, retry_if_exception, stop_after_attempt

from debate.backends.base import Restart, TurnRequest
from debate.config import OPENAI_URL, Settings
from debate.errors import BackendError
from debate.redact import mask_key, mask_url, scrub  # noqa: F401  (mask_key: re-exported for doctor and tests)

log = logging.getLogger(__name__)

TOKENS_PER_WORD = 1.6  # English prose runs about 1.3 tokens a word; citations ids cost more
TOKEN_SLACK = 48
RETRY_AFTER_CAP = 30.0  # seconds: never sleep longer than this on a server's say-so
BACKOFF_CAP = 20.0
RETRYABLE_STATUS = {408, 409, 429}
REPAIR_PROMPT = ("Your reply was not valid: {problem}. Reply with only the corrected JSON object, "
                 "no prose and no code fence. It must match this JSON schema: {schema}")


class StreamCut(Exception):
    """The stream ended without a finish_reason: the connection dropped mid-answer."""


def max_tokens_for(words: int) -> int:
    """The completion token limit for a word budget (the engine cuts at the word budget)."""
    return int(words * TOKENS_PER_WORD) + TOKEN_SLACK


def retryable(exc: BaseException) -> bool:
    """Transient failures worth another attempt; a bad request or a bad key never is."""
    if isinstance(exc, openai.APIStatusError):
        return exc.status_code in RETRYABLE_STATUS or exc.status_code >= 500
    return isinstance(exc, (openai.APIConnectionError, StreamCut))  # timeouts are connection errors


def retry_after(exc: BaseException | None) -> float | None:
    """The wait a server asked for (``retry-after-ms`` or ``Retry-After`` seconds), capped."""
    response = getattr(exc, "response", None)
    if response is None:
        return None
    for header, scale in (("retry-after-ms", 0.001), ("retry-after", 1.0)):
        try:
            return min(max(float(response.headers.get(header, "")) * scale, 0.0), RETRY_AFTER_CAP)
        except ValueError:  # absent, or an HTTP date: use our own backoff
            continue
    return None


class Backoff:
    """A tenacity wait: Retry-After when the server gives one, else exponential with jitter."""

    def __init__(self, base: float):
        self.base = base

    def __call__(self, state: RetryCallState) -> float:
        asked = retry_after(state.outcome.exception() if state.outcome else None)
        if asked is not None:
            return asked
        delay = min(self.base * 2 ** (state.attempt_number - 1), BACKOFF_CAP)
        return delay * random.uniform(0.5, 1.0)


def _server_message(exc: openai.APIStatusError) -> str:
    body = exc.body
    if isinstance(body, dict):
        error = body.get("error", body)
        if isinstance(error, dict) and error.get("message"):
            return str(error["message"])
        if isinstance(error, str):
            return error
    return str(body or exc.message)[:300]


def describe(exc: BaseException) -> str:
    """One user-facing phrase for a failure (not yet scrubbed)."""
    if isinstance(exc, openai.APIStatusError):
        code = exc.status_code
        what = {400: "bad request", 401: "authentication failed, check OPENAI_API_KEY",
                403: "permission denied", 404: "not found, check --model and --base-url",
                408: "request timeout", 409: "conflict", 429: "rate limited"}.get(
            code, "server error" if code >= 500 else "error")
        return f"HTTP {code} {what}: {_server_message(exc)}"
    if isinstance(exc, openai.APITimeoutError):
        return "timed out (see --timeout)"
    if isinstance(exc, openai.APIConnectionError):
        cause = exc.__cause__
        return f"cannot connect ({type(cause).__name__ if cause else 'connection error'}: {cause or exc})"
    if isinstance(exc, StreamCut):
        return "the stream was cut before the answer finished"
    return f"{type(exc).__name__}: {exc}"


# ---- JSON answers for the judge -----------------------------------------------------------

_FENCE = re.compile(r"```(?:json|JSON)?\s*(.*?)```", re.DOTALL)


def parse_json_object(text: str) -> dict:
    """The JSON object in a reply: bare, inside a ```json fence, or between the outer braces."""
    candidates = [text.strip(), *(m.strip() for m in _FENCE.findall(text))]
    if "{" in text:
        candidates.append(text[text.index("{"): text.rindex("}") + 1] if "}" in text else "")
    problem = "no JSON object found"
    for candidate in candidates:
        try:
            data = json.loads(candidate)
        except ValueError as exc:
            problem = f"not JSON ({exc})"
            continue
        if isinstance(data, dict):
            return data
        problem = f"expected a JSON object, got {_type_name(data)}"
    raise ValueError(problem)


_TYPES = {"object": dict, "array": list, "string": str, "integer": int, "number": (int, float),
          "boolean": bool, "null": type(None)}


def _type_name(value) -> str:
    return next((name for name, cls in _TYPES.items() if _is_type(value, name)), type(value).__name__)


def _is_type(value, name: str) -> bool:
    if isinstance(value, bool) and name in ("integer", "number"):
        return False
    return isinstance(value, _TYPES.get(name, object))


def validate_json(value, schema: dict, path: str = "$") -> None:
    """Check ``value`` against the common core of JSON Schema (type, enum, required,
    properties, additionalProperties, items, minimum, maximum); ValueError names the path."""
    types = schema.get("type")
    if types:
        names = [types] if isinstance(types, str) else list(types)
        if not any(_is_type(value, name) for name in names):
            raise ValueError(f"{path}: expected {' or '.join(names)}, got {_type_name(value)}")
    if "enum" in schema and value not in schema["enum"]:
        raise ValueError(f"{path}: {value!r} is not one of {schema['enum']}")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if "minimum" in schema and value < schema["minimum"]:
            raise ValueError(f"{path}: {value} is below the minimum {schema['minimum']}")
        if "maximum" in schema and value > schema["maximum"]:
            raise ValueError(f"{path}: {value} is above the maximum {schema['maximum']}")
    if isinstance(value, dict):
        for name in schema.get("required", []):
            if name not in value:
                raise ValueError(f"{path}: missing required field {name!r}")
        properties = schema.get("properties", {})
        for name, item in value.items():
            if name in properties:
                validate_json(item, properties[name], f"{path}.{name}")
            elif schema.get("additionalProperties") is False:
                raise ValueError(f"{path}: unexpected field {name!r}")
    if isinstance(value, list) and isinstance(schema.get("items"), dict):
        for i, item in enumerate(value):
            validate_json(item, schema["items"], f"{path}[{i}]")


# ---- the backend --------------------------------------------------------------------------

@functools.lru_cache(maxsize=1)
def _tls_context() -> ssl.SSLContext:
    """One TLS context for the process: building one per client costs ~30 ms (loading the CA
    bundle), which a classroom batch would pay per debate. The system trust store, which also
    honours SSL_CERT_FILE / SSL_CERT_DIR."""
    return ssl.create_default_context()


class OpenAIBackend:
    name = "openai"

    def __init__(self, model: str, *, base_url: str = OPENAI_URL, api_key: str, timeout: float = 60.0,
                 retries: int = 4, retry_base: float = 0.5, role: str = ""):
        self.model = model
        self.base_url = base_url
        self.role = role
        self.retries = retries
        self.retry_base = retry_base
        self._key = api_key
        # A key in the URL's query (?key=...) goes as a query parameter of every request, not into the path.
        address = urlsplit(base_url)
        self.client = openai.AsyncOpenAI(api_key=api_key, base_url=address._replace(query="").geturl(),
                                         default_query=dict(parse_qsl(address.query)) or None,
                                         timeout=timeout, max_retries=0,
                                         http_client=openai.DefaultAsyncHttpxClient(verify=_tls_context()))
        self.json_mode = True  # off once the server rejects response_format
        self.token_param = "max_tokens"  # "max_completion_tokens" once the server asks for it

    @classmethod
    def from_settings(cls, settings: Settings, *, model: str, role: str = "") -> "OpenAIBackend":
        return cls(model, base_url=settings.base_url or OPENAI_URL, api_key=settings.client_key(),
                   timeout=settings.timeout, retries=settings.retries, retry_base=settings.retry_base, role=role)

    def __repr__(self) -> str:  # never the key
        return f"OpenAIBackend(model={self.model!r}, base_url={mask_url(self.base_url)!r})"

    # ---- turns ----------------------------------------------------------------------------
    async def stream(self, request: TurnRequest) -> AsyncIterator[str]:
        """Stream one turn live; on a retry, yield ``Restart`` so the partial text is dropped."""
        params = self._params(request.messages, max_tokens=max_tokens_for(request.max_words))
        retrying = self._retrying()
        said = False  # has this attempt yielded text?
        try:
            async for attempt in retrying:
                if said:
                    yield Restart()
                    said = False
                failure = None
                try:
                    async with aclosing(self._attempt(params)) as chunks:
                        async for text in chunks:
                            said = True
                            yield text
                except Exception as exc:  # GeneratorExit and cancellation pass straight through
                    failure = exc
                with attempt:
                    if failure is not None:
                        raise failure
        except Exception as exc:
            raise self._error(exc, retrying) from None

    async def _attempt(self, params: dict) -> AsyncIterator[str]:
        stream = await self._create({**params, "stream": True})
        finished = False
        try:
            async for chunk in stream:
                choice = chunk.choices[0] if chunk.choices else None
                if choice is None:
                    continue
                text = getattr(choice.delta, "content", None) if choice.delta else None
                if text:
                    yield text
                if choice.finish_reason:
                    finished = True
                    break  # do not wait on a server that never sends [DONE]
        finally:
            await _close_quietly(stream)
        if not finished:
            raise StreamCut()

    # ---- judge ----------------------------------------------------------------------------
    async def complete_json(self, messages: list[dict], schema: dict) -> dict:
        """One JSON object matching ``schema``; one repair round, then BackendError."""
        conversation = list(messages)
        problem = ""
        for _ in range(2):
            text = await self.complete_text(conversation, json_mode=True)
            try:
                data = parse_json_object(text)
                validate_json(data, schema)
                return data
            except ValueError as exc:
                problem = str(exc)
            conversation = [*conversation, {"role": "assistant", "content": text},
                            {"role": "user", "content": REPAIR_PROMPT.format(problem=problem, schema=json.dumps(schema))}]
        raise BackendError(scrub(f"judge returned invalid JSON after one repair ({self.model}): {problem}", self._key))

    async def complete_text(self, messages: list[dict], *, json_mode: bool = False,
                            max_tokens: int | None = None) -> str:
        """A whole (non-streamed) answer, with the same retries as a turn."""
        retrying = self._retrying()
        try:
            async for attempt in retrying:
                with attempt:
                    params = self._params(messages, max_tokens=max_tokens, json_mode=json_mode)
                    response = await self._create(params)
                    choice = response.choices[0] if response.choices else None
                    return (choice.message.content if choice and choice.message else None) or ""
        except Exception as exc:
            raise self._error(exc, retrying) from None
        return ""  # unreachable: tenacity either returns or raises

    # ---- doctor ---------------------------------------------------------------------------
    async def list_models(self) -> list[str]:
        """Model ids the server lists (GET /models), one try."""
        try:
            page = await self.client.models.list()
            return [m.id for m in page.data]
        except Exception as exc:
            raise self._error(exc) from None

    async def ping(self) -> float:
        """Seconds for a tiny completion (retries as configured)."""
        started = time.monotonic()
        await self.complete_text([{"role": "user", "content": "Reply with the single word: ok"}], max_tokens=5)
        return time.monotonic() - started

    async def aclose(self) -> None:
        await self.client.close()

    # ---- plumbing -------------------------------------------------------------------------
    def _params(self, messages: list[dict], *, max_tokens: int | None, json_mode: bool = False) -> dict:
        params: dict = {"model": self.model, "messages": messages}
        if max_tokens:
            params[self.token_param] = max_tokens
        if json_mode and self.json_mode:
            params["response_format"] = {"type": "json_object"}
        return params

    async def _create(self, params: dict):
        """``chat.completions.create``, adapting once to a server that rejects a parameter:
        no ``response_format`` (many local servers), or ``max_completion_tokens`` (newer models)."""
        try:
            return await self.client.chat.completions.create(**params)
        except openai.BadRequestError as exc:
            adapted = self._adapt(params, str(exc).lower())
            if adapted is None:
                raise
            return await self.client.chat.completions.create(**adapted)

    def _adapt(self, params: dict, message: str) -> dict | None:
        if "response_format" in params and "response_format" in message:
            self.json_mode = False
            return {k: v for k, v in params.items() if k != "response_format"}
        if "max_tokens" in params and "max_completion_tokens" in message:
            self.token_param = "max_completion_tokens"
            return {("max_completion_tokens" if k == "max_tokens" else k): v for k, v in params.items()}
        return None

    def _retrying(self) -> AsyncRetrying:
        return AsyncRetrying(stop=stop_after_attempt(self.retries + 1), wait=Backoff(self.retry_base),
                             retry=retry_if_exception(retryable), reraise=True, before_sleep=self._log_retry)

    def _log_retry(self, state: RetryCallState) -> None:
        exc = state.outcome.exception() if state.outcome else None
        log.info("%s: attempt %d failed (%s); retrying in %.2fs", self._where(), state.attempt_number,
                 scrub(describe(exc), self._key) if exc else "?", state.upcoming_sleep)

    def _where(self) -> str:
        return f"openai model {self.model!r} at {mask_url(self.base_url)}"

    def _error(self, exc: BaseException, retrying: AsyncRetrying | None = None) -> BackendError:
        if isinstance(exc, BackendError):
            return exc
        attempts = retrying.statistics.get("attempt_number", 1) if retrying is not None else 1
        tail = f" (gave up after {attempts} attempts)" if attempts > 1 else ""
        return BackendError(scrub(f"{self._where()}: {describe(exc)}{tail}", self._key))


async def _close_quietly(stream) -> None:
    """Close an HTTP stream even while the task is being cancelled."""
    try:
        await asyncio.shield(stream.close())
    except Exception:
        pass
