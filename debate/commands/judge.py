"""`debate judge TRANSCRIPT.json`: re-judge a saved transcript without re-running it."""

from __future__ import annotations

import argparse
import asyncio
import sys

from debate.commands.common import settings_from_args
from debate.errors import EXIT_OK
from debate.judge import LLMJudge, judge_for
from debate.render import format_for, save, verdict_markdown
from debate.rubric import load_rubric
from debate.runner import corpus_for
from debate.transcript import load_transcript


def run(args: argparse.Namespace) -> int:
    settings = settings_from_args(args)
    if args.out:
        format_for(args.out)
    transcript = load_transcript(args.transcript)
    judge = judge_for(settings, rubric=load_rubric(args.rubric, settings.prompts_dir))
    corpus = corpus_for(settings)
    print(f"judge: {settings.model_for('judge') if isinstance(judge, LLMJudge) else 'offline'}", file=sys.stderr)
    verdict = asyncio.run(judge(transcript, corpus))
    missing = sorted(set(transcript.seeds) - set(corpus.files))
    if missing:
        verdict.warnings.append(f"The debate used sources not in this corpus: {', '.join(missing)}; "
                                   "pass the same --seeds folder.")
    transcript.verdict = verdict
    if args.out:
        save(transcript, args.out)
        print(f"saved: {args.out}", file=sys.stderr)
    print(verdict.model_dump_json(indent=2) if args.json else verdict_markdown(transcript))
    return EXIT_OK
