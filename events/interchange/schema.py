"""The interchange format as a JSON Schema, read from the same description the importer checks.

``document_spec`` (validate.py) describes every field once. The importer's
Checker reads it to report problems in the secretariat's words and
languages; ``SchemaBuilder`` reads it to write the JSON Schema published at
/data/schema.json for people who write importers, and that ``jsonschema``
checks every imported document against. A rule JSON Schema cannot say
(nesting depth, references between keys, dates in order) is the
importer's alone.
"""

import functools
import json

from jsonschema import Draft202012Validator

from cabmi_portal.languages import DEFAULT_LANGUAGE, language_codes
from cabmi_portal.validators import MAX_URL_LENGTH, spoken_languages, validate_extra, validate_language_code, validate_web_url
from participants.countries import iso_codes

from . import fields as f
from .problems import ProblemList, join
from .validate import MAX_INTEGER, REQUIRED, document_spec

# Text holds no control character but tab, newline and carriage return (cabmi_portal.validators).
PLAIN_TEXT = "^[^\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f]*$"
NULL = {"type": "null"}


class SchemaBuilder:
    """The Checker's vocabulary, each word giving a JSON Schema instead of a check."""

    def text(self, max_length=None):
        return {"type": "string", "pattern": PLAIN_TEXT} | ({"maxLength": max_length} if max_length else {})

    def ltext(self, max_length=None, english=False):
        by_language = {
            "type": "object",
            "propertyNames": {"enum": language_codes()},
            "additionalProperties": self.text(max_length),
        }
        if english:
            by_language["required"] = [DEFAULT_LANGUAGE]
        return {"anyOf": [self.text(max_length), by_language]}

    def integer(self, minimum):
        return {"type": "integer", "minimum": minimum, "maximum": MAX_INTEGER}

    def choice(self, values):
        return {"enum": list(values)}

    date = {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "format": "date"}
    time = {"type": "string", "pattern": "^[0-9]{2}:[0-9]{2}$"}
    key = {"type": "string", "pattern": f.KEY_PATTERN, "maxLength": 100}

    @property
    def country(self):
        return {"enum": iso_codes()}

    def rule(self, validator):
        rules = {
            validate_web_url: {"type": "string", "pattern": "^https?://", "maxLength": MAX_URL_LENGTH},
            validate_language_code: {"enum": sorted(spoken_languages())},
            validate_extra: {"type": "object"},
        }
        return rules[validator]

    def exact(self, expected):
        return {"const": expected}

    def one_of(self, values):
        return {"enum": list(values)}

    def bounded(self, schema):
        return schema

    def list_of(self, schema):
        return {"type": "array", "items": schema}

    def object_of(self, spec, required=()):
        # A field given as null is a field not given, as the importer reads it; a required one must be given.
        return {
            "type": "object",
            "properties": {name: schema if name in required else {"anyOf": [schema, NULL]} for name, schema in spec.items()},
            "required": list(required),
            "additionalProperties": False,
        }


@functools.cache
def document_schema():
    builder = SchemaBuilder()
    schema = builder.object_of(document_spec(builder), REQUIRED)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "CABMI portal conference document",
        "description": f"One edition in the interchange format “{f.FORMAT}”, version {f.VERSION} (version 1 documents are read too).",
        **schema,
    }


def schema_json():
    return json.dumps(document_schema(), ensure_ascii=False, indent=2)


def schema_problems(document):
    """What jsonschema finds wrong with the document's structure, each at its path."""
    problems = ProblemList()
    validator = Draft202012Validator(document_schema(), format_checker=Draft202012Validator.FORMAT_CHECKER)
    for error in validator.iter_errors(document):
        path = ""
        for part in error.absolute_path:
            path = join(path, part)
        problems.add(path or "document", error.message)
    return problems
