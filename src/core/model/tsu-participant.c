/* tsu-participant.c
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tsu-participant"

#include "config.h"

#include "tsu-participant.h"

/* TsuParticipant: a participant of a meeting. */

struct _TsuParticipant
{
  TsuRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (TsuParticipant, tsu_participant, TSU_TYPE_RECORD)

static const TsuField fields[TSU_PARTICIPANT_N_FIELDS] = {
  [TSU_PARTICIPANT_FIELD_MEETING_ID] = { "meeting_id", TSU_FIELD_REF, TSU_FIELD_REQUIRED },
  [TSU_PARTICIPANT_FIELD_PERSON_ID] = { "person_id", TSU_FIELD_REF, 0 },
  [TSU_PARTICIPANT_FIELD_NAME] = { "name", TSU_FIELD_TEXT, 0 },
  [TSU_PARTICIPANT_FIELD_AGENCY_NAME] = { "agency_name", TSU_FIELD_TEXT, 0 },
  [TSU_PARTICIPANT_FIELD_ROLE] = { "role", TSU_FIELD_TEXT, TSU_FIELD_REQUIRED },
  [TSU_PARTICIPANT_FIELD_PARTSTAT] = { "partstat", TSU_FIELD_TEXT, TSU_FIELD_REQUIRED },
  [TSU_PARTICIPANT_FIELD_ATTENDANCE] = { "attendance", TSU_FIELD_TEXT, TSU_FIELD_REQUIRED },
};

TSU_RECORD_INT_ACCESSORS (tsu_participant, TsuParticipant, meeting_id, TSU_PARTICIPANT_FIELD_MEETING_ID)
TSU_RECORD_INT_ACCESSORS (tsu_participant, TsuParticipant, person_id, TSU_PARTICIPANT_FIELD_PERSON_ID)
TSU_RECORD_TEXT_ACCESSORS (tsu_participant, TsuParticipant, name, TSU_PARTICIPANT_FIELD_NAME)
TSU_RECORD_TEXT_ACCESSORS (tsu_participant, TsuParticipant, agency_name, TSU_PARTICIPANT_FIELD_AGENCY_NAME)
TSU_RECORD_TEXT_ACCESSORS (tsu_participant, TsuParticipant, role, TSU_PARTICIPANT_FIELD_ROLE)
TSU_RECORD_TEXT_ACCESSORS (tsu_participant, TsuParticipant, partstat, TSU_PARTICIPANT_FIELD_PARTSTAT)
TSU_RECORD_TEXT_ACCESSORS (tsu_participant, TsuParticipant, attendance, TSU_PARTICIPANT_FIELD_ATTENDANCE)

static void
tsu_participant_class_init (TsuParticipantClass *klass)
{
  tsu_record_class_set_fields (TSU_RECORD_CLASS (klass), "participant", fields, G_N_ELEMENTS (fields));
}

static void
tsu_participant_init (TsuParticipant *self)
{
}

TsuParticipant *
tsu_participant_new (void)
{
  TsuParticipant *self = g_object_new (TSU_TYPE_PARTICIPANT, NULL);

  tsu_participant_set_role (self, "attendee");
  tsu_participant_set_partstat (self, "needs-action");
  tsu_participant_set_attendance (self, "unknown");

  return self;
}
