"""Rendered public pages, cached per language until anything they show changes.

Rather than work out which pages a change touches (a person's name appears on
every edition they spoke at), every saved or deleted portal record bumps one
content generation number; each page is kept with the generation it was
rendered in and is served only in that generation, so the next request after
any edit renders afresh and replaces it. (The generation and the page are
read in one round trip to the cache.) Edits are rare and
reads are many, which is what makes the simple rule the right one.
One exception: saving a part of an edition that is a draft before and after
the save (the edition itself, its roles, participations, sessions,
statements, photos) changes nothing a visitor sees, and leaves the
generation as it is, so weeks of work on the next edition do not make every
public page render again; nor does deleting such parts, one or many at once
(the admin list's action, a draft imported again), as a cascade from them
reaches only the same editions. Once the change is committed it looks again, in
case another server published the edition meanwhile. Nor does adding a
person, an organization or a series: no visitor sees one until a published
edition names it.
Such a change is also announced (public_records_changed), for the PDFs'
refresh to follow the same rule. Bulk inserts and updates send no signals:
code that uses them calls public_change() itself (the importer), or
bump_generation() to forget every page (forget_cached_pages).
"""

import hashlib
import time
from dataclasses import dataclass
from functools import wraps

from django.apps import apps
from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.locmem import LocMemCache
from django.db import transaction
from django.db.models import Model, QuerySet
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from django.dispatch import Signal
from django.http import HttpResponse
from django.utils.translation import get_language

from .context_processors import PAGE_PARAMETERS

GENERATION_KEY = "portal:content-generation"
# Changes with the form of what cached_page_view stores: (content, headers).
PAGE_FORMAT = 2
# Changes with the form of what served_whole stores: (status, headers, body).
ANSWER_FORMAT = 1
# Set in the WSGI environ by cached_page_view: this answer is a cached page's, which served_whole may keep.
CACHED_PAGE_ANSWER = "cabmi.cached_page_answer"
# Set in the WSGI environ by served_whole when it may keep this request's answer whole; cached_page_view then leaves
# the page it rendered here (key, generation read, page), for served_whole to keep if it cannot keep the whole answer.
KEEPS_WHOLE_ANSWERS = "cabmi.keeps_whole_answers"
PAGE_TO_KEEP = "cabmi.page_to_keep"
# Everything in a request that can tell one cached page's address from another's, when it has no query string.
ADDRESS_VARIABLES = (
    "wsgi.url_scheme", "HTTP_X_FORWARDED_PROTO", "HTTP_HOST", "HTTP_X_FORWARDED_HOST",
    "SERVER_NAME", "SERVER_PORT", "SCRIPT_NAME", "PATH_INFO",
)
PAGE_TIMEOUT = 24 * 60 * 60
# A local-memory cache is private to one process: another worker's edit cannot
# bump this one's generation, so its pages live only minutes. Deployments with
# several workers set CACHE_BACKEND to a shared cache to keep pages for a day.
LOCAL_PAGE_TIMEOUT = 5 * 60
# Every model whose records a public page shows.
WATCHED_MODELS = (
    "participants.Country", "participants.CountryName", "participants.Organization", "participants.Person",
    "events.Series", "events.Conference", "events.Role", "events.Participation",
    "programme.Session", "programme.Statement", "programme.Photo",
)
# The watched records no visitor sees while their edition is a draft (each model's published() says when
# they are public), with the way from each to its edition. Deleting one deletes only parts of the same edition.
EDITION_PARTS = {
    "events.Conference": "", "events.Role": "conference", "events.Participation": "conference",
    "programme.Session": "conference", "programme.Photo": "conference", "programme.Statement": "session__conference",
}
# Shared records a visitor sees only through a published edition that names them: a new one changes no public page
# (a state's names, by contrast, show wherever the state does).
SEEN_THROUGH_EDITIONS = ("participants.Organization", "participants.Person", "events.Series")
# Sent (the sender: the record's model) when a saved or deleted record changed what visitors can see;
# the PDFs' refresh listens (events/proceedings/tasks.py).
public_records_changed = Signal()
# Set on a record by pre_save: whether a visitor could see it as it was stored.
PUBLIC_BEFORE_SAVE = "_portal_public_before_save"
# Set by pre_delete on the record or queryset a deletion started from: a Deletion.
DELETION = "_portal_deletion"


def generation():
    value = cache.get(GENERATION_KEY)
    if value is None:
        # A fresh cache (or one restarted) starts a generation no old entry can share.
        value = time.time_ns()
        cache.add(GENERATION_KEY, value, None)
        value = cache.get(GENERATION_KEY, value)
    return value


def next_generation():
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, time.time_ns(), None)


def bump_generation(**kwargs):
    """A new generation now, for this transaction's own reads, and again when the edit is committed.

    Between the two, another server still reads the records as they were and may
    cache pages under the new generation; the bump at commit leaves those behind.
    """
    next_generation()
    transaction.on_commit(next_generation, robust=True)


def public_change(model):
    """A saved or deleted record changed what visitors can see: a new generation, and word to whoever follows the public record."""
    bump_generation()
    public_records_changed.send(sender=model)


def page_key(name, language, *parts):
    # Hashed: addresses and host names may be long or hold characters memcached refuses in keys.
    digest = hashlib.sha256("\n".join([language, *map(str, parts)]).encode()).hexdigest()
    return f"portal:page:{name}:{digest}"


def configured_host(host, port):
    """Whether `host` (as a Host header gives it) is an address ALLOWED_HOSTS names, written as it is there, bare or with the server's port.

    Django accepts an allowed host with any port and in any letter case, and
    each spelling gets a page of its own (its canonical address names it):
    pages are kept only for the spellings the site is configured with, so
    that no one can fill the cache with copies of a page. Wildcard entries
    ("*", ".example.org") name no host to keep pages for.
    """
    return any(host in (entry, f"{entry}:{port}") for entry in settings.ALLOWED_HOSTS if entry != "*" and not entry.startswith("."))


def read_in_generation(key):
    """(value, generation): what is kept under `key` if it was kept in the current content generation (else None), and
    that generation, read in one round trip to the cache.

    A value is kept with the generation it was made in (keep_in_generation(),
    given the generation read here, before making it); one from an earlier
    generation is not returned, and the next keep replaces it.
    """
    found = cache.get_many([GENERATION_KEY, key])
    current = found.get(GENERATION_KEY)
    if current is None:
        return None, generation()
    kept_in, value = found.get(key, (None, None))
    return (value if kept_in == current else None), current


def keep_in_generation(key, generation_read, value, timeout):
    cache.set(key, (generation_read, value), timeout)


def cached_page(key):
    """(page, generation) as read_in_generation() reads them; (None, None) with PAGE_CACHE off."""
    return read_in_generation(key) if settings.PAGE_CACHE else (None, None)


def kept_for():
    """How long a cached page or computed value may live: a day, or minutes in a cache private to one process."""
    return LOCAL_PAGE_TIMEOUT if isinstance(caches["default"], LocMemCache) else PAGE_TIMEOUT


def store_page(key, generation_read, content):
    """Keep `content` under `key`, rendered in `generation_read` (as cached_page() returned it before rendering)."""
    if settings.PAGE_CACHE and generation_read is not None:
        keep_in_generation(key, generation_read, content, kept_for())


def computed_once(name, compute, timeout=None):
    """compute()'s value (never None), computed once per content generation and shared through the cache like pages.

    For what depends only on the watched records and costs queries on
    every request otherwise; `name` must say everything the value depends
    on. `timeout` shortens how long it is kept (kept_for() otherwise).
    Kept whatever PAGE_CACHE says.
    """
    key = f"portal:computed:{name}"
    value, generation_read = read_in_generation(key)
    if value is None:
        value = compute()
        keep_in_generation(key, generation_read, value, kept_for() if timeout is None else timeout)
    return value


def cached_page_view(name, page_parameter=None):
    """Serve the view's successful answers from the page cache, keyed by the page's address and language.

    `page_parameter` names the query parameter of a page number the view
    reads (a sitemap's ?p=2); a number written as the view itself writes it
    is part of the key, any other spelling ("01", " 1") is answered afresh
    and never stored. A page's own parameters (PAGE_PARAMETERS: the
    archive's filters) make it render afresh too, so no visitor can fill the
    cache with made-up values; any other parameter is ignored by the page
    and by its key alike. Only 200 answers to GET and HEAD are kept, with the
    headers the view set (content type, robots). The view's answer may
    depend on nothing but its address, its language, its page number and the
    watched records: never on the visitor.
    """
    def decorator(view):
        @wraps(view)
        def cached_view(request, *args, **kwargs):
            match = request.resolver_match
            page = request.GET.get(page_parameter, "1") if page_parameter else "1"
            own = PAGE_PARAMETERS.get(match.view_name if match else "", ())
            if (request.method not in ("GET", "HEAD") or not (page.isascii() and page.isdigit() and str(int(page)) == page)
                    or any(parameter in request.GET for parameter in own)
                    or not configured_host(request.get_host(), request.get_port())):
                return view(request, *args, **kwargs)
            key = page_key(name, get_language(), PAGE_FORMAT, request.scheme, request.get_host(), request.path, page)
            stored, generation_read = cached_page(key)
            if stored is not None:
                content, headers = stored
                request.environ[CACHED_PAGE_ANSWER] = True
                return HttpResponse(content, headers=headers)
            response = view(request, *args, **kwargs)
            if response.status_code == 200 and not response.streaming:
                if hasattr(response, "render"):
                    response.render()
                page = (response.content, dict(response.headers))
                if request.environ.get(KEEPS_WHOLE_ANSWERS):
                    request.environ[PAGE_TO_KEEP] = (key, generation_read, page)
                else:
                    store_page(key, generation_read, page)
                request.environ[CACHED_PAGE_ANSWER] = True
            return response
        return cached_view
    return decorator


def answer_key(environ):
    """The cache key of the whole answer to this request, or None: only a GET without a query string is answered whole."""
    if (environ.get("REQUEST_METHOD") != "GET" or environ.get("QUERY_STRING")
            or not configured_host(environ.get("HTTP_HOST") or environ.get("SERVER_NAME", ""), environ.get("SERVER_PORT"))):
        return None
    return page_key("whole-answer", "", ANSWER_FORMAT, *(environ.get(name) for name in ADDRESS_VARIABLES))


def keeps_whole(status, headers):
    """A 200 that is the same for every visitor: it sets no cookie, varies on no request header, and may be shared."""
    names = {name.lower(): value for name, value in headers}
    cache_control = names.get("cache-control", "").lower()
    return (status.startswith("200 ") and "set-cookie" not in names and "vary" not in names
            and not any(word in cache_control for word in ("private", "no-store", "no-cache")))


def served_whole(application):
    """The WSGI application, answering a GET of a cached page from the cache before Django handles the request.

    A page that cached_page_view serves or renders is kept here as the
    whole answer the middleware made of it (security headers included),
    under the request's address and the content generation; the next GET of
    that address is answered with no request object, middleware or view:
    what makes a cached page as cheap as the server allows. A page rendered
    for such a GET is kept only this way, not also as the view rendered it,
    unless its answer cannot be kept whole; a HEAD, or a GET with a
    parameter the page does not read, is answered by Django, whose view
    keeps the page it renders for them. Only
    GETs without a query string are answered here (so no made-up parameter
    can fill the cache), for a host written as ALLOWED_HOSTS lists it;
    anything else, and any answer that sets a cookie or varies on a request
    header, goes through Django as before. A HEAD's answer loses the body
    Django writes for it.
    """
    def application_answering_whole(environ, start_response):
        if environ.get("REQUEST_METHOD") == "HEAD":
            return without_body(application(environ, start_response))
        key = answer_key(environ) if settings.PAGE_CACHE else None
        if key is None:
            return application(environ, start_response)
        stored, generation_read = cached_page(key)
        if stored is not None:
            status, headers, body = stored
            start_response(status, list(headers))
            return [body]
        answer = {}

        def keep_start(status, headers, exc_info=None):
            answer["status"], answer["headers"] = status, headers
            return start_response(status, headers, exc_info)

        environ[KEEPS_WHOLE_ANSWERS] = True
        result = application(environ, keep_start)
        if not (environ.get(CACHED_PAGE_ANSWER) and answer and keeps_whole(answer["status"], answer["headers"])):
            if PAGE_TO_KEEP in environ:
                store_page(*environ[PAGE_TO_KEEP])  # kept as the view rendered it, for Django to answer from
            return result
        try:
            body = b"".join(result)
        finally:
            if hasattr(result, "close"):
                result.close()  # Django's request_finished: what the server would have done
        store_page(key, generation_read, (answer["status"], list(answer["headers"]), body))
        return [body]
    return application_answering_whole


def without_body(result):
    """A HEAD's answer: Django writes the GET's body (and Content-Length), which the server would drop with a warning each time."""
    if hasattr(result, "close"):
        result.close()
    return []


def is_public(model, pk):
    return pk is not None and model._default_manager.published().filter(pk=pk).exists()


def public_change_if_public_once_committed(model, pk, changed):
    """After a change to what was a draft as this transaction saw it: once committed, a public change if `model`'s record
    `pk` is public by then (another server may have published its edition meanwhile; after both commits, one of the two tells).
    """
    transaction.on_commit(lambda: is_public(model, pk) and public_change(changed), robust=True)


def note_public_before_save(sender, instance, **kwargs):
    instance.__dict__[PUBLIC_BEFORE_SAVE] = is_public(sender, instance.pk)


def bump_unless_draft_before_and_after(sender, instance, **kwargs):
    """After a part of an edition is saved: a new generation, unless no visitor could see it before the save or after it."""
    if instance.__dict__.pop(PUBLIC_BEFORE_SAVE, True) or is_public(sender, instance.pk):
        public_change(sender)
    else:
        public_change_if_public_once_committed(sender, instance.pk, sender)


def shared_record_saved(sender, created=False, **kwargs):
    """After a record shared by editions is saved: a new generation, unless it is new and no visitor can see it yet."""
    if not (created and sender._meta.label in SEEN_THROUGH_EDITIONS):
        public_change(sender)


@dataclass
class Deletion:
    """What a deletion deletes, as noted before its first row goes: the (id, status) of the editions whose parts it
    deletes (None: it deletes more than parts of editions), and the ids of the records it started from."""

    editions: frozenset | None
    records: frozenset
    checked_after_commit: bool = False


def noted_deletion(origin):
    """The Deletion a deletion started from `origin` (a record, or a queryset: the admin list's action, the importer) makes."""
    model = origin.model if isinstance(origin, QuerySet) else type(origin)
    path = EDITION_PARTS.get(model._meta.label)
    if path is None:
        return Deletion(None, frozenset())
    records = origin if isinstance(origin, QuerySet) else model._default_manager.filter(pk=origin.pk)
    if path:
        rows = list(records.order_by().values_list("pk", path, f"{path}__status"))
    else:
        rows = [(pk, pk, status) for pk, status in records.order_by().values_list("pk", "status")]
    return Deletion(frozenset((edition, status) for _pk, edition, status in rows), frozenset(pk for pk, *_ in rows))


def note_edition_before_delete(sender, instance, origin=None, **kwargs):
    """Before a deletion's first row goes (Django sends every pre_delete before deleting any row): what it deletes.

    The note is kept on the record or queryset the deletion started from; a
    record of its own not in the note means a deletion of the same queryset
    object anew, which is noted anew.
    """
    if not isinstance(origin, (Model, QuerySet)):
        return
    note = origin.__dict__.get(DELETION)
    own_model = origin.model if isinstance(origin, QuerySet) else type(origin)
    if note is None or (sender is own_model and instance.pk not in note.records):
        origin.__dict__[DELETION] = noted_deletion(origin)


def bump_unless_deleted_from_a_draft(sender, instance, origin=None, **kwargs):
    """After a record is deleted: a new generation, unless the deletion deletes only parts of draft editions; then, once
    per deletion, a look after it is committed, in case another server published one of them meanwhile."""
    note = origin.__dict__.get(DELETION) if isinstance(origin, (Model, QuerySet)) else None
    if instance is origin:
        # A record's own row goes last, after its cascade: the note goes with it, and no later deletion reads it.
        origin.__dict__.pop(DELETION, None)
    if note is None or note.editions is None or any(status != "draft" for _edition, status in note.editions):
        public_change(sender)
    elif not note.checked_after_commit:
        note.checked_after_commit = True
        for edition, _status in note.editions:
            public_change_if_public_once_committed(apps.get_model("events.Conference"), edition, sender)


def connect_signals():
    for label in WATCHED_MODELS:
        model = apps.get_model(label)
        if label in EDITION_PARTS:
            pre_save.connect(note_public_before_save, sender=model, dispatch_uid=f"portal-cache-before-save-{label}")
            post_save.connect(bump_unless_draft_before_and_after, sender=model, dispatch_uid=f"portal-cache-save-{label}")
        else:
            post_save.connect(shared_record_saved, sender=model, dispatch_uid=f"portal-cache-save-{label}")
        pre_delete.connect(note_edition_before_delete, sender=model, dispatch_uid=f"portal-cache-before-delete-{label}")
        post_delete.connect(bump_unless_deleted_from_a_draft, sender=model, dispatch_uid=f"portal-cache-delete-{label}")
