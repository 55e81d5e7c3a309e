"""Reads iCalendar files with Debian's python3-icalendar and
python3-recurring-ical-events, and prints, per file, each event's UID,
start as a UTC instant, whether the start is floating, status and summary.
Usage: python3 pyicalendar.py FILE..."""
import datetime
import json
import sys

import icalendar
import recurring_ical_events

out = {}
for path in sys.argv[1:]:
    with open(path, "rb") as f:
        cal = icalendar.Calendar.from_ical(f.read())
    events = []
    # Every event, expanded as a calendar would show it, over all time.
    for ev in recurring_ical_events.of(cal).between(datetime.datetime(1970, 1, 1), datetime.datetime(2100, 1, 1)):
        start = ev.decoded("DTSTART")
        floating = isinstance(start, datetime.datetime) and start.tzinfo is None
        utc = start.astimezone(datetime.timezone.utc) if not floating else start
        events.append({
            "uid": str(ev.get("UID")),
            "start_utc": utc.strftime("%Y-%m-%dT%H:%M:%S.000Z"),
            "floating": floating,
            "status": str(ev.get("STATUS", "")),
            "summary": str(ev.get("SUMMARY", "")),
            "description": str(ev.get("DESCRIPTION", "")),
        })
    out[path] = {"calname": str(cal.get("X-WR-CALNAME", "")), "events": events}
json.dump(out, sys.stdout)
