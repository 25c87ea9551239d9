"""Numbers written differently must compare equal; different numbers of one kind must not."""

import pytest

from debate.evidence.quantities import compare, parse_quantities


def one(text):
    found = parse_quantities(text)
    assert found, text
    return found[0]


@pytest.mark.parametrize("claim, source, expected", [
    ("raised $2.5B", "raised $2.5 billion", "agree"),
    ("raised 2.5 billion dollars", "raised $2.5 billion", "agree"),
    ("a 37.5% share", "a 37.5 percent share", "agree"),
    ("five times faster", "5x faster", "agree"),
    ("fivefold faster", "five times faster", "agree"),
    ("about a dozen engineers", "12 engineers", "agree"),
    ("a fifth of users", "20% of users", "agree"),
    ("roughly 300 staff", "310 staff", "agree"),
    ("over 70% of the market", "75% of the market", "agree"),
    ("nearly 40% of teams", "38% of teams", "agree"),
    ("on March 3, 2025", "on 3 March 2025", "agree"),
    ("in 2019", "on June 4, 2019", "agree"),
    ("on March 3, 2025", "on March 13, 2025", "conflict"),
    ("in 2012", "in 2009", "conflict"),
    ("a 18% stake", "a 81% stake", "conflict"),
    ("for $300 billion", "for $300 million", "conflict"),
    ("about 70 jobs", "about 700 jobs", "conflict"),
    ("ranked third", "ranked first", "conflict"),
    ("on a Tuesday", "on a Friday", "conflict"),
    ("three years", "seven years", "conflict"),
])
def test_quantity_forms_compare_by_value(claim, source, expected):
    assert compare(one(claim), one(source)) == expected


@pytest.mark.parametrize("claim, source", [
    ("40 engineers", "40 percent"),
    ("12 offices", "12 engineers"),
    ("$5 million", "5 million users"),
])
def test_different_kinds_are_not_compared(claim, source):
    assert compare(one(claim), one(source)) == "unknown"


@pytest.mark.parametrize("text", ["Qwen 3 Max beat GPT-4.1", "Falcon 2 Pro launched", "Phi-3 is small"])
def test_version_numbers_in_names_are_not_quantities(text):
    assert [q for q in parse_quantities(text) if q.kind == "count"] == []


def test_hedge_is_recorded():
    assert one("approximately 600 roles").hedge == "about"
    assert one("more than 600 roles").hedge == "above"


@pytest.mark.parametrize("claim, source, expected", [
    ("on April 8, 2030", "on April 8, 2026", "conflict"),
    ("on April 3, 2026", "on April 8, 2026", "conflict"),
    ("in April 2026", "on April 8, 2026", "agree"),
    ("in 2025", "on April 8, 2026", "conflict"),
    # the claim's year is more than the source says; nothing in common proves nothing
    ("on April 8, 2030", "the April 8 launch", "unknown"),
    ("in 2025", "the April 8 launch", "unknown"),
])
def test_dates_compare_on_the_parts_both_give(claim, source, expected):
    assert compare(one(claim), one(source)) == expected


@pytest.mark.parametrize("claim, source, expected", [
    ("within a month", "within a week", "conflict"),
    ("within a week", "within a week", "agree"),
    ("within a month", "within 30 days", "agree"),
    ("for over a month", "for 6 weeks", "agree"),
    ("after a year", "after 3 months", "conflict"),
    # orders of magnitude: a count compared with a vague one only when clearly off its order
    ("hundreds of thousands of downloads", "hundreds of millions of downloads", "conflict"),
    ("millions of users", "billions of users", "conflict"),
    ("billions of users", "billions of users", "agree"),
    ("a dozen researchers", "a hundred researchers", "conflict"),
    ("5,000 downloads", "hundreds of millions of downloads", "conflict"),
    ("300 million downloads", "hundreds of millions of downloads", "agree"),
    ("hundreds of millions of downloads", "300 million downloads", "unknown"),
    ("millions of users", "billions of engineers", "unknown"),
])
def test_word_only_durations_and_magnitudes_compare(claim, source, expected):
    assert compare(one(claim), one(source)) == expected


@pytest.mark.parametrize("text", ["a year later", "once a week", "a month's salary"])
def test_an_article_and_a_time_unit_alone_state_no_duration(text):
    assert [q for q in parse_quantities(text) if q.kind == "duration"] == []
