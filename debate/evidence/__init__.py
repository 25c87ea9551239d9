"""The sources: passages to cite, and (in later modules) search and claim checking."""

from debate.evidence.corpus import Corpus, Passage, load_corpus, normalize

__all__ = ["Corpus", "Passage", "load_corpus", "normalize"]
