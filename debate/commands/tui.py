"""`debate tui` (and bare `debate`): open the app with the fields pre-filled; --start begins at once."""

from __future__ import annotations

import argparse

from debate.commands.common import settings_from_args
from debate.errors import EXIT_OK
from debate.tui.app import DebateApp
from debate.tui.choices import Choices


def run(args: argparse.Namespace) -> int:
    settings = settings_from_args(args)
    choices = Choices(motion=args.motion or "", pro=args.pro or "", con=args.con or "", rounds=args.rounds,
                      turn_seconds=args.turn_seconds, max_tokens=args.max_tokens, backend=args.backend,
                      model=args.model or "", seeds=args.seeds or "", crossfire=tuple(args.crossfire or ()),
                      seed=args.seed or 0)
    app = DebateApp(settings, choices, start=bool(args.start), out=args.out)
    app.run()
    return app.return_code or EXIT_OK
