/* tsu-ical-plan.h
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "tsu-ical-plan-row.h"

G_BEGIN_DECLS

#define TSU_TYPE_ICAL_PLAN (tsu_ical_plan_get_type ())
G_DECLARE_FINAL_TYPE (TsuIcalPlan, tsu_ical_plan, TSU, ICAL_PLAN, GObject)

guint    tsu_ical_plan_get_n_added   (TsuIcalPlan *self);
guint    tsu_ical_plan_get_n_updated (TsuIcalPlan *self);
guint    tsu_ical_plan_get_n_skipped (TsuIcalPlan *self);
gboolean tsu_ical_plan_is_empty      (TsuIcalPlan *self);
gboolean tsu_ical_plan_get_applied   (TsuIcalPlan *self);

G_END_DECLS
