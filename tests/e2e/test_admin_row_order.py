"""The admin's rows in Chromium: moved by keyboard buttons and by dragging, in a new order that is saved."""

import pytest
from playwright.sync_api import expect

from events.models import Conference
from tests.factories import ConferenceFactory, OrganizationFactory, RoleFactory

pytestmark = pytest.mark.django_db(transaction=True)

ORGANIZERS = ("OSCE Secretariat", "OSCE Programme Office in Dushanbe", "UNODC", "Government of Uzbekistan")


@pytest.fixture
def draft():
    """A draft edition with four roles, in the order of ORGANIZERS (saving it builds no PDF)."""
    conference = ConferenceFactory()
    for order, name in enumerate(ORGANIZERS, start=1):
        RoleFactory(conference=conference, organization=OrganizationFactory(name=name), order=order)
    return conference


def open_conference(page, log_in, conference):
    log_in(page)
    page.goto(f"/admin/events/conference/{conference.pk}/change/")
    expect(page.locator(".language-switch")).to_be_visible()


def role_names(conference):
    return [str(role.organization or role.country) for role in Conference.objects.get(pk=conference.pk).roles.order_by("order", "id")]


def save(page):
    page.get_by_role("button", name="Save and continue editing").first.click()
    expect(page.locator(".messagelist .success")).to_be_visible()


def test_rows_move_with_the_keyboard_and_keep_their_new_order(page, log_in, draft):
    demo = draft
    before = role_names(demo)
    assert before == list(ORGANIZERS)
    open_conference(page, log_in, demo)
    rows = page.locator("#roles-group tbody tr.has_original")
    first_move_down = rows.first.get_by_role("button", name="Move down")

    first_move_down.focus()
    page.keyboard.press("Enter")

    moved_button = rows.nth(1).get_by_role("button", name="Move down")
    expect(moved_button).to_be_focused()  # the button moved with its row: press again to move it further
    outline = moved_button.evaluate("button => getComputedStyle(button).outlineStyle")
    assert outline != "none"
    orders = rows.locator("input._reorder_").evaluate_all("inputs => inputs.map((input) => input.value)")
    assert orders == [str(number) for number in range(1, len(before) + 1)]
    save(page)
    assert role_names(demo) == [before[1], before[0], *before[2:]]

    page.locator("#roles-group tbody tr.has_original").nth(1).get_by_role("button", name="Move up").click()
    save(page)
    assert role_names(demo) == before


def test_rows_are_dragged_into_a_new_order(page, log_in, draft):
    demo = draft
    before = role_names(demo)
    open_conference(page, log_in, demo)
    rows = page.locator("#roles-group tbody tr.has_original")

    rows.nth(2).locator("td.original p").drag_to(rows.first.locator("td.original p"))

    expect(rows.first.locator("td.original p")).to_contain_text(before[2])
    save(page)
    assert role_names(demo)[0] == before[2]
