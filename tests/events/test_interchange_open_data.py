import json

import pytest

from tests.factories import ConferenceFactory


@pytest.mark.django_db
def test_published_edition_is_served_as_open_data(client):
    ConferenceFactory(published=True, slug="cabmi-17", edition=17, sessions=2, sessions__statements=2)

    response = client.get("/data/conferences/cabmi-17.json")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"] == 'inline; filename="cabmi-17.json"'
    document = json.loads(response.content)
    assert (document["format"], document["edition"], document["status"]) == ("cabmi-portal/conference", 17, "published")
    assert document["title"]["ru"] == "17-я конференция Инициативы по управлению границами в Центральной Азии"
    assert len([s for session in document["sessions"] for s in session["statements"]]) == 4


@pytest.mark.django_db
def test_open_data_answers_not_modified_for_a_known_etag(client):
    ConferenceFactory(published=True, slug="cabmi-17")
    etag = client.get("/data/conferences/cabmi-17.json")["ETag"]

    response = client.get("/data/conferences/cabmi-17.json", headers={"If-None-Match": etag})

    assert response.status_code == 304


@pytest.mark.django_db
def test_draft_edition_is_not_served(client):
    ConferenceFactory(slug="cabmi-18")

    assert client.get("/data/conferences/cabmi-18.json").status_code == 404
    assert client.get("/data/conferences/no-such-edition.json").status_code == 404


@pytest.mark.django_db
def test_edition_unpublished_after_being_served_answers_404(client):
    conference = ConferenceFactory(published=True, slug="cabmi-17")
    assert client.get("/data/conferences/cabmi-17.json").status_code == 200

    conference.status = "draft"
    conference.save()

    assert client.get("/data/conferences/cabmi-17.json").status_code == 404
