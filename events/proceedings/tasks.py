"""PDF builds as background tasks (Django's Tasks API, the django-tasks backport).

A visitor's request never renders a PDF: it queues the build and answers
"being prepared". Publishing an edition, or editing anything a published
edition shows, queues the builds of every language once the change is
committed. `make serve` runs the queue in the database and a `db_worker`
process; `make run` and the tests run each task at once in-process.

A small cache entry per PDF ("queued") keeps a crowd of visitors from
queuing the same build a hundred times; the build itself is single-flight
across servers (locks.build_lock), so a duplicate costs one hash check.
"""

import logging

from django.core.cache import cache
from django.db import transaction
from django_tasks import task

from cabmi_portal.cache import public_records_changed
from cabmi_portal.languages import language_codes
from events.models import Conference

from .build import BuildInProgress, build_proceedings, current_pdf
from .content import load_conference

logger = logging.getLogger(__name__)

# How long a queued build keeps others from queuing it again (a lost task is re-queued after it).
QUEUED_SECONDS = 5 * 60
REFRESH_QUEUED_KEY = "proceedings:refresh-queued"


def _queued_key(name):
    return f"proceedings:queued:{name}"


@task()
def build_pdf(slug, language, draft_preview=False):
    """Build one edition's PDF in one language, unless it is built already or being built."""
    conference = load_conference(slug, published_only=not draft_preview)
    if conference is None or (draft_preview and conference.is_published):
        return ""
    pdf = current_pdf(conference, language, draft_preview=draft_preview)
    try:
        build_proceedings(conference, language, draft_preview=draft_preview, wait_seconds=0)
    except BuildInProgress:
        return "being built elsewhere"
    finally:
        cache.delete(_queued_key(pdf.name))
    return pdf.name


@task()
def refresh_published_proceedings():
    """Queue the build of every published PDF whose content has changed."""
    # Cleared first: an edit committed while this runs queues the next refresh.
    cache.delete(REFRESH_QUEUED_KEY)
    queued = 0
    for slug in Conference.objects.published().values_list("slug", flat=True):
        conference = load_conference(slug)
        if conference is not None:
            queued += sum(enqueue_build(current_pdf(conference, code)) for code in language_codes())
    return queued


def enqueue_build(pdf, *, priority=0):
    """Queue the build of `pdf` (a build.BuiltPdf) unless it exists or is queued; True when queued.

    A visitor waiting for a PDF asks with a higher priority than a refresh after an edit.
    """
    if pdf.exists():
        return False
    # add() is atomic: of many requests at once, one queues. When the cache is
    # down, add() fails and get() finds nothing: queue anyway (the build is single-flight).
    if not cache.add(_queued_key(pdf.name), True, QUEUED_SECONDS) and cache.get(_queued_key(pdf.name)):
        return False
    build_pdf.using(priority=priority).enqueue(pdf.slug, pdf.language, pdf.draft)
    return True


def is_queued(pdf):
    return bool(cache.get(_queued_key(pdf.name)))


def _refresh_after_commit(**kwargs):
    transaction.on_commit(_queue_refresh)


def _queue_refresh():
    if not cache.add(REFRESH_QUEUED_KEY, True, QUEUED_SECONDS) and cache.get(REFRESH_QUEUED_KEY):
        return
    refresh_published_proceedings.enqueue()


def connect_signals():
    """After any committed change visitors can see (cabmi_portal.cache says which), queue the builds that changed."""
    public_records_changed.connect(_refresh_after_commit, dispatch_uid="proceedings-refresh")
