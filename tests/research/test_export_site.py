"""The offline copy: every internal link of every page resolves to a file in the copy, and no page names a host."""

import re
import zipfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from django.core.management import CommandError, call_command
from django.test import TestCase

from tests.factories import PhotoFactory, StatementFactory
from tests.research.conftest import make_series_record

pytestmark = pytest.mark.django_db
LINKS = re.compile(r'\s(?:href|src|action)="([^"]*)"|\ssrcset="([^"]*)"')


def links_of(html):
    for href, srcset in LINKS.findall(html):
        if href:
            yield href.replace("&amp;", "&")
        else:
            yield from (candidate.strip().split(" ")[0] for candidate in srcset.split(","))


@pytest.fixture(scope="module")
def exported(module_records, tmp_path_factory):
    """The copy of a series in English and Russian, made once for the tests that only read it."""
    series_record = make_series_record()
    _first, second, _draft = series_record
    with TestCase.captureOnCommitCallbacks(execute=True):
        PhotoFactory(conference=second)
    StatementFactory(session=second.sessions.get(title="Opening"), text="A third statement.")
    output = tmp_path_factory.mktemp("export") / "site"
    call_command("export_site", str(output), "--language", "en", "--language", "ru", "--zip", stdout=open("/dev/null", "w"),
                 stderr=open("/dev/null", "w"))
    return output, series_record


def test_every_internal_link_resolves_to_a_file_and_no_page_names_a_host(exported):
    output, (first, second, draft) = exported
    pages = sorted(output.rglob("*.html"))
    assert len(pages) > 20
    broken, hosts = [], []
    for page in pages:
        html = page.read_text(encoding="utf-8")
        if re.search(r"https?://(offline\.invalid|testserver|localhost|127\.0\.0\.1)", html):
            hosts.append(str(page.relative_to(output)))
        for link in links_of(html):
            parts = urlsplit(link)
            if parts.scheme or link.startswith(("#", "//")):
                assert parts.scheme in ("http", "https", "mailto", ""), link
                assert not link.startswith("//"), link
                continue
            if not (page.parent / unquote(parts.path)).resolve().is_file():
                broken.append(f"{page.relative_to(output)} -> {link}")
    assert broken == []
    assert hosts == []
    # Every kind of file the copy promises is there.
    for path in (f"en/conferences/{second.slug}/index.html", f"ru/conferences/{first.slug}/index.html",
                 f"ru/conferences/{second.slug}/proceedings.pdf", f"data/conferences/{second.slug}.json",
                 "ru/series/cabmi/participation.csv", "en/series/cabmi/participation/index.html", "en/search/index.html",
                 "static/css/portal.css"):
        assert (output / path).is_file(), path
    assert (output / f"ru/conferences/{second.slug}/proceedings.pdf").read_bytes().startswith(b"%PDF")
    # No draft, no other language, no original photo.
    assert not list(output.rglob(f"*{draft.slug}*"))
    assert not (output / "uz").exists()
    media = [path for path in output.rglob("*") if path.is_file() and "media" in path.parts]
    assert media and all("renditions" in path.as_posix() or re.search(r"-\d+w?\.(webp|jpg)$", path.name) for path in media), media


def test_search_is_replaced_by_an_index_of_the_copy(exported):
    output, (_first, second, _draft) = exported
    page = (output / f"ru/conferences/{second.slug}/index.html").read_text(encoding="utf-8")
    assert 'action="../../search/index.html"' in page
    index = (output / "ru/search/index.html").read_text(encoding="utf-8")
    assert second.title_ru in index and "Хельга Мария Шмид" in index


def test_zip_holds_the_same_files(exported):
    output, _record = exported
    with zipfile.ZipFile(Path(f"{output}.zip")) as archive:
        names = set(archive.namelist())
    assert names == {path.relative_to(output).as_posix() for path in output.rglob("*") if path.is_file()}


def test_refuses_a_folder_that_holds_files_and_an_unknown_language(tmp_path, exported):
    (tmp_path / "keep.txt").write_text("mine")
    with pytest.raises(CommandError, match="not an empty folder"):
        call_command("export_site", str(tmp_path))
    with pytest.raises(CommandError, match="Unknown language"):
        call_command("export_site", str(tmp_path / "new"), "--language", "fr")
    assert (tmp_path / "keep.txt").read_text() == "mine"


def test_citations_name_the_public_address_when_given(tmp_path, exported):
    _output, (_first, second, _draft) = exported
    output = tmp_path / "site"
    call_command("export_site", str(output), "--language", "en", "--site-url", "https://cabmi.example.org/",
                 stdout=open("/dev/null", "w"), stderr=open("/dev/null", "w"))
    page = (output / f"en/conferences/{second.slug}/index.html").read_text(encoding="utf-8")
    assert f"https://cabmi.example.org/en/conferences/{second.slug}/" in page
    assert "offline.invalid" not in (output / f"en/conferences/{second.slug}/cite.bib").read_text(encoding="utf-8")
