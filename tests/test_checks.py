"""Each check of debate/evidence/checks on its own: a table of claim / evidence pairs, the
finding (label and reason code) or None. All sentences are made up for these tests."""

import pytest

from debate.evidence.analysis import analyze
from debate.evidence.checks import Pair, causal, correction, coverage, direction, presentation
from debate.evidence.kinds import Kind, read_claim, tag_sentence


def pair(claim: str, evidence: str, *, section: Kind | None = None, context: str = "", title: str = "",
         document: str = "") -> Pair:
    tag = tag_sentence(evidence, section=section)
    return Pair(claim, analyze(claim), read_claim(claim), evidence, analyze(evidence), (tag,),
                analyze(context).keys if context else set(), title, analyze(document).keys if document else set())


def outcome(finding):
    return None if finding is None else (finding.label, finding.code)


@pytest.mark.parametrize("claim, evidence, section, expected", [
    # plain fact on plain fact
    ("Harbor opened a plant in Tacoma.", "Harbor opened a plant in Tacoma.", None, None),
    # a scenario never certifies a plain fact; presented as a scenario it is backed
    ("Harbor hires 2,000 workers.", "Harbor hires 2,000 workers.", Kind.SCENARIO, ("unsupported", "scenario-only")),
    ("One scenario is that Harbor hires 2,000 workers.", "Harbor hires 2,000 workers.", Kind.SCENARIO, None),
    # someone else's statement is theirs; the same speaker named in the claim is fine
    ("Harbor cut 300 jobs.", "Harbor cut 300 jobs, the Tacoma Ledger reported.", None,
     ("unsupported", "attributed-to-other")),
    ("The Tacoma Ledger reported that Harbor cut 300 jobs.", "Harbor cut 300 jobs, the Tacoma Ledger reported.",
     None, None),
    ("Reuters reported that Harbor cut 300 jobs.", "Harbor cut 300 jobs, the Tacoma Ledger reported.", None,
     ("unsupported", "attributed-to-other")),
    ("Reuters reported that Harbor cut 300 jobs.", "Harbor cut 300 jobs.", None,
     ("unsupported", "unmatched-attribution")),
    # a company speaking of itself is the record of its own plans
    ("Harbor's arm lifts 35 kilograms.", "Harbor said its arm lifts 35 kilograms.", None, None),
    # a plan is no fact and no promise
    ("Harbor opened a plant in Ohio.", "Harbor plans to open a plant in Ohio.", None, ("unsupported", "hedge-mismatch")),
    ("Harbor promised to open a plant in Ohio.", "Harbor plans to open a plant in Ohio.", None,
     ("unsupported", "hedge-mismatch")),
    ("Harbor intends to open a plant in Ohio.", "Harbor plans to open a plant in Ohio.", None, None),
    # a hedge inside a reported clause does not hedge the sentence
    ("Voss published an essay alongside the launch.",
     "Voss published an essay alongside the launch arguing robots will replace cranes.", None, None),
    # an invented quote and a question are no evidence
    ("Robots are the new dockworkers.", '"Robots are the new dockworkers."', Kind.PASTICHE, ("unsupported", "pastiche")),
    ("Harbor will pay off.", "Will Harbor pay off?", None, ("unsupported", "question-only")),
])
def test_presentation(claim, evidence, section, expected):
    assert outcome(presentation.check(pair(claim, evidence, section=section))) == expected


def test_a_scenario_contradicts_nothing():
    found = presentation.check_contradiction(pair("Harbor never hires.", "Harbor hires 2,000 workers.",
                                                  section=Kind.SCENARIO))
    assert outcome(found) == ("unsupported", "scenario-only")
    assert presentation.check_contradiction(pair("Harbor never hires.", "Harbor hires 2,000 workers.")) is None


@pytest.mark.parametrize("claim, evidence, context, expected", [
    ("Harbor's lab is led by a former Boeing engineer.", "Harbor's lab is led by a former engineer.", "",
     ("unsupported", "unmatched")),
    ("Harbor's lab is led by a former Boeing engineer.", "Its lab is led by a former engineer.",
     "Harbor hired engineers from Boeing.", None),  # names may come from the passage
    ("Harbor has already opened a plant in Ohio.", "Harbor opened a plant in Ohio.", "", ("unsupported", "unmatched")),
    ("Harbor previously opened a plant in Ohio.", "Harbor already opened a plant in Ohio.", "", None),
    ("Harbor holds weekly hackathons.", "Harbor holds hackathons.", "", ("unsupported", "unmatched")),
    ("Harbor ships to Ray-Ban stores.", "Harbor ships to Ray Ban stores.", "", None),
])
def test_coverage(claim, evidence, context, expected):
    assert outcome(coverage.check(pair(claim, evidence, context=context))) == expected


def test_a_name_that_says_which_document_may_come_from_the_document():
    claim = "The quote in the Harbor Robotics explainer is labelled invented."
    evidence = "Invented quote, not a real quote."
    assert outcome(coverage.check(pair(claim, evidence))) == ("unsupported", "unmatched")
    assert coverage.check(pair(claim, evidence, document="Harbor Robotics opened a plant.")) is None
    # a name in the claim's statement itself still needs the evidence or its passage
    other = "The Harbor Robotics quote is labelled invented."
    assert outcome(coverage.check(pair(other, evidence, document="Harbor Robotics opened a plant."))) == \
        ("unsupported", "unmatched")


@pytest.mark.parametrize("claim, evidence, expected", [
    ("Harbor cut jobs because orders fell.", "Harbor cut jobs. Orders fell.", ("unsupported", "unmatched-cause")),
    ("Falling orders led Harbor to cut jobs.", "Falling orders prompted Harbor to cut jobs.", None),
    ("Harbor cut 300 jobs.", "Harbor cut 300 jobs.", None),
])
def test_causal(claim, evidence, expected):
    assert outcome(causal.check(pair(claim, evidence))) == expected


@pytest.mark.parametrize("claim, evidence, expected", [
    ("Harbor is shifting away from leased sites toward owned plants.",
     "Harbor is shifting away from owned plants toward leased sites.", ("contradicted", "direction-swap")),
    ("Harbor is shifting away from closed designs toward open designs.",
     "Harbor is shifting away from open designs toward closed designs.", ("contradicted", "direction-swap")),
    ("Harbor is shifting away from leased sites toward owned plants.",
     "Harbor is shifting away from leased sites toward owned plants.", None),
    ("The board prizes loyalty over skill.", "The board rewards skill over loyalty.", ("contradicted", "direction-swap")),
    ("The Gull arm beats rivals at parcel picking while lagging them in pallet lifting.",
     "The Gull arm excels in pallet lifting but trails rivals in parcel picking.", ("contradicted", "direction-swap")),
    ("The Gull arm excels in pallet lifting.", "The Gull arm excels in pallet lifting but trails rivals in parcel picking.",
     None),
])
def test_direction(claim, evidence, expected):
    assert outcome(direction.check(pair(claim, evidence))) == expected


@pytest.mark.parametrize("claim, evidence, expected", [
    ("It was Reuters, not the Ledger, that reported the cuts.", "The Ledger reported the cuts.",
     ("contradicted", "correction")),
    ("It was Reuters, not the Ledger, that reported the cuts.", "Reuters reported the cuts.", None),
    ("The cuts were reported not by the Ledger but by Reuters.", "The Ledger reported the cuts.",
     ("contradicted", "correction")),
    ("Harbor cut 300 jobs.", "The Ledger reported the cuts.", None),  # no correction in the claim
])
def test_correction(claim, evidence, expected):
    assert outcome(correction.check(pair(claim, evidence))) == expected


def test_spacy_is_not_loaded_for_help_or_a_corpus_load():
    """The pipeline costs seconds to load: --help and loading the sources (the TUI's first
    screen) must not pay it; the first check that reads a parse does."""
    import subprocess
    import sys

    script = (
        "import sys, contextlib, io\n"
        "from debate.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    try:\n        main(['--help'])\n    except SystemExit:\n        pass\n"
        "from debate.evidence import load_corpus\n"
        "from debate.resources import shipped\n"
        "corpus = load_corpus(shipped('seeds'))\n"
        "assert corpus.passages[0].sentences[0].kind\n"
        "print('spacy' in sys.modules)\n")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "False", result.stderr
