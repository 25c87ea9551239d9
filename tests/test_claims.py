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


@pytest.mark.parametrize("turn, claim", [
    ('The filing, which is far more careful than the blog, says: "Orbital Foods opened a Lisbon office '
     'in 2019" [S001:2].', "Orbital Foods opened a Lisbon office in 2019."),
    ('Per the reporting, "the startup employs about 240 people in Lisbon" [S001:3].',
     "The startup employs about 240 people in Lisbon."),
    ("As the trade press put it, “Kestrel scored 61 on the crisp test.” [S003:2]",
     "Kestrel scored 61 on the crisp test."),
    ('The source says: "Heron raised $9 million" [S002:1].', "Heron raised $9 million."),
])
def test_a_quotation_that_is_the_only_fact_becomes_the_claim(turn, claim):
    assert extract_claims(turn) == [claim]


def test_a_quotation_cut_into_sentences_keeps_each_sentence_without_quote_marks():
    turn = 'Per the reporting, "Orbital Foods opened a Lisbon office in 2019. It hired 30 people there." [S001:2]'
    assert extract_claims(turn) == ["Orbital Foods opened a Lisbon office in 2019.", "It hired 30 people there."]


@pytest.mark.parametrize("turn", [
    'Dana Ruiz said in 2021 that "the office will employ forty people by the end of the year".',
    'Orbital Foods calls its crisps "the best snack on the market" in its 2022 report.',
])
def test_a_sentence_with_facts_outside_its_quotation_stays_whole(turn):
    assert extract_claims(turn) == [turn]


def test_a_claim_splits_into_atomic_parts_and_the_work_is_bounded():
    from debate.evidence.claims import MAX_PART_WORDS, MAX_PARTS, atomic_parts

    assert atomic_parts("Kestrel scored 61 on the test, while Heron scored 48 on it.") == [
        "Kestrel scored 61 on the test.", "Heron scored 48 on it."]
    assert atomic_parts("Kestrel scored 61 on the test.") == ["Kestrel scored 61 on the test."]
    huge = "word " * 200_000  # a 1 MB line with no sentence break
    parts = atomic_parts(huge)
    assert len(parts) == MAX_PARTS + 1 and all(len(p.split()) <= MAX_PART_WORDS for p in parts)


# A turn as a real model wrote it (tests/fixtures copy of shared/fixtures/real-model/necessity.json,
# round 1, con), citations still in place.
REAL_TURN = (
    "As a solo developer shipping products on top of whatever models are available and affordable, I believe "
    "that proprietary AI is now a competitive necessity for Meta. Here are my two strongest points:\n\n"
    "**Point 1:** Meta's advantage is distribution to billions of users, which does not require closed weights.\n\n"
    "According to [S001:7] and [S002:19], Meta's long-term risk of losing technological momentum is due to the "
    "fact that if OpenAI, Google, Anthropic, Microsoft, and others keep moving faster, Meta could fall behind in "
    "perception and adoption.\n\n"
    "### Fictional AI pastiche — not a real quote\n\n"
    "- Ultimately, proprietary AI is now a competitive necessity for Meta, and it will be the key to its position.\n"
    "- [S002:15] states that Meta cut approximately 600 positions.\n\n"
    "The future of the Meta AI Model is not clear, and developers need to be")


def test_real_model_debris_is_not_claimed():
    claims = extract_claims(REAL_TURN, motion="Proprietary AI is now a competitive necessity for Meta")
    assert claims == [
        "Meta's advantage is distribution to billions of users, which does not require closed weights.",
        "Meta's long-term risk of losing technological momentum is due to the fact that if OpenAI, Google, "
        "Anthropic, Microsoft, and others keep moving faster, Meta could fall behind in perception and adoption.",
        "Meta cut approximately 600 positions.",
    ]


@pytest.mark.parametrize("sentence", [
    "Here are my two strongest points:",  # a list lead-in
    "The future of the Meta AI Model is not clear, and developers need to be",  # cut mid-sentence
    "Fictional AI pastiche — not a real quote",  # the persona's label
    "**Fictional AI pastiche — not a real quote.**",
])
def test_lead_ins_fragments_and_labels_are_not_claims(sentence):
    assert extract_claims(sentence) == []


def test_the_motion_restated_is_an_opinion_not_a_claim():
    motion = "Proprietary recipes are a competitive necessity for Orbital Foods"
    restated = "Ultimately, proprietary recipes are a competitive necessity for Orbital Foods."
    assert extract_claims(restated) == [restated]  # without the motion it reads as a claim
    assert extract_claims(restated, motion=motion) == []
    assert extract_claims("Orbital Foods opened a plant in Ohio in 2021.", motion="Kestrel Air is safe") == [
        "Orbital Foods opened a plant in Ohio in 2021."]
