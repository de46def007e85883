"""The conference form proposes what the secretariat would otherwise type: the series, the address."""

import pytest
from django.urls import reverse

from events.models import Conference
from tests.events.test_admin import changeform_data
from tests.factories import ConferenceFactory, SeriesFactory


def test_only_series_is_preselected(admin_client):
    series = SeriesFactory()

    response = admin_client.get(reverse("admin:events_conference_add"))

    assert response.context["adminform"].form["series"].value() == series.pk


@pytest.mark.django_db
def test_series_is_not_preselected_among_several(admin_client):
    SeriesFactory(code="CABMI")
    SeriesFactory(code="BMSC")

    response = admin_client.get(reverse("admin:events_conference_add"))

    assert response.context["adminform"].form["series"].value() is None


def test_empty_slug_becomes_series_and_edition(admin_client):
    series = SeriesFactory(code="CABMI")
    data = changeform_data(admin_client.get(reverse("admin:events_conference_add")))
    data.update(series=series.pk, edition="16", slug="", status="draft", start_date="2021-11-10", end_date="2021-11-11",
                title_en="16th Central Asia Border Management Initiative Conference", sources="[]", extra="{}")

    response = admin_client.post(reverse("admin:events_conference_add"), data)

    assert response.status_code == 302
    assert Conference.objects.get().slug == "cabmi-16"


def test_secretariat_sees_extra_data_read_only(secretariat_client):
    conference = ConferenceFactory(extra={"note": "kept"})
    url = reverse("admin:events_conference_change", args=[conference.pk])

    response = secretariat_client.get(url)
    secretariat_client.post(url, changeform_data(response) | {"extra": '{"note": "changed"}'})

    assert "extra" not in response.context["adminform"].form.fields
    conference.refresh_from_db()
    assert conference.extra == {"note": "kept"}
