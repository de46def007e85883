"""The proceedings as HTML (Django templates) and as PDF (WeasyPrint).

Call render_html() inside translation.override(language): the templates
read translated fields and {% translate %} strings in the active language.
"""

import mimetypes

import pyphen
from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from django.utils.translation import gettext
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from cabmi_portal.languages import language_codes, language_names, localize
from events.citations import shown_sources
from events.models import Participation

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
        "hyphenation_selector": ", ".join(f"p:lang({code})" for code in hyphenated_languages()),
        "justified_selector": ", ".join(f".prose p:lang({code}), .statement-text p:lang({code})" for code in hyphenated_languages()),
        "organizers": [r for r in conference.roles.all() if r.is_organizing],
        "partners": [r for r in conference.roles.all() if not r.is_organizing],
        "author": author(conference),
        "participant_groups": participant_groups(conference),
        "sessions": sessions(conference, language),
        # Columns the programme leaves out when no session has a value for them.
        "show_dates": any(session.date for session in conference.sessions.all()),
        "show_times": any(session.start_time for session in conference.sessions.all()),
        "unplaced_photos": [p for p in conference.photos.all() if p.session_id is None],
        "speakers": speaker_index(conference),
    }
    return render_to_string("proceedings/proceedings.html", context)


def render_pdf(html):
    document = HTML(string=html, base_url=f"file://{FONTS_DIR}", url_fetcher=StorageFetcher(allowed_protocols={"file", "data", "media"}))
    return document.write_pdf(pdf_variant=PDF_VARIANT)


class StorageFetcher(URLFetcher):
    """Photos come from Django storage (local or remote), fonts from the system, nothing from the network."""

    def fetch(self, url, headers=None):
        if not url.startswith(MEDIA_SCHEME):
            return super().fetch(url, headers)
        name = url[len(MEDIA_SCHEME):]
        with default_storage.open(name, "rb") as file:
            body = file.read()
        return URLFetcherResponse(url, body, {"Content-Type": mimetypes.guess_type(name)[0] or "application/octet-stream"})


def hyphenated_languages():
    """Portal languages with a hyphenation dictionary; the others are not hyphenated rather than hyphenated wrongly."""
    return [code for code in language_codes() if pyphen.language_fallback(code)]


def party_name(party):
    return localize(party, "name").text if party else ""


def author(conference):
    """The organizers, for the PDF's Author field."""
    names = [party_name(role.party) for role in conference.roles.all() if role.is_organizing]
    return "; ".join(names) or gettext("CABMI Secretariat")


def participant_groups(conference):
    """[(group label, [participation, ...]), ...] in the order of Participation.Kind."""
    by_kind = {}
    for participation in conference.participations.all():
        by_kind.setdefault(participation.role, []).append(participation)
    return [(label, by_kind[kind]) for kind, label in Participation.Kind.choices if kind in by_kind]


def sessions(conference, language):
    """Sessions with their photos attached, each with its date written the language's way."""
    photos = {}
    for photo in conference.photos.all():
        if photo.session_id:
            photos.setdefault(photo.session_id, []).append(photo)
    return [
        (session, day(session, language), photos.get(session.pk, []), session_meta(session, language))
        for session in conference.sessions.all()
    ]


def day(session, language):
    return dates.format_day(session.date, language) if session.date else ""


def session_meta(session, language):
    """"Plenary session · 13 December 2022 · 10:00–12:30"; the kind left out when the title says it already."""
    kind = str(session.get_kind_display())
    parts = [kind] if kind.casefold() != localize(session, "title").text.casefold() else []
    if session.date:
        parts.append(day(session, language))
    if session.start_time:
        end = f"\u2013{session.end_time:%H:%M}" if session.end_time and session.end_time != session.start_time else ""
        parts.append(f"{session.start_time:%H:%M}{end}")
    return " · ".join(parts)


def speaker_index(conference):
    """[(person, [statement, ...]), ...] sorted by the name shown in the active language.

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
    return sorted(by_person.values(), key=lambda item: party_name(item[0]).casefold())
