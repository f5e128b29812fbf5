/* test-crash.c: killed in the middle of writing, nothing committed is lost
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include "tsunagu-core.h"

#define KILLS 200

static const char *self_path;

/* The child: writes a meeting with its minutes and a decision, one transaction each,
 * and prints the meeting's id once the store has reported the commit. */
static int
run_child (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsuStore) store = tsu_store_open (path, &error);

  if (store == NULL)
    {
      g_printerr ("child: %s\n", error->message);
      return 1;
    }

  for (guint i = 0;; i++)
    {
      g_autoptr(TsuMeeting) m = tsu_meeting_new ();
      g_autoptr(TsuMinutes) minutes = tsu_minutes_new ();
      g_autoptr(TsuDecision) d = tsu_decision_new ();
      g_autofree char *title = g_strdup_printf ("ケース会議 %u", i);

      tsu_meeting_set_title (m, title);
      tsu_meeting_set_kind (m, "case-conference");
      tsu_meeting_set_starts_at (m, 1795000000 + i * 3600);
      tsu_meeting_set_ends_at (m, 1795000000 + i * 3600 + 3600);

      if (!tsu_store_begin (store, &error) ||
          !tsu_store_save (store, TSU_RECORD (m), &error))
        goto fail;
      tsu_minutes_set_meeting_id (minutes, tsu_record_get_id (TSU_RECORD (m)));
      tsu_minutes_set_summary (minutes, "在宅での呼吸管理と短期入所の利用について協議した。");
      if (!tsu_store_save (store, TSU_RECORD (minutes), &error))
        goto fail;
      tsu_decision_set_minutes_id (d, tsu_record_get_id (TSU_RECORD (minutes)));
      tsu_decision_set_body (d, "訪問看護の回数を増やす。");
      if (!tsu_store_save (store, TSU_RECORD (d), &error) ||
          !tsu_store_commit (store, &error))
        goto fail;

      printf ("%" G_GINT64_FORMAT "\n", tsu_record_get_id (TSU_RECORD (m)));
      fflush (stdout);
    }

fail:
  g_printerr ("child: %s\n", error->message);
  return 1;
}

static gboolean
meeting_complete (TsuStore *store,
                  gint64    id)
{
  sqlite3_stmt *stmt = tsu_database_prepare (tsu_store_get_database (store),
                                             "SELECT count(*) FROM meeting m "
                                             "JOIN minutes mi ON mi.meeting_id = m.id "
                                             "JOIN decision d ON d.minutes_id = mi.id "
                                             "WHERE m.id = ?",
                                             NULL);
  gboolean found;

  sqlite3_bind_int64 (stmt, 1, id);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  found = sqlite3_column_int64 (stmt, 0) == 1;
  sqlite3_reset (stmt);
  return found;
}

static void
test_sigkill (void)
{
  g_autofree char *dir = g_dir_make_tmp ("tsunagu-crash-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "tsunagu.db", NULL);
  g_autoptr(GArray) committed = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GRand) rand = g_rand_new_with_seed (g_test_rand_int ());
  guint survived = 0;

  for (guint round = 0; round < KILLS; round++)
    {
      const char *argv[] = { self_path, "--child", path, NULL };
      g_autoptr(GSubprocess) child = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GDataInputStream) stream = NULL;
      g_autofree char *first = NULL;
      g_autoptr(TsuStore) store = NULL;
      guint start = committed->len;

      child = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
      g_assert_no_error (error);

      /* Once it is writing (its first commit is reported), let it run for a random
       * moment and kill it without warning, in the middle of some write. */
      stream = g_data_input_stream_new (g_subprocess_get_stdout_pipe (child));
      first = g_data_input_stream_read_line (stream, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_nonnull (first);
      g_usleep (g_rand_int_range (rand, 0, 30000));
      g_subprocess_force_exit (child);
      g_subprocess_wait (child, NULL, &error);
      g_assert_no_error (error);
      g_assert_true (g_subprocess_get_if_signaled (child));

      /* Every line the child finished is a commit the store reported; a line cut off
       * by the kill (no newline) is not. */
      g_array_append_val (committed, (gint64) { g_ascii_strtoll (first, NULL, 10) });
      for (;;)
        {
          gsize len = 0;
          g_autofree char *line = g_data_input_stream_read_upto (stream, "\n", 1, &len, NULL, &error);

          g_assert_no_error (error);
          if (line == NULL || g_data_input_stream_read_byte (stream, NULL, NULL) != '\n')
            break;
          g_array_append_val (committed, (gint64) { g_ascii_strtoll (line, NULL, 10) });
        }

      store = tsu_store_open (path, &error);
      g_assert_no_error (error);
      g_assert_true (tsu_database_check_integrity (tsu_store_get_database (store), FALSE, &error));
      g_assert_no_error (error);
      for (guint i = start; i < committed->len; i++)
        g_assert_true (meeting_complete (store, g_array_index (committed, gint64, i)));
      survived++;
    }

  /* At the end, every commit of every round is still there. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(TsuStore) store = tsu_store_open (path, &error);

    g_assert_no_error (error);
    for (guint i = 0; i < committed->len; i++)
      g_assert_true (meeting_complete (store, g_array_index (committed, gint64, i)));
    g_assert_cmpint (tsu_store_count (store, TSU_TYPE_MEETING), >=, committed->len);
  }

  g_test_message ("%u kills survived, %u commits checked", survived, committed->len);
  g_assert_cmpuint (survived, ==, KILLS);
  g_assert_cmpuint (committed->len, >=, KILLS);

  {
    const char *names[] = { "tsunagu.db", "tsunagu.db-wal", "tsunagu.db-shm" };

    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      {
        g_autofree char *p = g_build_filename (dir, names[i], NULL);
        g_unlink (p);
      }
    g_rmdir (dir);
  }
}

int
main (int    argc,
      char **argv)
{
  if (argc == 3 && strcmp (argv[1], "--child") == 0)
    return run_child (argv[2]);

  self_path = argv[0];
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/crash/sigkill", test_sigkill);
  return g_test_run ();
}
