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
from functools import cache, lru_cache

from django.conf import settings
from django.core.cache import cache as default_cache
from django.http import Http404, HttpResponse
from django.utils.translation import get_language

from .cache import configured_host

FRAGMENT_TIMEOUT = 7 * 24 * 60 * 60
# Changes with the form of what is cached, (html, whether it shows English fallback), or of the states in its keys.
FRAGMENT_FORMAT = 6


@cache
def deployed_version():
    """Digest of the templates, compiled catalogs and static files this process renders with (read once): a page links
    its style sheet by a name that changes with its content."""
    digest = hashlib.sha256()
    folders = [*(entry for config in settings.TEMPLATES for entry in config.get("DIRS", [])), *settings.LOCALE_PATHS]
    paths = [p for folder in folders for p in settings.BASE_DIR.joinpath(folder).rglob("*") if p.suffix in (".html", ".mo")]
    paths += [p for folder in settings.STATICFILES_DIRS for p in settings.BASE_DIR.joinpath(folder).rglob("*") if p.is_file()]
    for path in sorted(paths):
        digest.update(str(path.relative_to(settings.BASE_DIR)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def key_of_states(template_name, states, variant=()):
    """The key of a fragment showing records in these states (record_state(), events.queries.row_states()).

    A record's state is (model label, the names of the columns read of it,
    their values), or None for no record.
    """
    return keys_of_states(template_name, [states], variant)[0]


# Where page_kept_by_state() keeps whole pages (a benchmark drops them to measure what an edit of a page's records costs).
KEPT_PAGE_PREFIX = "portal:kept-page"


def keys_of_states(template_name, each_states, variant=(), prefix="portal:fragment"):
    """key_of_states() of each list of states, for fragments of one template and variant: what they share is made once."""
    shared = repr((FRAGMENT_FORMAT, deployed_version(), get_language(), template_name, variant)).encode()
    keys = []
    for states in each_states:
        digest = hashlib.sha256(shared)
        digest.update(repr(without_repeats(states)).encode())
        keys.append(f"{prefix}:{digest.hexdigest()}")
    return keys


def without_repeats(states):
    """The states as a key digests them: each state after its first showing as the place of the first.

    Every statement a page lists names its edition and session, whose long
    texts would otherwise be most of what the key digests. A place stands for
    the same state, so the list still says everything the states do,
    including which lists a record is in.
    """
    first, shown = {}, []
    for place, state in enumerate(states):
        if state is None:
            shown.append(None)
            continue
        try:
            seen = first.setdefault(state, place)
        except TypeError:  # a value that is not hashable: shown whole
            seen = place
        shown.append(seen if seen != place else (state[0], columns_digest(state[1]), state[2]))
    return shown


@lru_cache(maxsize=1024)
def columns_digest(columns):
    """A short stand-in for a tuple of column names, which would be most of what a key digests."""
    return hashlib.sha256(repr(columns).encode()).hexdigest()[:16]


def page_kept_by_state(request, template_name, read_states, render, kept_in=default_cache, rendered_from_states=False):
    """A public page kept whole under the states of every record it shows, and the address it was asked at.

    read_states() reads those states as plain rows (events.queries.row_states)
    and gives (states, what was read), or raises Http404; render(what was
    read) renders the page. An edit of anything the page shows makes a new
    key; an edit of anything else leaves the page, which read_states() then
    finds again at the cost of its queries. The states are read again
    before a rendered page is kept: an edit committed while it rendered
    would otherwise be kept under the key of the records before the edit,
    and shown again if the edit were undone. Pages are kept only for the
    host names the site is configured with (cabmi_portal.cache.configured_host),
    in the cache `kept_in`. A page rendered from nothing but the rows its states
    were read from (rendered_from_states) shows what its key says whatever
    commits meanwhile, and is kept without reading them again.
    """
    def key_of(states):
        # The address is in the page (its canonical link, its versions in other languages), and so are the stored files'.
        address = (request.scheme, request.get_host(), request.path, settings.MEDIA_URL)
        return keys_of_states(template_name, [states], address, KEPT_PAGE_PREFIX)[0]

    states, read = read_states()
    key = key_of(states) if configured_host(request.get_host(), request.get_port()) else None
    if key is not None:
        kept = kept_in.get(key)
        if kept is not None:
            return HttpResponse(kept)
    response = render(read)
    if key is not None and response.status_code == 200:
        try:
            unchanged = rendered_from_states or key_of(read_states()[0]) == key
        except Http404:
            unchanged = False
        if unchanged:
            kept_in.set(key, response.content, FRAGMENT_TIMEOUT)
    return response


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


def record_state(record):
    """The state of a loaded record: the columns it was loaded with and their values; None for None."""
    if record is None:
        return None
    loaded = record.__dict__
    columns = tuple(name for name in column_names(type(record)) if name in loaded)
    return (record._meta.label, columns, tuple(loaded[name] for name in columns))
