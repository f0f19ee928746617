"""A record's history as a reader sees it: one sentence per save, saying who changed which
field from what to what ("coord-wvg recorded the progress update of 30 November 2026 and
changed the status from Delayed to On track and completion from 30 % to 45 %").

The diff between two historical records is django-simple-history's `diff_against`; this module
decides which fields a reader is shown, how their values read in the active language, and which
records one save wrote.
"""

import dataclasses
import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import Truncator, get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# Bookkeeping, not content: never shown as a change.
HISTORY_HIDDEN_FIELDS = {"id", "version", "updated_at", "created_at", "action_number", "number"}
HISTORY_KINDS = {"+": "created", "~": "changed", "-": "deleted"}
# Long texts (narratives, descriptions) are quoted up to this many characters.
QUOTED_TEXT_LENGTH = 80

# How a sentence names a field ("changed the status from ..."); other fields by their
# verbose name.
FIELD_PHRASES = {
    "title": gettext_lazy("the title"),
    "description": gettext_lazy("the description"),
    "plan_status": gettext_lazy("the status in the plan"),
    "notes": gettext_lazy("the notes"),
    "implementation_status": gettext_lazy("the status"),
    "public_implementation_status": gettext_lazy("the public status"),
    "progress_percent": gettext_lazy("completion"),
    "public_progress_percent": gettext_lazy("public completion"),
    "reported_on": gettext_lazy("the date of the update"),
    "narrative": gettext_lazy("the narrative"),
    "reason": gettext_lazy("the reason"),
    "evidence_links": gettext_lazy("the evidence links"),
    "planned_date": gettext_lazy("the planned completion date"),
    "actual_date": gettext_lazy("the actual completion date"),
    "visibility": gettext_lazy("the visibility"),
}


@dataclass
class HistoryChange:
    name: str  # the field's name
    field: str  # how the sentence names it
    before: str  # "" for no value
    after: str


def progress_update_save_key(update_id: int) -> str:
    """What ties the records of one save of a progress update together: the update's own and
    its measure's (kept as the measure record's change reason)."""
    return f"progress update {update_id}"


@dataclass
class HistoryEntry:
    """One save: when, by whom, what happened to which record (`events`, clauses such as
    "recorded the progress update of 30 November 2026") and which fields changed."""

    when: datetime.datetime
    who: str
    events: list[str]
    changes: list[HistoryChange]
    # The save it belongs to, and whether it joins that save (the measure's record, written
    # after its update's) or starts it.
    save_key: str | None = dataclasses.field(default=None, repr=False)
    joins_save: bool = dataclasses.field(default=False, repr=False)

    @property
    def sentence(self) -> str:
        clauses = [*self.events]
        changed = [c for c in self.changes if c.before and c.after]
        added = [c for c in self.changes if not c.before and c.after]
        removed = [c for c in self.changes if c.before and not c.after]
        if changed:
            clauses.append(
                _("changed %(changes)s")
                % {
                    "changes": _listed(
                        _("%(field)s from %(before)s to %(after)s")
                        % {"field": c.field, "before": c.before, "after": c.after}
                        for c in changed
                    )
                }
            )
        if added:
            clauses.append(
                _("set %(changes)s")
                % {
                    "changes": _listed(
                        _("%(field)s to %(after)s") % {"field": c.field, "after": c.after}
                        for c in added
                    )
                }
            )
        if removed:
            clauses.append(
                _("removed %(changes)s")
                % {
                    "changes": _listed(
                        _("%(field)s (was %(before)s)") % {"field": c.field, "before": c.before}
                        for c in removed
                    )
                }
            )
        return _("%(who)s %(what)s.") % {"who": self.who, "what": _listed(clauses)}


def _listed(items) -> str:
    """ "a, b and c" in the active language."""
    return str(get_text_list(list(items), _("and")))


def history_entries(
    records,
    meta,
    *,
    event: Callable[[object, str], str],
    save_key: Callable[[object], str | None],
    joins_save: bool = False,
    hidden=frozenset(),
    phrases: dict | None = None,
) -> list[HistoryEntry]:
    """One entry per record of `records` (historical records of the model of `meta`, oldest
    first per object) that created, deleted or visibly changed its object. `event(record,
    kind)` says what happened to the object ("" when its changes say it all); `save_key`
    names the save a record belongs to, which it starts or, with `joins_save`, joins (see
    history_saves); fields in `hidden` are left out;
    `phrases` names fields where FIELD_PHRASES does not suit."""
    entries = []
    previous_by_object: dict = {}
    fields = [
        field
        for field in meta.concrete_fields
        if field.name not in HISTORY_HIDDEN_FIELDS | set(hidden)
        and not field.name.endswith("_as_printed")
    ]
    names = {**FIELD_PHRASES, **(phrases or {})}
    for record in records:
        changes = history_changes(record, previous_by_object.get(record.id), fields, names)
        kind = HISTORY_KINDS[record.history_type]
        what = event(record, kind)
        if what or changes:
            entries.append(
                HistoryEntry(
                    when=record.history_date,
                    who=str(record.history_user) if record.history_user else _("the system"),
                    events=[what] if what else [],
                    changes=changes,
                    save_key=save_key(record),
                    joins_save=joins_save,
                )
            )
        previous_by_object[record.id] = record
    return entries


def history_saves(entries: list[HistoryEntry]) -> list[HistoryEntry]:
    """`entries` (of any records) as one per save, newest first: an entry that joins a save
    joins the latest earlier one with its key (a progress update and the change it made to
    its measure read as one sentence; a change both name is said once)."""
    saves: list[HistoryEntry] = []
    latest_by_key: dict[str, HistoryEntry] = {}
    for entry in sorted(entries, key=lambda entry: entry.when):
        save = latest_by_key.get(entry.save_key) if entry.joins_save else None
        if save is None:
            save = HistoryEntry(entry.when, entry.who, [], [], entry.save_key)
            saves.append(save)
        save.events += [e for e in entry.events if e not in save.events]
        save.changes += [c for c in entry.changes if c not in save.changes]
        if entry.save_key:
            latest_by_key[entry.save_key] = save
    return saves[::-1]


def history_changes(record, previous, fields, names=FIELD_PHRASES) -> list[HistoryChange]:
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
            name = str(names.get(field.name, field.verbose_name))
            changes.append(HistoryChange(field.name, name, before, after))
    return changes


def _display(field, value) -> str:
    """`value` of `field` as a sentence shows it in the active language ("" for none)."""
    if value in (None, "", []):
        return ""
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if field.name.endswith("percent"):
        return f"{value} %"
    if isinstance(field, models.DateTimeField):
        return date_format(timezone.localtime(value), "DATETIME_FORMAT")
    if isinstance(field, models.DateField):
        return date_format(value, "DATE_FORMAT")
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    if isinstance(field, (models.TextField, models.CharField)):
        return f"“{Truncator(str(value)).chars(QUOTED_TEXT_LENGTH)}”"
    return str(value)
