"""The report as a PDF a ministry can send: WeasyPrint renders templates/reporting/report.html."""

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from actionplan.spreadsheets import CONTROL_CHARACTERS
from reporting.builders.charts import bar_chart
from reporting.selectors import ReportContent


def report_charts(content: ReportContent) -> dict:
    """The summary's charts, each drawn from the same numbers as the table beside it."""
    total = content.total or 1
    return {
        "status": bar_chart(
            [(c.label, c.count, f"{c.count} ({c.percent}%)", c.key) for c in content.by_status],
            maximum=total,
            title=_("Measures by implementation status"),
        ),
        "plan_status": bar_chart(
            [(c.label, c.count, f"{c.count} ({c.percent}%)", "") for c in content.by_plan_status],
            maximum=total,
            title=_("Measures by status in the plan"),
        ),
        "policy_lines": bar_chart(
            [
                (
                    _("Policy line %(number)d") % {"number": g.number},
                    g.average_percent,
                    f"{g.average_percent}%",
                    "",
                )
                for g in content.by_policy_line
            ],
            maximum=100,
            title=_("Average completion per policy line"),
        ),
    }


def render_report_html(content: ReportContent) -> str:
    """The report as HTML, without the control characters stored text may hold (a PDF would
    print them as boxes)."""
    html = render_to_string(
        "reporting/report.html", {"report": content, "charts": report_charts(content)}
    )
    return CONTROL_CHARACTERS.sub("", html)


def build_pdf(content: ReportContent) -> bytes:
    """The PDF: cover, contents, summary with charts, changes since the previous report, then
    policy line, action and measure, with page numbers."""
    from weasyprint import HTML

    html = render_report_html(content)
    return HTML(string=html, url_fetcher=_refuse_fetch).write_pdf()


def _refuse_fetch(url: str, *args, **kwargs):
    """The template is self-contained (inline CSS and SVG): a report never fetches anything,
    even if a stored text names a resource."""
    raise ValueError(f"Reports do not fetch resources ({url[:80]})")
