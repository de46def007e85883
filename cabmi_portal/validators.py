"""The rules every way in shares: the models' field validators and clean(), the admin forms and the importer.

Each rule is a function that raises Django's ValidationError with a message
a secretariat member can act on; the importer turns the same message into a
problem with its path in the document.
"""

import functools
import json
import re

from babel import Locale
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.utils.dateparse import parse_date
from django.utils.translation import gettext_lazy as _

WEB_SCHEMES = ("http", "https")
MAX_URL_LENGTH = 200
# Tab and newline are text; carriage return comes with the newlines browsers send. Any other
# control character (NUL, escape, form feed, the C1 range) is invisible, breaks XML and PDF output,
# and is refused.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# JSON kept as data (a conference's sources and extra) stays small and shallow: far below
# Python's recursion limit, so every reader (export, history, admin form) handles it.
MAX_JSON_DEPTH = 10
MAX_JSON_VALUES = 5000
MAX_JSON_BYTES = 200_000
SOURCE_FIELDS = ("url", "title", "lang", "date")
MAX_SOURCE_TITLE = 500


def validate_web_url(value):
    """A web address a reader can follow: http or https, nothing else (no javascript:, data:, ftp:)."""
    try:
        URLValidator(schemes=WEB_SCHEMES)(value)
    except (ValidationError, TypeError):
        raise ValidationError(
            _("“%(value)s” is not a web address (http:// or https://)"), code="invalid_url", params={"value": value}
        ) from None
    if len(value) > MAX_URL_LENGTH:
        raise ValidationError(
            _("is %(length)d characters long; at most %(max)d are allowed"),
            code="max_length",
            params={"length": len(value), "max": MAX_URL_LENGTH},
        )


def is_web_url(value):
    try:
        validate_web_url(value)
    except ValidationError:
        return False
    return True


@functools.cache
def spoken_languages():
    """Every language anyone may have spoken or written in (a delegate's German, a source in Turkish): CLDR's codes."""
    return frozenset(code for code in Locale("en").languages if "_" not in code and len(code) <= 10)


def validate_language_code(value):
    if not isinstance(value, str) or value not in spoken_languages():
        raise ValidationError(
            _("“%(code)s” is not a language code such as en, ru, uz, de or tr (ISO 639)"), code="invalid_language", params={"code": value}
        )


def validate_plain_text(value):
    """Text holds no control character but tab and newline."""
    if not isinstance(value, str):
        return
    found = CONTROL_CHARACTERS.search(value)
    if found:
        raise ValidationError(
            _("contains the control character U+%(code)04X, which text may not hold (only tab and newline are allowed)"),
            code="control_character",
            params={"code": ord(found.group())},
        )


def json_depth_and_size(value):
    """(depth, number of values) of a parsed JSON value, walked without recursion so no depth can overflow the stack."""
    depth, count, pending = 0, 0, [(value, 1)]
    while pending:
        item, level = pending.pop()
        count += 1
        depth = max(depth, level)
        if isinstance(item, dict):
            pending.extend((child, level + 1) for child in item.values())
        elif isinstance(item, list):
            pending.extend((child, level + 1) for child in item)
        if depth > MAX_JSON_DEPTH or count > MAX_JSON_VALUES:
            break
    return depth, count


def validate_json_bounds(value):
    """Data kept as JSON is at most MAX_JSON_DEPTH levels deep, MAX_JSON_VALUES values and MAX_JSON_BYTES long."""
    depth, count = json_depth_and_size(value)
    if depth > MAX_JSON_DEPTH:
        raise ValidationError(
            _("is nested more than %(max)d levels deep"), code="json_too_deep", params={"max": MAX_JSON_DEPTH}
        )
    if count > MAX_JSON_VALUES or len(json.dumps(value, ensure_ascii=False)) > MAX_JSON_BYTES:
        raise ValidationError(
            _("holds more than %(values)d values or %(bytes)d characters"),
            code="json_too_large",
            params={"values": MAX_JSON_VALUES, "bytes": MAX_JSON_BYTES},
        )
    for text in json_strings(value):
        validate_plain_text(text)


def json_strings(value):
    pending = [value]
    while pending:
        item = pending.pop()
        if isinstance(item, str):
            yield item
        elif isinstance(item, dict):
            pending.extend(item.keys())
            pending.extend(item.values())
        elif isinstance(item, list):
            pending.extend(item)


def validate_extra(value):
    """A conference's extra data: any JSON object, within the bounds every JSON field keeps."""
    if not isinstance(value, dict):
        raise ValidationError(_("must be an object ({…})"), code="invalid_extra")
    validate_json_bounds(value)


def source_problems(source):
    """[(field or None, ValidationError)] of one source {url, title, lang, date}; empty when it is good."""
    if not isinstance(source, dict):
        return [(None, ValidationError(_("each source must be an object with “url”, “title” and “lang”"), code="invalid_source"))]
    allowed = ", ".join(SOURCE_FIELDS)
    problems = [
        (None, ValidationError(_("unknown field “%(name)s” (allowed here: %(allowed)s)"), params={"name": name, "allowed": allowed}))
        for name in source
        if name not in SOURCE_FIELDS
    ]
    checks = {"url": validate_web_url, "title": validate_source_title, "lang": validate_language_code, "date": validate_iso_date}
    for name, check in checks.items():
        if source.get(name) is not None:
            try:
                check(source[name])
            except ValidationError as error:
                problems.append((name, error))
    return problems


def validate_iso_date(value):
    """A date written as YYYY-MM-DD (a source's date of publication)."""
    try:
        valid = isinstance(value, str) and parse_date(value) is not None
    except ValueError:
        valid = False
    if not valid:
        raise ValidationError(
            _("“%(value)s” is not a date written as YYYY-MM-DD (for example 2022-12-13)"), code="invalid_date", params={"value": value}
        )


def is_iso_date(value):
    try:
        validate_iso_date(value)
    except ValidationError:
        return False
    return True


def validate_source_title(value):
    if not isinstance(value, str) or len(value) > MAX_SOURCE_TITLE:
        raise ValidationError(_("must be text of at most %(max)d characters"), code="invalid_title", params={"max": MAX_SOURCE_TITLE})
    validate_plain_text(value)


def validate_sources(value):
    """A conference's sources: a list of {url, title, lang, date}, each part checked as the rules above say."""
    if not isinstance(value, list):
        raise ValidationError(_("must be a list of sources ([…])"), code="invalid_sources")
    validate_json_bounds(value)
    errors = []
    for index, source in enumerate(value):
        for name, error in source_problems(source):
            place = f"[{index}]" + (f".{name}" if name else "")
            errors.extend(ValidationError(f"{place}: {message}") for message in error.messages)
    if errors:
        raise ValidationError(errors)


def is_own_ancestor(start, parent_of):
    """Whether start's chain of parents leads back to start; parent_of(key) gives a key's parent, or None at the top."""
    seen, key = set(), parent_of(start)
    while key is not None and key not in seen:
        if key == start:
            return True
        seen.add(key)
        key = parent_of(key)
    return False


class PortalModel:
    """Mixin for the portal's models: the rules every field of a kind shares, checked in full_clean().

    Every text column (each language's too) refuses control characters, and
    every JSON field stays within the bounds of JSON kept as data. The bounds
    are checked before Django's own check of a JSON field, which serializes
    the value and would overflow the stack on JSON nested deep enough.
    """

    def clean_fields(self, exclude=None):
        exclude = set(exclude or ())
        errors = {}
        for field in self._meta.concrete_fields:
            rule = field_rule(field)
            if rule is None or field.name in exclude:
                continue
            try:
                rule(getattr(self, field.attname))
            except ValidationError as error:
                errors[field.name] = error.error_list
        try:
            super().clean_fields(exclude=exclude | set(errors))
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)


def field_rule(field):
    if isinstance(field, models.JSONField):
        return validate_json_bounds
    if isinstance(field, models.CharField | models.TextField):
        return validate_plain_text
    return None
