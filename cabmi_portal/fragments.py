"""Rendered fragments of a page, cached under the content of the records they show.

An edition page shows hundreds of statements, and every edit anywhere makes
the whole page render again. Each statement's HTML, though, depends only on
that statement, its speaker and its delegation: the fragment is cached under
a digest of those records' column values, the language and the deployed
templates and catalogs. Editing a record changes its digest, so its
fragments render afresh and the others are reused; nothing needs to be
told what to forget, and no server can serve another's stale fragment.
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


@cache
def column_names(model):
    return tuple(field.attname for field in model._meta.concrete_fields)


def record_state(record):
    """The record's loaded column values: what any fragment can show of it."""
    if record is None:
        return None
    values = record.__dict__
    return (record._meta.label, column_names(type(record)), [values.get(name) for name in column_names(type(record))])


def fragment_key(template_name, records, variant=()):
    state = repr((FRAGMENT_FORMAT, deployed_version(), get_language(), template_name, variant, [record_state(r) for r in records]))
    return f"portal:fragment:{hashlib.sha256(state.encode()).hexdigest()}"


def render_fragments(template, context, items, name, records_of, variant=()):
    """The template rendered once per item (as context[name]), read from the cache where it was rendered before.

    records_of(item) lists every record the fragment shows; the fragment
    must show nothing else from the database. `variant` names whatever else
    in the context changes the fragment (a flag the including page sets).
    A fragment that shows English in place of a missing translation keeps
    counting towards the page's note about it when read from the cache.
    """
    from events.templatetags.translated import SCOPE, FallbackScope, mark_fallback

    keys = [fragment_key(template.origin.template_name, records_of(item), variant) for item in items]
    found = default_cache.get_many(keys)
    missing, parts = {}, []
    for key, item in zip(keys, items, strict=True):
        if key not in found:
            scope = FallbackScope()
            with context.push({name: item, SCOPE: scope}):
                found[key] = missing[key] = (template.render(context), scope.used)
        html, marks_fallback = found[key]
        if marks_fallback:
            mark_fallback(context)
        parts.append(html)
    if missing:
        default_cache.set_many(missing, FRAGMENT_TIMEOUT)
    return parts
