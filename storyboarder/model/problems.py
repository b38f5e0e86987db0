"""The one error class that carries a list of problems, one line each, ready to show to a user."""

from __future__ import annotations

from collections.abc import Iterable


class ProblemsError(Exception):
    """Something refused for one or more reasons; ``problems`` lists them and str() prints one per line.

    The problems are text, or objects whose str() is a line (``io.Problem``
    says ``FILE: PLACE: PROBLEM``).
    """

    def __init__(self, problems: Iterable[object] | str):
        self.problems = [problems] if isinstance(problems, str) else list(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))
