"""The command line's glue: one small module per ``debate`` command.

Each module's ``run(args)`` reads the parsed arguments, calls the library (which takes
settings and specs and returns data), prints, and returns an exit code from
``debate.errors``. The arguments themselves are declared in ``debate/cli.py`` (one table
that is the command-line contract), which imports a command's module only when it runs, so
``debate --help`` stays fast.
"""
