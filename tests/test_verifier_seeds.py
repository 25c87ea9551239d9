"""Regression table: one-line factual claims about the shipped seed articles.

Written by reading the five seed articles (numbers, names, roles, rankings, dates,
polarity); each label was decided from the sources by hand. Roughly a third of the claims
are stated by the sources, a third swap one fact (a number, a name in a slot, a role, a
date, a polarity), and a third are plausible facts the sources never state.
"""

import pytest

from debate.evidence.corpus import load_corpus
from debate.evidence.verifier import verifier_for
from debate.resources import shipped

S, C, U = "supported", "contradicted", "unsupported"

PROBES = [
    # -- stated by the sources ------------------------------------------------------
    ("Meta's stake in Scale AI was 49%.", S),
    ("Muse Spark's HealthBench Hard score was 42.8%.", S),
    ("GPT-5.4 scored 57 on the Artificial Analysis Intelligence Index.", S),
    ("Claude Opus 4.6 scored 53 on the Artificial Analysis Intelligence Index.", S),
    ("Gemini 3.1 Pro has an Artificial Analysis Intelligence Index score of 57.", S),
    ("Muse Spark was code-named Avocado.", S),
    ("Meta released Muse Spark on April 8, 2026.", S),
    ("AMI Labs raised $1.03 billion.", S),
    ("AMI Labs is valued at $3.5 billion.", S),
    ("Yann LeCun left Meta after 12 years.", S),
    ("Layoffs at Superintelligence Labs cut about 600 jobs.", S),
    ("Nat Friedman was previously the CEO of GitHub.", S),
    ("Steve Jobs was fired by Apple's board in 1985.", S),
    ("IBM acquired HashiCorp for $5.4 billion.", S),
    ("The TBD Lab has roughly one hundred researchers.", S),
    ("Muse Spark trails competitors in complex coding tasks.", S),
    ("Llama 1 weights leaked online via 4chan.", S),
    ("Zuckerberg hired Yann LeCun to build FAIR.", S),
    ("Alexandr Wang joined Meta in June 2025.", S),
    ("Muse Spark is a proprietary model.", S),
    ("Nat Friedman co-leads Meta Superintelligence Labs with Wang.", S),
    ("LeCun left Meta to start AMI Labs.", S),
    # -- one fact swapped -----------------------------------------------------------
    ("Muse Spark is open source.", C),
    ("Meta hired Nat Friedman as its chief AI officer.", C),
    ("Yann LeCun left Meta to start Scale AI.", C),
    ("Claude Opus 4.6 scored 57 on the Artificial Analysis Intelligence Index.", C),
    ("Muse Spark is the first model built by OpenAI.", C),
    ("LeCun's new company is called OpenTofu.", C),
    ("The TBD Lab works from Meta's London office.", C),
    ("Meta acquired a 51% stake in Scale AI.", C),
    ("AMI Labs raised $3.1 billion in its seed round.", C),
    ("Yann LeCun left Meta after 20 years.", C),
    ("Layoffs at Superintelligence Labs cut about 6,000 jobs.", C),
    ("Muse Spark excels at complex coding tasks.", C),
    ("Meta released Muse Spark on April 18, 2026.", C),
    ("IBM acquired HashiCorp for $4.5 billion.", C),
    ("Nat Friedman is the former CEO of Microsoft.", C),
    ("Steve Jobs was fired by Apple's board in 1995.", C),
    ("The TBD Lab has approximately one thousand researchers.", C),
    ("Alexandr Wang joined Meta in June 2024.", C),
    ("Llama 4 Scout and Maverick launched on a Sunday.", C),
    ("HashiCorp switched from the Apache License to the Business Source License.", C),
    # -- plausible, but the sources never say ---------------------------------------
    ("Muse Spark has a context window of one million tokens.", U),
    ("AMI Labs is headquartered in Paris.", U),
    ("Alexandr Wang studied at MIT.", U),
    ("Muse Spark scored 88% on MMLU.", U),
    ("Meta plans to charge $30 per month for Muse Spark.", U),
    ("Muse Spark was trained on Nvidia H100 GPUs.", U),
    ("Christopher Holloway lives in Manchester.", U),
    ("Meta will release the Muse Spark weights in 2027.", U),
    ("HashiCorp was founded in 2012.", U),
    ("AMI Labs' seed round was led by Sequoia Capital.", U),
    ("Muse Spark supports 40 languages.", U),
    ("Meta's capital expenditure will reach $70 billion this year.", U),
    ("Daniel Gross joined Meta from Safe Superintelligence.", U),
    ("Muse Spark was trained in a data center in Ohio.", U),
    ("The Llama 4 team was led by Ahmad Al-Dahle.", U),
    ("Google DeepMind employs 6,000 people.", U),
    ("Mistral released an open-weight model in response to Muse Spark.", U),
    ("Muse Spark generates videos from text prompts.", U),
]

# Probes the verifier still gets wrong, with why (kept in the table so a fix shows up).
KNOWN = {
    "Muse Spark is the first model built by OpenAI.":
        "the sentence that fills the slot ('the first model built by its new Superintelligence Labs division') "
        "is not among the retrieved candidates",
    "LeCun's new company is called OpenTofu.":
        "no candidate states 'company' (or 'startup') next to LeCun and a rival name in one sentence",
    "Meta released Muse Spark on April 18, 2026.":
        "a date opening the sentence ('On April 8, 2026, Meta released ...') sits in its own clause and is not "
        "bound; binding it also contradicts future claims ('will release ... in 2027')",
    "The TBD Lab has approximately one thousand researchers.":
        "the researcher count is two sentences after the lab is named: the count's clause shares too little "
        "with the claim to bind",
    "Mistral released an open-weight model in response to Muse Spark.":
        "the whole-document fallback contradicts it by polarity (open-weight vs proprietary); raising the "
        "fallback's length floor costs check-covid 0.62 -> 0.49",
}


@pytest.fixture(scope="module")
def seeds_verifier(tmp_path_factory):
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DEBATE_CACHE_DIR", str(tmp_path_factory.mktemp("index-cache")))
        yield verifier_for(load_corpus(shipped("seeds")))


@pytest.mark.parametrize("claim,label", [
    pytest.param(claim, label, marks=pytest.mark.xfail(reason=KNOWN[claim], strict=True)) if claim in KNOWN
    else (claim, label) for claim, label in PROBES])
def test_seed_claims(seeds_verifier, claim, label):
    check = seeds_verifier.check(claim)
    assert check.label == label, check


def test_a_listed_score_binds_to_its_own_entity(seeds_verifier):
    check = seeds_verifier.check("Claude Opus 4.6 scored 57 on the Artificial Analysis Intelligence Index.")
    assert check.label == "contradicted" and "57 vs 53" in check.reason, check
