/* tsu-ical-plan-row.h
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "model/tsu-meeting.h"

G_BEGIN_DECLS

typedef enum {
  TSU_ICAL_ACTION_ADD,     /* a new meeting (or overridden occurrence) */
  TSU_ICAL_ACTION_UPDATE,  /* replaces the stored meeting with the same UID */
  TSU_ICAL_ACTION_SKIP,    /* left out; the reason says why */
} TsuIcalAction;

#define TSU_TYPE_ICAL_PLAN_ROW (tsu_ical_plan_row_get_type ())
G_DECLARE_FINAL_TYPE (TsuIcalPlanRow, tsu_ical_plan_row, TSU, ICAL_PLAN_ROW, GObject)

TsuIcalAction  tsu_ical_plan_row_get_action        (TsuIcalPlanRow *self);
const char    *tsu_ical_plan_row_get_uid           (TsuIcalPlanRow *self);
const char    *tsu_ical_plan_row_get_title         (TsuIcalPlanRow *self);
gint64         tsu_ical_plan_row_get_starts_at     (TsuIcalPlanRow *self);
gint64         tsu_ical_plan_row_get_recurrence_id (TsuIcalPlanRow *self);
const char    *tsu_ical_plan_row_get_reason        (TsuIcalPlanRow *self);
guint          tsu_ical_plan_row_get_line          (TsuIcalPlanRow *self);
TsuMeeting    *tsu_ical_plan_row_get_meeting       (TsuIcalPlanRow *self);
guint          tsu_ical_plan_row_get_n_participants (TsuIcalPlanRow *self);

G_END_DECLS
