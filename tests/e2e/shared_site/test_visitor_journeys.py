"""A visitor's paths through the public site, in Chromium (journeys 1, 2, 3 and 8 of the browser tests; the phone's,
journey 9, adds editions: tests/e2e/test_visitor_phone_journey.py)."""

import re

import pytest
from playwright.sync_api import expect

from participants.models import Person
from sessions.models import Statement

from ..conftest import download_text, translated

pytestmark = pytest.mark.django_db


def test_visitor_preferring_russian_lands_in_russian_and_keeps_the_edition_in_uzbek(new_page, site, demo):
    page = new_page(locale="ru-RU")

    page.goto("/")
    expect(page).to_have_url(f"{site}/ru/")
    page.get_by_role("navigation", name=translated("ru", "Main")).get_by_role("link", name=translated("ru", "Conferences archive")).click()
    page.get_by_role("link", name=demo.title_ru).click()
    expect(page).to_have_url(f"{site}/ru/conferences/cabmi-17/")
    page.get_by_role("navigation", name=translated("ru", "Languages")).get_by_role("link", name="Oʻzbekcha").click()

    expect(page).to_have_url(f"{site}/uz/conferences/cabmi-17/")
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
def test_visitor_finds_a_statement_by_a_russian_word_or_a_family_name(new_page, site, demo, kind):
    speaker = Person.objects.get(slug="ashita-mittal")
    statement = Statement.objects.get(speaker=speaker, session__conference=demo)
    query = "транснациональной" if kind == "word" else speaker.family_name_ru
    page = new_page(locale="ru-RU")
    page.goto("/ru/")

    page.get_by_role("searchbox", name=translated("ru", "Search the record")).fill(query)
    page.get_by_role("searchbox", name=translated("ru", "Search the record")).press("Enter")
    page.locator(".result--statements").first.get_by_role("link").click()

    expect(page).to_have_url(f"{site}/ru/conferences/cabmi-17/#statement-{statement.pk}")
    found = page.locator(f"#statement-{statement.pk}")
    expect(found).to_be_in_viewport()
    expect(found.locator(".statement__speaker")).to_have_text(speaker.name_ru)
    if kind == "word":
        expect(found).to_contain_text(query)


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
