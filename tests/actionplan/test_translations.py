"""Dutch is complete: every interface string is translated, and the catalogue holds exactly
the strings of the source (what `makemessages` would find)."""

import ast
import contextlib
import shutil
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.management import call_command

from tests.conftest import require

CATALOGUE = Path("locale") / "nl" / "LC_MESSAGES" / "django.po"


@dataclass(frozen=True)
class Message:
    msgctxt: str | None
    msgid: str
    translations: tuple[str, ...]
    fuzzy: bool


def catalogue_messages(path: Path) -> list[Message]:
    """The messages of a .po file, header and obsolete (#~) entries left out."""
    messages = []
    for entry in path.read_text(encoding="utf-8").split("\n\n"):
        flags, fields, key = set(), {}, None
        for line in entry.strip().splitlines():
            if line.startswith("#,"):
                flags.update(flag.strip() for flag in line[2:].split(","))
            elif line.startswith('"'):
                fields[key] += ast.literal_eval(line)
            elif line and not line.startswith("#"):
                key, _, value = line.partition(" ")
                fields[key] = ast.literal_eval(value)
        if fields.get("msgid"):
            messages.append(
                Message(
                    msgctxt=fields.get("msgctxt"),
                    msgid=fields["msgid"],
                    translations=tuple(v for k, v in fields.items() if k.startswith("msgstr")),
                    fuzzy="fuzzy" in flags,
                )
            )
    return messages


def test_every_dutch_message_is_translated_and_none_is_fuzzy():
    messages = catalogue_messages(settings.BASE_DIR / CATALOGUE)
    assert len(messages) > 500
    assert [m.msgid for m in messages if m.fuzzy] == []
    assert [m.msgid for m in messages if not all(t.strip() for t in m.translations)] == []


def test_the_catalogue_holds_exactly_the_strings_of_the_source(tmp_path, settings):
    """makemessages, run on a copy of the source, finds nothing new and nothing stale."""
    require(shutil.which("xgettext") is not None, "no xgettext here (apt-get install gettext)")
    base = settings.BASE_DIR
    sources = [path for path in base.iterdir() if (path / "apps.py").exists()]
    for folder in (*sources, base / "templates", base / "locale"):
        shutil.copytree(folder, tmp_path / folder.name, ignore=shutil.ignore_patterns("*.pyc"))
    settings.LOCALE_PATHS = [tmp_path / "locale"]
    with contextlib.chdir(tmp_path):
        call_command("makemessages", locale=["nl"], verbosity=0)

    def keys(path):
        return {(m.msgctxt, m.msgid) for m in catalogue_messages(path)}

    found, committed = keys(tmp_path / CATALOGUE), keys(base / CATALOGUE)
    assert sorted(found - committed, key=str) == [], "new strings: run makemessages -l nl"
    assert sorted(committed - found, key=str) == [], "strings no longer in the source"
