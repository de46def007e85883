"""The schema.org Event description of an edition, as a plain dict for JSON-LD.

Text is taken in the active language (English where a translation is
missing), so the page of each language describes the edition in that language.
"""

import datetime

from cabmi_portal.languages import current_language
from events.models import Attendance

SCHEMA = "https://schema.org/"
ATTENDANCE_MODES = {
    Attendance.IN_PERSON: SCHEMA + "OfflineEventAttendanceMode",
    Attendance.ONLINE: SCHEMA + "OnlineEventAttendanceMode",
    Attendance.HYBRID: SCHEMA + "MixedEventAttendanceMode",
}


def _party(party, absolute_url):
    kind = "Country" if party._meta.model_name == "country" else "Organization"
    return {"@type": kind, "name": party.name, "url": absolute_url(party.get_absolute_url())}


def _place(conference):
    address = {"@type": "PostalAddress"}
    if conference.city:
        address["addressLocality"] = conference.city
    if conference.country_id:
        address["addressCountry"] = conference.country_id
    return {"@type": "Place", "name": conference.venue or conference.city or conference.country.name, "address": address}


def _moment(date, time):
    if date is None:
        return None
    return datetime.datetime.combine(date, time).isoformat() if time else date.isoformat()


def _session(session, page_url):
    event = {"@type": "Event", "name": session.title, "url": f"{page_url}#session-{session.key}"}
    if session.date:
        event["startDate"] = _moment(session.date, session.start_time)
        # A day without times is a whole-day event; a start without an end has no known end.
        if session.end_time or not session.start_time:
            event["endDate"] = _moment(session.date, session.end_time)
    if session.location:
        event["location"] = {"@type": "Place", "name": session.location}
    return event


def conference_event(conference, absolute_url):
    """The Event dict; absolute_url turns a site path into a full address (request.build_absolute_uri)."""
    page_url = absolute_url(conference.get_absolute_url())
    event = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": conference.title,
        "url": page_url,
        "startDate": conference.start_date.isoformat(),
        "endDate": conference.end_date.isoformat(),
        "eventStatus": SCHEMA + "EventScheduled",
        "inLanguage": current_language(),
        "organizer": [_party(role.party, absolute_url) for role in conference.roles.all() if role.is_organizing],
        "subEvent": [_session(session, page_url) for session in conference.sessions.all()],
    }
    if conference.summary:
        event["description"] = conference.summary
    if conference.attendance in ATTENDANCE_MODES:
        event["eventAttendanceMode"] = ATTENDANCE_MODES[conference.attendance]
    if conference.city or conference.country_id:
        event["location"] = _place(conference)
    photos = list(conference.photos.all())
    if photos:
        event["image"] = [absolute_url(photo.image.url) for photo in photos[:3]]
    return event
