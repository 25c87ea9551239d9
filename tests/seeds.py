"""The bundled seed corpus, loaded once per test session: treat it as read-only.

Helpers that are not fixtures (``judge_helpers.transcript``, ``test_engine._debate``) call
``seed_corpus()``; tests take the ``seed_corpus`` fixture from conftest, which returns it.
"""

from functools import lru_cache

from debate.evidence import Corpus, load_corpus
from debate.resources import shipped


@lru_cache(maxsize=1)
def seed_corpus() -> Corpus:
    return load_corpus(shipped("seeds"))
