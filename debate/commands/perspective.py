"""`debate perspective --persona P [--persona Q ...] --headline TEXT`."""

from __future__ import annotations

import argparse
import asyncio
import sys

from debate.backends import make_backend
from debate.commands.common import settings_from_args
from debate.errors import EXIT_OK, UserError
from debate.perspective import DEFAULT_WORDS, Perspectives, perspectives, render
from debate.personas import load_persona
from debate.prompts import Prompts
from debate.render import format_for
from debate.runner import corpus_for
from debate.transcript import atomic_write, check_writable


def run(args: argparse.Namespace) -> int:
    headline = (args.headline or "").strip()
    if not headline:
        raise UserError("the headline is empty", where="--headline")
    if args.out:
        format_for(args.out)
        check_writable(args.out)
    settings = settings_from_args(args)
    personas = [load_persona(ref, settings.personas_dir) for ref in args.persona]
    corpus = corpus_for(settings)
    backend = make_backend(settings, "perspective")
    model = f" ({backend.model})" if getattr(backend, "model", "") else ""
    print(f"backend: {settings.backend_name}{model}", file=sys.stderr)

    async def go() -> Perspectives:
        try:
            return await perspectives(personas, headline, corpus, backend, prompts=Prompts(settings.prompts_dir),
                                      backend_record=settings.describe(),
                                      max_words=args.max_words or DEFAULT_WORDS,
                                      seconds=settings.turn_seconds, seed=args.seed or 0)
        finally:
            await backend.aclose()

    result = asyncio.run(go())
    print(render(result, "json" if args.json else "markdown"), end="")
    if args.out:
        atomic_write(args.out, render(result, format_for(args.out)), what="the perspectives")
        print(f"saved: {args.out}", file=sys.stderr)
    return EXIT_OK
