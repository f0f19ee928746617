"""The change feed's cursor: opaque to clients, so that what it holds may change later."""

import base64
import binascii

PREFIX = "c1:"


def cursor_from_id(event_id: int) -> str:
    return base64.urlsafe_b64encode(f"{PREFIX}{event_id}".encode()).decode().rstrip("=")


def id_from_cursor(cursor: str) -> int:
    """The event id that `cursor` names; ValueError for anything this feed did not hand out."""
    padded = cursor + "=" * (-len(cursor) % 4)
    try:
        text = base64.urlsafe_b64decode(padded.encode("ascii")).decode("ascii")
    except (binascii.Error, UnicodeError) as exc:
        raise ValueError(cursor) from exc
    if not text.startswith(PREFIX) or not text[len(PREFIX) :].isdigit():
        raise ValueError(cursor)
    return int(text[len(PREFIX) :])
