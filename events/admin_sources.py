"""A conference's sources in the admin as rows (title, web address, language, date), not as a JSON text.

The field reads and writes the same list of {"url", "title", "lang", "date"} the
model keeps and the interchange format carries. Each row also carries the source
as it was stored, so a part the rows do not show (or a source written before the
rules) comes back exactly as it was: saving without changes changes nothing.
Problems are checked by the model's own rule (``source_problems``) and shown on
the row they concern as well as above the rows.
"""

import json

from django import forms
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from cabmi_portal.languages import language_choices
from cabmi_portal.validators import MAX_JSON_DEPTH, source_problems, validate_json_bounds, validate_sources

COLUMNS = ("title", "url", "lang", "date")
# The order the parts of a source are written in, as the interchange format shows them.
STORED_ORDER = ("url", "title", "lang", "date")
COLUMN_NAMES = {"title": _("Title"), "url": _("Web address"), "lang": _("Language"), "date": _("Date")}


def row_values(source):
    """{column: text} of a stored source, for the inputs of its row."""
    source = source if isinstance(source, dict) else {}
    return {column: source.get(column) if isinstance(source.get(column), str) else "" for column in COLUMNS}


def source_from_row(row):
    """The source a submitted row stands for: its stored source with the row's changes, or None for an empty row."""
    original = row.get("original")
    if original is not None and not isinstance(original, dict):
        # Not a source object (kept from before the rules): kept as it was unless the row was filled in.
        if not any(row.get(column) for column in COLUMNS):
            return original
        original = None
    source = dict(original or {})
    for column in COLUMNS:
        typed = (row.get(column) or "").strip()
        if typed:
            source[column] = typed
        elif source.get(column):
            del source[column]
    if not any(value not in ("", None) for value in source.values()):
        return None
    # A stored source keeps the order of its parts; a new one is written in the interchange format's order.
    order = [*(original or {}), *STORED_ORDER]
    return {name: source[name] for name in dict.fromkeys(order) if name in source}


def stored_text(source):
    """The source as stored, as JSON text for its row; nothing for a new row or one too deep to write out."""
    if source is None:
        return ""
    try:
        return json.dumps(source, ensure_ascii=False)
    except (ValueError, RecursionError):
        return ""


def row_problems(source):
    """{column or "row": [messages]} of one source, from the model's rule."""
    problems = {}
    for name, error in source_problems(source):
        problems.setdefault(name if name in COLUMNS else "row", []).extend(error.messages)
    return problems


class SourceRowsWidget(forms.Widget):
    template_name = "admin/widgets/source_rows.html"

    def _render(self, template_name, context, renderer=None):
        # The project's templates, where the admin's own live (Django's form renderer looks only in the apps).
        return mark_safe(render_to_string(template_name, context))

    def value_from_datadict(self, data, files, name):
        if f"{name}-original" not in data and f"{name}-title" not in data:
            # A form posted without the rows (a script, an older page): the JSON text, as before.
            return data.get(name)
        getlist = data.getlist if hasattr(data, "getlist") else lambda key: [data[key]] if key in data else []
        columns = {column: getlist(f"{name}-{column}") for column in (*COLUMNS, "original")}
        count = max(len(values) for values in columns.values())
        rows = []
        for index in range(count):
            row = {column: values[index] if index < len(values) else "" for column, values in columns.items()}
            try:
                row["original"] = json.loads(row["original"]) if row["original"] else None
            except (ValueError, RecursionError):
                row["original"] = None
            rows.append(row)
        return rows

    def value_omitted_from_data(self, data, files, name):
        return name not in data and f"{name}-original" not in data and f"{name}-title" not in data

    def id_for_label(self, id_):
        return f"{id_}-0-title" if id_ else None

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        try:
            sources = json.loads(value) if isinstance(value, str) else value
        except (ValueError, RecursionError):
            sources = []
        sources = sources if isinstance(sources, list) else []
        rows = []
        prefix = context["widget"]["attrs"].get("id", f"id_{name}")
        for index, source in enumerate(sources or [None]):
            values = row_values(source)
            problems = row_problems(source) if source is not None else {}
            rows.append(
                {
                    "id": f"{prefix}-{index}",
                    "lang": values["lang"],
                    "cells": [
                        {"column": column, "name": COLUMN_NAMES[column], "value": values[column], "problems": problems.get(column, [])}
                        for column in COLUMNS
                    ],
                    "original": stored_text(source),
                    "problems": problems.get("row", []),
                    "has_problems": bool(problems),
                }
            )
        kept = [row["lang"] for row in rows]
        context["widget"].update(
            rows=rows,
            columns=[(column, COLUMN_NAMES[column]) for column in COLUMNS],
            languages=language_choices(keep=kept, others=()),
            new_row={"id": f"{prefix}-__row__", "cells": [{"column": column, "name": COLUMN_NAMES[column]} for column in COLUMNS]},
        )
        return context

    class Media:
        js = ("admin-extra/js/source-rows.js",)


class SourceRowsField(forms.Field):
    """The sources as rows; cleans to the list the model keeps, checked by validate_sources."""

    widget = SourceRowsWidget
    default_error_messages = {"invalid_json": _("Enter the sources as rows, or as a JSON list.")}

    def prepare_value(self, value):
        # JSON text, as Django's JSON field gives it: the widget reads it back into rows.
        return value if isinstance(value, str) else json.dumps(value if value is not None else [], ensure_ascii=False)

    def to_python(self, value):
        if value in (None, ""):
            return []
        if isinstance(value, str):
            try:
                return json.loads(value)
            except ValueError:
                raise ValidationError(self.error_messages["invalid_json"], code="invalid_json") from None
            except RecursionError:
                raise ValidationError(
                    _("is nested more than %(max)d levels deep"), code="json_too_deep", params={"max": MAX_JSON_DEPTH}
                ) from None
        if isinstance(value, list) and all(isinstance(row, dict) and "original" in row for row in value):
            sources = (source_from_row(row) for row in value)
            return [source for source in sources if source is not None]
        return value

    def bound_data(self, data, initial):
        try:
            return self.to_python(data)
        except ValidationError:
            return initial

    def validate(self, value):
        super().validate(value)
        if not isinstance(value, list):
            validate_sources(value)  # "must be a list of sources"
        validate_json_bounds(value)  # too deep or too large: said as such, not row by row
        try:
            validate_sources(value)
        except ValidationError:
            raise ValidationError(
                _("Some sources need correcting: see the rows marked below."), code="invalid_sources"
            ) from None

    def has_changed(self, initial, data):
        try:
            data = self.to_python(data)
            return json.dumps(initial or [], sort_keys=True) != json.dumps(data, sort_keys=True)
        except (ValidationError, RecursionError):
            return True
