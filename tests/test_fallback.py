"""English shown where a translation is missing: one note per page in the page's language, a quiet mark on each element."""

import re

import pytest
from django.utils import translation

from tests.factories import (
    ConferenceFactory,
    OrganizationFactory,
    ParticipationFactory,
    PersonFactory,
    SessionFactory,
    StatementFactory,
    country,
)

pytestmark = pytest.mark.django_db
NOTE = "Some text here is not yet translated: it is shown in English and marked with a dotted line."


def kazakh_reader_s_edition():
    """An edition with nothing translated into Kazakh but the countries' names."""
    conference = ConferenceFactory(
        published=True, slug="cabmi-17", title="17th CABMI Conference", body="First paragraph.\n\nSecond paragraph.",
        sources=[{"url": "https://www.osce.org/press", "title": "OSCE press release", "lang": "en"}],
    )
    osce = OrganizationFactory(slug="osce", name="Organization for Security and Co-operation in Europe", acronym="OSCE")
    ParticipationFactory(conference=conference, role="organization", country=None, organization=osce)
    ParticipationFactory(conference=conference, country=country("KZ"))
    session = SessionFactory(conference=conference, title="Opening")
    speaker = PersonFactory(slug="helga-maria-schmid", name="Helga Maria Schmid", name_ru="Хельга Мария Шмид")
    StatementFactory(session=session, speaker=speaker, organization=osce, position="OSCE Secretary General",
                     text="Together we can make a real difference.", text_ru="Вместе мы можем многое изменить.", original_language="en")
    return conference


def note_in(language):
    with translation.override(language):
        return translation.gettext(NOTE)


def test_kazakh_edition_page_has_one_note_in_kazakh_and_marks_each_english_element(client):
    kazakh_reader_s_edition()
    html = client.get("/kk/conferences/cabmi-17/").content.decode()
    assert html.count('class="fallback-note"') == 1
    header = html[html.index('<header class="page-header">'):html.index("</header>", html.index('<header class="page-header">'))]
    assert f'<p class="fallback-note" lang="kk">{note_in("kk")}</p>' in header
    assert note_in("kk") != NOTE
    assert re.findall(r"<h1>(.*?)</h1>", html) == ['<span class="fallback" lang="en">17th CABMI Conference</span>']
    assert '<div class="prose fallback" lang="en"><p>First paragraph.</p><p>Second paragraph.</p></div>' in html
    assert '<span class="fallback" lang="en">Tashkent</span>' in html


def test_names_and_acronyms_are_never_marked(client):
    kazakh_reader_s_edition()
    html = client.get("/kk/conferences/cabmi-17/").content.decode()
    assert '<a href="/kk/people/helga-maria-schmid/" lang="en">Helga Maria Schmid</a>' in html
    assert '<abbr class="acronym" lang="en">(OSCE)</abbr>' in html
    organization = client.get("/kk/organizations/osce/").content.decode()
    name = '<span class="fallback" lang="en">Organization for Security and Co-operation in Europe</span>'
    assert re.findall(r"<h1>(.*?)</h1>", organization) == [f'{name} <span class="acronym" lang="en">(OSCE)</span>']
    assert organization.count('class="fallback-note"') == 1


def test_page_fully_in_its_language_has_no_note(client):
    conference = kazakh_reader_s_edition()
    conference.title_kk = "CABMI 17-конференциясы"
    conference.save()
    assert 'class="fallback-note"' not in client.get("/kk/countries/kz/").content.decode()
    assert 'class="fallback-note"' not in client.get("/en/conferences/cabmi-17/").content.decode()


def test_statement_shown_in_another_language_than_its_own_says_it_is_a_translation(client):
    kazakh_reader_s_edition()
    russian = client.get("/ru/conferences/cabmi-17/").content.decode()
    assert '<p class="statement__translation" lang="ru">Перевод. Язык оригинала: английский.</p>' in russian
    assert "statement__translation" not in client.get("/en/conferences/cabmi-17/").content.decode()
    # Shown in English, the language it was made in: no translation to speak of.
    assert "statement__translation" not in client.get("/kk/conferences/cabmi-17/").content.decode()


def test_descriptions_for_search_engines_and_sharing_are_in_the_page_s_language(client):
    kazakh_reader_s_edition()
    html = client.get("/kk/conferences/cabmi-17/").content.decode()
    description = re.search(r'<meta name="description" content="([^"]*)"', html).group(1)
    og_description = re.search(r'<meta property="og:description" content="([^"]*)"', html).group(1)
    assert description == og_description
    assert description.startswith("CABMI ")
    assert "Border security" not in description
    assert "бағдарлама" in description.casefold()


def test_source_titles_say_which_language_they_are_in(client):
    kazakh_reader_s_edition()
    html = client.get("/kk/conferences/cabmi-17/").content.decode()
    assert '<li lang="en"><a href="https://www.osce.org/press" hreflang="en">OSCE press release</a></li>' in html
