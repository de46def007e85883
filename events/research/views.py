"""A series' timeline and its participation matrix, as a page and as CSV and JSON downloads."""

import csv

from django.db.models import Prefetch
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe

from cabmi_portal.languages import localize
from events.models import Conference, Role, Series
from sessions.models import Statement

from . import citations
from .matrix import GROUPS, SORTS, participation_matrix
from .oai import repository_server
from .timeline import series_timeline


def series_or_404(code):
    if not (code.isascii() and code.replace("-", "").isalnum() and len(code) <= 20):
        raise Http404
    return get_object_or_404(Series, code__iexact=code)


def matrix_from_request(request, code):
    series = series_or_404(code)
    # An unknown filter or order shows the whole table by name.
    group = request.GET.get("group", "") if request.GET.get("group") in GROUPS else ""
    sort = request.GET.get("sort") if request.GET.get("sort") in SORTS else "name"
    matrix = participation_matrix(series, group, sort)
    if not matrix.editions:
        raise Http404
    return matrix, group, sort


@require_safe
def participation(request, code):
    matrix, group, sort = matrix_from_request(request, code)
    return render(request, "events/research/participation.html", {
        "matrix": matrix, "series": matrix.series, "group": group, "sort": sort, "groups": GROUPS, "sorts": SORTS,
        "page_title": _("Who took part in %(series)s conferences") % {"series": matrix.series.code},
    })


def party_name(row):
    return str(localize(row.party, "name"))


def matrix_records(matrix):
    """The matrix as plain data: what the CSV and JSON downloads hold."""
    return {
        "series": matrix.series.code,
        "editions": [
            {"slug": edition.slug, "edition": edition.edition, "title": str(localize(edition, "title")),
             "start_date": edition.start_date.isoformat()}
            for edition in matrix.editions
        ],
        "rows": [
            {
                "type": row.kind,
                "key": row.key,
                "name": party_name(row),
                "cells": {
                    edition.slug: {"part": cell.part, "attendance": cell.mode, "statements": cell.statements}
                    for edition, cell in zip(matrix.editions, matrix.cells(row), strict=True) if cell
                },
            }
            for row in matrix.rows
        ],
    }


@require_safe
def participation_json(request, code):
    matrix, _group, _sort = matrix_from_request(request, code)
    response = JsonResponse(matrix_records(matrix), json_dumps_params={"ensure_ascii": False, "indent": 1})
    response["Content-Disposition"] = f'inline; filename="{matrix.series.code.lower()}-participation.json"'
    return response


@require_safe
def participation_csv(request, code):
    matrix, _group, _sort = matrix_from_request(request, code)
    records = matrix_records(matrix)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{matrix.series.code.lower()}-participation.csv"'
    response.write("\ufeff")  # spreadsheet programs read UTF-8 by this mark
    writer = csv.writer(response)
    writer.writerow(["type", "key", "name"] + [edition["slug"] for edition in records["editions"]])
    for row in records["rows"]:
        cells = [row["cells"].get(edition["slug"]) for edition in records["editions"]]
        writer.writerow([row["type"], row["key"], csv_safe(row["name"])] + [csv_cell(cell) for cell in cells])
    return response


def csv_cell(cell):
    if not cell:
        return ""
    parts = [value for value in (cell["part"], cell["attendance"]) if value]
    if cell["statements"]:
        parts.append(f"statements={cell['statements']}")
    return ";".join(parts)


def csv_safe(value):
    """Text a spreadsheet will not run as a formula."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


@require_safe
def series_detail(request, code):
    series = series_or_404(code)
    timeline = series_timeline(series)
    if not timeline.editions:
        raise Http404
    return render(request, "events/research/series.html", {
        "series": series, "timeline": timeline, "page_title": series.name or series.code,
    })


def published_edition(slug):
    editions = Conference.objects.published().select_related("series", "country")
    roles = Prefetch("roles", queryset=Role.objects.select_related("organization", "country").order_by("order", "id"))
    return get_object_or_404(editions.prefetch_related(roles), slug=slug)


def published_statement(slug, pk):
    conference = published_edition(slug)
    statement = get_object_or_404(
        Statement.objects.select_related("speaker", "session", "organization", "country"), pk=pk, session__conference=conference
    )
    statement.session.conference = conference
    return statement


def statement_url(request, statement):
    return request.build_absolute_uri(f"{statement.session.conference.get_absolute_url()}#statement-{statement.pk}")


def citation_response(item, kind):
    if kind not in citations.FORMATS:
        raise Http404
    body, content_type, extension = citations.download(item, kind)
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{item["id"]}.{extension}"'
    return response


@require_safe
def cite_edition(request, slug, kind):
    conference = published_edition(slug)
    return citation_response(citations.edition_item(conference, request.build_absolute_uri(conference.get_absolute_url())), kind)


@require_safe
def cite_statement(request, slug, pk, kind):
    statement = published_statement(slug, pk)
    return citation_response(citations.statement_item(statement, statement_url(request, statement)), kind)


@require_safe
def statement_cite_page(request, slug, pk):
    statement = published_statement(slug, pk)
    item = citations.statement_item(statement, statement_url(request, statement))
    return render(request, "events/research/statement_cite.html", {
        "statement": statement, "conference": statement.session.conference, "citations": citations.formatted(item),
        "downloads": [(kind, reverse("events:statement_cite_download", kwargs={"slug": slug, "pk": pk, "kind": kind}))
                      for kind in citations.FORMATS],
        "page_title": item["title"],
    })


@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def oai(request):
    """The OAI-PMH endpoint: every verb, error answers as the protocol says, XML always."""
    given = request.POST if request.method == "POST" else request.GET
    arguments = given.dict()
    repeated = [key for key, values in given.lists() if len(values) > 1]
    # The library reads one value of each; the protocol refuses repeats: a repeated verb is a badVerb,
    # any other repeated argument a badArgument (an argument the verb does not take).
    if "verb" in repeated:
        arguments = {"verb": "repeated"}
    elif repeated:
        arguments["repeated"] = ",".join(repeated)
    with translation.override("en"):
        server = repository_server(request.get_host(), request.build_absolute_uri)
        body = server.handleRequest(arguments)
    return HttpResponse(body, content_type="text/xml; charset=utf-8")
