#!/usr/bin/python3
# ical-peer-check.py: reads .ics files with Debian's python3-icalendar and
# python3-recurring-ical-events, so that the tests can compare Tsunagu's reading and
# expansion with an independent implementation.
#
# Copyright 2026 The Tsunagu authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage:
#   ical-peer-check.py events FILE
#       one line per VEVENT: uid, recurrence-id, summary, start, end, all-day, rrule,
#       exdates, categories, status, attendees (Unix seconds; TSV)
#   ical-peer-check.py occurrences FILE FROM TO [--ignore UID]...
#       every occurrence overlapping [FROM, TO) (Unix seconds): uid, start, end (TSV)
#
# Floating times and dates are read as Asia/Tokyo (or the calendar's X-WR-TIMEZONE),
# as Tsunagu reads them. Exits 3 when a Debian package is missing, so that the test
# that runs this fails instead of passing without a peer.

import datetime
import sys

try:
    import icalendar
    import pytz
    import recurring_ical_events
except ImportError as e:  # pragma: no cover
    sys.stderr.write("ical-peer-check: %s; install the Debian packages python3-icalendar "
                     "and python3-recurring-ical-events and run it with /usr/bin/python3\n" % e)
    sys.exit(3)

TOKYO = pytz.timezone("Asia/Tokyo")


def known_zone(tzid):
    try:
        pytz.timezone(tzid)
        return True
    except pytz.UnknownTimeZoneError:
        return False


def drop_known_vtimezones(text):
    """Leaves out the VTIMEZONEs of zones pytz knows: icalendar takes those zones from
    pytz anyway (as Tsunagu takes them from tzdata), and python3-icalendar 4.0.3 cannot
    read some vendors' definitions (Apple writes DTSTART:19490910T250000)."""
    out, block, tzid = [], None, None
    for line in text.splitlines(keepends=True):
        upper = line.strip().upper()
        if block is None and upper == "BEGIN:VTIMEZONE":
            block, tzid = [line], None
            continue
        if block is not None:
            block.append(line)
            if upper.startswith("TZID:") and tzid is None:
                tzid = line.strip()[5:]
            if upper == "END:VTIMEZONE":
                if tzid is None or not known_zone(tzid):
                    out.extend(block)
                block = None
            continue
        out.append(line)
    return "".join(out)


def calendars(path):
    with open(path, "rb") as f:
        data = f.read()
    # Unfolded as bytes first: some writers fold inside a UTF-8 character.
    for fold in (b"\r\n ", b"\r\n\t", b"\n ", b"\n\t"):
        data = data.replace(fold, b"")
    text = data.decode("utf-8")
    return icalendar.Calendar.from_ical(drop_known_vtimezones(text), multiple=True)


def floating_zone(cal):
    name = cal.get("X-WR-TIMEZONE")
    if name:
        try:
            return pytz.timezone(str(name))
        except pytz.UnknownTimeZoneError:
            pass
    return TOKYO


def unix(value, zone):
    if isinstance(value, datetime.datetime):
        if value.tzinfo is None:
            value = zone.localize(value)
        return int(value.timestamp())
    # A date: midnight in Japan, as Tsunagu keeps all-day events.
    return int(TOKYO.localize(datetime.datetime(value.year, value.month, value.day)).timestamp())


def clean(text):
    return " ".join(str(text).split("\t")).replace("\r", " ").replace("\n", " ")


def prop_list(component, name):
    value = component.get(name)
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def events(path):
    for cal in calendars(path):
        zone = floating_zone(cal)
        for ev in cal.walk("VEVENT"):
            start = ev.get("DTSTART")
            if start is None:
                continue
            start = start.dt
            all_day = not isinstance(start, datetime.datetime)
            if ev.get("DTEND") is not None:
                end = unix(ev.get("DTEND").dt, zone)
            elif ev.get("DURATION") is not None:
                end = unix(start, zone) + int(ev.get("DURATION").dt.total_seconds())
            else:
                end = unix(start, zone) + (86400 if all_day else 0)
            rid = ev.get("RECURRENCE-ID")
            rrule = ev.get("RRULE")
            exdates = []
            for ex in prop_list(ev, "EXDATE"):
                for d in ex.dts:
                    exdates.append(unix(d.dt, zone))
            categories = []
            for c in prop_list(ev, "CATEGORIES"):
                categories.extend(str(x) for x in (c.cats if hasattr(c, "cats") else [c]))
            attendees = []
            for a in prop_list(ev, "ATTENDEE"):
                attendees.append("%s|%s|%s|%s" % (clean(a.params.get("CN", "")),
                                                  a.params.get("PARTSTAT", "NEEDS-ACTION"),
                                                  a.params.get("ROLE", "REQ-PARTICIPANT"),
                                                  str(a)))
            print("\t".join([
                str(ev.get("UID")),
                str(unix(rid.dt, zone)) if rid is not None else "",
                clean(ev.get("SUMMARY", "")),
                str(unix(start, zone)),
                str(end),
                "1" if all_day else "0",
                rrule.to_ical().decode() if rrule is not None else "",
                ",".join(str(x) for x in sorted(set(exdates))),
                ",".join(categories),
                str(ev.get("STATUS", "")),
                ";".join(attendees),
            ]))


def drop_superseded(cals):
    """The same event (UID and RECURRENCE-ID) in several calendars of one file: the
    copy with the higher SEQUENCE is the newer one (RFC 5546 2.1.5), the later one on
    a tie."""
    best = {}
    for cal in cals:
        for ev in cal.walk("VEVENT"):
            rid = ev.get("RECURRENCE-ID")
            key = (str(ev.get("UID")), rid.to_ical() if rid is not None else b"")
            seq = int(ev.get("SEQUENCE", 0))
            if key not in best or seq >= best[key][0]:
                best[key] = (seq, id(ev))
    keep = set(v[1] for v in best.values())
    for cal in cals:
        cal.subcomponents = [c for c in cal.subcomponents
                             if c.name != "VEVENT" or id(c) in keep]
    return cals


def occurrences(path, start, end, ignore):
    begin = datetime.datetime.fromtimestamp(start, TOKYO)
    finish = datetime.datetime.fromtimestamp(end, TOKYO)
    rows = set()
    for cal in drop_superseded(calendars(path)):
        zone = floating_zone(cal)
        # Events Tsunagu skipped (the test names them) are left out before expansion:
        # recurring_ical_events cannot expand some of them (no DTSTART, no valid rule).
        cal.subcomponents = [c for c in cal.subcomponents
                             if c.name != "VEVENT" or str(c.get("UID")) not in ignore]
        for ev in recurring_ical_events.of(cal).between(begin, finish):
            uid = str(ev.get("UID"))
            s = unix(ev.get("DTSTART").dt, zone)
            if ev.get("DTEND") is not None:
                e = unix(ev.get("DTEND").dt, zone)
            else:
                e = s
            # recurring_ical_events also returns events touching the edges; keep the
            # ones that overlap [start, end) as Tsunagu's range query does.
            if s < end and (e > start or s >= start):
                rows.add((uid, s, e))
    for uid, s, e in sorted(rows, key=lambda r: (r[1], r[0], r[2])):
        print("%s\t%d\t%d" % (uid, s, e))


def main(argv):
    if len(argv) >= 3 and argv[1] == "events":
        events(argv[2])
    elif len(argv) >= 5 and argv[1] == "occurrences":
        ignore = set()
        rest = argv[5:]
        while rest:
            if rest[0] == "--ignore" and len(rest) > 1:
                ignore.add(rest[1])
                rest = rest[2:]
            else:
                sys.stderr.write("ical-peer-check: unknown argument %s\n" % rest[0])
                return 2
        occurrences(argv[2], int(argv[3]), int(argv[4]), ignore)
    else:
        sys.stderr.write(__doc__ if __doc__ else "usage: see the header of this file\n")
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
