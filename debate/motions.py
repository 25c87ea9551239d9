"""Suggested motions shipped with the seeds (``motions.yaml`` in a sources folder)."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from debate.yamlfile import load_model


class Motion(BaseModel):
    model_config = ConfigDict(extra="forbid")
    motion: str = Field(min_length=3)
    pro: str = ""
    con: str = ""


class MotionList(BaseModel):
    model_config = ConfigDict(extra="forbid")
    motions: list[Motion] = Field(default_factory=list)


def load_motions(seeds_dir: str | Path) -> list[Motion]:
    """The motions suggested for a sources folder, or [] when it ships none."""
    path = Path(seeds_dir) / "motions.yaml"
    return load_model(MotionList, path).motions if path.is_file() else []


def framing(motions: list[Motion], motion: str, side: str) -> str:
    """The one-line framing of ``side`` for ``motion`` if the motion is a suggested one."""
    for m in motions:
        if m.motion.strip().lower() == motion.strip().lower():
            return m.pro if side == "pro" else m.con
    return ""
