"""JSON read strictly: what Python's json module lets through but no conference document may hold.

``decode(text)`` returns ``(document, problems)``. The json module accepts
``NaN`` and ``Infinity``, numbers of any length (and then fails converting
one of more than 4,300 digits), a key given twice (the last one silently
wins) and lone UTF-16 surrogates (``"\\ud800"``, which no database can
store). Each is kept as a marker while parsing and reported afterwards with
its path, as the validator reports everything else; so is nesting deeper
than any conference document needs. The walk uses its own stack, never
Python's, so depth costs nothing but the loop.
"""

import json
import math

from django.utils.translation import gettext as _

from cabmi_portal.jsontext import MAX_DEPTH, too_deep

from .problems import ProblemList, join

# 2**63 has 19 digits: a longer number is no count, year or id.
MAX_DIGITS = 19


class Odd:
    """A value json.loads would accept that a document may not hold."""

    def __init__(self, message):
        self.message = message


class Keys(dict):
    """An object whose key(s) repeated, remembered to be reported with their path."""

    repeated = ()


def pairs(items):
    result = {}
    repeated = []
    for key, value in items:
        if key in result and key not in repeated:
            repeated.append(key)
        result[key] = value
    if repeated:
        result = Keys(result)
        result.repeated = repeated
    return result


def number(text):
    digits = sum(character.isdigit() for character in text)
    if digits > MAX_DIGITS:
        return Odd(_("is a number of %(digits)d digits; at most %(max)d are allowed") % {"digits": digits, "max": MAX_DIGITS})
    return int(text) if text.lstrip("-").isdigit() else float(text)


def floating(text):
    value = number(text)
    if isinstance(value, float) and not math.isfinite(value):
        return constant(text)
    return value


def constant(name):
    return Odd(_("is %(value)s, which is not a number JSON allows; write a number or null") % {"value": name})


def decode(text):
    problems = ProblemList()
    if too_deep(text):  # before json.loads, which would overflow Python's stack on deep enough nesting
        problems.add("document", _("is nested too deeply to be a conference document"))
        return None, problems
    document = json.loads(text, object_pairs_hook=pairs, parse_int=number, parse_float=floating, parse_constant=constant)
    stack = [("", document, 0)]
    while stack:
        path, value, depth = stack.pop()
        if depth > MAX_DEPTH:
            problems.add(path or "document", _("is nested more than %(max)d levels deep") % {"max": MAX_DEPTH})
            continue
        if isinstance(value, Odd):
            problems.add(path or "document", value.message)
        elif isinstance(value, str):
            check_string(value, path, problems)
        elif isinstance(value, dict):
            for key in getattr(value, "repeated", ()):
                problems.add(join(path, shown(key)), _("is given more than once in the same object"))
            for key, item in value.items():
                check_string(key, join(path, shown(key)), problems)
                stack.append((join(path, shown(key)), item, depth + 1))
        elif isinstance(value, list):
            stack.extend((join(path, index), item, depth + 1) for index, item in enumerate(value))
    return (None if problems else document), ProblemList(sorted(problems, key=lambda problem: problem.path))


def shown(key):
    """A key as it can be shown in a path: a lone surrogate written as \\udfff."""
    return key.encode("utf-8", "backslashreplace").decode("utf-8")


def check_string(value, path, problems):
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as error:
        problems.add(
            path or "document",
            _("holds a lone surrogate (\\u%(code)04x), which is not a character; the text was damaged when it was made")
            % {"code": ord(value[error.start])},
        )
