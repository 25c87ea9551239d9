"""One place for paths and settings: env overrides, the shared personas folder, doctor's folders."""

import shutil

import pytest

from debate import locations
from debate.cli import main
from debate.config import load_settings
from debate.errors import UserError
from debate.resources import shipped


@pytest.fixture
def user_home(monkeypatch, tmp_path):
    for variable, name in [(locations.CONFIG_ENV, "config.yaml"), (locations.PERSONAS_ENV, "personas"),
                           (locations.TRANSCRIPTS_ENV, "autosave"), (locations.CACHE_ENV, "cache"),
                           (locations.EXPORTS_ENV, "exports")]:
        monkeypatch.setenv(variable, str(tmp_path / name))
    return tmp_path


def test_every_location_follows_its_variable(user_home):
    assert locations.config_file() == user_home / "config.yaml"
    assert locations.personas_dir() == user_home / "personas"
    assert locations.transcripts_dir() == user_home / "autosave"
    assert locations.cache_dir() == user_home / "cache"
    assert locations.exports_dir("elsewhere/out.json") == user_home / "exports"


def test_without_variables_the_platform_folders_are_used(monkeypatch, tmp_path):
    for variable in (locations.CONFIG_ENV, locations.PERSONAS_ENV, locations.EXPORTS_ENV):
        monkeypatch.delenv(variable, raising=False)
    assert locations.config_file().name == "config.yaml" and locations.APP_NAME in str(locations.config_file())
    assert locations.personas_dir().name == "personas" and locations.APP_NAME in str(locations.personas_dir())
    assert locations.exports_dir(tmp_path / "x" / "out.json") == tmp_path / "x"


def test_a_persona_saved_in_the_user_folder_is_known_to_debate_run(user_home, capsys):
    (user_home / "personas").mkdir()
    shutil.copy(shipped("personas") / "mark-twain.yaml", user_home / "personas" / "my-twain.yaml")
    assert main(["personas", "show", "my-twain"]) == 0
    assert capsys.readouterr().out.startswith("# my-twain")
    assert main(["run", "--motion", "Rivers beat railways", "--pro", "my-twain", "--con", "skeptical-investor",
                 "--rounds", "1", "--json"]) == 0
    assert '"id": "my-twain"' in capsys.readouterr().out


def test_settings_layer_defaults_file_environment_flags(user_home, monkeypatch):
    (user_home / "config.yaml").write_text("rounds: 3\nmodel: from-file\nturn_seconds: 30\n")
    monkeypatch.setenv("DEBATE_MODEL", "from-env")
    settings = load_settings({"turn_seconds": 12.0, "rounds": None})
    assert (settings.rounds, settings.model, settings.turn_seconds, settings.max_tokens) == (3, "from-env", 12.0, 220)
    monkeypatch.setenv("DEBATE_ROUNDS", "5")
    assert load_settings().rounds == 5


def test_a_bad_environment_value_names_the_field(user_home, monkeypatch):
    monkeypatch.setenv("DEBATE_ROUNDS", "many")
    with pytest.raises(UserError, match=r"environment: field 'rounds'"):
        load_settings()


def test_doctor_prints_only_folders_that_are_read(user_home, capsys):
    assert main(["doctor"]) == 0
    out = capsys.readouterr().out
    assert f"{user_home / 'personas'} (not created yet; the editor saves here)" in out
    assert f"{shipped('prompts')} (shipped" in out
    assert str(user_home / "autosave") in out and str(user_home / "cache") in out
