"""Publishing from the admin shows a checklist first: missing translations, sessions without statements, photos without alt text."""

import pytest
from django.urls import reverse
from reversion.models import Version

from cabmi_portal.languages import language_names, translation_languages
from events.models import Conference
from tests.events.test_admin import changeform_data
from tests.factories import ConferenceFactory, PhotoFactory, SessionFactory, StatementFactory

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:events_conference_changelist"


def ask_to_publish(client, *conferences):
    """The "Publish selected conferences" action: it leads to the checklist, which it returns."""
    ids = [conference.pk for conference in conferences]
    response = client.post(reverse(CHANGELIST), {"action": "publish_conferences", "_selected_action": ids})
    assert response.status_code == 302
    return client.get(response["Location"])


def confirm(client, page):
    form = {"ids": page.context["ids"], "from": page.context["came_from"], "confirm": "Confirm publish"}
    return client.post(reverse("admin:events_conference_publish"), form)


def history(conference):
    versions = Version.objects.get_for_object(conference).select_related("revision__user").order_by("pk")
    return [(v.revision.comment, v.revision.user.username if v.revision.user else None) for v in versions]


def complete_edition():
    """A conference translated in every language, its one session with a statement, its one photo described in every language."""
    every = {f"{field}_{code}": f"{field} {code}" for field in ("title", "city", "summary") for code in language_names()}
    conference = ConferenceFactory(**every)
    session = SessionFactory(conference=conference, **{f"title_{code}": f"Opening {code}" for code in language_names()})
    StatementFactory(session=session, position="", position_ru="", text="", text_ru="")
    return conference


def test_checklist_lists_missing_translations_empty_sessions_and_photos_without_alt(admin_client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    conference = ConferenceFactory(title_uz="Sarlavha", city_uz="Toshkent", summary_uz="Qisqacha")
    SessionFactory(conference=conference, title="Site visit", title_ru="Выезд на место", title_uz="Joyga tashrif")
    PhotoFactory(conference=conference, caption="Delegates", alt="", alt_ru="")

    page = ask_to_publish(admin_client, conference)

    html = page.content.decode()
    [shown] = page.context["checklists"]
    checklist = shown["checklist"]
    assert page.status_code == 200
    assert list(checklist.missing_translations) == [code for code in translation_languages() if code not in ("ru", "uz")]
    kazakh = ["Conference: city", "Conference: summary", "Conference: title", "Session “Site visit”: title"]
    assert checklist.missing_translations["kk"] == kazakh
    assert f"{language_names()['kk']} (kk) — 4 fields missing" in html
    assert [session.title for session in checklist.sessions_without_statements] == ["Site visit"]
    assert "Site visit</a>" in html
    assert list(checklist.photos_without_alt) == list(language_names())
    assert f"{language_names()['en']} (en): <a" in html and "Delegates</a>" in html
    assert Conference.objects.get(pk=conference.pk).status == "draft"


def test_checklist_of_a_complete_edition_says_nothing_is_missing_and_still_asks(admin_client):
    conference = complete_edition()

    page = ask_to_publish(admin_client, conference)

    assert page.context["checklists"][0]["checklist"].nothing_missing
    assert page.content.decode().count("Nothing missing.") == 1
    assert 'value="Confirm publish"' in page.content.decode()
    assert Conference.objects.get(pk=conference.pk).status == "draft"


def test_confirm_publishes_with_a_history_comment(admin_client, admin_user):
    conference = ConferenceFactory()

    response = confirm(admin_client, ask_to_publish(admin_client, conference))

    conference.refresh_from_db()
    assert response["Location"] == reverse(CHANGELIST)
    assert conference.status == "published" and conference.published_at is not None
    assert history(conference) == [("Published", admin_user.username)]


def test_cancel_leads_back_and_leaves_the_draft(admin_client):
    conference = ConferenceFactory()

    page = ask_to_publish(admin_client, conference)
    # Posting without "confirm" (what a stray submit would send) publishes nothing either.
    again = admin_client.post(reverse("admin:events_conference_publish"), {"ids": str(conference.pk)})

    assert f'href="{reverse(CHANGELIST)}" class="button cancel-link"' in page.content.decode()
    assert again.status_code == 200
    assert Conference.objects.get(pk=conference.pk).status == "draft"
    assert history(conference) == []


def test_change_form_saves_other_edits_and_goes_through_the_checklist(admin_client, admin_user):
    conference = ConferenceFactory()
    url = reverse("admin:events_conference_change", args=[conference.pk])

    response = admin_client.post(url, changeform_data(admin_client.get(url)) | {"status": "published", "city_tk": "Daşkent"})

    conference.refresh_from_db()
    assert (conference.status, conference.city_tk) == ("draft", "Daşkent")
    assert response["Location"] == reverse("admin:events_conference_publish") + f"?ids={conference.pk}&from=change"
    page = admin_client.get(response["Location"])
    assert f'href="{url}" class="button cancel-link"' in page.content.decode()
    assert confirm(admin_client, page)["Location"] == url
    conference.refresh_from_db()
    assert conference.status == "published"
    assert history(conference)[-1] == ("Published", admin_user.username)


def test_unpublish_from_the_change_form_needs_no_checklist(admin_client):
    conference = ConferenceFactory(published=True)
    url = reverse("admin:events_conference_change", args=[conference.pk])

    response = admin_client.post(url, changeform_data(admin_client.get(url)) | {"status": "draft"})

    assert response["Location"] == reverse(CHANGELIST)
    assert Conference.objects.get(pk=conference.pk).status == "draft"


def test_checklist_of_published_conferences_only_says_there_is_nothing_to_publish(admin_client):
    conference = ConferenceFactory(published=True)

    response = admin_client.get(reverse("admin:events_conference_publish"), {"ids": f"{conference.pk},x"}, follow=True)

    messages = [str(message) for message in response.context["messages"]]
    assert messages == ["Nothing to publish: the conferences chosen are already published."]


def test_secretariat_publishes_through_the_checklist(secretariat_client):
    conference = ConferenceFactory()

    confirm(secretariat_client, ask_to_publish(secretariat_client, conference))

    assert Conference.objects.get(pk=conference.pk).status == "published"


@pytest.mark.parametrize("editions", [1, 4])
def test_checklist_queries_do_not_grow_with_editions(admin_client, django_assert_max_num_queries, editions, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    conferences = [ConferenceFactory(sessions=3, sessions__statements=2) for _ in range(editions)]
    for conference in conferences:
        PhotoFactory(conference=conference, alt_ru="")
    url = reverse("admin:events_conference_publish") + "?ids=" + ",".join(str(c.pk) for c in conferences)

    with django_assert_max_num_queries(12):
        assert admin_client.get(url).status_code == 200


def test_new_conference_saved_as_published_is_created_as_a_draft_and_goes_through_the_checklist(admin_client):
    series = ConferenceFactory().series
    url = reverse("admin:events_conference_add")
    data = changeform_data(admin_client.get(url)) | {f"title_{code}": f"Title {code}" for code in language_names()}
    data.update(series=series.pk, edition="41", slug="", status="published", start_date="2031-05-20", end_date="2031-05-21",
                country="UZ", attendance="hybrid", sources="[]", extra="{}")

    response = admin_client.post(url, data)

    conference = Conference.objects.get(edition=41)
    assert conference.status == "draft"
    assert response["Location"] == reverse("admin:events_conference_publish") + f"?ids={conference.pk}&from=change"
