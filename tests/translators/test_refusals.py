"""Each kind of unit an import refuses is reported and changes nothing in the database."""

import pytest
from django.core.management import CommandError, call_command
from reversion.models import Version

from events.models import Conference
from participants.models import Organization, Person
from sessions.models import Photo, Session, Statement
from tests.translators.conftest import fill, store_for
from translators.importer import import_translation
from translators.models import OutdatedTranslation

MODELS = (Conference, Session, Statement, Photo, Organization, Person, OutdatedTranslation)


def database():
    """Everything an import could touch, to compare before and after."""
    return {model.__name__: list(model.objects.order_by("pk").values()) for model in MODELS} | {"versions": Version.objects.count()}


def exported(edition, language="uz", suffix="xlf"):
    from translators.exporter import export_translation
    from translators.files import PO, XLIFF

    return export_translation(edition, language, format=PO if suffix == "po" else XLIFF).content


def title_unit(edition):
    return f"conference.{edition.pk}.title"


def only_title(edition, data, target="Salom", suffix="xlf", unit_id=None):
    """The file with one unit, the conference's title unless ``unit_id`` says, translated as ``target``."""
    unit_id = unit_id or title_unit(edition)
    store = store_for(fill(data, suffix, lambda source: target, only={unit_id}), suffix)
    for unit in list(store.units):
        if not unit.isheader() and (unit.getcontext() if suffix == "po" else unit.getid()) != unit_id:
            store.removeunit(unit)
    return store


def run(store, name="cabmi-17.uz.xlf"):
    before = database()
    report = import_translation(name, bytes(store))
    assert database() == before
    return report


def test_unit_whose_english_changed_since_the_export_is_held_for_review(edition):
    store = only_title(edition, exported(edition))
    Conference.objects.filter(pk=edition.pk).update(title_en="17th CABMI Conference on border security")

    report = run(store)

    assert report.ok
    assert [(refusal.unit, refusal.reason) for refusal in report.refused] == [
        (title_unit(edition), "the English source changed since the export; held for review (export again to translate the new text)")
    ]
    assert report.applied == []


def test_unit_without_its_source_hash_is_refused(edition):
    store = only_title(edition, exported(edition))
    store.units[0].getunitelement().remove(store.units[0].getunitelement()[0])  # the <notes> block

    report = run(store)

    assert [refusal.unit for refusal in report.refused] == [title_unit(edition)]


def test_unknown_id_is_refused(edition):
    store = only_title(edition, exported(edition))
    store.units[0].setid("session.999999.title")

    report = run(store)

    assert [(refusal.unit, refusal.reason) for refusal in report.refused] == [("session.999999.title", "no such unit in this edition")]


def test_unit_of_another_edition_is_an_unknown_id(edition):
    from tests.factories import SessionFactory

    other = SessionFactory(title="Elsewhere")
    store = only_title(edition, exported(edition))
    store.units[0].setid(f"session.{other.pk}.title")

    report = run(store)

    assert [refusal.unit for refusal in report.refused] == [f"session.{other.pk}.title"]


@pytest.mark.parametrize("tag", ["xx", "uz-Cyrl", "de-DE", ""])
def test_file_in_a_language_the_portal_does_not_have_is_refused_whole(edition, tag):
    store = only_title(edition, exported(edition))
    store.settargetlanguage(tag) if tag else store.document.getroot().attrib.pop("trgLang")

    report = run(store)

    assert not report.ok
    assert report.problems == [f"The file is in “{tag}”, a language the portal does not have."]


def test_file_in_a_language_the_portal_does_not_have_fails_the_command(edition, tmp_path):
    store = only_title(edition, exported(edition))
    store.settargetlanguage("fr")
    path = tmp_path / "fr.xlf"
    path.write_bytes(bytes(store))
    before = database()

    with pytest.raises(CommandError, match="was not imported"):
        call_command("import_translation", str(path))

    assert database() == before


def test_language_tag_with_a_region_is_the_portal_language(edition):
    store = only_title(edition, exported(edition))
    store.settargetlanguage("uz-Latn-UZ")

    report = import_translation("uz.xlf", bytes(store))

    assert report.language == "uz"
    assert Conference.objects.get(pk=edition.pk).title_uz == "Salom"


@pytest.mark.parametrize(
    ("target", "reason"),
    [
        ("<b>Salom</b>", "its markup differs from the English"),
        ("Salom %s", "its placeholders differ from the English"),
        ("Salom {name}", "its placeholders differ from the English"),
    ],
)
def test_markup_or_placeholders_the_english_lacks_are_refused(edition, target, reason):
    report = run(only_title(edition, exported(edition), target=target))

    assert [(refusal.unit, refusal.reason) for refusal in report.refused] == [(title_unit(edition), reason)]


def test_placeholder_the_translation_drops_is_refused(edition):
    Conference.objects.filter(pk=edition.pk).update(title_en="CABMI {year}")
    report = run(only_title(edition, exported(edition), target="CABMI"))

    assert [refusal.reason for refusal in report.refused] == ["its placeholders differ from the English"]


def test_paragraphs_that_differ_from_the_english_are_refused(edition):
    unit = f"conference.{edition.pk}.body"
    report = run(only_title(edition, exported(edition), target="Bitta paragraf.", unit_id=unit))

    assert [(refusal.unit, refusal.reason) for refusal in report.refused] == [
        (unit, "its paragraphs differ from the English (1 instead of 2)")
    ]


def test_inline_code_a_cat_tool_added_is_refused(edition):
    store = only_title(edition, exported(edition))
    target = store.units[0].get_target_dom()
    ph = target.makeelement(f"{{{target.nsmap[None]}}}ph", {"id": "1"})
    target.append(ph)

    report = run(store)

    assert [refusal.reason for refusal in report.refused] == ["its markup differs from the English"]


@pytest.mark.parametrize("suffix", ["xlf", "po"])
def test_empty_target_is_refused(edition, suffix):
    store = only_title(edition, exported(edition, suffix=suffix), target="", suffix=suffix)

    report = run(store, name=f"cabmi-17.uz.{suffix}")

    assert [(refusal.unit, refusal.reason) for refusal in report.refused] == [(title_unit(edition), "the translation is empty")]


def test_unit_that_appears_twice_is_applied_once(edition):
    store = only_title(edition, exported(edition))
    store.units[0].getunitelement().getparent().append(__import__("copy").deepcopy(store.units[0].getunitelement()))

    report = import_translation("twice.xlf", bytes(store))

    assert [unit.id for unit in report.applied] == [title_unit(edition)]
    assert [refusal.reason for refusal in report.refused] == ["the unit appears twice in the file"]


def test_dry_run_reports_and_writes_nothing(edition, tmp_path):
    path = tmp_path / "uz.xlf"
    path.write_bytes(bytes(only_title(edition, exported(edition))))
    before = database()

    call_command("import_translation", str(path), "--dry-run")

    assert database() == before


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("broken.xlf", b"<xliff version='2.0'><file"),
        ("old.xlf", b"<?xml version='1.0'?><xliff version='1.2' xmlns='urn:oasis:names:tc:xliff:document:1.2'><file/></xliff>"),
        ("nothing.po", b"\xff\xfe\x00garbage"),
    ],
)
def test_unreadable_file_is_refused_whole(edition, name, data):
    before = database()

    report = import_translation(name, data)

    assert not report.ok
    assert len(report.problems) == 1
    assert database() == before


def test_file_for_an_edition_that_does_not_exist_is_refused(edition):
    store = only_title(edition, exported(edition))
    store.setfilename(store.body, "no-such-edition")

    report = run(store)

    assert report.problems == ["No conference has the slug “no-such-edition” that the file names."]
