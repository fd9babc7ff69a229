"""Which picture files a Markdown draft may embed: those in the draft's folder and below, and in
folders the configuration allows (``input.image-outside``'s ``allowed_folders``). An absolute
path or a ``../`` that leaves the folder (after symbolic links are resolved) could otherwise put
any image on the machine into the built document."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


def is_remote(origin: str) -> bool:
    return bool(_URL.match(origin))


def allowed_roots(draft: str, allowed: Iterable[str] = ()) -> list[Path]:
    base = Path(draft).resolve().parent
    return [base, *((base / Path(folder).expanduser()).resolve() for folder in allowed)]


def confined(draft: str, origin: str, allowed: Iterable[str] = ()) -> Path | None:
    """The file ``origin`` names, resolved from the draft's folder, if it lies under an allowed
    root; None otherwise (or for a URL)."""
    if not origin or is_remote(origin):
        return None
    base = Path(draft).resolve().parent
    target = (base / Path(origin)).resolve()
    for root in allowed_roots(draft, allowed):
        if target == root or root in target.parents:
            return target
    return None
