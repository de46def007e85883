"""Imports that touch records other editions use: listed in the preview, applied only when confirmed; editions keep their names then."""

import copy
import html
import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from jsonschema import Draft202012Validator
from pypdf import PdfReader

from events.interchange.exporter import export_conference
from events.interchange.schema import document_schema
from events.models import Conference, Participation, Role
from participants.models import Organization
from tests.factories import ConferenceFactory, OrganizationFactory, ParticipationFactory, RoleFactory

from .test_interchange_admin import IMPORT_URL, upload
from .test_interchange_validation import VALID, write

EIGHTEENTH = {
    "format": "cabmi-portal/conference",
    "version": 2,
    "series": {"code": "CABMI"},
    "edition": 18,
    "status": "published",
    "title": {"en": "18th CABMI Conference", "ru": "18-я конференция CABMI"},
    "start_date": "2023-12-12",
    "organizations": [
        {"key": "bomca", "name": {"en": "BOMCA", "ru": "БОМКА"}, "acronym": {"en": "BOMCA"}, "kind": "programme"},
        {"key": "unodc", "name": {"en": "UNODC"}, "kind": "un_entity"},
    ],
    "roles": [{"organization": "bomca", "role": "partner"}, {"organization": "unodc", "role": "organizer"}],
    "participants": [{"organization": "bomca", "role": "organization", "attendance": "in_person"}],
}


@pytest.fixture(autouse=True)
def own_media(settings, tmp_path):
    """Previews left unconfirmed and PDFs stay in this test's own folder."""
    settings.MEDIA_ROOT = str(tmp_path / "media")


def seventeenth(name_then=""):
    """The published 17th edition, whose partner the programme "BOMCA-10" was (stored under the key bomca)."""
    conference = ConferenceFactory(published=True, edition=17, title="17th CABMI Conference", title_ru="17-я конференция CABMI")
    bomca = OrganizationFactory(slug="bomca", name="BOMCA-10", name_ru="БОМКА-10", acronym="", kind="programme")
    RoleFactory(conference=conference, organization=bomca, role="partner", name_then=name_then, name_then_en=name_then or None)
    return conference


def page(client, slug, language="en"):
    response = client.get(f"/{language}/conferences/{slug}/")
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def partners(client, slug, language="en"):
    """The names the edition page gives in its "Partners" list, links and acronyms as read."""
    text = page(client, slug, language)
    return [name for name in ("BOMCA-10", "БОМКА-10", "BOMCA", "БОМКА") if f">{name}</a>" in text]


def pdf_text(client, slug, language="en"):
    response = client.get(f"/{language}/conferences/{slug}/proceedings.pdf")
    assert response.status_code == 200
    pdf = PdfReader(io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content))
    return " ".join(" ".join(p.extract_text().replace("\u2010\n", "").split()) for p in pdf.pages)


# The admin's preview and confirmation -------------------------------------------------


@pytest.mark.django_db
def test_import_preview_names_the_edition_and_lists_a_rename_other_editions_see(secretariat_client):
    seventeenth()

    response = secretariat_client.post(IMPORT_URL, {"document": upload(EIGHTEENTH, "cabmi-18.json")})

    text = html.unescape(response.content.decode())
    assert "<strong>Creates the edition “18th CABMI Conference” (cabmi-18).</strong>" in text
    rows = response.context["report"].shared_changes
    assert [(c.key, [(x.field, x.language, x.old, x.new) for x in c.changes], [e.slug for e in c.editions]) for c in rows] == [
        ("bomca", [("name", "en", "BOMCA-10", "BOMCA"), ("name", "ru", "БОМКА-10", "БОМКА"), ("acronym", "en", "", "BOMCA")], ["cabmi-17"])
    ]
    assert "<td>BOMCA-10</td>\n      <td>BOMCA</td>" in text
    assert "<li>17th CABMI Conference (cabmi-17, published)</li>" in text
    assert '<input type="checkbox" name="update_shared" value="1" id="id_update_shared">' in text  # unticked
    assert Conference.objects.count() == 1


@pytest.mark.django_db
def test_import_preview_in_russian_names_the_edition_in_russian(secretariat_client):
    seventeenth()

    response = secretariat_client.post(IMPORT_URL, {"document": upload(EIGHTEENTH, "cabmi-18.json")}, HTTP_ACCEPT_LANGUAGE="ru")

    text = html.unescape(response.content.decode())
    assert "Создаёт конференцию «18-я конференция CABMI» (cabmi-18)." in text
    assert "<li>17-я конференция CABMI (cabmi-17, опубликована)</li>" in text


@pytest.mark.django_db
def test_import_without_confirmation_leaves_the_shared_organization_and_keeps_the_documents_name_then(secretariat_client):
    seventeenth()
    token = secretariat_client.post(IMPORT_URL, {"document": upload(EIGHTEENTH, "cabmi-18.json")}).context["token"]

    response = secretariat_client.post(IMPORT_URL, {"token": token}, follow=True)

    messages = [str(m) for m in response.context["messages"]]
    assert messages[0] == (
        "cabmi-18.json imported. 3 change(s) to records other editions use were left as they were; this edition keeps the document's names."
    )
    assert messages[1].startswith("Left unchanged: organization bomca, name (en): “BOMCA-10” → “BOMCA”; used by 17th CABMI Conference")
    bomca = Organization.objects.get(slug="bomca")
    assert (bomca.name_en, bomca.name_ru, bomca.acronym_en) == ("BOMCA-10", "БОМКА-10", "")
    visitor = Client()
    assert partners(visitor, "cabmi-17") == ["BOMCA-10"]
    assert partners(visitor, "cabmi-18") == ["BOMCA"]
    assert partners(visitor, "cabmi-18", "ru") == ["БОМКА"]
    participation = Participation.objects.get(conference__edition=18)
    assert (participation.name_then_en, participation.name_then_ru, participation.acronym_then_en) == ("BOMCA", "БОМКА", "BOMCA")


@pytest.mark.django_db
def test_import_with_confirmation_renames_and_the_earlier_edition_keeps_its_name_then(secretariat_client):
    seventeenth(name_then="BOMCA-10")
    token = secretariat_client.post(IMPORT_URL, {"document": upload(EIGHTEENTH, "cabmi-18.json")}).context["token"]

    response = secretariat_client.post(IMPORT_URL, {"token": token, "update_shared": "1"}, follow=True)

    assert [str(m) for m in response.context["messages"]] == ["cabmi-18.json imported."]
    assert Organization.objects.get(slug="bomca").name_en == "BOMCA"
    visitor = Client()
    assert partners(visitor, "cabmi-17") == ["BOMCA-10"]
    assert partners(visitor, "cabmi-18") == ["BOMCA"]
    assert Role.objects.get(conference__edition=18, organization__slug="bomca").name_then_en is None


@pytest.mark.django_db
def test_import_with_confirmation_renames_everywhere_no_name_then_is_recorded(secretariat_client):
    seventeenth()
    token = secretariat_client.post(IMPORT_URL, {"document": upload(EIGHTEENTH, "cabmi-18.json")}).context["token"]

    secretariat_client.post(IMPORT_URL, {"token": token, "update_shared": "1"})

    assert partners(Client(), "cabmi-17") == ["BOMCA"]


@pytest.mark.django_db
def test_importing_a_draft_never_changes_what_a_published_edition_shows(secretariat_client):
    seventeenth()
    draft = {**copy.deepcopy(EIGHTEENTH), "status": "draft"}
    token = secretariat_client.post(IMPORT_URL, {"document": upload(draft, "cabmi-18.json")}).context["token"]

    secretariat_client.post(IMPORT_URL, {"token": token})

    assert Conference.objects.get(edition=18).status == "draft"
    assert partners(Client(), "cabmi-17") == ["BOMCA-10"]
    assert partners(Client(), "cabmi-17", "ru") == ["БОМКА-10"]


@pytest.mark.django_db
def test_a_record_only_this_edition_uses_changes_without_confirmation(tmp_path):
    call_command("import_conference", str(write(tmp_path, EIGHTEENTH)), stdout=io.StringIO())
    renamed = copy.deepcopy(EIGHTEENTH)
    renamed["organizations"][1]["name"] = {"en": "United Nations Office on Drugs and Crime"}
    out = io.StringIO()

    call_command("import_conference", str(write(tmp_path, renamed)), stdout=out)

    assert Organization.objects.get(slug="unodc").name_en == "United Nations Office on Drugs and Crime"
    assert "other editions use" not in out.getvalue()
    assert "Updates the edition “18th CABMI Conference” (cabmi-18)." in out.getvalue()


# The command ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_command_lists_shared_changes_and_leaves_them_without_the_flag(tmp_path):
    seventeenth()
    out = io.StringIO()

    call_command("import_conference", str(write(tmp_path, EIGHTEENTH)), stdout=out)

    lines = out.getvalue().splitlines()
    assert lines[1] == "Creates the edition “18th CABMI Conference” (cabmi-18)."
    assert "Changes to records other editions use, left unchanged:" in lines
    assert "  organization bomca, name (en): “BOMCA-10” → “BOMCA”; used by 17th CABMI Conference (cabmi-17)" in lines
    assert lines[-1] == "Run again with --update-shared-records to apply them."
    assert Organization.objects.get(slug="bomca").name_en == "BOMCA-10"


@pytest.mark.django_db
def test_command_flag_applies_shared_changes(tmp_path):
    seventeenth()
    out = io.StringIO()

    call_command("import_conference", str(write(tmp_path, EIGHTEENTH)), "--update-shared-records", stdout=out)

    assert "Changes to records other editions use, applied:" in out.getvalue().splitlines()
    assert Organization.objects.get(slug="bomca").name_en == "BOMCA"
    assert Role.objects.get(conference__edition=18, organization__slug="bomca").name_then_en is None


@pytest.mark.django_db
def test_a_failed_import_with_shared_changes_writes_nothing(tmp_path):
    seventeenth()
    broken = {**copy.deepcopy(EIGHTEENTH), "country": "XX"}

    with pytest.raises(CommandError, match="Nothing was written"):
        call_command("import_conference", str(write(tmp_path, broken)), "--update-shared-records",
                     stdout=io.StringIO(), stderr=io.StringIO())

    assert Organization.objects.get(slug="bomca").name_en == "BOMCA-10"
    assert list(Conference.objects.values_list("edition", flat=True)) == [17]
    assert Role.objects.count() == 1


# Renaming afterwards ------------------------------------------------------------------------


@pytest.mark.django_db
def test_renaming_an_organization_afterwards_leaves_the_edition_its_name_then_on_the_page_and_in_the_pdf():
    conference = seventeenth(name_then="BOMCA-10")
    bomca = Organization.objects.get(slug="bomca")
    bomca.name, bomca.name_en = "Border Management Programme in Central Asia", "Border Management Programme in Central Asia"
    bomca.save()
    visitor = Client()

    text = page(visitor, conference.slug)
    proceedings = pdf_text(visitor, conference.slug)

    assert ">BOMCA-10</a>" in text
    assert "Border Management Programme in Central Asia" not in text
    assert "BOMCA-10" in proceedings
    assert "Border Management Programme in Central Asia" not in proceedings


@pytest.mark.django_db
def test_open_data_and_structured_data_give_the_name_then():
    conference = seventeenth(name_then="BOMCA-10")
    ParticipationFactory(conference=conference, country=None, organization=Organization.objects.get(slug="bomca"), role="organization")
    Organization.objects.filter(slug="bomca").update(name="BOMCA", name_en="BOMCA")

    document = Client().get(f"/data/conferences/{conference.slug}.json").json()

    assert document["version"] == 2
    assert document["roles"] == [{"organization": "bomca", "role": "partner", "name_then": {"en": "BOMCA-10"}}]
    assert document["organizations"][0]["name"] == {"en": "BOMCA", "ru": "БОМКА-10"}


@pytest.mark.django_db
def test_structured_data_and_citations_name_the_organizer_as_then():
    conference = seventeenth()
    osce = OrganizationFactory(slug="osce", name="OSCE Secretariat", name_ru="Секретариат ОБСЕ")
    RoleFactory(conference=conference, organization=osce, role="organizer", name_then="CSCE Secretariat", name_then_en="CSCE Secretariat")

    text = page(Client(), conference.slug)
    bibtex = Client().get(f"/en/conferences/{conference.slug}/cite.bib").content.decode()

    assert '"name": "CSCE Secretariat"' in text
    assert "OSCE Secretariat" not in text
    assert "CSCE Secretariat" in bibtex


# The format ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_name_then_survives_export_and_import_into_an_empty_database(tmp_path):
    document = copy.deepcopy(EIGHTEENTH)
    document["roles"][0].update(name_then={"en": "BOMCA-9", "ru": "БОМКА-9"}, acronym_then={"en": "B9"})
    document["participants"][0].update(name_then={"en": "BOMCA-9"})
    call_command("import_conference", str(write(tmp_path, document)), stdout=io.StringIO())
    exported = export_conference(Conference.objects.get())
    Conference.objects.all().delete()
    Organization.objects.all().delete()

    call_command("import_conference", str(write(tmp_path, exported)), stdout=io.StringIO())

    again = export_conference(Conference.objects.get())
    assert again == exported
    assert again["roles"][0] == {
        "organization": "bomca", "role": "partner", "name_then": {"en": "BOMCA-9", "ru": "БОМКА-9"}, "acronym_then": {"en": "B9"},
    }
    assert partners(Client(), "cabmi-18") == []  # the page names "BOMCA-9", neither stored name
    assert ">BOMCA-9</a>" in page(Client(), "cabmi-18")


@pytest.mark.django_db
def test_version_1_documents_import_and_may_not_carry_a_name_then(tmp_path):
    call_command("import_conference", str(write(tmp_path, VALID)), stdout=io.StringIO())
    assert Conference.objects.get().edition == 17
    with_name_then = copy.deepcopy(VALID)
    with_name_then["roles"][0]["name_then"] = {"en": "OSCE then"}
    err = io.StringIO()

    with pytest.raises(CommandError, match="Nothing was written"):
        call_command("import_conference", str(write(tmp_path, with_name_then)), stdout=io.StringIO(), stderr=err)

    assert err.getvalue().splitlines() == ["roles[0].name_then: needs version 2 of the format; the document says version 1"]


@pytest.mark.django_db
def test_a_country_has_no_name_then(tmp_path):
    document = copy.deepcopy(EIGHTEENTH)
    document["participants"].append({"country": "KZ", "role": "participating_state", "name_then": {"en": "Kazakh SSR"}})
    err = io.StringIO()

    with pytest.raises(CommandError):
        call_command("import_conference", str(write(tmp_path, document)), stdout=io.StringIO(), stderr=err)

    assert err.getvalue().splitlines() == ["participants[1].name_then: is an organization's name at this edition; a country has none"]


def test_schema_accepts_version_2_with_names_then_and_refuses_bad_ones():
    validator = Draft202012Validator(document_schema())
    good = copy.deepcopy(EIGHTEENTH)
    good["roles"][0]["name_then"] = {"en": "BOMCA-9"}
    bad_language = copy.deepcopy(good)
    bad_language["roles"][0]["name_then"] = {"xx": "BOMCA-9"}
    bad_type = copy.deepcopy(good)
    bad_type["participants"][0]["acronym_then"] = 9

    assert list(validator.iter_errors(good)) == []
    assert list(validator.iter_errors({**VALID, "version": 1})) == []
    assert list(validator.iter_errors({**good, "version": 3})) != []
    assert list(validator.iter_errors(bad_language)) != []
    assert list(validator.iter_errors(bad_type)) != []
    assert json.loads(json.dumps(document_schema()))["properties"]["version"] == {"enum": [1, 2]}


# The admin ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_staff_record_a_name_then_on_the_roles_own_page_reached_from_its_conference(secretariat_client):
    conference = seventeenth()
    role = Role.objects.get()
    url = f"/admin/events/role/{role.pk}/change/"
    assert f'href="{url}"' in secretariat_client.get(f"/admin/events/conference/{conference.pk}/change/").content.decode()
    data = {"conference": conference.pk, "role": "partner", "organization": role.organization_id, "country": "", "order": 0}
    data |= {f"{name}_{code}": "" for name in ("name_then", "acronym_then") for code in ("en", "ru", "uz", "kk", "ky", "tg", "tk")}

    response = secretariat_client.post(url, data | {"name_then_en": "BOMCA-9", "name_then_ru": "БОМКА-9"})

    assert response.status_code == 302
    assert ">BOMCA-9</a>" in page(Client(), conference.slug)
    assert ">БОМКА-9</a>" in page(Client(), conference.slug, "ru")
    assert Organization.objects.get(slug="bomca").name_en == "BOMCA-10"
