/* tsu-participant.h
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tsu-record.h"

G_BEGIN_DECLS

typedef enum {
  TSU_PARTICIPANT_FIELD_MEETING_ID,
  TSU_PARTICIPANT_FIELD_PERSON_ID,
  TSU_PARTICIPANT_FIELD_NAME,
  TSU_PARTICIPANT_FIELD_AGENCY_NAME,
  TSU_PARTICIPANT_FIELD_ROLE,
  TSU_PARTICIPANT_FIELD_PARTSTAT,
  TSU_PARTICIPANT_FIELD_ATTENDANCE,
  TSU_PARTICIPANT_N_FIELDS
} TsuParticipantField;

#define TSU_TYPE_PARTICIPANT (tsu_participant_get_type ())
G_DECLARE_FINAL_TYPE (TsuParticipant, tsu_participant, TSU, PARTICIPANT, TsuRecord)

TsuParticipant *tsu_participant_new (void);

TSU_RECORD_DECLARE_INT (tsu_participant, TsuParticipant, meeting_id)
TSU_RECORD_DECLARE_INT (tsu_participant, TsuParticipant, person_id)
TSU_RECORD_DECLARE_TEXT (tsu_participant, TsuParticipant, name)
TSU_RECORD_DECLARE_TEXT (tsu_participant, TsuParticipant, agency_name)
TSU_RECORD_DECLARE_TEXT (tsu_participant, TsuParticipant, role)
TSU_RECORD_DECLARE_TEXT (tsu_participant, TsuParticipant, partstat)
TSU_RECORD_DECLARE_TEXT (tsu_participant, TsuParticipant, attendance)

G_END_DECLS
