"""A small OpenAI-wire server for end-to-end tests: real HTTP on 127.0.0.1, no mocks.

Use the ``fake_openai`` fixture (tests/conftest.py), or run one yourself::

    with FakeOpenAI() as server:               # binds 127.0.0.1 on a free port
        server.url                             # "http://127.0.0.1:PORT/v1": pass as --base-url
        server.push(Status(429, retry_after=0), Status(500), Cut("half an"), Reply("A whole answer."))
        ...                                    # drive the CLI or a backend against it
        server.chat_requests()                 # what the client sent, in order

Endpoints: ``POST /v1/chat/completions`` (SSE when ``"stream": true``: ``data: {chunk}`` events
with ``choices[0].delta.content``, a last chunk with ``finish_reason``, then ``data: [DONE]``;
a JSON ``chat.completion`` otherwise) and ``GET /v1/models``.

Each chat request takes the first queued behaviour that fits it (``kind="stream"`` or
``"complete"`` limits a behaviour to streamed or whole answers, so a judge call never eats a
fault meant for a turn); with nothing queued, ``server.default`` answers (a ``Reply`` whose
text cites the first ``<source id=...>`` of the prompt). Behaviours:

- ``Reply(text_or_fn, chunk_words=1, delay=0.0)``: answer ``text``, or ``fn(body)`` of the
  request's JSON body; streamed ``chunk_words`` words per event, ``delay`` seconds apart.
- ``Status(code, message="...", retry_after=None)``: an OpenAI-style error body.
- ``Hang(seconds)``: answer nothing for ``seconds`` (longer than the client's timeout).
- ``Cut(text, clean=False)``: stream ``text`` then stop with no finish_reason: by dropping the
  connection mid-body, or with ``clean=True`` by ending the body without ``[DONE]``.

Every request is kept in ``server.requests`` as a ``Seen`` (method, path, headers with
lower-case names, JSON body, the behaviour's name, and ``disconnected`` when the client
closed the stream before it was fully written). Set ``server.api_key`` to demand that key:
other keys get a 401 whose message echoes the wrong key, as some servers do.
"""

from __future__ import annotations

import json
import re
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


# ---- behaviours ---------------------------------------------------------------------------

@dataclass
class Reply:
    text: str | Callable[[dict], str] = ""
    chunk_words: int = 1
    delay: float = 0.0
    finish_reason: str = "stop"
    kind: str = "any"  # "stream" | "complete" | "any"

    def render(self, body: dict) -> str:
        return self.text(body) if callable(self.text) else self.text


@dataclass
class Status:
    code: int
    message: str = "scripted failure"
    retry_after: float | None = None
    kind: str = "any"


@dataclass
class Hang:
    seconds: float
    kind: str = "any"


@dataclass
class Cut:
    text: str = "The answer was cut"
    clean: bool = False  # True: end the body properly, just without finish_reason and [DONE]
    kind: str = "any"


Behaviour = Reply | Status | Hang | Cut


def first_source_id(body: dict) -> str | None:
    """The first ``<source id="...">`` in a request's messages."""
    for message in body.get("messages", []):
        found = re.search(r'<source id="([^"]+)"', str(message.get("content", "")))
        if found:
            return found.group(1)
    return None


def cite_first_source(body: dict) -> str:
    """The default answer: two sentences, the first citing the prompt's first source."""
    source = first_source_id(body)
    cite = f" [{source}]" if source else ""
    return f"The sources settle this point{cite}. Weigh that before you vote."


@dataclass
class Seen:
    method: str
    path: str
    headers: dict[str, str]
    body: dict | None
    behaviour: str = ""
    disconnected: bool = False
    at: float = field(default_factory=time.monotonic)

    @property
    def stream(self) -> bool:
        return bool(self.body and self.body.get("stream"))


# ---- the server ---------------------------------------------------------------------------

class FakeOpenAI:
    def __init__(self, *, models: tuple[str, ...] = ("fake",), api_key: str | None = None):
        self.models = list(models)
        self.api_key = api_key
        self.default: Behaviour = Reply(cite_first_source)
        self.requests: list[Seen] = []
        self._queue: list[Behaviour] = []
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # ---- control ------------------------------------------------------------------------
    def start(self) -> "FakeOpenAI":
        handler = type("Handler", (_Handler,), {"fake": self})
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05},
                                        name="fake-openai", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None

    def __enter__(self) -> "FakeOpenAI":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    @property
    def port(self) -> int:
        assert self._httpd is not None, "start() the server first"
        return self._httpd.server_address[1]

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def push(self, *behaviours: Behaviour) -> "FakeOpenAI":
        """Queue behaviours for the next chat requests (see the module docstring)."""
        with self._lock:
            self._queue.extend(behaviours)
        return self

    @property
    def pending(self) -> list[Behaviour]:
        with self._lock:
            return list(self._queue)

    def chat_requests(self, *, stream: bool | None = None) -> list[Seen]:
        """The chat completion requests so far, optionally only streamed or only whole ones."""
        with self._lock:
            seen = [r for r in self.requests if r.path.endswith("/chat/completions")]
        return [r for r in seen if stream is None or r.stream == stream]

    def wait_for(self, predicate: Callable[[], bool], timeout: float = 3.0) -> bool:
        """Poll ``predicate`` until it holds (the server works in other threads)."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if predicate():
                return True
            time.sleep(0.02)
        return predicate()

    # ---- used by the handler ------------------------------------------------------------
    def _record(self, seen: Seen) -> None:
        with self._lock:
            self.requests.append(seen)

    def _next(self, stream: bool) -> Behaviour:
        wanted = "stream" if stream else "complete"
        with self._lock:
            for i, behaviour in enumerate(self._queue):
                if behaviour.kind in ("any", wanted):
                    return self._queue.pop(i)
        return self.default


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    fake: FakeOpenAI

    def log_message(self, format, *args) -> None:  # keep test output clean
        pass

    def handle(self) -> None:
        try:
            super().handle()
        except ConnectionError:  # the client hung up on a kept-alive connection
            pass

    # ---- routing ------------------------------------------------------------------------
    def do_GET(self) -> None:
        seen = self._seen(None)
        if not self._authorised(seen):
            return
        if self.path.partition("?")[0].rstrip("/").endswith("/models"):
            data = [{"id": m, "object": "model", "created": 0, "owned_by": "fake"} for m in self.fake.models]
            self._json(200, {"object": "list", "data": data})
        else:
            self._json(404, _error(f"no route for GET {self.path}", "not_found"))

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        try:
            body = json.loads(raw or b"{}")
        except ValueError:
            body = {"_raw": raw.decode("utf-8", "replace")}
        seen = self._seen(body)
        if not self._authorised(seen):
            return
        if not self.path.partition("?")[0].rstrip("/").endswith("/chat/completions"):
            self._json(404, _error(f"no route for POST {self.path}", "not_found"))
            return
        behaviour = self.fake._next(seen.stream)
        seen.behaviour = type(behaviour).__name__
        try:
            self._perform(behaviour, seen, body)
        except (BrokenPipeError, ConnectionResetError, ConnectionAbortedError):
            seen.disconnected = True
            self.close_connection = True

    def _seen(self, body: dict | None) -> Seen:
        seen = Seen(self.command, self.path, {k.lower(): v for k, v in self.headers.items()}, body)
        self.fake._record(seen)
        return seen

    def _authorised(self, seen: Seen) -> bool:
        wanted = self.fake.api_key
        given = seen.headers.get("authorization", "").removeprefix("Bearer ").strip()
        if wanted is None or given == wanted:
            return True
        seen.behaviour = "Unauthorised"
        self._json(401, _error(f"Incorrect API key provided: {given}. You can find your API key in your "
                               f"account settings.", "invalid_api_key"))
        return False

    # ---- behaviours ---------------------------------------------------------------------
    def _perform(self, behaviour: Behaviour, seen: Seen, body: dict) -> None:
        model = body.get("model", "fake")
        if isinstance(behaviour, Status):
            headers = {"Retry-After": f"{behaviour.retry_after:g}"} if behaviour.retry_after is not None else {}
            self._json(behaviour.code, _error(behaviour.message, f"http_{behaviour.code}"), headers)
        elif isinstance(behaviour, Hang):
            self.fake._stopping.wait(behaviour.seconds)
            self._json(504, _error("hung for too long", "timeout"))
        elif isinstance(behaviour, Cut):
            self._stream(model, behaviour.text, 1, 0.0, finish_reason=None, abrupt=not behaviour.clean)
        elif seen.stream:
            self._stream(model, behaviour.render(body), behaviour.chunk_words, behaviour.delay,
                         finish_reason=behaviour.finish_reason)
        else:
            text = behaviour.render(body)
            self._json(200, {"id": "chatcmpl-fake", "object": "chat.completion", "created": int(time.time()),
                             "model": model,
                             "choices": [{"index": 0, "message": {"role": "assistant", "content": text},
                                          "finish_reason": behaviour.finish_reason}],
                             "usage": {"prompt_tokens": 1, "completion_tokens": len(text.split()),
                                       "total_tokens": 1 + len(text.split())}})

    def _json(self, code: int, payload: dict, headers: dict | None = None) -> None:
        data = json.dumps(payload).encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)
        self.wfile.flush()

    def _stream(self, model: str, text: str, chunk_words: int, delay: float, *,
                finish_reason: str | None, abrupt: bool = False) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-cache")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        words = re.findall(r"\S+\s*", text)
        pieces = ["".join(words[i:i + max(chunk_words, 1)]) for i in range(0, len(words), max(chunk_words, 1))]
        self._event(_chunk(model, {"role": "assistant", "content": ""}))
        for piece in pieces:
            if self.fake._stopping.is_set():
                return
            self._event(_chunk(model, {"content": piece}))
            if delay:
                time.sleep(delay)
        if abrupt:  # drop the connection mid-body: no finish_reason, no terminating chunk
            self.close_connection = True
            self.connection.shutdown(socket.SHUT_RDWR)
            return
        if finish_reason is not None:
            self._event(_chunk(model, {}, finish_reason))
            self._event("[DONE]")
        self.wfile.write(b"0\r\n\r\n")
        self.wfile.flush()

    def _event(self, payload: dict | str) -> None:
        data = f"data: {payload if isinstance(payload, str) else json.dumps(payload)}\n\n".encode()
        self.wfile.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")
        self.wfile.flush()


def _chunk(model: str, delta: dict, finish_reason: str | None = None) -> dict:
    return {"id": "chatcmpl-fake", "object": "chat.completion.chunk", "created": int(time.time()),
            "model": model, "choices": [{"index": 0, "delta": delta, "finish_reason": finish_reason}]}


def _error(message: str, code: str) -> dict:
    return {"error": {"message": message, "type": "invalid_request_error", "param": None, "code": code}}
