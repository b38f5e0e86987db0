"""How every command reports: one ``error:`` or ``warning:`` line per problem on stderr, and the exit codes."""

from __future__ import annotations

import sys

EXIT_OK = 0
EXIT_FAILED = 2


def errors(problems) -> int:
    """Print each problem as an ``error:`` line; return the failure exit code."""
    for problem in problems:
        print(f"error: {problem}", file=sys.stderr)
    return EXIT_FAILED


def warn(warnings) -> None:
    """Print each warning as a ``warning:`` line."""
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)
