"""The PDF proceedings through their public URL: content, structure, metadata, caching, locking."""

import io
import re
import threading

import pytest
from django.core.files.storage import default_storage
from django.db import connection
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext
from pypdf import PdfReader

from events.proceedings.build import current_pdf, proceedings_built
from events.proceedings.content import load_conference
from events.proceedings.locks import build_lock
from tests.conftest import run_queued
from tests.factories import (
    ConferenceFactory,
    OrganizationFactory,
    ParticipationFactory,
    PersonFactory,
    PhotoFactory,
    RoleFactory,
    SessionFactory,
    StatementFactory,
    country,
)

pytestmark = pytest.mark.django_db
TOC_LINE = re.compile(r"^(?P<title>.+?)\s*(?:\.\s)+\.?\s*(?P<page>\d+)$")


BODY = (
    "Participants discussed emerging challenges in border security and management associated with the new security "
    "landscape in the region, following the developments in Afghanistan. Participants also exchanged information on the "
    "current situation and their progress in the area of border security and management."
)
BODY_RU = (
    "Участники обсудили новые вызовы в сфере безопасности и управления границами, связанные с изменившейся обстановкой "
    "в области безопасности в регионе после событий в Афганистане. Участники также обменялись информацией о текущей "
    "ситуации и о достигнутом прогрессе в области безопасности и управления границами."
)


def make_edition(**kwargs):
    """A small published edition: two sessions with statements, one without, roles, participants, a photo."""
    # Stored as records kept from before the sources were checked may be: one with an address no reader should follow.
    sources = [
        {"url": "https://www.osce.org/press", "title": "OSCE press release", "lang": "en"},
        {"url": "javascript:alert(1)", "title": "Scripted source"},
    ]
    conference = ConferenceFactory(published=True, participants_count=120, sources=sources, body=BODY, body_ru=BODY_RU, **kwargs)
    RoleFactory(conference=conference, organization=OrganizationFactory(name="OSCE Secretariat", name_ru="Секретариат ОБСЕ"))
    RoleFactory(conference=conference, role="host", organization=None, country=country("UZ"))
    ParticipationFactory(conference=conference)
    ParticipationFactory(conference=conference, country=country("TJ"), attendance="online")
    opening = SessionFactory(conference=conference, title="Opening", title_ru="Открытие", order=0)
    helga = PersonFactory(name="Helga Maria Schmid", name_ru="Хельга Мария Шмид", family_name="Schmid", family_name_ru="Шмид")
    StatementFactory(
        session=opening, delivery="video", speaker=helga,
        text="Today’s CABMI Conference brings all relevant actors together.",
        text_ru="Сегодняшняя конференция CABMI объединяет всех заинтересованных участников.",
    )
    StatementFactory(session=opening)
    plenary = SessionFactory(conference=conference, title="Plenary", title_ru="Пленарное заседание", order=1)
    StatementFactory(
        session=plenary, speaker=PersonFactory(name="Ashita Mittal", name_ru="Ашита Миттал", family_name="Mittal", family_name_ru="Миттал")
    )
    StatementFactory(session=plenary, speaker=PersonFactory(name="Johann Bezdeka", name_ru="", family_name="Bezdeka", family_name_ru=""))
    StatementFactory(session=plenary, speaker=helga, text="Closing remarks.", text_ru="Заключительное слово.")
    SessionFactory(conference=conference, title="Site visit", title_ru="Посещение", order=2)
    PhotoFactory(conference=conference, image__size=(400, 250))
    return conference


@pytest.fixture(scope="module")
def edition(django_db_setup, django_db_blocker):
    """One edition and its PDFs in Russian and Uzbek, built once for the module (WeasyPrint is slow)."""
    with django_db_blocker.unblock():
        conference = make_edition()
        client = Client()
        responses = {lang: client.get(f"/{lang}/conferences/{conference.slug}/proceedings.pdf") for lang in ("ru", "uz")}
        yield conference, responses
        delete_edition(conference)


def delete_edition(conference):
    """Remove the module's edition and the people and organizations it made, leaving the database as found."""
    statements = [s for session in conference.sessions.all() for s in session.statements.all()]
    people = {s.speaker for s in statements}
    organizations = {s.organization for s in statements} | {r.organization for r in conference.roles.all() if r.organization}
    conference.delete()
    for record in [*people, *organizations]:
        record.delete()


def reader(response):
    return PdfReader(io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content))


@pytest.fixture(scope="module")
def russian(edition):
    return reader(edition[1]["ru"])


@pytest.fixture(scope="module")
def uzbek(edition):
    return reader(edition[1]["uz"])


def text_of(pdf):
    """The document's words, with words hyphenated at a line's end joined again."""
    return " ".join(" ".join(page.extract_text().replace("\u2010\n", "").split()) for page in pdf.pages)


def outline(pdf, items=None):
    """[(title, page number), ...] of every bookmark, depth first."""
    entries = []
    for item in pdf.outline if items is None else items:
        if isinstance(item, list):
            entries += outline(pdf, item)
        else:
            entries.append((item.title, pdf.get_destination_page_number(item) + 1))
    return entries


def contents(pdf):
    """[(title, page number), ...] as the table of contents lists them."""
    page = next(p for p in pdf.pages if p.extract_text().startswith(gettext("Contents")))
    return [(m["title"], int(m["page"])) for line in page.extract_text().splitlines() if (m := TOC_LINE.match(line.strip()))]


def test_proceedings_russian_pdf_shows_russian_title_and_statement(edition, russian):
    response = edition[1]["ru"]
    text = text_of(russian)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "17-я конференция Инициативы по управлению границами в Центральной Азии"[3:] in text
    assert "Сегодняшняя конференция CABMI объединяет всех заинтересованных участников." in text
    assert "Хельга Мария Шмид" in text
    assert "Посещение" in text  # a session without statements still appears


def test_proceedings_uzbek_pdf_explains_english_fallback_once_per_chapter_and_never_for_names(uzbek):
    with translation.override("uz"):
        note = gettext("Some text here is not yet translated: it is shown in English and marked with a dotted line.")
    pages = [" ".join(page.extract_text().split()) for page in uzbek.pages]
    statements = next(page for page in pages if "Today’s CABMI Conference brings all relevant actors together." in page)
    assert statements.count(note) == 1
    assert "Helga Maria Schmid" in statements
    # Names only (the speaker index): nothing to explain.
    with translation.override("uz"):
        index = pages[-1][pages[-1].index(gettext("Index of speakers")):]
    assert note not in index
    assert "Bezdeka, Johann" in pages[-1]


def test_proceedings_bookmarks_point_at_the_pages_the_contents_list(russian):
    bookmarks = outline(russian)
    with translation.override("ru"):
        toc = contents(russian)
    assert [title for title, _page in bookmarks][3:6] == ["Открытие", "Пленарное заседание", "Посещение"]
    assert len(bookmarks) == 9
    assert toc == bookmarks


def test_proceedings_index_of_speakers_names_the_pages_they_speak_on(russian):
    pages = [" ".join(page.extract_text().split()) for page in russian.pages]
    first = 1 + next(n for n, text in enumerate(pages) if "Сегодняшняя конференция CABMI" in text)
    second = 1 + next(n for n, text in enumerate(pages) if "Заключительное слово." in text)
    with translation.override("ru"):
        assert gettext("Index of speakers") in pages[-1]
    assert re.search(rf"Шмид, Хельга Мария[ .]+{first}, {second} ", pages[-1])
    assert re.search(r"Миттал, Ашита[ .]+\d+ ", pages[-1])


def test_proceedings_index_of_speakers_sorts_by_family_name_in_the_language_s_own_order(russian, uzbek):
    def index_names(pdf):
        lines = [line for line in pdf.pages[-1].extract_text().splitlines() if " . . . " in line]
        return [re.split(r"\s*(?:\. ?){3,}", line)[0] for line in lines]

    assert index_names(russian) == ["Миттал, Ашита", index_names(russian)[1], "Шмид, Хельга Мария", "Bezdeka, Johann"]
    assert index_names(uzbek) == ["Bezdeka, Johann", "Mittal, Ashita", index_names(uzbek)[2], "Schmid, Helga Maria"]


def test_proceedings_page_numbers_match_the_page_count(russian):
    last_page_lines = russian.pages[-1].extract_text().split()
    assert last_page_lines[-1] == str(len(russian.pages))


def test_proceedings_short_chapters_share_pages_and_each_absence_is_said_once(russian):
    # Cover, colophon, contents; summary with programme; sessions; participants with photos and the index.
    assert len(russian.pages) == 6
    lines = russian.pages[3].extract_text().splitlines()
    assert lines[0] == "Краткое содержание"
    assert "Программа" in lines
    text = text_of(russian)
    assert text.count("No statements were recorded") == 0
    with translation.override("ru"):
        assert text.count(gettext("Sessions without a statement on record show their description only.")) == 1
        assert text.count(gettext("Not recorded")) == 0


def test_proceedings_every_font_is_embedded(russian):
    fonts = {}
    for page in russian.pages:
        for font in (page["/Resources"].get_object().get("/Font") or {}).values():
            font = font.get_object()
            descriptor = (font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font)["/FontDescriptor"].get_object()
            fonts[str(font["/BaseFont"])] = any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
    assert len(fonts) >= 3
    assert all(fonts.values()), fonts
    assert all("+Proceedings-" in name for name in fonts), fonts  # only the faces named in the CSS: nothing fell back


def test_proceedings_metadata_set_and_pdf_tagged(edition, russian):
    conference = edition[0]
    root = russian.trailer["/Root"]
    assert russian.metadata.title == f"{conference.short_title} — {conference.title_ru}"
    assert russian.metadata.author == "Секретариат ОБСЕ"
    assert russian.metadata.subject
    assert russian.metadata.creation_date is not None
    assert root["/Lang"] == "ru"
    assert root["/MarkInfo"] == {"/Marked": True}
    assert "/StructTreeRoot" in root


def test_proceedings_response_headers_name_the_content(edition):
    conference, responses = edition
    response = responses["ru"]
    assert response["ETag"] == f'"{current_pdf(load_conference(conference.slug), "ru").content_hash}"'
    assert response["Content-Disposition"] == f'attachment; filename="{conference.slug}-proceedings-ru.pdf"'
    assert response["Last-Modified"]


@pytest.mark.parametrize("header", ["HTTP_IF_NONE_MATCH", "HTTP_IF_MODIFIED_SINCE"])
def test_proceedings_revalidation_answers_304(edition, client, header):
    conference, responses = edition
    value = responses["ru"]["ETag"] if header == "HTTP_IF_NONE_MATCH" else responses["ru"]["Last-Modified"]
    response = client.get(f"/ru/conferences/{conference.slug}/proceedings.pdf", **{header: value})
    assert response.status_code == 304
    assert response["ETag"] == responses["ru"]["ETag"]


def test_proceedings_of_a_draft_is_404(client):
    conference = ConferenceFactory(sessions=1)
    assert client.get(f"/en/conferences/{conference.slug}/proceedings.pdf").status_code == 404
    assert client.get("/en/conferences/no-such-edition/proceedings.pdf").status_code == 404
    assert default_storage.exists(f"proceedings/{conference.slug}") is False


def test_proceedings_editing_a_statement_changes_etag_and_text(client):
    conference = ConferenceFactory(published=True, sessions=1, sessions__statements=1)
    url = f"/ru/conferences/{conference.slug}/proceedings.pdf"
    before = client.get(url)
    statement = conference.sessions.get().statements.get()
    statement.text_ru = "Исправленный текст выступления."
    statement.save()
    after = client.get(url, HTTP_IF_NONE_MATCH=before["ETag"])
    assert after.status_code == 200
    assert after["ETag"] != before["ETag"]
    assert "Исправленный текст выступления." in text_of(reader(after))
    assert "Исправленный" not in text_of(reader(before))


@pytest.fixture
def renders():
    built = []

    def count(sender, name, **kwargs):
        built.append(name)

    proceedings_built.connect(count)
    yield built
    proceedings_built.disconnect(count)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_proceedings_concurrent_requests_queue_one_build_and_render_nothing(renders, queued_tasks):
    conference = ConferenceFactory(published=True, sessions=1, sessions__statements=1)
    queued_tasks.clear()  # publishing queued a refresh of every language: not what this test is about
    url = f"/en/conferences/{conference.slug}/proceedings.pdf"
    results = []

    def fetch():
        response = Client().get(url)
        results.append((response.status_code, response["Retry-After"]))
        connection.close()

    threads = [threading.Thread(target=fetch) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [(503, "10")] * 4
    assert renders == []
    assert [(t.task.name, t.args) for t in queued_tasks] == [("build_pdf", [conference.slug, "en", False])]

    run_queued(queued_tasks)

    assert len(renders) == 1
    response = Client().get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_proceedings_build_in_progress_answers_503(client, settings, renders):
    settings.PROCEEDINGS_BUILD_WAIT = 0.2
    conference = ConferenceFactory(published=True)
    name = current_pdf(load_conference(conference.slug), "en").name
    held, release = threading.Event(), threading.Event()

    def hold():
        with build_lock(name, wait_seconds=0):
            held.set()
            release.wait(10)
        connection.close()

    holder = threading.Thread(target=hold)
    holder.start()
    held.wait(10)
    try:
        response = client.get(f"/en/conferences/{conference.slug}/proceedings.pdf")
    finally:
        release.set()
        holder.join()
    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    assert "<h1>The proceedings are being prepared</h1>" in response.content.decode()
    assert renders == []
    assert client.get(f"/en/conferences/{conference.slug}/proceedings.pdf").status_code == 200


@pytest.mark.parametrize("language", ["ru", "uz"])
def test_proceedings_running_text_keeps_a_measure_of_about_seventy_characters(request, language):
    pdf = request.getfixturevalue({"ru": "russian", "uz": "uzbek"}[language])
    lines = pdf.pages[3].extract_text().splitlines()
    body = BODY_RU if language == "ru" else BODY
    start = next(n for n, line in enumerate(lines) if body.startswith(line.strip()[:20]))
    paragraph = [line.strip() for line in lines[start:start + 4]]
    assert all(len(line) <= 78 for line in paragraph), paragraph
    assert all(len(line) >= 55 for line in paragraph[:-1]), paragraph


def test_pdf_shows_sources_as_the_page_and_the_open_data_do(russian, edition, client):
    """One reading of the sources: the address that is no web address is a link nowhere, its title is kept."""
    conference = edition[0]
    text = text_of(russian)
    page = client.get(conference.get_absolute_url()).content.decode()
    data = client.get(f"/data/conferences/{conference.slug}.json").json()

    assert "OSCE press release, https://www.osce.org/press" in text and "Scripted source" in text
    assert "javascript" not in text and "javascript" not in page
    assert data["sources"] == [
        {"url": "https://www.osce.org/press", "title": "OSCE press release", "lang": "en"},
        {"title": "Scripted source"},
    ]

