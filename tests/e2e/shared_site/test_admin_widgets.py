"""The admin's own controls in Chromium: a new row numbered after the last, and one language switch for every
translated field (the rows' order, saved: tests/e2e/test_admin_row_order.py)."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db


def open_conference(page, log_in, conference):
    log_in(page)
    page.goto(f"/admin/events/conference/{conference.pk}/change/")
    expect(page.locator(".language-switch")).to_be_visible()


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
