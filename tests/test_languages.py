import re
from html.parser import HTMLParser

import pytest
from django.utils import translation

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
LANGUAGES = {"en": "English", "ru": "Русский", "uz": "Oʻzbekcha", "kk": "Қазақша", "ky": "Кыргызча", "tg": "Тоҷикӣ", "tk": "Türkmençe"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
# Elements whose end tag HTML lets a page leave out; the portal writes them all, so none may be left open.


@pytest.fixture(autouse=True)
def _english_outside_requests():
    with translation.override("en"):
        yield


@pytest.fixture(scope="module")
def edition(module_records):
    """Made once for the module: every test only reads it."""
    with translation.override("en"):
        return make_edition()


def make_edition():
    conference = ConferenceFactory(published=True, slug="cabmi-17")
    organization = OrganizationFactory(slug="unodc", name="UNODC")
    RoleFactory(conference=conference, organization=organization)
    ParticipationFactory(conference=conference, country=country("KZ"))
    session = SessionFactory(conference=conference)
    StatementFactory(session=session, speaker=PersonFactory(slug="ashita-mittal"), organization=organization)
    StatementFactory(session=session, speaker=PersonFactory(slug="second-speaker"), organization=None, country=country("KZ"))
    PhotoFactory(conference=conference)
    return conference


PAGES = ["/{}/", "/{}/conferences/", "/{}/conferences/cabmi-17/", "/{}/people/ashita-mittal/", "/{}/organizations/unodc/",
         "/{}/countries/kz/", "/{}/conferences/no-such-edition/"]


class Outline(HTMLParser):
    """Collects what the sanity checks need: ids, headings, and tags left open or closed twice."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids, self.headings, self.stack, self.errors, self.landmarks = [], [], [], [], []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if "id" in attributes:
            self.ids.append(attributes["id"])
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if tag in ("header", "nav", "main", "footer"):
            self.landmarks.append(tag)
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes <{self.stack[-1] if self.stack else 'nothing'}>")
            return
        self.stack.pop()


def outline(html):
    parser = Outline()
    parser.feed(html)
    parser.close()
    return parser


def test_root_redirects_by_the_browsers_languages(client):
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="ru-RU,ru;q=0.9,en;q=0.5")["Location"] == "/ru/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="uz,en;q=0.5")["Location"] == "/uz/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="fr-FR,fr;q=0.9")["Location"] == "/en/"


def test_unknown_language_prefix_is_404(client, edition):
    assert client.get("/xx/conferences/cabmi-17/").status_code == 404
    assert client.get("/fr/").status_code == 404


def test_switcher_keeps_the_visitor_on_the_same_page(client, edition):
    html = client.get("/ru/conferences/cabmi-17/").content.decode()
    for code, name in LANGUAGES.items():
        if code == "ru":
            assert f'<span aria-current="page" lang="ru">{name}</span>' in html
        else:
            assert f'<a href="http://testserver/{code}/conferences/cabmi-17/" hreflang="{code}" lang="{code}">{name}</a>' in html


def test_switcher_keeps_the_query_string(client, edition):
    html = client.get("/en/conferences/?country=uz&year=2000").content.decode()
    assert 'href="http://testserver/kk/conferences/?country=uz&amp;year=2000" hreflang="kk"' in html


@pytest.mark.parametrize("page", PAGES)
def test_every_page_has_lang_alternates_and_metadata(client, edition, page):
    html = client.get(page.format("uz")).content.decode()
    path = page.format("LANG")
    assert '<html lang="uz" dir="ltr">' in html
    links = re.findall(r'<link rel="alternate" hreflang="([a-z-]+)" href="([^"]+)">', html)
    expected = [(code, "http://testserver" + path.replace("LANG", code)) for code in LANGUAGES]
    assert links == expected + [("x-default", "http://testserver" + path.replace("LANG", "en"))]
    assert re.search(r'<meta name="description" content="[^"]{20,}">', html)
    for prop in ("og:title", "og:description", "og:type", "og:url", "og:site_name"):
        assert re.search(rf'<meta property="{prop}" content="[^"]+">', html), prop
    assert '<meta property="og:locale" content="uz_UZ">' in html
    assert re.findall(r'<meta property="og:locale:alternate" content="([a-z_A-Z]+)">', html) == [
        "en_GB", "ru_RU", "kk_KZ", "ky_KG", "tg_TJ", "tk_TM"]


@pytest.mark.parametrize("language", ["en", "ru", "uz"])
@pytest.mark.parametrize("page", PAGES)
def test_every_page_is_well_formed_with_one_h1_in_order(client, edition, page, language):
    html = client.get(page.format(language)).content.decode()
    parsed = outline(html)
    assert parsed.errors == []
    assert parsed.stack == []
    assert len(parsed.ids) == len(set(parsed.ids)), "duplicate ids"
    assert parsed.headings.count(1) == 1
    assert parsed.headings[0] == 1
    assert all(later - earlier <= 1 for earlier, later in zip(parsed.headings, parsed.headings[1:], strict=False)), parsed.headings
    assert {"header", "nav", "main", "footer"} <= set(parsed.landmarks)
    assert parsed.landmarks.count("main") == 1
    assert 'class="skip-link" href="#main"' in html


def test_no_resource_comes_from_outside_the_site(client, edition):
    html = client.get("/en/conferences/cabmi-17/").content.decode()
    sources = re.findall(r'<(?:script|link|img|source)[^>]+(?:src|href|srcset)="([^"]+)"', html)
    assert sources and all(url.startswith(("/", "http://testserver/")) for url in sources), sources


@pytest.mark.parametrize("page", PAGES[:-1])
def test_pages_answer_head_requests_and_refuse_posts(client, edition, page):
    assert client.head(page.format("en")).status_code == 200
    assert client.post(page.format("en")).status_code == 405
