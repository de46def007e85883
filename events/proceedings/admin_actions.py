"""Admin entry points of the PDF proceedings: a build action and download links."""

from django.contrib import admin, messages
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext

from cabmi_portal.languages import language_codes, language_names
from events.models import Conference

from .build import current_pdf
from .content import load_conference
from .tasks import enqueue_build, is_queued

ADMIN_DOWNLOAD_URL = "admin:events_conference_proceedings"


@admin.action(description=_("Build PDF proceedings (drafts: a preview marked “Draft”)"), permissions=["view"])
def build_proceedings(modeladmin, request, queryset):
    """Queues the build of every selected edition in every language; built PDFs are kept.

    The builds run in the task worker: a request never renders 14 PDFs. The
    conference page shows each language's state (built, queued, not built).
    """
    built = queued = 0
    for slug in queryset.values_list("slug", flat=True):
        conference = load_conference(slug, published_only=False)
        for language in language_codes():
            pdf = current_pdf(conference, language, draft_preview=not conference.is_published)
            enqueue_build(pdf)
            if pdf.exists():
                built += 1
            else:
                queued += 1
    message = ngettext("%(count)d PDF is ready.", "%(count)d PDFs are ready.", built) % {"count": built}
    if queued:
        message += " " + ngettext(
            "%(count)d PDF is being built; its state shows on the conference page.",
            "%(count)d PDFs are being built; their state shows on the conference page.",
            queued,
        ) % {"count": queued}
    modeladmin.message_user(request, message, messages.SUCCESS)


def proceedings_state(conference, language):
    """"built", "queued" or "" for the edition's current PDF in `language`."""
    pdf = current_pdf(conference, language, draft_preview=not conference.is_published)
    if pdf.exists():
        return "built"
    return "queued" if is_queued(pdf) else ""


def proceedings_links(conference):
    """HTML with one download link per language, for the conference change page."""
    if conference is None or conference.pk is None:
        return ""
    try:
        urls = [(reverse(ADMIN_DOWNLOAD_URL, args=[conference.slug, code]), code, name) for code, name in language_names().items()]
    except NoReverseMatch:  # the admin has not routed the download view
        return ""
    label = _("Draft preview") if conference.status == Conference.Status.DRAFT else _("PDF")
    loaded = load_conference(conference.slug, published_only=False)
    # Translators: the state of one language's PDF, shown after its download link.
    states = {
        "built": pgettext("PDF state", "built"),
        "queued": pgettext("PDF state", "being built"),
        "": pgettext("PDF state", "not built"),
    }
    rows = ((url, code, name, states[proceedings_state(loaded, code)]) for url, code, name in urls)
    links = format_html_join(" · ", '<a href="{}" hreflang="{}">{}</a> ({})', rows)
    return format_html('<span class="proceedings-links">{}: {}</span>', label, links)
