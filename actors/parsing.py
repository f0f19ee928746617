"""Reading the plan's Minister column."""

import re

_TITLE_START = re.compile(r"\s*(?=\bMinister for\b)")


def split_minister_titles(text: str) -> list[str]:
    """Split the Minister column into titles, in the plan's order.

    The plan runs titles together ("Minister for Education Minister for Welfare"); each
    title starts at "Minister for". A trailing full stop (a typo in 10.2) is dropped.
    Raises ValueError if the text does not start with a title or repeats one.
    """
    parts = [" ".join(part.split()).rstrip(".").strip() for part in _TITLE_START.split(text)]
    titles = [part for part in parts if part]
    if not titles:
        raise ValueError("no minister given")
    stray = [title for title in titles if not title.startswith("Minister for ")]
    if stray:
        raise ValueError(f"text that is not a minister's title: {stray[0]!r}")
    if len(set(titles)) != len(titles):
        raise ValueError("a minister is listed twice")
    return titles
