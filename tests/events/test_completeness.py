"""Translation completeness per language: counts, the list column, the filter, and their cost."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cabmi_portal.completeness import missing_counts, missing_fields, with_missing_counts
from events.models import Conference
from events.queries import conferences_with_everything
from tests.factories import ConferenceFactory, SessionFactory, StatementFactory

NOTHING_MISSING = {"ru": 0, "uz": 0, "kk": 0, "ky": 0, "tg": 0, "tk": 0}


def counts(conference):
    return missing_counts(with_missing_counts(Conference.objects.filter(pk=conference.pk)).get())


def test_counts_fields_with_english_text_but_none_in_the_language(db):
    conference = ConferenceFactory(title_uz="Konferensiya", city_uz="", summary="", summary_ru="", venue="Hotel", venue_ru="Отель")
    session = SessionFactory(conference=conference, title_uz="Ochilish", location="Hall A", description="")
    StatementFactory(session=session, position_uz="Vakil", text="Said something.", text_ru="", text_uz="")

    assert counts(conference) == {"ru": 2, "uz": 4, "kk": 7, "ky": 7, "tg": 7, "tk": 7}


def test_empty_english_is_not_missing_anywhere(db):
    # Only the title has English; it is translated everywhere, and no other field has English text.
    conference = ConferenceFactory(city="", city_ru="Ташкент", summary="", **{f"title_{code}": "T" for code in NOTHING_MISSING})

    assert counts(conference) == NOTHING_MISSING


def test_missing_fields_name_each_record_and_field(db):
    conference = ConferenceFactory(title_uz="Konferensiya", city_uz="Toshkent", summary="")
    session = SessionFactory(conference=conference, title="Opening", title_uz="")
    StatementFactory(session=session, speaker__name="Feridun Sinirlioğlu", position_uz="Bosh kotib", text="Welcome.", text_uz="")

    listing = missing_fields(conferences_with_everything(Conference.objects.filter(pk=conference.pk)).get())

    assert listing["uz"] == ["Session “Opening”: title", "Statement “Feridun Sinirlioğlu”: text"]
    assert listing["ru"] == []
    assert len(listing) == 6


def test_counts_agree_with_the_listing(db):
    conference = ConferenceFactory(sessions=2, sessions__statements=2)
    edition = conferences_with_everything(Conference.objects.filter(pk=conference.pk)).get()

    assert counts(conference) == {code: len(fields) for code, fields in missing_fields(edition).items()}


@pytest.mark.parametrize("filtered", [False, True])
def test_changelist_costs_the_same_for_one_or_many_editions(admin_client, filtered):
    url_suffix = {"incomplete_in": "uz"} if filtered else {}
    ConferenceFactory(sessions=1, sessions__statements=1)
    admin_client.get(reverse("admin:events_conference_changelist"))  # fills per-process caches
    with CaptureQueriesContext(connection) as one:
        admin_client.get(reverse("admin:events_conference_changelist"), url_suffix)
    for _ in range(6):
        ConferenceFactory(sessions=3, sessions__statements=4)

    with CaptureQueriesContext(connection) as many:
        response = admin_client.get(reverse("admin:events_conference_changelist"), url_suffix)

    assert response.context["cl"].result_count == 7
    assert len(many) == len(one)
    assert len(many) <= 12


def test_conference_change_page_costs_the_same_for_small_and_large_editions(admin_client):
    small = ConferenceFactory(sessions=1, sessions__statements=1)
    large = ConferenceFactory(sessions=5, sessions__statements=6)

    def queries(conference):
        with CaptureQueriesContext(connection) as captured:
            assert admin_client.get(reverse("admin:events_conference_change", args=[conference.pk])).status_code == 200
        return len(captured)

    queries(small)  # the first request also fills per-process caches (content types)
    assert queries(large) == queries(small)
