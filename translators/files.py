"""Translation files, written and read with translate-toolkit: XLIFF 2 (the default) and PO.

What a file carries for each unit:

- XLIFF 2: ``<unit id="session.12.title">`` with a ``<notes>`` block (a
  ``context`` note and a ``source-hash`` note) and one ``<segment>`` holding
  ``<source>`` and, when there is one, ``<target>`` (``state="translated"``,
  or ``state="initial"`` when the translation is outdated). The ``<file id>``
  is the edition's slug, ``trgLang`` the language.
- PO: ``msgctxt`` is the unit id, the notes are extracted comments
  (``#. source-hash: …``), an outdated translation is ``fuzzy``; the header
  carries ``Language`` and ``X-Edition``.

Reading accepts what CAT tools write: extra attributes and elements
(metadata, groups, translator notes, terminology marks), a unit split into
several segments, language tags with a region (``uz-UZ``).
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from lxml import etree
from translate.misc.xml_helpers import parse_xml
from translate.storage import po, xliff2
from translate.storage.placeables import StringElem
from translate.storage.placeables.xliff import UnknownXML

from .units import SOURCE

HASH_NOTE = "source-hash"
CONTEXT_NOTE = "context"
OUTDATED_NOTE = "outdated"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
MAX_FILE_BYTES = 20 * 1024 * 1024
XLIFF = "xliff"
PO = "po"
SUFFIXES = {".xlf": XLIFF, ".xliff": XLIFF, ".xml": XLIFF, ".po": PO, ".pot": PO}
# Inline elements that only annotate text (terms, comments, a CAT tool's marks); any other is markup.
ANNOTATIONS = {"mrk", "sm", "em"}


@dataclass
class Entry:
    """One unit as it goes out: id, English, the current translation, and what the translator needs to know."""

    id: str
    source: str
    target: str
    source_hash: str
    note: str
    outdated: bool = False


@dataclass
class FileUnit:
    """One unit as a file brings it back."""

    id: str
    source: str
    target: str | None
    source_hash: str
    inline_codes: list = field(default_factory=list)
    fuzzy: bool = False


@dataclass
class TranslationFile:
    format: str
    edition: str
    language: str
    units: list


class FileProblem(Exception):
    """The file as a whole cannot be read: not XLIFF 2 or PO, damaged, too large."""


def format_for(name):
    suffix = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    return SUFFIXES.get(suffix)


def outdated_note():
    return "The English text changed after this translation was made: check it, then keep or change it."


# Writing -------------------------------------------------------------------


def write(format, edition, language, entries):
    return write_po(edition, language, entries) if format == PO else write_xliff(edition, language, entries)


def write_xliff(edition, language, entries):
    store = xliff2.Xliff2File(sourcelanguage=SOURCE, targetlanguage=language)
    store.setfilename(store.body, edition)
    for entry in entries:
        unit = store.addsourceunit(entry.source)
        unit.setid(entry.id)
        unit.addnote(entry.note, origin=CONTEXT_NOTE)
        unit.addnote(entry.source_hash, origin=HASH_NOTE)
        if entry.outdated:
            unit.addnote(outdated_note(), origin=OUTDATED_NOTE)
        if entry.target:
            unit.target = entry.target
            unit.markfuzzy(entry.outdated)
        _move_to_unit(unit)
    return bytes(store)


def _move_to_unit(unit):
    """Put the notes where XLIFF 2 has them, on <unit> before its segments (the toolkit adds them to <segment>).

    xml:space stays on <segment> where the toolkit writes it, so that a file
    filled in with the toolkit comes back byte for byte as it went out.
    """
    segment = unit.xmlelement
    notes = segment.find(unit.namespaced("notes"))
    if notes is not None:
        segment.getparent().insert(0, notes)


def write_po(edition, language, entries):
    store = po.pofile()
    store.updateheader(add=True, Project_Id_Version=f"CABMI {edition}", Language=language, X_Edition=edition)
    # No dates or placeholders: the same content always makes the same file.
    store.updateheader(POT_Creation_Date=None, PO_Revision_Date=None, Last_Translator=None, Language_Team=None, Report_Msgid_Bugs_To=None)
    for entry in entries:
        unit = store.addsourceunit(entry.source)
        unit.setcontext(entry.id)
        unit.addnote(entry.note, origin="developer")
        unit.addnote(f"{HASH_NOTE}: {entry.source_hash}", origin="developer")
        if entry.target:
            unit.target = entry.target
            unit.markfuzzy(entry.outdated)
    return bytes(store)


# Reading -------------------------------------------------------------------


def read(name, data):
    """A TranslationFile from the bytes of an uploaded or named file; FileProblem when it cannot be read."""
    if len(data) > MAX_FILE_BYTES:
        raise FileProblem(_("The file is larger than %(size)d MB.") % {"size": MAX_FILE_BYTES // (1024 * 1024)})
    kind = format_for(name) or (XLIFF if data.lstrip()[:1] == b"<" or data.startswith(b"\xef\xbb\xbf<") else PO)
    try:
        return read_po(data) if kind == PO else read_xliff(data)
    except FileProblem:
        raise
    except Exception as error:  # the toolkit's and lxml's many parse errors
        raise FileProblem(
            _("“%(name)s” cannot be read as %(format)s: %(error)s") % {"name": name, "format": kind.upper(), "error": error}
        ) from error


def read_xliff(data):
    root = parse_xml(data)
    if not root.get("version", "").startswith("2."):
        raise FileProblem(_("Only XLIFF 2 files are read (this one says version “%(version)s”).") % {"version": root.get("version", "")})
    store = xliff2.Xliff2File.parsestring(data)
    files = store.getfilenames()
    # The toolkit gives one unit per segment; a <unit> split by a CAT tool is joined again (the same id twice stays twice).
    segments = {}
    for unit in store.units:
        element = unit.getunitelement()
        if element.get("translate", "yes").lower() != "no":
            segments.setdefault(element, []).append(unit)
    units = [_xliff_unit(element.get("id", ""), element, parts) for element, parts in segments.items()]
    return TranslationFile(XLIFF, files[0] if files else "", store.gettargetlanguage() or "", units)


def _xliff_unit(unit_id, element, segments):
    """One FileUnit from a <unit>, joining its segments (and the text between them) as the CAT tool split them."""
    by_element = {segment.xmlelement: segment for segment in segments}
    preserve = _preserves_space(element)
    source, target, codes, complete, fuzzy = [], [], [], True, False
    for child in element:
        if child in by_element:
            segment = by_element[child]
            text_source, text_target = _texts(segment, preserve)
            source.append(text_source)
            target.append(text_target)
            # A unit is translated only when every segment with text is.
            complete = complete and bool(text_target.strip() or not text_source.strip())
            fuzzy = fuzzy or segment.isfuzzy()
            codes += _inline_codes(segment)
        elif etree.QName(child).localname == "ignorable":
            between = child.find(f"{{{xliff2.Xliff2Unit.namespace}}}source")
            text = "".join(between.itertext()) if between is not None else ""
            source.append(text)
            target.append(text)
    notes = _notes(element)
    return FileUnit(
        id=unit_id,
        source="".join(source),
        target="".join(target) if complete else None,
        source_hash=notes.get(HASH_NOTE, ""),
        inline_codes=codes,
        fuzzy=fuzzy,
    )


def _texts(segment, preserve):
    if preserve:
        segment._default_xml_space = "preserve"
    return str(segment.source or ""), str(segment.target or "")


def _preserves_space(element):
    while element is not None:
        space = element.get(XML_SPACE)
        if space is not None:
            return space == "preserve"
        element = element.getparent()
    return False


def _inline_codes(segment):
    if segment.get_target_dom() is None:
        return []
    names = []
    for part in segment.rich_target:
        for node in part.depth_first() if isinstance(part, StringElem) else []:
            if isinstance(node, UnknownXML):
                name = etree.QName(node.xml_node).localname
                if name not in ANNOTATIONS:
                    names.append(name)
    return names


def _notes(element):
    """{category: text} from the unit's notes, and from a segment's where a tool put them there."""
    found = {}
    for note in element.iter(f"{{{xliff2.Xliff2Unit.namespace}}}note"):
        category = note.get("category")
        if category and category not in found:
            found[category] = (note.text or "").strip()
    return found


def read_po(data):
    store = po.pofile.parsestring(data)
    header = store.parseheader()
    units = []
    for unit in store.units:
        if unit.isheader() or unit.isobsolete():
            continue
        units.append(
            FileUnit(
                id=unit.getcontext(),
                source=str(unit.source),
                target=str(unit.target) if unit.target else None,
                source_hash=_po_hash(unit.getnotes("developer")),
                fuzzy=unit.isfuzzy(),
            )
        )
    return TranslationFile(PO, header.get("X-Edition", ""), store.gettargetlanguage() or "", units)


def _po_hash(notes):
    for line in notes.splitlines():
        name, _colon, value = line.partition(":")
        if name.strip() == HASH_NOTE:
            return value.strip()
    return ""
