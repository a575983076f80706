"""Plain text for people on a slow link: format=flowed at 72 columns (RFC 3676). Pure.

Every paragraph is wrapped at 72 columns with a trailing
space on each soft break (RFC 3676 format=flowed), so a phone rejoins the lines to its own width
while an old client still shows tidy 72-column text. URLs stand alone on their own line, never
broken, never with a trailing space: a URL split over lines is lost to the reader.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable

WIDTH = 72
SIGNATURE = "-- "  # with its space: the separator mail clients recognise (never flowed)


def flowed(text: str, first: str = "", rest: str = "") -> list[str]:
    """One paragraph as format=flowed lines: each soft break keeps a trailing space."""
    wrapper = textwrap.TextWrapper(
        width=WIDTH - 1,
        initial_indent=first,
        subsequent_indent=rest,  # -1: room for the space
        break_long_words=True,
        break_on_hyphens=False,
    )
    lines = wrapper.wrap(" ".join(text.split()))
    return [_stuff(line) + " " for line in lines[:-1]] + [_stuff(line) for line in lines[-1:]]


def fixed(line: str) -> str:
    """A line that must not flow into the next (a URL, a list item's last line): no space."""
    return _stuff(line.rstrip(" "))


def body(blocks: Iterable[list[str]], footer: Iterable[str] = ()) -> str:
    """Blocks of lines separated by empty lines, then the signature block."""
    parts = ["\n".join(block) for block in blocks if block]
    footer_lines = list(footer)
    if footer_lines:
        parts.append("\n".join([SIGNATURE, *footer_lines]))
    return "\n\n".join(parts) + "\n"


def _stuff(line: str) -> str:
    """RFC 3676 space-stuffing: a line starting with a space, ">" or "From " gets one more."""
    return " " + line if line.startswith((" ", ">", "From ")) else line
