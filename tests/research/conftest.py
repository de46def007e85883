import datetime

import pytest

from events.models import Participation, Role
from tests.factories import (
    ConferenceFactory,
    OrganizationFactory,
    ParticipationFactory,
    PersonFactory,
    RoleFactory,
    SessionFactory,
    StatementFactory,
    country,
)


@pytest.fixture
def series_record(db):
    return make_series_record()


def make_series_record():
    """Two published editions, one draft: Kazakhstan at both, Afghanistan only at the first, an observer, a delegation
    that only spoke, and a draft-only state that must never appear."""
    first = ConferenceFactory(published=True, edition=15, start_date=datetime.date(2019, 5, 1), end_date=datetime.date(2019, 5, 2),
                              country=country("KZ"), city="Almaty", published_at=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC))
    second = ConferenceFactory(published=True, edition=16, start_date=datetime.date(2021, 6, 1), end_date=datetime.date(2021, 6, 2),
                               country=country("TJ"), city="Dushanbe", published_at=datetime.datetime(2021, 7, 1, tzinfo=datetime.UTC))
    draft = ConferenceFactory(edition=18, start_date=datetime.date(2023, 6, 1), end_date=datetime.date(2023, 6, 2), country=country("TM"))
    osce = OrganizationFactory(slug="osce", name="Organization for Security and Co-operation in Europe", acronym="OSCE",
                               name_ru="Организация по безопасности и сотрудничеству в Европе")
    for edition in (first, second):
        RoleFactory(conference=edition, role=Role.Kind.ORGANIZER, organization=osce)
        ParticipationFactory(conference=edition, country=country("KZ"), attendance=Participation.Attendance.IN_PERSON)
    ParticipationFactory(conference=first, country=country("AF"), attendance=Participation.Attendance.ONLINE)
    ParticipationFactory(conference=second, country=country("US"), role=Participation.Kind.OBSERVER,
                         attendance=Participation.Attendance.HYBRID)
    ParticipationFactory(conference=draft, country=country("MN"))
    speaker = PersonFactory(slug="helga-schmid", name="Helga Maria Schmid", name_ru="Хельга Мария Шмид")
    session = SessionFactory(conference=second, title="Opening")
    StatementFactory(session=session, speaker=speaker, organization=None, country=country("DE"), text="Words from Germany.")
    StatementFactory(session=session, speaker=speaker, organization=osce, text="Words from the OSCE.")
    StatementFactory(session=SessionFactory(conference=draft), organization=None, country=country("MN"))
    return first, second, draft
