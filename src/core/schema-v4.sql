-- Tsunagu database schema, version 4: the month's single meetings in one run of pages.
-- Applied in one transaction by TsuDatabase after version 3.

-- The range query of the calendar reads every column of the single meetings that start
-- in a month. Through meeting_starts each of them cost a visit to its own page of the
-- table (a busy month's meetings are written far apart, a few thousand pages); this
-- index holds the columns themselves in order of start, so that a month is a few dozen
-- consecutive pages. It must name every column of TsuMeeting to serve the query alone
-- (id is the rowid, in every index). It replaces meeting_starts, whose work it does.
CREATE INDEX IF NOT EXISTS meeting_singles
  ON meeting (starts_at, ends_at, uid, kind, title, tzid, all_day, location, url,
              municipality_id, case_id, organizer_id, status, notes, rrule, exdates,
              series_id, recurrence_id, sequence)
  WHERE rrule IS NULL;
DROP INDEX IF EXISTS meeting_starts;
