"""Work on a draft edition leaves the public pages cached: no visitor sees a draft, so nothing they see has changed.

The Secretariat prepares each new edition as a draft over weeks of saves; each
save used to make every public page on every server render afresh.
"""

import pytest
from django.db import transaction
from django.urls import reverse

from events.interchange.importer import import_conference
from events.interchange.sample import generated_document, write_document
from events.models import Conference
from sessions.models import Statement
from tests.events.test_admin import changeform_data
from tests.factories import ConferenceFactory, ParticipationFactory, RoleFactory, SessionFactory, StatementFactory, country
from tests.test_page_cache import PAGES, published_edition

pytestmark = pytest.mark.django_db


@pytest.fixture
def edition():
    return published_edition()


@pytest.fixture
def draft():
    conference = ConferenceFactory(slug="cabmi-18", title="18th CABMI Conference")
    StatementFactory(session=SessionFactory(conference=conference), text="A draft statement.")
    return conference


def cache_public_pages(client):
    rendered = {name: client.get(address) for name, address in PAGES.items()}
    assert all(response.status_code == 200 for response in rendered.values())
    return {name: response.content for name, response in rendered.items()}


def save_on_admin_page(admin_client, conference, changes):
    """The conference's admin page sent back with `changes`, as a browser would."""
    url = reverse("admin:events_conference_change", args=[conference.pk])
    return admin_client.post(url, changeform_data(admin_client.get(url)) | changes)


def edit_statement(draft):
    statement = draft.sessions.get().statements.get()
    statement.text = "A corrected draft statement."
    statement.save()


def add_session_and_statement(draft):
    known = draft.sessions.get().statements.get()  # a new person or organization would be an edit of a shared record
    session = SessionFactory(conference=draft, title="Closing session")
    StatementFactory(session=session, speaker=known.speaker, organization=known.organization)


def edit_conference(draft):
    draft.title = "18th CABMI Conference, corrected"
    draft.save()


def add_role_and_participation(draft):
    known = draft.sessions.get().statements.get()
    RoleFactory(conference=draft, organization=known.organization), ParticipationFactory(conference=draft, country=country("UZ"))


def delete_statement(draft):
    draft.sessions.get().statements.get().delete()


def delete_session_with_its_statements(draft):
    draft.sessions.get().delete()


def delete_edition(draft):
    draft.delete()


@pytest.mark.parametrize("edit", [edit_statement, add_session_and_statement, edit_conference, add_role_and_participation,
                                  delete_statement, delete_session_with_its_statements, delete_edition])
def test_an_edit_of_a_draft_edition_leaves_every_public_page_cached(client, edition, draft, edit, django_assert_num_queries):
    before = cache_public_pages(client)

    edit(draft)

    with django_assert_num_queries(0):
        after = {name: client.get(address).content for name, address in PAGES.items()}
    assert after == before


def test_a_draft_saved_on_its_admin_page_leaves_the_public_pages_cached(client, admin_client, edition, draft,
                                                                        django_assert_num_queries):
    before = cache_public_pages(client)

    assert save_on_admin_page(admin_client, draft, {"title_en": "18th CABMI Conference, as agreed"}).status_code == 302

    assert Conference.objects.get(pk=draft.pk).title_en == "18th CABMI Conference, as agreed"
    with django_assert_num_queries(0):
        assert client.get(PAGES["home"]).content == before["home"]


def test_a_statement_moved_from_a_draft_into_a_published_edition_shows_on_the_next_request(client, edition, draft):
    cache_public_pages(client)
    statement = draft.sessions.get().statements.get()

    statement.session = edition.sessions.get()
    statement.save()

    assert "A draft statement." in client.get(PAGES["edition"]).content.decode()


def test_a_statement_moved_from_a_published_edition_into_a_draft_leaves_its_page(client, edition, draft):
    cache_public_pages(client)
    statement = edition.sessions.get().statements.get()
    text = statement.text

    statement.session = draft.sessions.get()
    statement.save()

    assert text not in client.get(PAGES["edition"]).content.decode()


def test_a_draft_published_shows_on_the_home_page_and_withdrawn_leaves_it(client, edition, draft):
    cache_public_pages(client)
    draft.start_date, draft.end_date = edition.start_date.replace(year=2030), edition.end_date.replace(year=2030)
    draft.status = Conference.Status.PUBLISHED
    draft.save()

    assert "18th CABMI Conference" in client.get(PAGES["home"]).content.decode()

    draft.status = Conference.Status.DRAFT
    draft.save()

    assert "18th CABMI Conference" not in client.get(PAGES["home"]).content.decode()


def test_a_deleted_published_session_leaves_its_page(client, edition):
    cache_public_pages(client)
    text = edition.sessions.get().statements.get().text

    edition.sessions.get().delete()

    assert text not in client.get(PAGES["edition"]).content.decode()


def test_a_draft_edit_committed_while_another_server_publishes_the_edition_shows_after_both(
        client, draft, django_capture_on_commit_callbacks):
    statement = draft.sessions.get().statements.get()
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        statement.text = "A corrected draft statement."
        statement.save()  # the edition is a draft as this transaction sees it: no new generation yet
        # Another server publishes the edition and commits; a visitor then reads the page without this uncommitted edit.
        Conference.objects.filter(pk=draft.pk).update(status=Conference.Status.PUBLISHED)
        type(statement).objects.filter(pk=statement.pk).update(text_en="A draft statement.")
        assert "A draft statement." in client.get("/en/conferences/cabmi-18/").content.decode()
        type(statement).objects.filter(pk=statement.pk).update(text_en="A corrected draft statement.")

    assert "A corrected draft statement." in client.get("/en/conferences/cabmi-18/").content.decode()


def test_rows_deleted_from_a_draft_on_its_admin_page_leave_the_public_pages_cached(client, admin_client, edition, draft,
                                                                                  django_assert_num_queries):
    before = cache_public_pages(client)

    assert save_on_admin_page(admin_client, draft, {"sessions-0-DELETE": "on"}).status_code == 302

    assert not draft.sessions.exists()
    with django_assert_num_queries(0):
        assert client.get(PAGES["home"]).content == before["home"]


def test_a_published_edition_deleted_leaves_the_home_page(client, edition):
    cache_public_pages(client)

    edition.delete()

    assert "17th CABMI Conference" not in client.get(PAGES["home"]).content.decode()


def test_a_draft_statement_deleted_while_another_server_publishes_the_edition_is_gone_after_both(
        client, draft, django_capture_on_commit_callbacks):
    statement = draft.sessions.get().statements.get()
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        statement.delete()
        # Another server publishes the edition and commits; a visitor then reads the page with the statement still there.
        Conference.objects.filter(pk=draft.pk).update(status=Conference.Status.PUBLISHED)
        with transaction.atomic():
            Statement.objects.bulk_create([statement])  # as the visitor's connection still sees it
            assert "A draft statement." in client.get("/en/conferences/cabmi-18/").content.decode()
            transaction.set_rollback(True)

    assert "A draft statement." not in client.get("/en/conferences/cabmi-18/").content.decode()


@pytest.mark.parametrize("edit", [edit_statement, delete_statement])
def test_a_draft_edit_queues_no_refresh_of_the_published_pdfs(draft, edit, queued_tasks, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        edit(draft)

    assert queued_tasks == []


@pytest.mark.parametrize("edit", [edit_statement, delete_statement])
def test_an_edit_of_a_published_edition_queues_the_refresh_of_its_pdfs(edition, edit, queued_tasks,
                                                                       django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        edit(edition)

    assert [result.task.name for result in queued_tasks] == ["refresh_published_proceedings"]


def imported(tmp_path, document, name):
    report = import_conference(write_document(tmp_path / name, document))
    assert not report.problems, report.problems
    return report


def test_a_draft_imported_again_with_a_corrected_statement_leaves_the_public_pages_cached(
        client, edition, tmp_path, queued_tasks, django_capture_on_commit_callbacks, django_assert_num_queries):
    document, _files = generated_document(photos=0)
    document["status"] = "draft"
    with django_capture_on_commit_callbacks(execute=True):
        imported(tmp_path, document, "first")
    before = cache_public_pages(client)
    queued_tasks.clear()

    document["sessions"][0]["statements"][0]["text"]["en"] = "A corrected statement."
    with django_capture_on_commit_callbacks(execute=True):
        report = imported(tmp_path, document, "again")

    assert report.counts["statements"].updated == 1
    with django_assert_num_queries(0):
        assert client.get(PAGES["home"]).content == before["home"]
    assert queued_tasks == []


def test_a_new_draft_imported_with_new_people_and_organizations_leaves_the_public_pages_cached(
        client, edition, tmp_path, queued_tasks, django_capture_on_commit_callbacks, django_assert_num_queries):
    before = cache_public_pages(client)
    queued_tasks.clear()
    document, _files = generated_document(photos=0)
    document["status"] = "draft"

    with django_capture_on_commit_callbacks(execute=True):
        report = imported(tmp_path, document, "new")

    assert report.counts["people"].created and report.counts["organizations"].created
    with django_assert_num_queries(0):
        assert {name: client.get(address).content for name, address in PAGES.items()} == before
    assert queued_tasks == []
    # Still nobody to see: the new people's and organizations' pages answer 404 until the edition is published.
    person = document["people"][0]["key"]
    assert client.get(f"/en/people/{person}/").status_code == 404


def test_a_draft_imported_with_a_corrected_name_of_a_published_speaker_shows_it(client, edition, tmp_path,
                                                                                django_capture_on_commit_callbacks):
    document, _files = generated_document(photos=0)
    document["status"] = "draft"
    with django_capture_on_commit_callbacks(execute=True):
        imported(tmp_path, document, "first")
    speaker = edition.sessions.get().statements.get().speaker
    cache_public_pages(client)

    document["people"].append({"key": speaker.slug, "name": {"en": "A Corrected Name"}})
    with django_capture_on_commit_callbacks(execute=True):
        report = import_conference(write_document(tmp_path / "again", document), update_shared=True)

    assert report.counts["people"].updated == 1, report.counts["people"]
    assert "A Corrected Name" in client.get(PAGES["edition"]).content.decode()


def test_a_published_edition_imported_again_with_a_corrected_statement_shows_it_and_refreshes_its_pdfs(
        client, tmp_path, queued_tasks, django_capture_on_commit_callbacks):
    document, _files = generated_document(photos=0)
    with django_capture_on_commit_callbacks(execute=True):
        imported(tmp_path, document, "first")
    assert client.get("/en/conferences/gen-3/").status_code == 200
    refresh = queued_tasks.pop()
    refresh.task.call(*refresh.args)  # as the worker would: the next change may queue a refresh again
    queued_tasks.clear()  # the builds it queued

    document["sessions"][0]["statements"][0]["text"]["en"] = "A corrected statement."
    with django_capture_on_commit_callbacks(execute=True):
        imported(tmp_path, document, "again")

    assert "A corrected statement." in client.get("/en/conferences/gen-3/").content.decode()
    assert [result.task.name for result in queued_tasks] == ["refresh_published_proceedings"]


def test_a_record_deleted_from_a_draft_then_saved_into_a_published_edition_and_deleted_again_leaves_its_page(client, edition,
                                                                                                            draft):
    statement = draft.sessions.get().statements.get()
    statement.delete()  # from a draft: nothing public changed
    statement.session = edition.sessions.get()
    statement.save()  # the same object, a new row, in the published edition
    assert "A draft statement." in client.get(PAGES["edition"]).content.decode()

    statement.delete()

    assert "A draft statement." not in client.get(PAGES["edition"]).content.decode()


# Deleting several records at once (the admin list's action, the importer) starts from a queryset, not a record.
def delete_selected_on_the_admin_list(admin_client, statements):
    url = reverse("admin:programme_statement_changelist")
    return admin_client.post(url, {"action": "delete_selected", "_selected_action": [s.pk for s in statements], "post": "yes"})


def test_draft_statements_deleted_together_on_the_admin_list_leave_the_public_pages_cached(
        client, admin_client, edition, draft, queued_tasks, django_capture_on_commit_callbacks, django_assert_num_queries):
    StatementFactory(session=draft.sessions.get(), text="Another draft statement.")
    before = cache_public_pages(client)
    queued_tasks.clear()

    with django_capture_on_commit_callbacks(execute=True):
        assert delete_selected_on_the_admin_list(admin_client, Statement.objects.filter(session__conference=draft)).status_code == 302

    assert not Statement.objects.filter(session__conference=draft).exists()
    with django_assert_num_queries(0):
        assert {name: client.get(address).content for name, address in PAGES.items()} == before
    assert queued_tasks == []


def test_published_statements_deleted_together_with_draft_ones_on_the_admin_list_leave_their_pages(
        client, admin_client, edition, draft, django_capture_on_commit_callbacks):
    cache_public_pages(client)
    published = edition.sessions.get().statements.get()

    with django_capture_on_commit_callbacks(execute=True):
        selected = Statement.objects.filter(pk__in=[published.pk, draft.sessions.get().statements.get().pk])
        assert delete_selected_on_the_admin_list(admin_client, selected).status_code == 302

    assert published.text not in client.get(PAGES["edition"]).content.decode()
    assert client.get(PAGES["person"]).status_code == 404


def test_draft_sessions_deleted_as_a_queryset_while_another_server_publishes_the_edition_are_gone_after_both(
        client, draft, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        draft.sessions.all().delete()
        # Another server publishes the edition and commits; a visitor then reads the page with the statement still there.
        Conference.objects.filter(pk=draft.pk).update(status=Conference.Status.PUBLISHED)
        assert "A draft statement." not in client.get("/en/conferences/cabmi-18/").content.decode()
        with transaction.atomic():
            session = SessionFactory(conference=draft)
            StatementFactory(session=session, text="A draft statement.")  # as the visitor's connection still sees it
            assert "A draft statement." in client.get("/en/conferences/cabmi-18/").content.decode()
            transaction.set_rollback(True)

    assert "A draft statement." not in client.get("/en/conferences/cabmi-18/").content.decode()


def test_a_draft_imported_again_without_a_statement_leaves_the_public_pages_cached(
        client, edition, tmp_path, queued_tasks, django_capture_on_commit_callbacks, django_assert_num_queries):
    document, _files = generated_document(photos=0)
    document["status"] = "draft"
    with django_capture_on_commit_callbacks(execute=True):
        imported(tmp_path, document, "first")
    before = cache_public_pages(client)
    queued_tasks.clear()

    del document["sessions"][0]["statements"][0]
    with django_capture_on_commit_callbacks(execute=True):
        report = imported(tmp_path, document, "again")

    assert report.counts["statements"].removed == 1
    with django_assert_num_queries(0):
        assert {name: client.get(address).content for name, address in PAGES.items()} == before
    assert queued_tasks == []
