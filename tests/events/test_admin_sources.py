"""A conference's sources are edited as rows (title, web address, language, date), and kept exactly as stored."""

import json

import pytest
from django.urls import reverse

from tests.events.test_admin import changeform_data
from tests.factories import ConferenceFactory

pytestmark = pytest.mark.django_db

STORED = [
    {"url": "https://www.osce.org/press-release", "title": "Press release", "lang": "en"},
    {"title": "Программа", "url": "https://example.org/programme.pdf"},
]


def change_url(conference):
    return reverse("admin:events_conference_change", args=[conference.pk])


def rows_data(response, rows):
    """The form as rendered, with the sources posted as the rows a browser sends."""
    data = changeform_data(response)
    data.pop("sources", None)
    for column in ("title", "url", "lang", "date", "original"):
        data[f"sources-{column}"] = [row.get(column, "") for row in rows]
    return data


def test_sources_are_shown_as_rows_with_language_names(admin_client):
    conference = ConferenceFactory(sources=STORED)

    page = admin_client.get(change_url(conference)).content.decode()

    assert 'name="sources-title"' in page
    assert 'value="Press release"' in page
    assert 'value="https://example.org/programme.pdf"' in page
    assert '<option value="en" selected>English</option>' in page
    assert '<option value="ru">Русский</option>' in page
    assert 'type="date"' in page
    assert "Add a source" in page and "Remove" in page
    assert '<textarea name="sources"' not in page


def test_saving_unchanged_rows_keeps_the_stored_list_exactly(admin_client):
    conference = ConferenceFactory(sources=STORED)
    response = admin_client.get(change_url(conference))
    originals = [json.dumps(source, ensure_ascii=False) for source in STORED]
    rows = [
        {"title": "Press release", "url": STORED[0]["url"], "lang": "en", "original": originals[0]},
        {"title": "Программа", "url": STORED[1]["url"], "lang": "", "original": originals[1]},
    ]

    response = admin_client.post(change_url(conference), rows_data(response, rows))

    assert response.status_code == 302
    conference.refresh_from_db()
    # The same values; the order of a source's keys is not kept by PostgreSQL's jsonb, and means nothing in JSON.
    assert conference.sources == STORED


def test_rows_are_added_changed_and_removed(admin_client):
    conference = ConferenceFactory(sources=STORED)
    response = admin_client.get(change_url(conference))
    rows = [
        {"title": "Press release (updated)", "url": STORED[0]["url"], "lang": "ru", "date": "2022-12-14",
         "original": '{"url": "https://www.osce.org/press-release", "title": "Press release", "lang": "en"}'},
        {"title": "Photos", "url": "https://example.org/photos", "lang": "uz"},
        {"title": "", "url": "", "lang": "", "date": ""},  # an empty row is no source
    ]

    response = admin_client.post(change_url(conference), rows_data(response, rows))

    assert response.status_code == 302
    conference.refresh_from_db()
    assert conference.sources == [
        {"url": "https://www.osce.org/press-release", "title": "Press release (updated)", "lang": "ru", "date": "2022-12-14"},
        {"url": "https://example.org/photos", "title": "Photos", "lang": "uz"},
    ]


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ({"title": "FTP", "url": "ftp://example.org/file"}, "is not a web address"),
        ({"title": "Script", "url": "javascript:alert(1)"}, "is not a web address"),
        ({"title": "Dated", "url": "https://example.org/", "date": "14.12.2022"}, "is not a date written as YYYY-MM-DD"),
    ],
)
def test_a_bad_row_is_refused_with_its_error_on_the_row(admin_client, row, message):
    conference = ConferenceFactory(sources=[])
    response = admin_client.get(change_url(conference))

    response = admin_client.post(change_url(conference), rows_data(response, [row]))

    assert response.status_code == 200
    page = response.content.decode()
    assert "Some sources need correcting" in page
    row_html = page[page.index('<tr class="source-row errors">') :]
    assert message in row_html[: row_html.index("</tr>")]
    assert f'value="{row["url"]}"' in page  # what was typed is still there to correct
    conference.refresh_from_db()
    assert conference.sources == []


def test_sources_posted_as_json_text_still_work(admin_client):
    conference = ConferenceFactory(sources=[])
    data = changeform_data(admin_client.get(change_url(conference)))
    data["sources"] = '[{"url": "https://example.org/", "title": "Site", "lang": "en", "date": "2021-11-10"}]'

    response = admin_client.post(change_url(conference), data)

    assert response.status_code == 302
    conference.refresh_from_db()
    assert conference.sources == [{"url": "https://example.org/", "title": "Site", "lang": "en", "date": "2021-11-10"}]


def test_a_source_date_travels_through_the_interchange_format(admin_client):
    from events.interchange.exporter import export_conference
    from events.interchange.validate import validate_document as document_problems

    conference = ConferenceFactory(sources=[{"url": "https://example.org/", "title": "Site", "date": "2021-11-10"}])

    document = export_conference(conference)

    assert document["sources"] == [{"url": "https://example.org/", "title": "Site", "date": "2021-11-10"}]
    assert not [problem for problem in document_problems(document) if "sources" in str(problem)]
    document["sources"][0]["date"] = "10 Nov"
    assert [problem for problem in document_problems(document) if "sources[0].date" in str(problem)]
