/* tsu-meeting.c
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tsu-meeting"

#include "config.h"

#include "tsu-meeting.h"

/* TsuMeeting: a meeting, a recurring series or one overridden occurrence of a series. */

struct _TsuMeeting
{
  TsuRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (TsuMeeting, tsu_meeting, TSU_TYPE_RECORD)

static const TsuField fields[TSU_MEETING_N_FIELDS] = {
  [TSU_MEETING_FIELD_UID] = { "uid", TSU_FIELD_TEXT, TSU_FIELD_REQUIRED },
  [TSU_MEETING_FIELD_KIND] = { "kind", TSU_FIELD_TEXT, TSU_FIELD_REQUIRED },
  [TSU_MEETING_FIELD_TITLE] = { "title", TSU_FIELD_TEXT, TSU_FIELD_REQUIRED },
  [TSU_MEETING_FIELD_STARTS_AT] = { "starts_at", TSU_FIELD_INT, 0 },
  [TSU_MEETING_FIELD_ENDS_AT] = { "ends_at", TSU_FIELD_INT, 0 },
  [TSU_MEETING_FIELD_TZID] = { "tzid", TSU_FIELD_TEXT, TSU_FIELD_REQUIRED },
  [TSU_MEETING_FIELD_ALL_DAY] = { "all_day", TSU_FIELD_BOOL, 0 },
  [TSU_MEETING_FIELD_LOCATION] = { "location", TSU_FIELD_TEXT, 0 },
  [TSU_MEETING_FIELD_URL] = { "url", TSU_FIELD_TEXT, 0 },
  [TSU_MEETING_FIELD_MUNICIPALITY_ID] = { "municipality_id", TSU_FIELD_REF, 0 },
  [TSU_MEETING_FIELD_CASE_ID] = { "case_id", TSU_FIELD_REF, 0 },
  [TSU_MEETING_FIELD_ORGANIZER_ID] = { "organizer_id", TSU_FIELD_REF, 0 },
  [TSU_MEETING_FIELD_STATUS] = { "status", TSU_FIELD_TEXT, TSU_FIELD_REQUIRED },
  [TSU_MEETING_FIELD_NOTES] = { "notes", TSU_FIELD_TEXT, TSU_FIELD_LONG },
  [TSU_MEETING_FIELD_RRULE] = { "rrule", TSU_FIELD_TEXT, 0 },
  [TSU_MEETING_FIELD_EXDATES] = { "exdates", TSU_FIELD_TEXT, 0 },
  [TSU_MEETING_FIELD_SERIES_ID] = { "series_id", TSU_FIELD_REF, 0 },
  [TSU_MEETING_FIELD_RECURRENCE_ID] = { "recurrence_id", TSU_FIELD_INT, TSU_FIELD_UNSET_0 },
  [TSU_MEETING_FIELD_SEQUENCE] = { "sequence", TSU_FIELD_INT, 0 },
};

TSU_RECORD_TEXT_ACCESSORS (tsu_meeting, TsuMeeting, uid, TSU_MEETING_FIELD_UID)
TSU_RECORD_TEXT_ACCESSORS (tsu_meeting, TsuMeeting, kind, TSU_MEETING_FIELD_KIND)
TSU_RECORD_TEXT_ACCESSORS (tsu_meeting, TsuMeeting, title, TSU_MEETING_FIELD_TITLE)
TSU_RECORD_INT_ACCESSORS (tsu_meeting, TsuMeeting, starts_at, TSU_MEETING_FIELD_STARTS_AT)
TSU_RECORD_INT_ACCESSORS (tsu_meeting, TsuMeeting, ends_at, TSU_MEETING_FIELD_ENDS_AT)
TSU_RECORD_TEXT_ACCESSORS (tsu_meeting, TsuMeeting, tzid, TSU_MEETING_FIELD_TZID)
TSU_RECORD_BOOL_ACCESSORS (tsu_meeting, TsuMeeting, all_day, TSU_MEETING_FIELD_ALL_DAY)
TSU_RECORD_TEXT_ACCESSORS (tsu_meeting, TsuMeeting, location, TSU_MEETING_FIELD_LOCATION)
TSU_RECORD_TEXT_ACCESSORS (tsu_meeting, TsuMeeting, url, TSU_MEETING_FIELD_URL)
TSU_RECORD_INT_ACCESSORS (tsu_meeting, TsuMeeting, municipality_id, TSU_MEETING_FIELD_MUNICIPALITY_ID)
TSU_RECORD_INT_ACCESSORS (tsu_meeting, TsuMeeting, case_id, TSU_MEETING_FIELD_CASE_ID)
TSU_RECORD_INT_ACCESSORS (tsu_meeting, TsuMeeting, organizer_id, TSU_MEETING_FIELD_ORGANIZER_ID)
TSU_RECORD_TEXT_ACCESSORS (tsu_meeting, TsuMeeting, status, TSU_MEETING_FIELD_STATUS)
TSU_RECORD_TEXT_ACCESSORS (tsu_meeting, TsuMeeting, notes, TSU_MEETING_FIELD_NOTES)
TSU_RECORD_TEXT_ACCESSORS (tsu_meeting, TsuMeeting, rrule, TSU_MEETING_FIELD_RRULE)
TSU_RECORD_TEXT_ACCESSORS (tsu_meeting, TsuMeeting, exdates, TSU_MEETING_FIELD_EXDATES)
TSU_RECORD_INT_ACCESSORS (tsu_meeting, TsuMeeting, series_id, TSU_MEETING_FIELD_SERIES_ID)
TSU_RECORD_INT_ACCESSORS (tsu_meeting, TsuMeeting, recurrence_id, TSU_MEETING_FIELD_RECURRENCE_ID)
TSU_RECORD_INT_ACCESSORS (tsu_meeting, TsuMeeting, sequence, TSU_MEETING_FIELD_SEQUENCE)

static void
tsu_meeting_class_init (TsuMeetingClass *klass)
{
  tsu_record_class_set_fields (TSU_RECORD_CLASS (klass), "meeting", fields, G_N_ELEMENTS (fields));
}

static void
tsu_meeting_init (TsuMeeting *self)
{
}

TsuMeeting *
tsu_meeting_new (void)
{
  TsuMeeting *self = g_object_new (TSU_TYPE_MEETING, NULL);

  tsu_meeting_set_kind (self, "other");
  tsu_meeting_set_status (self, "scheduled");
  tsu_meeting_set_tzid (self, "Asia/Tokyo");

  return self;
}
