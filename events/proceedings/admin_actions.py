"""Admin entry points of the PDF proceedings (scaffold: the proceedings issue fills these in)."""

from django.contrib import admin, messages


@admin.action(description="Build PDF proceedings")
def build_proceedings(modeladmin, request, queryset):
    modeladmin.message_user(request, "Proceedings are not available yet.", messages.WARNING)


def proceedings_links(conference):
    """HTML with one download link per language, for the conference change page."""
    return ""
