"""Characters that do not belong in a clean Arabic text: tatweel, stray bidi controls, runs of
spaces."""

from __future__ import annotations

import re

from ...model import Severity
from ..textscan import ARABIC, PatternRule


class Tatweel(PatternRule):
    """No tatweel (ـ) to stretch words; the abbreviation «هـ» (Hijri year) is fine.

    Fails::

        تراجعت أسعار النـــفط.

    Passes::

        تراجعت أسعار النفط في عام 1445هـ.
    """

    code = "BL-TY001"
    name = "typography.tatweel"
    category = "style"
    severity = Severity.WARNING
    # The look-behind starts a match only at the start of a word: without it, a long run of
    # letters without tatweel was rescanned from every position (quadratic).
    trigger = re.compile("\u0640")
    pattern = re.compile(
        rf"(?<![{ARABIC}\u064b-\u0652])[{ARABIC}\u064b-\u0652]*\u0640+[{ARABIC}\u064b-\u0652\u0640]*"
    )
    messages = {
        "tatweel": (
            "«{word}» is stretched with tatweel: write «{plain}»",
            "«{word}» ممطوطة بالتطويل: اكتب «{plain}»",
        )
    }

    def finding(self, text, match, options):
        word = match.group(0)
        if word.endswith("هـ") and word.count("\u0640") == 1:
            return None  # «1445هـ»
        plain = word.replace("\u0640", "")
        return match.start(), match.end(), "tatweel", plain, {"word": word, "plain": plain}


_CONTROLS = "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u061c\ufeff"
_NAMES = {
    "\u200b": "ZERO WIDTH SPACE",
    "\u200c": "ZERO WIDTH NON-JOINER",
    "\u200d": "ZERO WIDTH JOINER",
    "\u200e": "LEFT-TO-RIGHT MARK",
    "\u200f": "RIGHT-TO-LEFT MARK",
    "\u202a": "LEFT-TO-RIGHT EMBEDDING",
    "\u202b": "RIGHT-TO-LEFT EMBEDDING",
    "\u202c": "POP DIRECTIONAL FORMATTING",
    "\u202d": "LEFT-TO-RIGHT OVERRIDE",
    "\u202e": "RIGHT-TO-LEFT OVERRIDE",
    "\u2066": "LEFT-TO-RIGHT ISOLATE",
    "\u2067": "RIGHT-TO-LEFT ISOLATE",
    "\u2068": "FIRST STRONG ISOLATE",
    "\u2069": "POP DIRECTIONAL ISOLATE",
    "\u061c": "ARABIC LETTER MARK",
    "\ufeff": "ZERO WIDTH NO-BREAK SPACE",
}


class BidiControls(PatternRule):
    """No invisible direction or zero-width characters pasted into the text.

    A LEFT-TO-RIGHT MARK right after Latin text is kept: Word needs it to place the final
    punctuation of an English sentence inside an Arabic paragraph.

    Fails::

        تراجعت‏ الصادرات‎ في الربع الأول.

    Passes::

        تراجعت الصادرات في الربع الأول.
    """

    code = "BL-TY002"
    name = "typography.bidi-control"
    category = "style"
    severity = Severity.WARNING
    pattern = re.compile(f"[{_CONTROLS}]+")
    messages = {"control": ("invisible character {names} in the text", "حرف خفي ({names}) في النص")}

    def finding(self, text, match, options):
        chars = match.group(0)
        before = text[match.start() - 1] if match.start() else ""
        if chars == "\u200e" and before and re.match(r"[A-Za-z0-9.,;:!?)\]\"']", before):
            return None
        names = ", ".join(_NAMES[c] for c in dict.fromkeys(chars))
        return match.start(), match.end(), "control", "", {"names": names}


class DoubleSpace(PatternRule):
    """Words are separated by one space.

    Fails::

        تراجعت  الصادرات في الربع   الأول.

    Passes::

        تراجعت الصادرات في الربع الأول.
    """

    code = "BL-TY003"
    name = "typography.double-space"
    category = "style"
    severity = Severity.INFO
    trigger = re.compile("[ \u00a0]{2}")
    pattern = re.compile(r"(?<=\S)[ \u00a0]{2,}(?=\S)")
    messages = {"spaces": ("{count} spaces between words", "{count} مسافات بين الكلمتين")}

    def finding(self, text, match, options):
        return match.start(), match.end(), "spaces", " ", {"count": len(match.group(0))}


# C0 controls but tab and line ends, DEL, C1 controls, and the noncharacters U+FFFE, U+FFFF:
# Word cannot store them (the XML writer refuses them) and they show as nothing or as boxes.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]+")
_SPACE_LIKE = {"\x0b", "\x0c"}  # vertical tab, form feed: a break; they become a space


def replace_control_characters(text: str) -> str:
    """``text`` as the Word writer stores it: vertical tab and form feed as a space, other
    control characters and noncharacters dropped."""
    return CONTROL_CHARACTERS.sub(_replacement, text)


def _replacement(match: re.Match[str]) -> str:
    return " " if any(c in _SPACE_LIKE for c in match.group(0)) else ""


class ControlCharacters(PatternRule):
    """No control characters (vertical tab, form feed, escape, U+FFFE…) in the text.

    They come from pasted terminal output or old word processors; Word cannot store them.
    ``build`` writes a vertical tab or form feed as a space and drops the others; the fix does
    the same in the draft.

    Fails::

        تراجعت\x0bالصادرات في الربع\x1b الأول.

    Passes::

        تراجعت الصادرات في الربع الأول.
    """

    code = "BL-TY004"
    name = "typography.control-character"
    category = "style"
    severity = Severity.WARNING
    pattern = CONTROL_CHARACTERS
    messages = {
        "control": (
            "control character {names} in the text",
            "محرف تحكم ({names}) في النص",
        )
    }

    def finding(self, text, match, options):
        chars = match.group(0)
        names = ", ".join(f"U+{ord(c):04X}" for c in dict.fromkeys(chars))
        return match.start(), match.end(), "control", _replacement(match), {"names": names}
