"""The verifier's verdicts on small made-up corpora, one check per behaviour."""

import pytest

from debate.evidence.corpus import load_corpus
from debate.evidence.verifier import Check, Verifier, verifier_for

ORBITAL = """Orbital Foods expands to Portugal

Orbital Foods, the plant-based snack maker, opened its Lisbon office on March 3, 2021, a Wednesday. The company was founded in 2016 by Dana Ruiz, who serves as chief executive officer.

In its latest funding round Orbital Foods raised $40 million at a $310 million valuation, led by Harbor Ventures. The startup employs about 240 people.

In a taste test of vegan crisps, Orbital Foods scored 61, Crunchwell scored 55 and Leafly 47. Orbital Foods ranked first in the test.

The company keeps its recipes proprietary and does not license them to rivals. Sales grew fivefold over three years.
"""

NEBULA = """Nebula Robotics launches warehouse arm

Nebula Robotics unveiled the Atlas-7 arm in Munich. The arm excels at picking small parcels but struggles with heavy pallets.

Nebula Robotics was acquired by Kimura Holdings in 2023 for $1.2 billion. Priya Nandi is the company's chief technology officer.

The Atlas-7 launch drew controversy over safety testing.
"""


@pytest.fixture(scope="module", autouse=True)
def _index_cache(tmp_path_factory):
    """Indexes built here are cached in a temp dir, not the user's cache dir."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DEBATE_CACHE_DIR", str(tmp_path_factory.mktemp("index-cache")))
        yield


@pytest.fixture(scope="module")
def verifier(tmp_path_factory):
    folder = tmp_path_factory.mktemp("sources")
    (folder / "001_orbital.txt").write_text(ORBITAL, encoding="utf-8")
    (folder / "002_nebula.txt").write_text(NEBULA, encoding="utf-8")
    return Verifier(load_corpus(folder))


@pytest.mark.parametrize("claim", [
    "Orbital Foods opened its Lisbon office on March 3, 2021.",
    "Orbital Foods raised $40 million.",
    "Orbital Foods was founded in 2016 by Dana Ruiz.",
    "Nebula Robotics was acquired by Kimura Holdings in 2023 for $1.2 billion.",
    "Orbital Foods scored 61 in the taste test.",
    "Crunchwell scored 55 in the taste test.",
    "Orbital Foods ranked first in the taste test.",
    "Orbital Foods employs roughly 240 people.",
    "Orbital Foods sales grew five times over three years.",
    "The Atlas-7 arm excels at picking small parcels.",
])
def test_stated_facts_are_supported(verifier, claim):
    check = verifier.check(claim)
    assert check.label == "supported", check


def test_verbatim_clause_of_a_source_sentence_is_supported(verifier):
    check = verifier.check("Nebula Robotics unveiled the Atlas-7 arm in Munich [S002:1].", cited=["S002:1"])
    assert check.label == "supported"
    assert check.evidence[0].passage == "S002:1"


@pytest.mark.parametrize("claim, reason", [
    ("Orbital Foods opened its Lisbon office on March 13, 2021.", "number-mismatch"),
    ("Orbital Foods was founded in 2014 by Dana Ruiz.", "number-mismatch"),
    ("Orbital Foods raised $40 billion.", "number-mismatch"),
    ("Orbital Foods raised $40 million at a $130 million valuation.", "number-mismatch"),
    ("Nebula Robotics was acquired by Kimura Holdings in 2023 for $2.1 billion.", "number-mismatch"),
    ("Orbital Foods ranked third in the taste test.", "number-mismatch"),
])
def test_wrong_numbers_and_dates_are_contradicted(verifier, claim, reason):
    check = verifier.check(claim)
    assert check.label == "contradicted", check
    assert check.reason.startswith(reason)


def test_a_neighbours_number_is_not_the_subjects(verifier):
    # 55 is in the sentence, but it is Crunchwell's score, not Leafly's
    check = verifier.check("Leafly scored 55 in the taste test.")
    assert check.label == "contradicted", check


@pytest.mark.parametrize("claim", [
    "Priya Nandi is the company's chief financial officer.",
    "Nebula Robotics unveiled the Atlas-7 arm in Paris.",
])
def test_swapped_roles_and_places_are_contradicted(verifier, claim):
    assert verifier.check(claim).label == "contradicted"


@pytest.mark.parametrize("claim", [
    "Orbital Foods keeps its recipes open.",
    "The Atlas-7 arm excels at heavy pallets.",
    "The launch of the Atlas-7 arm drew no controversy.",
])
def test_opposites_and_negations_are_contradicted(verifier, claim):
    assert verifier.check(claim).label == "contradicted", verifier.check(claim)


@pytest.mark.parametrize("claim", [
    "Orbital Foods plans to open an office in Madrid in 2026.",
    "Dana Ruiz was born in Toronto.",
    "Nebula Robotics has 900 employees.",
    "Orbital Foods is backed by Sequoia Capital.",
])
def test_facts_the_sources_do_not_state_are_unsupported(verifier, claim):
    assert verifier.check(claim).label == "unsupported", verifier.check(claim)


def test_denying_something_the_evidence_never_mentions_is_not_a_contradiction(verifier):
    # the source has the Atlas-7 controversy, but says nothing about firmware licensing
    check = verifier.check("There was no controversy over the Atlas-7 firmware licensing.")
    assert check.label == "unsupported", check


def test_check_serialises_to_the_documented_shape(verifier):
    data = verifier.check("Orbital Foods raised $40 million [S001:2].").to_dict()
    assert set(data) == {"claim", "label", "score", "evidence", "reason"}
    assert set(data["evidence"][0]) == {"passage", "text"}


def test_empty_claim_is_unsupported(verifier):
    assert verifier.check("[S001:1]").label == "unsupported"


def test_verifier_is_reused_per_corpus(verifier):
    assert verifier_for(verifier.corpus) is verifier_for(verifier.corpus)


def test_shipped_seeds_in_own_words():
    from debate.resources import shipped
    v = verifier_for(load_corpus(shipped("seeds")))
    assert v.check("Meta invested $14.3 billion in Scale AI.").label == "supported"
    assert v.check("Apple bought NeXT for $427 billion.").label == "contradicted"
    assert v.check("Muse Spark costs $9 per month.").label == "unsupported"
    assert isinstance(v.check("Muse Spark was released on April 8, 2026."), Check)


TRIAL = """Harbor Clinic asthma trial

The Harbor Clinic trial enrolled 400 adults with seasonal asthma. Daily inhaler use was associated with fewer emergency visits during the pollen season. Longer follow-up is needed to confirm lasting benefits.
"""


def _with_distractor(tmp_path_factory, name: str, text: str) -> Verifier:
    """A verifier over one made-up study and an unrelated document."""
    folder = tmp_path_factory.mktemp(name)
    (folder / f"001_{name}.txt").write_text(text, encoding="utf-8")
    (folder / "002_ferro.txt").write_text("Ferro Mills\n\nFerro Mills makes steel beams in Pittsburgh. "
                                          "The mill employs 300 people.\n", encoding="utf-8")
    return Verifier(load_corpus(folder))


@pytest.fixture(scope="module")
def trial(tmp_path_factory):
    return _with_distractor(tmp_path_factory, "trial", TRIAL)


def test_a_claim_naming_both_poles_is_not_an_opposite(trial):
    check = trial.check("The trial enrolled adults with severe, mild and seasonal asthma who used a daily inhaler.")
    assert check.label != "contradicted", check


def test_repeated_checks_return_equal_independent_results():
    from debate.evidence import load_corpus
    from debate.evidence.verifier import verifier_for
    from debate.resources import shipped

    verifier = verifier_for(load_corpus(shipped("seeds")))
    first = verifier.check("Meta released Llama 2 free for research and commercial use.")
    first.evidence.clear()  # a caller changing its copy must not change what others get
    again = verifier.check("Meta released Llama 2 free for research and commercial use.")
    assert again.label == first.label and again.evidence


COHORT = """Sleep and screen time in teenagers

The Lindqvist cohort followed 800 teenagers in Uppsala for two school years. Among heavy screen users, the rate of insomnia was roughly half that of light users. Evening reading was associated with higher grades in the final term, and whereas most pupils slept well, several reported severe fatigue.
"""


@pytest.fixture(scope="module")
def cohort(tmp_path_factory):
    return _with_distractor(tmp_path_factory, "cohort", COHORT)


@pytest.mark.parametrize("claim", [
    "In the Lindqvist cohort, grades of teenagers who did evening reading stayed flat in the final term.",
    "In the Lindqvist cohort, the final term grades of teenagers who did evening reading remained constant.",
])
def test_a_retelling_with_a_word_the_document_only_opposes_is_contradicted(cohort, claim):
    check = cohort.check(claim)
    assert (check.label, check.reason.split(":")[0]) == ("contradicted", "direction-swap"), check


def test_the_same_retelling_with_the_documents_word_is_supported(cohort):
    check = cohort.check("In the Lindqvist cohort, grades of teenagers who did evening reading were "
                         "higher in the final term.")
    assert check.label == "supported", check


def test_several_is_not_severe_and_whereas_is_not_a_name():
    from debate.evidence.analysis import analyze
    assert analyze("several cases").tokens[0].key != analyze("severe cases").tokens[0].key
    assert not analyze("Whereas most pupils slept well.").tokens[0].name


KESTREL = """Kestrel Air timeline

On May 12, 2019, Kestrel Air opened its first route to Oslo. Kestrel Air's purchase by Norland Group in 2022 ended the airline's fare war.
"""


@pytest.fixture(scope="module")
def timeline(tmp_path_factory):
    folder = tmp_path_factory.mktemp("timeline")
    (folder / "001_kestrel.txt").write_text(KESTREL, encoding="utf-8")
    return Verifier(load_corpus(folder))


@pytest.mark.parametrize("claim, label", [
    # a date opening its sentence dates the clause after it
    ("Kestrel Air opened its first route to Oslo on May 14, 2019.", "contradicted"),
    ("In 2020, Kestrel Air opened its first route to Oslo.", "contradicted"),
    ("Kestrel Air opened its first route to Oslo in May 2019.", "supported"),
    # a plan is not undone by the date of what happened
    ("Kestrel Air will open its first route to Oslo in 2024.", "unsupported"),
    ("Kestrel Air plans to open its first route to Oslo in 2024.", "unsupported"),
    # the date belongs to the purchase, not to the fare war the sentence also mentions
    ("Kestrel Air's fare war ended in 2020.", "unsupported"),
    ("Norland Group bought Kestrel Air in 2021.", "contradicted"),
])
def test_a_date_dates_its_own_event(timeline, claim, label):
    check = timeline.check(claim)
    assert check.label == label, check
