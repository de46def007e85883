"""The version of a PDF's content is what its records and catalogs say, the same on every server."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from events.proceedings.build import current_pdf
from events.proceedings.content import load_conference
from tests.factories import ConferenceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogs(tmp_path, settings):
    """A private copy of the compiled catalogs that the test may recompile and touch."""
    folder = tmp_path / "locale"
    shutil.copytree(Path(settings.BASE_DIR) / "locale", folder)
    settings.LOCALE_PATHS = [folder]
    return folder


def russian_hash(conference):
    return current_pdf(load_conference(conference.slug), "ru").content_hash


def compile_catalog(folder, code):
    messages = folder / code / "LC_MESSAGES"
    subprocess.run(["msgfmt", "-o", str(messages / "django.mo"), str(messages / "django.po")], check=True)


def test_content_hash_ignores_when_the_catalogs_were_compiled(catalogs):
    conference = ConferenceFactory(published=True)
    before = russian_hash(conference)
    compiled = catalogs / "ru" / "LC_MESSAGES" / "django.mo"
    os.utime(compiled, (1_000_000, 1_000_000))  # as a fresh checkout or another server would have it
    compile_catalog(catalogs, "ru")  # and as a deploy that compiles messages again

    assert russian_hash(conference) == before


def test_content_hash_changes_when_a_catalog_says_something_else(catalogs):
    conference = ConferenceFactory(published=True)
    before = russian_hash(conference)
    po = catalogs / "ru" / "LC_MESSAGES" / "django.po"
    po.write_text(po.read_text(encoding="utf-8").replace('msgstr "Программа"', 'msgstr "Программа конференции"', 1), encoding="utf-8")
    compile_catalog(catalogs, "ru")

    assert russian_hash(conference) != before

