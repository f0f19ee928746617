"""axe-core's WCAG 2.2 AA rules, target size included, find no violation of any impact on the
pages coordinators and evaluators use, in English and in Dutch."""

import pytest

from measures.models import Measure
from tests.browser.conftest import COORDINATOR_PAGES, accessibility_violations
from tests.browser.test_pages_in_both_languages import LANGUAGES, open_in
from tests.factories import record_update

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_page_violates_wcag_22_aa(page, coordinator, report_pages, language):
    record_update(Measure.objects.get(code="5.1"), coordinator)
    found = []
    for username, addresses in (
        (None, ["/", "/measures/", "/measures/5.10/", "/glossary/", "/ministers/"]),
        ("coord-wvg", COORDINATOR_PAGES),
        ("evaluator", report_pages),
    ):
        page.context.clear_cookies()
        if username:
            open_in(page, language, username, "/")
        else:
            page.goto("/")
            origin = page.evaluate("location.origin")
            page.context.add_cookies(
                [{"name": "django_language", "value": language, "url": origin}]
            )
        for width in (390, 1280):
            page.set_viewport_size({"width": width, "height": 900})
            for address in addresses:
                page.goto(address)
                found += [
                    f"{address} at {width} px as {username or 'visitor'}: {violation}"
                    for violation in accessibility_violations(page)
                ]
    assert found == []
