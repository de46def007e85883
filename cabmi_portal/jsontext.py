"""JSON text measured before it is decoded: Python's decoder recurses, so nesting deep enough overflows its stack.

``nesting_depth(text)`` counts brackets outside strings without decoding
anything; the importer and the admin's JSON fields refuse text nested deeper
than they allow before ``json.loads`` ever sees it.
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

STRINGS = re.compile(r'"(?:[^"\\]|\\.)*"', re.S)
BRACKETS = re.compile(r"[\[\]{}]")
# Far below Python's recursion limit, far above what any stored record needs.
MAX_DEPTH = 32


def nesting_depth(text, stop_above=MAX_DEPTH):
    """How deep ``text``'s arrays and objects nest (stops counting once past ``stop_above``)."""
    depth = deepest = 0
    for match in BRACKETS.finditer(STRINGS.sub('""', text)):
        depth += 1 if match.group() in "[{" else -1
        if depth > deepest:
            deepest = depth
            if deepest > stop_above:
                break
    return deepest


def too_deep(text):
    return isinstance(text, str) and nesting_depth(text) > MAX_DEPTH


class BoundedJSONField(forms.JSONField):
    """The admin's JSON field: refuses text nested deeper than MAX_DEPTH instead of failing to decode it."""

    def to_python(self, value):
        if too_deep(value):
            raise ValidationError(_("is nested more than %(max)d levels deep"), code="json_too_deep", params={"max": MAX_DEPTH})
        return super().to_python(value)

    def bound_data(self, data, initial):
        return data if too_deep(data) else super().bound_data(data, initial)
