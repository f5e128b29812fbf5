/* tsu-ical-plan-private.h: what the importer sets on a plan and its rows
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tsu-ical-plan.h"
#include "tsu-ical-plan-row.h"

G_BEGIN_DECLS

struct _TsuIcalPlanRow
{
  GObject         parent_instance;

  TsuIcalAction   action;
  char           *uid;
  char           *title;
  gint64          starts_at;
  gint64          recurrence_id;   /* 0 unless an overridden occurrence */
  char           *reason;          /* why skipped, or a warning; NULL when neither */
  guint           line;            /* where the component starts in the file */

  TsuMeeting     *meeting;         /* the meeting as it will be written (not for SKIP) */
  GPtrArray      *participants;    /* TsuParticipant, as they will be written */
  GPtrArray      *file_people;     /* TsuParticipant, as the file lists them */
  gint64          existing_id;     /* the stored row an UPDATE replaces */
  gint64          existing_sequence;
  TsuIcalPlanRow *master;          /* (unowned) an added series an override belongs to */
  gint64          sequence;        /* SEQUENCE in the file */
  gint64          stamp;           /* DTSTAMP or LAST-MODIFIED, to order duplicates */
  gint64          series_id;       /* the stored series an override belongs to */
  gboolean        kind_given;      /* the file names the meeting's kind */
  gboolean        reply;           /* from a METHOD:REPLY: only answers change */
};

TsuIcalPlanRow *tsu_ical_plan_row_new         (void);
void            tsu_ical_plan_row_skip        (TsuIcalPlanRow *self,
                                               const char     *reason);
void            tsu_ical_plan_row_add_warning (TsuIcalPlanRow *self,
                                               const char     *warning);

TsuIcalPlan    *tsu_ical_plan_new             (void);
void            tsu_ical_plan_take_rows       (TsuIcalPlan    *self,
                                               GPtrArray      *rows);
GPtrArray      *tsu_ical_plan_get_rows        (TsuIcalPlan    *self);
void            tsu_ical_plan_set_applied     (TsuIcalPlan    *self);

/* For the test that compares the importer's two readers of events. */
void            tsu_ical_import_set_plain_reader (gboolean     enabled);

G_END_DECLS
