-- Tsunagu database schema, version 2: the state of CalDAV sync.
-- Applied in one transaction by TsuDatabase after version 1.

-- The calendar this database syncs with; at most one. Its absence turns the triggers
-- below off, so a database that never syncs pays nothing for them.
CREATE TABLE caldav_calendar (
  id         INTEGER PRIMARY KEY CHECK (id = 1),
  url        TEXT NOT NULL,       -- absolute URL of the calendar collection
  sync_token TEXT,                -- RFC 6578 token of the last complete pull
  ctag       TEXT                 -- getctag of the last complete pull (servers without sync-collection)
);

-- One row per single meeting or series (UID) known to the server or waiting to go.
CREATE TABLE caldav_item (
  uid     TEXT PRIMARY KEY,
  href    TEXT UNIQUE,            -- path of the resource on the server; NULL until first PUT
  etag    TEXT,                   -- its ETag when last read or written
  dirty   INTEGER NOT NULL DEFAULT 0,  -- local changes since then (a counter)
  deleted INTEGER NOT NULL DEFAULT 0   -- deleted here; a DELETE is due
) WITHOUT ROWID;
CREATE INDEX caldav_item_dirty ON caldav_item (dirty) WHERE dirty > 0;

CREATE TRIGGER caldav_meeting_insert AFTER INSERT ON meeting
WHEN EXISTS (SELECT 1 FROM caldav_calendar)
BEGIN
  INSERT INTO caldav_item (uid, dirty) VALUES (NEW.uid, 1)
  ON CONFLICT (uid) DO UPDATE SET dirty = dirty + 1, deleted = 0;
END;

CREATE TRIGGER caldav_meeting_update AFTER UPDATE ON meeting
WHEN EXISTS (SELECT 1 FROM caldav_calendar)
BEGIN
  INSERT INTO caldav_item (uid, dirty) VALUES (NEW.uid, 1)
  ON CONFLICT (uid) DO UPDATE SET dirty = dirty + 1, deleted = 0;
  -- A meeting that took another UID leaves its old one behind on the server.
  UPDATE caldav_item SET deleted = 1, dirty = dirty + 1
  WHERE uid = OLD.uid AND OLD.uid <> NEW.uid AND OLD.series_id IS NULL;
END;

CREATE TRIGGER caldav_meeting_delete AFTER DELETE ON meeting
WHEN EXISTS (SELECT 1 FROM caldav_calendar)
BEGIN
  -- A single meeting or a series: its resource goes (or, never sent, is forgotten).
  DELETE FROM caldav_item WHERE uid = OLD.uid AND OLD.series_id IS NULL AND href IS NULL;
  UPDATE caldav_item SET deleted = 1, dirty = dirty + 1
  WHERE uid = OLD.uid AND OLD.series_id IS NULL;
  -- An overridden occurrence: its series changed.
  UPDATE caldav_item SET dirty = dirty + 1
  WHERE uid = OLD.uid AND OLD.series_id IS NOT NULL AND deleted = 0;
END;

CREATE TRIGGER caldav_participant_insert AFTER INSERT ON participant
WHEN EXISTS (SELECT 1 FROM caldav_calendar)
BEGIN
  UPDATE caldav_item SET dirty = dirty + 1
  WHERE uid = (SELECT uid FROM meeting WHERE id = NEW.meeting_id);
END;

CREATE TRIGGER caldav_participant_update AFTER UPDATE ON participant
WHEN EXISTS (SELECT 1 FROM caldav_calendar)
BEGIN
  UPDATE caldav_item SET dirty = dirty + 1
  WHERE uid IN (SELECT uid FROM meeting WHERE id IN (NEW.meeting_id, OLD.meeting_id));
END;

CREATE TRIGGER caldav_participant_delete AFTER DELETE ON participant
WHEN EXISTS (SELECT 1 FROM caldav_calendar)
BEGIN
  UPDATE caldav_item SET dirty = dirty + 1
  WHERE uid = (SELECT uid FROM meeting WHERE id = OLD.meeting_id) AND deleted = 0;
END;
