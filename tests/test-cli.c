/* test-cli.c: tsunagu-cli as staff script it
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "tsunagu-core.h"

static const char *cli;
static char *tmpdir;
static char *demo_db;

typedef struct {
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *r)
{
  g_free (r->out);
  g_free (r->err);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static void
run_cli (Run *r, const char *first, ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  va_list ap;

  g_ptr_array_add (argv, (char *) cli);
  va_start (ap, first);
  for (const char *a = first; a != NULL; a = va_arg (ap, const char *))
    g_ptr_array_add (argv, (char *) a);
  va_end (ap);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_unsetenv (launcher, "TSUNAGU_DATABASE");
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  proc = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, &r->out, &r->err, &error);
  g_assert_no_error (error);
  r->status = g_subprocess_get_if_exited (proc) ? g_subprocess_get_exit_status (proc) : -1;
}

static guint
count_lines (const char *text)
{
  guint n = 0;

  for (const char *p = text; *p != '\0'; p++)
    if (*p == '\n')
      n++;
  return n;
}

static void
test_demo_and_check (void)
{
  g_auto(Run) r = { 0 };
  g_auto(Run) again = { 0 };

  run_cli (&r, "--database", demo_db, "check", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (strstr (r.out, "integrity ok, schema version " G_STRINGIFY (TSU_SCHEMA_VERSION)) != NULL);

  /* Demo data goes into a new database only. */
  run_cli (&again, "--database", demo_db, "demo", "--scale", "0.01", NULL);
  g_assert_cmpint (again.status, ==, 1);
  g_assert_true (strstr (again.err, "already") != NULL);
}

/* Every occurrence in the range, sorted, with an ISO 8601 start and end in +09:00. */
static void
test_list (void)
{
  g_auto(Run) r = { 0 };
  g_auto(Run) json = { 0 };
  g_auto(GStrv) lines = NULL;
  char *prev = NULL;
  gboolean saw_series = FALSE;

  run_cli (&r, "--database", demo_db, "list", "--from", "2026-01-01", "--to", "2026-03-31", NULL);
  g_assert_cmpint (r.status, ==, 0);
  lines = g_strsplit (r.out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), >, 10);

  for (guint i = 0; lines[i] != NULL && lines[i][0] != '\0'; i++)
    {
      g_auto(GStrv) cols = g_strsplit (lines[i], "\t", -1);
      g_autoptr(GDateTime) start = NULL;
      g_autoptr(GDateTime) end = NULL;

      g_assert_cmpuint (g_strv_length (cols), ==, 8);
      g_assert_true (g_str_has_suffix (cols[3], "+09:00"));
      start = g_date_time_new_from_iso8601 (cols[3], NULL);
      end = g_date_time_new_from_iso8601 (cols[4], NULL);
      g_assert_nonnull (start);
      g_assert_nonnull (end);
      g_assert_cmpint (g_date_time_compare (start, end), <=, 0);
      g_assert_cmpint (g_date_time_get_year (end) * 100 + g_date_time_get_month (end), >=, 202601);
      g_assert_cmpint (g_date_time_get_year (start) * 100 + g_date_time_get_month (start), <=, 202603);
      if (prev != NULL)
        g_assert_cmpstr (prev, <=, cols[3]);
      g_free (prev);
      prev = g_strdup (cols[3]);
      if (cols[2][0] != '\0')
        saw_series = TRUE;
      if (g_strcmp0 (cols[5], "case-conference") == 0)
        g_assert_true (g_str_has_prefix (cols[7], "C-"));
    }
  g_free (prev);
  g_assert_true (saw_series);

  run_cli (&json, "--database", demo_db, "list", "--from", "2026-01-01", "--to", "2026-03-31",
           "--format", "json", NULL);
  g_assert_cmpint (json.status, ==, 0);
  g_assert_true (g_str_has_prefix (json.out, "[\n  {\"id\": "));
  g_assert_cmpuint (count_lines (json.out), ==, count_lines (r.out) + 2);
}

static void
test_search (void)
{
  g_auto(Run) one = { 0 };
  g_auto(Run) limited = { 0 };
  g_auto(Run) json = { 0 };

  run_cli (&one, "--database", demo_db, "search", "市", NULL);
  g_assert_cmpint (one.status, ==, 0);
  g_assert_cmpuint (count_lines (one.out), ==, 50);

  run_cli (&limited, "--database", demo_db, "search", "ケース会議", "--limit", "5", NULL);
  g_assert_cmpint (limited.status, ==, 0);
  g_assert_cmpuint (count_lines (limited.out), ==, 5);
  g_assert_true (strstr (limited.out, "ケース会議") != NULL);

  run_cli (&json, "--database", demo_db, "search", "協議", "--limit", "3", "--format", "json", NULL);
  g_assert_cmpint (json.status, ==, 0);
  g_assert_true (strstr (json.out, "\"kind\": ") != NULL);
}

/* Wrong input: a message on stderr, a non-zero exit, nothing changed. */
static void
test_errors (void)
{
  g_autofree char *foreign = g_build_filename (tmpdir, "letter.txt", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_auto(Run) bad_date = { 0 };
  g_auto(Run) bad_file = { 0 };
  g_auto(Run) unknown = { 0 };
  g_auto(Run) help = { 0 };
  g_auto(Run) sub_help = { 0 };

  run_cli (&bad_date, "--database", demo_db, "list", "--from", "2026-02-30", "--to", "2026-03-01", NULL);
  g_assert_cmpint (bad_date.status, ==, 2);
  g_assert_true (strstr (bad_date.err, "--from") != NULL);

  g_assert_true (g_file_set_contents (foreign, "拝啓\n", -1, NULL));
  g_file_get_contents (foreign, &before, NULL, NULL);
  run_cli (&bad_file, "--database", foreign, "check", NULL);
  g_assert_cmpint (bad_file.status, ==, 1);
  g_assert_true (strstr (bad_file.err, "not a Tsunagu database") != NULL);
  g_file_get_contents (foreign, &after, NULL, NULL);
  g_assert_cmpstr (before, ==, after);

  run_cli (&unknown, "--database", demo_db, "frobnicate", NULL);
  g_assert_cmpint (unknown.status, ==, 2);
  g_assert_true (strstr (unknown.err, "Usage") != NULL);

  run_cli (&help, "--help", NULL);
  g_assert_cmpint (help.status, ==, 0);
  g_assert_true (strstr (help.out, "search") != NULL);

  run_cli (&sub_help, "list", "--help", NULL);
  g_assert_cmpint (sub_help.status, ==, 0);
  g_assert_true (strstr (sub_help.out, "--from") != NULL);
}

int
main (int    argc,
      char **argv)
{
  g_auto(Run) demo = { 0 };
  int status;

  g_test_init (&argc, &argv, NULL);
  g_assert_cmpint (argc, ==, 2);
  cli = argv[1];

  tmpdir = g_dir_make_tmp ("tsunagu-cli-XXXXXX", NULL);
  demo_db = g_build_filename (tmpdir, "demo.db", NULL);
  run_cli (&demo, "--database", demo_db, "demo", "--scale", "0.05", "--seed", "7", NULL);
  if (demo.status != 0)
    g_error ("tsunagu-cli demo failed: %s", demo.err);

  g_test_add_func ("/cli/demo-and-check", test_demo_and_check);
  g_test_add_func ("/cli/list", test_list);
  g_test_add_func ("/cli/search", test_search);
  g_test_add_func ("/cli/errors", test_errors);
  status = g_test_run ();

  for (guint i = 0; i < 4; i++)
    {
      const char *names[] = { "demo.db", "demo.db-wal", "demo.db-shm", "letter.txt" };
      g_autofree char *p = g_build_filename (tmpdir, names[i], NULL);

      g_unlink (p);
    }
  g_rmdir (tmpdir);
  return status;
}
