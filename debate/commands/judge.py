"""`debate judge TRANSCRIPT.json`: re-judge a saved transcript without re-running it."""

from __future__ import annotations

import argparse
import asyncio
import sys

from debate.commands.common import settings_from_args
from debate.errors import EXIT_OK, BackendError, UserError
from debate.judge import LLMJudge, judge_for
from debate.render import format_for, save, verdict_markdown
from debate.rubric import load_rubric
from debate.runner import corpus_for
from debate.transcript import check_writable, load_transcript


def run(args: argparse.Namespace) -> int:
    settings = settings_from_args(args)
    if args.out:
        format_for(args.out)
        check_writable(args.out)
    transcript = load_transcript(args.transcript)
    judge = judge_for(settings, rubric=load_rubric(args.rubric, settings.prompts_dir))
    corpus = corpus_for(settings)
    missing = transcript.missing_sources(corpus)
    if missing and not args.other_sources:  # its citations would count as nothing: a wrong verdict
        raise UserError(f"the debate was held on sources not in the sources folder {corpus.folder} "
                        f"({_listed(missing)}): pass the same --seeds folder, or --other-sources to "
                        "judge it anyway", where=args.transcript)
    print(f"judge: {settings.model_for('judge') if isinstance(judge, LLMJudge) else 'offline'}", file=sys.stderr)
    verdict = asyncio.run(judge(transcript, corpus))
    if getattr(judge, "failure", None):
        if (args.backend == "openai" or args.judge_model) and not args.fallback:
            raise BackendError(f"{judge.failure} (pass --fallback to let the offline judge decide)")
        print(f"warning: {judge.failure}; the offline judge decided", file=sys.stderr)
    if missing:
        warning = f"The debate used sources not in this corpus: {_listed(missing)}; pass the same --seeds folder."
        verdict.warnings.append(warning)
        print(f"warning: {warning}", file=sys.stderr)
    transcript.verdict = verdict
    if args.out:
        save(transcript, args.out)
        print(f"saved: {args.out}", file=sys.stderr)
    print(verdict.model_dump_json(indent=2) if args.json else verdict_markdown(transcript))
    return EXIT_OK


def _listed(names: list[str], most: int = 4) -> str:
    return ", ".join(names[:most]) + (f" and {len(names) - most} more" if len(names) > most else "")
