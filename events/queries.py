"""Querysets that load an edition with everything shown about it, in a fixed number of queries.

The public pages, the PDF builder and the exporter read editions through
these, so that adding sessions or statements never adds queries.
"""

from django.db.models import Prefetch

from sessions.models import Session, Statement

from .models import Conference, Participation, Photo, Role


def statements_with_speakers():
    return Statement.objects.select_related("speaker", "organization", "organization__parent", "country").order_by("order", "id")


def sessions_with_statements():
    return Session.objects.order_by("order", "id").prefetch_related(Prefetch("statements", queryset=statements_with_speakers()))


def conferences_with_everything(queryset=None):
    queryset = Conference.objects.all() if queryset is None else queryset
    return queryset.select_related("series", "country").prefetch_related(
        Prefetch("roles", queryset=Role.objects.select_related("organization", "organization__parent", "country").order_by("order", "id")),
        Prefetch(
            "participations",
            queryset=Participation.objects.select_related("organization", "organization__parent", "country").order_by("order", "id"),
        ),
        Prefetch("sessions", queryset=sessions_with_statements()),
        Prefetch("photos", queryset=Photo.objects.select_related("session").order_by("order", "id")),
    )
