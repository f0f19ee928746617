"""Writes to measures: recording and editing progress updates."""

import datetime
import re
from collections.abc import Collection
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from measures.history import progress_update_save_key
from measures.models import STATUSES_NEEDING_A_REASON, Measure, ProgressUpdate
from measures.permissions import measure_can_update, progress_update_can_edit
from measures.visibility import AUDIENCES, PROGRESS_FIELDS

# What progress updates alone write: each audience's status, percentage and date.
PROGRESS_FIELDS_OF_EVERY_AUDIENCE = [
    audience.field(name) for audience in AUDIENCES for name in PROGRESS_FIELDS
]

MAX_EVIDENCE_LINKS = 20
EARLIEST_REPORT_DATE = datetime.date(2000, 1, 1)
# Control characters other than tab and newline: never meant, and they break XLSX reports.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Bidirectional embedding, override and isolate controls: they make a text read differently
# from what it says (and from what a reviewer saw).
BIDI_CONTROL_CHARACTERS = re.compile("[\u202a-\u202e\u2066-\u2069]")
# Planned and actual completion dates: the plan runs this century.
COMPLETION_DATE_RANGE = (datetime.date(2000, 1, 1), datetime.date(2100, 12, 31))


class StaleWriteError(Exception):
    """Someone else saved the measure after the writer loaded it; nothing was written."""

    def __init__(self, measure: Measure, expected_version: int | None):
        self.measure = measure
        self.expected_version = expected_version
        super().__init__(
            _(
                "Measure %(code)s was changed by someone else while you were editing it. "
                "Your text is kept below: check the latest update, then save again."
            )
            % {"code": measure.code}
        )


class VersionMismatchError(StaleWriteError):
    """The versions a write says it is based on (HTTP If-Match) do not include the measure's
    current version; nothing was written."""


@dataclass(frozen=True)
class ProgressFields:
    """What a progress update says; checked by `progress_fields_clean`."""

    reported_on: datetime.date
    implementation_status: str
    progress_percent: int
    narrative: str
    visibility: str = ProgressUpdate.Visibility.PUBLIC
    reason: str = ""
    evidence_links: tuple[str, ...] = ()
    planned_date: datetime.date | None = None
    actual_date: datetime.date | None = None


def progress_fields_clean(fields: ProgressFields) -> ProgressFields:
    """Check the rules of a progress update; raise ValidationError naming each faulty field."""
    errors: dict[str, list[str]] = {}
    if fields.implementation_status in STATUSES_NEEDING_A_REASON and not fields.reason.strip():
        errors.setdefault("reason", []).append(
            _("Give the reason why the measure is delayed or discontinued.")
        )
    if not 0 <= fields.progress_percent <= 100:
        errors.setdefault("progress_percent", []).append(_("Give a percentage from 0 to 100."))
    if not fields.narrative.strip():
        errors.setdefault("narrative", []).append(_("Describe the progress."))
    for name in ("narrative", "reason"):
        if CONTROL_CHARACTERS.search(getattr(fields, name)):
            errors.setdefault(name, []).append(
                _("Remove the control characters (invisible characters) from the text.")
            )
        if BIDI_CONTROL_CHARACTERS.search(getattr(fields, name)):
            errors.setdefault(name, []).append(
                _("Remove the text-direction control characters (invisible characters).")
            )
    earliest, latest = COMPLETION_DATE_RANGE
    for name in ("planned_date", "actual_date"):
        value = getattr(fields, name)
        if value is not None and not earliest <= value <= latest:
            errors.setdefault(name, []).append(
                _("Give a date from %(earliest)s to %(latest)s.")
                % {"earliest": earliest.isoformat(), "latest": latest.isoformat()}
            )
    if fields.reported_on < EARLIEST_REPORT_DATE:
        errors.setdefault("reported_on", []).append(
            _("Give a date from %(date)s on.") % {"date": EARLIEST_REPORT_DATE.isoformat()}
        )
    if fields.reported_on > timezone.localdate():
        errors.setdefault("reported_on", []).append(
            _("The date of an update cannot be in the future.")
        )
    if len(fields.evidence_links) > MAX_EVIDENCE_LINKS:
        errors.setdefault("evidence_links", []).append(
            _("Give at most %(n)d evidence links.") % {"n": MAX_EVIDENCE_LINKS}
        )
    validate_url = URLValidator(schemes=["http", "https"])
    for link in fields.evidence_links:
        try:
            validate_url(link)
        except ValidationError:
            errors.setdefault("evidence_links", []).append(
                _("%(link)s is not a web address (http or https).") % {"link": link[:200]}
            )
    if errors:
        raise ValidationError(errors)
    return fields


def progress_update_create(
    *,
    measure: Measure,
    author,
    fields: ProgressFields,
    expected_version: int | None = None,
    matching_versions: Collection[int] | None = None,
) -> ProgressUpdate:
    """Record a progress update on `measure` and make it the measure's current progress.

    The write is based on `expected_version`, or on the measure's version as loaded; see
    `measure_base_version` for `matching_versions`. Raises PermissionDenied if `author` may not
    update the measure, ValidationError for a rule the update breaks, and StaleWriteError if
    the measure is no longer at the version the write is based on.
    """
    if not measure_can_update(author, measure):
        raise PermissionDenied(_("You may not update measure %(code)s.") % {"code": measure.code})
    base_version = measure_base_version(
        measure=measure, expected_version=expected_version, matching_versions=matching_versions
    )
    progress_fields_clean(fields)
    with transaction.atomic():
        _claim_version(measure, base_version)
        update = ProgressUpdate(measure=measure, author=author, **_model_values(fields))
        update._history_user = author
        update.save()
        measure_refresh_progress(measure=measure, changed_by=author, because_of=update)
    return update


def progress_update_edit(
    *, update: ProgressUpdate, editor, expected_version: int, fields: ProgressFields
) -> ProgressUpdate:
    """Change a recorded update under the same rules; the change is kept in its history.
    Saving it unchanged writes nothing: no new version, no empty entry in the history."""
    measure = update.measure
    if not progress_update_can_edit(editor, update):
        raise PermissionDenied(_("You may not update measure %(code)s.") % {"code": measure.code})
    progress_fields_clean(fields)
    if not progress_update_changes(update=update, fields=fields):
        return update
    with transaction.atomic():
        _claim_version(measure, expected_version)
        for name, value in _model_values(fields).items():
            setattr(update, name, value)
        update.version += 1  # the measure's version claim above serialises concurrent edits
        update._history_user = editor
        update.save()
        measure_refresh_progress(measure=measure, changed_by=editor, because_of=update)
    return update


def progress_update_changes(*, update: ProgressUpdate, fields: ProgressFields) -> bool:
    """Whether saving `fields` over `update` would change anything in it."""
    return any(getattr(update, name) != value for name, value in _model_values(fields).items())


def measure_refresh_progress(
    *, measure: Measure, changed_by=None, because_of: ProgressUpdate | None = None
) -> Measure:
    """Set the measure's progress, for each audience, from the latest update it sees;
    `because_of` is the update whose save this is (its history reads as one save)."""
    updates = ProgressUpdate.objects.filter(measure=measure).latest_first()
    measure.refresh_from_db(fields=["version"])
    for audience in AUDIENCES:
        source = audience.readable(updates).first()
        progress = {
            "implementation_status": source.implementation_status if source else "not_started",
            "progress_percent": source.progress_percent if source else 0,
            "last_update_at": source.created_at if source else None,
        }
        for name, value in progress.items():
            setattr(measure, audience.field(name), value)
    measure._history_user = changed_by
    if because_of is not None:
        measure._change_reason = progress_update_save_key(because_of.pk)
    measure.save()
    return measure


def measure_details_save(*, measure: Measure, editor, expected_version: int) -> Measure:
    """Save what an editor changed in `measure`'s plan data (the admin), based on
    `expected_version`: the version is claimed as by every other write (StaleWriteError if
    someone saved in between), and the progress fields are written as the database holds
    them, never as the editor loaded them (only progress updates set those)."""
    with transaction.atomic():
        _claim_version(measure, expected_version)
        # The claim locks the row until the commit: the progress read here stays current.
        measure.refresh_from_db(fields=[*PROGRESS_FIELDS_OF_EVERY_AUDIENCE, "version"])
        measure._history_user = editor
        measure.save()
    return measure


def measure_base_version(
    *,
    measure: Measure,
    expected_version: int | None = None,
    matching_versions: Collection[int] | None = None,
) -> int:
    """The version of `measure` a write is based on: `expected_version` if the writer names
    one, else the version `measure` was loaded at. `matching_versions` (what an HTTP If-Match
    names; None when it names none or any) must include the loaded version, or
    VersionMismatchError is raised. The write then claims the version (`_claim_version`)."""
    if matching_versions is not None and measure.version not in matching_versions:
        raise VersionMismatchError(measure, expected_version)
    return measure.version if expected_version is None else expected_version


def _claim_version(measure: Measure, expected_version: int) -> None:
    """Raise the measure's version if it is still `expected_version`, atomically."""
    claimed = Measure.objects.filter(pk=measure.pk, version=expected_version).update(
        version=F("version") + 1
    )
    if not claimed:
        raise StaleWriteError(measure, expected_version)


def _model_values(fields: ProgressFields) -> dict:
    return {
        "reported_on": fields.reported_on,
        "implementation_status": fields.implementation_status,
        "progress_percent": fields.progress_percent,
        "narrative": fields.narrative.strip(),
        "visibility": fields.visibility,
        "reason": fields.reason.strip(),
        "evidence_links": list(fields.evidence_links),
        "planned_date": fields.planned_date,
        "actual_date": fields.actual_date,
    }
