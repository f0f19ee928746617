"""The Dutch pages leave no interface text in English.

Each page is rendered in English and in Dutch. A piece of text (or a label such as aria-label)
that reads the same in both is either data (the plan's own wording, an actor's name, what a
coordinator typed: found in the database), Dutch that reads as English does (found in the
catalogue's Dutch), a code sample, or marked as another language (`lang="en"`, as the language
switcher names English). Anything else is interface text that nobody translated."""

import re
from html.parser import HTMLParser

import pytest
from django.apps import apps
from django.conf import settings
from django.db import models

from actionplan.html import html_to_text
from measures.models import Measure
from tests.actionplan.test_translations import CATALOGUE, catalogue_messages
from tests.factories import record_update, rounds_with_a_report

pytestmark = pytest.mark.django_db

SKIPPED_ELEMENTS = {"script", "style", "code"}  # code samples are in no language
TEXT_ATTRIBUTES = {"aria-label", "title", "placeholder", "alt"}
WORD = re.compile(r"[^\W\d_]{2,}")
ENDS = re.compile(r"^[\W\d_]+|[\W\d_]+$")


class PageText(HTMLParser):
    """The text of a page a reader meets: text nodes and labelling attributes, outside scripts,
    styles and parts marked as another language than the page's."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}

    def __init__(self, language: str):
        super().__init__(convert_charrefs=True)
        self.language = language
        self.skipping: list[str] = []  # open elements whose content is skipped
        self.pieces: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        other_language = attributes.get("lang", self.language).split("-")[0] != self.language
        if self.skipping or tag in SKIPPED_ELEMENTS or (other_language and tag != "html"):
            if tag not in self.VOID:
                self.skipping.append(tag)
            return
        for name in TEXT_ATTRIBUTES & attributes.keys():
            self.add(attributes[name])
        if tag == "input" and attributes.get("type") in {"submit", "button"}:
            self.add(attributes.get("value") or "")

    def handle_endtag(self, tag):
        if self.skipping and self.skipping[-1] == tag:
            self.skipping.pop()

    def handle_data(self, data):
        if not self.skipping:
            self.add(data)

    def add(self, text: str) -> None:
        # Pages join data with separators ("WVG – Welfare ...", "Youth (Minister for ...;
        # ...)", "Government of Flanders: Action plan ..."): each part is judged on its own.
        for line in re.split(r"\s*(?:\n|·|›|\||–|\(|\)|;|:\s)\s*", text):
            piece = ENDS.sub("", " ".join(line.split()))
            if WORD.search(piece):
                self.pieces.add(piece)


def page_text(client, address: str, language: str) -> set[str]:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(address)
    assert response.status_code in {200, 404}, (address, response.status_code)
    parser = PageText(language)
    parser.feed(response.content.decode())
    return parser.pieces


def database_text() -> str:
    """Every text the database holds (HTML also as plain text): what pages show as data."""
    values = []
    for model in apps.get_models():
        fields = [
            field.name
            for field in model._meta.concrete_fields
            if isinstance(field, models.CharField | models.TextField | models.JSONField)
        ]
        for row in model.objects.values_list(*fields) if fields else ():
            for value in row:
                if value:
                    text = str(value)
                    values += [text, html_to_text(text)] if "<" in text else [text]
    return " ".join(" ".join(value.split()) for value in values)


def dutch_catalogue_text() -> str:
    """The catalogue's Dutch: text found in it (a word Dutch writes as English does, such as
    "Partner" or "REST API") is Dutch interface text too."""
    return " ".join(
        " ".join(translation.split())
        for message in catalogue_messages(settings.BASE_DIR / CATALOGUE)
        for translation in message.translations
    )


def untranslated(client, addresses: list[str]) -> list[str]:
    data, catalogue = database_text(), dutch_catalogue_text()
    found = []
    for address in addresses:
        english = page_text(client, address, "en")
        dutch = page_text(client, address, "nl")
        found += [
            f"{address}: {piece!r}"
            for piece in sorted(english & dutch)
            if piece not in catalogue and piece not in data
        ]
    return found


@pytest.fixture
def rounds(plan, evaluator, coordinator):
    record_update(Measure.objects.get(code="5.1"), coordinator, narrative="Op schema.")
    return rounds_with_a_report(plan, evaluator, ("Eerste helft 2026", "Tweede helft 2026"))


def test_public_pages_in_dutch_have_no_english_interface_text(client, rounds):
    assert (
        untranslated(
            client,
            [
                "/",
                "/plan/",
                "/measures/",
                "/measures/?actor=WVG&plan_status=N",
                "/measures/5.1/",
                "/measures/5.10/",
                "/actors/",
                "/actors/wvg/",
                "/ministers/",
                "/glossary/",
                "/accounts/login/",
                "/accounts/password_reset/",
                "/there-is-no-such-page/",
            ],
        )
        == []
    )


def test_a_coordinators_pages_in_dutch_have_no_english_interface_text(client, coordinator, rounds):
    client.force_login(coordinator)
    update = Measure.objects.get(code="5.1").progress_updates.first()
    assert (
        untranslated(
            client,
            [
                "/measures/mine/",
                "/measures/5.1/",
                "/measures/5.1/updates/new/",
                f"/measures/5.1/updates/{update.pk}/edit/",
                "/account/tokens/",
                "/accounts/password_change/",
            ],
        )
        == []
    )


def test_an_evaluators_pages_in_dutch_have_no_english_interface_text(client, evaluator, rounds):
    closed, opened, run = rounds
    client.force_login(evaluator)
    assert (
        untranslated(
            client,
            [
                "/reports/",
                f"/reports/rounds/{closed.pk}/",
                f"/reports/rounds/{opened.pk}/",
                f"/reports/rounds/{opened.pk}/close/",
                f"/reports/runs/{run.pk}/",
            ],
        )
        == []
    )
