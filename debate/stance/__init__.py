"""Stance: which side of a motion each source passage helps (the offline debater's evidence mining).

``themes`` loads the argument themes (YAML data users can extend), ``proposition`` parses a
motion into the axes it takes a side on, and ``model`` scores every passage for, against or
neither. The offline composer (debate/backends/offline.py) and bench/stance_bench.py use them.
"""

from debate.stance.model import PassageStance, StanceModel, stance_model
from debate.stance.proposition import Proposition, parse_motion
from debate.stance.themes import Theme, ThemeBook, load_themes

__all__ = ["PassageStance", "Proposition", "StanceModel", "Theme", "ThemeBook", "load_themes",
           "parse_motion", "stance_model"]
