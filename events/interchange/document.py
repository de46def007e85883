"""Reading the parts of a parsed interchange document, for the checks that span several fields."""

import datetime
import re

from .problems import join


def items(document, name):
    """(path, item) for the objects of a list field, skipping what the structure check already refused."""
    value = document.get(name)
    if not isinstance(value, list):
        return []
    return [(join(name, index), item) for index, item in enumerate(value) if isinstance(item, dict)]


def statements(document):
    for path, session in items(document, "sessions"):
        for index, statement in enumerate(session.get("statements") or [] if isinstance(session.get("statements"), list) else []):
            if isinstance(statement, dict):
                yield join(join(path, "statements"), index), statement


def parse_date(value):
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        return None


def parse_time(value):
    if not isinstance(value, str) or not re.fullmatch(r"\d{2}:\d{2}", value):
        return None
    try:
        return datetime.time.fromisoformat(value)
    except ValueError:
        return None
