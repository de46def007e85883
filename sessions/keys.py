"""Session keys made from titles: the name a session has in import files, URLs and anchors (#session-<key>)."""

import re

from django.utils.text import slugify

from .models import Session

KEY_MAX_LENGTH = Session._meta.get_field("key").max_length
FALLBACK = "session"


def key_from_title(title, taken=()):
    """A key for a session titled ``title`` (in English) that is none of ``taken``: opening, opening-2, opening-3, …

    Keys keep to the interchange format's [a-z0-9-]+ and the field's length;
    a title with no Latin letters or digits gives "session".
    """
    base = re.sub(r"[^a-z0-9-]+", "-", slugify(title or "")).strip("-")[:KEY_MAX_LENGTH].strip("-") or FALLBACK
    taken = set(taken)
    key, number = base, 1
    while key in taken:
        number += 1
        suffix = f"-{number}"
        key = base[: KEY_MAX_LENGTH - len(suffix)].rstrip("-") + suffix
    return key
