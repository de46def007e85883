"""The conference, series and photo admin: seven language tabs, saving every language, list and actions."""

import datetime

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from events.models import Conference, Series
from sessions.models import Photo
from tests.factories import ConferenceFactory, PhotoFactory, SeriesFactory, country, image_file

LANGUAGES = [code for code, _name in settings.LANGUAGES]
VALUES = {code: f"Title in {code}" for code in LANGUAGES}


def changeform_data(response):
    """The POST data a browser would send for the admin change form in ``response``, as rendered."""
    data = {}
    _add_form(data, response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        _add_form(data, formset.management_form)
        for form in formset.forms:
            _add_form(data, form)
    return data


def _add_form(data, form):
    for name, field in form.fields.items():
        value = form[name].value()
        key = form.add_prefix(name)
        if field.widget.input_type == "file" if hasattr(field.widget, "input_type") else False:
            continue
        if isinstance(value, bool):
            if value:
                data[key] = "on"
        elif isinstance(value, list | tuple):
            data[key] = [str(item) for item in value]
        elif value is not None:
            data[key] = str(value)


def translated(field, values=VALUES):
    return {f"{field}_{code}": value for code, value in values.items()}


def assert_language_tabs(response, field, prefix=""):
    """Every language has its input, marked for modeltranslation's tabs, and the tabs' scripts are local."""
    html = response.content.decode()
    for code in LANGUAGES:
        assert f'name="{prefix}{field}_{code}"' in html
        assert f"mt-field-{field}-{code}" in html
    assert "/static/admin-extra/js/tabs.js" in html
    assert "/static/modeltranslation/js/tabbed_translation_fields.js" in html
    assert "googleapis" not in html
    assert 'src="//' not in html and 'src="http' not in html


def test_conference_add_page_has_a_tab_for_each_language(admin_client):
    response = admin_client.get(reverse("admin:events_conference_add"))

    assert response.status_code == 200
    for field in ("title", "city", "venue", "summary", "body", "participants_note"):
        assert_language_tabs(response, field)


def test_conference_add_saves_every_language(admin_client):
    series = SeriesFactory()
    data = changeform_data(admin_client.get(reverse("admin:events_conference_add")))
    data.update(
        series=series.pk, edition="30", slug="cabmi-30", status="draft", start_date="2025-05-20", end_date="2025-05-21",
        country="UZ", attendance="hybrid", sources="[]", extra="{}", **translated("title"), **translated("summary", {
            code: f"Summary in {code}" for code in LANGUAGES}),
    )

    response = admin_client.post(reverse("admin:events_conference_add"), data)

    assert response.status_code == 302
    conference = Conference.objects.get(slug="cabmi-30")
    assert {code: getattr(conference, f"title_{code}") for code in LANGUAGES} == VALUES
    assert conference.summary_tk == "Summary in tk"
    assert conference.country_id == "UZ"


def test_conference_change_saves_every_language(admin_client):
    conference = ConferenceFactory()
    url = reverse("admin:events_conference_change", args=[conference.pk])
    response = admin_client.get(url)
    assert_language_tabs(response, "title")
    data = changeform_data(response) | translated("city", {code: f"City {code}" for code in LANGUAGES})

    assert admin_client.post(url, data).status_code == 302

    conference.refresh_from_db()
    assert [getattr(conference, f"city_{code}") for code in LANGUAGES] == [f"City {code}" for code in LANGUAGES]


def test_conference_change_page_edits_roles_participations_sessions_and_photos_inline(admin_client):
    conference = ConferenceFactory()
    response = admin_client.get(reverse("admin:events_conference_change", args=[conference.pk]))

    prefixes = [inline.formset.prefix for inline in response.context["inline_admin_formsets"]]
    assert prefixes == ["roles", "participations", "sessions", "photos"]
    assert_language_tabs(response, "caption", prefix="photos-__prefix__-")


def test_conference_change_adds_a_role_and_a_participation_inline(admin_client):
    conference = ConferenceFactory()
    url = reverse("admin:events_conference_change", args=[conference.pk])
    data = changeform_data(admin_client.get(url))
    data.update({
        "roles-TOTAL_FORMS": "1", "roles-0-role": "host", "roles-0-country": "UZ", "roles-0-order": "0",
        "participations-TOTAL_FORMS": "1", "participations-0-role": "participating_state", "participations-0-country": "KZ",
        "participations-0-attendance": "online", "participations-0-order": "0",
    })

    assert admin_client.post(url, data).status_code == 302

    assert list(conference.roles.values_list("role", "country_id")) == [("host", "UZ")]
    assert list(conference.participations.values_list("country_id", "attendance")) == [("KZ", "online")]


def test_conference_role_needs_organization_or_country_not_a_500(admin_client):
    conference = ConferenceFactory()
    url = reverse("admin:events_conference_change", args=[conference.pk])
    data = changeform_data(admin_client.get(url))
    data.update({"roles-TOTAL_FORMS": "1", "roles-0-role": "host", "roles-0-order": "0"})

    response = admin_client.post(url, data)

    assert response.status_code == 200
    assert conference.roles.count() == 0


def test_conference_end_before_start_is_a_form_error(admin_client):
    conference = ConferenceFactory()
    url = reverse("admin:events_conference_change", args=[conference.pk])
    data = changeform_data(admin_client.get(url)) | {"end_date": "1999-01-01"}

    response = admin_client.post(url, data)

    assert response.status_code == 200
    conference.refresh_from_db()
    assert conference.end_date != datetime.date(1999, 1, 1)


def test_series_add_saves_every_language(admin_client):
    response = admin_client.get(reverse("admin:events_series_add"))
    assert_language_tabs(response, "name")

    response = admin_client.post(reverse("admin:events_series_add"), {"code": "BMSC", **translated("name")})

    assert response.status_code == 302
    series = Series.objects.get(code="BMSC")
    assert [getattr(series, f"name_{code}") for code in LANGUAGES] == list(VALUES.values())


def test_photo_change_saves_every_language(admin_client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    photo = PhotoFactory()
    url = reverse("admin:programme_photo_change", args=[photo.pk])
    response = admin_client.get(url)
    assert_language_tabs(response, "alt")
    data = changeform_data(response) | translated("alt") | translated("caption")

    assert admin_client.post(url, data).status_code == 302

    photo.refresh_from_db()
    assert [getattr(photo, f"alt_{code}") for code in LANGUAGES] == list(VALUES.values())
    assert photo.caption_ky == "Title in ky"


def test_photo_add_page_uploads_a_photo(admin_client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    conference = ConferenceFactory()
    upload = image_file("delegates.png", size=(800, 500), format="PNG")
    data = changeform_data(admin_client.get(reverse("admin:programme_photo_add")))
    image = SimpleUploadedFile("delegates.png", upload.read(), "image/png")
    data.update(conference=conference.pk, order="0", image=image, **translated("alt"))

    response = admin_client.post(reverse("admin:programme_photo_add"), data)

    assert response.status_code == 302
    photo = Photo.objects.get()
    assert (photo.width, photo.height, photo.alt_ru) == (800, 500, "Title in ru")


def test_conference_changelist_shows_missing_translations_per_language(admin_client):
    ConferenceFactory(title="Complete in Russian", title_ru="Полностью", summary="", summary_ru="", city="", city_ru="")

    response = admin_client.get(reverse("admin:events_conference_changelist"))

    html = response.content.decode()
    assert response.status_code == 200
    assert 'title="0 fields missing">ru&nbsp;0</span>' in html
    assert 'title="1 fields missing">uz&nbsp;1</span>' in html


def test_incomplete_in_filter_lists_only_conferences_missing_that_language(admin_client):
    ConferenceFactory(title="Done", title_ru="Готово", summary="", city="")
    ConferenceFactory(title="Not done", title_ru="", summary="", city="")

    response = admin_client.get(reverse("admin:events_conference_changelist"), {"incomplete_in": "ru"})

    assert [str(c) for c in response.context["cl"].result_list] == ["Not done"]


def test_changelist_filters_by_series_status_year_and_host_country(admin_client):
    ConferenceFactory(title="Tashkent 2001", start_date=datetime.date(2001, 5, 1), end_date=datetime.date(2001, 5, 2), published=True)
    ConferenceFactory(title="Almaty 2003", start_date=datetime.date(2003, 5, 1), end_date=datetime.date(2003, 5, 2), country=country("KZ"))
    url = reverse("admin:events_conference_changelist")

    def titles(**params):
        return [str(c) for c in admin_client.get(url, params).context["cl"].result_list]

    assert titles(year="2003") == ["Almaty 2003"]
    assert titles(status__exact="published") == ["Tashkent 2001"]
    assert titles(country__code__exact="KZ") == ["Almaty 2003"]
    assert titles(series__id__exact=str(Series.objects.get().pk)) == ["Almaty 2003", "Tashkent 2001"]
    assert titles(q="Almaty") == ["Almaty 2003"]


def test_changelist_has_an_import_button(admin_client):
    response = admin_client.get(reverse("admin:events_conference_changelist"))

    assert f'href="{reverse("admin:events_conference_import")}"' in response.content.decode()
    assert reverse("admin:events_conference_import") == "/admin/events/conference/import/"


def publish_confirmed(client, conference, **kwargs):
    """The "Publish selected conferences" action, then "Confirm publish" on its checklist."""
    url = reverse("admin:events_conference_changelist")
    checklist = client.post(url, {"action": "publish_conferences", "_selected_action": [conference.pk]})["Location"]
    return client.post(checklist, {"ids": str(conference.pk), "confirm": "yes"}, **kwargs)


def test_publish_action_sets_status_and_first_publication_once(admin_client):
    conference = ConferenceFactory()
    url = reverse("admin:events_conference_changelist")

    response = publish_confirmed(admin_client, conference, follow=True)

    conference.refresh_from_db()
    first = conference.published_at
    assert conference.status == "published" and first is not None
    assert "Published 1 conference." in [str(m) for m in response.context["messages"]]
    admin_client.post(url, {"action": "unpublish_conferences", "_selected_action": [conference.pk]})
    publish_confirmed(admin_client, conference)
    conference.refresh_from_db()
    assert (conference.status, conference.published_at) == ("published", first)


def test_unpublish_action_returns_conference_to_draft(admin_client):
    conference = ConferenceFactory(published=True)

    response = admin_client.post(
        reverse("admin:events_conference_changelist"), {"action": "unpublish_conferences", "_selected_action": [conference.pk]}, follow=True
    )

    conference.refresh_from_db()
    assert conference.status == "draft"
    assert "Unpublished 1 conference." in [str(m) for m in response.context["messages"]]


def test_conference_actions_include_export_and_proceedings(admin_client):
    response = admin_client.get(reverse("admin:events_conference_changelist"))

    actions = [name for name, _label in response.context["action_form"].fields["action"].choices if name]
    assert actions == [
        "publish_conferences",
        "unpublish_conferences",
        "export_conferences",
        "build_proceedings",
        "delete_selected",
        "export_for_translation",
    ]


def test_published_conference_shows_its_public_address(admin_client):
    conference = ConferenceFactory(published=True, slug="cabmi-17")

    response = admin_client.get(reverse("admin:events_conference_change", args=[conference.pk]))

    html = response.content.decode()
    assert '<a href="/en/conferences/cabmi-17/" target="_blank" rel="noopener">/en/conferences/cabmi-17/</a>' in html
    assert response.context["has_absolute_url"] is True


def test_draft_conference_views_on_site_as_its_preview(admin_client):
    conference = ConferenceFactory()

    response = admin_client.get(reverse("admin:events_conference_change", args=[conference.pk]))

    assert response.context["has_absolute_url"] is True
    assert "Shown on the site once published." in response.content.decode()
    assert f'href="/en/conferences/{conference.slug}/preview/"' in response.content.decode()


def test_change_page_lists_missing_fields_per_language(admin_client):
    conference = ConferenceFactory(summary="", city="", title_uz="", sessions=1)

    response = admin_client.get(reverse("admin:events_conference_change", args=[conference.pk]))

    html = response.content.decode()
    session = conference.sessions.get()
    assert "Oʻzbekcha (uz) — 2 fields missing" in html
    assert "<li>Conference: title</li>" in html
    assert f"<li>Session “{session.title}”: title</li>" in html
    assert "Русский (ru) — 0 fields missing" in html


def test_saving_a_published_conference_records_first_publication(admin_client):
    conference = ConferenceFactory()
    url = reverse("admin:events_conference_change", args=[conference.pk])
    data = changeform_data(admin_client.get(url)) | {"status": "published"}

    checklist = admin_client.post(url, data)["Location"]
    admin_client.post(checklist, {"ids": str(conference.pk), "from": "change", "confirm": "yes"})

    conference.refresh_from_db()
    assert conference.published_at is not None


@pytest.mark.parametrize("name", ["events_series", "programme_photo", "events_conference"])
def test_changelists_render(admin_client, name, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    PhotoFactory()

    assert admin_client.get(reverse(f"admin:{name}_changelist")).status_code == 200


def test_admin_header_names_the_portal(admin_client):
    response = admin_client.get(reverse("admin:index"))

    assert "CABMI portal administration" in response.content.decode()


def test_photo_inline_offers_only_this_conferences_sessions(admin_client):
    conference = ConferenceFactory(sessions=2)
    ConferenceFactory(sessions=1)

    response = admin_client.get(reverse("admin:events_conference_change", args=[conference.pk]))

    [photos] = [inline for inline in response.context["inline_admin_formsets"] if inline.formset.prefix == "photos"]
    choices = photos.formset.form.base_fields["session"].queryset
    assert sorted(choices.values_list("pk", flat=True)) == sorted(conference.sessions.values_list("pk", flat=True))
