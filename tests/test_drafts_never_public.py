"""A draft edition, and everything only it names, is on no public URL of the contract.

One published and one (newer) draft edition share a speaker, an
organization and a participating state; the draft alone has its own
speaker, organization, host country and unique words in every translated
field. Every public page, list, search, feed, sitemap, calendar, JSON
document and PDF is read and must show nothing of the draft.
"""

import datetime
import io
import json
from types import SimpleNamespace

import pytest
from django.utils import translation
from pypdf import PdfReader

from events.models import Participation, Role
from tests.factories import (
    ConferenceFactory,
    OrganizationFactory,
    ParticipationFactory,
    PersonFactory,
    PhotoFactory,
    RoleFactory,
    SessionFactory,
    StatementFactory,
    country,
)

pytestmark = pytest.mark.django_db
LANGUAGES = ["en", "ru", "uz", "kk", "ky", "tg", "tk"]
DRAFT_WORDS = [
    "Quokkatitle", "Квоккатитул", "Narwhalsummary", "Нарвалрезюме", "Axolotlsession", "Аксолотльсессия",
    "Pangolinstatement", "Панголинречь", "Ocelotperson", "Тапирагентство", "Tapiragency", "Wombatcaption",
    "Kinkajouvenue", "Dugongbody",
]
# Addresses, slugs and keys of the draft that no public page may link to.
DRAFT_ADDRESSES = ["cabmi-18", "ocelot-draftperson", "tapir-draft-agency", "/countries/tm/", "axolotl-key"]


@pytest.fixture(autouse=True, scope="module")
def _records_written_in_english():
    with translation.override("en"):
        yield


@pytest.fixture(scope="module")
def record(module_records):
    """Made once for the module: every test only reads it."""
    # No Russian text on the published side: Russian pages show the English, so one word list serves both.
    published = ConferenceFactory(published=True, edition=17, slug="cabmi-17", title="Published Kestrel Conference", title_ru="",
                                  start_date=datetime.date(2022, 12, 13), end_date=datetime.date(2022, 12, 15), country=country("UZ"))
    shared_person = PersonFactory(slug="shared-speaker", name="Shared Speaker")
    shared_org = OrganizationFactory(slug="shared-org", name="Shared Organization")
    opening = SessionFactory(conference=published, key="opening", title="Kestrel opening", title_ru="")
    StatementFactory(session=opening, speaker=shared_person, organization=shared_org, text="Kestrel statement.", text_ru="")
    StatementFactory(session=opening, speaker=PersonFactory(slug="state-speaker"), organization=None, country=country("UZ"))
    RoleFactory(conference=published, organization=shared_org)
    ParticipationFactory(conference=published, country=country("KZ"))

    draft = ConferenceFactory(edition=18, slug="cabmi-18", title="Quokkatitle Conference", title_ru="Квоккатитул",
                              summary="Narwhalsummary.", summary_ru="Нарвалрезюме.", body="Dugongbody.", venue="Kinkajouvenue",
                              start_date=datetime.date(2023, 12, 12), end_date=datetime.date(2023, 12, 14), country=country("TM"))
    session = SessionFactory(conference=draft, key="axolotl-key", title="Axolotlsession", title_ru="Аксолотльсессия")
    StatementFactory(session=session, speaker=shared_person, organization=shared_org, text="Pangolinstatement.",
                     text_ru="Панголинречь.")
    StatementFactory(session=session, speaker=PersonFactory(slug="ocelot-draftperson", name="Ocelotperson"), organization=None,
                     country=country("UZ"), text="Pangolinstatement two.")
    draft_org = OrganizationFactory(slug="tapir-draft-agency", name="Tapiragency", name_ru="Тапирагентство")
    RoleFactory(conference=draft, organization=draft_org)
    RoleFactory(conference=draft, role=Role.Kind.PARTNER, organization=shared_org)
    ParticipationFactory(conference=draft, country=country("KZ"), role=Participation.Kind.PARTICIPATING_STATE)
    ParticipationFactory(conference=draft, country=country("AF"), role=Participation.Kind.OBSERVER)
    PhotoFactory(conference=draft, caption="Wombatcaption")
    return SimpleNamespace(published=published, draft=draft)


def assert_nothing_of_the_draft(text):
    found = [word for word in DRAFT_WORDS + DRAFT_ADDRESSES if word.lower() in text.lower()]
    assert found == []


def unfolded_calendar(content):
    # RFC 5545 folds long lines; a word split across a fold must still be found.
    return content.decode().replace("\r\n ", "")


PUBLISHED_PAGES = {
    "home": ("/{lang}/", "Published Kestrel Conference"),
    "archive": ("/{lang}/conferences/", "Published Kestrel Conference"),
    "archive of the draft's host country": ("/{lang}/conferences/?country=tm", "Published Kestrel Conference"),
    "archive of the draft's year": ("/{lang}/conferences/?year=2023", ""),
    "edition": ("/{lang}/conferences/cabmi-17/", "Kestrel statement."),
    "shared speaker": ("/{lang}/people/shared-speaker/", "Kestrel statement."),
    "shared organization": ("/{lang}/organizations/shared-org/", "Kestrel statement."),
    "shared participating state": ("/{lang}/countries/kz/", "Published Kestrel Conference"),
    "state spoken for in both": ("/{lang}/countries/uz/", "Published Kestrel Conference"),
    "feed": ("/{lang}/feed.xml", "Published Kestrel Conference"),
    "calendar": ("/{lang}/conferences/cabmi-17/programme.ics", "Kestrel opening"),
    "sitemap": ("/sitemap-editions.xml", "/{lang}/conferences/cabmi-17/"),
    "sitemap of people": ("/sitemap-people.xml", "/{lang}/people/shared-speaker/"),
    "robots": ("/robots.txt", "Sitemap:"),
    "open data": ("/data/conferences/cabmi-17.json", "Kestrel statement."),
}


@pytest.mark.parametrize("language", ["en", "ru"])
@pytest.mark.parametrize("page", PUBLISHED_PAGES)
def test_published_pages_show_nothing_of_the_draft(client, record, page, language):
    url, published_text = (part.format(lang=language) for part in PUBLISHED_PAGES[page])

    response = client.get(url)

    assert response.status_code == 200
    text = response.content.decode()
    if url.endswith(".ics"):
        text = unfolded_calendar(response.content)
    if url.endswith(".json"):
        text = json.dumps(json.loads(text), ensure_ascii=False)
    assert published_text in text
    assert_nothing_of_the_draft(text)


DRAFT_URLS = [
    "/{lang}/conferences/cabmi-18/",
    "/{lang}/conferences/cabmi-18/programme.ics",
    "/{lang}/conferences/cabmi-18/proceedings.pdf",
    "/{lang}/people/ocelot-draftperson/",
    "/{lang}/organizations/tapir-draft-agency/",
    "/{lang}/countries/tm/",
    "/{lang}/countries/af/",
]


@pytest.mark.parametrize("url", DRAFT_URLS)
def test_draft_addresses_are_not_found(client, record, url):
    for language in LANGUAGES:
        address = url.format(lang=language)

        response = client.get(address)

        assert response.status_code == 404, address
        # The not-found page links to the same address in other languages: that
        # repeats what the visitor typed, and must be all it repeats.
        typed = address.split("/")[3]
        assert_nothing_of_the_draft(response.content.decode(errors="replace").replace(typed, ""))


def test_draft_open_data_is_not_found(client, record):
    assert client.get("/data/conferences/cabmi-18.json").status_code == 404


@pytest.mark.parametrize("language", ["en", "ru", "uz"])
def test_search_finds_nothing_of_the_draft(client, record, language):
    for word in ["Quokkatitle", "Narwhalsummary", "Axolotlsession", "Pangolinstatement", "Квоккатитул", "Аксолотльсессия", "Панголинречь"]:
        response = client.get(f"/{language}/search/", {"q": word})

        assert response.status_code == 200
        assert response.context["results"].total == 0, word
        # The page repeats the words searched for; nothing else of the draft may appear.
        assert_nothing_of_the_draft(response.content.decode().replace(word, ""))


def test_search_for_shared_words_finds_only_the_published_edition(client, record):
    response = client.get("/en/search/", {"q": "conference"})

    assert [group.count for group in response.context["results"].groups] == [1, 0, 0, 0, 0]
    assert_nothing_of_the_draft(response.content.decode())


def test_proceedings_pdf_shows_nothing_of_the_draft(client, record):
    response = client.get("/en/conferences/cabmi-17/proceedings.pdf")

    assert response.status_code == 200
    pdf = PdfReader(io.BytesIO(b"".join(response.streaming_content)))
    text = " ".join(page.extract_text() for page in pdf.pages)
    assert "Kestrel statement." in text
    assert_nothing_of_the_draft(text)
