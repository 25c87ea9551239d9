"""Sentence kinds: each corpus sentence is tagged fact / attributed / scenario / ... at load."""

from pathlib import Path

import pytest

from debate.evidence import load_corpus
from debate.evidence.kinds import Hedge, Kind, hedges_compatible, read_claim, tag_sentence

# A made-up article with every kind of statement, laid out the way news explainers are.
ARTICLE = """Harbor Robotics Opens Its Second Plant

Harbor Robotics opened a second assembly plant in Tacoma on March 3, 2031, adding 420 jobs.

The plant builds the Gull warehouse arm, which lifts up to 35 kilograms.

Chief executive Mara Voss said the plant would double output by next spring.

According to the Tacoma Ledger, the city offered a tax break of $12 million.

Will the plant pay off?

Key figures

420
New jobs in Tacoma

Scenarios

1

Harbor becomes the region's largest employer

Discussed by: local economists who track the port

Harbor hires another 2,000 workers and overtakes the port as the largest employer in Tacoma.

2

Demand for warehouse arms collapses

Orders dry up and the Tacoma plant closes within two years of opening.

Background

Harbor Robotics was founded in 2019 by Mara Voss and Ilya Brandt.

Invented quote — not a real quote.

"Robots are the new dockworkers, and the dockworkers know it."

Harbor plans to open a third plant in Ohio.

Analysts could see the plant as a bet on automation.
"""


@pytest.fixture(scope="module")
def sentences(tmp_path_factory):
    folder: Path = tmp_path_factory.mktemp("kinds")
    (folder / "001_harbor.txt").write_text(ARTICLE)
    corpus = load_corpus(folder)
    return {s.text: s for p in corpus.passages for s in p.sentences}


@pytest.mark.parametrize("start, kind, attribution, hedge", [
    ("Harbor Robotics opened a second assembly plant", Kind.FACT, "", Hedge.NONE),
    ("The plant builds the Gull warehouse arm", Kind.FACT, "", Hedge.NONE),
    ("Chief executive Mara Voss said", Kind.ATTRIBUTED, "Chief executive Mara Voss", Hedge.POSSIBLE),
    ("According to the Tacoma Ledger", Kind.ATTRIBUTED, "the Tacoma Ledger", Hedge.NONE),
    ("Will the plant pay off?", Kind.QUESTION, "", Hedge.FUTURE),
    ("Key figures", Kind.HEADING, "", Hedge.NONE),
    ("420 New jobs in Tacoma", Kind.FACT, "", Hedge.NONE),  # a figure joined to its label
    ("1 Harbor becomes the region's largest employer", Kind.SCENARIO, "", Hedge.POSSIBLE),
    ("Harbor hires another 2,000 workers", Kind.SCENARIO, "", Hedge.POSSIBLE),  # plain words, scenario section
    ("Orders dry up and the Tacoma plant closes", Kind.SCENARIO, "", Hedge.POSSIBLE),
    ("Harbor Robotics was founded in 2019", Kind.FACT, "", Hedge.NONE),  # "Background" closed the section
    ("Invented quote", Kind.FACT, "", Hedge.NONE),  # the label itself is the document's statement
    ('"Robots are the new dockworkers', Kind.PASTICHE, "", Hedge.NONE),
    ("Harbor plans to open a third plant", Kind.FACT, "", Hedge.INTENT),
    ("Analysts could see the plant", Kind.ATTRIBUTED, "Analysts", Hedge.POSSIBLE),
])
def test_corpus_sentences_carry_their_kind(sentences, start, kind, attribution, hedge):
    found = [s for text, s in sentences.items() if text.startswith(start)]
    assert len(found) == 1, (start, list(sentences))
    tag = found[0].tag
    assert (tag.kind, tag.attribution, tag.hedge) == (kind, attribution, hedge)


def test_passage_kind_is_fact_when_any_sentence_is(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE)
    corpus = load_corpus(tmp_path)
    kinds = {p.kind for p in corpus.passages}
    assert Kind.FACT in kinds and Kind.SCENARIO in kinds


@pytest.mark.parametrize("claim, kind, attribution, hedge", [
    ("Harbor opened a plant in Tacoma.", Kind.FACT, "", Hedge.NONE),
    ("CNBC reported that Harbor opened a plant.", Kind.ATTRIBUTED, "CNBC", Hedge.NONE),
    ("Harbor opened a plant, Reuters said.", Kind.ATTRIBUTED, "Reuters", Hedge.NONE),
    ("One scenario the analysts sketch is that Harbor hires 2,000 workers.", Kind.SCENARIO, "", Hedge.POSSIBLE),
    ("Harbor has promised to open a plant in Ohio.", Kind.FACT, "", Hedge.PROMISE),
    ("Harbor intends to open a plant in Ohio.", Kind.FACT, "", Hedge.INTENT),
    ("Harbor will open a plant in Ohio.", Kind.FACT, "", Hedge.FUTURE),
    ("Is Harbor profitable?", Kind.QUESTION, "", Hedge.NONE),
    ("Harbor should open a plant in Ohio.", Kind.OPINION, "", Hedge.NONE),
])
def test_claims_are_read_with_the_same_cues(claim, kind, attribution, hedge):
    tag = read_claim(claim)
    assert (tag.kind, tag.attribution, tag.hedge) == (kind, attribution, hedge)


@pytest.mark.parametrize("claim, source, ok", [
    (Hedge.NONE, Hedge.NONE, True),
    (Hedge.NONE, Hedge.POSSIBLE, False),  # a scenario never certifies a plain fact
    (Hedge.NONE, Hedge.INTENT, False),
    (Hedge.POSSIBLE, Hedge.POSSIBLE, True),
    (Hedge.INTENT, Hedge.FUTURE, True),
    (Hedge.PROMISE, Hedge.INTENT, False),  # a plan is no promise
    (Hedge.PROMISE, Hedge.PROMISE, True),
])
def test_hedges_compatible(claim, source, ok):
    assert hedges_compatible(claim, source) is ok


def test_a_heading_in_a_scenario_section_is_a_scenario():
    assert tag_sentence("Harbor closes", section=Kind.SCENARIO, heading=True).kind == Kind.SCENARIO
    assert tag_sentence("Harbor closes", heading=True).kind == Kind.HEADING
