"""Headless Chromium through Playwright, driving the system's /usr/bin/chromium.

Playwright's own browser download is never used: the system Chromium comes from Debian's
package. Without it these tests skip here, and fail in CI.
"""

import os
import shutil
from pathlib import Path

import pytest

from tests.conftest import require
from tests.factories import make_user, rounds_with_a_report

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright runs an event loop

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
AXE_JS = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture(scope="session")
def browser():
    require(Path(CHROMIUM).exists(), f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    context.set_default_timeout(15_000)
    opened = context.new_page()
    yield opened
    context.close()


def load_axe(page) -> None:
    """Put axe-core in the page. Evaluated through the browser's DevTools protocol: an inline
    <script> tag (as add_script_tag makes) is refused by the portal's Content-Security-Policy."""
    page.evaluate(AXE_JS.read_text(encoding="utf-8") + "\n;undefined")


# The rules of WCAG 2.2 at levels A and AA (target-size among them), as axe-core tags them.
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def accessibility_violations(page, impacts=("minor", "moderate", "serious", "critical")):
    """Run axe-core's WCAG 2.2 AA rules in the page; the violations of the given impacts, one
    line each, naming the first elements concerned."""
    load_axe(page)
    result = page.evaluate(
        "async (tags) => await axe.run(document, "
        "{runOnly: {type: 'tag', values: tags}, rules: {'target-size': {enabled: true}}, "
        "resultTypes: ['violations']})",
        WCAG_22_AA,
    )
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} – "
        + "; ".join(str(node["target"][0]) for node in violation["nodes"][:3])
        for violation in result["violations"]
        if violation["impact"] in impacts
    ]


def serious_accessibility_violations(page) -> list[str]:
    return accessibility_violations(page, impacts=("serious", "critical"))


# The pages a coordinator uses, that the phone-width and accessibility tests go through.
COORDINATOR_PAGES = [
    "/",
    "/plan/",
    "/measures/",
    "/measures/?actor=WVG&plan_status=N",
    "/measures/5.10/",
    "/actors/wvg/",
    "/measures/mine/",
    "/measures/5.1/updates/new/",
]


@pytest.fixture
def report_pages(plan):
    """The reports pages with something on them: a closed round with a report, an open one."""
    evaluator = make_user("evaluator", "evaluator")
    closed, opened, run = rounds_with_a_report(plan, evaluator)
    return [
        "/reports/",
        f"/reports/rounds/{closed.pk}/",
        f"/reports/rounds/{opened.pk}/",
        f"/reports/runs/{run.pk}/",
    ]
