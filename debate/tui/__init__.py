"""The terminal UI: a Textual app over the same engine, runner and transcript as the CLI."""
