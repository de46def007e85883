"""Staff side of the proceedings: the admin action and the staff-only download with draft previews."""

import io

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from pypdf import PdfReader

from events.proceedings.build import proceedings_built
from tests.conftest import run_queued
from tests.factories import ConferenceFactory

pytestmark = pytest.mark.django_db



def staff_url(conference, language):
    return reverse("admin:events_conference_proceedings", args=[conference.slug, language])


@pytest.fixture
def renders():
    built = []

    def count(sender, name, **kwargs):
        built.append(name)

    proceedings_built.connect(count)
    yield built
    proceedings_built.disconnect(count)


def pdf_text(response):
    reader = PdfReader(io.BytesIO(b"".join(response.streaming_content)))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def test_admin_action_builds_a_draft_preview_in_every_language(secretariat_client, renders):
    draft = ConferenceFactory()
    response = secretariat_client.post(
        "/admin/events/conference/", {"action": "build_proceedings", "_selected_action": [draft.pk]}, follow=True
    )
    assert response.status_code == 200
    assert [str(m) for m in response.context["messages"]] == ["7 PDFs are ready."]
    assert sorted(name.split("/")[2] for name in renders) == sorted(["en", "ru", "uz", "kk", "ky", "tg", "tk"])
    assert all(name.split("/")[3].startswith("draft-") for name in renders)


def test_staff_download_of_a_draft_is_a_watermarked_preview(secretariat_client):
    draft = ConferenceFactory()
    response = secretariat_client.get(staff_url(draft, "ru"))
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="{draft.slug}-proceedings-ru-draft.pdf"'
    text = pdf_text(response)
    with translation.override("ru"):
        assert gettext("Draft") in text  # the watermark, in the PDF's language
    assert draft.title_ru in text
    anonymous = Client().get(staff_url(draft, "ru"))
    assert (anonymous.status_code, anonymous["Location"]) == (302, f"/admin/login/?next={staff_url(draft, 'ru')}")
    assert secretariat_client.get(staff_url(draft, "fr")).status_code == 404


def test_staff_download_of_a_published_edition_is_the_public_pdf(secretariat_client, renders):
    conference = ConferenceFactory(published=True)
    staff = secretariat_client.get(staff_url(conference, "en"))
    assert staff.status_code == 200
    assert gettext("Draft") not in pdf_text(staff)
    assert len(renders) == 1
    assert staff["ETag"] == f'"{renders[0].rsplit("/", 1)[1].removesuffix(".pdf")}"'


def test_conference_change_page_links_each_language_download(secretariat_client):
    draft = ConferenceFactory()
    page = secretariat_client.get(reverse("admin:events_conference_change", args=[draft.pk]))
    assert page.status_code == 200
    for language in ("en", "ru", "uz", "kk", "ky", "tg", "tk"):
        assert staff_url(draft, language) in page.content.decode()


def test_admin_action_queues_the_builds_and_the_conference_page_shows_their_state(secretariat_client, renders, queued_tasks):
    edition = ConferenceFactory(published=True)
    change_page = f"/admin/events/conference/{edition.pk}/change/"

    response = secretariat_client.post(
        "/admin/events/conference/", {"action": "build_proceedings", "_selected_action": [edition.pk]}, follow=True
    )

    assert [str(m) for m in response.context["messages"]] == [
        "0 PDFs are ready. 7 PDFs are being built; their state shows on the conference page."
    ]
    assert renders == []  # nothing rendered in the request
    assert sorted(result.args[1] for result in queued_tasks) == sorted(["en", "ru", "uz", "kk", "ky", "tg", "tk"])
    assert secretariat_client.get(change_page).content.decode().count("</a> (being built)") == 7

    run_queued(queued_tasks)

    assert len(renders) == 7
    assert secretariat_client.get(change_page).content.decode().count("</a> (built)") == 7
