"""The interchange format's JSON Schema: published, and in agreement with what the importer accepts and refuses."""

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from tests.events.test_interchange_validation import CASES, VALID
from tests.factories import ConferenceFactory, PhotoFactory, RoleFactory, SessionFactory

pytestmark = pytest.mark.django_db

DEMO = Path(__file__).resolve().parents[2] / "events" / "interchange" / "demo" / "cabmi-17.json"
# The importer's cases that concern the document's structure, which JSON Schema can say; the others
# (references between keys, dates in order, a slug taken) are the importer's alone.
STRUCTURAL = {
    "wrong_format", "wrong_version", "missing_title", "missing_session_title", "missing_organization_name", "wrong_type_edition",
    "wrong_type_sessions", "wrong_type_title", "unknown_field", "unknown_country", "malformed_date", "malformed_time", "bad_key",
    "unknown_choice", "negative_count", "text_too_long", "nul_character", "number_too_big", "decimal_number", "series_not_an_object",
    "bad_website", "unknown_nested_field", "unknown_language", "unknown_original_language", "unknown_participant_country",
}


@pytest.fixture
def schema(client):
    response = client.get("/data/schema.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/schema+json; charset=utf-8"
    assert response["Access-Control-Allow-Origin"] == "*"
    schema = json.loads(response.content)
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def test_schema_accepts_the_demo_edition_a_valid_document_and_an_export(schema, client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    conference = ConferenceFactory(published=True, sessions=2, sessions__statements=2, sources=[{"url": "https://osce.org", "lang": "en"}])
    RoleFactory(conference=conference)
    PhotoFactory(conference=conference, session=SessionFactory(conference=conference))
    exported = client.get(f"/data/conferences/{conference.slug}.json").json()

    for document in (json.loads(DEMO.read_text(encoding="utf-8")), VALID, exported):
        assert [error.message for error in schema.iter_errors(document)] == []


@pytest.mark.parametrize("document", [case[1] for case in CASES if case[0] in STRUCTURAL], ids=sorted(STRUCTURAL, key=[c[0] for c in CASES].index))
def test_schema_refuses_what_the_importer_refuses_for_its_structure(schema, document):
    assert list(schema.iter_errors(document)) != []


def test_every_structural_case_is_known():
    assert STRUCTURAL <= {case[0] for case in CASES}
