"""The command line: every command's arguments (the contract in DESIGN.md), and dispatch.

Each command's glue is its own module in ``debate/commands/`` (imported only when that
command runs, so ``debate --help`` stays fast); this module maps what escapes it to an
exit code from ``debate.errors``: one line on stderr, the traceback only with ``--debug``.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from contextlib import nullcontext

from debate import __version__
from debate.errors import EXIT_BUG, EXIT_INTERRUPTED, EXIT_OK, DebateError


def _debate_options(p: argparse.ArgumentParser, *, required: bool) -> None:
    p.add_argument("--motion", required=required, help="the motion to debate")
    p.add_argument("--pro", required=required, metavar="PERSONA", help="persona for the motion (name or YAML path; 'you' to play it)")
    p.add_argument("--con", required=required, metavar="PERSONA", help="persona against the motion")
    p.add_argument("--rounds", type=int, help="number of rounds (default 2)")
    p.add_argument("--turn-seconds", type=float, help="clock per turn in seconds (default 90)")
    p.add_argument("--max-tokens", type=int, dest="max_words", help="word budget per turn (default 220)")
    p.add_argument("--crossfire", action="append", default=[], metavar="TEXT",
                   help="a question both sides must answer; repeat for later rounds")
    p.add_argument("--seed", type=int, default=0, help="seed for deterministic offline debates")
    p.add_argument("--out", metavar="FILE", help="save the transcript (.json, .md or .html) after every turn")
    p.add_argument("--json", action="store_true", help="print the transcript as JSON instead of Markdown")
    p.add_argument("--rubric", metavar="FILE", help="rubric YAML for the judge (default prompts/rubric.yaml)")
    _backend_options(p)


def _backend_options(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("backend")
    g.add_argument("--backend", choices=["offline", "openai", "replay"],
                   help="default: openai when OPENAI_API_KEY/OPENAI_BASE_URL is set, else offline")
    g.add_argument("--model", help="model name (or DEBATE_MODEL)")
    g.add_argument("--pro-model", help="model for the pro side")
    g.add_argument("--con-model", help="model for the con side")
    g.add_argument("--judge-model", help="model for the LLM judge")
    g.add_argument("--base-url", help="OpenAI-compatible server URL (or OPENAI_BASE_URL)")
    g.add_argument("--timeout", type=float, help="seconds before a request times out (default 60)")
    g.add_argument("--retries", type=int, help="attempts after the first on retryable errors (default 4)")
    g.add_argument("--record", metavar="FILE", help="record every model request and response to a cassette")
    g.add_argument("--cassette", metavar="FILE", help="cassette to replay with --backend replay")
    g.add_argument("--seeds", metavar="DIR", help="folder of .txt/.md source articles (default: bundled seeds)")
    g.add_argument("--personas", metavar="DIR", help="folder of persona YAML files that override the shipped ones")
    g.add_argument("--prompts", metavar="DIR", help="folder of .j2 templates that override the shipped ones")
    g.add_argument("--debug", action="store_true", help="show tracebacks")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="debate", description="Grounded debates between personas about source documents.")
    parser.add_argument("--version", action="version", version=f"debate-arena {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("tui", help="open the terminal UI (the default)")
    _debate_options(p, required=False)
    p.add_argument("--start", action="store_true", help="start the debate at once")
    p.set_defaults(command_module="tui")

    p = sub.add_parser("run", help="run a debate headless and print the transcript")
    _debate_options(p, required=True)
    p.set_defaults(command_module="run")

    p = sub.add_parser("perspective", help="personas' takes on a headline")
    p.add_argument("--persona", action="append", required=True, metavar="PERSONA", help="repeat for several")
    p.add_argument("--headline", required=True)
    p.add_argument("--max-tokens", type=int, dest="max_words", help="word budget per take (default 150)")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--out", metavar="FILE", help="save as .json, .md or .html")
    p.add_argument("--json", action="store_true")
    _backend_options(p)
    p.set_defaults(command_module="perspective")

    p = sub.add_parser("check", help="label claims against the sources (one JSON line each)")
    p.add_argument("file", metavar="CLAIMS.jsonl|-")
    p.add_argument("--seeds", metavar="DIR")
    p.add_argument("--debug", action="store_true")
    p.set_defaults(command_module="check")

    p = sub.add_parser("eval", help="score the claim verifier on labelled claims")
    p.add_argument("file", metavar="LABELLED.jsonl")
    p.add_argument("--seeds", metavar="DIR")
    p.add_argument("--json", action="store_true", help="one machine-readable JSON line")
    p.add_argument("--debug", action="store_true")
    p.set_defaults(command_module="eval")

    p = sub.add_parser("personas", help="list, show or validate personas")
    p.add_argument("action", nargs="?", default="list", choices=["list", "show", "validate"])
    p.add_argument("target", nargs="?", help="persona name (show) or YAML file (validate)")
    p.add_argument("--personas", metavar="DIR")
    p.add_argument("--debug", action="store_true")
    p.set_defaults(command_module="personas")

    p = sub.add_parser("judge", help="re-judge a saved transcript")
    p.add_argument("transcript", metavar="TRANSCRIPT.json")
    p.add_argument("--rubric", metavar="FILE", help="rubric YAML (default prompts/rubric.yaml)")
    p.add_argument("--out", metavar="FILE")
    p.add_argument("--json", action="store_true")
    p.add_argument("--fallback", action="store_true",
                   help="if the judge model fails, let the offline judge decide (default with --backend "
                        "openai or --judge-model: exit 3)")
    p.add_argument("--other-sources", action="store_true",
                   help="judge even when the --seeds folder lacks sources the debate used")
    _backend_options(p)
    p.set_defaults(command_module="judge")

    p = sub.add_parser("class", help="run a classroom plan of debates")
    p.add_argument("plan", metavar="PLAN.yaml")
    p.add_argument("--out", required=True, metavar="DIR")
    p.add_argument("--jobs", type=int, default=4, help="debates run at once (default 4)")
    _backend_options(p)
    p.set_defaults(command_module="class_")

    p = sub.add_parser("doctor", help="show where things are and check the model endpoint")
    _backend_options(p)
    p.set_defaults(command_module="doctor")
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = build_parser()
    if not argv or argv[0].startswith("-") and argv[0] not in ("-h", "--help", "--version"):
        argv = ["tui", *argv]
    args = parser.parse_args(argv)
    # Everything a command prints (errors too) is cleaned of terminal escapes; the TUI draws its own screen.
    from debate.commands.common import clean_output  # lazily, like every command: --help stays fast

    with nullcontext() if args.command in (None, "tui") else clean_output():
        return _dispatch(args)


def _dispatch(args: argparse.Namespace) -> int:
    """Run the command; map errors to one line on stderr and an exit code."""
    try:
        command = importlib.import_module(f"debate.commands.{args.command_module}")
        return int(command.run(args) or EXIT_OK)
    except DebateError as exc:
        if getattr(args, "debug", False):
            raise
        print(f"error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # a bug: say so in one line, traceback only with --debug
        if getattr(args, "debug", False):
            raise
        print(f"error: unexpected {type(exc).__name__}: {exc} (run with --debug for details)", file=sys.stderr)
        return EXIT_BUG


if __name__ == "__main__":
    raise SystemExit(main())
