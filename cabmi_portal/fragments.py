"""Rendered fragments of a page, cached under the content of the records they show.

An edition page shows hundreds of statements, and every edit anywhere makes
the whole page render again. Each statement's HTML, though, depends only on
that statement, its speaker and its delegation: the fragment is cached under
a digest of those records' column values, the language and the deployed
templates and catalogs. Editing a record changes its digest, so its
fragments render afresh and the others are reused; nothing needs to be
told what to forget, and no server can serve another's stale fragment.
A session's fragment is keyed by the session's columns and the keys of its
statements' fragments, so it changes with any of them
(events.statement_fragments).
"""

import hashlib
from functools import cache

from django.conf import settings
from django.core.cache import cache as default_cache
from django.utils.translation import get_language

FRAGMENT_TIMEOUT = 7 * 24 * 60 * 60
# Changes with the form of what is cached: (html, whether it shows English fallback).
FRAGMENT_FORMAT = 2


@cache
def deployed_version():
    """Digest of the templates and compiled catalogs this process renders with (read once)."""
    digest = hashlib.sha256()
    folders = [*(entry for config in settings.TEMPLATES for entry in config.get("DIRS", [])), *settings.LOCALE_PATHS]
    for folder in folders:
        for path in sorted(p for p in settings.BASE_DIR.joinpath(folder).rglob("*") if p.suffix in (".html", ".mo")):
            digest.update(str(path.relative_to(settings.BASE_DIR)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def key_of_states(template_name, states, variant=()):
    """The key of a fragment showing records in these states (events.queries.row_states()).

    A record's state is (model label, column names, the values read of them,
    None for those not read), or None for no record.
    """
    state = repr((FRAGMENT_FORMAT, deployed_version(), get_language(), template_name, variant, states))
    return f"portal:fragment:{hashlib.sha256(state.encode()).hexdigest()}"


def fragments_by_key(template, context, name, keys, load):
    """{key: (html, shows English)} of each fragment, rendering the template (with the item as context[name]) only for
    those the cache lacks.

    load(missing keys) gives {key: item}: a page that knows its fragments'
    keys without loading their records loads only the records of the
    fragments it must render. Whether a fragment shows English in place of a
    missing translation is kept with it, so that one read from the cache
    still brings the page's note about it (joined()).
    """
    from events.templatetags.translated import SCOPE, FallbackScope

    found = default_cache.get_many(keys) if keys else {}
    missing = [key for key in keys if key not in found]
    if missing:
        rendered = {}
        for key, item in load(missing).items():
            scope = FallbackScope()
            with context.push({name: item, SCOPE: scope}):
                rendered[key] = (template.render(context), scope.used)
        default_cache.set_many(rendered, FRAGMENT_TIMEOUT)
        found.update(rendered)
    return found


def joined(context, fragments):
    """The fragments' HTML, one after the other; any that shows English marks the page (or the fragment it is part of)."""
    from events.templatetags.translated import mark_fallback

    if any(marks_fallback for _html, marks_fallback in fragments):
        mark_fallback(context)
    return "".join(html for html, _marks_fallback in fragments)


@cache
def column_names(model):
    return tuple(field.attname for field in model._meta.concrete_fields)


def state_of(model, values):
    """The state (key_of_states()) of a `model` record whose columns read so far are `values` ({column: value})."""
    columns = column_names(model)
    return (model._meta.label, columns, [values.get(name) for name in columns])


def record_state(record):
    """The state of a loaded record: the column values it was loaded with; None for None."""
    return None if record is None else state_of(type(record), record.__dict__)
