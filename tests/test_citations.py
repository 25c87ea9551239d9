"""Citation markers are parsed from any backend's text and checked against the passages."""

import pytest

from debate.citations import check_quote, cited_sentences, citations_in, strip_markers
from debate.evidence import load_corpus

PASSAGE = ("The council voted 7 to 2 on Tuesday to publish its transit data under an open licence, "
           "ending a decade of closed contracts with private vendors.")


@pytest.fixture
def corpus(tmp_path):
    (tmp_path / "01_city.txt").write_text(f"City Data\n\n{PASSAGE}\n", encoding="utf-8")
    return load_corpus(tmp_path)


@pytest.mark.parametrize("text, ids", [
    ("The council voted [S01:1].", ["S01:1"]),
    ("The council voted. [S01:1]", ["S01:1"]),
    ("Both say so [S01:1, S02:3].", ["S01:1", "S02:3"]),
    ("Both say so [S01:1; S02:3][S04:2].", ["S01:1", "S02:3", "S04:2"]),
    ("No citation here.", []),
])
def test_markers_are_found_wherever_they_sit(text, ids):
    assert cited_sentences(text)[0].passages == ids


def test_markers_are_stripped_from_the_sentence():
    assert strip_markers("It rose [S01:1]. Then [S02:2] fell.") == "It rose. Then fell."


@pytest.mark.parametrize("quote, match", [
    ("voted 7 to 2 on Tuesday to publish its transit data", "exact"),
    ("voted 7 to 2 on Tuesday to publish its transit data".upper(), "exact"),
    ("ending a decade of closed contracts with privat vendors", "near"),
    ("the mayor vetoed the transit plan on Friday", "none"),
])
def test_quotes_match_exact_near_or_not_at_all(quote, match):
    assert check_quote(quote, PASSAGE)[0] == match


def test_curly_quotes_and_dashes_fold_before_matching():
    assert check_quote("it’s “open” — really", 'He said it\'s "open" - really.')[0] == "exact"


def test_quoted_words_are_what_a_citation_is_checked_on(corpus):
    [citation] = citations_in('As reported, "voted 7 to 2 on Tuesday to publish its transit data" [S01:1].', corpus)
    assert (citation.passage, citation.match, citation.verified) == ("S01:1", "exact", True)
    assert citation.quote == "voted 7 to 2 on Tuesday to publish its transit data"


def test_misquoted_citation_is_not_verified(corpus):
    [citation] = citations_in('The record says "the council rejected the open licence" [S01:1].', corpus)
    assert citation.match == "none" and not citation.verified


def test_unknown_passage_is_not_verified(corpus):
    [citation] = citations_in("The council voted 7 to 2 [S09:4].", corpus)
    assert citation.passage == "S09:4" and not citation.verified


@pytest.mark.parametrize("text, ids, stripped", [
    ("Meta paid $14.3 billion [S002:13].", ["S002:13"], "Meta paid $14.3 billion."),
    ("Two sources agree [S002:4, S003:1; S1:2] here.", ["S002:4", "S003:1", "S1:2"], "Two sources agree here."),
    ("A model wrote (S002:4) instead.", ["S002:4"], "A model wrote instead."),
    ("A footnote [3] and a bracket [sic] are not sources.", [], "A footnote [3] and a bracket [sic] are not sources."),
])
def test_one_marker_grammar_finds_and_strips_citations(text, ids, stripped):
    from debate.citations import MARKER, PASSAGE_ID, strip_markers

    assert [pid for m in MARKER.finditer(text) for pid in PASSAGE_ID.findall(m.group(1))] == ids
    assert strip_markers(text) == stripped
    assert strip_markers(text, footnotes=True) == stripped.replace(" [3]", "")
