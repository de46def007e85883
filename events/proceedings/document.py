"""The proceedings as HTML (Django templates) and as PDF (WeasyPrint).

Call render_html() inside translation.override(language): the templates
read translated fields and {% translate %} strings in the active language.
"""

import mimetypes
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

import pyphen
from django.conf import settings
from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from django.utils.translation import gettext
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from cabmi_portal.languages import language_codes, language_names, localize
from events.citations import shown_sources
from events.models import Participation
from events.photos import rendition_name, rendition_widths
from participants.names import inverted_name, sort_key

from .. import dates

PDF_VARIANT = "pdf/ua-1"  # tagged PDF: structure, reading order, alt text
MEDIA_SCHEME = "media:"
FONTS_DIR = "/usr/share/fonts/truetype/dejavu/"
# (family, file in FONTS_DIR, weight, style): DejaVu covers Cyrillic with the
# Kazakh, Kyrgyz and Tajik letters, Turkmen Latin and Uzbek ʻ and ʼ.
FONT_FACES = [
    ("Proceedings Serif", "DejaVuSerif.ttf", "normal", "normal"),
    ("Proceedings Serif", "DejaVuSerif-Bold.ttf", "bold", "normal"),
    ("Proceedings Serif", "DejaVuSerif-Italic.ttf", "normal", "italic"),
    ("Proceedings Serif", "DejaVuSerif-BoldItalic.ttf", "bold", "italic"),
    ("Proceedings Sans", "DejaVuSansCondensed.ttf", "normal", "normal"),
    ("Proceedings Sans", "DejaVuSansCondensed-Bold.ttf", "bold", "normal"),
    ("Proceedings Sans", "DejaVuSansCondensed-Oblique.ttf", "normal", "italic"),
    ("Proceedings Mono", "DejaVuSansMono.ttf", "normal", "normal"),
]


def render_html(conference, language, *, draft, version, built_at):
    context = {
        "conference": conference,
        "sources": shown_sources(conference),
        "language": language,
        "draft": draft,
        "version": version,
        "built_at": dates.format_day(built_at.date(), language),
        "dates": dates.format_range(conference.start_date, conference.end_date, language),
        "languages": list(language_names().values()),
        "built_iso": built_at.isoformat(timespec="seconds"),
        "font_faces": FONT_FACES,
        "fonts_dir": FONTS_DIR,
        "hyphenation_selector": ", ".join(f".prose p:lang({code}), .statement-text p:lang({code})" for code in hyphenated_languages()),
        "justified_selector": ", ".join(f".prose p:lang({code}), .statement-text p:lang({code})" for code in hyphenated_languages()),
        "organizers": [r for r in conference.roles.all() if r.is_organizing],
        "partners": [r for r in conference.roles.all() if not r.is_organizing],
        "author": author(conference),
        "participant_groups": participant_groups(conference),
        "sessions": sessions(conference, language),
        # Columns the programme leaves out when no session has a value for them.
        "show_dates": any(session.date for session in conference.sessions.all()),
        "show_times": any(session.start_time for session in conference.sessions.all()),
        "unplaced_photos": pdf_photos(p for p in conference.photos.all() if p.session_id is None),
        "speakers": speaker_index(conference, language),
        "keywords": keywords(conference),
        "sessions_without_statements": sum(1 for session in conference.sessions.all() if not session.statements.all()),
        "attendance_unrecorded": any(p.attendance == Participation.Attendance.UNKNOWN for p in conference.participations.all()),
    }
    return render_to_string("proceedings/proceedings.html", context)


def render_pdf(html):
    document = HTML(string=html, base_url=f"file://{FONTS_DIR}", url_fetcher=PortalFetcher())
    return document.write_pdf(pdf_variant=PDF_VARIANT)


class PortalFetcher(URLFetcher):
    """Serves the PDF only the portal's own files and refuses everything else.

    Photos come from Django storage (``media:photos/…``), fonts from FONTS_DIR,
    stylesheets and images from the portal's static files; ``data:`` URLs carry
    their content inline. Any other address (``file:///etc/passwd``, the network,
    a static file reached through ``..``) raises, and WeasyPrint leaves it out.
    """

    def fetch(self, url, headers=None):
        if url.startswith(MEDIA_SCHEME):
            return self.photo(url, url[len(MEDIA_SCHEME):])
        if url.startswith("data:"):
            return super().fetch(url, headers)
        if url.startswith("file:"):
            path = Path(unquote(urlsplit(url).path)).resolve()
            if any(path.is_relative_to(root) and path.is_file() for root in allowed_roots()):
                return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": content_type(path.name)})
        raise ValueError(f"The proceedings load only the portal's own files, not {url[:200]}")

    def photo(self, url, name):
        if not name.startswith("photos/") or ".." in PurePosixPath(name).parts:
            raise ValueError(f"Not a photo: {name[:200]}")
        with default_storage.open(name, "rb") as file:
            return URLFetcherResponse(url, file.read(), {"Content-Type": content_type(name)})


def allowed_roots():
    """Folders the PDF may read files from: the fonts and the portal's static files."""
    roots = [Path(FONTS_DIR), *(Path(folder) for folder in settings.STATICFILES_DIRS), Path(settings.STATIC_ROOT)]
    return [root.resolve() for root in roots]


def content_type(name):
    return mimetypes.guess_type(name)[0] or "application/octet-stream"


def pdf_photos(photos):
    """Photos with their largest JPEG rendition (no EXIF or GPS data) as the PDF's image; those without one are left out."""
    shown = []
    for photo in photos:
        widths = rendition_widths(photo.width)
        if photo.image and widths:
            photo.pdf_source = MEDIA_SCHEME + rendition_name(photo.image.name, widths[-1], "jpeg")
            shown.append(photo)
    return shown


# Languages whose hyphenation patterns break words where their readers do. Pyphen's
# "en" patterns give "Cent-ral" and "Initiat-ive", and there are none for Uzbek,
# Kazakh, Kyrgyz, Tajik or Turkmen: those are set ragged, not hyphenated wrongly.
HYPHENATION_DICTIONARIES = ("ru",)


def hyphenated_languages():
    """Portal languages hyphenated in the PDF: a dictionary that breaks them correctly exists."""
    return [code for code in language_codes() if code in HYPHENATION_DICTIONARIES and pyphen.language_fallback(code)]


def party_name(party):
    return localize(party, "name").text if party else ""


def keywords(conference):
    """The PDF's keywords from the edition: its series' code and name, its organizers' acronyms, its host city and country."""
    words = [conference.series.code, localize(conference.series, "name").text]
    for role in conference.roles.all():
        if role.is_organizing and role.organization:
            organization = role.organization.parent or role.organization
            words.append(localize(organization, "acronym").text or localize(organization, "name").text)
    words += [localize(conference, "city").text, party_name(conference.country)]
    return list(dict.fromkeys(word for word in words if word))


def author(conference):
    """The organizers, for the PDF's Author field."""
    names = [party_name(role.party) for role in conference.roles.all() if role.is_organizing]
    return "; ".join(names) or gettext("CABMI Secretariat")


def group_labels():
    """A heading for each kind of participant, in the plural: the tables list many."""
    kinds = Participation.Kind
    return {
        kinds.PARTICIPATING_STATE: gettext("Participating states"),
        kinds.ORGANIZATION: gettext("Organizations"),
        kinds.OBSERVER: gettext("Observers"),
        kinds.GUEST: gettext("Guests"),
        kinds.OTHER_STATE: gettext("Other states"),
    }


def participant_groups(conference):
    """[(heading, [participation, ...], whether any attendance is known), ...] in the order of Participation.Kind."""
    by_kind = {}
    for participation in conference.participations.all():
        by_kind.setdefault(participation.role, []).append(participation)
    labels = group_labels()
    return [
        (labels[kind], by_kind[kind], any(p.attendance != Participation.Attendance.UNKNOWN for p in by_kind[kind]))
        for kind in Participation.Kind.values
        if kind in by_kind
    ]


def sessions(conference, language):
    """Sessions with their photos attached, each with its date written the language's way."""
    photos = {}
    for photo in conference.photos.all():
        if photo.session_id:
            photos.setdefault(photo.session_id, []).append(photo)
    return [
        (session, day(session, language), pdf_photos(photos.get(session.pk, [])), session_meta(session, language))
        for session in conference.sessions.all()
    ]


def day(session, language):
    return dates.format_day(session.date, language) if session.date else ""


def session_meta(session, language):
    """"Plenary session · 13 December 2022 · 10:00–12:30"; the kind left out when the title says it already."""
    kind = str(session.get_kind_display())
    says_something = session.kind != session.Kind.OTHER and kind.casefold() != localize(session, "title").text.casefold()
    parts = [kind] if says_something else []
    if session.date:
        parts.append(day(session, language))
    if session.start_time:
        end = f"\u2013{session.end_time:%H:%M}" if session.end_time and session.end_time != session.start_time else ""
        parts.append(f"{session.start_time:%H:%M}{end}")
    return " · ".join(parts)


def index_entry(person):
    """(the name as the index prints it, family name first where known; its language)."""
    name, family = localize(person, "name"), localize(person, "family_name")
    shown = inverted_name(name.text, family.text) if family.lang == name.lang else name.text
    return shown, name.lang


def speaker_index(conference, language):
    """[(name as printed, its language, [statement, ...]), ...] by family name in the language's collation.

    One statement per session and speaker: several in one session mostly
    share a page, and CSS cannot drop a repeated page number.
    """
    by_person = {}
    for session in conference.sessions.all():
        for statement in session.statements.all():
            if not statement.speaker:
                continue
            _person, statements = by_person.setdefault(statement.speaker.pk, (statement.speaker, []))
            if not statements or statements[-1].session_id != session.pk:
                statements.append(statement)
    entries = [(*index_entry(person), statements) for person, statements in by_person.values()]
    return sorted(entries, key=lambda entry: sort_key(entry[0], language))
