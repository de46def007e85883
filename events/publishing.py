"""Publishing an edition and taking it back to draft: the one code path of the admin and the importer.

Each call saves the conference in one history entry (django-reversion) with
its user and a comment. Inside a revision that records nothing by itself (an
import's dry run) it records nothing either. ``publish_checklist`` says what an
edition still lacks; the admin shows it and asks for confirmation first.
"""

from dataclasses import dataclass, field

import reversion
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cabmi_portal import completeness
from cabmi_portal.languages import language_codes

from .models import Conference


def publish(conference, user=None, comment=None):
    """Make conference public, keeping its first publication date for good; False when it already was."""
    if conference.is_published:
        return False
    conference.status = Conference.Status.PUBLISHED
    conference.published_at = conference.published_at or timezone.now()
    save_with_history(conference, user, comment or _("Published"))
    return True


def unpublish(conference, user=None, comment=None):
    """Take conference back to draft; False when it was a draft already."""
    if not conference.is_published:
        return False
    conference.status = Conference.Status.DRAFT
    save_with_history(conference, user, comment or _("Unpublished (back to draft)"))
    return True


def save_with_history(conference, user, comment):
    manually = reversion.is_active() and reversion.is_manage_manually()
    with transaction.atomic(), reversion.create_revision(manage_manually=manually):
        conference.save(update_fields=["status", "published_at", "updated_at"])
        if not manually:
            if user is not None and user.is_authenticated:
                reversion.set_user(user)
            reversion.set_comment(comment)


@dataclass
class Checklist:
    """What a conference still lacks, shown before it is published."""

    conference: Conference
    missing_translations: dict = field(default_factory=dict)  # {language: ["Session “Opening”: title", ...]}, only languages lacking some
    sessions_without_statements: list = field(default_factory=list)
    photos_without_alt: dict = field(default_factory=dict)  # {language: [photo, ...]}, only languages lacking some

    @property
    def nothing_missing(self):
        return not (self.missing_translations or self.sessions_without_statements or self.photos_without_alt)


def publish_checklist(conference):
    """The checklist of one conference loaded by events.queries.conferences_with_everything (no query of its own)."""
    photos = list(conference.photos.all())
    return Checklist(
        conference=conference,
        missing_translations={code: fields for code, fields in completeness.missing_fields(conference).items() if fields},
        sessions_without_statements=[session for session in conference.sessions.all() if not session.statements.all()],
        photos_without_alt={
            code: lacking for code in language_codes() if (lacking := [photo for photo in photos if not getattr(photo, f"alt_{code}")])
        },
    )
