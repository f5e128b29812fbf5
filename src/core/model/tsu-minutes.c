/* tsu-minutes.c
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tsu-minutes"

#include "config.h"

#include "tsu-minutes.h"

/* TsuMinutes: one revision of the minutes of a meeting (議事録). */

struct _TsuMinutes
{
  TsuRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (TsuMinutes, tsu_minutes, TSU_TYPE_RECORD)

static const TsuField fields[TSU_MINUTES_N_FIELDS] = {
  [TSU_MINUTES_FIELD_MEETING_ID] = { "meeting_id", TSU_FIELD_REF, TSU_FIELD_REQUIRED },
  [TSU_MINUTES_FIELD_REVISION] = { "revision", TSU_FIELD_INT, 0 },
  [TSU_MINUTES_FIELD_STATE] = { "state", TSU_FIELD_TEXT, TSU_FIELD_REQUIRED },
  [TSU_MINUTES_FIELD_CONFIRMED_BY] = { "confirmed_by", TSU_FIELD_TEXT, 0 },
  [TSU_MINUTES_FIELD_CONFIRMED_AT] = { "confirmed_at", TSU_FIELD_INT, TSU_FIELD_UNSET_0 },
  [TSU_MINUTES_FIELD_NEXT_MEETING_AT] = { "next_meeting_at", TSU_FIELD_INT, TSU_FIELD_UNSET_0 },
  [TSU_MINUTES_FIELD_SUMMARY] = { "summary", TSU_FIELD_TEXT, TSU_FIELD_LONG },
  [TSU_MINUTES_FIELD_UPDATED_AT] = { "updated_at", TSU_FIELD_INT, 0 },
};

TSU_RECORD_INT_ACCESSORS (tsu_minutes, TsuMinutes, meeting_id, TSU_MINUTES_FIELD_MEETING_ID)
TSU_RECORD_INT_ACCESSORS (tsu_minutes, TsuMinutes, revision, TSU_MINUTES_FIELD_REVISION)
TSU_RECORD_TEXT_ACCESSORS (tsu_minutes, TsuMinutes, state, TSU_MINUTES_FIELD_STATE)
TSU_RECORD_TEXT_ACCESSORS (tsu_minutes, TsuMinutes, confirmed_by, TSU_MINUTES_FIELD_CONFIRMED_BY)
TSU_RECORD_INT_ACCESSORS (tsu_minutes, TsuMinutes, confirmed_at, TSU_MINUTES_FIELD_CONFIRMED_AT)
TSU_RECORD_INT_ACCESSORS (tsu_minutes, TsuMinutes, next_meeting_at, TSU_MINUTES_FIELD_NEXT_MEETING_AT)
TSU_RECORD_TEXT_ACCESSORS (tsu_minutes, TsuMinutes, summary, TSU_MINUTES_FIELD_SUMMARY)
TSU_RECORD_INT_ACCESSORS (tsu_minutes, TsuMinutes, updated_at, TSU_MINUTES_FIELD_UPDATED_AT)

static void
tsu_minutes_class_init (TsuMinutesClass *klass)
{
  tsu_record_class_set_fields (TSU_RECORD_CLASS (klass), "minutes", fields, G_N_ELEMENTS (fields));
}

static void
tsu_minutes_init (TsuMinutes *self)
{
}

TsuMinutes *
tsu_minutes_new (void)
{
  TsuMinutes *self = g_object_new (TSU_TYPE_MINUTES, NULL);

  tsu_minutes_set_state (self, "draft");
  tsu_minutes_set_revision (self, 1);

  return self;
}
