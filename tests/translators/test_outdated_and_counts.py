"""Outdated flags after an English edit, cleared by a translator's change or confirmation; missing-only exports; word counts."""

from io import StringIO

from django.core.management import call_command
from translate.storage import xliff2

from events.models import Conference
from sessions.models import Session
from tests.translators.conftest import fill
from translators.exporter import export_translation, word_counts
from translators.files import PO
from translators.importer import import_translation


def edit_english_title(edition, title):
    conference = Conference.objects.get(pk=edition.pk)
    conference.title_en = title
    conference.save()


def units_of(content):
    return {unit.getid(): unit for unit in xliff2.Xliff2File.parsestring(content).units}


def test_english_edit_flags_the_translations_made_from_the_old_text(edition):
    edit_english_title(edition, "17th CABMI Conference on border security")

    units = units_of(export_translation(edition, "ru").content)

    title = units[f"conference.{edition.pk}.title"]
    assert title.target == "17-я конференция CABMI"
    assert title.xmlelement.get("state") == "initial"
    assert "The English text changed" in title.getunitelement().findtext(".//{*}note[@category='outdated']")
    city = units[f"conference.{edition.pk}.city"]
    assert city.xmlelement.get("state") == "translated"
    assert word_counts(edition, ["ru"])["ru"].changed == 6


def test_outdated_translation_stays_on_the_page(edition, client):
    edit_english_title(edition, "17th CABMI Conference on border security")

    page = client.get(f"/ru/conferences/{edition.slug}/").content.decode()

    assert "17-я конференция CABMI" in page


def test_po_export_marks_an_outdated_translation_fuzzy(edition):
    edit_english_title(edition, "17th CABMI Conference on border security")

    content = export_translation(edition, "ru", format=PO).content.decode()

    assert '#, fuzzy\nmsgctxt "conference.' in content


def test_confirming_an_unchanged_translation_clears_the_flag(edition):
    edit_english_title(edition, "17th CABMI Conference on border security")
    exported = export_translation(edition, "ru").content
    unit = f"conference.{edition.pk}.title"
    confirmed = fill(exported, "xlf", lambda source: "17-я конференция CABMI", only={unit})

    report = import_translation("ru.xlf", confirmed)

    assert [u.id for u in report.confirmed] == [unit]
    assert units_of(export_translation(edition, "ru").content)[unit].xmlelement.get("state") == "translated"
    assert word_counts(edition, ["ru"])["ru"].changed == 0


def test_unit_left_marked_for_review_does_not_confirm(edition):
    edit_english_title(edition, "17th CABMI Conference on border security")
    exported = export_translation(edition, "ru").content

    report = import_translation("ru.xlf", exported)

    assert report.confirmed == []
    assert units_of(export_translation(edition, "ru").content)[f"conference.{edition.pk}.title"].xmlelement.get("state") == "initial"


def test_changing_the_translation_in_the_admin_clears_the_flag(edition):
    edit_english_title(edition, "17th CABMI Conference on border security")
    conference = Conference.objects.get(pk=edition.pk)
    conference.title_ru = "17-я конференция CABMI по безопасности границ"
    conference.save()

    assert word_counts(edition, ["ru"])["ru"].changed == 0


def test_english_changed_back_makes_the_translation_current_again(edition):
    edit_english_title(edition, "Something else")
    edit_english_title(edition, "17th CABMI Conference")

    assert word_counts(edition, ["ru"])["ru"].changed == 0


def test_missing_only_exports_what_needs_work(edition):
    edit_english_title(edition, "17th CABMI Conference on border security")
    Session.objects.filter(key="plenary").update(title_ru="")

    units = units_of(export_translation(edition, "ru", missing_only=True).content)

    assert f"conference.{edition.pk}.title" in units
    assert f"session.{Session.objects.get(key='plenary').pk}.title" in units
    assert f"conference.{edition.pk}.city" not in units
    assert all(not unit.target or unit.xmlelement.get("state") == "initial" for unit in units.values())


def test_word_counts_are_new_and_changed_english_words(edition):
    counts = word_counts(edition)

    # uz has nothing: every English word is new. ru lacks the body ("First paragraph. Second paragraph."),
    # the photo's caption and alt text, and the OSCE acronym.
    assert counts["ru"].new == 4 + 1 + 4 + 1
    assert counts["ru"].changed == 0
    assert counts["uz"].new == counts["kk"].new > counts["ru"].new
    assert set(counts) == {"ru", "uz", "kk", "ky", "tg", "tk"}


def test_export_command_reports_the_words_to_translate(edition, tmp_path):
    err = StringIO()

    call_command("export_translation", edition.slug, "--language", "ru", "--output", str(tmp_path / "ru.po"), stderr=err)

    assert err.getvalue().startswith("ru: ")
    assert "10 words to translate (10 new in 4 units, 0 changed in 0 units)" in err.getvalue()
    assert (tmp_path / "ru.po").read_text().startswith('msgid ""')
