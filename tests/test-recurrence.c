/* test-recurrence.c: expansion of recurrence rules
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "tsunagu-core.h"

static gint64
tokyo (int y, int mo, int d, int h)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Asia/Tokyo");
  g_autoptr(GDateTime) dt = g_date_time_new (tz, y, mo, d, h, 0, 0);

  return g_date_time_to_unix (dt);
}

/* Expanding a window of a long series gives exactly the occurrences that expanding
 * the whole series and keeping those in the window gives, for every kind of rule. */
static void
test_window_matches_full (void)
{
  const char *rules[] = {
    "FREQ=MONTHLY;BYDAY=2TU",
    "FREQ=MONTHLY;INTERVAL=2;BYDAY=3WE",
    "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH",
    "FREQ=MONTHLY;BYMONTHDAY=31",
    "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1",
    "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29",
    "FREQ=DAILY;INTERVAL=3",
    "FREQ=MONTHLY;BYDAY=4FR;UNTIL=20240101T000000Z",
    "FREQ=WEEKLY;COUNT=200",
  };
  gint64 dtstart = tokyo (2016, 1, 12, 14);
  gint64 end = tokyo (2027, 12, 31, 0);

  for (guint r = 0; r < G_N_ELEMENTS (rules); r++)
    {
      TsuRecurrence rec = { rules[r], dtstart, 7200, "Asia/Tokyo", FALSE, NULL };
      g_autoptr(GArray) all = tsu_recurrence_expand (&rec, dtstart, end, NULL);

      g_assert_nonnull (all);
      g_assert_cmpuint (all->len, >, 0);

      for (int y = 2016; y <= 2027; y += 1)
        for (int m = 1; m <= 12; m += 5)
          {
            gint64 from = tokyo (y, m, 1, 0), to = tokyo (y, m, 28, 0) + 4 * 86400;
            g_autoptr(GArray) window = tsu_recurrence_expand (&rec, from, to, NULL);
            guint j = 0;

            for (guint i = 0; i < all->len; i++)
              {
                gint64 s = g_array_index (all, gint64, i);

                if (s < to && s + 7200 > from)
                  {
                    g_assert_cmpuint (j, <, window->len);
                    g_assert_cmpint (g_array_index (window, gint64, j), ==, s);
                    j++;
                  }
              }
            g_assert_cmpuint (j, ==, window->len);
          }
    }
}

/* The end of a series: counted, until a date, or never. */
static void
test_last_end (void)
{
  gint64 dtstart = tokyo (2026, 1, 5, 10);
  TsuRecurrence counted = { "FREQ=WEEKLY;COUNT=3", dtstart, 3600, "Asia/Tokyo", FALSE, NULL };
  TsuRecurrence endless = { "FREQ=WEEKLY", dtstart, 3600, "Asia/Tokyo", FALSE, NULL };
  gint64 last = 0;

  g_assert_true (tsu_recurrence_get_last_end (&counted, &last, NULL));
  g_assert_cmpint (last, ==, dtstart + 14 * 86400 + 3600);
  g_assert_true (tsu_recurrence_get_last_end (&endless, &last, NULL));
  g_assert_cmpint (last, ==, -1);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/recurrence/window-matches-full", test_window_matches_full);
  g_test_add_func ("/recurrence/last-end", test_last_end);
  return g_test_run ();
}
