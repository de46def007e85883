"""People's names as an index lists them: family name first, in the reader's collation.

Sorting uses the Unicode Collation Algorithm (pyuca, the default table), with
the page's own script first: a Russian index lists Cyrillic names, then Latin
ones, as CLDR's Russian collation does; an Uzbek or Turkmen one the reverse.
"""

import unicodedata
from functools import lru_cache

from pyuca import Collator

from cabmi_portal.languages import language_names


@lru_cache(maxsize=1)
def collator():
    return Collator()


def script_of(text):
    for char in text:
        if char.isalpha():
            return unicodedata.name(char, "").split(" ")[0]
    return ""


def sort_key(text, language):
    """A key that orders text as readers of `language` expect."""
    own_script = script_of(language_names().get(language, ""))  # "Қазақша": the language as it writes itself
    return (script_of(text) != own_script, collator().sort_key(text.casefold()), text)


def inverted_name(name, family_name):
    """ "Schmid, Helga Maria" from "Helga Maria Schmid" and "Schmid"; the name as given when the family name is not part of it."""
    name, family = name.strip(), family_name.strip()
    if not family or family == name:
        return name
    if name.endswith(" " + family):
        return f"{family}, {name[: -len(family)].strip()}"
    if name.startswith(family + " "):
        return f"{family}, {name[len(family) :].strip()}"
    return name
