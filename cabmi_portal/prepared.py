"""Queries made into SQL once per process, then only run.

Django builds and compiles a query afresh each time one is run: for the
small queries that tell a kept page whether what it shows has changed
(cabmi_portal.fragments.page_kept_by_state), that costs several times what
the database takes to answer them. prepared_rows() compiles a values query
with its filters once, with a marker in place of each filter's value, and
later runs the same SQL with the values put where the markers were.
A filter may also be a list of integers (`pk__in=[…]`): its SQL is compiled
once per length of list. built_rows() does the same for a query its caller
builds from text values, such as search's.
"""

import datetime
from functools import lru_cache

from django.core.exceptions import EmptyResultSet, FullResultSet
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models.query import ValuesListIterable
from django.db.models.sql.constants import MULTI
from django.utils.translation import get_language

# Stand-ins for filter values while a query compiles, never sent to the database: values no filter of ours is given
# (a query whose own parameters hold one runs through the ORM), the integers within every database's range.
INTEGER_RANGE = range(-(2**31), 2**31)
MARKERS = {
    int: (2_000_000_011, 2_000_000_027, 2_000_000_033, 2_000_000_081),
    str: ("(cabmi marker 0)", "(cabmi marker 1)", "(cabmi marker 2)", "(cabmi marker 3)"),
}
# A list of integers takes one marker per item, from a range of its own per filter.
LIST_MARKERS, LONGEST_LIST = 2_000_100_000, 100


def prepared_rows(queryset, using=DEFAULT_DB_ALIAS, **filters):
    """The rows (tuples) of the values_list() `queryset` filtered by `filters`, each `name=value` with an int or str
    value, or a list of ints: what list(queryset.filter(**filters)) gives, from SQL compiled once per process for the queryset (the same
    object) and the filters' names. Other filter values go through the ORM as usual."""
    rows, converters = run(queryset, using, filters)
    return with_converters(rows, converters, connections[using])


def stored_rows(queryset, using=DEFAULT_DB_ALIAS, **filters):
    """prepared_rows() with each value as the database gives it (a JSON column as its text, a datetime as text, from
    SQLite without its time zone): enough to tell whether a record changed, without the cost of making Python values of every
    column.
    record_from_stored() makes a record of them."""
    return [tuple(row) for row in run(queryset, using, filters, stored=True)[0]]


def stored_rows_together(queries, using=DEFAULT_DB_ALIAS):
    """[stored_rows(queryset, **filters) for queryset, filters in queries], the prepared ones sent to PostgreSQL at once
    and answered together (psycopg's pipeline mode): one wait for the server where there were as many as queries."""
    connection = connections[using]
    planned = [planned_statement(queryset, connection, using, filters) for queryset, filters in queries]
    sent = [plan for plan in planned if plan is not None]
    if len(sent) < 2 or not preparing(connection) or not pipelines_supported():
        return [stored_rows(queryset, using, **filters) for queryset, filters in queries]
    connection.ensure_connection()
    cursors = []
    with connection.wrap_database_errors, connection.connection.pipeline():
        for sql, params in sent:
            cursor = cursor_of(connection)
            cursor.execute(sql, params)
            cursors.append(cursor)
    answers = iter(cursors)
    rows = []
    for (queryset, filters), plan in zip(queries, planned, strict=True):
        if plan is None:
            rows.append(stored_rows(queryset, using, **filters))
        else:
            with next(answers) as cursor:
                rows.append([tuple(row) for row in cursor.fetchall()])
    return rows


@lru_cache(maxsize=1)
def pipelines_supported():
    """Whether psycopg's libpq has pipeline mode (libpq 14 and later)."""
    import psycopg

    return psycopg.Pipeline.is_supported()


def run(queryset, using, filters, stored=False):
    """(rows, the converters still to apply to them)."""
    connection = connections[using]
    prepared = statement_for(queryset, connection, using, filters)
    if prepared is None:
        if stored:
            compiler = queryset.filter(**filters).query.get_compiler(using)
            return [row for chunk in compiler.execute_sql(MULTI) for row in chunk], ()
        return list(queryset.filter(**filters)), ()
    sql, params, places, converters = prepared
    return fetched(connection, sql, params, places, values_of(filters)), (() if stored else converters)


def statement_for(queryset, connection, using, filters):
    """statement_of() the queryset with these filters, or None where the ORM must run them."""
    kinds = tuple((name, kind_of(value)) for name, value in filters.items())
    prepared = statement_of(queryset, kinds, connection.vendor, using, get_language())
    # Django compiles a lookup of an integer out of the column's range as matching nothing, without asking the database.
    if prepared is None or any(integer not in INTEGER_RANGE for integer in integers_of(filters, kinds)):
        return None
    return prepared


def planned_statement(queryset, connection, using, filters):
    """(SQL, its parameters with the filters' values in their places) of the queryset, or None where the ORM runs it."""
    prepared = statement_for(queryset, connection, using, filters)
    if prepared is None:
        return None
    sql, params, places, _converters = prepared
    return sql, placed(params, places, values_of(filters))


def values_of(filters):
    """The filters' values in the order of their places: a value, or each item of a list."""
    return [item for value in filters.values() for item in (value if type(value) in (list, tuple) else (value,))]


def built_rows(build, shape, *values, using=DEFAULT_DB_ALIAS):
    """The rows of build(shape, *values), a values_list() queryset made of `shape` (hashable: all that decides the
    query but its values) and of the str `values`: from SQL compiled once per process for `build` (the same function)
    and `shape`; each value may stand in several places of it."""
    if not all(type(value) is str for value in values):
        return list(build(shape, *values))
    connection = connections[using]
    prepared = built_statement(build, shape, len(values), connection.vendor, using, get_language())
    if prepared is None:
        return list(build(shape, *values))
    sql, params, places, converters = prepared
    return with_converters(fetched(connection, sql, params, places, values), converters, connection)


def fetched(connection, sql, params, places, values):
    """The rows of prepared SQL run with each value in its places (a tuple of them per value) among the parameters."""
    with cursor_of(connection) as cursor:
        cursor.execute(sql, placed(params, places, values))
        return cursor.fetchall()


def placed(params, places, values):
    """The parameters with each value in its places (a tuple of them per value)."""
    params = list(params)
    for value, value_places in zip(values, places, strict=True):
        for place in value_places:
            params[place] = value
    return params


def with_converters(rows, converters, connection):
    """The rows as tuples of the values the ORM gives (converted())."""
    return [tuple(converted(row, converters, connection)) for row in rows] if converters else [tuple(row) for row in rows]


@lru_cache(maxsize=256)
def built_statement(build, shape, count, vendor, using, language):
    """(SQL, its parameters, the places of each value in them, the converters of the columns) of build(shape, …) with
    `count` values; None where the ORM must run it. The query is compiled with two sets of markers: the parameters that
    differ between the two are the values', whatever parameters of its own the query holds."""
    compiled = []
    for variant in ("a", "b"):
        markers = [f"(cabmi marker {variant}{index})" for index in range(count)]
        queryset = build(shape, *markers)
        if queryset._iterable_class is not ValuesListIterable:
            return None
        try:
            compiler = queryset.query.get_compiler(using)
            compiled.append((compiler, markers, *compiler.as_sql()))
        except (EmptyResultSet, FullResultSet):
            return None
    (compiler, markers, sql, params), (_compiler, other_markers, other_sql, other_params) = compiled
    if compiler.has_extra_select or sql != other_sql or len(params) != len(other_params):
        return None
    differing = [place for place, (one, other) in enumerate(zip(params, other_params, strict=True)) if one != other]
    places = [tuple(place for place in differing if params[place] == marker and other_params[place] == other)
              for marker, other in zip(markers, other_markers, strict=True)]
    if sum(map(len, places)) != len(differing):
        return None  # a value the query changes before passing it (a LIKE pattern): the ORM runs it
    columns = [select[0] for select in compiler.select[: compiler.col_count]]
    return sql, tuple(params), tuple(places), converters_of(columns, compiler.get_converters(columns), connections[using])


def kind_of(value):
    """int or str, (list, length) for a list of ints, or the value's type (which the ORM runs)."""
    if type(value) in (list, tuple) and 0 < len(value) <= LONGEST_LIST and all(type(item) is int for item in value):
        return (list, len(value))
    return type(value)


def integers_of(filters, kinds):
    for name, kind in kinds:
        if kind is int:
            yield filters[name]
        elif kind not in MARKERS:
            yield from filters[name]


def markers_of(index, kind):
    return MARKERS[kind][index] if kind in MARKERS else [LIST_MARKERS + index * LONGEST_LIST + item for item in range(kind[1])]


def preparing(connection):
    """Whether the connection has PostgreSQL prepare statements (settings.PREPARED_STATEMENTS)."""
    return connection.vendor == "postgresql" and connection.settings_dict["OPTIONS"].get("prepare_threshold") is not None


def cursor_of(connection):
    """A cursor of the connection; on PostgreSQL with prepared statements on (settings.PREPARED_STATEMENTS), one that
    has the server prepare each statement on its first run on the connection and only run it after."""
    if not preparing(connection):
        return connection.cursor()
    from psycopg.types.string import TextLoader

    connection.ensure_connection()
    with connection.wrap_database_errors:
        cursor = preparing_cursor_class(connection.queries_logged)(connection.connection)
        if (connection.connection.info.parameter_status("DateStyle") or "").startswith("ISO"):
            # A key needs only to tell values apart: the ORM's loader of time-zone-aware datetimes, in Python, was a
            # fifth of a state's page. converters_of() makes datetimes of the text where a record needs them.
            cursor.adapters.register_loader("timestamptz", TextLoader)
        # As connection.cursor() makes one, logged where queries are (tests counting them, DEBUG).
        return connection._prepare_cursor(cursor)


def datetime_from_text(value, expression, connection):
    """A time-zone-aware datetime PostgreSQL gave as text in its ISO style (cursor_of()), as the ORM gives it."""
    return datetime.datetime.fromisoformat(value) if isinstance(value, str) else value


def converters_of(columns, converters, connection):
    """The ORM's converters of these columns ({place: (functions, expression)}), and on PostgreSQL datetime_from_text()
    first for each datetime column, as tuples."""
    converters = dict(converters)
    if connection.vendor == "postgresql":
        for place, column in enumerate(columns):
            if getattr(column, "output_field", None) is not None and column.output_field.get_internal_type() == "DateTimeField":
                functions, expression = converters.get(place, ([], column))
                converters[place] = ([datetime_from_text, *functions], expression)
    return tuple(sorted((place, (tuple(functions), expression)) for place, (functions, expression) in converters.items()))


@lru_cache(maxsize=2)
def preparing_cursor_class(logged):
    """psycopg's cursor binding parameters on the server (as Django's with OPTIONS server_side_binding), which alone
    can run prepared statements, asked to prepare each one; `logged`: for a connection whose queries are logged."""
    from django.db.backends.postgresql.base import ServerBindingCursor

    class PreparingCursor(ServerBindingCursor):
        def execute(self, query, params=None, *, prepare=None, binary=None):
            super().execute(query, params, prepare=True, binary=binary)
            if logged and self._query is None:
                # Run by name, a prepared statement leaves no query behind for Django's log of queries to show. Only
                # for the log: making it again costs as much as psycopg's own making of it.
                self._query = self._convert_query(query, params)
            return self

    return PreparingCursor


def converted(row, converters, connection):
    """The row's values as the ORM gives them (JSON decoded, a datetime from SQLite given its time zone)."""
    row = list(row)
    for place, (functions, expression) in converters:
        value = row[place]
        for function in functions:
            value = function(value, expression, connection)
        row[place] = value
    return row


def record_from_stored(model, columns, values, using=DEFAULT_DB_ALIAS):
    """A record of `model` loaded with these columns (attribute names), their values as stored_rows() read them."""
    connection = connections[using]
    converters = column_converters(model, columns, connection.vendor, using)
    values = converted(values, converters, connection) if converters else values
    return model.from_db(using, columns, values)


@lru_cache(maxsize=512)
def column_converters(model, columns, vendor, using):
    """The converters the ORM applies to these columns of `model` as it loads them, by their place."""
    connection = connections[using]
    columns = [model._meta.get_field(name).get_col(model._meta.db_table) for name in columns]
    converters = {}
    for place, column in enumerate(columns):
        functions = connection.ops.get_db_converters(column) + column.get_db_converters(connection)
        if functions:
            converters[place] = (functions, column)
    return converters_of(columns, converters, connection)


def place_of(marker, params):
    """Where the marker is among the parameters; None unless it is there exactly once."""
    found = [place for place, param in enumerate(params) if type(param) is type(marker) and param == marker]
    return found[0] if len(found) == 1 else None


@lru_cache(maxsize=512)
def statement_of(queryset, kinds, vendor, using, language):
    """(SQL, its parameters, the places of each filter's value (or list item) in them, the converters of the columns) of queryset with
    filters of these names and types; None where the ORM must run it (a type without markers, a lookup whose value
    is not passed as one parameter, a query that matches nothing or everything whatever the values)."""
    if queryset._iterable_class is not ValuesListIterable:
        return None  # rows as tuples only
    if len(kinds) > min(len(markers) for markers in MARKERS.values()):
        return None
    if any(kind not in MARKERS and not (type(kind) is tuple and kind[0] is list) for _name, kind in kinds):
        return None
    markers = {name: markers_of(index, kind) for index, (name, kind) in enumerate(kinds)}
    try:
        compiler = queryset.filter(**markers).query.get_compiler(using)
        sql, params = compiler.as_sql()
    except (EmptyResultSet, FullResultSet, TypeError, ValueError):
        return None
    if compiler.has_extra_select:
        return None  # its rows hold more columns than it gives
    # One place per value: a filter's, or each item's of a list.
    places = [(place_of(marker, params),) for name, kind in kinds for marker in ([markers[name]] if kind in MARKERS else markers[name])]
    if (None,) in places:
        return None
    columns = [select[0] for select in compiler.select[: compiler.col_count]]
    converters = converters_of(columns, compiler.get_converters(columns), connections[using])
    return sql, tuple(params), tuple(places), converters

