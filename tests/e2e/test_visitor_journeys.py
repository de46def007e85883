"""A visitor's paths through the public site, in Chromium (journeys 1, 2, 3, 8 and 9 of the browser tests)."""

import io
import re

import pytest
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import expect
from pypdf import PdfReader

from participants.models import Person
from sessions.models import Statement
from tests.factories import ConferenceFactory, ParticipationFactory

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}


def translated(code, message):
    with translation.override(code):
        return gettext(message)


def test_visitor_preferring_russian_lands_in_russian_and_keeps_the_edition_in_uzbek(new_page, live_server, demo):
    page = new_page(locale="ru-RU")

    page.goto("/")
    expect(page).to_have_url(f"{live_server.url}/ru/")
    page.get_by_role("navigation", name=translated("ru", "Main")).get_by_role("link", name=translated("ru", "Conferences archive")).click()
    page.get_by_role("link", name=demo.title_ru).click()
    expect(page).to_have_url(f"{live_server.url}/ru/conferences/cabmi-17/")
    page.get_by_role("navigation", name=translated("ru", "Languages")).get_by_role("link", name="Oʻzbekcha").click()

    expect(page).to_have_url(f"{live_server.url}/uz/conferences/cabmi-17/")
    expect(page.locator("html")).to_have_attribute("lang", "uz")
    # Uzbek where the record has it, unmarked.
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_have_text(demo.title_uz)
    expect(heading.locator(".fallback")).to_have_count(0)
    expect(page.locator(".facts")).to_contain_text(demo.city_uz)
    # English where it has none: marked as English, and one note on the page, in Uzbek, saying what the mark means.
    summary = page.locator(".prose.summary")
    expect(summary).to_have_class(re.compile(r"\bfallback\b"))
    expect(summary).to_have_attribute("lang", "en")
    expect(summary).to_contain_text(demo.summary_en.split("\n")[0][:60])
    note = page.locator(".fallback-note")
    expect(note).to_have_count(1)
    expect(note).to_have_attribute("lang", "uz")
    note_text = "Some text here is not yet translated: it is shown in English and marked with a dotted line."
    expect(note).to_have_text(translated("uz", note_text))


@pytest.mark.parametrize("kind", ["word", "family name"])
def test_visitor_finds_a_statement_by_a_russian_word_or_a_family_name(new_page, live_server, demo, kind):
    speaker = Person.objects.get(slug="ashita-mittal")
    statement = Statement.objects.get(speaker=speaker, session__conference=demo)
    query = "транснациональной" if kind == "word" else speaker.family_name_ru
    page = new_page(locale="ru-RU")
    page.goto("/ru/")

    page.get_by_role("searchbox", name=translated("ru", "Search the record")).fill(query)
    page.get_by_role("searchbox", name=translated("ru", "Search the record")).press("Enter")
    page.locator(".result--statements").first.get_by_role("link").click()

    expect(page).to_have_url(f"{live_server.url}/ru/conferences/cabmi-17/#statement-{statement.pk}")
    found = page.locator(f"#statement-{statement.pk}")
    expect(found).to_be_in_viewport()
    expect(found.locator(".statement__speaker")).to_have_text(speaker.name_ru)
    if kind == "word":
        expect(found).to_contain_text(query)


def download_text(page, link):
    with page.expect_download() as download:
        link.click()
    body = open(download.value.path(), "rb").read()
    return body, " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(body)).pages)


def test_visitor_downloads_the_russian_proceedings(new_page, demo):
    page = new_page(locale="ru-RU")
    page.goto("/ru/conferences/cabmi-17/")

    downloads = page.get_by_role("region", name=translated("ru", "Downloads"))
    body, text = download_text(page, downloads.get_by_role("link", name="Русский"))

    assert body.startswith(b"%PDF-")
    assert demo.title_ru in text


def focused(page):
    """What has the focus, and whether it shows: an outline or a ring, inside the window."""
    return page.evaluate(
        """() => {
        const el = document.activeElement, style = getComputedStyle(el), box = el.getBoundingClientRect();
        const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
        return {
            href: el.getAttribute("href") || "", text: el.textContent.trim(), tag: el.tagName,
            landmark: (el.closest("nav, section, form") || {}).className || "",
            visible: (outline || style.boxShadow !== "none") && box.width > 0 && box.height > 0
                && box.bottom > 0 && box.top < window.innerHeight,
        };
    }"""
    )


def test_keyboard_visitor_reaches_languages_programme_and_pdf_with_a_visible_focus(page, demo):
    page.goto("/en/conferences/cabmi-17/")
    stops = []
    for _ in range(400):
        page.keyboard.press("Tab")
        stop = focused(page)
        if stop["tag"] == "BODY" or (stops and stop == stops[0]):
            break
        stops.append(stop)

    hidden = [stop for stop in stops if not stop["visible"]]
    assert hidden == []
    assert stops[0]["text"] == "Skip to main content"
    assert any(stop["landmark"] == "languages" and stop["text"] == "Русский" for stop in stops)
    assert any(stop["href"] == "#programme-heading" for stop in stops)
    assert any(stop["href"] == "/en/conferences/cabmi-17/proceedings.pdf" for stop in stops)
    page.get_by_role("link", name="Programme", exact=True).focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Programme", level=2)).to_be_in_viewport()


def horizontal_overflow(page):
    """How far the page scrolls sideways, measured once its stylesheets are in: a page's text can be in the document
    before its styles are, and unstyled tables are wider than a phone."""
    page.wait_for_load_state("load")
    return page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")


@pytest.fixture
def earlier_editions(demo):
    """Four earlier editions Uzbekistan took part in: the participation table is then wider than a phone."""
    for edition in range(13, 17):
        conference = ConferenceFactory(published=True, series=demo.series, edition=edition)
        ParticipationFactory(conference=conference, country=demo.country)


def test_phone_visitor_reads_an_edition_without_sideways_scrolling_and_uses_the_menu(new_page, demo, earlier_editions):
    page = new_page(viewport=PHONE, is_mobile=True, has_touch=True)
    page.goto("/en/conferences/cabmi-17/")
    expect(page.get_by_role("heading", level=1)).to_have_text(demo.title_en)
    assert horizontal_overflow(page) == 0

    menu = page.get_by_role("navigation", name="Main")
    expect(menu).to_be_in_viewport()
    menu.get_by_role("link", name="Conferences archive").tap()
    expect(page.get_by_role("heading", level=1)).to_have_text("Conferences archive")
    page.get_by_role("navigation", name="Languages").get_by_role("link", name="Русский").tap()
    expect(page.get_by_role("heading", level=1)).to_have_text(translated("ru", "Conferences archive"))
    page.get_by_role("searchbox").fill("транснациональной")
    page.get_by_role("searchbox").press("Enter")
    expect(page.locator(".result--statements").first).to_be_visible()
    assert horizontal_overflow(page) == 0

    # The participation table: from the edition's host country to the table of the whole series.
    page.goto("/en/conferences/cabmi-17/")
    page.locator(".facts").get_by_role("link", name=demo.country.name_en).tap()
    expect(page.get_by_role("heading", level=1)).to_contain_text(demo.country.name_en)
    assert horizontal_overflow(page) == 0
    page.get_by_role("link", name="Compare with every state and organization").tap()
    # The country page has a table in a box too: measure only once the series table has replaced it.
    expect(page).to_have_url(re.compile(r"/en/series/cabmi/participation/"))
    box = page.locator(".table-scroll")
    expect(box.locator("table")).to_be_visible()
    assert horizontal_overflow(page) == 0
    assert box.evaluate("b => b.scrollWidth > b.clientWidth && b.getBoundingClientRect().right <= window.innerWidth")
    box.hover()
    page.mouse.wheel(300, 0)
    page.wait_for_function("b => b.scrollLeft > 0", arg=box.element_handle())  # the table moved inside its box...
    assert page.evaluate("() => window.scrollX") == 0  # ...and the page did not
