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
costs the same few queries however many records match.
"""

import re
import unicodedata
from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Case, F, IntegerField, Q, TextField, Value, When
from django.db.models.functions import Coalesce, NullIf, Replace
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from cabmi_portal.cache import computed_once
from cabmi_portal.languages import DEFAULT_LANGUAGE, base_language, current_language, language_codes, localize
from cabmi_portal.names import fold, sound_key
from participants.models import Organization, Person
from sessions.models import Session, Statement

from .models import Conference, SearchEntry
from .queries import in_language
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


def localized_expression(name, language):
    """The field in the page's language, or the English field where that is empty."""
    if language == DEFAULT_LANGUAGE:
        return F(f"{name}_{DEFAULT_LANGUAGE}")
    own = NullIf(F(f"{name}_{language}"), Value(""), output_field=TextField())
    return Coalesce(own, F(f"{name}_{DEFAULT_LANGUAGE}"), output_field=TextField())


def without_marks(expression):
    """The text with any highlight marks of its own removed: only the search may mark a match."""
    return Replace(Replace(expression, Value(MARK_START), Value("")), Value(MARK_STOP), Value(""))


def unmarked(text):
    return text.replace(MARK_START, "").replace(MARK_STOP, "")


def highlighted_html(marked_text):
    """HTML of text whose matches are wrapped in MARK_START/MARK_STOP."""
    return mark_safe(escape(marked_text).replace(MARK_START, "<mark>").replace(MARK_STOP, "</mark>"))


class RegexMatcher:
    """Every term must appear in the entry's folded text, names or sound keys; marking folds case in Python."""

    def __init__(self, query, language):
        self.query, self.language = query, language
        self.pattern = re.compile("|".join(re.escape(t) for t in sorted(query.terms, key=len, reverse=True)), re.IGNORECASE)

    def term_matches(self, term):
        folded, key = fold(term), sound_key(term)
        found = Q(document__contains=folded) | Q(names__contains=folded)
        return found | Q(keys__contains=f" {key} ") if key else found

    def ranked_entries(self):
        entries = SearchEntry.objects.filter(language=self.language)
        for term in self.query.terms:
            entries = entries.filter(self.term_matches(term))
        # Records whose own text in the page's language holds the words come first.
        own = Q()
        for term in self.query.terms:
            own &= Q(document__contains=fold(term))
        return entries.annotate(rank=Case(When(own, then=Value(1)), default=Value(0), output_field=IntegerField()))

    def with_headlines(self, queryset, titles, excerpts):
        """Highlighting happens in headline(), in Python."""
        return queryset

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
        from django.contrib.postgres.search import SearchQuery

        self.language, self.search_terms = language, query.terms
        self.config = POSTGRES_CONFIGS.get(language, "simple")
        self.search_query = SearchQuery(" ".join(query.terms), config=self.config, search_type="plain")

    def term_query(self, term):
        from django.contrib.postgres.search import SearchQuery

        found = SearchQuery(term, config=self.config, search_type="plain") | SearchQuery(fold(term), config="simple", search_type="plain")
        key = sound_key(term)
        return found | SearchQuery(key, config="simple", search_type="plain") if key else found

    def ranked_entries(self):
        from django.contrib.postgres.search import SearchRank

        matches = None
        for term in self.search_terms:
            matches = self.term_query(term) if matches is None else matches & self.term_query(term)
        entries = SearchEntry.objects.filter(language=self.language, vector=matches)
        return entries.annotate(rank=SearchRank(F("vector"), matches))

    def with_headlines(self, queryset, titles, excerpts):
        """queryset with the marked text of each of `titles` whole, and an excerpt of each of `excerpts`.

        Only for the rows of the page shown: ts_headline is costly, and the
        queryset holds the rows of one results page (Group.hits), never
        every matching row.
        """
        from django.contrib.postgres.search import SearchHeadline

        def marked(name, **options):
            return SearchHeadline(without_marks(localized_expression(name, self.language)), self.search_query, config=self.config,
                                  start_sel=MARK_START, stop_sel=MARK_STOP, **options)

        return queryset.annotate(
            **{f"headline_{name}_whole": marked(name, highlight_all=True) for name in titles},
            **{f"headline_{name}": marked(name, max_words=40, min_words=20) for name in excerpts},
        )

    def headline(self, obj, name, whole=False):
        marked = getattr(obj, f"headline_{name}_whole" if whole else f"headline_{name}") or ""
        plain, text = unmarked(marked), unmarked(localize(obj, name).text)
        if plain and not text.startswith(plain):
            marked = "… " + marked
        if plain and not text.endswith(plain):
            marked += " …"
        return highlighted_html(marked)


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
    results list them (read once per edit, listing_order); `records` reads
    the rows of a results page, which listing_order has already found
    public, so it carries no visibility test to compile on every search.
    """

    kind: str
    label: str
    listed: object
    records: object
    titles: tuple  # fields shown whole, their words marked
    excerpts: tuple  # fields shown as an excerpt around the words
    to_hit: object
    ids: list = field(default_factory=list)

    @property
    def count(self):
        return len(self.ids)

    def hits(self, matcher, start, stop):
        ids = self.ids[start:stop]
        if not ids:
            return []
        found = {row.pk: row for row in matcher.with_headlines(self.records.filter(pk__in=ids), self.titles, self.excerpts)}
        hits = []
        for number, pk in enumerate(ids, start + 1):
            if pk in found:
                hit = self.to_hit(found[pk], matcher)
                hit.number = number
                hits.append(hit)
        return hits


def groups_for(matcher):
    def shown(queryset):
        # Only the translated columns of the page's language and English are read (events.queries.in_language).
        return in_language(queryset, current_language())

    sessions_order = ("-conference__start_date", "conference_id", "order", "id")
    statements_order = ("-session__conference__start_date", "session__conference_id", "session__order", "session_id", "order", "id")
    return [
        Group("editions", _("Editions"), lambda: Conference.objects.published(),
              shown(Conference.objects.select_related("series")), ("title",), ("summary",), edition_hit),
        Group("people", _("Speakers"), lambda: Person.objects.visible(), shown(Person.objects.all()), ("name",), (), person_hit),
        Group("organizations", _("Organizations"), lambda: Organization.objects.on_record(),
              shown(Organization.objects.select_related("country")), ("name",), ("acronym",), organization_hit),
        Group("sessions", pgettext_lazy("programme", "Sessions"), lambda: Session.objects.published().order_by(*sessions_order),
              shown(Session.objects.select_related("conference__series")), ("title",), ("description",), session_hit),
        Group("statements", pgettext_lazy("programme", "Statements"), lambda: Statement.objects.published().order_by(*statements_order),
              shown(Statement.objects.select_related("session__conference__series", "speaker")), (), ("text",), statement_hit),
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
        for kind, pk, rank in matcher.ranked_entries().order_by().values_list("kind", "object_id", "rank"):
            if kind in ranks:
                ranks[kind][pk] = rank
        order = listing_order(groups)
        for group in groups:
            found, place = ranks[group.kind], order[group.kind]
            group.ids = sorted((pk for pk in found if pk in place), key=lambda pk: (-found[pk], place[pk]))

    def count(self):
        return sum(group.count for group in self.groups)

    def __getitem__(self, window):
        hits, offset = [], 0
        for group in self.groups:
            start, stop = max(window.start - offset, 0), min(window.stop - offset, group.count)
            if start < stop:
                hits += group.hits(self.matcher, start, stop)
            offset += group.count
        return hits


@dataclass
class SearchResults:
    query: Query
    page: object = None
    groups: list = field(default_factory=list)

    @property
    def total(self):
        return sum(group.count for group in self.groups)

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
    results = ResultList(groups_for(matcher), matcher)
    paginator = Paginator(results, PER_PAGE, allow_empty_first_page=True)
    return SearchResults(parsed, paginator.page(page), results.groups)
