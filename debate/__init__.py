"""Debate Arena: grounded debates between personas about a folder of source documents."""

__version__ = "0.1.0"
