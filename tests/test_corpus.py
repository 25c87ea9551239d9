"""Corpus splitting: stable ids, chrome and duplicates removed, offsets that point at the text."""

from pathlib import Path

import pytest

from debate.errors import UserError
from debate.evidence import load_corpus
from debate.evidence.corpus import short_doc_ids, split_sentences
from debate.resources import shipped

ARTICLE = """Harbour City Opens Its Data

Like 0
Sign Up

The city council of Harbour City voted 7 to 2 on Tuesday to publish its transit data under an open licence, ending a decade of closed contracts with private vendors.

Share on Facebook
Comments (0)

Officials said the first feeds will cover buses and ferries, with train data following in the spring once the vendor contract expires.

The city council of Harbour City voted 7 to 2 on Tuesday to publish its transit data under an open licence, ending a decade of closed contracts with private vendors.

What Comes Next

Developers at a local meetup said they had waited years for the feeds and planned to build trip planners, accessibility maps and a crowding forecast within weeks of the release.
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "01_harbour.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "02_other.md").write_text("A second article with one paragraph that says enough words to stand "
                                         "alone as a passage for citing in a debate about data.\n", encoding="utf-8")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF ignored")
    return tmp_path


def test_passage_ids_use_the_short_doc_prefix_and_count_from_one(folder):
    corpus = load_corpus(folder)
    assert [d.doc for d in corpus.documents] == ["01", "02"]
    assert [p.id for p in corpus.documents[0].passages][:2] == ["S01:1", "S01:2"]
    assert all(p.number == i for d in corpus.documents for i, p in enumerate(d.passages, 1))


def test_ids_are_stable_across_loads(folder):
    first = [(p.id, p.text) for p in load_corpus(folder).passages]
    assert first == [(p.id, p.text) for p in load_corpus(folder).passages]


def test_page_chrome_is_removed(folder):
    text = "\n".join(p.text for p in load_corpus(folder).passages)
    for chrome in ("Like 0", "Sign Up", "Comments (0)", "Share on Facebook"):
        assert chrome not in text


def test_exact_duplicate_paragraphs_are_kept_once(folder):
    text = "\n".join(p.text for p in load_corpus(folder).passages)
    assert text.count("voted 7 to 2 on Tuesday") == 1


def test_headings_stay_with_the_paragraph_they_introduce(folder):
    passage = next(p for p in load_corpus(folder).passages if "meetup" in p.text)
    assert passage.heading == "What Comes Next"
    assert passage.text.startswith("What Comes Next\n")


def test_offsets_point_at_the_passage_in_the_source_file(folder):
    corpus = load_corpus(folder)
    for document in corpus.documents:
        for passage in document.passages:
            span = document.text[passage.start:passage.end]
            last_line = passage.text.splitlines()[-1]
            assert last_line[:40] in span


def test_long_paragraphs_are_cut_at_sentence_boundaries(tmp_path):
    sentence = "The committee reviewed another long list of budget items in detail today. "
    (tmp_path / "a.txt").write_text("Title Here\n\n" + sentence * 40, encoding="utf-8")
    passages = load_corpus(tmp_path).passages
    assert len(passages) > 1
    assert all(len(p.text.split()) <= 150 for p in passages)
    assert all(p.text.rstrip().endswith(".") for p in passages)


def test_short_doc_ids_fall_back_to_stems_when_prefixes_collide():
    assert short_doc_ids(["000_a", "001_b"]) == {"000_a": "000", "001_b": "001"}
    assert short_doc_ids(["x_a", "x_b"]) == {"x_a": "x_a", "x_b": "x_b"}


def test_sentence_split_keeps_abbreviated_numbers_together():
    text = "Revenue rose 4.5 percent in 2025. Costs fell! Did margins grow? Yes."
    assert [text[s:e] for s, e in split_sentences(text)] == [
        "Revenue rose 4.5 percent in 2025.", "Costs fell!", "Did margins grow?", "Yes."]


@pytest.mark.parametrize("setup, message", [
    (lambda p: p / "missing", "sources folder not found"),
    (lambda p: p, "no .txt or .md source files"),
])
def test_bad_sources_folders_are_user_errors(tmp_path, setup, message):
    with pytest.raises(UserError, match=message):
        load_corpus(setup(tmp_path))


def test_bundled_seeds_split_into_citable_passages():
    corpus = load_corpus(shipped("seeds"))
    assert len(corpus.documents) == 5
    assert [d.doc for d in corpus.documents] == ["000", "001", "002", "003", "004"]
    texts = [p.text for p in corpus.passages]
    assert len(texts) == len(set(texts))
    assert not any("Like Like 0" in t or "Comments (0)" in t for t in texts)


def test_stand_alone_figures_are_kept_as_facts(tmp_path):
    (tmp_path / "a.txt").write_text("Key Numbers\n\n42.8%\nBenchmark score of the new model, reported at launch.\n52\n"
                                    "Index score, placing it fifth overall in the ranking.\n\n0 0\n", encoding="utf-8")
    text = load_corpus(tmp_path).passages[0].text
    assert "42.8%" in text and "\n52\n" in text
    assert "0 0" not in text
