/* tsu-meeting.h
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tsu-record.h"

G_BEGIN_DECLS

typedef enum {
  TSU_MEETING_FIELD_UID,
  TSU_MEETING_FIELD_KIND,
  TSU_MEETING_FIELD_TITLE,
  TSU_MEETING_FIELD_STARTS_AT,
  TSU_MEETING_FIELD_ENDS_AT,
  TSU_MEETING_FIELD_TZID,
  TSU_MEETING_FIELD_ALL_DAY,
  TSU_MEETING_FIELD_LOCATION,
  TSU_MEETING_FIELD_URL,
  TSU_MEETING_FIELD_MUNICIPALITY_ID,
  TSU_MEETING_FIELD_CASE_ID,
  TSU_MEETING_FIELD_ORGANIZER_ID,
  TSU_MEETING_FIELD_STATUS,
  TSU_MEETING_FIELD_NOTES,
  TSU_MEETING_FIELD_RRULE,
  TSU_MEETING_FIELD_EXDATES,
  TSU_MEETING_FIELD_SERIES_ID,
  TSU_MEETING_FIELD_RECURRENCE_ID,
  TSU_MEETING_FIELD_SEQUENCE,
  TSU_MEETING_N_FIELDS
} TsuMeetingField;

#define TSU_TYPE_MEETING (tsu_meeting_get_type ())
G_DECLARE_FINAL_TYPE (TsuMeeting, tsu_meeting, TSU, MEETING, TsuRecord)

TsuMeeting *tsu_meeting_new (void);

TSU_RECORD_DECLARE_TEXT (tsu_meeting, TsuMeeting, uid)
TSU_RECORD_DECLARE_TEXT (tsu_meeting, TsuMeeting, kind)
TSU_RECORD_DECLARE_TEXT (tsu_meeting, TsuMeeting, title)
TSU_RECORD_DECLARE_INT (tsu_meeting, TsuMeeting, starts_at)
TSU_RECORD_DECLARE_INT (tsu_meeting, TsuMeeting, ends_at)
TSU_RECORD_DECLARE_TEXT (tsu_meeting, TsuMeeting, tzid)
TSU_RECORD_DECLARE_BOOL (tsu_meeting, TsuMeeting, all_day)
TSU_RECORD_DECLARE_TEXT (tsu_meeting, TsuMeeting, location)
TSU_RECORD_DECLARE_TEXT (tsu_meeting, TsuMeeting, url)
TSU_RECORD_DECLARE_INT (tsu_meeting, TsuMeeting, municipality_id)
TSU_RECORD_DECLARE_INT (tsu_meeting, TsuMeeting, case_id)
TSU_RECORD_DECLARE_INT (tsu_meeting, TsuMeeting, organizer_id)
TSU_RECORD_DECLARE_TEXT (tsu_meeting, TsuMeeting, status)
TSU_RECORD_DECLARE_TEXT (tsu_meeting, TsuMeeting, notes)
TSU_RECORD_DECLARE_TEXT (tsu_meeting, TsuMeeting, rrule)
TSU_RECORD_DECLARE_TEXT (tsu_meeting, TsuMeeting, exdates)
TSU_RECORD_DECLARE_INT (tsu_meeting, TsuMeeting, series_id)
TSU_RECORD_DECLARE_INT (tsu_meeting, TsuMeeting, recurrence_id)
TSU_RECORD_DECLARE_INT (tsu_meeting, TsuMeeting, sequence)

G_END_DECLS
