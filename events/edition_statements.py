"""The statements on an edition page, known by their fragments' keys before any of them is loaded.

A large edition shows hundreds of statements, each cached as a fragment
under the column values of the statement, its speaker and its delegation
(cabmi_portal.fragments). Loading those records as model instances only to
learn the keys cost more than the rest of the page: their values are read
as plain rows instead (events.queries.row_states), and the records are
loaded only for the fragments the cache does not hold.
"""

from types import SimpleNamespace

from cabmi_portal.fragments import fragments_by_key, key_of_states
from cabmi_portal.languages import localize
from sessions.models import Statement

from .queries import row_states, statements_with_speakers

TEMPLATE = "events/_statement.html"
# What the template shows besides the statement: its speaker and its delegation (an organization or a state).
RECORDS = ("speaker", "organization", "country")


class EditionStatements:
    """The statements of one edition's sessions, rendered from the cache on the first session that shows them."""

    def __init__(self, conference, sessions, language):
        self.sessions = {session.pk: session for session in sessions}
        self.language = language
        self.keys = {}  # session pk → [fragment key], in the order the session lists its statements
        self.statement_of = {}  # fragment key → statement pk
        self.speaker_of = {}  # fragment key → speaker pk
        self.speaker_columns = {}  # speaker pk → {column: value}
        # The edition's address is in each statement's "cite" link: a new address is a new fragment.
        variant = (conference.slug,)
        statements = Statement.objects.filter(session__in=list(self.sessions)).order_by("order", "id")
        for values, states in row_states(statements, RECORDS, language):
            key = key_of_states(TEMPLATE, states, variant)
            self.keys.setdefault(values["session_id"], []).append(key)
            self.statement_of[key] = values["id"]
            self.speaker_of[key] = values["speaker_id"]
            speaker = states[1]
            if speaker is not None:
                _label, columns, column_values = speaker
                self.speaker_columns[values["speaker_id"]] = dict(zip(columns, column_values, strict=True))
        self.html = None

    def count(self, session):
        return len(self.keys.get(session.pk, ()))

    def of(self, context, session):
        """The session's statements as HTML; the first call renders what the cache lacks for the whole edition."""
        if self.html is None:
            keys = [key for session_keys in self.keys.values() for key in session_keys]
            template = context.template.engine.get_template(TEMPLATE)
            self.html = fragments_by_key(template, context, "statement", keys, self.load)
        # A statement deleted since its key was read is left out rather than shown half.
        return "".join(self.html[key] for key in self.keys.get(session.pk, ()) if key in self.html)

    def load(self, keys):
        """{key: statement} of the fragments to render, each given the session instance the page already has."""
        key_of = {self.statement_of[key]: key for key in keys}
        loaded = {}
        for statement in statements_with_speakers(self.language).filter(pk__in=list(key_of)):
            session = self.sessions.get(statement.session_id)
            if session is not None:
                statement.session = session
                loaded[key_of[statement.pk]] = statement
        return loaded

    def speaker_names(self):
        """The names of the edition's speakers in the page's language, in the order they first speak, session by session."""
        order = {}
        for session in self.sessions:
            for key in self.keys.get(session, ()):
                order.setdefault(self.speaker_of[key], None)
        # localize() reads a record's columns as attributes: the speakers' columns are read already.
        return [str(localize(SimpleNamespace(**self.speaker_columns[pk]), "name")) for pk in order if pk in self.speaker_columns]
