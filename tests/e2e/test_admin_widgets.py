"""The admin's own controls in Chromium: rows moved by keyboard buttons and by dragging, and one language switch."""

import pytest
from playwright.sync_api import expect

from events.models import Conference
from tests.factories import ConferenceFactory, OrganizationFactory, RoleFactory

ORGANIZERS = ("OSCE Secretariat", "OSCE Programme Office in Dushanbe", "UNODC", "Government of Uzbekistan")


@pytest.fixture
def draft():
    """A draft edition with four roles, in the order of ORGANIZERS (saving it builds no PDF)."""
    conference = ConferenceFactory()
    for order, name in enumerate(ORGANIZERS, start=1):
        RoleFactory(conference=conference, organization=OrganizationFactory(name=name), order=order)
    return conference

pytestmark = pytest.mark.django_db(transaction=True)


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


def test_a_new_row_is_numbered_after_the_last(page, log_in, demo):
    last = max(demo.roles.values_list("order", flat=True))
    open_conference(page, log_in, demo)

    page.locator("#roles-group .add-row a").click()

    new_row = page.locator("#roles-group tbody tr.dynamic-roles").last
    expect(new_row.locator("input._reorder_")).to_have_value(str(last + 1), timeout=5000)
    expect(new_row.get_by_role("button", name="Move up")).to_be_visible()


def test_one_switch_shows_every_translated_field_in_the_chosen_language(page, log_in, demo):
    open_conference(page, log_in, demo)
    switch = page.locator(".language-switch")
    expect(page.locator(".ui-tabs-nav").first).to_be_hidden()  # no tab row over each field
    expect(page.locator("#id_title_en")).to_be_visible()
    expect(switch.get_by_role("button", name="English")).to_have_attribute("aria-pressed", "true")

    switch.get_by_role("button", name="Русский").click()

    for field in ("title", "city", "summary", "body", "participants_note"):
        expect(page.locator(f"#id_{field}_ru")).to_be_visible()
        expect(page.locator(f"#id_{field}_en")).to_be_hidden()
    expect(page.locator("#id_title_ru")).to_have_value(demo.title_ru)
    expect(switch.get_by_role("button", name="Русский")).to_have_attribute("aria-pressed", "true")
    expect(switch.get_by_role("button", name="English")).to_have_attribute("aria-pressed", "false")

    page.reload()  # the choice is remembered in this browser
    expect(page.locator("#id_title_ru")).to_be_visible()
    expect(page.locator("#id_title_en")).to_be_hidden()

    page.locator("#photos-group .add-row a").click()  # a new row's translated fields follow the switch
    expect(page.locator("#photos-group .inline-related.dynamic-photos [id$='-caption_ru']").last).to_be_visible()
    expect(page.locator("#photos-group .inline-related.dynamic-photos [id$='-caption_en']").last).to_be_hidden()


def test_the_switch_is_used_from_the_keyboard(page, log_in, demo):
    open_conference(page, log_in, demo)
    button = page.locator(".language-switch").get_by_role("button", name="Қазақша")

    button.focus()
    page.keyboard.press("Space")

    expect(button).to_have_attribute("aria-pressed", "true")
    expect(page.locator("#id_title_kk")).to_be_visible()
    assert button.evaluate("button => getComputedStyle(button).outlineStyle") != "none"


@pytest.mark.parametrize(("locale", "summary"), [("en-GB", "Who took part"), ("ru-RU", "Кто участвовал")])
def test_the_change_page_fits_the_window(new_page, secretariat_user, demo, locale, summary):
    page = new_page(locale=locale)
    page.goto(f"/admin/login/?next=/admin/events/conference/{demo.pk}/change/")
    page.locator("#id_username").fill(secretariat_user.username)
    page.locator("#id_password").fill("pw")
    page.locator("input[type=submit]").click()
    page.locator("#participations-group summary").click()

    expect(page.locator("#participations-group summary")).to_contain_text(summary)
    expect(page.locator("#participations-group tbody tr.has_original").first).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
    delete = page.locator("#participations-group tbody tr.has_original").first.locator("td.delete input").bounding_box()
    assert delete["x"] + delete["width"] <= page.viewport_size["width"]  # the Delete column is not cut off
