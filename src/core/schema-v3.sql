-- Tsunagu database schema, version 3: the audit log names the case a line concerns
-- and knows confirmations.
-- Applied in one transaction by TsuDatabase after version 2.

-- case_id is kept even when the row (or the case) is deleted later, so that a case's
-- history still shows who deleted a team member or a consultation. No foreign key:
-- the line outlives what it names.
CREATE TABLE audit_log_v3 (
  id        INTEGER PRIMARY KEY,
  at        INTEGER NOT NULL,
  user_name TEXT NOT NULL,
  action    TEXT NOT NULL CHECK (action IN ('insert', 'update', 'delete', 'confirm')),
  entity    TEXT NOT NULL,
  entity_id INTEGER NOT NULL,
  case_id   INTEGER
);

INSERT INTO audit_log_v3 (id, at, user_name, action, entity, entity_id, case_id)
  SELECT a.id, a.at, a.user_name, a.action, a.entity, a.entity_id,
         CASE a.entity
           WHEN 'child_case' THEN a.entity_id
           WHEN 'team_member' THEN (SELECT case_id FROM team_member WHERE id = a.entity_id)
           WHEN 'consent' THEN (SELECT case_id FROM consent WHERE id = a.entity_id)
           WHEN 'consultation' THEN (SELECT case_id FROM consultation WHERE id = a.entity_id)
           WHEN 'action_item' THEN (SELECT case_id FROM action_item WHERE id = a.entity_id)
           WHEN 'meeting' THEN (SELECT case_id FROM meeting WHERE id = a.entity_id)
           WHEN 'minutes' THEN (SELECT m.case_id FROM minutes AS r JOIN meeting AS m ON m.id = r.meeting_id
                                WHERE r.id = a.entity_id)
           WHEN 'participant' THEN (SELECT m.case_id FROM participant AS r JOIN meeting AS m ON m.id = r.meeting_id
                                    WHERE r.id = a.entity_id)
           WHEN 'agenda_item' THEN (SELECT m.case_id FROM agenda_item AS r JOIN meeting AS m ON m.id = r.meeting_id
                                    WHERE r.id = a.entity_id)
           WHEN 'discussion' THEN (SELECT m.case_id FROM discussion AS d JOIN minutes AS r ON r.id = d.minutes_id
                                   JOIN meeting AS m ON m.id = r.meeting_id WHERE d.id = a.entity_id)
           WHEN 'decision' THEN (SELECT m.case_id FROM decision AS d JOIN minutes AS r ON r.id = d.minutes_id
                                 JOIN meeting AS m ON m.id = r.meeting_id WHERE d.id = a.entity_id)
         END
  FROM audit_log AS a;

DROP TABLE audit_log;
ALTER TABLE audit_log_v3 RENAME TO audit_log;
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id);
CREATE INDEX audit_log_case ON audit_log (case_id, at) WHERE case_id IS NOT NULL;
