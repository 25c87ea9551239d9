"""`debate personas list|show|validate`."""

from __future__ import annotations

import argparse

import yaml

from debate.errors import EXIT_OK, UserError
from debate.personas import load_all, load_persona, load_persona_file


def run(args: argparse.Namespace) -> int:
    if args.action == "list":
        for p in load_all(args.personas):
            print(f"{p.id:<22}  {p.kind:<10}  {p.description}")
        return EXIT_OK
    if not args.target:
        raise UserError(f"'personas {args.action}' needs a {'name' if args.action == 'show' else 'file'}",
                        where="personas")
    if args.action == "show":
        persona = load_persona(args.target, args.personas)
        data = persona.model_dump(exclude={"id"})
        print(f"# {persona.id}" + (f"  ({persona.label})" if persona.label else ""))
        print(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), end="")
        return EXIT_OK
    persona = load_persona_file(args.target)
    print(f"ok: {args.target}: {persona.name} ({persona.kind})")
    return EXIT_OK
