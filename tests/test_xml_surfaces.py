"""Every XML surface answers well-formed XML whatever text is stored: characters XML cannot hold are left out."""

import xml.etree.ElementTree as ElementTree

import pytest

from cabmi_portal.languages import language_codes
from tests.factories import ConferenceFactory, OrganizationFactory, PersonFactory, RoleFactory, SessionFactory, StatementFactory

# Word's line break, other C0 controls and the two noncharacters XML 1.0 excludes.
HOSTILE = "Tash\x0bkent\x01\x08\x1f\ufffe\uffff end"


@pytest.fixture
def edition_with_control_characters(db):
    conference = ConferenceFactory(
        published=True, city=HOSTILE, title=f"Title {HOSTILE}", summary=f"Summary {HOSTILE}", venue=HOSTILE, title_ru=f"Заголовок {HOSTILE}"
    )
    RoleFactory(conference=conference, organization=OrganizationFactory(name=f"Org {HOSTILE}"))
    StatementFactory(session=SessionFactory(conference=conference, title=HOSTILE), speaker=PersonFactory(name=f"Name {HOSTILE}"))
    return conference


@pytest.mark.parametrize("language", language_codes())
def test_feed_is_well_formed_xml_with_control_characters_stored(client, edition_with_control_characters, language):
    response = client.get(f"/{language}/feed.xml")

    assert response.status_code == 200
    root = ElementTree.fromstring(response.content)
    titles = [element.text for element in root.iter("{http://www.w3.org/2005/Atom}title")]
    assert any("Tashkent" in (title or "") for title in titles) or language == "ru"


def test_sitemap_and_other_answers_hold_with_control_characters_stored(client, edition_with_control_characters):
    slug = edition_with_control_characters.slug

    ElementTree.fromstring(client.get("/sitemap.xml").content)
    pages = (f"/en/conferences/{slug}/", f"/en/conferences/{slug}/programme.ics", f"/data/conferences/{slug}.json", "/en/search/?q=Tash")
    for url in pages:
        assert client.get(url).status_code == 200, url
