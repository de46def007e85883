"""Statements shown as cached fragments, known by their keys before any of them is loaded.

Each statement on a page is cached as a fragment under the column values of
the records it shows (cabmi_portal.fragments). Loading those records as model
instances only to learn the keys cost more than the rest of a large page:
their values are read as plain rows instead (events.queries.row_states), and
the statements whose fragments the cache does not hold are made from those
same rows (records_of()): no query loads them, and a fragment always shows
what its key says, even when an edit commits while the page renders.

The edition page lists its statements session by session
(events/_statement.html); the pages of a person, an organization and a state
list theirs with their edition and session (participants/_statement_item.html).
"""

from types import SimpleNamespace

from cabmi_portal.fragments import fragments_by_key, key_of_states, keys_of_states, record_state
from cabmi_portal.languages import localize
from sessions.models import Statement

from .queries import records_of, row_states, states_of


class StatementFragments:
    """The statements of a queryset, in its order, each rendered with `template` from the cache where it can be."""

    def __init__(self, rows, template, related, load):
        """rows: events.queries.row_states() of the statements and of `related`, the relations the template shows besides the
        statement; load(pks): those statements, as records to render."""
        self.rows, self.template, self.related, self.load = rows, template, related, load
        self.key_of = {}  # variant → {statement pk: key}
        self.rendered = {}  # variant → {statement pk: (html, shows English)}
        self.groups = {}

    def __len__(self):
        return len(self.rows)

    def states(self):
        """The states of every record the statements show, one statement after the other."""
        return states_of(self.rows)

    def grouped(self, column):
        """{value of the statements' column: [statement pk]}, in order."""
        if column not in self.groups:
            groups = self.groups[column] = {}
            for values, _states in self.rows:
                groups.setdefault(values[column], []).append(values["id"])
        return self.groups[column]

    def related_columns(self, path):
        """{column: value} of the record at `path` for each statement, or None where it has none."""
        index = 1 + self.related.index(path)
        states = [states[index] for _values, states in self.rows]
        return [None if state is None else dict(zip(state[1], state[2], strict=True)) for state in states]

    def keys(self, variant):
        """{statement pk: its fragment's key}; `variant` names what else in the context changes the fragments."""
        if variant not in self.key_of:
            keys = keys_of_states(self.template, [states for _values, states in self.rows], variant)
            self.key_of[variant] = {values["id"]: key for (values, _states), key in zip(self.rows, keys, strict=True)}
        return self.key_of[variant]

    def fragments(self, context, variant, pks):
        """[(html, shows English)] of these statements (fragments_by_key()). The first call renders what the cache lacks of
        every statement of the page; a statement deleted since its key was read is left out rather than shown half."""
        if variant not in self.rendered:
            keys = self.keys(variant)
            pk_of = {key: pk for pk, key in keys.items()}

            def load(missing):
                loaded = {statement.pk: statement for statement in self.load([pk_of[key] for key in missing])}
                return {key: loaded[pk_of[key]] for key in missing if pk_of[key] in loaded}

            template = context.template.engine.get_template(self.template)
            found = fragments_by_key(template, context, "statement", list(keys.values()), load)
            self.rendered[variant] = {pk: found[key] for pk, key in keys.items() if key in found}
        rendered = self.rendered[variant]
        return [rendered[pk] for pk in pks if pk in rendered]

    def speaker_names(self):
        """The names of the speakers in the page's language, each once, in the order they first speak."""
        names = {}
        for values, speaker in zip((values for values, _states in self.rows), self.related_columns("speaker"), strict=True):
            if speaker is not None and values["speaker_id"] not in names:
                # localize() reads a record's columns as attributes: the speaker's are read already.
                names[values["speaker_id"]] = str(localize(SimpleNamespace(**speaker), "name"))
        return list(names.values())


# The records each template shows besides the statement.
EDITION_RECORDS = ("speaker", "organization", "country")
LISTED_RECORDS = ("speaker", "organization", "country", "session", "session__conference")
# Read with each statement; its edition's state is taken from the page's rows of published editions.
LISTED_READ = LISTED_RECORDS[:-1]
# The order of the statements a person, an organization or a state made: newest edition first, then as in the programme.
LISTED_ORDER = ("-session__conference__start_date", "session__conference_id", "session__order", "session__id", "order", "id")


def edition_rows():
    return Statement.objects.order_by("session__order", "session_id", "order", "id")


def listed_rows():
    return Statement.objects.published().order_by(*LISTED_ORDER)


def edition_statements(sessions, language, rows=None):
    """The statements of an edition page, session by session; each shows its statement, speaker and delegation.
    `rows`: their row_states() as the page has read them already (events.edition_pages)."""
    sessions = {session.pk: session for session in sessions}

    def load(pks):
        statements = []
        for statement in rows_by_pk(rows, EDITION_RECORDS, pks):
            if statement.session_id in sessions:  # of a session the page does not show (moved since the sessions were read)
                statement.session = sessions[statement.session_id]
                statements.append(statement)
        return statements

    if rows is None:
        rows = row_states(edition_rows, EDITION_RECORDS, language, session__in=list(sessions))
    return StatementFragments(rows, "events/_statement.html", EDITION_RECORDS, load)


def listed_statements(language, **filters):
    """The published statements matching `filters` as a person's, an organization's or a state's page lists them, each
    with its statement, speaker, delegation, session and edition."""
    return listed_from(row_states(listed_rows, LISTED_RECORDS, language, **filters))


def listed_read(language, **filters):
    """The statements' rows without their editions, as row_states_together() takes a read (its arguments and the
    filters), for a page that has read the published editions: listed_from() takes each statement's edition from those."""
    return listed_rows, LISTED_READ, language, filters


def listed_from(rows, editions=None):
    """listed_statements() of rows read with all of LISTED_RECORDS, or of rows of listed_read() with `editions`, the
    row_states() of the published editions. Read again with every statement, an edition's columns (its summary and
    body in two languages) were most of what a state's page read. A statement whose edition is not among `editions`
    (unpublished between the two reads) is left out, as it would be a moment later."""
    if editions is not None:
        edition_states = {values["id"]: states[0] for values, states in editions}
        read, rows = rows, []
        for values, states in read:
            _label, columns, session = states[-1]
            edition = edition_states.get(session[columns.index("conference_id")])
            if edition is not None:
                rows.append((values, [*states, edition]))
    return StatementFragments(rows, "participants/_statement_item.html", LISTED_RECORDS,
                              lambda pks: rows_by_pk(rows, LISTED_RECORDS, pks))


def rows_by_pk(rows, related, pks):
    """The statements `pks` of these rows, made from them (records_of())."""
    wanted = set(pks)
    return [records_of(states, related) for values, states in rows if values["id"] in wanted]


SESSION_TEMPLATE = "events/_session.html"


def session_fragments(context, sessions, statements):
    """[(html, shows English)] of an edition's sessions, each with its statements (edition_statements(), in the context
    as edition_statements), as events/_session.html shows it: cached under the session's columns and its statements'
    fragments' keys, so a page whose sessions are all cached renders neither a session nor a statement."""
    sessions = list(sessions)
    if not sessions:
        return []
    # The edition's address is in each statement's "cite" link: a new address is a new fragment.
    variant = (sessions[0].conference.slug,)
    statement_keys = statements.keys(variant)
    in_session = statements.grouped("session_id")
    keyed = {}
    for session in sessions:
        shown = tuple(statement_keys[pk] for pk in in_session.get(session.pk, ()))
        keyed[key_of_states(SESSION_TEMPLATE, [record_state(session)], shown)] = session

    template = context.template.engine.get_template(SESSION_TEMPLATE)
    found = fragments_by_key(template, context, "session", list(keyed), lambda missing: {key: keyed[key] for key in missing})
    return [found[key] for key in keyed]
