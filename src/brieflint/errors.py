"""Errors that stop one file (or the run) with a one-line message and exit code 2."""

from __future__ import annotations


class BrieflintError(Exception):
    """A problem the user must fix before brieflint can do its work (exit code 2)."""


class InputError(BrieflintError):
    """A draft that cannot be read: the message names the file and the problem."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


class ConfigError(BrieflintError):
    """An invalid schema, configuration or style file."""
