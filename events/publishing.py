"""Publishing an edition and taking it back to draft: the one code path of the admin and the importer.

Each call saves the conference in one history entry (django-reversion) with
its user and a comment. Inside a revision that records nothing by itself (an
import's dry run) it records nothing either.
"""

import reversion
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

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
