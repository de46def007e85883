"""Publishing from the admin: a checklist of what each edition lacks, then publish on confirmation.

The list action and the change form (status set to Published) both lead to
one page, ``publish/?ids=…``, which shows ``publish_checklist`` for every
draft asked for; "Confirm publish" calls ``publish``, "Cancel" changes nothing.
Taking an edition back to draft needs no checklist.
"""

from urllib.parse import urlencode

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from cabmi_portal.languages import language_names

from .models import Conference
from .publishing import publish, publish_checklist
from .queries import conferences_with_everything

# ?from=change: the page was reached from a conference's change form, and returns there.
FROM_CHANGE = "change"


def publish_url(ids, came_from=None):
    query = {"ids": ",".join(str(pk) for pk in ids), **({"from": came_from} if came_from else {})}
    return reverse("admin:events_conference_publish") + "?" + urlencode(query)


@admin.action(permissions=["publish"], description=gettext_lazy("Publish selected conferences"))
def publish_conferences(modeladmin, request, queryset):
    return HttpResponseRedirect(publish_url(queryset.order_by("pk").values_list("pk", flat=True)))


def asked_ids(data):
    return [int(part) for part in data.get("ids", "").split(",") if part.strip().isdigit()]


def publish_view(modeladmin, request):
    """GET: the checklist of each draft asked for; POST with "confirm": publish them."""
    if not modeladmin.has_publish_permission(request):
        raise PermissionDenied
    data = request.POST if request.method == "POST" else request.GET
    ids = asked_ids(data)
    conferences = list(conferences_with_everything(Conference.objects.filter(pk__in=ids).drafts()).order_by("-start_date", "id"))
    back = back_url(ids, data.get("from"))
    if not conferences:
        modeladmin.message_user(request, _("Nothing to publish: the conferences chosen are already published."), messages.WARNING)
        return HttpResponseRedirect(back)
    if request.method == "POST" and "confirm" in request.POST:
        count = sum(publish(conference, request.user) for conference in conferences)
        message = ngettext("Published %(count)d conference.", "Published %(count)d conferences.", count) % {"count": count}
        modeladmin.message_user(request, message, messages.SUCCESS)
        return HttpResponseRedirect(back)
    context = {
        **modeladmin.admin_site.each_context(request),
        "opts": modeladmin.opts,
        "title": ngettext("Publish this conference?", "Publish these conferences?", len(conferences)),
        "checklists": [checklist_shown(publish_checklist(conference)) for conference in conferences],
        "ids": ",".join(str(conference.pk) for conference in conferences),
        "came_from": data.get("from", ""),
        "back_url": back,
        "single": conferences[0] if len(conferences) == 1 else None,
    }
    return TemplateResponse(request, "admin/events/conference/publish_confirmation.html", context)


def checklist_shown(checklist):
    """The checklist with each language named: [(name, code, items)] rather than {code: items}."""
    names = language_names()
    return {
        "checklist": checklist,
        "missing_translations": [
            (names[code], code, fields_missing(len(fields)), fields) for code, fields in checklist.missing_translations.items()
        ],
        "photos_without_alt": [(names[code], code, photos) for code, photos in checklist.photos_without_alt.items()],
    }


def fields_missing(count):
    return ngettext("%(count)d field missing", "%(count)d fields missing", count) % {"count": count}


def back_url(ids, came_from):
    if came_from == FROM_CHANGE and len(ids) == 1:
        return reverse("admin:events_conference_change", args=ids)
    return reverse("admin:events_conference_changelist")
