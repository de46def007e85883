"""The admin of countries, organizations and people: a tab per language, every language saved, autocomplete."""

from django.urls import reverse

from participants.models import Country, Organization, Person
from tests.events.test_admin import LANGUAGES, VALUES, assert_language_tabs, changeform_data, translated
from tests.factories import OrganizationFactory, PersonFactory, country


def test_organization_add_saves_every_language(admin_client):
    response = admin_client.get(reverse("admin:participants_organization_add"))
    assert_language_tabs(response, "name")
    assert_language_tabs(response, "acronym")
    data = changeform_data(response) | translated("name") | translated("acronym", {code: f"AC-{code}" for code in LANGUAGES})
    data.update(slug="unodc", kind="un_entity", country="AT", website="https://www.unodc.org/")

    assert admin_client.post(reverse("admin:participants_organization_add"), data).status_code == 302

    organization = Organization.objects.get(slug="unodc")
    assert [getattr(organization, f"name_{code}") for code in LANGUAGES] == list(VALUES.values())
    assert (organization.acronym_tk, organization.country_id) == ("AC-tk", "AT")


def test_organization_change_saves_every_language(admin_client):
    organization = OrganizationFactory()
    url = reverse("admin:participants_organization_change", args=[organization.pk])

    assert admin_client.post(url, changeform_data(admin_client.get(url)) | translated("name")).status_code == 302

    organization.refresh_from_db()
    assert [getattr(organization, f"name_{code}") for code in LANGUAGES] == list(VALUES.values())


def test_person_add_and_change_save_every_language(admin_client):
    response = admin_client.get(reverse("admin:participants_person_add"))
    assert_language_tabs(response, "name")
    data = changeform_data(response) | translated("name") | translated("honorific", {code: f"H.E. {code}" for code in LANGUAGES})

    assert admin_client.post(reverse("admin:participants_person_add"), data | {"slug": "sinirlioglu"}).status_code == 302
    person = Person.objects.get(slug="sinirlioglu")
    url = reverse("admin:participants_person_change", args=[person.pk])
    assert admin_client.post(url, changeform_data(admin_client.get(url)) | {"name_ky": "Синирлиоглу"}).status_code == 302

    person.refresh_from_db()
    assert [getattr(person, f"honorific_{code}") for code in LANGUAGES] == [f"H.E. {code}" for code in LANGUAGES]
    assert (person.name_en, person.name_ky) == ("Title in en", "Синирлиоглу")


def test_country_change_corrects_a_translation(admin_client):
    url = reverse("admin:participants_country_change", args=["TM"])
    response = admin_client.get(url)
    assert_language_tabs(response, "name")

    assert admin_client.post(url, changeform_data(response) | {"name_tk": "Türkmenistan (düzedildi)"}).status_code == 302

    turkmenistan = country("TM")
    names = (turkmenistan.name_tk, turkmenistan.name_en, turkmenistan.name_ru)
    assert names == ("Türkmenistan (düzedildi)", "Turkmenistan", "Туркменистан")


def test_country_code_is_read_only_and_list_has_no_add_button(admin_client):
    response = admin_client.get(reverse("admin:participants_country_change", args=["TM"]))
    listing = admin_client.get(reverse("admin:participants_country_changelist"))

    assert "code" not in response.context["adminform"].form.fields
    assert listing.context["has_add_permission"] is False
    assert Country.objects.filter(code="TM").count() == 1


def test_people_and_organizations_are_found_by_autocomplete_in_any_language(admin_client):
    OrganizationFactory(name="Organization for Security and Co-operation in Europe", name_ru="Организация по безопасности", acronym="OSCE")
    PersonFactory(name="Feridun Sinirlioğlu", name_ru="Феридун Синирлиоглу")
    url = reverse("admin:autocomplete")

    def found(model, term):
        params = {"app_label": "programme", "model_name": "statement", "field_name": model, "term": term}
        return [result["text"] for result in admin_client.get(url, params).json()["results"]]

    assert found("organization", "безопасности") == ["Organization for Security and Co-operation in Europe"]
    assert found("speaker", "Синирлиоглу") == ["Feridun Sinirlioğlu"]
    assert found("country", "Kyrgyz") == ["Kyrgyzstan"]


def test_participant_lists_render(admin_client):
    OrganizationFactory()
    PersonFactory()

    for name in ("country", "organization", "person"):
        assert admin_client.get(reverse(f"admin:participants_{name}_changelist")).status_code == 200


def test_person_family_name_is_kept_in_every_language(admin_client):
    response = admin_client.get(reverse("admin:participants_person_add"))
    assert_language_tabs(response, "family_name")
    data = changeform_data(response) | translated("name") | translated("family_name", {code: f"Schmid-{code}" for code in LANGUAGES})
    data.update(slug="helga-maria-schmid")

    assert admin_client.post(reverse("admin:participants_person_add"), data).status_code == 302

    person = Person.objects.get(slug="helga-maria-schmid")
    assert (person.family_name_en, person.family_name_ru) == ("Schmid-en", "Schmid-ru")
