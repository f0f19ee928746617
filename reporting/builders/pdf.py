"""The report as an accessible PDF a ministry can send: WeasyPrint renders
templates/reporting/report.html as PDF/UA-1 (tagged in reading order, its title shown, its
language set, every chart an image with alternative text, bookmarks down to each measure)."""

import base64
import gc
from contextlib import contextmanager
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from actionplan.spreadsheets import CONTROL_CHARACTERS
from reporting.builders.charts import bar_chart
from reporting.selectors import ReportContent

SVG_DATA_URI = "data:image/svg+xml;base64,"


@dataclass(frozen=True)
class Chart:
    """A chart as an image: the PDF tags it as a figure with `alt`, read before its table."""

    uri: str
    alt: str


def _chart(svg: str, title: str) -> Chart:
    alt = _("%(title)s: a bar chart; the table after it gives the same figures.") % {"title": title}
    return Chart(uri=SVG_DATA_URI + base64.b64encode(svg.encode()).decode(), alt=alt)


def _policy_line_label(number: int, title: str) -> str:
    """A policy line named in a chart: its number and the first words of its title."""
    words = title.split()
    short = " ".join(words[:4]) + ("…" if len(words) > 4 else "")
    return f"{number}. {short}"


def report_charts(content: ReportContent) -> dict[str, Chart]:
    """The summary's charts, each drawn from the same numbers as the table after it."""
    total = content.total or 1
    titles = {
        "status": _("Measures by implementation status"),
        "plan_status": _("Measures by status in the plan"),
        "policy_lines": _("Average completion per policy line"),
    }
    svgs = {
        "status": bar_chart(
            [(c.label, c.count, f"{c.count} ({c.percent}%)", c.key) for c in content.by_status],
            maximum=total,
            title=titles["status"],
        ),
        "plan_status": bar_chart(
            [(c.label, c.count, f"{c.count} ({c.percent}%)", "") for c in content.by_plan_status],
            maximum=total,
            title=titles["plan_status"],
        ),
        "policy_lines": bar_chart(
            [
                (
                    _policy_line_label(g.number, g.title),
                    g.average_percent,
                    f"{g.average_percent}%",
                    "",
                )
                for g in content.by_policy_line
            ],
            maximum=100,
            title=titles["policy_lines"],
            label_width=230,
        ),
    }
    return {key: _chart(svg, titles[key]) for key, svg in svgs.items()}


def render_report_html(content: ReportContent) -> str:
    """The report as HTML, without the control characters stored text may hold (a PDF would
    print them as boxes)."""
    html = render_to_string(
        "reporting/report.html", {"report": content, "charts": report_charts(content)}
    )
    return CONTROL_CHARACTERS.sub("", html)


def build_pdf(content: ReportContent) -> bytes:
    """The PDF/UA-1 file: cover, contents, summary with charts, attention points, changes since
    the previous report, then policy line, action and measure, with page numbers."""
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    html = render_report_html(content)
    # The template is self-contained (inline CSS, charts as data URIs): a report fetches
    # nothing over a network or from disk, even if a stored text names a resource.
    fetcher = URLFetcher(allowed_protocols={"data"})
    _cache_page_references()
    with _without_cycle_collection():
        return HTML(string=html, url_fetcher=fetcher).write_pdf(pdf_variant="pdf/ua-1")


def _page_references(pdf) -> tuple[bytes, ...]:
    """pydyf's `PDF.page_references`, made once per page count: pydyf builds the whole tuple
    again on every read, and WeasyPrint's PDF/UA tags read it once per tagged element, so a
    long report spent most of its time there (elements × pages). Same value, read in O(1)."""
    kids = pdf.pages["Kids"]
    cached = pdf.__dict__.get("_page_references_cache")
    if cached is None or cached[0] != len(kids):
        cached = (len(kids), tuple(f"{number} 0 R".encode("ascii") for number in kids[::3]))
        pdf.__dict__["_page_references_cache"] = cached
    return cached[1]


def _cache_page_references() -> None:
    import pydyf

    # Once per process and never undone, so that no thread sees it change under it.
    if getattr(pydyf.PDF.page_references, "fget", None) is not _page_references:
        pydyf.PDF.page_references = property(_page_references)


@contextmanager
def _without_cycle_collection():
    """WeasyPrint makes millions of long-lived objects for a long report; Python's cycle
    collector would walk all of them again and again while they are made (a third of the CPU
    time at 2,000 measures, more the longer the report). Collect once, afterwards."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
        gc.collect()
