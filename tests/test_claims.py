"""A debate turn becomes atomic, checkable claims without citations or rhetoric."""

import pytest

from debate.evidence.claims import extract_claims, is_checkable


def test_citation_markers_are_stripped():
    assert extract_claims("Orbital Foods raised $40 million in 2021 [S001:3].") == [
        "Orbital Foods raised $40 million in 2021."]


def test_coordinated_scores_split_into_two_claims():
    claims = extract_claims("Kestrel scored 61 on the test, and Heron scored 48 on it [S003:2].")
    assert claims == ["Kestrel scored 61 on the test.", "Heron scored 48 on it."]


def test_lists_of_names_stay_one_claim():
    text = "The app ships to Lisbon, Porto, Braga and Faro next month."
    assert extract_claims(text) == [text]


@pytest.mark.parametrize("sentence", [
    "Isn't it obvious that Orbital Foods failed?",
    "I think my opponent is confused.",
    "We should all care about this.",
    "Frankly, this is a disaster for everyone.",
    "Think about it.",
])
def test_rhetoric_questions_and_opinions_are_dropped(sentence):
    assert not is_checkable(sentence)
    assert extract_claims(sentence) == []


@pytest.mark.parametrize("sentence", [
    "Orbital Foods opened its Lisbon office in 2019.",
    "The startup employs 240 people.",
    "Dana Ruiz became chief operating officer of Orbital Foods.",
])
def test_factual_sentences_are_checkable(sentence):
    assert is_checkable(sentence)


def test_lead_in_rhetoric_is_trimmed_from_a_fact():
    assert extract_claims("And remember, Orbital Foods raised $40 million.") == [
        "Orbital Foods raised $40 million."]
