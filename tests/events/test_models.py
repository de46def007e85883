import datetime

import pytest
from django.db import IntegrityError, transaction

from events.models import Participation, Role
from tests.factories import ConferenceFactory, OrganizationFactory, SeriesFactory, country

pytestmark = pytest.mark.django_db


def test_conference_end_before_start_refused_by_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        ConferenceFactory(start_date=datetime.date(2022, 12, 15), end_date=datetime.date(2022, 12, 13))


def test_conference_edition_unique_within_series():
    series = SeriesFactory()
    ConferenceFactory(series=series, edition=17, slug="a")
    with pytest.raises(IntegrityError), transaction.atomic():
        ConferenceFactory(series=series, edition=17, slug="b")


def test_conferences_without_edition_number_may_be_several():
    series = SeriesFactory()
    ConferenceFactory(series=series, edition=None, slug="early-a")
    ConferenceFactory(series=series, edition=None, slug="early-b")
    assert series.conferences.filter(edition__isnull=True).count() == 2


@pytest.mark.parametrize("with_organization,with_country", [(True, True), (False, False)])
def test_role_needs_exactly_one_of_organization_or_country(with_organization, with_country):
    conference = ConferenceFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Role.objects.create(
            conference=conference, role=Role.Kind.ORGANIZER,
            organization=OrganizationFactory() if with_organization else None,
            country=country("UZ") if with_country else None,
        )


def test_state_participates_once_per_edition():
    conference = ConferenceFactory()
    Participation.objects.create(conference=conference, role="participating_state", country=country("KZ"))
    with pytest.raises(IntegrityError), transaction.atomic():
        Participation.objects.create(conference=conference, role="observer", country=country("KZ"))
