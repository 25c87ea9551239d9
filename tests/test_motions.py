"""The bundled motions file loads and offers framings for both sides."""

from debate.motions import framing, load_motions
from debate.resources import shipped


def test_bundled_motions_have_framings_for_both_sides():
    motions = load_motions(shipped("seeds"))
    assert len(motions) >= 6
    assert all(m.pro and m.con for m in motions)


def test_framing_is_found_case_insensitively_and_empty_for_new_motions():
    motions = load_motions(shipped("seeds"))
    first = motions[0]
    assert framing(motions, first.motion.upper(), "con") == first.con
    assert framing(motions, "A motion nobody suggested", "pro") == ""
