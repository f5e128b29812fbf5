#!/usr/bin/python3
# Reads a calendar with python3-caldav (Debian's), as another CalDAV client would, and
# prints one line per event: UID, SUMMARY, DTSTART, RRULE, the EXDATEs and whether it
# is an overridden occurrence (RECURRENCE-ID).
#   caldav-read.py CALENDAR_URL USER PASSWORD
import sys

import caldav

url, user, password = sys.argv[1:4]
client = caldav.DAVClient(url=url, username=user, password=password)
calendar = client.calendar(url=url)
lines = []
for event in calendar.events():
    cal = event.icalendar_instance
    for comp in cal.walk("VEVENT"):
        exdates = []
        for prop in (comp.get("EXDATE") if isinstance(comp.get("EXDATE"), list)
                     else [comp.get("EXDATE")] if comp.get("EXDATE") else []):
            exdates.extend(d.dt.isoformat() for d in prop.dts)
        rrule = comp.get("RRULE")
        lines.append("\t".join([
            str(comp.get("UID")),
            str(comp.get("SUMMARY")),
            comp.decoded("DTSTART").isoformat(),
            rrule.to_ical().decode() if rrule else "",
            ",".join(sorted(exdates)),
            "override" if comp.get("RECURRENCE-ID") else "",
        ]))
for line in sorted(lines):
    print(line)
