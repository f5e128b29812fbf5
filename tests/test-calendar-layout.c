/* test-calendar-layout.c: where the month and week views put each meeting
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib.h>

#include "tsu-calendar-layout.h"

/* No display needed: TsuCalendarLayout is a plain value. Times are built from a
 * made-up first day; a day is TSU_CALENDAR_DAY seconds. */

#define FIRST G_GINT64_CONSTANT (1800000000)
#define DAY   TSU_CALENDAR_DAY
#define HOUR  3600

static TsuCalendarSpan
timed (int day,
       int hour,
       int minutes)
{
  TsuCalendarSpan s = { FIRST + day * DAY + hour * HOUR, FIRST + day * DAY + hour * HOUR + minutes * 60, FALSE };
  return s;
}

static TsuCalendarSpan
all_day (int day,
         int days)
{
  TsuCalendarSpan s = { FIRST + day * DAY, FIRST + (day + days) * DAY, TRUE };
  return s;
}

static const TsuCalendarBar *
bar_of (const TsuCalendarLayout *layout,
        guint                    item,
        guint                    nth)
{
  for (guint i = 0; i < layout->bars->len; i++)
    {
      const TsuCalendarBar *bar = &g_array_index (layout->bars, TsuCalendarBar, i);

      if (bar->item == item && nth-- == 0)
        return bar;
    }
  g_error ("No bar %u of meeting %u", nth, item);
}

static void
test_month_grid (void)
{
  GDate first;

  /* November 2026 starts on a Sunday: the grid starts on the 1st. */
  tsu_calendar_month_grid (2026, 11, &first);
  g_assert_cmpuint (g_date_get_day (&first), ==, 1);
  g_assert_cmpuint (g_date_get_month (&first), ==, 11);

  /* December 2026 starts on a Tuesday: the grid starts on Sunday, November 29. */
  tsu_calendar_month_grid (2026, 12, &first);
  g_assert_cmpuint (g_date_get_day (&first), ==, 29);
  g_assert_cmpuint (g_date_get_month (&first), ==, 11);
  g_assert_cmpint (g_date_get_weekday (&first), ==, G_DATE_SUNDAY);
}

static void
test_single_day (void)
{
  TsuCalendarSpan spans[] = { timed (3, 10, 90), timed (3, 14, 60), timed (10, 9, 30) };
  g_autoptr(TsuCalendarLayout) layout = tsu_calendar_layout_new_month (FIRST, 42, 4, spans, 3);

  g_assert_cmpuint (layout->bars->len, ==, 3);
  g_assert_cmpuint (tsu_calendar_layout_get_count (layout, 3), ==, 2);
  g_assert_cmpuint (tsu_calendar_layout_get_count (layout, 10), ==, 1);
  g_assert_cmpuint (bar_of (layout, 0, 0)->lane, ==, 0);
  g_assert_cmpuint (bar_of (layout, 1, 0)->lane, ==, 1);
  g_assert_cmpuint (bar_of (layout, 2, 0)->row, ==, 1);
  g_assert_cmpuint (bar_of (layout, 2, 0)->first_column, ==, 3);
  for (guint day = 0; day < 42; day++)
    g_assert_cmpuint (tsu_calendar_layout_get_more (layout, day), ==, 0);
}

static void
test_more (void)
{
  TsuCalendarSpan spans[7];
  g_autoptr(TsuCalendarLayout) layout = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (spans); i++)
    spans[i] = timed (8, 9 + i, 30);

  /* Four lines: three meetings and "+4 more". */
  layout = tsu_calendar_layout_new_month (FIRST, 42, 4, spans, G_N_ELEMENTS (spans));
  g_assert_cmpuint (layout->bars->len, ==, 3);
  g_assert_cmpuint (tsu_calendar_layout_get_more (layout, 8), ==, 4);
  g_assert_cmpuint (tsu_calendar_layout_get_count (layout, 8), ==, 7);
  g_clear_pointer (&layout, tsu_calendar_layout_free);

  /* Room for all seven: no "+N more". */
  layout = tsu_calendar_layout_new_month (FIRST, 42, 7, spans, G_N_ELEMENTS (spans));
  g_assert_cmpuint (layout->bars->len, ==, 7);
  g_assert_cmpuint (tsu_calendar_layout_get_more (layout, 8), ==, 0);
}

static void
test_spanning (void)
{
  /* A conference from Friday to Tuesday crosses a week: two bars. A meeting on the
   * Saturday sits under it. */
  TsuCalendarSpan spans[] = { all_day (5, 5), timed (6, 10, 60) };
  g_autoptr(TsuCalendarLayout) layout = tsu_calendar_layout_new_month (FIRST, 42, 4, spans, 2);
  const TsuCalendarBar *first = bar_of (layout, 0, 0);
  const TsuCalendarBar *second = bar_of (layout, 0, 1);

  g_assert_nonnull (first);
  g_assert_nonnull (second);
  g_assert_cmpuint (first->row, ==, 0);
  g_assert_cmpuint (first->first_column, ==, 5);
  g_assert_cmpuint (first->last_column, ==, 6);
  g_assert_false (first->continues_before);
  g_assert_true (first->continues_after);
  g_assert_cmpuint (second->row, ==, 1);
  g_assert_cmpuint (second->first_column, ==, 0);
  g_assert_cmpuint (second->last_column, ==, 2);
  g_assert_true (second->continues_before);
  g_assert_false (second->continues_after);
  g_assert_cmpuint (bar_of (layout, 1, 0)->lane, ==, 1);

  /* An all-day meeting ends at the midnight after its last day, not on the next day. */
  g_assert_cmpuint (tsu_calendar_layout_get_count (layout, 9), ==, 1);
  g_assert_cmpuint (tsu_calendar_layout_get_count (layout, 10), ==, 0);
}

static void
test_spanning_hidden (void)
{
  /* A three-day bar in the third lane, with one day crowded: the bar is cut around
   * the crowded day, where it counts in "+N more". */
  TsuCalendarSpan spans[] = { all_day (1, 3), all_day (1, 3), all_day (1, 3), timed (2, 9, 30), timed (2, 10, 30) };
  g_autoptr(TsuCalendarLayout) layout = tsu_calendar_layout_new_month (FIRST, 42, 3, spans, 5);

  g_assert_cmpuint (tsu_calendar_layout_get_more (layout, 2), ==, 3);
  g_assert_cmpuint (tsu_calendar_layout_get_more (layout, 1), ==, 0);
  g_assert_cmpuint (tsu_calendar_layout_get_more (layout, 3), ==, 0);
  g_assert_nonnull (bar_of (layout, 2, 0));
  g_assert_nonnull (bar_of (layout, 2, 1));
  g_assert_cmpuint (bar_of (layout, 2, 0)->last_column, ==, 1);
  g_assert_true (bar_of (layout, 2, 0)->continues_after);
  g_assert_cmpuint (bar_of (layout, 2, 1)->first_column, ==, 3);
}

static void
test_week_columns (void)
{
  /* 10:00–11:30, 11:00–12:00 and 11:45–12:30 overlap in a chain: three meetings in
   * two columns. 15:00 stands alone in one column. A meeting across midnight and an
   * all-day one go to the band. */
  TsuCalendarSpan spans[] = {
    timed (2, 10, 90), timed (2, 11, 60), { FIRST + 2 * DAY + 11 * HOUR + 45 * 60, FIRST + 2 * DAY + 12 * HOUR + 30 * 60, FALSE },
    timed (2, 15, 60), timed (4, 22, 240), all_day (0, 1),
  };
  g_autoptr(TsuCalendarLayout) layout = tsu_calendar_layout_new_week (FIRST, 3, spans, G_N_ELEMENTS (spans));
  guint columns[4] = { 0 }, n_columns[4] = { 0 };

  g_assert_cmpuint (layout->blocks->len, ==, 4);
  g_assert_cmpuint (layout->bars->len, ==, 2);
  for (guint i = 0; i < layout->blocks->len; i++)
    {
      const TsuCalendarBlock *b = &g_array_index (layout->blocks, TsuCalendarBlock, i);

      g_assert_cmpuint (b->day, ==, 2);
      columns[b->item] = b->column;
      n_columns[b->item] = b->n_columns;
      if (b->item == 0)
        {
          g_assert_cmpint (b->start_minute, ==, 600);
          g_assert_cmpint (b->end_minute, ==, 690);
        }
    }
  g_assert_cmpuint (columns[0], ==, 0);
  g_assert_cmpuint (columns[1], ==, 1);
  g_assert_cmpuint (columns[2], ==, 0);
  g_assert_cmpuint (n_columns[0], ==, 2);
  g_assert_cmpuint (n_columns[2], ==, 2);
  g_assert_cmpuint (columns[3], ==, 0);
  g_assert_cmpuint (n_columns[3], ==, 1);

  g_assert_nonnull (bar_of (layout, 4, 0));
  g_assert_cmpuint (bar_of (layout, 4, 0)->first_column, ==, 4);
  g_assert_cmpuint (bar_of (layout, 4, 0)->last_column, ==, 5);
  g_assert_cmpuint (bar_of (layout, 5, 0)->first_column, ==, 0);
  g_assert_cmpuint (tsu_calendar_layout_n_lanes (layout, 0), ==, 1);
}

static void
test_outside (void)
{
  /* Meetings outside the grid, or starting before it, are clipped to it. */
  TsuCalendarSpan spans[] = { all_day (-3, 5), timed (50, 9, 60), timed (-1, 9, 60) };
  g_autoptr(TsuCalendarLayout) layout = tsu_calendar_layout_new_month (FIRST, 42, 3, spans, 3);

  g_assert_cmpuint (layout->bars->len, ==, 1);
  g_assert_cmpuint (bar_of (layout, 0, 0)->first_column, ==, 0);
  g_assert_cmpuint (bar_of (layout, 0, 0)->last_column, ==, 1);
  g_assert_true (bar_of (layout, 0, 0)->continues_before);
}

static void
test_many (void)
{
  /* 400 meetings in a month lay out in well under a frame. */
  g_autofree TsuCalendarSpan *spans = g_new (TsuCalendarSpan, 400);
  gint64 started;
  double ms;

  for (guint i = 0; i < 400; i++)
    spans[i] = timed (i % 42, 8 + i % 10, 60);
  started = g_get_monotonic_time ();
  for (guint i = 0; i < 10; i++)
    {
      g_autoptr(TsuCalendarLayout) layout = tsu_calendar_layout_new_month (FIRST, 42, 4, spans, 400);

      g_assert_cmpuint (layout->bars->len, ==, 42 * 3);
    }
  ms = (g_get_monotonic_time () - started) / 10000.0;
  g_test_message ("400 meetings laid out in %.3f ms", ms);
  g_assert_cmpfloat (ms, <, 8);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/calendar-layout/month-grid", test_month_grid);
  g_test_add_func ("/calendar-layout/single-day", test_single_day);
  g_test_add_func ("/calendar-layout/more", test_more);
  g_test_add_func ("/calendar-layout/spanning", test_spanning);
  g_test_add_func ("/calendar-layout/spanning-hidden", test_spanning_hidden);
  g_test_add_func ("/calendar-layout/week-columns", test_week_columns);
  g_test_add_func ("/calendar-layout/outside", test_outside);
  g_test_add_func ("/calendar-layout/many", test_many);

  return g_test_run ();
}
