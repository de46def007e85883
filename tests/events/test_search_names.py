"""Search finds people, organizations and places as readers type them, in any script, from the stored index."""

import pytest
from django.core.management import call_command
from django.utils import translation

from events.models import Conference
from participants.models import Country, Person
from tests.factories import ConferenceFactory, OrganizationFactory, PersonFactory, SessionFactory, StatementFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _records_written_in_english():
    with translation.override("en"):
        yield


@pytest.fixture
def demo():
    call_command("load_demo", stdout=open("/dev/null", "w"))
    return Conference.objects.get(slug="cabmi-17")


def search(client, query, language="en"):
    response = client.get(f"/{language}/search/", {"q": query})
    assert response.status_code == 200
    return response.context["results"], response.content.decode()


def counts(results):
    return {group.kind: group.count for group in results.groups}


@pytest.mark.parametrize(("query", "language"), [("Schmid", "en"), ("Шмид", "en"), ("Шмид", "ru"), ("schmid", "ru")])
def test_search_finds_a_speaker_and_her_statements_by_name_in_either_script(client, demo, query, language):
    schmid = Person.objects.get(slug="helga-maria-schmid")

    results, html = search(client, query, language)

    assert counts(results)["people"] == 1
    assert counts(results)["statements"] == schmid.statements.count() >= 1
    assert f'href="/{language}/people/helga-maria-schmid/"' in html
    statement = schmid.statements.get()
    assert f'href="/{language}/conferences/cabmi-17/#statement-{statement.pk}"' in html


def test_search_finds_mittal(client, demo):
    results, html = search(client, "Mittal")

    assert counts(results)["people"] == 1
    assert counts(results)["statements"] == 1
    assert 'href="/en/people/ashita-mittal/"' in html


@pytest.mark.parametrize(("query", "language"), [("Toshkent", "uz"), ("Ташкент", "kk"), ("Daşkent", "tk"), ("Tashkent", "en")])
def test_search_finds_the_edition_by_its_city_in_the_pages_language(client, demo, query, language):
    results, html = search(client, query, language)

    assert counts(results)["editions"] == 1
    assert f'href="/{language}/conferences/cabmi-17/"' in html


def test_search_matches_a_name_recorded_only_in_latin_script_from_cyrillic_and_back(client):
    session = SessionFactory(conference=ConferenceFactory(published=True))
    latin = PersonFactory(slug="mittal", name="Ashita Mittal", name_ru="")
    cyrillic = PersonFactory(slug="shmid", name="", name_ru="Хельга Шмид")
    StatementFactory(session=session, speaker=latin)
    StatementFactory(session=session, speaker=cyrillic)

    results, html = search(client, "Миттал", "ru")
    assert [hit.url for hit in results.page] == ["/ru/people/mittal/", f"/ru/conferences/{session.conference.slug}/#statement-"
                                                 f"{latin.statements.get().pk}"]
    results, html = search(client, "Schmid", "en")
    assert [hit.url for hit in results.page][0] == "/en/people/shmid/"


def test_search_finds_an_organization_by_its_acronym_as_its_own_kind_of_result(client):
    organization = OrganizationFactory(slug="bomca", name="Border Management Programme in Central Asia", acronym="BOMCA",
                                       acronym_ru="БОМКА")
    StatementFactory(session=SessionFactory(conference=ConferenceFactory(published=True)), organization=organization)

    results, html = search(client, "бомка", "ru")

    assert counts(results)["organizations"] == 1
    assert 'href="/ru/organizations/bomca/"' in html
    assert [hit.kind for hit in results.page][0] == "organizations"


def test_search_finds_an_edition_by_its_host_country_in_another_language(client):
    conference = ConferenceFactory(published=True, country=Country.objects.get(code="KG"))

    results, html = search(client, "Кыргызстан", "en")

    assert counts(results)["editions"] == 1
    assert f'href="/en/conferences/{conference.slug}/"' in html


def test_search_ranks_the_pages_own_text_before_names_in_other_languages(client):
    session = SessionFactory(conference=ConferenceFactory(published=True))
    named = StatementFactory(session=session, order=1, text="Opening remarks.", text_ru="Вступительное слово.",
                             speaker=PersonFactory(name="Anna Termez", name_ru="Анна Термез"))
    about = StatementFactory(session=session, order=2, text="The Termez bridge.", text_ru="Мост в Термезе. Термез.")

    results, _html = search(client, "Термез", "ru")

    statements = [hit.url.rsplit("-", 1)[1] for hit in results.page if hit.kind == "statements"]
    assert statements == [str(about.pk), str(named.pk)]


def test_search_index_follows_edits_and_deletions(client):
    session = SessionFactory(conference=ConferenceFactory(published=True))
    person = PersonFactory(slug="renamed", name="Ivan Oldname")
    statement = StatementFactory(session=session, speaker=person)

    person.name = "Ivan Newname"
    person.save()
    assert counts(search(client, "Oldname")[0])["statements"] == 0
    assert counts(search(client, "Newname")[0])["statements"] == 1

    statement.delete()
    assert search(client, "Newname")[0].total == 0


def test_search_never_shows_drafts_through_names(client):
    draft = ConferenceFactory(published=False, city="Samarkand")
    StatementFactory(session=SessionFactory(conference=draft), speaker=PersonFactory(name="Draft Onlyperson"))

    assert search(client, "Samarkand")[0].total == 0
    assert search(client, "Onlyperson")[0].total == 0
