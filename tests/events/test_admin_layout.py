"""The conference change page in reading order, with its parts linked at the top and one language switch."""

import pytest
from django.urls import reverse

from tests.events.test_admin import changeform_data
from tests.factories import ConferenceFactory, ParticipationFactory, RoleFactory

pytestmark = pytest.mark.django_db


def test_conference_page_reads_edition_organizers_participants_programme_photos_sources(admin_client):
    conference = ConferenceFactory()
    RoleFactory(conference=conference)
    ParticipationFactory(conference=conference)

    page = admin_client.get(reverse("admin:events_conference_change", args=[conference.pk])).content.decode()

    places = [
        page.index(marker)
        for marker in (
            ">The edition</h2>",
            'id="roles-group"',
            'id="participations-group"',
            ">Programme and proceedings</h2>",
            'id="photos-group"',
            ">Sources</h2>",
            ">Translations</h2>",
        )
    ]
    assert places == sorted(places)
    nav = page[page.index('<nav class="page-parts"') : page.index("</nav>", page.index('<nav class="page-parts"'))]
    for link in ('href="#roles-group">Who organized it<', 'href="#participations-group">Who took part<', 'href="#photos-group">Photos<'):
        assert link in nav
    group = page[page.index('id="participations-group"') :]
    assert group.index("<details>") < group.index("</fieldset>")  # folded until opened


def test_one_language_switch_names_every_portal_language(admin_client):
    conference = ConferenceFactory()

    page = admin_client.get(reverse("admin:events_conference_change", args=[conference.pk])).content.decode()

    switch = page[page.index('<div class="language-switch"') : page.index("</div>", page.index('<div class="language-switch"'))]
    assert 'role="group" aria-labelledby="language-switch-label"' in switch
    for code, name in (("en", "English"), ("ru", "Русский"), ("uz", "Oʻzbekcha"), ("tk", "Türkmençe")):
        assert f'data-language="{code}" lang="{code}" aria-pressed="false">{name}</button>' in switch
    assert "admin-extra/js/language-switch.js" in page


def test_a_folded_part_with_errors_opens(admin_client):
    conference = ConferenceFactory()
    url = reverse("admin:events_conference_change", args=[conference.pk])
    data = changeform_data(admin_client.get(url)) | {"participations-TOTAL_FORMS": "1", "participations-0-role": "observer"}

    page = admin_client.post(url, data).content.decode()

    group = page[page.index('id="participations-group"') :]
    assert "<details>" not in group[: group.index("</fieldset>")]
