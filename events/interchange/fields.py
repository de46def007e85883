"""The interchange format's vocabulary: its fields, their kinds, and how they map onto the models.

The validator, the importer and the exporter all read these tables, so a
field is described once.
"""

from events.models import Attendance, Conference, Participation, Role
from participants.models import Organization
from sessions.models import Session, Statement

FORMAT = "cabmi-portal/conference"
VERSION = 2  # what export writes
VERSIONS = (1, 2)  # what import reads: version 2 added roles' and participants' name_then and acronym_then
DOCUMENT_NAME = "conference.json"
MAX_DOCUMENT_BYTES = 20 * 1024 * 1024
KEY_PATTERN = r"^[a-z0-9-]+$"


# Choices of the format. "Unknown" attendance and delivery are JSON null.
STATUSES = list(Conference.Status.values)
ATTENDANCES = list(Attendance.values)
ORGANIZATION_KINDS = list(Organization.Kind.values)
ROLE_KINDS = list(Role.Kind.values)
PARTICIPANT_ROLES = list(Participation.Kind.values)
PARTICIPANT_ATTENDANCES = [value for value in Participation.Attendance.values if value != Participation.Attendance.UNKNOWN]
SESSION_KINDS = list(Session.Kind.values)
DELIVERIES = [value for value in Statement.Delivery.values if value != Statement.Delivery.UNKNOWN]

# Translated fields of each record, in the format's names (they are the models' names too).
CONFERENCE_TEXTS = ("title", "city", "venue", "summary", "body", "participants_note")
SERIES_TEXTS = ("name",)
ORGANIZATION_TEXTS = ("name", "acronym")
PERSON_TEXTS = ("name", "family_name", "honorific")
SESSION_TEXTS = ("title", "location", "description")
STATEMENT_TEXTS = ("position", "text")
PHOTO_TEXTS = ("caption", "alt")
PARTY_TEXTS = ("name_then", "acronym_then")  # on roles and participants, since version 2
