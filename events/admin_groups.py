"""Groups in the admin: their permission list offers only what staff can be given.

Django's own bookkeeping models (its login sessions, content types, the admin
log) would otherwise be listed beside the portal's, and Django's "session"
would sit next to the programme's "session".
"""

from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin
from django.contrib.auth.models import Group

DJANGO_INTERNALS = ("sessions", "contenttypes", "admin")


class PortalGroupAdmin(GroupAdmin):
    def formfield_for_manytomany(self, db_field, request=None, **kwargs):
        field = super().formfield_for_manytomany(db_field, request=request, **kwargs)
        if db_field.name == "permissions":
            field.queryset = field.queryset.exclude(content_type__app_label__in=DJANGO_INTERNALS)
        return field


admin.site.unregister(Group)
admin.site.register(Group, PortalGroupAdmin)
