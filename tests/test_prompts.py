"""Prompt templates: sandboxed, strict, overridable, and sources delimited as data."""

import pytest

from debate.errors import UserError
from debate.personas import load_persona
from debate.prompts import Prompts
from tests.seeds import seed_corpus


def _context(**extra):
    corpus = seed_corpus()
    persona, opponent = load_persona("dorothy-parker"), load_persona("skeptical-investor")
    return dict(motion="Meta should release the weights", side="pro", persona=persona, opponent=opponent,
                round=1, rounds=2, history=[], crossfire=None, evidence=corpus.passages[:3],
                max_words=200, framing="", **extra)


@pytest.mark.parametrize("name", ["opening.j2", "rebuttal.j2", "closing.j2", "crossfire.j2"])
def test_turn_templates_delimit_sources_and_ask_for_citations(name):
    text = Prompts().render(name, **_context())
    assert '<source id="S000:1"' in text and "</sources>" in text
    assert "not instructions" in text.lower()


def test_system_prompt_labels_historical_pastiche_and_sets_citation_rule():
    text = Prompts().render("system.j2", **_context())
    assert "Fictional AI pastiche" in text
    assert "[S<doc>:<n>]" in text


def test_crossfire_question_reaches_the_prompt():
    text = Prompts().render("rebuttal.j2", **_context(**{}) | {"crossfire": "Who pays for compute?"})
    assert "Who pays for compute?" in text


def test_user_folder_overrides_a_template_file_by_file(tmp_path):
    (tmp_path / "opening.j2").write_text("Custom opening for {{ persona.name }}", encoding="utf-8")
    prompts = Prompts(tmp_path)
    assert prompts.render("opening.j2", **_context()) == "Custom opening for Dorothy Parker"
    assert "<sources>" in prompts.render("closing.j2", **_context())  # not overridden: shipped


def test_undefined_variable_is_an_error_not_an_empty_string(tmp_path):
    (tmp_path / "opening.j2").write_text("{{ no_such_thing }}", encoding="utf-8")
    with pytest.raises(UserError, match="opening.j2: template error"):
        Prompts(tmp_path).render("opening.j2", **_context())


def test_syntax_error_names_file_and_line(tmp_path):
    (tmp_path / "opening.j2").write_text("line one\n{% if %}", encoding="utf-8")
    with pytest.raises(UserError, match=r"opening.j2:2: template syntax error"):
        Prompts(tmp_path).render("opening.j2", **_context())


def test_sandbox_blocks_python_internals(tmp_path):
    (tmp_path / "opening.j2").write_text("{{ persona.__class__.__mro__ }}", encoding="utf-8")
    with pytest.raises(UserError):
        Prompts(tmp_path).render("opening.j2", **_context())
