"""Checks that span several fields: keys defined once, references that resolve, dates in order."""

from django.utils.text import slugify
from django.utils.translation import gettext as _

from cabmi_portal.validators import is_own_ancestor
from events.models import Conference
from participants.models import Organization

from .document import items, parse_date, parse_time, statements
from .problems import join


def defined_keys(entries, problems, what):
    keys = {}
    for path, item in entries:
        key = item.get("key")
        if not isinstance(key, str):
            continue
        if key in keys:
            problems.add(
                join(path, "key"),
                _("the %(what)s key “%(key)s” is already used by %(other)s") % {"what": what, "key": key, "other": keys[key]},
            )
        else:
            keys[key] = path
    return keys


def check_reference(item, path, field, keys, problems, message):
    value = item.get(field)
    if isinstance(value, str) and value not in keys:
        problems.add(join(path, field), message % {"key": value})


def check_consistency(document, problems):
    code = series_code(document)
    if code is not None and not code.strip():
        problems.add("series.code", _("is empty; give the series' short code, such as CABMI"))
    organizations = defined_keys(items(document, "organizations"), problems, _("organization"))
    people = defined_keys(items(document, "people"), problems, _("person"))
    sessions = defined_keys(items(document, "sessions"), problems, _("session"))
    no_organization = _("no organization with key “%(key)s” in this document's “organizations”")
    for path, organization in items(document, "organizations"):
        check_reference(organization, path, "parent", organizations, problems, no_organization)
    check_parent_cycles(document, problems)
    check_parties(document, "roles", no_organization, organizations, problems)
    check_parties(document, "participants", no_organization, organizations, problems)
    check_participants_once(document, problems)
    check_roles_once(document, problems)
    for path, statement in statements(document):
        check_reference(statement, path, "speaker", people, problems, _("no person with key “%(key)s” in this document's “people”"))
        check_reference(statement, path, "organization", organizations, problems, no_organization)
        if statement.get("organization") is not None and statement.get("country") is not None:
            problems.add(path, _("a statement speaks for an organization or a country, not both"))
        if statement.get("speaker") is None and not statement.get("text"):
            problems.add(path, _("a statement needs a speaker or a text (or both)"))
    for path, photo in items(document, "photos"):
        check_reference(photo, path, "session", sessions, problems, _("no session with key “%(key)s” in this document's “sessions”"))
    check_dates(document, problems)
    check_slug(document, problems)


def check_parties(document, name, no_organization, organizations, problems):
    for path, item in items(document, name):
        has_organization, has_country = item.get("organization") is not None, item.get("country") is not None
        if has_organization and has_country:
            problems.add(path, _("give either “organization” or “country”, not both"))
        elif not has_organization and not has_country:
            problems.add(path, _("give an “organization” or a “country”"))
        check_reference(item, path, "organization", organizations, problems, no_organization)


def check_participants_once(document, problems):
    seen = {}
    for path, item in items(document, "participants"):
        party = ("organization", item.get("organization")) if item.get("organization") is not None else ("country", item.get("country"))
        if not isinstance(party[1], str):
            continue
        if party in seen:
            problems.add(
                path,
                _("“%(party)s” already takes part at %(other)s; list each state or organization once")
                % {"party": party[1], "other": seen[party]},
            )
        else:
            seen[party] = path


def check_roles_once(document, problems):
    seen = {}
    for path, item in items(document, "roles"):
        role = (item.get("role"), item.get("organization"), item.get("country"))
        if not all(isinstance(part, str | None) for part in role):
            continue
        if role in seen:
            problems.add(path, _("the same role is already listed at %(other)s") % {"other": seen[role]})
        else:
            seen[role] = path


def check_parent_cycles(document, problems):
    """The parent chains after the import, the document's parents over the stored ones, have no cycle (the model's rule)."""
    organizations = items(document, "organizations")
    keys = [item.get("key") for _path, item in organizations if isinstance(item.get("key"), str)]
    stored = dict(Organization.objects.filter(parent__isnull=False).values_list("slug", "parent__slug")) if keys else {}
    given = {item["key"]: item["parent"] for _path, item in organizations if isinstance(item.get("key"), str) and item.get("parent")}
    parents = {**stored, **given}
    for path, item in organizations:
        key = item.get("key")
        if isinstance(key, str) and is_own_ancestor(key, lambda child: parents.get(child) if isinstance(child, str) else None):
            problems.add(
                join(path, "parent"), _("organization “%(key)s” would be its own parent (directly or through others)") % {"key": key}
            )


def check_dates(document, problems):
    start, end = parse_date(document.get("start_date")), parse_date(document.get("end_date"))
    if start and end and end < start:
        problems.add("end_date", _("the conference ends (%(end)s) before it starts (%(start)s)") % {"end": end, "start": start})
    for path, session in items(document, "sessions"):
        begins, ends = parse_time(session.get("start")), parse_time(session.get("end"))
        if begins and ends and ends < begins:
            problems.add(
                join(path, "end"),
                _("the session ends (%(end)s) before it starts (%(start)s)") % {"end": session["end"], "start": session["start"]},
            )


def series_code(document):
    series = document.get("series")
    code = series.get("code") if isinstance(series, dict) else None
    return code if isinstance(code, str) else None


def target_slug(document):
    """The slug the document's edition has or will get (see the format's “slug” field)."""
    if isinstance(document.get("slug"), str):
        return document["slug"]
    code = (series_code(document) or "").lower()
    if isinstance(document.get("edition"), int):
        return f"{slugify(code)}-{document['edition']}"
    title = document.get("title")
    title = title.get("en", "") if isinstance(title, dict) else str(title or "")
    return slugify(f"{title} {str(document.get('start_date', ''))[:4]}")[:100]


def check_slug(document, problems):
    series, edition = series_code(document), document.get("edition")
    slug = target_slug(document)
    if not isinstance(series, str) or not isinstance(edition, int) or isinstance(edition, bool) or not slug:
        return  # matched by slug, or refused already
    other = Conference.objects.filter(slug=slug).exclude(series__code=series, edition=edition).select_related("series").first()
    if other is not None:
        problems.add(
            "slug", _("“%(slug)s” is already the address of another edition (%(other)s)") % {"slug": slug, "other": other.short_title}
        )
