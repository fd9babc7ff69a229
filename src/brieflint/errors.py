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


INTERNAL_ERROR_EXIT = 4


class RuleCrashed(Exception):
    """A rule raised an unexpected exception: an internal error of that file (exit code 4)."""

    def __init__(self, code: str, exc: BaseException) -> None:
        super().__init__(f"{type(exc).__name__} in rule {code}: {exc}")
        self.code = code


def internal_error_message(exc: BaseException) -> str:
    """One line for an unexpected error (a bug, or input nobody foresaw): its type and message,
    never a repr of brieflint's objects; the traceback is shown only with ``--debug``."""
    detail = " ".join(str(exc).split())[:200]
    if isinstance(exc, RuleCrashed):
        return f"internal error ({detail}); run with --debug for details"
    kind = type(exc).__name__
    return f"internal error ({kind}{': ' + detail if detail else ''}); run with --debug for details"
