"""The search index: figures joined to their labels, BM25 ranking, the on-disk cache."""

import pytest

from debate.evidence import index as index_module
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
    (cache_dir() / f"{corpus.fingerprint}.v{index_module.CACHE_VERSION}.npz").write_bytes(b"garbage")
    assert SearchIndex(corpus).sentences_for("steel", 1)


class _Plant:
    """Unpickling this writes a marker file: what a planted cache would do if it were loaded."""

    def __init__(self, marker):
        self.marker = str(marker)

    def __reduce__(self):
        return (open, (self.marker, "w"))


def test_a_planted_pickle_in_the_cache_runs_no_code(corpus, tmp_path):
    import pickle

    import numpy as np

    marker = tmp_path / "ran"
    cache_dir().mkdir(parents=True)
    path = index_module._cache_file(corpus)  # exactly where the index looks
    path.write_bytes(pickle.dumps(_Plant(marker)))
    assert SearchIndex(corpus).sentences_for("steel", 1) and not marker.exists()
    # a well-formed archive holding a pickled object array is refused too
    with open(path, "wb") as file:
        np.savez(file, fingerprint=np.array([_Plant(marker)], dtype=object))
    assert SearchIndex(corpus).sentences_for("steel", 1) and not marker.exists()


def test_the_cache_file_is_private_and_checked_by_hash(corpus, monkeypatch):
    import numpy as np

    SearchIndex(corpus)
    (path,) = cache_dir().glob("*.npz")
    assert path.stat().st_mode & 0o777 == 0o600
    with np.load(path, allow_pickle=False) as data:
        arrays = {name: data[name] for name in data.files}
    arrays["passage_index.weights"] = arrays["passage_index.weights"] * 2  # tampered, hash left as it was
    with open(path, "wb") as file:
        np.savez(file, **arrays)
    rebuilt = []
    real_build = index_module._build
    monkeypatch.setattr(index_module, "_build", lambda c: rebuilt.append(1) or real_build(c))
    SearchIndex(corpus)
    assert rebuilt == [1]


def test_the_cache_folder_is_bounded(corpus, tmp_path, monkeypatch):
    import os

    SearchIndex(corpus)
    (path,) = cache_dir().glob("*.npz")
    size = path.stat().st_size
    path.unlink()
    old = cache_dir() / "0000000000000000.v2.npz"
    old.write_bytes(b"x" * 5000)
    os.utime(old, (1, 1))
    monkeypatch.setattr(index_module, "CACHE_BYTES", size + 100)
    SearchIndex(corpus)
    assert not old.exists() and path.exists()  # the oldest made room
    monkeypatch.setattr(index_module, "CACHE_BYTES", 10)
    monkeypatch.setenv("DEBATE_CACHE_DIR", str(tmp_path / "tiny"))
    SearchIndex(corpus)
    assert not list(cache_dir().glob("*.npz"))  # one index over the bound is not written at all
