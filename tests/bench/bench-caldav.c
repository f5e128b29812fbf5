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
#include <stdarg.h>
#include <sys/prctl.h>
#include <stdio.h>

#include "tsunagu-core.h"

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

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

/* The server dies with the test, even when the test aborts. */
static void
die_with_parent (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

static GSubprocess *
spawn_radicale (GError **error,
                ...)
{
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  const char *arg;
  va_list ap;

  va_start (ap, error);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  return g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, error);
}

static guint16
free_port (void)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;

  g_assert_true (g_socket_bind (socket, any, FALSE, NULL));
  bound = g_socket_get_local_address (socket, NULL);
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
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
  g_autofree char *text = NULL;
  g_autofree char *users = NULL;
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

  port = free_port ();
  users = g_build_filename (dir, "users", NULL);
  config = g_build_filename (dir, "config", NULL);
  text = g_strdup_printf ("[server]\nhosts = 127.0.0.1:%u\n"
                          "[auth]\ntype = htpasswd\nhtpasswd_filename = %s\nhtpasswd_encryption = plain\n"
                          "[rights]\ntype = owner_only\n[storage]\nfilesystem_folder = %s/collections\n"
                          "[logging]\nlevel = warning\n", port, users, dir);
  g_assert_true (g_file_set_contents (users, USER ":" PASSWORD "\n", -1, NULL));
  g_assert_true (g_file_set_contents (config, text, -1, NULL));
  radicale = spawn_radicale (&error, "/usr/bin/python3", argv[2], config, "--no-fsync", NULL);
  g_assert_no_error (error);
  url = g_strdup_printf ("http://127.0.0.1:%u/", port);
  g_setenv ("BENCH_CALDAV_URL", url, TRUE);
  client = tsu_caldav_client_new (url, USER, PASSWORD, &error);
  calendar = g_strdup_printf ("%s%s/meetings/", url, USER);
  for (int i = 0; i < 200; i++)
    {
      guint status = tsu_caldav_client_send (client, "MKCALENDAR", calendar, NULL, NULL, NULL, NULL, NULL,
                                             NULL, NULL);
      if (status == 201)
        break;
      g_usleep (50 * 1000);
    }

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

  g_subprocess_send_signal (radicale, SIGTERM);
  g_subprocess_wait (radicale, NULL, NULL);
  remove_tree (dir);
  return 0;
}
