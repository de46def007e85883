"""Import one edition from an interchange document: the one code path behind the command, the admin and load_demo.

``import_conference(source, user=None, dry_run=False, publish=False)`` reads
and validates the whole document first; when anything is wrong it writes
nothing and returns the problems. Otherwise it writes in one transaction and
one revision ("Imported from <name>"), matching the edition by series and
edition number (or by slug when the number is unknown) and updating it in
place. A dry run does the same work and rolls it back, so its report is
exactly what a real import would do.
"""

import datetime

import reversion
from django.apps import apps
from django.db import IntegrityError, OperationalError, connection, transaction
from django.utils import translation
from django.utils.translation import gettext as _

from cabmi_portal.cache import public_change, public_change_if_public_once_committed
from cabmi_portal.languages import DEFAULT_LANGUAGE
from events import publishing
from events.models import Conference, Series
from events.queries import conferences_with_everything
from events.search_index import index_conference
from participants.models import Organization, Person

from . import fields as f
from .consistency import target_slug
from .editions import write_edition
from .problems import Problem
from .report import ImportReport
from .schema import schema_problems
from .shared import (
    ORGANIZATION,
    PERSON,
    SERIES,
    held_columns,
    names_then,
    organization_values,
    person_values,
    series_values,
    shared_changes,
)
from .sources import read_source
from .sync import apply, base_fields, same, sync, texts
from .validate import validate_document


class DryRun(Exception):
    """Raised inside the transaction to roll a dry run back."""


def import_conference(source, *, user=None, dry_run=False, publish=False, update_shared=False):
    bundle = read_source(source)
    report = ImportReport(bundle.name, dry_run=dry_run, problems=list(bundle.problems))
    if bundle.document is not None and not report.problems:
        # The importer's own checks speak the secretariat's words; the published schema must agree with them.
        report.problems = list(validate_document(bundle.document, bundle.files) or schema_problems(bundle.document))
    if report.problems:
        return report
    try:
        with translation.override(DEFAULT_LANGUAGE), transaction.atomic():
            # A dry run records no versions: its writes are rolled back, and an
            # enclosing revision (the admin's middleware) must not see them.
            with reversion.create_revision(manage_manually=dry_run):
                reversion.set_user(user)
                reversion.set_comment(_("Imported from %(name)s") % {"name": bundle.name})
                write_document(bundle.document, bundle.files, report, dry_run=dry_run, update_shared=update_shared)
                write_status(report.conference, wanted_status(bundle.document, publish), user, bundle.name, report.counts["conference"])
            if dry_run:
                raise DryRun
    except DryRun:
        report.conference = None
    except (IntegrityError, OperationalError) as error:
        # Another import of the same edition (or of the same new organization or person) was
        # written between our checks and our writes: it won, and this one wrote nothing.
        if isinstance(error, OperationalError) and "locked" not in str(error):
            raise
        report.conference = None
        message = _("another import wrote the same records at the same moment; nothing from this one was written. Import it again.")
        report.problems = [Problem("document", message)]
    else:
        announce(report)
        if report.changed:  # an import that changed nothing leaves the statistics as they were
            transaction.on_commit(refresh_statistics)
    return report


# The apps whose tables an import writes.
IMPORTED_APPS = ("events", "programme", "participants")


def refresh_statistics():
    """PostgreSQL's statistics of the tables an import writes, for its query planner.

    Autovacuum analyzes a table once 50 rows and a tenth of it have changed:
    after importing editions into a new database, the small tables (series,
    editions, sessions) would keep the estimates of tables never analyzed, and
    the planner would join them badly (a search's statements took 5 ms to
    read where 0.4 ms do with statistics).
    """
    if connection.vendor != "postgresql":
        return
    tables = [model._meta.db_table for label in IMPORTED_APPS for model in apps.get_app_config(label).get_models()]
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {', '.join(map(connection.ops.quote_name, sorted(set(tables))))}")


def announce(report):
    """Once the import is committed, tell the page cache and the PDFs' refresh, unless visitors can see nothing of it.

    A draft edition, before and after, that changed no stored series,
    organization or person (shared by every edition) is invisible; it looks
    again once committed, in case another server published the edition
    meanwhile. The series, organizations and people it adds are seen by no
    visitor until an edition that names them is published.
    """
    shared = any(report.counts[kind].updated or report.counts[kind].removed for kind in ("series", "organizations", "people"))
    if shared or report.edition.get("was_published") or report.conference.is_published:
        transaction.on_commit(lambda: public_change(Conference))
    else:
        public_change_if_public_once_committed(Conference, report.conference.pk, Conference)


def write_document(document, files, report, *, dry_run, update_shared=False):
    """Write the document; changes to records other editions use only with ``update_shared`` (see shared.py)."""
    stored_series = Series.objects.filter(code=document["series"]["code"]).first()
    before = find_conference(document, stored_series) if stored_series else None
    report.describe_edition(document, before)
    changes = report.shared_changes = shared_changes(document, before)
    report.shared_applied = update_shared
    held = [] if update_shared else changes
    series = write_series(document["series"], report.counts["series"], held=held_columns(held, SERIES).get(document["series"]["code"], ()))
    organizations = write_organizations(document.get("organizations") or [], report.counts["organizations"],
                                        held_columns(held, ORGANIZATION))
    people = write_people(document.get("people") or [], report.counts["people"], held_columns(held, PERSON))
    conference = write_conference(document, series, report.counts["conference"])
    write_edition(conference, document, files, organizations, people, report.counts, dry_run=dry_run, names_then=names_then(document, held))
    report.conference = conference
    changed = [record for record in [*organizations.values(), *people.values()] if getattr(record, "_imported_change", False)]
    if report.changed and not dry_run:
        # Loaded with everything prefetched: reversion follows the edition's
        # parts and names each version without a query per statement.
        for record in [conferences_with_everything().get(pk=conference.pk), *changed]:
            reversion.add_to_revision(record)
        index_conference(conference)


def without(values, held):
    """The document's values less those held back (a translated column, or a plain field such as kind or country)."""
    return {name: value for name, value in values.items() if name not in held and name.removesuffix("_id") not in held}


def write_series(item, counts, held=()):
    values = without(series_values(item), held)
    series = Series.objects.filter(code=item["code"]).first()
    if series is None:
        counts.created += 1
        return Series.objects.create(code=item["code"], **values)
    fields = apply(series, values)
    if fields:
        series.save(update_fields=base_fields(Series, fields))
        counts.updated += 1
    else:
        counts.unchanged += 1
    return series


def write_organizations(items, counts, held=None):
    """Organizations by key: the same key is the same record, updated and never duplicated (but for what is held)."""
    held = held or {}
    existing = {o.slug: o for o in Organization.objects.filter(slug__in=[item["key"] for item in items])}
    created_keys = {item["key"] for item in items} - set(existing)
    desired = [(item["key"], {"slug": item["key"]}, without(organization_values(item), held.get(item["key"], ()))) for item in items]
    mark_changes(existing, desired)
    records = sync(Organization, existing, desired, counts, remove=False)
    # Parents are set once every organization of the document has an id.
    with_new_parent = []
    for item in items:
        record = records[item["key"]]
        keep = "parent" in held.get(item["key"], ())
        parent_id = records[item["parent"]].pk if item.get("parent") and not keep else record.parent_id
        if record.parent_id != parent_id:
            record.parent_id = parent_id
            with_new_parent.append(record)
            if item["key"] not in created_keys and not record._imported_change:
                record._imported_change = True
                counts.unchanged -= 1
                counts.updated += 1
    if with_new_parent:
        Organization.objects.bulk_update(with_new_parent, ["parent"])
    return records


def write_people(items, counts, held=None):
    held = held or {}
    existing = {p.slug: p for p in Person.objects.filter(slug__in=[item["key"] for item in items])}
    desired = [(item["key"], {"slug": item["key"]}, without(person_values(item), held.get(item["key"], ()))) for item in items]
    mark_changes(existing, desired)
    return sync(Person, existing, desired, counts, remove=False)


def mark_changes(existing, desired):
    """Flag the stored records the document changes, so the revision records them (bulk writes send no signals)."""
    for identity, _create, values in desired:
        record = existing.get(identity)
        if record is not None:
            record._imported_change = any(not same(getattr(record, name), value) for name, value in values.items())


def wanted_status(document, publish):
    return Conference.Status.PUBLISHED if publish else (document.get("status") or Conference.Status.DRAFT)


def write_status(conference, status, user, name, counts):
    """The status the document asks for, through the portal's one publish() and unpublish(), in the import's history entry."""
    if status == Conference.Status.PUBLISHED:
        changed = publishing.publish(conference, user, comment=_("Imported from %(name)s and published") % {"name": name})
    else:
        changed = publishing.unpublish(conference, user, comment=_("Imported from %(name)s, back to draft") % {"name": name})
    if changed and not counts.created and not counts.updated:
        counts.unchanged -= 1
        counts.updated += 1


def conference_values(document, series):
    values = {"series_id": series.pk, "edition": document.get("edition"), "slug": target_slug(document)}
    values["start_date"] = datetime.date.fromisoformat(document["start_date"])
    values["end_date"] = datetime.date.fromisoformat(document.get("end_date") or document["start_date"])
    values["country_id"] = document.get("country")
    values["attendance"] = document.get("attendance") or ""
    values["participants_count"] = document.get("participants_count")
    values["sources"] = document.get("sources") or []
    values["extra"] = document.get("extra") or {}
    for name in f.CONFERENCE_TEXTS:
        values.update(texts(Conference, name, document.get(name)))
    return values


def find_conference(document, series):
    if document.get("edition") is not None:
        return Conference.objects.filter(series=series, edition=document["edition"]).first()
    return Conference.objects.filter(slug=target_slug(document)).first()


def write_conference(document, series, counts):
    values = conference_values(document, series)
    conference = find_conference(document, series)
    if conference is None:
        conference = Conference(**values)
        counts.created += 1
    elif apply(conference, values):
        counts.updated += 1
    else:
        counts.unchanged += 1
        return conference
    conference.save()
    return conference
