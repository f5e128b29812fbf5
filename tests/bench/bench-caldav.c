/* bench-caldav.c: CalDAV sync of a demo calendar with a real Radicale
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * bench-caldav DEMO.db RUN-RADICALE.py [LIMIT_SECONDS [RUNS]]
 *
 * 1. initial sync of a copy of DEMO.db to an empty calendar, stopped (cancelled) after
 *    LIMIT_SECONDS (default 60, the target) when not done;
 * 2. incremental syncs with one changed meeting each, against what the server holds
 *    then.
 * Prints one JSON object: initial_seconds, initial_complete, initial_sent,
 * initial_total, requests_per_second, incremental_ms (a list), calendar_size. */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <signal.h>
#include <stdio.h>

#include "tsunagu-core.h"
#include "../caldav/tsu-test-radicale.h"

#define USER     "bench"
#define PASSWORD "bench"

typedef struct {
  TsuStore           *store;
  TsuCaldavClient    *client;
  const char         *calendar;
  GCancellable       *cancellable;
  TsuCaldavSyncStats  stats;
  GError             *error;
  gboolean            ok;
} Job;

static gpointer
sync_thread (gpointer data)
{
  Job *job = data;
  g_autoptr(GError) error = NULL;

  /* libsoup: the client is used from this thread only. */
  job->client = tsu_caldav_client_new (g_getenv ("BENCH_CALDAV_URL"), USER, PASSWORD, &error);
  g_assert_no_error (error);
  job->ok = tsu_caldav_sync (job->store, job->client, job->calendar, &job->stats, job->cancellable,
                             &job->error);
  g_clear_object (&job->client);
  return NULL;
}

static gint64
count (TsuStore   *store,
       const char *sql)
{
  sqlite3_stmt *stmt = tsu_database_prepare (tsu_store_get_database (store), sql, NULL);
  gint64 n = 0;

  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  if (stmt != NULL)
    sqlite3_reset (stmt);
  return n;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsuStore) store = NULL;
  g_autoptr(TsuStore) watcher = NULL;
  g_autoptr(GSubprocess) radicale = NULL;
  g_autoptr(TsuCaldavClient) client = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GString) json = g_string_new ("{");
  g_autofree char *dir = NULL;
  g_autofree char *copy = NULL;
  g_autofree char *config = NULL;
  g_autofree char *url = NULL;
  g_autofree char *calendar = NULL;
  double limit = argc > 3 ? g_ascii_strtod (argv[3], NULL) : 60;
  int runs = argc > 4 ? atoi (argv[4]) : 7;
  Job job = { 0 };
  GThread *thread;
  gint64 start, elapsed;
  guint16 port;

  if (argc < 3)
    {
      fprintf (stderr, "usage: bench-caldav DEMO.db RUN-RADICALE.py [LIMIT_SECONDS [RUNS]]\n");
      return 2;
    }

  dir = g_dir_make_tmp ("tsunagu-bench-caldav-XXXXXX", &error);
  g_assert_no_error (error);
  /* A copy, read-only from the cached demo (which stays as it is), then opened. */
  copy = g_build_filename (dir, "copy.db", NULL);
  {
    sqlite3 *from = NULL, *to = NULL;
    sqlite3_backup *backup;

    g_assert_cmpint (sqlite3_open_v2 (argv[1], &from, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_open (copy, &to), ==, SQLITE_OK);
    backup = sqlite3_backup_init (to, "main", from, "main");
    g_assert_nonnull (backup);
    g_assert_cmpint (sqlite3_backup_step (backup, -1), ==, SQLITE_DONE);
    sqlite3_backup_finish (backup);
    sqlite3_close (to);
    sqlite3_close (from);
  }
  store = tsu_store_open (copy, &error);
  g_assert_no_error (error);

  port = tsu_test_free_port ();
  config = tsu_test_radicale_write_config (dir, port, USER ":" PASSWORD "\n", &error);
  g_assert_no_error (error);
  radicale = tsu_test_radicale_spawn (argv[2], config, &error);
  g_assert_no_error (error);
  url = g_strdup_printf ("http://127.0.0.1:%u/", port);
  g_setenv ("BENCH_CALDAV_URL", url, TRUE);
  client = tsu_caldav_client_new (url, USER, PASSWORD, &error);
  calendar = g_strdup_printf ("%s%s/meetings/", url, USER);
  tsu_test_radicale_make_calendar (client, calendar);

  /* 1. Initial sync, cut off at the limit. */
  job.store = store;
  job.calendar = calendar;
  job.cancellable = cancellable;
  start = g_get_monotonic_time ();
  thread = g_thread_new ("sync", sync_thread, &job);
  /* The worker has the store; progress is read through a connection of its own. */
  watcher = tsu_store_open (copy, &error);
  g_assert_no_error (error);
  g_usleep (500 * 1000);
  while (g_get_monotonic_time () - start < (gint64) (limit * G_USEC_PER_SEC) &&
         count (watcher, "SELECT count(*) FROM caldav_item WHERE dirty > 0") > 0)
    g_usleep (100 * 1000);
  g_cancellable_cancel (cancellable);
  g_thread_join (thread);
  elapsed = g_get_monotonic_time () - start;
  g_string_append_printf (json, "\"initial_seconds\": %.3f, \"initial_complete\": %s, "
                                "\"initial_sent\": %" G_GINT64_FORMAT ", \"initial_total\": %" G_GINT64_FORMAT
                                ", \"requests_per_second\": %.1f",
                          elapsed / 1e6, job.ok ? "true" : "false",
                          count (store, "SELECT count(*) FROM caldav_item WHERE href IS NOT NULL"),
                          count (store, "SELECT count(*) FROM caldav_item"),
                          job.stats.requests / (elapsed / 1e6));
  g_clear_error (&job.error);

  /* 2. One change, then a sync; the meetings not sent yet are forgotten first, so
   * that each sync carries the one change only. */
  g_assert_true (tsu_database_exec (tsu_store_get_database (store),
                                    "DELETE FROM caldav_item WHERE href IS NULL; "
                                    "UPDATE caldav_item SET dirty = 0", NULL));
  g_string_append_printf (json, ", \"calendar_size\": %" G_GINT64_FORMAT ", \"incremental_ms\": [",
                          count (store, "SELECT count(*) FROM caldav_item"));
  for (int r = 0; r < runs + 1; r++)
    {
      g_autoptr(GCancellable) never = g_cancellable_new ();
      g_autoptr(TsuMeeting) m = NULL;
      g_autofree char *title = g_strdup_printf ("ベンチマーク変更 %d", r);
      gint64 id = count (store, "SELECT m.id FROM meeting m JOIN caldav_item c ON c.uid = m.uid "
                                "WHERE m.series_id IS NULL ORDER BY m.id LIMIT 1");

      m = tsu_store_load (store, TSU_TYPE_MEETING, id, &error);
      g_assert_no_error (error);
      tsu_meeting_set_title (m, title);
      g_assert_true (tsu_store_save (store, TSU_RECORD (m), &error));

      memset (&job.stats, 0, sizeof job.stats);
      job.cancellable = never;
      start = g_get_monotonic_time ();
      thread = g_thread_new ("sync", sync_thread, &job);
      g_thread_join (thread);
      elapsed = g_get_monotonic_time () - start;
      if (!job.ok)
        g_error ("incremental sync failed: %s", job.error->message);
      g_assert_cmpuint (job.stats.sent, ==, 1);
      /* The first run is the warm-up. */
      if (r > 0)
        g_string_append_printf (json, "%s%.3f", r > 1 ? ", " : "", elapsed / 1e3);
    }
  g_string_append (json, "]}");
  printf ("%s\n", json->str);

  tsu_test_radicale_stop (radicale, SIGTERM);
  tsu_test_remove_tree (dir);
  return 0;
}
