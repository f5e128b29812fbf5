/* tsu-minutes.h
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tsu-record.h"

G_BEGIN_DECLS

typedef enum {
  TSU_MINUTES_FIELD_MEETING_ID,
  TSU_MINUTES_FIELD_REVISION,
  TSU_MINUTES_FIELD_STATE,
  TSU_MINUTES_FIELD_CONFIRMED_BY,
  TSU_MINUTES_FIELD_CONFIRMED_AT,
  TSU_MINUTES_FIELD_NEXT_MEETING_AT,
  TSU_MINUTES_FIELD_SUMMARY,
  TSU_MINUTES_FIELD_UPDATED_AT,
  TSU_MINUTES_N_FIELDS
} TsuMinutesField;

#define TSU_TYPE_MINUTES (tsu_minutes_get_type ())
G_DECLARE_FINAL_TYPE (TsuMinutes, tsu_minutes, TSU, MINUTES, TsuRecord)

TsuMinutes *tsu_minutes_new (void);

TSU_RECORD_DECLARE_INT (tsu_minutes, TsuMinutes, meeting_id)
TSU_RECORD_DECLARE_INT (tsu_minutes, TsuMinutes, revision)
TSU_RECORD_DECLARE_TEXT (tsu_minutes, TsuMinutes, state)
TSU_RECORD_DECLARE_TEXT (tsu_minutes, TsuMinutes, confirmed_by)
TSU_RECORD_DECLARE_INT (tsu_minutes, TsuMinutes, confirmed_at)
TSU_RECORD_DECLARE_INT (tsu_minutes, TsuMinutes, next_meeting_at)
TSU_RECORD_DECLARE_TEXT (tsu_minutes, TsuMinutes, summary)
TSU_RECORD_DECLARE_INT (tsu_minutes, TsuMinutes, updated_at)

G_END_DECLS
