"""Search over published editions, people, organizations, sessions and statements in the page's language.

Search reads the index kept by events.search_index: each record's text in
the page's language (its English text where it has none: the same text the
page shows, marked as English), and the people, organizations and places it
names in every recorded language, with their sound keys, so that "Шмид"
finds Schmid and "Daşkent" finds Tashkent. PostgreSQL matches the stored,
GIN-indexed vectors with its full-text search (stemming English and Russian)
and ranks the page's own text above names; SQLite, used for local work and
the test suite, matches the entries' case-folded text and keys and ranks
records whose own text holds the words first.

Results come grouped by kind and are paginated across the groups, so a page
costs the same few queries however many records match. Their SQL is the same
for every search of as many words (cabmi_portal.prepared): compiled once per
process, and prepared once per connection on PostgreSQL.
"""

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Case, F, IntegerField, Q, Value, When
from django.db.models.functions import StrIndex
from django.db.models.lookups import GreaterThan
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from cabmi_portal.cache import computed_once
from cabmi_portal.languages import DEFAULT_LANGUAGE, base_language, current_language, language_codes, localize
from cabmi_portal.names import fold, sound_key
from cabmi_portal.prepared import built_rows, cursor_of
from participants.models import Organization, Person
from sessions.models import Session, Statement

from .models import Conference, SearchEntry
from .queries import records_of, row_states
from .search_index import POSTGRES_CONFIGS

MAX_QUERY_LENGTH = 200
MAX_TERMS = 8
MAX_TERM_LENGTH = 50
PER_PAGE = 20
SNIPPET_LENGTH = 240
# Private-use characters mark highlights until the text is escaped for HTML.
MARK_START, MARK_STOP = "\ue000", "\ue001"


@dataclass
class Query:
    text: str
    terms: list
    was_shortened: bool = False


def strip_punctuation(word):
    """word without the punctuation and symbols around it (quotes, brackets, dashes, «», …)."""
    start, end = 0, len(word)
    while start < end and unicodedata.category(word[start])[0] in "PS":
        start += 1
    while end > start and unicodedata.category(word[end - 1])[0] in "PS":
        end -= 1
    return word[start:end]


def parse_query(raw):
    """The visitor's words, bounded: control characters dropped, at most MAX_TERMS distinct terms."""
    cleaned = "".join(" " if unicodedata.category(ch).startswith("C") else ch for ch in raw or "")
    cleaned = " ".join(cleaned.split())
    was_shortened = len(cleaned) > MAX_QUERY_LENGTH
    cleaned = cleaned[:MAX_QUERY_LENGTH]
    terms = []
    for word in cleaned.split():
        term = strip_punctuation(word)[:MAX_TERM_LENGTH]
        if term and term.casefold() not in {t.casefold() for t in terms}:
            terms.append(term)
    was_shortened = was_shortened or len(terms) > MAX_TERMS
    return Query(cleaned, terms[:MAX_TERMS], was_shortened)


def unmarked(text):
    """The text with any highlight marks of its own removed: only the search may mark a match."""
    return text.replace(MARK_START, "").replace(MARK_STOP, "")


def highlighted_html(marked_text):
    """HTML of text whose matches are wrapped in MARK_START/MARK_STOP."""
    return mark_safe(escape(marked_text).replace(MARK_START, "<mark>").replace(MARK_STOP, "</mark>"))


def contains(column, text):
    """The column holds the text: instr() on SQLite, which takes the text as it is, where LIKE would need it escaped."""
    return GreaterThan(StrIndex(column, Value(text)), 0)


def ranked_by_words(shape, language, *values):
    """The values query of the entries in `language` whose folded text, names or sound keys hold every word, ranked 1
    where their own text holds them all: `values` give each word folded then, where `shape` says it has one, its key
    (with the spaces around it that keep keys whole). Compiled once per shape (cabmi_portal.prepared.built_rows)."""
    values = iter(values)
    entries, own = SearchEntry.objects.filter(language=language), Q()
    for has_key in shape:
        folded = next(values)
        found = Q(contains("document", folded)) | Q(contains("names", folded))
        entries = entries.filter(found | Q(contains("keys", next(values))) if has_key else found)
        own &= Q(contains("document", folded))
    rank = Case(When(own, then=Value(1)), default=Value(0), output_field=IntegerField())
    return entries.annotate(rank=rank).order_by().values_list("kind", "object_id", "rank")


def ranked_by_vectors(shape, language, *values):
    """The values query of the entries in `language` whose vector matches every word, ranked by PostgreSQL: `values`
    give each word as typed, folded and, where `shape` says it has one, its sound key. Compiled once per shape."""
    from django.contrib.postgres.search import SearchQuery, SearchRank

    config, keyed = shape
    values, matches = iter(values), None
    for has_key in keyed:
        term, folded = next(values), next(values)
        found = SearchQuery(term, config=config, search_type="plain") | SearchQuery(folded, config="simple", search_type="plain")
        if has_key:
            found |= SearchQuery(next(values), config="simple", search_type="plain")
        matches = found if matches is None else matches & found
    entries = SearchEntry.objects.filter(language=language, vector=matches)
    return entries.annotate(rank=SearchRank(F("vector"), matches)).order_by().values_list("kind", "object_id", "rank")


class RegexMatcher:
    """Every term must appear in the entry's folded text, names or sound keys; marking folds case in Python."""

    def __init__(self, query, language):
        self.query, self.language = query, language
        self.pattern = re.compile("|".join(re.escape(t) for t in sorted(query.terms, key=len, reverse=True)), re.IGNORECASE)

    def ranked_rows(self):
        """[(kind, object_id, rank)] of the entries matching every word (ranked_by_words)."""
        shape, values = [], [self.language]
        for term in self.query.terms:
            key = sound_key(term)
            shape.append(bool(key))
            values += [fold(term), *([f" {key} "] if key else [])]
        return built_rows(ranked_by_words, tuple(shape), *values)

    def mark(self, shown):
        """Highlighting happens in headline(), in Python."""

    def headline(self, obj, name, whole=False):
        text = unmarked(localize(obj, name).text)
        if not whole:
            text = self.excerpt(text)
        return highlighted_html(self.pattern.sub(lambda m: f"{MARK_START}{m.group(0)}{MARK_STOP}", text))

    def excerpt(self, text):
        """About SNIPPET_LENGTH characters around the first match."""
        if len(text) <= SNIPPET_LENGTH:
            return text
        found = self.pattern.search(text)
        start = max(0, (found.start() if found else 0) - SNIPPET_LENGTH // 3)
        if start:  # begin and end on whole words
            start = text.rfind(" ", 0, start) + 1
        stop = start + SNIPPET_LENGTH
        if stop < len(text):
            stop = max(text.rfind(" ", start, stop), (found.end() if found else start) + 1)
        return ("… " if start else "") + text[start:stop].strip() + (" …" if stop < len(text) else "")


class PostgresMatcher:
    """PostgreSQL full-text search: stemming for English and Russian, plain words for the others."""

    def __init__(self, query, language):
        self.language, self.search_terms = language, query.terms
        self.config = POSTGRES_CONFIGS.get(language, "simple")
        self.query_text = " ".join(query.terms)

    def ranked_rows(self):
        """[(kind, object_id, rank)] of the entries matching every word (ranked_by_vectors)."""
        shape, values = [], [self.language]
        for term in self.search_terms:
            key = sound_key(term)
            shape.append(bool(key))
            values += [term, fold(term), *([key] if key else [])]
        return built_rows(ranked_by_vectors, (self.config, tuple(shape)), *values)

    def mark(self, shown):
        """Each record's marked text of its `titles` whole, and an excerpt of each of its `excerpts`, for headline():
        `shown` is [(record, titles, excerpts)] of one results page, never every matching row, as ts_headline is costly.
        One query, its SQL the same for every search."""
        wanted = [(record, name, whole) for record, titles, excerpts in shown
                  for name, whole in [*((name, True) for name in titles), *((name, False) for name in excerpts)]]
        if not wanted:
            return
        texts = [unmarked(localize(record, name).text) for record, name, _whole in wanted]
        options = [headline_options(whole) for _record, _name, whole in wanted]
        with cursor_of(connection) as cursor:
            cursor.execute(HEADLINES_SQL, [self.config, self.config, self.query_text, texts, options])
            marked = [text for (text,) in cursor.fetchall()]
        for (record, name, whole), text in zip(wanted, marked, strict=True):
            setattr(record, f"headline_{name}_whole" if whole else f"headline_{name}", text)

    def headline(self, obj, name, whole=False):
        marked = getattr(obj, f"headline_{name}_whole" if whole else f"headline_{name}") or ""
        plain, text = unmarked(marked), unmarked(localize(obj, name).text)
        if plain and not text.startswith(plain):
            marked = "… " + marked
        if plain and not text.endswith(plain):
            marked += " …"
        return highlighted_html(marked)


# The texts of a results page marked where they match the words, in their order (PostgresMatcher.mark).
HEADLINES_SQL = (
    "SELECT ts_headline(%s::regconfig, texts.text, plainto_tsquery(%s::regconfig, %s), texts.options)"
    " FROM unnest(%s::text[], %s::text[]) WITH ORDINALITY AS texts(text, options, place) ORDER BY texts.place"
)


@lru_cache(maxsize=2)
def headline_options(whole):
    """ts_headline's options, written as Django's SearchHeadline writes them: a title whole, or an excerpt of 20 to 40
    words."""
    options = {"StartSel": MARK_START, "StopSel": MARK_STOP, **({"HighlightAll": True} if whole else {"MaxWords": 40, "MinWords": 20})}
    return ", ".join(connection.ops.compose_sql(f"{option}=%s", [value]) for option, value in options.items())


def matcher_for(query, language):
    return PostgresMatcher(query, language) if connection.vendor == "postgresql" else RegexMatcher(query, language)


@dataclass
class Piece:
    """Some text of a result, and the language it is actually in."""

    html: str
    lang: str
    is_fallback: bool

    def __str__(self):
        return self.html


def piece(obj, name, html=None):
    """The field's text (or html made from it) marked with the language it comes in."""
    localized = localize(obj, name)
    return Piece(escape(localized.text) if html is None else html, localized.lang, localized.is_fallback)


@dataclass
class Hit:
    """One result as the page shows it."""

    kind: str
    url: str
    title: Piece
    snippet: Piece
    context: list
    # Its place among the results of its kind, from 1: a second page goes on counting.
    number: int = 0

    @property
    def has_fallback(self):
        return any(part.is_fallback for part in [self.title, self.snippet, *self.context] if part.html)


def edition_hit(conference, matcher):
    return Hit("editions", conference.get_absolute_url(),
               piece(conference, "title", matcher.headline(conference, "title", whole=True)),
               piece(conference, "summary", matcher.headline(conference, "summary")),
               [Piece(conference.short_title, DEFAULT_LANGUAGE, False)])


def session_hit(session, matcher):
    return Hit("sessions", session.get_absolute_url(),
               piece(session, "title", matcher.headline(session, "title", whole=True)),
               piece(session, "description", matcher.headline(session, "description")),
               [piece(session.conference, "title")])


def statement_hit(statement, matcher):
    session, conference = statement.session, statement.session.conference
    speaker = piece(statement.speaker, "name") if statement.speaker else Piece("", DEFAULT_LANGUAGE, False)
    return Hit("statements", f"{conference.get_absolute_url()}#statement-{statement.pk}", speaker,
               piece(statement, "text", matcher.headline(statement, "text")),
               [piece(session, "title"), Piece(conference.short_title, DEFAULT_LANGUAGE, False)])


def person_hit(person, matcher):
    return Hit("people", person.get_absolute_url(), piece(person, "name", matcher.headline(person, "name", whole=True)),
               piece(person, "honorific"), [])


def organization_hit(organization, matcher):
    acronym = piece(organization, "acronym", matcher.headline(organization, "acronym"))
    return Hit("organizations", organization.get_absolute_url(),
               piece(organization, "name", matcher.headline(organization, "name", whole=True)), acronym,
               [piece(organization.country, "name")] if organization.country else [])


@dataclass
class Group:
    """The records of one kind that match, in the order the results list them, read a slice at a time.

    `listed()` builds the public records of the kind in the order the
    results list them (read once per edit, listing_order); `rows_of()` is
    the queryset a results page's records are read from, with the records
    at the `related` paths (events.queries.row_states: a query compiled
    once per process). listing_order has already found them public, so it
    carries no visibility test.
    """

    kind: str
    label: str
    listed: object
    rows_of: object
    related: tuple
    titles: tuple  # fields shown whole, their words marked
    excerpts: tuple  # fields shown as an excerpt around the words
    to_hit: object
    ids: list = field(default_factory=list)

    @property
    def count(self):
        return len(self.ids)

    def rows(self, start, stop):
        """[(place among the results of the kind, from 1; the record's row_states() states)] of the slice."""
        ids = self.ids[start:stop]
        if not ids:
            return []
        # Always a page's length of ids, the first repeated: one statement per kind and language.
        padded = ids + ids[:1] * (PER_PAGE - len(ids))
        found = {values["id"]: states for values, states in row_states(self.rows_of, self.related, current_language(), pk__in=padded)}
        return [(number, found[pk]) for number, pk in enumerate(ids, start + 1) if pk in found]


# The records of a results page, in no order: Group.records puts them in the results' order.
def edition_rows():
    return Conference.objects.order_by()


def person_rows():
    return Person.objects.order_by()


def organization_rows():
    return Organization.objects.order_by()


def session_rows():
    return Session.objects.order_by()


def statement_rows():
    return Statement.objects.order_by()


def result_groups():
    """The kinds of record search finds, in the order the results list them."""
    sessions_order = ("-conference__start_date", "conference_id", "order", "id")
    statements_order = ("-session__conference__start_date", "session__conference_id", "session__order", "session_id", "order", "id")
    return [
        Group("editions", _("Editions"), lambda: Conference.objects.published(), edition_rows, ("series",),
              ("title",), ("summary",), edition_hit),
        Group("people", _("Speakers"), lambda: Person.objects.visible(), person_rows, (), ("name",), (), person_hit),
        Group("organizations", _("Organizations"), lambda: Organization.objects.on_record(), organization_rows, ("country",),
              ("name",), ("acronym",), organization_hit),
        Group("sessions", pgettext_lazy("programme", "Sessions"), lambda: Session.objects.published().order_by(*sessions_order),
              session_rows, ("conference", "conference__series"), ("title",), ("description",), session_hit),
        Group("statements", pgettext_lazy("programme", "Statements"), lambda: Statement.objects.published().order_by(*statements_order),
              statement_rows, ("session", "session__conference", "session__conference__series", "speaker"), (), ("text",),
              statement_hit),
    ]


def listing_order(groups):
    """{kind: {id: position}}: every public record of each group and its place in the results' order.

    It changes only with an edit, so it is read once per content
    generation (cabmi_portal.cache.computed_once) rather than joined into
    every search.
    """
    def positions():
        return {group.kind: {pk: position for position, pk in enumerate(group.listed().values_list("pk", flat=True))}
                for group in groups}

    # Names sort in the page's language.
    return computed_once(f"search-listing-order:{current_language()}", positions)


class ResultList:
    """The groups one after another, as one sequence a Paginator can count and slice.

    One query finds the matching entries of every kind with their rank;
    the public records among them are put in order by rank, then in the
    order pages list them (listing_order). Only the records of the page
    asked for are read.
    """

    def __init__(self, groups, matcher):
        self.groups, self.matcher = groups, matcher
        ranks = {group.kind: {} for group in groups}
        for kind, pk, rank in matcher.ranked_rows():
            if kind in ranks:
                ranks[kind][pk] = rank
        order = listing_order(groups)
        for group in groups:
            found, place = ranks[group.kind], order[group.kind]
            group.ids = sorted((pk for pk in found if pk in place), key=lambda pk: (-found[pk], place[pk]))

    def count(self):
        return sum(group.count for group in self.groups)

    def __getitem__(self, window):
        shown, offset = [], 0
        for group in self.groups:
            start, stop = max(window.start - offset, 0), min(window.stop - offset, group.count)
            if start < stop:
                shown += [(group, number, states) for number, states in group.rows(start, stop)]
            offset += group.count
        return PageOfResults(shown, self.matcher)


class PageOfResults(Sequence):
    """The hits of one page of results: the states of their records are read at once, the hits are made when shown.

    A page kept under those states (events.search_views) is answered
    without making a record, marking a word or rendering.
    """

    def __init__(self, shown, matcher):
        self.shown, self.matcher = shown, matcher

    def states(self):
        """The states of every record the page shows, one hit after the other."""
        return [state for _group, _number, states in self.shown for state in states]

    @cached_property
    def hits(self):
        shown = [(group, number, records_of(states, group.related)) for group, number, states in self.shown]
        # The words are marked in all of the page's texts at once (one query on PostgreSQL).
        self.matcher.mark([(record, group.titles, group.excerpts) for group, _number, record in shown])
        hits = []
        for group, number, record in shown:
            hit = group.to_hit(record, self.matcher)
            hit.number = number
            hits.append(hit)
        return hits

    def __len__(self):
        return len(self.shown)

    def __getitem__(self, index):
        return self.hits[index]


@dataclass
class SearchResults:
    query: Query
    page: object = None
    groups: list = field(default_factory=list)

    @property
    def total(self):
        return sum(group.count for group in self.groups)

    def states(self):
        """The states of every record the page of results shows (PageOfResults.states())."""
        return self.page.object_list.states() if self.page is not None else []

    def page_groups(self):
        """[(group, hits on this page)] for the groups that have hits on this page."""
        hits = list(self.page or [])
        return [(group, [hit for hit in hits if hit.kind == group.kind]) for group in self.groups
                if any(hit.kind == group.kind for hit in hits)]


def search(query, language, page=1):
    """Published editions, people, organizations, sessions and statements matching every word of query, in language.

    Raises django.core.paginator.InvalidPage for a page number that is not
    a whole number or lies beyond the results.
    """
    parsed = parse_query(query)
    if not parsed.terms:
        return SearchResults(parsed)
    language = base_language(language)
    if language not in language_codes():
        language = DEFAULT_LANGUAGE
    matcher = matcher_for(parsed, language)
    results = ResultList(result_groups(), matcher)
    paginator = Paginator(results, PER_PAGE, allow_empty_first_page=True)
    return SearchResults(parsed, paginator.page(page), results.groups)
