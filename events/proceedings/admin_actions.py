"""Admin entry points of the PDF proceedings: a build action and download links."""

from django.contrib import admin, messages
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from cabmi_portal.languages import language_codes, language_names
from events.models import Conference

from .build import BuildInProgress
from .build import build_proceedings as build
from .content import load_conference

ADMIN_DOWNLOAD_URL = "admin:events_conference_proceedings"


@admin.action(description=_("Build PDF proceedings (drafts: a preview marked “Draft”)"), permissions=["view"])
def build_proceedings(modeladmin, request, queryset):
    """Builds every selected edition in every language; already-built PDFs are reused."""
    count = 0
    for slug in queryset.values_list("slug", flat=True):
        conference = load_conference(slug, published_only=False)
        for language in language_codes():
            try:
                build(conference, language, draft_preview=not conference.is_published)
            except BuildInProgress:
                modeladmin.message_user(request, _("%(slug)s [%(language)s] is being built by someone else; try again shortly.")
                                        % {"slug": slug, "language": language}, messages.WARNING)
                continue
            count += 1
    message = ngettext("%(count)d PDF is ready.", "%(count)d PDFs are ready.", count) % {"count": count}
    modeladmin.message_user(request, message, messages.SUCCESS)


def proceedings_links(conference):
    """HTML with one download link per language, for the conference change page."""
    if conference is None or conference.pk is None:
        return ""
    try:
        urls = [(reverse(ADMIN_DOWNLOAD_URL, args=[conference.slug, code]), code, name) for code, name in language_names().items()]
    except NoReverseMatch:  # the admin has not routed the download view
        return ""
    label = _("Draft preview") if conference.status == Conference.Status.DRAFT else _("PDF")
    links = format_html_join(" · ", '<a href="{}" hreflang="{}">{}</a>', ((url, code, name) for url, code, name in urls))
    return format_html('<span class="proceedings-links">{}: {}</span>', label, links)
