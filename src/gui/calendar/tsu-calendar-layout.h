/* tsu-calendar-layout.h
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Seconds in a day. Japan has had no daylight saving time since 1951, so every day of
 * the calendar (Asia/Tokyo) is this long. */
#define TSU_CALENDAR_DAY 86400

/* One meeting occurrence to place; times are Unix seconds, the end exclusive. */
typedef struct {
  gint64   starts_at;
  gint64   ends_at;
  gboolean all_day;
} TsuCalendarSpan;

/* A horizontal bar across the days of one week row (month view, and the all-day band
 * of the week view). A meeting that is hidden on some of its days is split into
 * several bars. */
typedef struct {
  guint    item;             /* index of the span given to the layout */
  guint    row;              /* week row */
  guint    first_column;     /* day of the week, 0 … 6 */
  guint    last_column;      /* inclusive */
  guint    lane;             /* line inside the day cells, from the top */
  gboolean continues_before; /* the meeting started before first_column */
  gboolean continues_after;  /* the meeting goes on after last_column */
} TsuCalendarBar;

/* A meeting inside the hour grid of the week view: meetings that overlap share the
 * width of their day in columns. */
typedef struct {
  guint item;
  guint day;
  guint column;
  guint n_columns;
  int   start_minute;       /* minutes after midnight, 0 … 1440 */
  int   end_minute;
} TsuCalendarBlock;

typedef struct _TsuCalendarLayout TsuCalendarLayout;

struct _TsuCalendarLayout
{
  gint64  first_day;  /* Unix seconds of midnight starting the first day */
  guint   n_days;     /* a multiple of 7 */
  guint   max_lanes;  /* lines a day cell shows, "+N more" included */
  GArray *bars;       /* of TsuCalendarBar, the ones shown */
  GArray *blocks;     /* of TsuCalendarBlock (week layouts only) */
  guint  *counts;     /* per day: meetings on that day (bars and blocks) */
  guint  *more;       /* per day: meetings hidden behind "+N more" */
};

TsuCalendarLayout *tsu_calendar_layout_new_month (gint64                 first_day,
                                                  guint                  n_days,
                                                  guint                  max_lanes,
                                                  const TsuCalendarSpan *spans,
                                                  guint                  n_spans);
TsuCalendarLayout *tsu_calendar_layout_new_week  (gint64                 first_day,
                                                  guint                  max_lanes,
                                                  const TsuCalendarSpan *spans,
                                                  guint                  n_spans);
void               tsu_calendar_layout_free      (TsuCalendarLayout     *self);

guint              tsu_calendar_layout_get_more  (const TsuCalendarLayout *self,
                                                  guint                    day);
guint              tsu_calendar_layout_get_count (const TsuCalendarLayout *self,
                                                  guint                    day);
guint              tsu_calendar_layout_n_lanes   (const TsuCalendarLayout *self,
                                                  guint                    row);

void               tsu_calendar_month_grid       (guint                  year,
                                                  guint                  month,
                                                  GDate                 *first_day);
void               tsu_calendar_week_start       (const GDate           *day,
                                                  GDate                 *first_day);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsuCalendarLayout, tsu_calendar_layout_free)

G_END_DECLS
