"""Export, fill the targets with a script, import, export again: the same file, and the pages in that language show it."""

import pytest
from django.core.management import call_command

from events.models import Conference
from sessions.models import Session
from tests.translators.conftest import fill


def bracketed(language):
    return lambda source: f"[{language}] {source}"


@pytest.mark.parametrize("suffix", ["xlf", "po"])
@pytest.mark.parametrize("language", ["uz", "ru"])
def test_round_trip_gives_back_the_filled_file(edition, tmp_path, language, suffix):
    exported = tmp_path / f"out.{suffix}"
    call_command("export_translation", edition.slug, "--language", language, "--output", str(exported))
    filled = tmp_path / f"filled.{suffix}"
    filled.write_bytes(fill(exported.read_bytes(), suffix, bracketed(language)))

    call_command("import_translation", str(filled))
    again = tmp_path / f"again.{suffix}"
    call_command("export_translation", edition.slug, "--language", language, "--output", str(again))

    assert again.read_bytes() == filled.read_bytes()
    assert again.read_bytes() != exported.read_bytes()


@pytest.mark.parametrize("language", ["uz", "ru"])
def test_imported_translation_shows_on_the_page_in_that_language(edition, tmp_path, client, language):
    exported = tmp_path / "out.xlf"
    call_command("export_translation", edition.slug, "--language", language, "--output", str(exported))
    filled = tmp_path / "filled.xlf"
    filled.write_bytes(fill(exported.read_bytes(), "xlf", bracketed(language)))

    call_command("import_translation", str(filled))

    page = client.get(f"/{language}/conferences/{edition.slug}/").content.decode()
    assert f"[{language}] 17th CABMI Conference" in page
    assert f"[{language}] Welcome to Tashkent." in page
    assert getattr(Session.objects.get(key="plenary"), f"title_{language}") == f"[{language}] Plenary"
    assert Conference.objects.get(pk=edition.pk).title_en == "17th CABMI Conference"


def test_imported_translation_is_in_the_pdf_in_that_language(edition, tmp_path, client):
    import io

    from pypdf import PdfReader

    exported = tmp_path / "out.xlf"
    call_command("export_translation", edition.slug, "--language", "uz", "--output", str(exported))
    filled = tmp_path / "filled.xlf"
    filled.write_bytes(fill(exported.read_bytes(), "xlf", bracketed("uz")))
    call_command("import_translation", str(filled))

    response = client.get(f"/uz/conferences/{edition.slug}/proceedings.pdf")

    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(b"".join(response.streaming_content))).pages)
    assert "[uz] Welcome to Tashkent." in " ".join(text.split())
