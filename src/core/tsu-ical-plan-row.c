/* tsu-ical-plan-row.c
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tsu-ical-plan-row"

#include "config.h"

#include "tsu-ical-plan-private.h"

/* TsuIcalPlanRow: one event of an .ics file and what importing it will do. Rows are
 * read-only once the importer made them, so a view can show them from any thread. */

G_DEFINE_FINAL_TYPE (TsuIcalPlanRow, tsu_ical_plan_row, G_TYPE_OBJECT)

static void
tsu_ical_plan_row_finalize (GObject *object)
{
  TsuIcalPlanRow *self = TSU_ICAL_PLAN_ROW (object);

  g_free (self->uid);
  g_free (self->title);
  g_free (self->reason);
  g_clear_object (&self->meeting);
  g_clear_pointer (&self->participants, g_ptr_array_unref);
  g_clear_pointer (&self->file_people, g_ptr_array_unref);

  G_OBJECT_CLASS (tsu_ical_plan_row_parent_class)->finalize (object);
}

static void
tsu_ical_plan_row_class_init (TsuIcalPlanRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tsu_ical_plan_row_finalize;
}

static void
tsu_ical_plan_row_init (TsuIcalPlanRow *self)
{
  self->participants = g_ptr_array_new_with_free_func (g_object_unref);
}

TsuIcalPlanRow *
tsu_ical_plan_row_new (void)
{
  return g_object_new (TSU_TYPE_ICAL_PLAN_ROW, NULL);
}

/* Marks the row as skipped for @reason; what it would have written is dropped. */
void
tsu_ical_plan_row_skip (TsuIcalPlanRow *self,
                        const char     *reason)
{
  g_return_if_fail (TSU_IS_ICAL_PLAN_ROW (self));

  self->action = TSU_ICAL_ACTION_SKIP;
  g_free (self->reason);
  self->reason = g_strdup (reason);
  g_clear_object (&self->meeting);
  g_ptr_array_unref (self->participants);
  self->participants = g_ptr_array_new_with_free_func (g_object_unref);
}

/* Notes something the import changes or leaves out of an event it keeps. */
void
tsu_ical_plan_row_add_warning (TsuIcalPlanRow *self,
                               const char     *warning)
{
  char *joined;

  g_return_if_fail (TSU_IS_ICAL_PLAN_ROW (self));

  joined = self->reason != NULL ? g_strconcat (self->reason, " ", warning, NULL) : g_strdup (warning);
  g_free (self->reason);
  self->reason = joined;
}

TsuIcalAction
tsu_ical_plan_row_get_action (TsuIcalPlanRow *self)
{
  g_return_val_if_fail (TSU_IS_ICAL_PLAN_ROW (self), TSU_ICAL_ACTION_SKIP);

  return self->action;
}

const char *
tsu_ical_plan_row_get_uid (TsuIcalPlanRow *self)
{
  g_return_val_if_fail (TSU_IS_ICAL_PLAN_ROW (self), NULL);

  return self->uid;
}

const char *
tsu_ical_plan_row_get_title (TsuIcalPlanRow *self)
{
  g_return_val_if_fail (TSU_IS_ICAL_PLAN_ROW (self), NULL);

  return self->title;
}

/**
 * tsu_ical_plan_row_get_starts_at:
 *
 * Returns: the start, Unix seconds, or 0 when the event had none that could be read
 */
gint64
tsu_ical_plan_row_get_starts_at (TsuIcalPlanRow *self)
{
  g_return_val_if_fail (TSU_IS_ICAL_PLAN_ROW (self), 0);

  return self->starts_at;
}

/**
 * tsu_ical_plan_row_get_recurrence_id:
 *
 * Returns: for an overridden occurrence, the start it replaces; else 0
 */
gint64
tsu_ical_plan_row_get_recurrence_id (TsuIcalPlanRow *self)
{
  g_return_val_if_fail (TSU_IS_ICAL_PLAN_ROW (self), 0);

  return self->recurrence_id;
}

/**
 * tsu_ical_plan_row_get_reason:
 *
 * Returns: (nullable): for a skipped row why; for others what the import changes
 *   or leaves out, if anything (translated)
 */
const char *
tsu_ical_plan_row_get_reason (TsuIcalPlanRow *self)
{
  g_return_val_if_fail (TSU_IS_ICAL_PLAN_ROW (self), NULL);

  return self->reason;
}

/**
 * tsu_ical_plan_row_get_line:
 *
 * Returns: the line of the file where the event begins (1 is the first)
 */
guint
tsu_ical_plan_row_get_line (TsuIcalPlanRow *self)
{
  g_return_val_if_fail (TSU_IS_ICAL_PLAN_ROW (self), 0);

  return self->line;
}

/**
 * tsu_ical_plan_row_get_meeting:
 *
 * Returns: (transfer none) (nullable): the meeting as the import will write it; %NULL
 *   for a skipped row. Do not change it.
 */
TsuMeeting *
tsu_ical_plan_row_get_meeting (TsuIcalPlanRow *self)
{
  g_return_val_if_fail (TSU_IS_ICAL_PLAN_ROW (self), NULL);

  return self->meeting;
}

guint
tsu_ical_plan_row_get_n_participants (TsuIcalPlanRow *self)
{
  g_return_val_if_fail (TSU_IS_ICAL_PLAN_ROW (self), 0);

  return self->participants->len;
}
