"""Where a document comes from: a JSON file, a folder, a zip, or an upload.

``read_source(source)`` returns a ``Bundle``: the parsed document (or None),
the problems found reading it (size, encoding, JSON, unsafe zip paths), and
a ``files`` reader for the photos it names, relative to the document.
"""

import json
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from django.utils.translation import gettext as _

from .decode import decode
from .fields import DOCUMENT_NAME, MAX_DOCUMENT_BYTES
from .problems import ProblemList

ENCRYPTED = 0x1  # bit 0 of a zip member's general purpose flags
READABLE_COMPRESSIONS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA)
# One byte more than a photo may have, so that an oversized file is still reported as too large.
MAX_PHOTO_READ = 20 * 1024 * 1024 + 1


class FolderFiles:
    """Photo files next to the document on disk; paths never leave the folder."""

    def __init__(self, folder):
        self.folder = Path(folder).resolve()

    def read(self, name):
        path = (self.folder / name).resolve()
        if not path.is_relative_to(self.folder) or not path.is_file():
            return None
        with path.open("rb") as handle:
            return handle.read(MAX_PHOTO_READ)


class ZipFiles:
    def __init__(self, archive, prefix=""):
        self.archive, self.prefix = archive, prefix

    def read(self, name):
        # At most one byte over the photo limit is read: enough for the size check, and a
        # member that claims a small size but inflates to gigabytes costs nothing.
        try:
            with self.archive.open(self.prefix + name) as member:
                return member.read(MAX_PHOTO_READ)
        except (KeyError, zipfile.BadZipFile, zlib.error, OSError, EOFError, RuntimeError, NotImplementedError, ValueError):
            return None


class NoFiles:
    """A lone uploaded JSON document: it has no photo files beside it."""

    def read(self, name):
        return None


@dataclass
class Bundle:
    name: str
    document: object = None
    problems: ProblemList = field(default_factory=ProblemList)
    files: object = field(default_factory=NoFiles)


def read_source(source):
    """Bundle from a path (JSON file, folder, zip) or an uploaded file object."""
    if hasattr(source, "read"):
        name = PurePosixPath(getattr(source, "name", "") or "upload").name
        source.seek(0)
        head = source.read(4)
        source.seek(0)
        if head == b"PK\x03\x04" or name.lower().endswith(".zip"):
            return read_zip(source, name)
        return parse(source.read(MAX_DOCUMENT_BYTES + 1), Bundle(name))
    path = Path(source)
    if path.is_dir():
        return read_file(path / DOCUMENT_NAME, FolderFiles(path), path.name)
    if path.suffix.lower() == ".zip" and path.is_file():
        # The archive stays open while the bundle's photos are read; members are read one at a time.
        return read_zip(path.open("rb"), path.name)
    return read_file(path, FolderFiles(path.parent), path.name)


def read_file(path, files, name):
    bundle = Bundle(name, files=files)
    if not path.is_file():
        bundle.problems.add("document", _("no file “%(path)s”") % {"path": path})
        return bundle
    if path.stat().st_size > MAX_DOCUMENT_BYTES:
        return too_large(bundle, path.stat().st_size)
    return parse(path.read_bytes(), bundle)


def read_zip(stream, name):
    bundle = Bundle(name)
    try:
        archive = zipfile.ZipFile(stream)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError):
        bundle.problems.add("document", _("“%(name)s” is not a readable zip file") % {"name": name})
        return bundle
    for info in archive.infolist():
        member = info.filename
        if escapes(member):
            bundle.problems.add(
                "document", _("the zip holds “%(member)s”, a path that leaves its folder; nothing was read") % {"member": member}
            )
        elif info.flag_bits & ENCRYPTED:
            bundle.problems.add(member, _("is encrypted; zip the files again without a password"))
        elif info.compress_type not in READABLE_COMPRESSIONS:
            bundle.problems.add(
                member,
                _("is packed with compression method %(method)d, which the portal cannot read; zip it again with deflate")
                % {"method": info.compress_type},
            )
    if bundle.problems:
        return bundle
    prefixes = document_prefixes(archive.namelist())
    if not prefixes:
        bundle.problems.add("document", _("the zip has no “%(name)s”") % {"name": DOCUMENT_NAME})
        return bundle
    if len(prefixes) > 1:
        folders = ", ".join(p.rstrip("/") for p in prefixes)
        bundle.problems.add(
            "document", _("the zip holds several conferences (%(folders)s); import them one at a time") % {"folders": folders}
        )
        return bundle
    [prefix] = prefixes
    info = archive.getinfo(prefix + DOCUMENT_NAME)
    if info.file_size > MAX_DOCUMENT_BYTES:
        return too_large(bundle, info.file_size)
    bundle.files = ZipFiles(archive, prefix)
    try:
        with archive.open(info) as member:
            data = member.read(MAX_DOCUMENT_BYTES + 1)
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, RuntimeError, NotImplementedError, ValueError):
        bundle.problems.add("document", _("“%(name)s” is damaged: its conference.json cannot be unpacked") % {"name": name})
        return bundle
    return parse(data, bundle)


def escapes(member):
    path = PurePosixPath(member.replace("\\", "/"))
    return path.is_absolute() or ".." in path.parts or ":" in member


def document_prefixes(names):
    """Where conference.json is: [""] at the top of the zip, ["folder/"] in one folder; several for an export of several editions."""
    top = [n for n in names if n == DOCUMENT_NAME]
    if top:
        return [""]
    return sorted(n[: -len(DOCUMENT_NAME)] for n in names if n.count("/") == 1 and PurePosixPath(n).name == DOCUMENT_NAME)


def too_large(bundle, size):
    megabytes = MAX_DOCUMENT_BYTES // (1024 * 1024)
    bundle.problems.add(
        "document", _("the document is %(size).1f MB; at most %(max)d MB are accepted") % {"size": size / 1024 / 1024, "max": megabytes}
    )
    return bundle


def parse(data, bundle):
    if len(data) > MAX_DOCUMENT_BYTES:
        return too_large(bundle, len(data))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        bundle.problems.add(
            "document", _("is not valid UTF-8 text (byte %(position)d); save it as UTF-8 and try again") % {"position": error.start}
        )
        return bundle
    try:
        bundle.document, problems = decode(text)
    except RecursionError:
        bundle.problems.add("document", _("is nested too deeply to be a conference document"))
        return bundle
    except json.JSONDecodeError as error:
        bundle.problems.add(
            "document",
            _("is not valid JSON: %(error)s at line %(line)d, column %(column)d")
            % {"error": error.msg, "line": error.lineno, "column": error.colno},
        )
        return bundle
    if problems:
        bundle.problems.extend(problems)
        return bundle
    if not isinstance(bundle.document, dict):
        bundle.problems.add("document", _("must be a JSON object ({…}) describing one conference"))
        bundle.document = None
    return bundle
