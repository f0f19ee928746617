"""How reports and pages word a round's dates, in the active language: the situation they
describe (the end of the period) and, apart, when and by whom the round was closed."""

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from reporting.models import ReportingRound

LONG_DATE = "j F Y"


def round_situation_text(reporting_round: ReportingRound) -> str:
    """ "Situation at the end of the period: 30 September 2026"."""
    day = date_format(reporting_round.situation_date, LONG_DATE)
    return _("Situation at the end of the period: %(day)s") % {"day": day}


def round_closed_text(reporting_round: ReportingRound) -> str:
    """ "Closed on 30 November 2026 by jan" ("" while the round is open)."""
    if reporting_round.closed_on is None:
        return ""
    day = date_format(reporting_round.closed_on, LONG_DATE)
    who = reporting_round.closed_by_name
    if who:
        return _("Closed on %(day)s by %(who)s") % {"day": day, "who": who}
    return _("Closed on %(day)s") % {"day": day}


def round_compared_text(previous: ReportingRound) -> str:
    """How a report names the previous report it compares with."""
    day = date_format(previous.situation_date, LONG_DATE)
    return _("Compared with the situation at %(day)s, as reported in “%(title)s”.") % {
        "day": day,
        "title": previous.title,
    }
