/* test-autosave.c: minutes typed are written as they are typed; a kill loses at most
 * the last second
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
#include "tsu-autosave.h"

#define TYPING_INTERVAL_MS 15
#define RUNS 5

static const char *self_path;
static const char *sentence =
  "在宅での呼吸管理について訪問看護ステーションから報告があった。"
  "短期入所の利用を検討し、相談支援専門員が事業所に空き状況を確認する。"
  "Next: the school nurse joins the conference. ";

static char *
make_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("tsunagu-autosave-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
remove_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
}

/* A meeting with draft minutes and one discussion; returns the discussion's id. */
static gint64
make_discussion (TsuStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsuMeeting) m = tsu_meeting_new ();
  g_autoptr(TsuMinutes) minutes = tsu_minutes_new ();
  g_autoptr(TsuDiscussion) d = tsu_discussion_new ();

  tsu_meeting_set_title (m, "ケース会議");
  tsu_meeting_set_kind (m, "case-conference");
  tsu_meeting_set_starts_at (m, 1795000000);
  tsu_meeting_set_ends_at (m, 1795003600);
  g_assert_true (tsu_store_save (store, TSU_RECORD (m), &error));
  tsu_minutes_set_meeting_id (minutes, tsu_record_get_id (TSU_RECORD (m)));
  g_assert_true (tsu_store_save (store, TSU_RECORD (minutes), &error));
  tsu_discussion_set_minutes_id (d, tsu_record_get_id (TSU_RECORD (minutes)));
  g_assert_true (tsu_store_save (store, TSU_RECORD (d), &error));
  g_assert_no_error (error);
  return tsu_record_get_id (TSU_RECORD (d));
}

static char *
load_body (const char *path,
           gint64      id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsuStore) store = tsu_store_open (path, &error);
  g_autoptr(TsuDiscussion) d = NULL;

  g_assert_no_error (error);
  d = tsu_store_load (store, TSU_TYPE_DISCUSSION, id, &error);
  g_assert_no_error (error);
  return g_strdup (tsu_discussion_get_body (d) ? tsu_discussion_get_body (d) : "");
}

/* The text after @n characters of typing: the sentence, repeated. */
static char *
typed_text (guint n)
{
  g_autoptr(GString) s = g_string_new (NULL);
  const char *p = sentence;

  for (guint i = 0; i < n; i++)
    {
      const char *next = g_utf8_next_char (p);

      g_string_append_len (s, p, next - p);
      p = *next != '\0' ? next : sentence;
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

/* The child: types one character every TYPING_INTERVAL_MS through the autosave, as the
 * minutes editor does, and prints how many it has typed. */
typedef struct {
  TsuAutosave *autosave;
  gint64       id;
  guint        n;
} Typist;

static gboolean
type_one_cb (gpointer user_data)
{
  Typist *typist = user_data;
  g_autofree char *text = typed_text (++typist->n);

  tsu_autosave_queue (typist->autosave, TSU_TYPE_DISCUSSION, typist->id, "body", text);
  printf ("%u\n", typist->n);
  fflush (stdout);
  return G_SOURCE_CONTINUE;
}

static int
run_child (const char *path,
           gint64      id)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(TsuAutosave) autosave = tsu_autosave_new (path);
  Typist typist = { autosave, id, 0 };

  g_timeout_add (TYPING_INTERVAL_MS, type_one_cb, &typist);
  g_main_loop_run (loop);
  return 0;
}

static void
saved_cb (TsuAutosave *autosave,
          gboolean    *saved)
{
  *saved = TRUE;
}

static void
failed_cb (TsuAutosave  *autosave,
           const char   *message,
           char        **out)
{
  g_free (*out);
  *out = g_strdup (message);
}

static void
test_debounce (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *path = g_build_filename (dir, "tsunagu.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TsuStore) store = tsu_store_open (path, &error);
  g_autoptr(TsuAutosave) autosave = tsu_autosave_new (path);
  g_autofree char *body = NULL;
  gboolean saved = FALSE;
  gint64 id;

  g_assert_no_error (error);
  id = make_discussion (store);

  g_signal_connect (autosave, "saved", G_CALLBACK (saved_cb), &saved);
  tsu_autosave_queue (autosave, TSU_TYPE_DISCUSSION, id, "body", "短期");
  tsu_autosave_queue (autosave, TSU_TYPE_DISCUSSION, id, "body", "短期入所");
  g_assert_true (tsu_autosave_get_pending (autosave));

  /* Nothing is written while the typing goes on, all of it after the pause. */
  body = load_body (path, id);
  g_assert_cmpstr (body, ==, "");
  g_clear_pointer (&body, g_free);
  while (!saved)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (tsu_autosave_get_pending (autosave));
  body = load_body (path, id);
  g_assert_cmpstr (body, ==, "短期入所");
  g_clear_pointer (&body, g_free);

  /* flush() writes at once, and a batch already on its way does not overwrite it. */
  tsu_autosave_queue (autosave, TSU_TYPE_DISCUSSION, id, "body", "短期入所の利用");
  g_assert_true (tsu_autosave_flush (autosave, &error));
  g_assert_no_error (error);
  body = load_body (path, id);
  g_assert_cmpstr (body, ==, "短期入所の利用");

  g_clear_object (&autosave);
  g_clear_object (&store);
  remove_dir (dir);
}

static void
table_changed_cb (TsuStore   *store,
                  const char *table,
                  guint      *count)
{
  if (g_str_equal (table, "discussion"))
    (*count)++;
}

/* The window's own store learns of what the autosave wrote through its store: it
 * emits "changed" (the case page, the search read the rows again), and its next
 * save of the same row — the record the editor holds, with the typed text in it —
 * is not taken for another program's change. */
static void
test_main_store (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *path = g_build_filename (dir, "tsunagu.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TsuStore) store = tsu_store_open (path, &error);
  g_autoptr(TsuAutosave) autosave = tsu_autosave_new (path);
  g_autoptr(TsuDiscussion) shown = NULL;
  g_autoptr(TsuDiscussion) stored = NULL;
  gboolean saved = FALSE;
  guint changed = 0;
  gint64 id;

  g_assert_no_error (error);
  id = make_discussion (store);
  shown = tsu_store_load (store, TSU_TYPE_DISCUSSION, id, &error);
  g_assert_no_error (error);

  tsu_autosave_set_delay (autosave, 50);
  tsu_autosave_set_store (autosave, store);
  g_signal_connect (autosave, "saved", G_CALLBACK (saved_cb), &saved);
  g_signal_connect (store, "changed::discussion", G_CALLBACK (table_changed_cb), &changed);

  /* Written off the main thread; the store hears of it back on the main thread. */
  tsu_discussion_set_body (shown, "訪問看護を週3回に");
  tsu_autosave_queue (autosave, TSU_TYPE_DISCUSSION, id, "body", "訪問看護を週3回に");
  g_assert_cmpuint (changed, ==, 0);
  while (!saved)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (changed, ==, 1);

  tsu_discussion_set_position (shown, 2);
  g_assert_true (tsu_store_save (store, TSU_RECORD (shown), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changed, ==, 2);

  /* The same through flush(), written in the main thread. */
  tsu_discussion_set_body (shown, "訪問看護を週3回に増やす。");
  tsu_autosave_queue (autosave, TSU_TYPE_DISCUSSION, id, "body", "訪問看護を週3回に増やす。");
  g_assert_true (tsu_autosave_flush (autosave, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changed, ==, 3);
  tsu_discussion_set_position (shown, 3);
  g_assert_true (tsu_store_save (store, TSU_RECORD (shown), &error));
  g_assert_no_error (error);

  stored = tsu_store_load (store, TSU_TYPE_DISCUSSION, id, &error);
  g_assert_cmpstr (tsu_discussion_get_body (stored), ==, "訪問看護を週3回に増やす。");
  g_assert_cmpint (tsu_discussion_get_position (stored), ==, 3);

  g_clear_object (&autosave);
  g_clear_object (&store);
  remove_dir (dir);
}

static void
test_confirmed_refused (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *path = g_build_filename (dir, "tsunagu.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TsuStore) store = tsu_store_open (path, &error);
  g_autoptr(TsuAutosave) autosave = tsu_autosave_new (path);
  g_autoptr(TsuMinutes) minutes = NULL;
  g_autoptr(TsuMeeting) m = tsu_meeting_new ();
  g_autofree char *message = NULL;

  g_assert_no_error (error);
  tsu_meeting_set_title (m, "協議の場");
  tsu_meeting_set_kind (m, "municipal-council");
  tsu_meeting_set_starts_at (m, 1795000000);
  tsu_meeting_set_ends_at (m, 1795003600);
  g_assert_true (tsu_store_save (store, TSU_RECORD (m), &error));
  minutes = tsu_minutes_new ();
  tsu_minutes_set_meeting_id (minutes, tsu_record_get_id (TSU_RECORD (m)));
  tsu_minutes_set_summary (minutes, "確定した内容");
  g_assert_true (tsu_store_save (store, TSU_RECORD (minutes), &error));
  g_assert_true (tsu_store_confirm_minutes (store, TSU_RECORD (minutes), "記録者", &error));

  g_signal_connect (autosave, "failed", G_CALLBACK (failed_cb), &message);
  tsu_autosave_set_delay (autosave, 10);
  tsu_autosave_queue (autosave, TSU_TYPE_MINUTES, tsu_record_get_id (TSU_RECORD (minutes)),
                      "summary", "書き換え");
  while (message == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_clear_object (&minutes);
  minutes = tsu_store_get_current_minutes (store, tsu_record_get_id (TSU_RECORD (m)), &error);
  g_assert_cmpstr (tsu_minutes_get_summary (minutes), ==, "確定した内容");

  g_clear_object (&autosave);
  g_clear_object (&store);
  remove_dir (dir);
}

static void
test_sigkill (void)
{
  for (guint run = 0; run < RUNS; run++)
    {
      g_autofree char *dir = make_dir ();
      g_autofree char *path = g_build_filename (dir, "tsunagu.db", NULL);
      g_autofree char *id_arg = NULL;
      g_autofree char *body = NULL;
      g_autofree char *expected_prefix = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GSubprocess) child = NULL;
      g_autoptr(GDataInputStream) lines = NULL;
      g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_autoptr(TsuStore) store = tsu_store_open (path, &error);
      const char *argv[5];
      guint kill_after = 60 + g_test_rand_int_range (0, 120);
      gint64 killed_at, id;
      guint safe = 0, n_typed, n_saved;

      g_assert_no_error (error);
      id = make_discussion (store);
      g_clear_object (&store);
      id_arg = g_strdup_printf ("%" G_GINT64_FORMAT, id);
      argv[0] = self_path;
      argv[1] = "--child";
      argv[2] = path;
      argv[3] = id_arg;
      argv[4] = NULL;
      child = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
      g_assert_no_error (error);

      /* When the parent saw each keystroke (times[n - 1] for the n-th). */
      lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (child));
      while (times->len < kill_after)
        {
          g_autofree char *line = g_data_input_stream_read_line (lines, NULL, NULL, &error);
          gint64 now = g_get_monotonic_time ();

          g_assert_no_error (error);
          g_assert_nonnull (line);
          g_array_append_val (times, now);
        }
      g_subprocess_send_signal (child, SIGKILL);
      killed_at = g_get_monotonic_time ();
      g_subprocess_wait (child, NULL, NULL);

      body = load_body (path, id);
      n_typed = times->len;
      n_saved = g_utf8_strlen (body, -1);
      expected_prefix = typed_text (n_saved);
      for (guint i = 0; i < times->len; i++)
        if (g_array_index (times, gint64, i) <= killed_at - G_USEC_PER_SEC)
          safe = i + 1;

      g_test_message ("run %u: typed %u, saved %u, typed a second before the kill %u",
                      run, n_typed, n_saved, safe);
      /* What is there is what was typed, whole characters, and no more than a second
       * of typing is missing. */
      g_assert_cmpstr (body, ==, expected_prefix);
      g_assert_cmpuint (n_saved, <=, n_typed + 1);
      g_assert_cmpuint (n_saved, >=, safe);

      remove_dir (dir);
    }
}

int
main (int    argc,
      char **argv)
{
  if (argc == 4 && strcmp (argv[1], "--child") == 0)
    return run_child (argv[2], g_ascii_strtoll (argv[3], NULL, 10));

  self_path = argv[0];
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/autosave/debounce", test_debounce);
  g_test_add_func ("/autosave/confirmed-refused", test_confirmed_refused);
  g_test_add_func ("/autosave/main-store", test_main_store);
  g_test_add_func ("/autosave/sigkill", test_sigkill);
  return g_test_run ();
}
