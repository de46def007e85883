"""Querysets that load an edition with everything shown about it, in a fixed number of queries.

The public pages, the PDF builder and the exporter read editions through
these, so that adding sessions or statements never adds queries.
"""

from functools import lru_cache

from django.apps import apps
from django.db.models import Prefetch, QuerySet
from modeltranslation.translator import NotRegistered, translator

from cabmi_portal.fragments import column_names
from cabmi_portal.languages import DEFAULT_LANGUAGE, language_codes
from cabmi_portal.prepared import record_from_stored, stored_rows, stored_rows_together
from sessions.models import Photo, Session, Statement

from .models import Conference, Participation, Role


def other_language_columns(model, language, prefix=""):
    """The model's translated columns in languages other than `language` and English."""
    try:
        fields = translator.get_options_for_model(model).all_fields
    except NotRegistered:
        return []
    return [f"{prefix}{name}_{code}" for name in fields for code in language_codes() if code not in (language, DEFAULT_LANGUAGE)]


def in_language(queryset, language):
    """queryset reading translated columns of `language` and English only, here and in what it selects with it.

    Each translated field has a column per language; a page shows one
    language with English as the fallback, and loading the other five
    costs more than the rest of the query.
    """
    if language is None:
        return queryset
    columns = deferred_columns(queryset.model, tuple(related_paths(queryset.query.select_related)), language)
    # Django's own defer(): the names are columns already, which modeltranslation's defer() would look up one by one.
    return QuerySet.defer(queryset, *columns)


@lru_cache(maxsize=1024)
def deferred_columns(model, paths, language):
    """The other languages' columns of `model` and of the relations it selects (paths of field names); computed once."""
    columns = other_language_columns(model, language)
    for path in paths:
        related = model
        for name in path:
            related = related._meta.get_field(name).related_model
        columns += other_language_columns(related, language, "__".join(path) + "__")
    return tuple(columns)


def related_paths(tree, prefix=()):
    if not isinstance(tree, dict):
        return []
    paths = []
    for name, subtree in tree.items():
        paths += [(*prefix, name), *related_paths(subtree, (*prefix, name))]
    return paths


def published_edition_rows():
    return Conference.objects.published().order_by("id")


def statements_with_speakers(language=None):
    statements = Statement.objects.select_related("speaker", "organization", "organization__parent", "country")
    return in_language(statements.order_by("order", "id"), language)


def sessions_with_statements(language=None):
    sessions = in_language(Session.objects.order_by("order", "id"), language)
    return sessions.prefetch_related(Prefetch("statements", queryset=statements_with_speakers(language)))


def conferences_with_everything(queryset=None, language=None, statements=True):
    """Editions with all they show; with `language`, only that language's and English text is read.

    statements=False leaves the sessions' statements out, for the edition
    page, which knows them by their fragments (events.statement_fragments).
    """
    queryset = Conference.objects.all() if queryset is None else queryset
    parties = ("organization", "organization__parent", "country")
    sessions = sessions_with_statements(language) if statements else in_language(Session.objects.order_by("order", "id"), language)
    return in_language(queryset.select_related("series", "country"), language).prefetch_related(
        Prefetch("roles", queryset=in_language(Role.objects.select_related(*parties).order_by("order", "id"), language)),
        Prefetch("participations", queryset=in_language(Participation.objects.select_related(*parties).order_by("order", "id"), language)),
        Prefetch("sessions", queryset=sessions),
        Prefetch("photos", queryset=in_language(Photo.objects.select_related("session").order_by("order", "id"), language)),
    )


def loaded_columns(model, language):
    """The columns in_language(…, language) reads of `model`: all of them without a language."""
    skipped = set(other_language_columns(model, language)) if language else set()
    return tuple(name for name in column_names(model) if name not in skipped)


def row_states(rows_of, related, language, **filters):
    """[(values, states)] of the rows of rows_of() (an ordered queryset) that match `filters`, read as plain values
    without building a model instance.

    `values` are the columns of the row's own record that in_language() reads,
    as the database gives them (cabmi_portal.prepared.stored_rows: a JSON
    column as its text, a datetime as text, from SQLite without its time zone; keys
    and foreign keys as the ORM gives them), which is all a key needs; records_of() makes records;
    `states` say, for the record and then for each of `related` (paths such
    as "session__conference"), its state (cabmi_portal.fragments.key_of_states)
    as in_language() would load it, or None where there is none. A page
    showing hundreds of cached fragments learns their keys from these at a
    fraction of the cost of loading their records.
    """
    query, parts = rows_query(rows_of, related, language)
    return states_of_rows(stored_rows(query, **filters), parts)


def row_states_together(*reads):
    """[row_states(rows_of, related, language, **filters) for each (rows_of, related, language, filters)], asked of
    PostgreSQL at once (cabmi_portal.prepared.stored_rows_together)."""
    queries = [rows_query(rows_of, related, language) for rows_of, related, language, _filters in reads]
    rows = stored_rows_together([(query, filters) for (query, _parts), (*_read, filters) in zip(queries, reads, strict=True)])
    return [states_of_rows(found, parts) for found, (_query, parts) in zip(rows, queries, strict=True)]


def states_of_rows(found, parts):
    """row_states() of rows read by a rows_query()."""
    own_columns = parts[0][1]
    rows = []
    for row in found:
        states = [
            None if row[pk] is None else (label, loaded, row[start:end])
            for label, loaded, start, end, pk in parts
        ]
        rows.append((dict(zip(own_columns, states[0][2], strict=True)), states))
    return rows


@lru_cache(maxsize=256)
def rows_query(rows_of, related, language):
    """The values query of row_states() and, for each record, its model's label, the columns read of it and where they
    are in a row (start, end, primary key); made once per process, as making a query of a hundred columns across five
    relations costs more than running it."""
    queryset = rows_of()
    parts, fields = [], []
    for path in ("", *related):
        model = queryset.model
        for name in path.split("__") if path else ():
            model = model._meta.get_field(name).related_model
        loaded = loaded_columns(model, language)
        start = len(fields)
        parts.append((model._meta.label, loaded, start, start + len(loaded), start + loaded.index(model._meta.pk.attname)))
        fields += [f"{path}__{column}" if path else column for column in loaded]
    # The columns as stored: modeltranslation would put each field's text in the active language in place of its own column.
    return queryset.rewrite(False).values_list(*fields), tuple(parts)


def states_of(rows):
    """The states of every record in these rows (row_states()), one row after the other."""
    return [state for _values, states in rows for state in states]


def records_of(states, related):
    """The record of a row (row_states()) as a model instance, with the records at the `related` paths attached: made
    from the columns the row read, converted as the ORM would have loaded them with the same columns. Rendered from its own row,
    a fragment or page shows what its key says, however the records changed since."""
    records = {}
    for path, state in zip(("", *related), states, strict=True):
        if state is not None:
            label, columns, values = state
            records[path] = record_from_stored(apps.get_model(label), columns, values)
    for path in related:
        owner, _, name = path.rpartition("__")
        if path in records:
            setattr(records[owner], name, records[path])
    return records[""]
