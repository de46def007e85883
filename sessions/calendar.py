"""The programme of a published edition as an iCalendar (RFC 5545) document.

Times are the venue's local time with a TZID named after the host country's
time zone, and a VTIMEZONE for it (RFC 5545 3.2.19 requires one for every
TZID used): calendar applications then show a session at the right moment
wherever the reader is. Where the host country's zone is not known, times
are written as floating local time, which RFC 5545 allows and clients show
as written, never shifted to a wrong zone.

Sessions with a date but no start time become all-day events (VALUE=DATE,
DTEND the next day, as RFC 5545 3.6.1 prescribes). Sessions without a date
cannot be placed on a day, so they are listed in one all-day event spanning
the whole conference; that event is also the calendar's only entry when the
edition has no programme yet. A session with a start but no end time gets no
DTEND: per RFC 5545 it then ends when it starts, which says no more than is
known.
"""

import datetime
from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from cabmi_portal.languages import current_language, localize

PRODID = "-//CABMI//Conference portal//EN"
# UIDs are built from the edition's slug and the session's key, which import
# files keep stable, so a re-imported programme updates the same events.
UID_DOMAIN = "cabmi-portal"
# The time zone of each state that has hosted or may host an edition (tz database names).
HOST_TIME_ZONES = {
    "UZ": "Asia/Tashkent",
    "KZ": "Asia/Almaty",
    "KG": "Asia/Bishkek",
    "TJ": "Asia/Dushanbe",
    "TM": "Asia/Ashgabat",
    "AF": "Asia/Kabul",
    "MN": "Asia/Ulaanbaatar",
    "AZ": "Asia/Baku",
    "RU": "Europe/Moscow",
    "AT": "Europe/Vienna",
    "TR": "Europe/Istanbul",
}


def venue_time_zone(conference):
    """The ZoneInfo of the host country, or None for floating local time."""
    name = HOST_TIME_ZONES.get(conference.country_id or "")
    return ZoneInfo(name) if name else None


def text_property(event, name, obj, field, value=None):
    """Add a text property in the page's language, tagged with the language it is actually in."""
    localized = localize(obj, field)
    text = value if value is not None else localized.text
    if text:
        event.add(name, text, parameters={"language": localized.lang})


def conference_location(conference):
    parts = [localize(conference, "venue").text, localize(conference, "city").text]
    parts.append(localize(conference.country, "name").text if conference.country else "")
    return ", ".join(part for part in parts if part)


def absolute(request, url):
    return request.build_absolute_uri(url) if request is not None else url


def session_description(session):
    lines = [session.get_kind_display(), localize(session, "description").text]
    speakers = [localize(statement.speaker, "name").text for statement in session.statements.all() if statement.speaker]
    if speakers:
        lines.append(_("Speakers: %(names)s") % {"names": ", ".join(dict.fromkeys(speakers))})
    return "\n\n".join(line for line in lines if line)


def add_session_times(event, session, zone):
    if session.start_time is None:
        event.add("dtstart", session.date)
        event.add("dtend", session.date + datetime.timedelta(days=1))
        return
    event.add("dtstart", datetime.datetime.combine(session.date, session.start_time, tzinfo=zone))
    if session.end_time is not None:
        event.add("dtend", datetime.datetime.combine(session.date, session.end_time, tzinfo=zone))


def session_event(session, conference, zone, stamp, request):
    event = Event()
    event.add("uid", f"{conference.slug}.{session.key}@{UID_DOMAIN}")
    event.add("dtstamp", stamp)
    add_session_times(event, session, zone)
    text_property(event, "summary", session, "title")
    event.add("description", session_description(session))
    location = localize(session, "location").text or conference_location(conference)
    if location:
        event.add("location", location)
    event.add("url", absolute(request, session.get_absolute_url()))
    return event


def conference_event(conference, undated, stamp, request):
    """One all-day event over the whole edition, listing the sessions that have no date."""
    event = Event()
    event.add("uid", f"{conference.slug}@{UID_DOMAIN}")
    event.add("dtstamp", stamp)
    event.add("dtstart", conference.start_date)
    event.add("dtend", conference.end_date + datetime.timedelta(days=1))
    text_property(event, "summary", conference, "title")
    lines = [localize(conference, "summary").text]
    if undated:
        titles = "\n".join(f"– {localize(session, 'title').text}" for session in undated)
        lines.append(_("Sessions whose dates were not recorded:") + "\n" + titles)
    description = "\n\n".join(line for line in lines if line)
    if description:
        event.add("description", description)
    if location := conference_location(conference):
        event.add("location", location)
    event.add("url", absolute(request, conference.get_absolute_url()))
    return event


def programme_calendar(conference, request=None):
    """The iCalendar bytes of conference's programme, in the active language.

    conference must come with its sessions and their statements prefetched
    (events.queries.conferences_with_everything).
    """
    zone = venue_time_zone(conference)
    # The edition's last change, not the moment of the request: the same content
    # gives the same bytes, so clients and caches see no change where there is none.
    stamp = conference.updated_at.astimezone(datetime.UTC).replace(microsecond=0)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    title = localize(conference, "title").text
    calendar.add("x-wr-calname", title)
    calendar.add("name", title)
    calendar.add("x-wr-caldesc", _("Programme of %(title)s") % {"title": title})
    if zone:
        calendar.add("x-wr-timezone", zone.key)
    calendar.add("url", absolute(request, conference.get_absolute_url()))
    sessions = list(conference.sessions.all())
    undated = [session for session in sessions if session.date is None]
    if undated or not sessions:
        calendar.add_component(conference_event(conference, undated, stamp, request))
    for session in sessions:
        if session.date is not None:
            calendar.add_component(session_event(session, conference, zone, stamp, request))
    calendar.add_missing_timezones()
    return calendar.to_ical()


def calendar_filename(conference):
    language = current_language()
    return f"{conference.slug}-programme-{language}.ics"
