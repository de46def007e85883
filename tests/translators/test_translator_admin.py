"""A translator through the admin: sees drafts, changes only the translated fields of their languages, cannot publish."""

import datetime

import pytest
from django.urls import reverse

from events.models import Conference
from sessions.models import Photo, Session, Statement
from tests.events.test_admin import changeform_data
from tests.factories import ConferenceFactory
from tests.translators.conftest import translator


def change_url(record):
    meta = record._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[record.pk])


def post_change(client, record, **changes):
    response = client.get(change_url(record))
    assert response.status_code == 200
    data = changeform_data(response)
    data.update(changes)
    return client.post(change_url(record), data)


def test_translator_sees_draft_editions(translator_client, db):
    draft = ConferenceFactory(title="A draft edition")

    listing = translator_client.get(reverse("admin:events_conference_changelist"))

    assert "A draft edition" in listing.content.decode()
    assert translator_client.get(change_url(draft)).status_code == 200


def test_translator_changes_the_title_in_their_language(translator_client, edition):
    response = post_change(translator_client, edition, title_uz="17-CABMI konferensiyasi")

    assert response.status_code == 302
    assert Conference.objects.get(pk=edition.pk).title_uz == "17-CABMI konferensiyasi"


def test_translator_change_form_offers_only_their_languages(translator_client, edition):
    form = translator_client.get(change_url(edition)).context["adminform"].form

    # edited_from: the hidden digest of the record as the form shows it (cabmi_portal/edit_conflicts.py).
    assert sorted(form.fields) == ["body_uz", "city_uz", "edited_from", "participants_note_uz", "summary_uz", "title_uz", "venue_uz"]


def test_translator_cannot_change_dates_status_or_other_languages(translator_client, edition):
    response = post_change(
        translator_client,
        edition,
        title_uz="Sarlavha",
        start_date="1999-01-01",
        status="draft",
        title_ru="Другое название",
        title_en="Another title",
        slug="another-slug",
    )

    assert response.status_code == 302
    conference = Conference.objects.get(pk=edition.pk)
    assert conference.title_uz == "Sarlavha"
    assert (conference.start_date, conference.status, conference.slug) == (edition.start_date, "published", "tashkent-2022")
    assert (conference.title_ru, conference.title_en) == ("17-я конференция CABMI", "17th CABMI Conference")


def test_translator_cannot_change_another_translators_language(client, edition):
    client.force_login(translator("aigerim", ["kk"]))

    post_change(client, edition, title_uz="Sarlavha", title_kk="Тақырып")

    conference = Conference.objects.get(pk=edition.pk)
    assert (conference.title_uz, conference.title_kk) == (None, "Тақырып")


def test_translator_cannot_publish_or_unpublish(translator_client, db):
    draft, published = ConferenceFactory(), ConferenceFactory(published=True)
    changelist = reverse("admin:events_conference_changelist")

    actions = translator_client.get(changelist).context["action_form"].fields["action"].choices
    for action, ids in (("publish_conferences", [draft.pk]), ("unpublish_conferences", [published.pk])):
        translator_client.post(changelist, {"action": action, "_selected_action": ids})

    assert {name for name, _label in actions} == {"", "export_conferences", "build_proceedings", "export_for_translation"}
    assert Conference.objects.get(pk=draft.pk).status == "draft"
    assert Conference.objects.get(pk=published.pk).status == "published"


def test_translator_cannot_open_or_confirm_the_publish_checklist(translator_client, db):
    draft = ConferenceFactory()
    url = reverse("admin:events_conference_publish")

    assert translator_client.get(url, {"ids": draft.pk}).status_code == 403
    assert translator_client.post(url, {"ids": draft.pk, "confirm": "yes"}).status_code == 403
    assert Conference.objects.get(pk=draft.pk).status == "draft"


def test_translator_cannot_publish_from_the_change_form(translator_client, db):
    draft = ConferenceFactory()

    post_change(translator_client, draft, status="published")

    assert Conference.objects.get(pk=draft.pk).status == "draft"


def test_translator_cannot_add_or_delete_records(translator_client, edition):
    assert translator_client.get(reverse("admin:events_conference_add")).status_code == 403
    assert translator_client.get(reverse("admin:programme_session_add")).status_code == 403
    assert translator_client.post(reverse("admin:events_conference_delete", args=[edition.pk]), {"post": "yes"}).status_code == 403
    assert Conference.objects.filter(pk=edition.pk).exists()


def test_translator_changes_inline_photo_caption_but_not_the_photo(translator_client, edition):
    photo = Photo.objects.get(conference=edition)
    response = translator_client.get(change_url(edition))
    data = changeform_data(response)
    data.update({"photos-0-caption_uz": "Delegatlar", "photos-0-order": "9", "photos-0-caption_en": "Changed"})
    prefixes = {formset.formset.prefix: formset.formset.total_form_count() for formset in response.context["inline_admin_formsets"]}

    assert translator_client.post(change_url(edition), data).status_code == 302
    photo.refresh_from_db()
    assert (photo.caption_uz, photo.order, photo.caption_en) == ("Delegatlar", 0, "Delegates")
    assert prefixes["roles"] == 1  # shown read-only, none to add


def test_translator_changes_statement_text_in_their_language_only(translator_client, edition):
    statement = Statement.objects.get(session__key="opening")

    post_change(translator_client, statement, text_uz="Toshkentga xush kelibsiz.", text_en="Changed", order=str(statement.order + 1))

    changed = Statement.objects.get(pk=statement.pk)
    assert (changed.text_uz, changed.text_en, changed.order) == ("Toshkentga xush kelibsiz.", "Welcome to Tashkent.", statement.order)


def test_translator_cannot_change_session_times(translator_client, edition):
    session = Session.objects.get(key="opening")

    post_change(translator_client, session, title_uz="Ochilish", date="1999-01-01", key="renamed")

    session.refresh_from_db()
    assert (session.title_uz, session.key, session.date) == ("Ochilish", "opening", edition.start_date)


def test_translator_cannot_revert_history(translator_client, edition):
    from reversion.models import Version

    post_change(translator_client, edition, title_uz="Sarlavha")
    version = Version.objects.get_for_object(Conference.objects.get(pk=edition.pk)).first()

    url = reverse("admin:events_conference_revision", args=[edition.pk, version.pk])
    assert translator_client.get(url).status_code == 403


def test_secretariat_still_changes_everything(secretariat_client, edition):
    earlier = edition.start_date - datetime.timedelta(days=1)

    assert post_change(secretariat_client, edition, title_ru="Новое название", start_date=earlier.isoformat()).status_code == 302

    conference = Conference.objects.get(pk=edition.pk)
    assert (conference.title_ru, conference.start_date) == ("Новое название", earlier)


@pytest.mark.parametrize("languages", [[], ["uz"]])
def test_user_outside_the_group_gets_no_translator_rights(client, edition, languages):
    from django.contrib.auth.models import User

    from translators.models import Translator

    user = User.objects.create_user("visitor", password="pw", is_staff=True)
    Translator.objects.create(user=user, languages=languages)
    client.force_login(user)

    assert client.get(change_url(edition)).status_code == 403


def test_translator_changes_a_country_name_only_in_their_language(translator_client, db):
    from participants.models import Country

    country = Country.objects.get(code="KZ")
    english, russian = country.name_en, country.name_ru

    assert post_change(translator_client, country, name_uz="Qozogʻiston", name_ru="Другое", name_en="Other", code="XX").status_code == 302

    country = Country.objects.get(pk=country.pk)
    assert (country.name_uz, country.name_ru, country.name_en, country.code) == ("Qozogʻiston", russian, english, "KZ")


def test_a_translators_stale_tab_is_sent_back_but_a_change_in_another_language_is_not_a_conflict(translator_client, edition):
    first_tab = changeform_data(translator_client.get(change_url(edition)))
    second_tab = changeform_data(translator_client.get(change_url(edition)))
    assert translator_client.post(change_url(edition), {**first_tab, "title_uz": "17-konferensiya"}).status_code == 302

    stale = translator_client.post(change_url(edition), {**second_tab, "city_uz": "Toshkent"})

    assert stale.status_code == 200 and "Someone saved this record after you opened it" in stale.content.decode()
    assert Conference.objects.get(pk=edition.pk).title_uz == "17-konferensiya"
    fresh = changeform_data(translator_client.get(change_url(edition)))
    Conference.objects.filter(pk=edition.pk).update(title_ru="17-я конференция, исправлено")  # not in a translator's form
    assert translator_client.post(change_url(edition), {**fresh, "city_uz": "Toshkent"}).status_code == 302
