"""A record's history as a reader sees it: who changed which field, from what to what.

The diff between two historical records is django-simple-history's `diff_against`; this module
decides which fields a reader is shown and how their values read.
"""

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext as _

# Bookkeeping, not content: never shown as a change.
HISTORY_HIDDEN_FIELDS = {"id", "version", "updated_at", "created_at", "action_number", "number"}
HISTORY_KINDS = {"+": "created", "~": "changed", "-": "deleted"}


@dataclass
class HistoryChange:
    field: str
    before: str
    after: str


@dataclass
class HistoryEntry:
    when: datetime.datetime
    who: str
    subject: str
    kind: str  # created, changed, deleted
    changes: list[HistoryChange]


def history_entries(records, meta, *, subject, hidden=frozenset()) -> list[HistoryEntry]:
    """One entry per record of `records` (historical records of the model of `meta`, oldest
    first per object) that created, deleted or visibly changed its object; `subject(record)`
    names the object, fields in `hidden` are left out."""
    entries = []
    previous_by_object: dict = {}
    fields = [
        field
        for field in meta.concrete_fields
        if field.name not in HISTORY_HIDDEN_FIELDS | hidden
        and not field.name.endswith("_as_printed")
    ]
    for record in records:
        changes = history_changes(record, previous_by_object.get(record.id), fields)
        kind = HISTORY_KINDS[record.history_type]
        if kind == "created" or changes or kind == "deleted":
            entries.append(
                HistoryEntry(
                    when=record.history_date,
                    who=str(record.history_user) if record.history_user else _("the system"),
                    subject=subject(record),
                    kind=kind,
                    changes=changes,
                )
            )
        previous_by_object[record.id] = record
    return entries


def history_changes(record, previous, fields) -> list[HistoryChange]:
    """What `record` changed in `fields` since `previous`, in the fields' order. A creation
    changes nothing; a record whose previous state the reader may not see (None) shows every
    value it holds."""
    if previous is None:
        if record.history_type == "+":
            return []
        changed = [(field, None, getattr(record, field.attname, None)) for field in fields]
    else:
        # diff_against compares the editable fields the history keeps (public_changed_at is
        # not kept; the shown fields that are not editable are all bookkeeping).
        tracked = {field.name for field in record.tracked_fields if field.editable}
        by_name = {field.name: field for field in fields if field.name in tracked}
        delta = record.diff_against(previous, included_fields=list(by_name))
        changed = [(by_name[change.field], change.old, change.new) for change in delta.changes]
        changed.sort(key=lambda item: fields.index(item[0]))
    changes = []
    for field, old, new in changed:
        before = "" if previous is None else _display(field, old)
        after = _display(field, new)
        if before != after:
            changes.append(HistoryChange(str(field.verbose_name), before, after))
    return changes


def _display(field, value) -> str:
    if field.choices:
        return str(dict(field.flatchoices).get(value, value or ""))
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return str(value)
