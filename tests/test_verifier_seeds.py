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
    # -- dates: the event's date, a date opening its sentence, a plan is not an event -------
    ("On April 8, 2030, Meta released Muse Spark — the first model built by its new Superintelligence Labs "
     "division — and kept it closed.", C),
    ("On April 3, 2026, Meta released Muse Spark — the first model built by its new Superintelligence Labs "
     "division — and kept it closed.", C),
    ("Meta released Muse Spark on April 3, 2026.", C),
    ("In April 2030, Meta launched its closed Muse Spark model, the first from its Superintelligence Labs unit.", C),
    ("Meta launched Muse Spark in May 2026.", C),
    ("Muse Spark was released in 2025.", C),
    ("Muse Spark launched in April 2026.", S),
    ("Muse Spark was released in 2026.", S),
    ("Wang joined Meta in June 2024.", C),
    ("Alexandr Wang joined Meta in 2025.", S),
    ("HashiCorp changed its license in August 2023.", S),
    ("HashiCorp switched licenses in 2021.", C),
    ("HashiCorp changed its license in August 2024.", C),
    ("IBM acquired HashiCorp in 2022.", C),
    ("IBM acquired HashiCorp in 2024.", S),
    ("Steve Jobs was fired in 1987.", C),
    ("Meta plans to release Muse Spark in 2027.", U),
    ("Meta will release Muse Spark on April 3, 2026.", U),
    ("Muse Spark is expected to launch in May 2026.", U),
    ("The HashiCorp license change happened in 2024.", U),
    # -- a wrong name in a slot: the right name's sentence must be found without it ----
    ("The TBD Lab is led by Nat Friedman.", C),
    ("Yann LeCun's startup is named Scale AI.", C),
    ("HashiCorp was acquired by Google.", C),
    ("Muse Spark was code-named Maverick.", C),
    ("Muse Spark was code-named Orion before launch.", C),
    ("AMI Labs raised the largest seed round in Asian history.", C),
    ("Meta Superintelligence Labs is led by Daniel Gross.", C),
    ("Apple's board fired Steve Jobs after a power struggle with CEO Tim Cook.", C),
    ("Meta acquired a 49% stake in OpenAI.", C),
    ("Zuckerberg hired Alexandr Wang to build FAIR.", C),
    ("Apple acquired OpenTofu for $427 million.", C),
    ("Muse Spark was developed by Anthropic.", C),
    ("HashiCorp is the maker of Android.", C),
    ("Muse Spark is the first model from Google DeepMind.", C),
    ("Yann LeCun founded NeXT.", C),
    ("LeCun's venture is called NeXT.", C),
    ("Jobs's company NeXT was acquired by Apple.", S),
    ("Muse Spark's predecessor was Gemini 3.1 Pro.", C),
    ("HashiCorp switched to the Mozilla Public License.", C),
    # the right name in the slot stays supported
    ("Muse Spark is the first model from Meta Superintelligence Labs.", S),
    ("The TBD Lab is led by Alexandr Wang.", S),
    ("LeCun's new company is called AMI Labs.", S),
    ("Muse Spark was developed by Meta.", S),
    ("Apple acquired NeXT for $427 million.", S),
    ("HashiCorp was acquired by IBM.", S),
    ("Steve Jobs founded NeXT.", S),
    ("Apple's board fired Steve Jobs after a power struggle with CEO John Sculley.", S),
    ("HashiCorp is the maker of Terraform.", S),
    ("Muse Spark's predecessor was Llama 4 Maverick.", S),
    # a slot the sources never fill stays unsupported
    ("OpenTofu is maintained by the Linux Foundation.", U),
    ("The TBD Lab was named after a Stanford course.", U),
    ("Scale AI is headquartered in San Francisco.", U),
    ("AMI Labs is led by Demis Hassabis.", U),
    ("Anthropic released Claude Opus 4.6 in February.", U),
    ("Nat Friedman invested in AMI Labs.", U),
    ("Daniel Gross previously led Apple's AI search team.", U),
    ("Nat Friedman previously led Google's AI research team.", U),
    ("Daniel Gross invested in Scale AI.", U),
    ("Alexandr Wang invested in AMI Labs.", U),
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
    # -- a second pass over facts the rows above leave untouched: timeline items, key indicators,
    # historical analogies, FAQ answers, author notes, version numbers within names -----------
    ('AMI Labs raised the largest seed round in European history.', S),
    ('LeCun confirmed in a Financial Times interview that Llama 4 benchmarks were fudged.', S),
    ("Meta's Llama 4 team used different model variants for different benchmarks.", S),
    ('AMI Labs is pursuing world models rather than large language models.', S),
    ('The MSL layoffs included FAIR researchers.', S),
    ('Meta acquired a 49% non-voting stake in Scale AI.', S),
    ('Meta spent $14.3 billion to recruit Alexandr Wang.', S),
    ("Alexandr Wang is Meta's first-ever chief AI officer.", S),
    ('Zuckerberg published his open source essay alongside the Llama 3.1 release.', S),
    ('Llama 2 was released free for research and commercial use.', S),
    ('Llama 1 weights leaked online within a week.', S),
    ("Meta's Llama models were downloaded hundreds of millions of times.", S),
    ("Meta's Llama models were downloaded tens of thousands of times.", C),
    ("Meta's open-weight platform attracted thousands of developers.", C),
    ('Muse Spark scored 52 on the Artificial Analysis Intelligence Index.', S),
    ('Muse Spark uses 10x less compute than Llama 4 Maverick.', S),
    ('Muse Spark will roll out to 3.9 billion Meta app users.', S),
    ('Google released Android as open source in 2008.', S),
    ('Android captured over 70% of the global smartphone market.', S),
    ("NeXT's work produced the operating system that became macOS.", S),
    ('Muse Spark was unveiled at the start of the second quarter.', S),
    ('Muse Spark is offered only through private-preview API access to selected partners.', S),
    ('The TBD Lab operates from a secure section of the Menlo Park headquarters.', S),
    ('Muse Spark excels in visual understanding.', S),
    ('Christopher Holloway is the founder of Progressive Robot.', S),
    ("OpenTofu is a community fork of HashiCorp's tools.", S),
    ('AMI Labs raised the largest seed round in American history.', C),
    ('LeCun confirmed in a Wall Street Journal interview that Llama 4 benchmarks were fudged.', C),
    ('Meta spent $41.3 billion to recruit Alexandr Wang.', C),
    ('Zuckerberg published his open source essay alongside the Llama 2 release.', C),
    ('Llama 1 weights leaked online within a month.', C),
    ('Muse Spark scored 55 on the Artificial Analysis Intelligence Index.', C),
    ('Muse Spark will roll out to 2.9 billion Meta app users.', C),
    ('Google released Android as open source in 2010.', C),
    ('Android captured over 90% of the global smartphone market.', C),
    ('Muse Spark was unveiled at the start of the third quarter.', C),
    ('Muse Spark trails competitors in visual understanding.', C),
    ('Christopher Holloway has more than three decades of experience.', C),
    ('Progressive Robot is a US-based technology company.', C),
    ("Meta's Llama series was downloaded hundreds of thousands of times.", C),
    ('The TBD Lab operates from a secure section of the Seattle headquarters.', C),
    ('Meta released Llama 3 free for research and commercial use.', C),
    ('Claude Opus 4.5 scored 53 on the Artificial Analysis Intelligence Index.', C),
    ('Llama 4 launched on a Saturday.', S),
    ('Andy Rubin led the Android project at Google.', U),
    ('Llama 2 was released in partnership with Microsoft.', U),
    ('OpenTofu is written in Go.', U),
    ('AMI Labs has 50 employees.', U),
    ("Meta's stock fell 5% after the Muse Spark launch.", U),
    ('Scale AI was founded in 2016.', U),
    ('Muse Spark scored 70% on SWE-bench Verified.', U),
    ('Meta charges $20 per million tokens for Muse Spark API access.', U),
    ('Progressive Robot is headquartered in London.', U),
    ('Apple paid for NeXT mostly in stock.', U),
    ('The TBD Lab is located in Building 20.', U),
    ("Zuckerberg's open source essay was published in the Financial Times.", U),
    # -- the wrong doer of the right act: the claim's subject is named elsewhere in the passage
    # (or the document), the deciding sentence has another name doing it --------------------
    ("Apple acquired HashiCorp.", C),
    ("Google acquired HashiCorp.", C),
    ("Meta acquired HashiCorp.", C),
    ("Google bought NeXT.", C),
    ("Meta acquired NeXT.", C),
    ("IBM acquired NeXT for $427 million.", C),
    ("Google acquired Scale AI.", C),
    ("IBM acquired Scale AI.", C),
    ("Meta released Android as open source in 2008.", C),
    ("Apple released Android as open source in 2008.", C),
    ("Google released Muse Spark on April 8, 2026.", C),
    ("Meta fired Steve Jobs in 1985.", C),
    ("Microsoft released Llama 2.", C),
    # the right doer stays supported
    ("IBM acquired HashiCorp.", S),
    ("IBM bought HashiCorp.", S),
    ("Apple bought NeXT.", S),
    ("Meta acquired a stake in Scale AI.", S),
    ("Apple fired Steve Jobs in 1985.", S),
    ("Meta released Llama 2.", S),
    ("Meta released Muse Spark on April 8, 2026.", S),
    # a slot of several doers: another hirer is no contradiction, but no support either
    ("Google hired Alexandr Wang.", U),
]

# Probes the verifier still gets wrong, with why (kept in the table so a fix shows up).
KNOWN = {
    "Muse Spark is the first model from Google DeepMind.":
        "the frame ('first ... from') is stop words: searched without the name, 'Muse Spark model' matches "
        "dozens of sentences and the one naming Meta Superintelligence Labs is not among the best two",
    "Muse Spark's predecessor was Gemini 3.1 Pro.":
        "the evidence says only 'than its predecessor' next to 'Llama 4 Maverick' in the label above; "
        "no slot is filled in the sentence itself",
    "HashiCorp moved away from the Mozilla Public License.":
        "'moved' is not folded with 'switched', so the predicate is not stated",
    "Meta is shifting toward its open-source Llama strategy.":
        "supported by 'a departure from ... open-source Llama releases ... pivot toward a closed-source "
        "ecosystem': 'departure from' / 'toward' direction is not compared across two clauses",
    "Google hired Alexandr Wang.":
        "'Meta acquires ... and hires its founder': the doer of a verb after 'and' is not carried over from "
        "the clause before, so the sentence seems to name no hirer and supports any",
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
