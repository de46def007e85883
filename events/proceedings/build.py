"""Build the PDF proceedings of an edition in one language.

One code path for the public view, the admin action and the
build_proceedings command: build_proceedings() returns the stored PDF for
the edition's current content, rendering it only when it does not exist
yet, and at most once at a time for each content version.
"""

import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.core.files.storage import default_storage
from django.dispatch import Signal
from django.utils import timezone, translation

from cabmi_portal.cache import computed_once

from . import storage
from .content import content_hash, load_conference
from .document import render_html, render_pdf
from .locks import build_lock

# Sent after a PDF was rendered and stored (not when a stored one was reused):
# kwargs conference, language, name. Tests and monitoring count renders with it.
proceedings_built = Signal()

HASH_CACHE_SECONDS = 60
# How long a request waits for someone else's build of the same PDF.
DEFAULT_WAIT_SECONDS = 20


class BuildInProgress(Exception):
    """Another process is building this PDF and did not finish in time."""


@dataclass(frozen=True)
class BuiltPdf:
    slug: str
    language: str
    content_hash: str
    draft: bool

    @property
    def name(self):
        return storage.stored_name(self.slug, self.language, self.content_hash, draft=self.draft)

    @property
    def version(self):
        return self.content_hash[:12]

    @property
    def filename(self):
        """The download name: cabmi-17-proceedings-ru.pdf."""
        suffix = "-draft" if self.draft else ""
        return f"{self.slug}-proceedings-{self.language}{suffix}.pdf"

    def exists(self):
        return storage.exists(self.name)

    def modified(self):
        return default_storage.get_modified_time(self.name)

    def size(self):
        return default_storage.size(self.name)

    def open(self):
        return default_storage.open(self.name, "rb")


def current_pdf(conference, language, *, draft_preview=False):
    """The PDF that matches the edition's content now, built or not (cheap: no rendering)."""
    if not (conference.is_published or draft_preview):
        raise ValueError(f"{conference.slug} is a draft: only a draft preview can be built")
    with translation.override(language):
        digest = content_hash(conference, language, draft=draft_preview)
    return BuiltPdf(conference.slug, language, digest, draft_preview)


def published_pdf(slug, language):
    """current_pdf() of a published edition by slug, or None; cached until the next edit.

    Serving a built PDF then costs no query. The hash is kept with the
    portal's content generation (cabmi_portal/cache.py), which every change
    visitors can see moves on; the short timeout bounds how long a process whose
    local cache missed another process's bump can answer with an old hash
    (use a shared CACHE_BACKEND with several processes).
    """
    def content_digest():
        conference = load_conference(slug)
        return current_pdf(conference, language).content_hash if conference else ""

    # Hashed: a slug from the address may be long enough to break a memcached key.
    name = f"proceedings-hash:{hashlib.sha256(f'{slug}:{language}'.encode()).hexdigest()}"
    digest = computed_once(name, content_digest, HASH_CACHE_SECONDS)
    return BuiltPdf(slug, language, digest, False) if digest else None


def build_proceedings(conference, language, *, draft_preview=False, wait_seconds=None):
    """The stored PDF for the current content, rendering it if needed.

    `conference` should come from events.queries.conferences_with_everything().
    Raises BuildInProgress when another build of the same PDF holds the lock
    for longer than wait_seconds.
    """
    pdf = current_pdf(conference, language, draft_preview=draft_preview)
    if pdf.exists():
        return pdf
    wait = getattr(settings, "PROCEEDINGS_BUILD_WAIT", DEFAULT_WAIT_SECONDS) if wait_seconds is None else wait_seconds
    with build_lock(pdf.name, wait_seconds=wait) as acquired:
        if not acquired:
            raise BuildInProgress(pdf.name)
        if not pdf.exists():  # whoever held the lock may have built it
            _render_and_store(conference, pdf)
    return pdf


def _render_and_store(conference, pdf):
    built_at = timezone.now()
    with translation.override(pdf.language):
        html = render_html(conference, pdf.language, draft=pdf.draft, version=pdf.version, built_at=built_at)
    storage.save(pdf.name, render_pdf(html))
    storage.remove_others(pdf.name)
    proceedings_built.send(sender=BuiltPdf, conference=conference, language=pdf.language, name=pdf.name)

