"""Whether a translation keeps the markup and placeholders of its English source.

The comparisons are translate-toolkit's own (the checks its ``pofilter``
runs): XML tags, printf and Python brace placeholders. Paragraphs (texts
separated by a blank line) count as markup too: the pages and the PDF
split long texts on them.
"""

import re

from django.utils.translation import gettext as _
from translate.filters.checks import FilterFailure, StandardChecker

CHECKER = StandardChecker()
CHECKS = {
    "xmltags": lambda: _("its markup differs from the English"),
    "printf": lambda: _("its placeholders differ from the English"),
    "pythonbraceformat": lambda: _("its placeholders differ from the English"),
}
PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


def markup_problems(source, target):
    """A list of sentences saying how ``target`` breaks the source's markup; empty when it keeps it."""
    problems = []
    for check, message in CHECKS.items():
        try:
            getattr(CHECKER, check)(source, target)
        except FilterFailure:
            if message() not in problems:
                problems.append(message())
    if paragraphs(source) != paragraphs(target):
        counts = {"target": paragraphs(target), "source": paragraphs(source)}
        problems.append(_("its paragraphs differ from the English (%(target)d instead of %(source)d)") % counts)
    return problems


def paragraphs(text):
    return len([part for part in PARAGRAPH_BREAK.split(text.strip()) if part.strip()])
