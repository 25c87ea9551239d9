"""`debate doctor`: where things are, what is active, and whether the model endpoint answers.

Exit 0 when the active backend is usable, 3 when the endpoint (or the cassette) fails.
The key is only ever shown masked.
"""

from __future__ import annotations

import argparse
import asyncio

from debate import locations
from debate.backends.openai_backend import OpenAIBackend
from debate.backends.replay import read_cassette
from debate.commands.common import settings_from_args
from debate.config import OPENAI_URL, Settings
from debate.errors import EXIT_BACKEND, EXIT_OK, BackendError, DebateError
from debate.resources import shipped
from debate.redact import mask_key, mask_url


def run(args: argparse.Namespace) -> int:
    path = locations.config_file()
    print(f"config file:   {path} ({'exists' if path.is_file() else 'not found; defaults apply'})")
    settings = settings_from_args(args)
    for label, folder in folders(settings):
        print(f"{label + ':':<15}{folder}")
    print(f"backend:       {settings.backend_name} ({_why(settings)})")
    if settings.record:
        print(f"recording to:  {settings.record}")
    check = {"openai": _check_openai, "replay": _check_replay}.get(settings.backend_name)
    if check is None:
        print("offline:       needs no network, key or model; ready")
        return EXIT_OK
    try:
        return check(settings)
    except DebateError as exc:
        print(f"problem:       {exc}")
        return exc.exit_code


def folders(settings: Settings) -> list[tuple[str, str]]:
    """Every folder the program reads or writes with these settings, highest priority first."""
    user = locations.personas_dir()
    out = [("personas dir", f"{user} ({'exists' if user.is_dir() else 'not created yet'}; the editor saves here)")]
    if settings.personas_dir:
        out.append(("personas dir", f"{settings.personas_dir} (--personas)"))
    out.append(("personas dir", f"{shipped('personas')} (shipped)"))
    out.append(("prompts dir", f"{settings.prompts_dir} (--prompts), then {shipped('prompts')}"
                if settings.prompts_dir else f"{shipped('prompts')} (shipped; --prompts DIR overrides)"))
    out.append(("seeds dir", settings.seeds_dir or f"{shipped('seeds')} (shipped)"))
    out.append(("autosaves", str(locations.transcripts_dir())))
    out.append(("index cache", str(locations.cache_dir())))
    return out


def _why(settings: Settings) -> str:
    if settings.backend:
        return "chosen by --backend or the config file"
    if settings.backend_name == "openai":
        return "a key or base URL is set"
    return "no OPENAI_API_KEY or OPENAI_BASE_URL set"


def _check_replay(settings: Settings) -> int:
    if not settings.cassette:
        print("cassette:      (none): pass --cassette FILE")
        return EXIT_BACKEND
    entries = read_cassette(settings.cassette)
    roles = sorted({e.role for e in entries})
    print(f"cassette:      {settings.cassette}: {len(entries)} calls for {', '.join(roles) or 'no role'}")
    return EXIT_OK


def _check_openai(settings: Settings) -> int:
    print(f"base URL:      {mask_url(settings.base_url or OPENAI_URL)}")
    print(f"api key:       {mask_key(settings.api_key)}" + ("" if settings.api_key or settings.is_openai_url
                                                           else " (a local server needs none)"))
    models = {role: settings.model_for(role) for role in ("pro", "con", "judge")}
    print(f"model:         {settings.model or '(none)'}"
          + "".join(f", {role}: {m}" for role, m in models.items() if m and m != settings.model))
    model = settings.model or next((m for m in models.values() if m), "")
    if not model:
        print("problem:       no model set: pass --model, set DEBATE_MODEL or 'model' in the config file")
        return EXIT_BACKEND
    backend = OpenAIBackend.from_settings(settings.model_copy(update={"retries": min(settings.retries, 1)}),
                                          model=model, role="doctor")
    return asyncio.run(_probe(backend, sorted(set(m for m in models.values() if m))))


async def _probe(backend: OpenAIBackend, wanted: list[str]) -> int:
    try:
        try:
            listed = await backend.list_models()
        except BackendError as exc:  # some servers have no /models; the completion decides
            print(f"models:        could not list ({exc})")
        else:
            print(f"models:        {len(listed)} listed")
            for name in wanted:
                print(f"  {name}: {'available' if name in listed else 'NOT listed by the server'}")
        try:
            seconds = await backend.ping()
        except BackendError as exc:
            print(f"completion:    FAILED: {exc}")
            return EXIT_BACKEND
        print(f"completion:    ok in {seconds * 1000:.0f} ms ({backend.model})")
        return EXIT_OK
    finally:
        await backend.aclose()
