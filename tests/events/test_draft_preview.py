"""Staff see a draft exactly as its page will look, with a banner; nobody else sees it, and nothing keeps or indexes it."""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from tests.factories import ConferenceFactory, SessionFactory


@pytest.fixture
def draft(db):
    conference = ConferenceFactory(title="Draft edition of the series")
    SessionFactory(conference=conference, title="Opening of the draft")
    return conference


def preview_url(conference, language="en"):
    return f"/{language}/conferences/{conference.slug}/preview/"


def test_staff_see_the_draft_with_a_banner_never_cached_nor_indexed(secretariat_client, draft):
    response = secretariat_client.get(preview_url(draft))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Draft — not public" in html
    assert "Draft edition of the series" in html
    assert "Opening of the draft" in html
    assert '<meta name="robots" content="noindex, nofollow">' in html
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_draft_preview_speaks_the_page_language(secretariat_client, draft):
    html = secretariat_client.get(preview_url(draft, "ru")).content.decode()

    assert "Черновик — не опубликован" in html
    assert '<html lang="ru"' in html


def test_draft_preview_is_a_404_for_visitors_and_non_staff(client, draft):
    reader = User.objects.create_user("reader", password="pw")

    anonymous = client.get(preview_url(draft))
    client.force_login(reader)
    logged_in = client.get(preview_url(draft))

    assert anonymous.status_code == 404
    assert logged_in.status_code == 404
    assert "Draft edition of the series" not in anonymous.content.decode() + logged_in.content.decode()


def test_draft_public_address_stays_a_404_even_for_staff(secretariat_client, draft):
    assert secretariat_client.get(draft.get_absolute_url()).status_code == 404


def test_draft_change_page_offers_view_on_site_as_the_preview(secretariat_client, draft):
    response = secretariat_client.get(reverse("admin:events_conference_change", args=[draft.pk]))

    html = response.content.decode()
    assert 'class="viewsitelink"' in html
    assert f'href="{preview_url(draft)}"' in html
