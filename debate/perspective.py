"""Perspectives: each persona's short, grounded take on a headline (`debate perspective`).

A take is one turn outside any debate: the persona gets the passages most relevant to the
headline and to its own angles, and answers in 80-150 words with ``[S<doc>:<n>]`` citations,
which are then checked against the sources. A historical persona's take always carries the
pastiche label, in every format (Markdown, JSON, HTML).
"""

from __future__ import annotations

import asyncio
import json
import time
import zlib
from dataclasses import asdict, dataclass, field

from debate.backends.base import Backend, Restart, TurnRequest
from debate.citations import citations_in
from debate.engine import close_stream, within_budget
from debate.errors import BackendError
from debate.evidence import Corpus, Passage
from debate.evidence.index import search_index
from debate.personas import Persona
from debate.prompts import Prompts
from debate.transcript import Citation

DEFAULT_WORDS = 150
EVIDENCE_PER_TAKE = 6


@dataclass
class Take:
    persona: dict  # Persona.to_record(): id, name, kind, description, label
    text: str
    label: str = ""  # the pastiche label of a historical persona, "" otherwise
    elapsed_s: float = 0.0
    truncated: bool = False
    citations: list[Citation] = field(default_factory=list)

    @property
    def words(self) -> int:
        return len(self.text.split())


@dataclass
class Perspectives:
    headline: str
    seeds: list[str]
    backend: dict
    takes: list[Take] = field(default_factory=list)

    def to_dict(self) -> dict:
        data = asdict(self)
        for take, record in zip(self.takes, data["takes"]):
            record["words"] = take.words
        return data


def evidence_for(corpus: Corpus, headline: str, persona: Persona, seed: int = 0) -> list[Passage]:
    """Passages relevant to the headline first, then to the persona's angles."""
    index = search_index(corpus)
    scores: dict[str, float] = {}
    for weight, query in ((1.0, headline), (0.5, " ".join(persona.angles))):
        for passage, score in index.passages(query, k=40):
            scores[passage.id] = scores.get(passage.id, 0.0) + weight * score
    salt = zlib.crc32(f"{seed}:{persona.id}".encode())
    ranked = sorted(scores, key=lambda pid: (-scores[pid], zlib.crc32(pid.encode()) ^ salt))
    return [corpus.by_id[pid] for pid in ranked[:EVIDENCE_PER_TAKE]]


def request_for(persona: Persona, headline: str, corpus: Corpus, *, prompts: Prompts,
                max_words: int = DEFAULT_WORDS, seed: int = 0) -> TurnRequest:
    evidence = evidence_for(corpus, headline, persona, seed)
    context = dict(headline=headline, motion=headline, side="pro", persona=persona,
                   evidence=evidence, max_words=max_words)
    messages = [
        {"role": "system", "content": prompts.render("system.j2", **context)},
        {"role": "user", "content": prompts.render("perspective.j2", **context)},
    ]
    return TurnRequest(messages=messages, motion=headline, side="pro", role="perspective", persona=persona,
                       corpus=corpus, evidence=evidence, max_words=max_words, seed=seed, headline=headline)


async def take(backend: Backend, request: TurnRequest, *, seconds: float) -> Take:
    """Stream one take within the word budget and the clock; check its citations."""
    started = time.monotonic()
    parts: list[str] = []
    truncated = False
    stream = backend.stream(request)
    try:
        async with asyncio.timeout(seconds):
            async for chunk in stream:
                if isinstance(chunk, Restart):  # a retried attempt: its text starts over
                    parts.clear()
                    continue
                fitted = within_budget("".join(parts), chunk, request.max_words)
                if fitted:
                    parts.append(fitted)
                if fitted != chunk:
                    truncated = True
                    break
    except TimeoutError:
        truncated = True
    finally:
        await close_stream(stream)
    text = "".join(parts).strip()
    if not text:
        raise BackendError(f"{request.persona.name} gave an empty take")
    persona = request.persona
    return Take(persona=persona.to_record(), text=text, label=persona.label,
                elapsed_s=round(time.monotonic() - started, 2), truncated=truncated,
                citations=citations_in(text, request.corpus))


async def perspectives(personas: list[Persona], headline: str, corpus: Corpus, backend: Backend, *,
                       prompts: Prompts, backend_record: dict, max_words: int = DEFAULT_WORDS,
                       seconds: float = 90.0, seed: int = 0) -> Perspectives:
    """Every persona's take on ``headline``, asked at once, in the order given."""
    requests = [request_for(p, headline, corpus, prompts=prompts, max_words=max_words, seed=seed)
                for p in personas]
    takes = await asyncio.gather(*(take(backend, r, seconds=seconds) for r in requests))
    return Perspectives(headline=headline, seeds=corpus.files, backend=backend_record, takes=list(takes))


# ---- views -----------------------------------------------------------------------------------

def markdown(result: Perspectives) -> str:
    model = f" ({result.backend['model']})" if result.backend.get("model") else ""
    out = [f"# Perspectives: {result.headline}", "",
           f"Backend: {result.backend['name']}{model} · Sources: {', '.join(result.seeds)}"]
    for t in result.takes:
        out += ["", f"## {t.persona['name']}"]
        if t.label:
            out.append(f"*{t.label}*")
        out += ["", t.text]
        if t.citations:
            marks = "; ".join(f"{c.passage} {'✓' if c.verified else '✗'} {c.match}" for c in t.citations)
            out += ["", f"<sub>Citations: {marks}</sub>"]
    return "\n".join(out).rstrip() + "\n"


def render(result: Perspectives, fmt: str) -> str:
    if fmt == "json":
        return json.dumps(result.to_dict(), indent=2, ensure_ascii=False) + "\n"
    if fmt == "markdown":
        return markdown(result)
    from debate.render import view

    return view("perspective.html.j2", r=result)

