"""Each rule that the admin and the importer used to enforce differently, now held by the model and enforced alike.

For every rule: the model's full_clean() refuses the record, the admin form
shows the error and saves nothing, and the importer reports the problem at
its path and writes nothing.
"""

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from events.models import Conference
from participants.models import Organization, Person
from sessions.models import Photo, Statement
from tests.events.test_admin import changeform_data
from tests.events.test_interchange_validation import changed, problems_of, write
from tests.factories import ConferenceFactory, OrganizationFactory, PersonFactory, PhotoFactory, SessionFactory, StatementFactory

pytestmark = pytest.mark.django_db

DEEP = 960  # the depth of the extra data that once took the archive down


def nested(depth):
    value = {}
    for _level in range(depth - 1):
        value = {"more": value}
    return value


def deep_json(depth):
    return '{"more": ' * (depth - 1) + "{}" + "}" * (depth - 1)


def error_fields(record):
    with pytest.raises(ValidationError) as caught:
        record.full_clean()
    return set(caught.value.message_dict)


def admin_errors(admin_client, url, changes):
    """Post the admin change form of url with changes; the form's errors, after checking that it saved nothing."""
    response = admin_client.post(url, changeform_data(admin_client.get(url)) | changes)
    assert response.status_code == 200
    return response.context["adminform"].form.errors


# javascript: source --------------------------------------------------------------


def test_model_refuses_a_javascript_source():
    conference = ConferenceFactory(sources=[])
    conference.sources = [{"url": "javascript:alert(1)", "title": "Press release", "lang": "en"}]
    assert "sources" in error_fields(conference)


def test_admin_refuses_a_javascript_source(admin_client):
    conference = ConferenceFactory(sources=[])
    url = reverse("admin:events_conference_change", args=[conference.pk])
    response = admin_client.post(url, changeform_data(admin_client.get(url)) | {
        "sources": '[{"url": "javascript:alert(1)", "title": "Press release"}]'})

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["sources"] == ["Some sources need correcting: see the rows marked below."]
    # The row says what is wrong in the words of the rule the model and the importer use.
    assert "“javascript:alert(1)” is not a web address (http:// or https://)" in response.content.decode()
    conference.refresh_from_db()
    assert conference.sources == []


def test_importer_refuses_a_javascript_source(tmp_path):
    document = changed(sources=[{"url": "javascript:alert(1)", "title": "Press release"}])
    assert problems_of(write(tmp_path, document)) == ["sources[0].url: “javascript:alert(1)” is not a web address (http:// or https://)"]


def test_ftp_website_is_refused_by_model_and_importer(tmp_path):
    organization = OrganizationFactory()
    organization.website = "ftp://files.example.org/"
    assert error_fields(organization) == {"website"}
    problems = problems_of(write(tmp_path, changed(organizations__0__website="ftp://files.example.org/")))
    assert problems == ["organizations[0].website: “ftp://files.example.org/” is not a web address (http:// or https://)"]


# Parent cycle --------------------------------------------------------------------


def test_model_refuses_an_organization_that_is_its_own_grandparent():
    top = OrganizationFactory()
    middle = OrganizationFactory(parent=top)
    top.parent = middle
    assert error_fields(top) == {"parent"}


def test_admin_refuses_an_organization_that_is_its_own_grandparent(admin_client):
    top = OrganizationFactory()
    middle = OrganizationFactory(parent=top)
    url = reverse("admin:participants_organization_change", args=[top.pk])
    errors = admin_errors(admin_client, url, {"parent": str(middle.pk)})
    assert errors["parent"] == [f"“{top.name}” cannot be its own parent, directly or through others"]
    top.refresh_from_db()
    assert top.parent is None


def test_importer_refuses_a_cycle_through_a_stored_parent(tmp_path):
    # Stored: unodc's parent is osce. The document gives osce the parent unodc and leaves unodc's parent as stored.
    osce = OrganizationFactory(slug="osce")
    OrganizationFactory(slug="unodc", parent=osce)
    document = changed(organizations__0__parent="unodc")
    document["organizations"][1].pop("parent")
    assert problems_of(write(tmp_path, document)) == [
        "organizations[0].parent: organization “osce” would be its own parent (directly or through others)",
        "organizations[1].parent: organization “unodc” would be its own parent (directly or through others)",
    ]


# A photo of another edition's session --------------------------------------------


def test_model_refuses_a_photo_of_another_editions_session(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    photo = PhotoFactory()
    photo.session = SessionFactory(conference=ConferenceFactory())
    assert error_fields(photo) == {"session"}


def test_photo_admin_refuses_a_session_of_another_edition(admin_client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    photo = PhotoFactory()
    foreign = SessionFactory(conference=ConferenceFactory())
    url = reverse("admin:programme_photo_change", args=[photo.pk])
    errors = admin_errors(admin_client, url, {"session": str(foreign.pk)})
    assert errors["session"] == ["The session must belong to the photo's own conference."]
    assert Photo.objects.get(pk=photo.pk).session is None


def test_importer_refuses_a_photo_of_a_session_it_does_not_hold(tmp_path):
    SessionFactory(key="other-edition-session")
    document = changed(photos=[{"file": "a.jpg", "session": "other-edition-session"}])
    problems = problems_of(write(tmp_path, document))
    assert "photos[0].session: no session with key “other-edition-session” in this document's “sessions”" in problems


# Unknown language code -----------------------------------------------------------


def test_model_refuses_an_unknown_language_code():
    statement = StatementFactory()
    statement.original_language = "english"
    assert error_fields(statement) == {"original_language"}


def test_admin_refuses_an_unknown_language_code(admin_client):
    statement = StatementFactory(original_language="ru")
    url = reverse("admin:programme_statement_change", args=[statement.pk])
    errors = admin_errors(admin_client, url, {"original_language": "english"})
    assert errors["original_language"] == ["“english” is not a language code such as en, ru, uz, de or tr (ISO 639)"]
    assert Statement.objects.get(pk=statement.pk).original_language == "ru"


def test_importer_refuses_an_unknown_language_code(tmp_path):
    problems = problems_of(write(tmp_path, changed(sessions__0__statements__0__original_language="english")))
    assert problems == [
        "sessions[0].statements[0].original_language: “english” is not a language code such as en, ru, uz, de or tr (ISO 639)"
    ]


# Control characters --------------------------------------------------------------


def test_model_refuses_control_characters_but_keeps_tab_and_newline():
    person = PersonFactory()
    person.name_ru = "Ашита\x1b[31mМиттал"
    assert error_fields(person) == {"name_ru"}
    person.name_ru = "Ашита\tМиттал"
    person.full_clean()
    statement = StatementFactory()
    statement.text = "First paragraph.\r\n\r\nSecond paragraph."
    statement.full_clean()


def test_admin_refuses_control_characters(admin_client):
    person = PersonFactory(name="Ashita Mittal")
    url = reverse("admin:participants_person_change", args=[person.pk])
    errors = admin_errors(admin_client, url, {"name_en": "Ashita\x07 Mittal"})
    assert errors["name_en"] == ["contains the control character U+0007, which text may not hold (only tab and newline are allowed)"]
    assert Person.objects.get(pk=person.pk).name == "Ashita Mittal"


def test_importer_refuses_control_characters(tmp_path):
    problems = problems_of(write(tmp_path, changed(title={"en": "17th\x0cCABMI"})))
    assert problems == ["title.en: contains the control character U+000C, which text may not hold (only tab and newline are allowed)"]


# Deep JSON -----------------------------------------------------------------------


def test_model_refuses_deep_extra_data():
    conference = ConferenceFactory()
    conference.extra = nested(DEEP)
    assert error_fields(conference) == {"extra"}
    conference.extra = nested(10)
    conference.full_clean()


def test_admin_refuses_deep_extra_data(admin_client):
    conference = ConferenceFactory(extra={})
    url = reverse("admin:events_conference_change", args=[conference.pk])
    for depth in (11, DEEP, 5000):
        assert admin_errors(admin_client, url, {"extra": deep_json(depth)})["extra"] == ["is nested more than 10 levels deep"]
    assert Conference.objects.get(pk=conference.pk).extra == {}


def document_with_extra_of_depth(tmp_path, depth):
    document = write(tmp_path, changed(extra={}))
    # Written as text: serializing the nested value would itself overflow the stack of the test.
    text = document.read_text(encoding="utf-8").replace('"extra": {}', '"extra": ' + deep_json(depth))
    document.write_text(text, encoding="utf-8")
    return document


def test_importer_refuses_deep_extra_data(tmp_path):
    assert problems_of(document_with_extra_of_depth(tmp_path, 200)) == ["extra: is nested more than 10 levels deep"]
    # Deeper still, the document may be refused as a whole before its fields are checked (the stack of
    # the reader decides which); either way nothing is written.
    assert problems_of(document_with_extra_of_depth(tmp_path, DEEP))[0] in (
        "extra: is nested more than 10 levels deep",
        "document: is nested too deeply to be a conference document",
    )


def test_importer_refuses_large_sources(tmp_path):
    sources = [{"title": "x" * 400, "lang": "en"} for _index in range(600)]
    problems = problems_of(write(tmp_path, changed(sources=sources)))
    assert problems == ["sources: holds more than 5000 values or 200000 characters"]


def test_demo_edition_passes_every_model_rule():
    call_command("load_demo", verbosity=0)
    for model in (Conference, Organization, Person, Statement):
        for record in model.objects.all():
            record.full_clean(validate_unique=False, validate_constraints=False)
