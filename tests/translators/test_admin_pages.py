"""The admin's translation pages through HTTP: export, list action, import preview and confirm, side-by-side view."""

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from translate.storage import xliff2

from events.models import Conference
from sessions.models import Session
from tests.factories import ConferenceFactory
from tests.translators.conftest import fill, translator
from translators.exporter import export_translation
from translators.models import OutdatedTranslation, Translator


def export_url(conference):
    return reverse("admin:events_conference_translation_export", args=[conference.pk])


def translate_url(conference, language):
    return reverse("admin:events_conference_translate", args=[conference.pk, language])


IMPORT_URL = "/admin/events/conference/translation/import/"


def test_conference_page_links_to_the_translation_pages(secretariat_client, edition):
    page = secretariat_client.get(reverse("admin:events_conference_change", args=[edition.pk])).content.decode()

    assert f'href="{translate_url(edition, "ru")}"' in page
    assert f'href="{export_url(edition)}"' in page


def test_export_page_shows_words_to_translate_per_language(secretariat_client, edition):
    response = secretariat_client.get(export_url(edition))

    rows = {code: words.total for code, _name, words in response.context["rows"]}
    assert rows == {"ru": 10, "uz": rows["uz"], "kk": rows["uz"], "ky": rows["uz"], "tg": rows["uz"], "tk": rows["uz"]}
    assert rows["uz"] > 10
    assert 'id="words-uz"' in response.content.decode()


def test_export_page_downloads_the_file(secretariat_client, edition):
    response = secretariat_client.get(export_url(edition), {"language": "uz", "format": "xliff"})

    assert response["Content-Disposition"] == 'attachment; filename="tashkent-2022.uz.xlf"'
    assert response.content == export_translation(edition, "uz").content


def test_translator_exports_only_their_languages(translator_client, edition):
    languages = [code for code, _label in translator_client.get(export_url(edition)).context["form"].fields["language"].choices]

    refused = translator_client.get(export_url(edition), {"language": "ru", "format": "po"})

    assert languages == ["uz"]
    assert refused.status_code == 200
    assert "language" in refused.context["form"].errors


def test_list_action_exports_several_editions_as_a_zip(secretariat_client, edition):
    other = ConferenceFactory()
    changelist = reverse("admin:events_conference_changelist")
    data = {"action": "export_for_translation", "_selected_action": [edition.pk, other.pk]}

    chooser = secretariat_client.post(changelist, data)
    response = secretariat_client.post(changelist, {**data, "language": "kk", "format": "po", "missing_only": "on"})

    assert chooser.status_code == 200
    assert response["Content-Type"] == "application/zip"
    names = sorted(zipfile.ZipFile(io.BytesIO(response.content)).namelist())
    assert names == sorted([f"{edition.slug}.kk.po", f"{other.slug}.kk.po"])


def test_import_previews_then_applies_on_confirmation(translator_client, edition):
    unit = f"conference.{edition.pk}.title"
    data = fill(export_translation(edition, "uz").content, "xlf", lambda source: "CABMI 17", only={unit})

    preview = translator_client.post(IMPORT_URL, {"document": SimpleUploadedFile("uz.xlf", data)})

    assert [u.id for u in preview.context["report"].applied] == [unit]
    assert Conference.objects.get(pk=edition.pk).title_uz is None
    token = preview.context["token"]
    confirmed = translator_client.post(IMPORT_URL, {"token": token})
    assert confirmed.status_code == 302
    assert confirmed["Location"] == translate_url(edition, "uz")
    assert Conference.objects.get(pk=edition.pk).title_uz == "CABMI 17"


def test_import_preview_lists_refusals(translator_client, edition):
    data = fill(export_translation(edition, "uz").content, "xlf", lambda source: "<b>x</b>", only={f"conference.{edition.pk}.city"})

    preview = translator_client.post(IMPORT_URL, {"document": SimpleUploadedFile("uz.xlf", data)})

    page = preview.content.decode()
    assert 'id="import-refused"' in page
    assert "its markup differs from the English" in page
    assert preview.context["token"] is None


def test_translator_cannot_import_another_language(translator_client, edition):
    data = fill(export_translation(edition, "ru").content, "xlf", lambda source: "Новое")

    preview = translator_client.post(IMPORT_URL, {"document": SimpleUploadedFile("ru.xlf", data)})

    assert preview.context["report"].problems == ["You may not import translations into Russian."]
    assert Conference.objects.get(pk=edition.pk).title_ru == "17-я конференция CABMI"


def test_side_by_side_view_shows_english_and_target_with_flags(translator_client, edition):
    response = translator_client.get(translate_url(edition, "uz"))

    page = response.content.decode()
    statuses = {row["unit"].id: row["status"] for row in response.context["rows"]}
    assert statuses[f"conference.{edition.pk}.title"] == "missing"
    assert 'lang="en">17th CABMI Conference</td>' in page
    assert f'name="target-conference.{edition.pk}.title" lang="uz"' in page
    assert translator_client.get(translate_url(edition, "ru")).status_code == 403


def test_side_by_side_view_saves_a_fix(translator_client, edition):
    session = Session.objects.get(key="opening")
    rows = translator_client.get(translate_url(edition, "uz")).context["rows"]
    data = {f"hash-{row['unit'].id}": row["hash"] for row in rows} | {f"target-session.{session.pk}.title": "Ochilish"}

    response = translator_client.post(translate_url(edition, "uz"), data)

    assert response.status_code == 302
    assert Session.objects.get(pk=session.pk).title_uz == "Ochilish"
    assert Conference.objects.get(pk=edition.pk).title_uz is None


def test_outdated_flag_appears_after_an_english_edit_and_clears_on_confirmation(secretariat_client, client, edition):
    change = reverse("admin:events_conference_change", args=[edition.pk])
    from tests.events.test_admin import changeform_data

    data = changeform_data(secretariat_client.get(change))
    data["title_en"] = "17th CABMI Conference on border security"
    assert secretariat_client.post(change, data).status_code == 302
    client.force_login(translator("olga", ["ru"]))
    unit = f"conference.{edition.pk}.title"

    rows = {row["unit"].id: row for row in client.get(translate_url(edition, "ru")).context["rows"]}
    assert rows[unit]["status"] == "outdated"
    assert f'name="confirm-{unit}"' in client.get(translate_url(edition, "ru")).content.decode()
    client.post(
        translate_url(edition, "ru"), {f"target-{unit}": rows[unit]["target"], f"hash-{unit}": rows[unit]["hash"], f"confirm-{unit}": "1"}
    )

    rows = {row["unit"].id: row for row in client.get(translate_url(edition, "ru")).context["rows"]}
    assert rows[unit]["status"] == "current"
    assert not OutdatedTranslation.objects.exists()
    assert Conference.objects.get(pk=edition.pk).title_ru == "17-я конференция CABMI"


def test_side_by_side_refusal_keeps_what_was_typed(translator_client, edition):
    unit = f"conference.{edition.pk}.body"
    rows = {row["unit"].id: row for row in translator_client.get(translate_url(edition, "uz")).context["rows"]}

    response = translator_client.post(translate_url(edition, "uz"), {f"target-{unit}": "Bir paragraf.", f"hash-{unit}": rows[unit]["hash"]})

    assert response.status_code == 200
    row = {row["unit"].id: row for row in response.context["rows"]}[unit]
    assert (row["target"], row["error"]) == ("Bir paragraf.", "its paragraphs differ from the English (1 instead of 2)")
    assert Conference.objects.get(pk=edition.pk).body_uz is None


def test_administrator_assigns_a_translators_languages(admin_client, db):
    from django.contrib.auth.models import User

    user = User.objects.create_user("farrukh", password="pw")

    response = admin_client.post(reverse("admin:translators_translator_add"), {"user": user.pk, "languages": ["uz", "tg"]})

    assert response.status_code == 302
    user.refresh_from_db()
    assert Translator.objects.get(user=user).languages == ["uz", "tg"]
    assert user.is_staff
    assert list(user.groups.values_list("name", flat=True)) == ["Translator"]


def test_secretariat_cannot_assign_languages(secretariat_client):
    assert secretariat_client.get(reverse("admin:translators_translator_add")).status_code == 403


def test_exported_units_parse_as_xliff_2(edition):
    store = xliff2.Xliff2File.parsestring(export_translation(edition, "uz").content)

    assert store.gettargetlanguage() == "uz"
    assert store.getfilenames() == [edition.slug]


def side_by_side_tab(client, edition, language, response=None):
    """The POST data of the side-by-side page (``response``, or a new one) as a browser sends it: each row's text, hash and digest."""
    rows = (response or client.get(translate_url(edition, language))).context["rows"]
    data = {}
    for row in rows:
        unit = row["unit"].id
        data |= {f"target-{unit}": row["target"] or "", f"hash-{unit}": row["hash"], f"shown-{unit}": row["shown"]}
    return data


def test_a_second_side_by_side_tab_does_not_put_back_a_translation_it_left_alone(translator_client, edition):
    opening, other = Session.objects.get(key="opening"), Session.objects.exclude(key="opening").filter(conference=edition).first()
    first_tab, second_tab = side_by_side_tab(translator_client, edition, "uz"), side_by_side_tab(translator_client, edition, "uz")

    first = translator_client.post(translate_url(edition, "uz"), {**first_tab, f"target-session.{opening.pk}.title": "Ochilish"})
    assert first.status_code == 302
    saved = translator_client.post(translate_url(edition, "uz"), {**second_tab, f"target-session.{other.pk}.title": "Yopilish"})

    assert saved.status_code == 302
    assert (Session.objects.get(pk=opening.pk).title_uz, Session.objects.get(pk=other.pk).title_uz) == ("Ochilish", "Yopilish")


def test_a_text_changed_in_two_side_by_side_tabs_is_refused_in_the_second_and_saved_on_purpose(translator_client, edition):
    opening = Session.objects.get(key="opening")
    unit = f"session.{opening.pk}.title"
    first_tab, second_tab = side_by_side_tab(translator_client, edition, "uz"), side_by_side_tab(translator_client, edition, "uz")
    translator_client.post(translate_url(edition, "uz"), {**first_tab, f"target-{unit}": "Ochilish"})

    refused = translator_client.post(translate_url(edition, "uz"), {**second_tab, f"target-{unit}": "Ochilish marosimi"})

    assert refused.status_code == 200
    row = {row["unit"].id: row for row in refused.context["rows"]}[unit]
    assert row["target"] == "Ochilish marosimi" and "someone saved another translation of this text" in row["error"]
    assert Session.objects.get(pk=opening.pk).title_uz == "Ochilish"
    again = side_by_side_tab(translator_client, edition, "uz", refused)
    assert translator_client.post(translate_url(edition, "uz"), again).status_code == 302
    assert Session.objects.get(pk=opening.pk).title_uz == "Ochilish marosimi"
