"""A visitor on a phone, in Chromium (journey 9 of the browser tests): four earlier editions make the participation
table wider than the phone, so the test commits them, and the database is emptied after it."""

import re

import pytest
from playwright.sync_api import expect

from tests.factories import ConferenceFactory, ParticipationFactory

from .conftest import translated

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}


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
