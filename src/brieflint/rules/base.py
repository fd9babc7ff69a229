"""What every rule is: a small class with a stable code, a dotted name, a family, a default
severity, documentation with a failing and a passing example, and a pure ``check``."""

from __future__ import annotations

import inspect
import re
from collections.abc import Iterator
from typing import Any, ClassVar

from ..model import (
    Applicability,
    Document,
    Fix,
    FixAvailability,
    Location,
    Message,
    Problem,
    Severity,
)

_REGISTRY: dict[str, type[Rule]] = {}
_CODE = re.compile(r"^BL-[A-Z]{2}\d{3}$")


class Rule:
    """Base class. Subclasses set the class attributes and implement :meth:`check`."""

    code: ClassVar[str]
    name: ClassVar[str]
    category: ClassVar[str]
    severity: ClassVar[Severity]
    # JSON Schema ``properties`` of the rule's options; every option has a default.
    options: ClassVar[dict[str, dict[str, Any]]] = {}
    # Message templates by key, English and Arabic, formatted with str.format(**params).
    messages: ClassVar[dict[str, tuple[str, str]]] = {}
    # Whether the rule can offer a fix (ruff's FixAvailability). Applicability belongs to each fix
    # (safe: applied by `brieflint fix`; unsafe: only with --unsafe-fixes); the rule declares
    # every applicability its fixes may have, and ``fix_applicability`` is the weakest of them
    # (what a tool must assume of any one fix of the rule), set from the declaration.
    fix_availability: ClassVar[FixAvailability] = FixAvailability.NEVER
    fix_applicabilities: ClassVar[tuple[Applicability, ...]] = (Applicability.SAFE,)
    fix_applicability: ClassVar[Applicability] = Applicability.SAFE

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if inspect.isabstract(cls) or "code" not in cls.__dict__:
            return
        if not _CODE.match(cls.code):
            raise ValueError(f"rule code {cls.code!r} must look like BL-XX000")
        if cls.code in _REGISTRY:
            raise ValueError(f"duplicate rule code {cls.code}")
        if "fix_applicability" in cls.__dict__:
            raise ValueError(
                f"{cls.code}: declare fix_applicabilities; fix_applicability is derived"
            )
        cls.fix_applicability = weakest(cls.fix_applicabilities)
        _REGISTRY[cls.code] = cls

    @property
    def family(self) -> str:
        return self.name.split(".", 1)[0]

    @classmethod
    def default_options(cls) -> dict[str, Any]:
        return {key: spec.get("default") for key, spec in cls.options.items()}

    def check(self, doc: Document, options: dict[str, Any]) -> Iterator[Problem]:
        raise NotImplementedError

    def problem(
        self,
        location: Location,
        message_key: str,
        /,
        *,
        text: str = "",
        suggestions: tuple[str, ...] | list[str] = (),
        fix: Fix | None = None,
        block_index: int | None = None,
        **params: Any,
    ) -> Problem:
        english, arabic = self.messages[message_key]
        return Problem(
            rule=self.code,
            name=self.name,
            category=self.category,
            severity=self.severity,
            location=location,
            message=Message(en=english.format(**params), ar=arabic.format(**params)),
            text=text,
            suggestions=tuple(suggestions),
            fix=fix,
            block_index=block_index,
            params=tuple(sorted(params.items())),
        )


def weakest(applicabilities: tuple[Applicability, ...]) -> Applicability:
    """UNSAFE when any of them is: a rule that may offer one unsafe fix is unsafe to trust."""
    return Applicability.UNSAFE if Applicability.UNSAFE in applicabilities else Applicability.SAFE


_SORTED: list[type[Rule]] = []


def all_rules() -> list[type[Rule]]:
    from . import load_all  # the rule modules register themselves on import

    load_all()
    if len(_SORTED) != len(_REGISTRY):  # a rule registered since (rules only ever register)
        _SORTED[:] = [_REGISTRY[code] for code in sorted(_REGISTRY)]
    return list(_SORTED)


def rule_by_code(code: str) -> type[Rule] | None:
    """The rule with this code or dotted name, in any case (``bl-st006``, ``BL-ST006``)."""
    wanted = code.strip().casefold()
    for rule in all_rules():
        if wanted in (rule.code.casefold(), rule.name.casefold()):
            return rule
    return None
