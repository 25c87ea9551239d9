"""The search index: figures joined to their labels, BM25 ranking, the on-disk cache."""

import pytest

from debate.evidence import index as index_module
from debate.evidence.analysis import analyze, joined
from debate.evidence.corpus import load_corpus
from debate.evidence.index import SearchIndex
from debate.locations import cache_dir

FACTS = """Harbor Robotics fact box

Key numbers

42.8%
Share of parcels picked by the arm in the pilot, up from a third last year.
12
Warehouses that run the arm, all of them in Ohio.

Harbor Robotics makes warehouse arms. Its arm does not lift pallets.
"""

OTHER = """Ferro Mills

Ferro Mills makes steel beams in Pittsburgh. The mill employs 300 people.
"""


@pytest.fixture
def corpus(tmp_path, monkeypatch):
    monkeypatch.setenv("DEBATE_CACHE_DIR", str(tmp_path / "cache"))
    folder = tmp_path / "sources"
    folder.mkdir()
    (folder / "001_harbor.txt").write_text(FACTS, encoding="utf-8")
    (folder / "002_ferro.txt").write_text(OTHER, encoding="utf-8")
    return load_corpus(folder)


def test_a_stand_alone_figure_is_one_sentence_with_its_label(corpus):
    texts = [s.text for s in SearchIndex(corpus).sentences]
    assert "42.8% Share of parcels picked by the arm in the pilot, up from a third last year." in texts
    assert not any(t in ("42.8%", "12") for t in texts)


def test_bm25_ranks_the_matching_sentence_and_passage_first(corpus):
    index = SearchIndex(corpus)
    (best, score), *_ = index.sentences_for("How many people does the steel mill employ?", k=3)
    assert best.text == "The mill employs 300 people." and score > 0
    assert index.passages("steel beams Pittsburgh", k=1)[0][0].doc == "002"
    assert index.sentences_for("zebra", k=3) == [] and index.passages("", k=3) == []
    assert index.document_frequency("arm") == 4 and index.document_frequency("zebra") == 0


def test_the_index_is_cached_on_disk_by_corpus_content(corpus, monkeypatch):
    first = SearchIndex(corpus)
    assert list(cache_dir().glob(f"{corpus.fingerprint}*"))
    monkeypatch.setattr(index_module, "_build", lambda c: pytest.fail("rebuilt despite the cache"))
    again = SearchIndex(corpus)
    assert [s.text for s in again.sentences] == [s.text for s in first.sentences]
    assert again.sentence_hits("steel mill", 2) == first.sentence_hits("steel mill", 2)


def test_an_unwritable_or_corrupt_cache_is_ignored(corpus, tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("DEBATE_CACHE_DIR", str(blocker / "cache"))
    assert SearchIndex(corpus).sentences_for("steel", 1)
    monkeypatch.setenv("DEBATE_CACHE_DIR", str(tmp_path / "cache2"))
    cache_dir().mkdir()
    (cache_dir() / f"{corpus.fingerprint}.v{index_module.CACHE_VERSION}.pickle").write_bytes(b"garbage")
    assert SearchIndex(corpus).sentences_for("steel", 1)


def test_two_sentences_are_analysed_as_one_text():
    first, second = "The arm does not lift pallets.", "It picked 42.8% of parcels, Harbor Robotics said."
    whole, parts = analyze(f"{first} {second}"), joined(analyze(first), analyze(second))
    assert [(t.key, t.start, t.negated) for t in parts.tokens] == [(t.key, t.start, t.negated) for t in whole.tokens]
    assert [(q.value, q.start) for q in parts.quantities] == [(q.value, q.start) for q in whole.quantities]
    assert parts.clause_of == whole.clause_of and parts.names == whole.names
