-- Tsunagu database schema, version 1.
-- Applied in one transaction by TsuDatabase; PRAGMA user_version is set after it.
-- Times are Unix seconds (UTC); dates are ISO 8601 text (YYYY-MM-DD).

CREATE TABLE municipality (
  id       INTEGER PRIMARY KEY,
  code     TEXT NOT NULL UNIQUE,
  name     TEXT NOT NULL,
  kana     TEXT,
  kind     TEXT,                  -- 市, 町 or 村
  region   TEXT NOT NULL
);
CREATE INDEX municipality_region ON municipality (region, kana);

CREATE TABLE medical_care_type (
  code     TEXT PRIMARY KEY,
  name     TEXT NOT NULL,
  english  TEXT NOT NULL,
  position INTEGER NOT NULL
);

CREATE TABLE agency (
  id              INTEGER PRIMARY KEY,
  name            TEXT NOT NULL CHECK (name <> ''),
  kana            TEXT,
  kind            TEXT NOT NULL,
  municipality_id INTEGER REFERENCES municipality (id) ON DELETE SET NULL,
  address         TEXT,
  phone           TEXT,
  fax             TEXT,
  email           TEXT,
  services        TEXT,
  notes           TEXT
);
CREATE INDEX agency_kana ON agency (kana);
CREATE INDEX agency_municipality ON agency (municipality_id);

CREATE TABLE person (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL CHECK (name <> ''),
  kana       TEXT,
  agency_id  INTEGER REFERENCES agency (id) ON DELETE SET NULL,
  profession TEXT,
  phone      TEXT,
  email      TEXT,
  notes      TEXT
);
CREATE INDEX person_kana ON person (kana);
CREATE INDEX person_agency ON person (agency_id);

CREATE TABLE child_case (
  id                      INTEGER PRIMARY KEY,
  code                    TEXT NOT NULL UNIQUE CHECK (code <> ''),
  child_name              TEXT,
  child_kana              TEXT,
  birth_date              TEXT,
  municipality_id         INTEGER REFERENCES municipality (id) ON DELETE SET NULL,
  medical_care            TEXT,
  guardians               TEXT,
  status                  TEXT NOT NULL DEFAULT 'intake'
                          CHECK (status IN ('intake', 'active', 'difficult', 'closed')),
  coordinator_id          INTEGER REFERENCES person (id) ON DELETE SET NULL,
  regional_coordinator_id INTEGER REFERENCES person (id) ON DELETE SET NULL,
  opened_on               TEXT,
  notes                   TEXT
);
CREATE INDEX case_status ON child_case (status);
CREATE INDEX case_municipality ON child_case (municipality_id);

CREATE TABLE team_member (
  id        INTEGER PRIMARY KEY,
  case_id   INTEGER NOT NULL REFERENCES child_case (id) ON DELETE CASCADE,
  person_id INTEGER REFERENCES person (id) ON DELETE CASCADE,
  agency_id INTEGER REFERENCES agency (id) ON DELETE CASCADE,
  role      TEXT,
  CHECK (person_id IS NOT NULL OR agency_id IS NOT NULL)
);
CREATE INDEX team_member_case ON team_member (case_id);
CREATE INDEX team_member_person ON team_member (person_id);
CREATE INDEX team_member_agency ON team_member (agency_id);

CREATE TABLE consent (
  id           INTEGER PRIMARY KEY,
  case_id      INTEGER NOT NULL REFERENCES child_case (id) ON DELETE CASCADE,
  agency_id    INTEGER NOT NULL REFERENCES agency (id) ON DELETE CASCADE,
  given_on     TEXT,
  scope        TEXT,
  withdrawn_on TEXT
);
CREATE INDEX consent_case ON consent (case_id);
CREATE INDEX consent_agency ON consent (agency_id);

CREATE TABLE consultation (
  id          INTEGER PRIMARY KEY,
  case_id     INTEGER NOT NULL REFERENCES child_case (id) ON DELETE CASCADE,
  occurred_at INTEGER NOT NULL DEFAULT 0,
  channel     TEXT NOT NULL CHECK (channel IN ('phone', 'visit', 'online', 'outreach', 'mail', 'other')),
  asked_by    TEXT,
  topics      TEXT,
  referred_to TEXT,
  staff_id    INTEGER REFERENCES person (id) ON DELETE SET NULL,
  notes       TEXT
);
CREATE INDEX consultation_case ON consultation (case_id, occurred_at);

-- A meeting row is a single meeting, the master of a recurring series (rrule set), or
-- an overridden occurrence of a series (series_id and recurrence_id set; same uid).
CREATE TABLE meeting (
  id              INTEGER PRIMARY KEY,
  uid             TEXT NOT NULL CHECK (uid <> ''),
  kind            TEXT NOT NULL CHECK (kind IN ('case-conference', 'municipal-council',
                                                'liaison', 'training', 'internal', 'other')),
  title           TEXT NOT NULL CHECK (title <> ''),
  starts_at       INTEGER NOT NULL,
  ends_at         INTEGER NOT NULL,
  tzid            TEXT NOT NULL DEFAULT 'Asia/Tokyo',
  all_day         INTEGER NOT NULL DEFAULT 0,
  location        TEXT,
  url             TEXT,
  municipality_id INTEGER REFERENCES municipality (id) ON DELETE SET NULL,
  case_id         INTEGER REFERENCES child_case (id) ON DELETE SET NULL,
  organizer_id    INTEGER REFERENCES person (id) ON DELETE SET NULL,
  status          TEXT NOT NULL DEFAULT 'scheduled'
                  CHECK (status IN ('scheduled', 'held', 'cancelled')),
  notes           TEXT,
  rrule           TEXT,
  exdates         TEXT,
  recurs_until    INTEGER,            -- end of the last occurrence; NULL when endless
  series_id       INTEGER REFERENCES meeting (id) ON DELETE CASCADE,
  recurrence_id   INTEGER,
  sequence        INTEGER NOT NULL DEFAULT 0,
  created_at      INTEGER NOT NULL DEFAULT (unixepoch ()),
  updated_at      INTEGER NOT NULL DEFAULT (unixepoch ()),
  CHECK (ends_at >= starts_at),
  CHECK ((series_id IS NULL) = (recurrence_id IS NULL))
);
CREATE UNIQUE INDEX meeting_uid ON meeting (uid) WHERE series_id IS NULL;
CREATE UNIQUE INDEX meeting_override ON meeting (series_id, recurrence_id) WHERE series_id IS NOT NULL;
CREATE INDEX meeting_starts ON meeting (starts_at) WHERE rrule IS NULL;
CREATE INDEX meeting_series ON meeting (starts_at, recurs_until) WHERE rrule IS NOT NULL;
CREATE INDEX meeting_duration ON meeting (ends_at - starts_at);
CREATE INDEX meeting_case ON meeting (case_id, starts_at);

CREATE TABLE participant (
  id          INTEGER PRIMARY KEY,
  meeting_id  INTEGER NOT NULL REFERENCES meeting (id) ON DELETE CASCADE,
  person_id   INTEGER REFERENCES person (id) ON DELETE SET NULL,
  name        TEXT,
  agency_name TEXT,
  role        TEXT NOT NULL DEFAULT 'attendee'
              CHECK (role IN ('chair', 'recorder', 'presenter', 'family', 'attendee')),
  partstat    TEXT NOT NULL DEFAULT 'needs-action'
              CHECK (partstat IN ('needs-action', 'accepted', 'declined', 'tentative')),
  attendance  TEXT NOT NULL DEFAULT 'unknown'
              CHECK (attendance IN ('unknown', 'present', 'online', 'absent')),
  CHECK (person_id IS NOT NULL OR name IS NOT NULL)
);
CREATE INDEX participant_meeting ON participant (meeting_id);
CREATE INDEX participant_person ON participant (person_id);

CREATE TABLE agenda_item (
  id              INTEGER PRIMARY KEY,
  meeting_id      INTEGER NOT NULL REFERENCES meeting (id) ON DELETE CASCADE,
  position        INTEGER NOT NULL DEFAULT 0,
  title           TEXT NOT NULL CHECK (title <> ''),
  presenter       TEXT,
  planned_minutes INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX agenda_item_meeting ON agenda_item (meeting_id, position);

-- One row per revision; a confirmed revision is never changed again.
CREATE TABLE minutes (
  id              INTEGER PRIMARY KEY,
  meeting_id      INTEGER NOT NULL REFERENCES meeting (id) ON DELETE CASCADE,
  revision        INTEGER NOT NULL DEFAULT 1,
  state           TEXT NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'confirmed')),
  confirmed_by    TEXT,
  confirmed_at    INTEGER,
  next_meeting_at INTEGER,
  summary         TEXT,
  updated_at      INTEGER NOT NULL DEFAULT 0,
  UNIQUE (meeting_id, revision)
);

CREATE TABLE discussion (
  id             INTEGER PRIMARY KEY,
  minutes_id     INTEGER NOT NULL REFERENCES minutes (id) ON DELETE CASCADE,
  agenda_item_id INTEGER REFERENCES agenda_item (id) ON DELETE SET NULL,
  position       INTEGER NOT NULL DEFAULT 0,
  body           TEXT
);
CREATE INDEX discussion_minutes ON discussion (minutes_id, position);

CREATE TABLE decision (
  id            INTEGER PRIMARY KEY,
  minutes_id    INTEGER NOT NULL REFERENCES minutes (id) ON DELETE CASCADE,
  position      INTEGER NOT NULL DEFAULT 0,
  body          TEXT NOT NULL CHECK (body <> ''),
  good_practice INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX decision_minutes ON decision (minutes_id, position);
CREATE INDEX decision_good_practice ON decision (good_practice) WHERE good_practice;

CREATE TABLE action_item (
  id                 INTEGER PRIMARY KEY,
  minutes_id         INTEGER REFERENCES minutes (id) ON DELETE SET NULL,
  case_id            INTEGER REFERENCES child_case (id) ON DELETE CASCADE,
  what               TEXT NOT NULL CHECK (what <> ''),
  assignee_person_id INTEGER REFERENCES person (id) ON DELETE SET NULL,
  assignee_agency_id INTEGER REFERENCES agency (id) ON DELETE SET NULL,
  assignee_name      TEXT,
  due_on             TEXT,
  status             TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'dropped')),
  done_at            INTEGER
);
CREATE INDEX action_item_open ON action_item (case_id, due_on) WHERE status = 'open';
CREATE INDEX action_item_minutes ON action_item (minutes_id);

-- Who (the OS user) changed what and when. Never holds the content of a change.
CREATE TABLE audit_log (
  id        INTEGER PRIMARY KEY,
  at        INTEGER NOT NULL,
  user_name TEXT NOT NULL,
  action    TEXT NOT NULL CHECK (action IN ('insert', 'update', 'delete')),
  entity    TEXT NOT NULL,
  entity_id INTEGER NOT NULL
);
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id);

-- Search: one document per searchable row, kept current by triggers.  FTS5's trigram
-- tokenizer answers queries of three or more characters; shorter ones scan search_doc
-- with instr() and stop at the requested number of hits.
CREATE TABLE search_doc (
  id     INTEGER PRIMARY KEY,
  kind   TEXT NOT NULL,
  ref_id INTEGER NOT NULL,
  title  TEXT NOT NULL,
  body   TEXT NOT NULL DEFAULT '',
  UNIQUE (kind, ref_id)
);
CREATE VIRTUAL TABLE search_fts USING fts5 (title, body, content = 'search_doc',
                                            content_rowid = 'id', tokenize = 'trigram');

CREATE TRIGGER search_doc_ai AFTER INSERT ON search_doc BEGIN
  INSERT INTO search_fts (rowid, title, body) VALUES (new.id, new.title, new.body);
END;
CREATE TRIGGER search_doc_ad AFTER DELETE ON search_doc BEGIN
  INSERT INTO search_fts (search_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
END;
CREATE TRIGGER search_doc_au AFTER UPDATE ON search_doc BEGIN
  INSERT INTO search_fts (search_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
  INSERT INTO search_fts (rowid, title, body) VALUES (new.id, new.title, new.body);
END;

-- Search documents of each searchable table.
CREATE TRIGGER child_case_search_ai AFTER INSERT ON child_case BEGIN
  INSERT INTO search_doc (kind, ref_id, title, body)
  VALUES ('case', new.id, coalesce(new.code, ''), coalesce(new.child_name, '') || ' ' || coalesce(new.child_kana, '') || ' ' || coalesce(new.guardians, '') || ' ' || coalesce(new.notes, ''));
END;
CREATE TRIGGER child_case_search_au AFTER UPDATE OF code, child_name, child_kana, guardians, notes ON child_case BEGIN
  UPDATE search_doc SET title = coalesce(new.code, ''), body = coalesce(new.child_name, '') || ' ' || coalesce(new.child_kana, '') || ' ' || coalesce(new.guardians, '') || ' ' || coalesce(new.notes, '')
  WHERE kind = 'case' AND ref_id = new.id;
END;
CREATE TRIGGER child_case_search_ad AFTER DELETE ON child_case BEGIN
  DELETE FROM search_doc WHERE kind = 'case' AND ref_id = old.id;
END;
CREATE TRIGGER agency_search_ai AFTER INSERT ON agency BEGIN
  INSERT INTO search_doc (kind, ref_id, title, body)
  VALUES ('agency', new.id, coalesce(new.name, ''), coalesce(new.kana, '') || ' ' || coalesce(new.address, '') || ' ' || coalesce(new.services, '') || ' ' || coalesce(new.notes, ''));
END;
CREATE TRIGGER agency_search_au AFTER UPDATE OF name, kana, address, services, notes ON agency BEGIN
  UPDATE search_doc SET title = coalesce(new.name, ''), body = coalesce(new.kana, '') || ' ' || coalesce(new.address, '') || ' ' || coalesce(new.services, '') || ' ' || coalesce(new.notes, '')
  WHERE kind = 'agency' AND ref_id = new.id;
END;
CREATE TRIGGER agency_search_ad AFTER DELETE ON agency BEGIN
  DELETE FROM search_doc WHERE kind = 'agency' AND ref_id = old.id;
END;
CREATE TRIGGER person_search_ai AFTER INSERT ON person BEGIN
  INSERT INTO search_doc (kind, ref_id, title, body)
  VALUES ('person', new.id, coalesce(new.name, ''), coalesce(new.kana, '') || ' ' || coalesce(new.profession, '') || ' ' || coalesce(new.notes, ''));
END;
CREATE TRIGGER person_search_au AFTER UPDATE OF name, kana, profession, notes ON person BEGIN
  UPDATE search_doc SET title = coalesce(new.name, ''), body = coalesce(new.kana, '') || ' ' || coalesce(new.profession, '') || ' ' || coalesce(new.notes, '')
  WHERE kind = 'person' AND ref_id = new.id;
END;
CREATE TRIGGER person_search_ad AFTER DELETE ON person BEGIN
  DELETE FROM search_doc WHERE kind = 'person' AND ref_id = old.id;
END;
CREATE TRIGGER meeting_search_ai AFTER INSERT ON meeting BEGIN
  INSERT INTO search_doc (kind, ref_id, title, body)
  VALUES ('meeting', new.id, coalesce(new.title, ''), coalesce(new.location, '') || ' ' || coalesce(new.notes, ''));
END;
CREATE TRIGGER meeting_search_au AFTER UPDATE OF title, location, notes ON meeting BEGIN
  UPDATE search_doc SET title = coalesce(new.title, ''), body = coalesce(new.location, '') || ' ' || coalesce(new.notes, '')
  WHERE kind = 'meeting' AND ref_id = new.id;
END;
CREATE TRIGGER meeting_search_ad AFTER DELETE ON meeting BEGIN
  DELETE FROM search_doc WHERE kind = 'meeting' AND ref_id = old.id;
END;
CREATE TRIGGER agenda_item_search_ai AFTER INSERT ON agenda_item BEGIN
  INSERT INTO search_doc (kind, ref_id, title, body)
  VALUES ('agenda', new.id, coalesce(new.title, ''), coalesce(new.presenter, ''));
END;
CREATE TRIGGER agenda_item_search_au AFTER UPDATE OF title, presenter ON agenda_item BEGIN
  UPDATE search_doc SET title = coalesce(new.title, ''), body = coalesce(new.presenter, '')
  WHERE kind = 'agenda' AND ref_id = new.id;
END;
CREATE TRIGGER agenda_item_search_ad AFTER DELETE ON agenda_item BEGIN
  DELETE FROM search_doc WHERE kind = 'agenda' AND ref_id = old.id;
END;
CREATE TRIGGER minutes_search_ai AFTER INSERT ON minutes BEGIN
  INSERT INTO search_doc (kind, ref_id, title, body)
  VALUES ('minutes', new.id, '', coalesce(new.summary, ''));
END;
CREATE TRIGGER minutes_search_au AFTER UPDATE OF summary ON minutes BEGIN
  UPDATE search_doc SET title = '', body = coalesce(new.summary, '')
  WHERE kind = 'minutes' AND ref_id = new.id;
END;
CREATE TRIGGER minutes_search_ad AFTER DELETE ON minutes BEGIN
  DELETE FROM search_doc WHERE kind = 'minutes' AND ref_id = old.id;
END;
CREATE TRIGGER discussion_search_ai AFTER INSERT ON discussion BEGIN
  INSERT INTO search_doc (kind, ref_id, title, body)
  VALUES ('discussion', new.id, '', coalesce(new.body, ''));
END;
CREATE TRIGGER discussion_search_au AFTER UPDATE OF body ON discussion BEGIN
  UPDATE search_doc SET title = '', body = coalesce(new.body, '')
  WHERE kind = 'discussion' AND ref_id = new.id;
END;
CREATE TRIGGER discussion_search_ad AFTER DELETE ON discussion BEGIN
  DELETE FROM search_doc WHERE kind = 'discussion' AND ref_id = old.id;
END;
CREATE TRIGGER decision_search_ai AFTER INSERT ON decision BEGIN
  INSERT INTO search_doc (kind, ref_id, title, body)
  VALUES ('decision', new.id, '', coalesce(new.body, ''));
END;
CREATE TRIGGER decision_search_au AFTER UPDATE OF body ON decision BEGIN
  UPDATE search_doc SET title = '', body = coalesce(new.body, '')
  WHERE kind = 'decision' AND ref_id = new.id;
END;
CREATE TRIGGER decision_search_ad AFTER DELETE ON decision BEGIN
  DELETE FROM search_doc WHERE kind = 'decision' AND ref_id = old.id;
END;

-- Agenda templates that staff saved (the built-in ones live in the code, translated).
CREATE TABLE agenda_template (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL UNIQUE CHECK (name <> ''),
  created_at INTEGER NOT NULL DEFAULT (unixepoch ())
);

CREATE TABLE agenda_template_item (
  id              INTEGER PRIMARY KEY,
  template_id     INTEGER NOT NULL REFERENCES agenda_template (id) ON DELETE CASCADE,
  position        INTEGER NOT NULL DEFAULT 0,
  title           TEXT NOT NULL CHECK (title <> ''),
  planned_minutes INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX agenda_template_item_template ON agenda_template_item (template_id, position);
