"""Control characters and addresses that are not http(s) are refused at the door: by the admin and by the importer."""

import json

import pytest
from django.urls import reverse

from events.models import Conference
from participants.models import Organization
from tests.events.test_admin import changeform_data
from tests.events.test_interchange_hostile import run_command
from tests.events.test_interchange_validation import VALID
from tests.factories import ConferenceFactory, OrganizationFactory

HOSTILE_URLS = ["javascript:alert(1)", "file:///etc/passwd", "data:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)"]


def test_admin_refuses_a_control_character_in_a_city(admin_client, db):
    conference = ConferenceFactory(published=True)
    url = reverse("admin:events_conference_change", args=[conference.pk])

    response = admin_client.post(url, changeform_data(admin_client.get(url)) | {"city_en": "Tash\x0bkent"})

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["city_en"]
    assert admin_client.get("/en/feed.xml").status_code == 200


@pytest.mark.django_db
def test_importer_refuses_a_control_character_in_a_city(tmp_path):
    path = tmp_path / "conference.json"
    path.write_text(json.dumps(dict(VALID, city={"en": "Tash\x0bkent"})), encoding="utf-8")

    problems = run_command(path)

    assert len(problems) == 1 and problems[0].startswith("city.en: ")
    assert Conference.objects.count() == 0


@pytest.mark.parametrize("url", HOSTILE_URLS)
def test_admin_refuses_sources_and_websites_that_are_not_web_addresses(admin_client, db, url):
    conference, organization = ConferenceFactory(), OrganizationFactory()
    conference_url = reverse("admin:events_conference_change", args=[conference.pk])
    organization_url = reverse("admin:participants_organization_change", args=[organization.pk])
    sources = json.dumps([{"url": url, "title": "Press release", "lang": "en"}])

    conference_form = admin_client.post(conference_url, changeform_data(admin_client.get(conference_url)) | {"sources": sources})
    organization_form = admin_client.post(organization_url, changeform_data(admin_client.get(organization_url)) | {"website": url})

    assert conference_form.status_code == organization_form.status_code == 200
    assert conference_form.context["adminform"].form.errors["sources"]
    assert organization_form.context["adminform"].form.errors["website"]
    assert Organization.objects.get().website != url


@pytest.mark.django_db
@pytest.mark.parametrize("url", HOSTILE_URLS)
def test_importer_refuses_sources_and_websites_that_are_not_web_addresses(tmp_path, url):
    document = dict(VALID, sources=[{"url": url, "title": "Press release", "lang": "en"}])
    document["organizations"] = [dict(VALID["organizations"][0], website=url), VALID["organizations"][1]]
    path = tmp_path / "conference.json"
    path.write_text(json.dumps(document), encoding="utf-8")

    problems = run_command(path)

    assert [line.split(":")[0] for line in problems] == ["organizations[0].website", "sources[0].url"]
