"""Check a whole interchange document before anything is written, and report every problem at once.

``validate_document(document, files)`` returns a list of ``Problem`` (empty
when the document can be imported). Each problem names its place in the
document (``sessions[2].statements[0].speaker``) and says what is wrong in
words a secretariat member can act on.

References (``parent``, ``organization``, ``speaker``, ``session``) must
name keys defined in the same document, never keys that exist only in the
database: a document is then complete on its own, imports the same into
any database, and its validation does not depend on what was imported
before. An organization or person whose key already exists in the
database is the same record and is updated.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from cabmi_portal.languages import DEFAULT_LANGUAGE, language_codes
from cabmi_portal.validators import (
    MAX_SOURCE_TITLE,
    validate_extra,
    validate_json_bounds,
    validate_language_code,
    validate_plain_text,
    validate_web_url,
)
from events.models import Conference, Role
from participants.countries import iso_codes
from participants.models import Organization, Person
from sessions.models import Session, Statement

from . import fields as f
from .consistency import check_consistency
from .document import items, parse_date, parse_time
from .photos import check_photos
from .problems import ProblemList, join

MAX_INTEGER = 2_147_483_647  # the largest number every supported database stores in these fields


class Checker:
    """Walks the document, collecting problems; one method per kind of value."""

    def __init__(self):
        self.problems = ProblemList()
        self.languages = language_codes()
        self.countries = set(iso_codes())

    def add(self, path, message):
        self.problems.add(path, message)

    # Shapes --------------------------------------------------------------

    def object(self, value, path, spec, required=()):
        """Check an object against ``spec`` ({field: check}); returns False when it is not an object."""
        if not isinstance(value, dict):
            self.add(path or "document", _("must be an object ({…}), not %(type)s") % {"type": describe(value)})
            return False
        for name in value:
            if name not in spec:
                allowed = ", ".join(spec)
                self.add(join(path, name), _("unknown field “%(name)s” (allowed here: %(allowed)s)") % {"name": name, "allowed": allowed})
        for name in required:
            if value.get(name) is None:
                self.add(join(path, name), _("is required"))
        for name, check in spec.items():
            if value.get(name) is not None:
                check(value[name], join(path, name))
        return True

    def object_of(self, spec, required=()):
        return lambda value, path: self.object(value, path, spec, required)

    def list_of(self, check):
        def check_list(value, path):
            if not isinstance(value, list):
                self.add(path, _("must be a list ([…]), not %(type)s") % {"type": describe(value)})
                return
            for index, item in enumerate(value):
                check(item, join(path, index))

        return check_list

    # Values --------------------------------------------------------------

    def text(self, max_length=None):
        def check_text(value, path):
            if not isinstance(value, str):
                self.add(path, _("must be text, not %(type)s") % {"type": describe(value)})
            elif max_length and len(value) > max_length:
                self.add(path, _("is %(length)d characters long; at most %(max)d are allowed") % {"length": len(value), "max": max_length})
            else:
                self.rule(validate_plain_text)(value, path)

        return check_text

    def ltext(self, max_length=None, english=False):
        """Localized text: a string (English) or {language code: string}."""
        check_text = self.text(max_length)

        def check_ltext(value, path):
            if isinstance(value, str):
                value = {DEFAULT_LANGUAGE: value}
            if not isinstance(value, dict):
                self.add(path, _("must be text or an object of texts by language code, not %(type)s") % {"type": describe(value)})
                return
            for code, text in value.items():
                if code not in self.languages:
                    self.add(
                        join(path, code),
                        _("unknown language code “%(code)s”; the portal's languages are: %(allowed)s")
                        % {"code": code, "allowed": ", ".join(self.languages)},
                    )
                else:
                    check_text(text, join(path, code))
            if english and not (isinstance(value.get(DEFAULT_LANGUAGE), str) and value[DEFAULT_LANGUAGE].strip()):
                self.add(path, _("needs an English text (“en”): English is what every other language falls back to"))

        return check_ltext

    def integer(self, minimum):
        def check_integer(value, path):
            if isinstance(value, bool) or not isinstance(value, int):
                self.add(path, _("must be a whole number, not %(type)s") % {"type": describe(value)})
            elif value < minimum:
                self.add(path, _("must be %(minimum)d or more, not %(value)d") % {"minimum": minimum, "value": value})
            elif value > MAX_INTEGER:
                self.add(path, _("must be at most %(maximum)d, not %(value)d") % {"maximum": MAX_INTEGER, "value": value})

        return check_integer

    def choice(self, values):
        def check_choice(value, path):
            if value not in values or not isinstance(value, str):
                self.add(path, _("“%(value)s” is not one of: %(allowed)s") % {"value": value, "allowed": ", ".join(values)})

        return check_choice

    def date(self, value, path):
        if parse_date(value) is None:
            self.add(path, _("“%(value)s” is not a date written as YYYY-MM-DD (for example 2022-12-13)") % {"value": value})

    def time(self, value, path):
        if parse_time(value) is None:
            self.add(path, _("“%(value)s” is not a time written as HH:MM on the 24-hour clock (for example 09:30)") % {"value": value})

    def key(self, value, path):
        if not isinstance(value, str) or not re.match(f.KEY_PATTERN, value) or len(value) > 100:
            self.add(path, _("“%(value)s” is not a key: use lower-case letters a–z, digits and hyphens (at most 100)") % {"value": value})

    def country(self, value, path):
        if not isinstance(value, str) or value not in self.countries:
            self.add(path, _("“%(value)s” is not an ISO 3166-1 country code such as UZ or TR") % {"value": value})

    def rule(self, validator):
        """A check made of one of the models' validators: the same rule, each message a problem at path."""

        def check_rule(value, path):
            try:
                validator(value)
            except ValidationError as error:
                for message in error.messages:
                    self.add(path, message)

        return check_rule

    def exact(self, expected):
        def check_exact(value, path):
            if value != expected or isinstance(value, bool):
                self.add(
                    path,
                    _("must be %(expected)s, but the document says %(found)s")
                    % {"expected": repr_json(expected), "found": repr_json(value)},
                )

        return check_exact

    def one_of(self, expected):
        def check_one_of(value, path):
            if value not in expected or isinstance(value, bool):
                self.add(
                    path,
                    _("must be one of %(expected)s, but the document says %(found)s")
                    % {"expected": ", ".join(repr_json(item) for item in expected), "found": repr_json(value)},
                )

        return check_one_of

    def bounded(self, check):
        """check(value, path), once the value is known to be within the bounds of JSON kept as data."""

        def check_bounded(value, path):
            try:
                validate_json_bounds(value)
            except ValidationError as error:
                for message in error.messages:
                    self.add(path, message)
                return
            check(value, path)

        return check_bounded


def describe(value):
    names = {
        dict: _("an object"),
        list: _("a list"),
        str: _("text"),
        bool: _("true/false"),
        int: _("a whole number"),
        float: _("a decimal number"),
    }
    if value is None:
        return _("null")
    return names.get(type(value), type(value).__name__)


def repr_json(value):
    return f"“{value}”" if isinstance(value, str) else str(value)


def max_length(model, name):
    return model._meta.get_field(name).max_length


# The document's structure ------------------------------------------------------


def document_spec(c):
    organization = {
        "key": c.key,
        "name": c.ltext(max_length(Organization, "name"), english=True),
        "acronym": c.ltext(max_length(Organization, "acronym")),
        "kind": c.choice(f.ORGANIZATION_KINDS),
        "parent": c.key,
        "country": c.country,
        "website": c.rule(validate_web_url),
    }
    person = {
        "key": c.key,
        "name": c.ltext(max_length(Person, "name"), english=True),
        "family_name": c.ltext(max_length(Person, "family_name")),
        "honorific": c.ltext(max_length(Person, "honorific")),
    }
    name_then = {"name_then": c.ltext(max_length(Role, "name_then")), "acronym_then": c.ltext(max_length(Role, "acronym_then"))}
    role = {"organization": c.key, "country": c.country, "role": c.choice(f.ROLE_KINDS), **name_then}
    participant = {
        "organization": c.key,
        "country": c.country,
        "role": c.choice(f.PARTICIPANT_ROLES),
        "attendance": c.choice(f.PARTICIPANT_ATTENDANCES),
        **name_then,
    }
    statement = {
        "speaker": c.key,
        "position": c.ltext(max_length(Statement, "position")),
        "organization": c.key,
        "country": c.country,
        "delivery": c.choice(f.DELIVERIES),
        "original_language": c.rule(validate_language_code),
        "text": c.ltext(),
    }
    session = {
        "key": c.key,
        "kind": c.choice(f.SESSION_KINDS),
        "title": c.ltext(max_length(Session, "title"), english=True),
        "date": c.date,
        "start": c.time,
        "end": c.time,
        "location": c.ltext(max_length(Session, "location")),
        "description": c.ltext(),
        "statements": c.list_of(c.object_of(statement)),
    }
    photo = {"file": c.text(), "session": c.key, "caption": c.ltext(500), "alt": c.ltext(500), "credit": c.text(200)}
    source = {"url": c.rule(validate_web_url), "title": c.text(MAX_SOURCE_TITLE), "lang": c.rule(validate_language_code)}
    series = {"code": c.text(max_length(Conference.series.field.related_model, "code")), "name": c.ltext(300)}
    return {
        "format": c.exact(f.FORMAT),
        "version": c.one_of(f.VERSIONS),
        "series": c.object_of(series, ("code",)),
        "edition": c.integer(1),
        "slug": c.key,
        "status": c.choice(f.STATUSES),
        "title": c.ltext(max_length(Conference, "title"), english=True),
        "start_date": c.date,
        "end_date": c.date,
        "city": c.ltext(max_length(Conference, "city")),
        "venue": c.ltext(max_length(Conference, "venue")),
        "country": c.country,
        "attendance": c.choice(f.ATTENDANCES),
        "summary": c.ltext(),
        "body": c.ltext(),
        "participants_count": c.integer(0),
        "participants_note": c.ltext(max_length(Conference, "participants_note")),
        "organizations": c.list_of(c.object_of(organization, ("key", "name"))),
        "people": c.list_of(c.object_of(person, ("key", "name"))),
        "roles": c.list_of(c.object_of(role, ("role",))),
        "participants": c.list_of(c.object_of(participant, ("role",))),
        "sessions": c.list_of(c.object_of(session, ("key", "title"))),
        "photos": c.list_of(c.object_of(photo, ("file",))),
        "sources": c.bounded(c.list_of(c.object_of(source))),
        "extra": c.rule(validate_extra),
    }


REQUIRED = ("format", "version", "series", "title", "start_date")


def validate_document(document, files=None):
    """Every problem of ``document`` (a parsed JSON value); ``files`` reads photo files (see sources.py)."""
    checker = Checker()
    if not checker.object(document, "", document_spec(checker), required=REQUIRED):
        return checker.problems
    if any(p.path in ("format", "version") for p in checker.problems):
        # A document of another format or version: its other problems would only confuse.
        return [p for p in checker.problems if p.path in ("format", "version")]
    check_consistency(document, checker.problems)
    check_names_then(document, checker.problems)
    check_photos(document, files, checker.problems)
    return checker.problems


def check_names_then(document, problems):
    """A name then belongs to an organization, and to documents of version 2 or later."""
    for path, item in [*items(document, "roles"), *items(document, "participants")]:
        for name in f.PARTY_TEXTS:
            if item.get(name) is None:
                continue
            if document.get("version") == 1:
                problems.add(join(path, name), _("needs version 2 of the format; the document says version 1"))
            elif item.get("organization") is None:
                problems.add(join(path, name), _("is an organization's name at this edition; a country has none"))
