"""Admin entry points of the interchange (scaffold: the interchange issue fills these in)."""

from django.contrib import admin, messages
from django.http import Http404


@admin.action(description="Export as interchange document")
def export_conferences(modeladmin, request, queryset):
    modeladmin.message_user(request, "Export is not available yet.", messages.WARNING)


def import_conference_view(request):
    raise Http404
