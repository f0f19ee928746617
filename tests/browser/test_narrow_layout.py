"""On a phone (390 px) a measure's page keeps each breadcrumb's separator beside its link, and
the caption of a table that scrolls sideways stays whole in view."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_breadcrumbs_and_table_captions_fit_a_phone(page, plan):
    page.set_viewport_size({"width": 390, "height": 900})
    page.goto("/measures/5.10/")

    for item in page.locator(".breadcrumbs li + li").all():
        separator_top = item.evaluate("e => e.getBoundingClientRect().top")
        link_top = item.locator("a").evaluate("e => e.getBoundingClientRect().top")
        assert abs(separator_top - link_top) < 4, item.inner_text()

    caption = page.locator(".table-scroll caption").first
    caption.scroll_into_view_if_needed()
    box = caption.evaluate("e => e.getBoundingClientRect().toJSON()")
    assert box["left"] >= 0 and box["right"] <= 390
