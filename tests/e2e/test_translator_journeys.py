"""A translator's limits, in Chromium (journey 7 of the browser tests).

A member of the Translator group with Uzbek assigned changes the Uzbek text of an edition and sees it on the site at
once; the other languages' fields, the status and the publish actions are not theirs, and forcing them is refused.
"""

import pytest
from django.contrib.auth.models import Group, User
from playwright.sync_api import expect

from cabmi_portal.permissions import TRANSLATOR
from events.models import Conference
from tests.factories import ConferenceFactory
from translators.models import Translator

from .conftest import sign_in

pytestmark = pytest.mark.django_db(transaction=True)

NEW_TITLE = "CABMI 17-konferensiyasi (tahrir qilingan)"


@pytest.fixture
def uzbek_translator(db):
    user = User.objects.create_user("dilnoza", password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name=TRANSLATOR))
    Translator.objects.create(user=user, languages=["uz"])
    return user


@pytest.fixture
def draft(demo):
    return ConferenceFactory(series=demo.series, edition=18, title="18th CABMI Conference")


def open_conference(page, conference):
    page.goto("/admin/events/conference/")
    page.locator("#result_list tbody").get_by_role("link", name=conference.title_en, exact=True).click()


def test_translator_changes_only_their_language_and_cannot_publish(page, demo, draft, uzbek_translator):
    sign_in(page, uzbek_translator)

    # Their language: a field they can fill, saved, on the Uzbek page at once.
    open_conference(page, demo)
    expect(page.locator("#id_title_uz")).to_be_editable()
    for other in ("en", "ru", "kk", "ky", "tg", "tk"):
        expect(page.locator(f"#id_title_{other}")).to_have_count(0)
    expect(page.locator("#id_status")).to_have_count(0)  # shown, not a field
    expect(page.locator(".field-status .readonly")).to_have_text("Published")
    page.locator("#id_title_uz").fill(NEW_TITLE)
    page.get_by_role("button", name="Save", exact=True).first.click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    page.goto("/uz/conferences/cabmi-17/")
    expect(page.get_by_role("heading", level=1)).to_have_text(NEW_TITLE)
    page.goto("/ru/conferences/cabmi-17/")
    expect(page.get_by_role("heading", level=1)).to_have_text(demo.title_ru)

    # No publish action is offered; one forced into the list's form is refused.
    page.goto("/admin/events/conference/")
    actions = page.locator("select[name=action]")
    expect(actions.locator("option[value=publish_conferences]")).to_have_count(0)
    expect(actions.locator("option[value=unpublish_conferences]")).to_have_count(0)
    page.locator(f"input[name=_selected_action][value='{draft.pk}']").check()
    actions.evaluate("select => select.add(new Option('Publish selected conferences', 'publish_conferences', true, true))")
    page.get_by_role("button", name="Go", exact=True).click()
    expect(page.locator(".messagelist .warning")).to_have_text("No action selected.")
    expect(page.locator("#result_list tbody tr", has_text="18th CABMI Conference").locator(".status-badge")).to_have_text("Draft")

    # A status forced into the change form is ignored: the draft stays a draft.
    open_conference(page, draft)
    page.locator("#conference_form").evaluate(
        "form => form.append(Object.assign(document.createElement('input'), {type: 'hidden', name: 'status', value: 'published'}))"
    )
    page.get_by_role("button", name="Save", exact=True).first.click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    assert Conference.objects.get(pk=draft.pk).status == Conference.Status.DRAFT
    assert page.request.get("/en/conferences/cabmi-18/").status == 404

    # Restoring history, which could bring back any language or status, is refused.
    page.goto(f"/admin/events/conference/{demo.pk}/history/")
    response = page.goto(page.locator("#change-history tbody tr th a").first.get_attribute("href"))
    assert response.status == 403
    assert Conference.objects.get(pk=demo.pk).title_ru == demo.title_ru
