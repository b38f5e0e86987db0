"""The errors and warnings that loading and saving report to users.

Every message names the file, the place in it (a JSON path such as
``scenes[3].panels[2].camera.lens_mm`` or a line and column) and the problem.
"""

from __future__ import annotations

from dataclasses import dataclass

from storyboarder.model.problems import ProblemsError


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a file, at one place in it."""

    file: str
    where: str
    message: str

    def __str__(self) -> str:
        if self.where:
            return f"{self.file}: {self.where}: {self.message}"
        return f"{self.file}: {self.message}"


class ProjectError(ProblemsError):
    """A project could not be loaded or saved; ``problems`` says why, one Problem per place."""

    problems: list[Problem]

    @classmethod
    def single(cls, file: str, where: str, message: str) -> ProjectError:
        """Build an error about one problem."""
        return cls([Problem(file, where, message)])
