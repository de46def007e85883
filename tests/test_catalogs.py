"""The interface catalogs: complete in all seven languages, well-formed, compiled and in use.

Each catalog is read with a small parser of our own (the portal does not
depend on polib) and checked with GNU msgfmt, which also verifies that every
python-format entry keeps the placeholders of its msgid.
"""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings
from django.utils import translation

from tests.factories import ConferenceFactory, SessionFactory, StatementFactory

LOCALE = Path(settings.LOCALE_PATHS[0])
LANGUAGES = [code for code, _name in settings.LANGUAGES]
# gettext plural rules: Russian has three forms (1, 2–4, 5–20); the Turkic languages and Tajik
# inflect nouns after numerals in the singular, and gettext practice gives them two.
PLURAL_FORMS = {
    "en": "nplurals=2; plural=(n != 1);",
    "ru": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
    "uz": "nplurals=2; plural=(n != 1);",
    "kk": "nplurals=2; plural=(n != 1);",
    "ky": "nplurals=2; plural=(n != 1);",
    "tg": "nplurals=2; plural=(n != 1);",
    "tk": "nplurals=2; plural=(n != 1);",
}
SKIP_LINK = {
    "en": "Skip to main content",
    "ru": "Перейти к основному содержанию",
    "uz": "Asosiy mazmunga oʻtish",
    "kk": "Негізгі мазмұнға өту",
    "ky": "Негизги мазмунга өтүү",
    "tg": "Гузариш ба мундариҷаи асосӣ",
    "tk": "Esasy mazmuna geçmek",
}
SEARCH = {"en": "Search", "ru": "Поиск", "uz": "Qidirish", "kk": "Іздеу", "ky": "Издөө", "tg": "Ҷустуҷӯ", "tk": "Gözleg"}
PLACEHOLDER = re.compile(r"%\(\w+\)(?:\.\d+)?[sdf]|%[sd]|\{\w*\}|<[^>]+>")


def po_path(code):
    return LOCALE / code / "LC_MESSAGES" / "django.po"


def unquote(line):
    return line[line.index('"') + 1 : line.rindex('"')].encode("latin-1", "backslashreplace").decode("unicode_escape")


def read_po(path):
    """The entries of a .po file as dicts: msgctxt, msgid, msgid_plural, msgstr (a list), flags."""
    entries, entry, field = [], None, None
    for raw in path.read_text(encoding="utf-8").splitlines() + [""]:
        line = raw.strip()
        if not line or (line.startswith("#") and entry and entry["msgid"] is not None):
            if entry and entry["msgid"] is not None:
                entries.append(entry)
                entry = None
            if not line:
                continue
        if entry is None:
            entry = {"msgctxt": None, "msgid": None, "msgid_plural": None, "msgstr": [], "flags": set()}
        if line.startswith("#,"):
            entry["flags"].update(flag.strip() for flag in line[2:].split(","))
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            if field == "msgstr":
                entry["msgstr"][-1] += unquote(line)
            else:
                entry[field] += unquote(line)
        else:
            keyword = line.split(" ", 1)[0]
            field = "msgstr" if keyword.startswith("msgstr") else keyword
            if field == "msgstr":
                entry["msgstr"].append(unquote(line))
            else:
                entry[field] = unquote(line)
    return entries


def header(entries):
    return dict(line.split(": ", 1) for line in entries[0]["msgstr"][0].splitlines() if ": " in line)


@pytest.fixture(scope="module")
def compiled_catalogs():
    """Compile the catalogs when a .mo is missing or older than its .po, then make Django reload them."""
    stale = [
        code
        for code in LANGUAGES
        if not po_path(code).with_suffix(".mo").exists() or po_path(code).with_suffix(".mo").stat().st_mtime < po_path(code).stat().st_mtime
    ]
    if stale:
        call_command("compilemessages", locale=stale, ignore_patterns=[".venv"], verbosity=0)
    # Changing LOCALE_PATHS (even to itself) makes Django drop the translations it has cached.
    with override_settings(LOCALE_PATHS=list(settings.LOCALE_PATHS)):
        yield


@pytest.mark.parametrize("code", LANGUAGES)
def test_catalog_is_complete_without_fuzzy_entries(code):
    entries = read_po(po_path(code))
    assert entries[0]["msgid"] == ""
    assert len(entries) > 300
    empty = [entry["msgid"] for entry in entries[1:] if not all(text.strip() for text in entry["msgstr"])]
    fuzzy = [entry["msgid"] for entry in entries if "fuzzy" in entry["flags"]]
    assert empty == []
    assert fuzzy == []


@pytest.mark.parametrize("code", LANGUAGES)
def test_catalog_header_names_its_language_and_plural_rule(code):
    entries = read_po(po_path(code))
    assert header(entries)["Language"] == code
    assert header(entries)["Plural-Forms"] == PLURAL_FORMS[code]
    assert header(entries)["Content-Type"] == "text/plain; charset=UTF-8"
    nplurals = int(PLURAL_FORMS[code].split("nplurals=")[1].split(";")[0])
    plural_entries = [entry for entry in entries if entry["msgid_plural"] is not None]
    assert plural_entries
    assert {len(entry["msgstr"]) for entry in plural_entries} == {nplurals}


@pytest.mark.parametrize("code", LANGUAGES)
def test_catalog_keeps_every_placeholder_and_tag(code):
    wrong = []
    for entry in read_po(po_path(code))[1:]:
        expected = sorted(PLACEHOLDER.findall(entry["msgid"]))
        wrong += [(entry["msgid"], text) for text in entry["msgstr"] if sorted(PLACEHOLDER.findall(text)) != expected]
    assert wrong == []


@pytest.mark.parametrize("code", LANGUAGES)
def test_catalog_passes_msgfmt_check(code):
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(po_path(code))], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert "untranslated" not in result.stderr
    assert "fuzzy" not in result.stderr


@pytest.mark.same_on_every_database
def test_catalogs_hold_every_string_marked_for_translation(tmp_path):
    """makemessages over a copy of the portal finds nothing the committed catalogs lack."""
    copy = tmp_path / "portal"
    shutil.copytree(
        settings.BASE_DIR,
        copy,
        ignore=shutil.ignore_patterns(".*", "tests", "benchmarks", "media", "staticfiles", "build", "*.egg-info", "*.sqlite3", "*.mo"),
    )
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "--locale=en", "--no-obsolete", "--verbosity=0"],
        cwd=copy,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "cabmi_portal.settings"},
        check=True,
        capture_output=True,
    )

    def keys(path):
        return {(entry["msgctxt"], entry["msgid"], entry["msgid_plural"]) for entry in read_po(path)[1:]}

    assert keys(copy / "locale" / "en" / "LC_MESSAGES" / "django.po") - keys(po_path("en")) == set()


def test_english_catalog_repeats_its_msgids():
    entries = read_po(po_path("en"))[1:]
    assert [entry["msgstr"] for entry in entries] == [
        [entry["msgid"], entry["msgid_plural"]] if entry["msgid_plural"] is not None else [entry["msgid"]] for entry in entries
    ]


def test_uzbek_is_written_with_modifier_letters_not_quotes():
    """Oʻ and gʻ take U+02BB, the tutuq belgisi U+02BC; typewriter and curly apostrophes are wrong."""
    texts = [text for entry in read_po(po_path("uz"))[1:] for text in entry["msgstr"]]
    assert [text for text in texts if re.search(r"['‘’`]|[oOgG]ʼ", text)] == []
    assert any("oʻ" in text for text in texts)
    assert any("gʻ" in text for text in texts)
    assert any("ʼ" in text for text in texts)


@pytest.mark.parametrize("code", ["kk", "ky", "tg"])
def test_cyrillic_catalogs_use_their_own_letters(code):
    letters = {"kk": "әғқңөұүі", "ky": "ңөү", "tg": "ғӣқӯҳҷ"}[code]
    texts = "".join(text for entry in read_po(po_path(code))[1:] for text in entry["msgstr"])
    assert set(letters) <= set(texts)


@pytest.mark.parametrize("code", LANGUAGES)
def test_compiled_catalog_is_active(compiled_catalogs, code):
    with translation.override(code):
        assert translation.gettext("Skip to main content") == SKIP_LINK[code]
        assert translation.gettext("Search") == SEARCH[code]


def test_russian_plurals_take_three_forms(compiled_catalogs):
    with translation.override("ru"):
        forms = [translation.ngettext("%(count)s edition", "%(count)s editions", n) % {"count": n} for n in (1, 3, 5, 11, 21, 22)]
    assert forms == ["1 конференция", "3 конференции", "5 конференций", "11 конференций", "21 конференция", "22 конференции"]


def test_context_keeps_session_apart_from_its_plain_namesake(compiled_catalogs):
    with translation.override("ru"):
        assert translation.pgettext("programme", "Session") == "Заседание"
        assert translation.pgettext("programme", "Statement") == "Выступление"
        assert translation.gettext("Statements") == "Выступления"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("code", "expected", "english"),
    [
        (
            "ru",
            [
                "Перейти к основному содержанию",
                ">Поиск</button>",
                "Архив конференций",
                "Последняя конференция",
                "<strong>5</strong> выступлений",
                "<strong>1</strong> конференция в архиве",
            ],
            ["Skip to main content", ">Search</button>", "Latest edition", "statements"],
        ),
        (
            "uz",
            [
                "Asosiy mazmunga oʻtish",
                ">Qidirish</button>",
                "Konferensiyalar arxivi",
                "Soʻnggi konferensiya",
                "<strong>5</strong> ta nutq",
                "<strong>1</strong> ta konferensiya arxivda",
            ],
            ["Skip to main content", ">Search</button>", "Latest edition", "statements"],
        ),
    ],
)
def test_home_page_interface_is_in_the_page_language(client, compiled_catalogs, code, expected, english):
    conference = ConferenceFactory(published=True)
    StatementFactory.create_batch(5, session=SessionFactory(conference=conference))
    response = client.get(f"/{code}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert f'<html lang="{code}"' in html
    assert [text for text in expected if text not in html] == []
    assert [text for text in english if text in html] == []
