"""Roles, participations, sessions and photos on the conference page are ordered by moving rows; a new row comes last."""

import pytest
from django.urls import reverse

from tests.events.test_admin import changeform_data
from tests.factories import (
    ConferenceFactory,
    OrganizationFactory,
    ParticipationFactory,
    PhotoFactory,
    RoleFactory,
    SessionFactory,
    country,
)

pytestmark = pytest.mark.django_db


def test_conference_inlines_are_sortable_with_move_buttons(admin_client):
    conference = ConferenceFactory()
    RoleFactory(conference=conference)
    ParticipationFactory(conference=conference)
    PhotoFactory(conference=conference)
    SessionFactory(conference=conference)

    response = admin_client.get(reverse("admin:events_conference_change", args=[conference.pk]))
    page = response.content.decode()

    for prefix in ("roles", "participations", "sessions", "photos"):
        group = page[page.index(f'id="{prefix}-group"') :]
        group = group[: group.index("</fieldset>")]
        assert "sortable" in group[: group.index(">", group.index("<fieldset"))], prefix
        assert f'<input type="hidden" name="{prefix}-0-order"' in group, prefix
        assert '<button type="button" class="move-up"' in group and '<button type="button" class="move-down"' in group
    assert "adminsortable2/js/adminsortable2" in page
    assert "://" not in page[page.index("adminsortable2/js") - 200 : page.index("adminsortable2/js")]


def test_a_new_role_gets_the_next_order_not_zero(admin_client):
    conference = ConferenceFactory()
    RoleFactory(conference=conference, order=3)
    url = reverse("admin:events_conference_change", args=[conference.pk])
    data = changeform_data(admin_client.get(url))
    data.update({"roles-TOTAL_FORMS": "2", "roles-1-role": "partner", "roles-1-organization": OrganizationFactory().pk,
                 "roles-1-order": ""})

    assert admin_client.post(url, data).status_code == 302

    assert list(conference.roles.values_list("role", "order")) == [("organizer", 3), ("partner", 4)]


def test_new_participations_on_a_new_page_are_numbered_one_after_another(admin_client):
    conference = ConferenceFactory()
    url = reverse("admin:events_conference_change", args=[conference.pk])
    data = changeform_data(admin_client.get(url))
    data.update({"participations-TOTAL_FORMS": "2",
                 "participations-0-role": "participating_state", "participations-0-country": country("KZ").pk,
                 "participations-0-order": "0", "participations-0-attendance": "in_person",
                 "participations-1-role": "participating_state", "participations-1-country": country("UZ").pk,
                 "participations-1-order": "0", "participations-1-attendance": "in_person"})

    assert admin_client.post(url, data).status_code == 302

    assert list(conference.participations.values_list("country__code", "order")) == [("KZ", 1), ("UZ", 2)]
