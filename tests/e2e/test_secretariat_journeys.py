"""The Secretariat's work in the admin, in Chromium (journeys 4, 5 and 6 of the browser tests, and the admin's
autocomplete and add-popup as a member of the Secretariat uses them).
"""

import io
import json
import re
import zipfile

import pytest
from playwright.sync_api import expect

from events.models import Conference
from participants.models import Organization
from sessions.models import Session
from tests.events.test_interchange_validation import changed
from tests.factories import image_file

from .conftest import download_text

pytestmark = pytest.mark.django_db(transaction=True)


def open_changelist(page, model, name):
    page.goto("/admin/")
    page.locator(f"tr.model-{model}").get_by_role("link", name=name, exact=True).click()


def open_session_in_admin(page, session):
    open_changelist(page, "session", "Sessions")
    page.locator("#result_list tbody").get_by_role("link", name=session.title_en, exact=True).click()
    expect(page.get_by_role("heading", name="Change session")).to_be_visible()


def a_session_with_statements(conference):
    """A session of the edition as the demo has it today, looked up rather than named."""
    return Session.objects.filter(conference=conference, statements__isnull=False).order_by("order", "pk").first()


def set_russian_title(page, title):
    field = page.locator("#id_title_ru")
    expect(field).to_be_hidden()  # shown once Russian is chosen with the page's language switch
    page.locator(".language-switch").get_by_role("button", name="Русский").click()
    expect(field).to_be_visible()
    field.fill(title)
    page.get_by_role("button", name="Save", exact=True).first.click()
    expect(page.locator(".messagelist .success")).to_be_visible()


def session_title_on_the_russian_page(page, session):
    page.goto("/ru/conferences/cabmi-17/")
    return page.locator(f"#session-{session.key} .session__title")


def test_secretariat_edit_of_a_russian_session_title_shows_at_once_on_the_page_and_in_the_pdf(page, log_in, demo):
    session = a_session_with_statements(demo)
    expect(session_title_on_the_russian_page(page, session)).to_contain_text(session.title_ru)  # now in the page cache
    log_in(page)

    open_session_in_admin(page, session)
    set_russian_title(page, "Торжественное открытие конференции")

    expect(session_title_on_the_russian_page(page, session)).to_contain_text("Торжественное открытие конференции")
    _body, text = download_text(page, page.locator(".download-languages").get_by_role("link", name="Русский"))
    assert "Торжественное открытие конференции" in text
    assert session.title_ru not in text


def import_upload(name, data):
    return {"name": name, "mimeType": "application/octet-stream", "buffer": data}


def edition_zip():
    document = changed(slug="cabmi-18", edition=18, title={"en": "18th CABMI Conference", "ru": "18-я конференция CABMI"})
    document["photos"] = [{"file": "photos/opening.jpg", "alt": {"en": "Delegates in the conference hall"}}]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("conference.json", json.dumps(document))
        archive.writestr("photos/opening.jpg", image_file().read())
    return buffer.getvalue()


def test_secretariat_imports_an_edition_after_a_broken_file_and_publishes_it(page, log_in, transactional_db):
    log_in(page)
    open_changelist(page, "conference", "Conferences")
    page.get_by_role("link", name="Import conference").click()

    broken = json.dumps(changed(country="XX")).encode()
    page.get_by_label("Document").set_input_files(import_upload("broken.json", broken))
    page.get_by_role("button", name="Check document").click()
    expect(page.locator("#import-problems")).to_contain_text("is not an ISO 3166-1 country code")
    assert Conference.objects.count() == 0

    page.get_by_label("Document").set_input_files(import_upload("cabmi-18.zip", edition_zip()))
    page.get_by_label("Publish the edition after importing").check()
    page.get_by_role("button", name="Check document").click()
    expect(page.get_by_role("heading", name="Preview: what importing this document will do")).to_be_visible()
    page.get_by_role("button", name="Import now").click()
    expect(page.locator(".messagelist .success")).to_be_visible()

    conference = Conference.objects.get()
    assert (conference.slug, conference.is_published, conference.photos.count()) == ("cabmi-18", True, 1)
    page.goto("/en/conferences/")
    page.get_by_role("link", name="18th CABMI Conference").click()
    expect(page.get_by_role("img", name="Delegates in the conference hall")).to_be_visible()
    assert "18th CABMI Conference" in page.request.get("/en/feed.xml").text()
    assert "/en/conferences/cabmi-18/" in sitemap_of_editions(page)


def sitemap_of_editions(page):
    """The sitemap index, followed to the sitemap (or sitemaps) of the editions it lists."""
    index = page.request.get("/sitemap.xml").text()
    addresses = re.findall(r"<loc>([^<]*)</loc>", index)
    editions = [address for address in addresses if "/sitemap-editions.xml" in address]
    assert editions, index
    return "".join(page.request.get(address).text() for address in editions)


def history_links(page, session):
    page.goto(f"/admin/programme/session/{session.pk}/history/")
    return page.locator("#change-history tbody tr th a")


def test_secretariat_restores_an_older_session_title_from_history_sees_the_change_first_and_undoes_it(page, log_in, demo):
    session = a_session_with_statements(demo)
    original = session.title_ru
    log_in(page)
    open_session_in_admin(page, session)
    set_russian_title(page, "Ошибочное название")

    links = history_links(page, session)
    versions = links.count()
    links.nth(-2).click()  # the version before the mistaken edit
    preview = page.locator("#revert-preview")
    expect(preview.locator(".revert-changed")).to_contain_text("title [ru]")
    expect(preview.locator(".revert-deleted")).to_have_count(0)  # nothing of the session is lost by this revert
    expect(page.locator("#id_title_ru")).to_have_value(original)  # what the revert will write, before confirming
    page.get_by_role("button", name="Save", exact=True).first.click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    expect(session_title_on_the_russian_page(page, session)).to_contain_text(original)

    links = history_links(page, session)
    expect(links).to_have_count(versions + 1)  # the revert is a version of its own, so it can be undone
    links.nth(-2).click()  # the version before the revert: the mistaken title
    expect(page.locator("#revert-preview .revert-changed")).to_contain_text("title [ru]")
    expect(page.locator("#id_title_ru")).to_have_value("Ошибочное название")
    page.get_by_role("button", name="Save", exact=True).first.click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    expect(session_title_on_the_russian_page(page, session)).to_contain_text("Ошибочное название")


def add_role_row(page, kind):
    """Adds a row to the conference's roles and gives it a kind; the row's organization is then chosen in it."""
    page.locator("#roles-group").get_by_role("button", name="Add another Role").click()
    row = page.locator("#roles-group tr.form-row:not(.empty-form)").last
    row.locator("td.field-role select").select_option(kind)
    return row


def test_secretariat_adds_organizations_to_an_edition_by_autocomplete_and_through_the_add_popup(page, log_in, demo):
    interpol = Organization.objects.get(slug="interpol")
    log_in(page)
    open_changelist(page, "conference", "Conferences")
    page.locator("#result_list tbody").get_by_role("link", name=demo.title_en, exact=True).click()

    # An organization on record: typed into the autocomplete and picked from its list.
    row = add_role_row(page, "co_organizer")
    row.locator("td.field-organization .select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill("Criminal Police")
    page.locator(".select2-results__option", has_text=interpol.name_en).click()
    expect(row.locator("td.field-organization select")).to_have_value(str(interpol.pk))

    # A new organization: added in the popup the "+" opens, and chosen in the form it came from.
    row = add_role_row(page, "partner")
    with page.expect_popup() as opened:
        row.locator("td.field-organization a.add-related").click()
    popup = opened.value
    popup.locator("#id_name_en").fill("Border Management Academy")
    popup.locator("#id_name_en").press("Tab")  # leaving the name fills in the key
    expect(popup.locator("#id_slug")).to_have_value("border-management-academy")
    with popup.expect_event("close"):
        popup.get_by_role("button", name="Save", exact=True).first.click()
    academy = Organization.objects.get(slug="border-management-academy")
    expect(row.locator("td.field-organization select")).to_have_value(str(academy.pk))
    expect(row.locator("td.field-organization .select2-selection__rendered")).to_contain_text("Border Management Academy")

    page.get_by_role("button", name="Save", exact=True).first.click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    roles = set(demo.roles.values_list("organization__slug", "role"))
    assert {("interpol", "co_organizer"), ("border-management-academy", "partner")} <= roles
    page.goto("/en/conferences/cabmi-17/#organizers-heading")
    roles = page.locator(".roles")
    expect(roles).to_contain_text(interpol.name_en)
    expect(roles).to_contain_text("Border Management Academy")


def test_a_second_tab_opened_before_a_save_is_sent_back_and_saved_again_only_on_purpose(page, log_in, demo):
    session = a_session_with_statements(demo)
    log_in(page)
    open_session_in_admin(page, session)
    second_tab = page.context.new_page()  # the same signed-in browser; its screenshot is the test's last state
    second_tab.goto(page.url)

    set_russian_title(page, "Торжественное открытие конференции")
    second_tab.locator(".language-switch").get_by_role("button", name="Русский").click()
    second_tab.locator("#id_title_ru").fill("Открытие")
    second_tab.get_by_role("button", name="Save", exact=True).first.click()

    expect(second_tab.locator(".errornote")).to_be_visible()
    expect(second_tab.locator(".errorlist.nonfield")).to_contain_text("Someone saved this record after you opened it")
    expect(second_tab.locator("#id_title_ru")).to_have_value("Открытие")
    expect(session_title_on_the_russian_page(page, session)).to_contain_text("Торжественное открытие конференции")

    second_tab.get_by_role("button", name="Save", exact=True).first.click()
    expect(second_tab.locator(".messagelist .success")).to_be_visible()
    expect(session_title_on_the_russian_page(page, session)).to_contain_text("Открытие")
    expect(session_title_on_the_russian_page(page, session)).not_to_contain_text("Торжественное")
