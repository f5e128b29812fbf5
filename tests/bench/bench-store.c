/* bench-store.c: storage and search timings for build-aux/bench
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "tsunagu-core.h"

/* Usage: bench-store DATABASE RUNS
 * Prints one JSON object per line: {"name", "unit", "samples": […]}; the harness takes
 * the median after a warm-up run (the first sample is the warm-up and is dropped). */

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

static void
emit (const char *name,
      GArray     *samples)
{
  g_print ("{\"name\": \"%s\", \"unit\": \"ms\", \"samples\": [", name);
  for (guint i = 1; i < samples->len; i++)
    g_print ("%s%.4f", i > 1 ? ", " : "", g_array_index (samples, double, i));
  g_print ("]}\n");
}

static gint64
month_start (int y, int m)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Asia/Tokyo");
  g_autoptr(GDateTime) dt = g_date_time_new (tz, y, m, 1, 0, 0, 0);

  return g_date_time_to_unix (dt);
}

int
main (int    argc,
      char **argv)
{
  const char *path;
  int runs;
  g_autoptr(GArray) s = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;
  g_autoptr(TsuStore) store = NULL;
  g_autoptr(GDateTime) today = g_date_time_new_now_local ();
  gint64 busiest_case = 0;
  const struct { const char *name; const char *query; } searches[] = {
    { "search-1-char", "林" },
    { "search-2-char", "訪問" },
    { "search-3-char", "短期入" },
    { "search-8-char", "医療的ケア児等支援" },
    { "search-english", "C-20" },
  };

  if (argc != 3)
    {
      g_printerr ("usage: bench-store DATABASE RUNS\n");
      return 2;
    }
  path = argv[1];
  runs = MAX (atoi (argv[2]), 1) + 1;

  /* Open the database and run the first month query, as the app does at start. */
  for (int r = 0; r < runs; r++)
    {
      double t0 = now_ms ();
      g_autoptr(TsuStore) st = tsu_store_open (path, &error);
      g_autoptr(GListModel) month = NULL;

      if (st == NULL)
        g_error ("%s", error->message);
      month = tsu_store_list_occurrences (st, month_start (g_date_time_get_year (today), g_date_time_get_month (today)),
                                          month_start (g_date_time_get_year (today), g_date_time_get_month (today)) + 31 * 86400,
                                          NULL);
      g_array_append_val (s, (double) { now_ms () - t0 });
    }
  emit ("open-and-first-month", s);
  g_array_set_size (s, 0);

  store = tsu_store_open (path, &error);

  /* Month range queries with recurrences, walking through the ten years. */
  for (int r = 0; r < runs; r++)
    {
      int y = g_date_time_get_year (today) - 1 - (r % 8);
      int m = 1 + (r * 5) % 12;
      double t0 = now_ms ();
      g_autoptr(GListModel) month = tsu_store_list_occurrences (store, month_start (y, m),
                                                                month_start (y, m) + 31 * 86400, NULL);

      g_array_append_val (s, (double) { now_ms () - t0 });
      if (g_list_model_get_n_items (month) == 0)
        g_error ("no meetings in %d-%02d: is this a demo database?", y, m);
    }
  emit ("month-query", s);
  g_array_set_size (s, 0);

  {
    sqlite3_stmt *stmt = tsu_database_prepare (tsu_store_get_database (store),
                                               "SELECT case_id FROM action_item WHERE status = 'open' "
                                               "GROUP BY case_id ORDER BY count(*) DESC LIMIT 1", NULL);
    if (sqlite3_step (stmt) == SQLITE_ROW)
      busiest_case = sqlite3_column_int64 (stmt, 0);
    sqlite3_reset (stmt);
  }
  for (int r = 0; r < runs; r++)
    {
      double t0 = now_ms ();
      g_autoptr(GListModel) open = tsu_store_list_open_actions (store, busiest_case, NULL);

      g_array_append_val (s, (double) { now_ms () - t0 });
    }
  emit ("open-actions-of-case", s);
  g_array_set_size (s, 0);

  for (guint q = 0; q < G_N_ELEMENTS (searches); q++)
    {
      for (int r = 0; r < runs; r++)
        {
          double t0 = now_ms ();
          g_autoptr(GListModel) hits = tsu_store_search (store, searches[q].query, 50, NULL);

          g_array_append_val (s, (double) { now_ms () - t0 });
        }
      emit (searches[q].name, s);
      g_array_set_size (s, 0);
    }

  return 0;
}
