"""One debate spec for every way in: flags, plans, the setup screen and the engine."""

import pytest

from debate.config import load_settings
from debate.errors import UserError
from debate.spec import DEFAULT_MAX_WORDS, DebateSpec
from debate.tui.choices import Choices


def test_unset_numbers_take_the_settings_then_the_defaults():
    spec = DebateSpec(motion="  Rivers beat railways ", pro="mark-twain", con="ada-lovelace", rounds=3)
    settings = load_settings({"turn_seconds": 12.0})
    resolved = spec.resolved(settings)
    assert (resolved.motion, resolved.rounds, resolved.turn_seconds, resolved.max_words) == \
        ("Rivers beat railways", 3, 12.0, DEFAULT_MAX_WORDS)
    assert spec.resolved().turn_seconds == 90.0


def test_the_budget_keeps_its_user_facing_name_in_files():
    assert DebateSpec.model_validate({"motion": "m", "pro": "a", "con": "b", "max_tokens": 90}).max_words == 90
    with pytest.raises(UserError, match=r"^max_tokens: Input should be greater than or equal to 20"):
        DebateSpec.of(motion="m", pro="a", con="b", max_words=5)


def test_the_setup_form_holds_what_was_typed_and_the_spec_checks_it():
    typed = Choices(motion="Rivers beat railways", pro="mark-twain", con="you", rounds=0, backend="offline")
    with pytest.raises(UserError, match=r"^rounds: "):
        typed.spec()
    good = typed.model_copy(update={"rounds": 2})
    assert type(good.spec()) is DebateSpec and good.spec().rounds == 2
    swapped = good.swapped()
    assert (swapped.pro, swapped.con, swapped.backend) == ("you", "mark-twain", "offline")
