"""Persona files: shipped set, strict validation with file:line errors, user overrides."""

import pytest

from debate.errors import UserError
from debate.personas import PASTICHE_LABEL, load_all, load_persona, load_persona_file

GOOD = """name: Test Person
kind: archetype
description: A person for tests.
voice: Plain.
angles: [data, cost]
signature_moves: [Asks for numbers.]
"""


def test_shipped_personas_cover_both_kinds_and_all_validate():
    personas = load_all()
    kinds = [p.kind for p in personas]
    assert len(personas) >= 8
    assert kinds.count("historical") >= 4 and kinds.count("archetype") >= 4


def test_historical_personas_carry_the_pastiche_label():
    for persona in load_all():
        assert persona.label == (PASTICHE_LABEL if persona.kind == "historical" else "")


def test_persona_found_by_id_display_name_or_path(tmp_path):
    assert load_persona("dorothy-parker").name == "Dorothy Parker"
    assert load_persona("Dorothy Parker").id == "dorothy-parker"
    path = tmp_path / "tester.yaml"
    path.write_text(GOOD, encoding="utf-8")
    assert load_persona(str(path)).id == "tester"


def test_user_folder_overrides_a_shipped_persona(tmp_path):
    (tmp_path / "dorothy-parker.yaml").write_text(GOOD, encoding="utf-8")
    assert load_persona("dorothy-parker", tmp_path).name == "Test Person"


@pytest.mark.parametrize("text, where, field", [
    (GOOD.replace("angles:", "angels:"), ":5", "angels"),
    (GOOD.replace("kind: archetype", "kind: wizard"), ":2", "kind"),
    (GOOD.replace("angles: [data, cost]\n", ""), "", "angles"),
    (GOOD.replace("angles: [data, cost]", "angles: []"), ":5", "angles"),
])
def test_invalid_persona_names_file_line_and_field(tmp_path, text, where, field):
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(UserError) as info:
        load_persona_file(path)
    message = str(info.value)
    assert message.startswith(f"{path}{where}")
    assert f"'{field}'" in message


def test_broken_yaml_names_the_line(tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text("name: X\nkind: [archetype\ndescription: y\n", encoding="utf-8")
    with pytest.raises(UserError, match=r"broken.yaml:\d+: invalid YAML"):
        load_persona_file(path)


def test_unknown_persona_lists_the_known_ones():
    with pytest.raises(UserError, match="unknown persona 'nobody'.*dorothy-parker"):
        load_persona("nobody")


def test_unknown_field_with_a_nested_value_points_at_its_key(tmp_path):
    path = tmp_path / "nested.yaml"
    path.write_text(GOOD + "rhetoric:\n  openin:\n    - Hello.\n", encoding="utf-8")
    with pytest.raises(UserError, match=r"nested.yaml:8: field 'rhetoric.openin': unknown field"):
        load_persona_file(path)
