"""One document cannot take the archive down: JSON is bounded below what Python can decode, in the importer and the admin alike."""

import json

import pytest
from django.urls import reverse

from events.models import Conference
from tests.events.test_admin import changeform_data
from tests.factories import ConferenceFactory

from .test_interchange_validation import VALID

DEPTH = 960


def nested(depth):
    """JSON text of an object nested ``depth`` levels deep (written as text: encoding it would overflow the stack)."""
    return '{"x": ' * depth + "{}" + "}" * depth


def test_importer_refuses_an_extra_nested_960_levels_deep(tmp_path, db):
    path = tmp_path / "conference.json"
    path.write_text(json.dumps(VALID)[:-1] + ', "extra": ' + nested(DEPTH) + "}", encoding="utf-8")

    from .test_interchange_hostile import run_command

    problems = run_command(path)

    assert problems == ["document: is nested too deeply to be a conference document"]
    assert Conference.objects.count() == 0


@pytest.mark.parametrize("field", ["extra", "sources"])
def test_admin_refuses_json_nested_960_levels_deep(admin_client, field):
    conference = ConferenceFactory(published=True)
    url = reverse("admin:events_conference_change", args=[conference.pk])
    value = nested(DEPTH) if field == "extra" else '[{"url": "https://osce.org", "title": "t", "lang": "en", "x": ' + nested(DEPTH) + "}]"

    response = admin_client.post(url, changeform_data(admin_client.get(url)) | {field: value})

    assert response.status_code == 200
    assert response.context["adminform"].form.errors[field]
    for page in ("/en/conferences/", conference.get_absolute_url(), "/en/search/?q=a", reverse("admin:events_conference_changelist")):
        assert admin_client.get(page).status_code == 200
