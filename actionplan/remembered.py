"""What stays the same while one output is written, worked out once instead of once a row.

The translation of a phrase, the active language, the time zone and the address of a page
depend on the request, which does not change while an export writes thousands of rows; yet
Django reads each through a context-local lookup that costs about as much as the rest of a row's
cell. Inside `remembering()`, `remembered(key, compute)` computes a value once and gives it back
after; outside, it computes it every time, so that code calling it behaves the same anywhere.

Keep a `remembering()` block free of `yield`: a streamed response may resume a generator in
another context. Enter it around each chunk instead, with the same memo.
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.utils import timezone, translation
from django.utils.translation import gettext as django_gettext

_memo: ContextVar[dict | None] = ContextVar("remembered", default=None)


@contextmanager
def remembering(memo: dict | None = None) -> Iterator[dict]:
    """Remember values within the block, in `memo` if given (to carry them to a later block)."""
    memo = {} if memo is None else memo
    token = _memo.set(memo)
    try:
        yield memo
    finally:
        _memo.reset(token)


def remembered(key, compute: Callable[[], Any]):
    memo = _memo.get()
    if memo is None:
        return compute()
    try:
        return memo[key]
    except KeyError:
        value = memo[key] = compute()
        return value


def gettext(message: str) -> str:
    """Django's gettext, remembered. Import it as `_` so that makemessages finds the strings."""
    return remembered(("gettext", message), lambda: django_gettext(message))


def get_language() -> str | None:
    return remembered("language", translation.get_language)


def localdate(moment):
    """timezone.localdate in the current time zone, the zone remembered."""
    return timezone.localdate(moment, remembered("timezone", timezone.get_current_timezone))
