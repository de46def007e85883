import io

import pytest
from django.core.management import call_command

from events.models import Conference, Participation, Role
from participants.models import Organization, Person
from sessions.models import Session, Statement


def counts():
    return {model.__name__: model.objects.count() for model in (Conference, Organization, Person, Role, Participation, Session, Statement)}


@pytest.mark.django_db
def test_load_demo_twice_gives_the_same_counts():
    call_command("load_demo", stdout=io.StringIO())
    first = counts()
    out = io.StringIO()
    call_command("load_demo", stdout=out)

    assert counts() == first
    assert first == {"Conference": 1, "Organization": 12, "Person": 2, "Role": 4, "Participation": 16, "Session": 3, "Statement": 2}
    assert "everything was unchanged" in out.getvalue()


@pytest.mark.django_db
def test_load_demo_publishes_the_17th_edition_with_the_press_release_facts():
    call_command("load_demo", stdout=io.StringIO())

    conference = Conference.objects.get(slug="cabmi-17")
    assert (conference.status, conference.edition, str(conference.start_date), str(conference.end_date)) == (
        "published",
        17,
        "2022-12-13",
        "2022-12-15",
    )
    assert (conference.city_en, conference.city_ru, conference.city_uz, conference.country_id) == ("Tashkent", "Ташкент", "Toshkent", "UZ")
    assert conference.participants_count is None
    schmid, mittal = Statement.objects.order_by("order")
    assert (schmid.speaker.name_en, schmid.delivery, schmid.original_language) == ("Helga Maria Schmid", "video", "en")
    assert schmid.position_ru == "Генеральный секретарь ОБСЕ"
    assert (mittal.speaker.name_en, mittal.delivery) == ("Ashita Mittal", "unknown")
    assert mittal.text_en.startswith("A vital component to prevent and counter transnational organized crime")
    observers = Participation.objects.filter(role="observer").order_by("order")
    assert [(p.country_id, p.attendance) for p in observers] == [("DE", "hybrid"), ("TR", "hybrid"), ("US", "hybrid")]
    assert Organization.objects.get(slug="osce-project-coordinator-uzbekistan").parent.slug == "osce"
    assert list(Session.objects.order_by("order").values_list("kind", flat=True)) == ["opening", "plenary", "site_visit"]
