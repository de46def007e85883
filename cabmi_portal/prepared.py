"""Queries made into SQL once per process, then only run.

Django builds and compiles a query afresh each time one is run: for the
small queries that tell a kept page whether what it shows has changed
(cabmi_portal.fragments.page_kept_by_state), that costs several times what
the database takes to answer them. prepared_rows() compiles a values query
with its filters once, with a marker in place of each filter's value, and
later runs the same SQL with the values put where the markers were.
"""

from functools import lru_cache

from django.core.exceptions import EmptyResultSet, FullResultSet
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models.query import ValuesListIterable
from django.utils.translation import get_language

# Stand-ins for filter values while a query compiles, never sent to the database: values no filter of ours is given
# (a query whose own parameters hold one runs through the ORM), the integers within every database's range.
INTEGER_RANGE = range(-(2**31), 2**31)
MARKERS = {
    int: (2_000_000_011, 2_000_000_027, 2_000_000_033, 2_000_000_081),
    str: ("(cabmi marker 0)", "(cabmi marker 1)", "(cabmi marker 2)", "(cabmi marker 3)"),
}


def prepared_rows(queryset, using=DEFAULT_DB_ALIAS, **filters):
    """The rows (tuples) of the values_list() `queryset` filtered by `filters`, each `name=value` with an int or str
    value: what list(queryset.filter(**filters)) gives, from SQL compiled once per process for the queryset (the same
    object) and the filters' names. Other filter values go through the ORM as usual."""
    kinds = tuple((name, type(value)) for name, value in filters.items())
    connection = connections[using]
    prepared = statement_of(queryset, kinds, connection.vendor, using, get_language())
    # Django compiles a lookup of an integer out of the column's range as matching nothing, without asking the database.
    if prepared is None or any(kind is int and filters[name] not in INTEGER_RANGE for name, kind in kinds):
        return list(queryset.filter(**filters))
    sql, params, places, converters = prepared
    params = list(params)
    for (name, _kind), place in zip(kinds, places, strict=True):
        params[place] = filters[name]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    if converters:
        rows = [converted(row, converters, connection) for row in rows]
    return [tuple(row) for row in rows]


def converted(row, converters, connection):
    """The row's values as the ORM gives them (dates from SQLite's text, for instance)."""
    row = list(row)
    for place, (functions, expression) in converters:
        value = row[place]
        for function in functions:
            value = function(value, expression, connection)
        row[place] = value
    return row


@lru_cache(maxsize=512)
def statement_of(queryset, kinds, vendor, using, language):
    """(SQL, its parameters, where each filter's value goes in them, the converters of the columns) of queryset with
    filters of these names and types; None where the ORM must run it (a type without markers, a lookup whose value
    is not passed as one parameter, a query that matches nothing or everything whatever the values)."""
    if queryset._iterable_class is not ValuesListIterable:
        return None  # rows as tuples only
    if len(kinds) > min(len(markers) for markers in MARKERS.values()) or any(kind not in MARKERS for _name, kind in kinds):
        return None
    markers = {name: MARKERS[kind][index] for index, (name, kind) in enumerate(kinds)}
    try:
        compiler = queryset.filter(**markers).query.get_compiler(using)
        sql, params = compiler.as_sql()
    except (EmptyResultSet, FullResultSet, TypeError, ValueError):
        return None
    places = []
    for name, _kind in kinds:
        found = [place for place, param in enumerate(params) if type(param) is type(markers[name]) and param == markers[name]]
        if len(found) != 1:
            return None
        places.append(found[0])
    columns = [select[0] for select in compiler.select[: compiler.col_count]]
    converters = tuple(compiler.get_converters(columns).items())
    return sql, tuple(params), tuple(places), converters

