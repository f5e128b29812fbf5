/* test-readonly.c: a database that cannot be written to
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <grp.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tsunagu-core.h"

/* The tests run as root, for whom file modes mean nothing: the part that must not be
 * able to write runs in a child that has become "nobody" (65534), which owns the
 * folder, with the file mode 0400. As any user who is not root, then. */
#define NOBODY 65534

static char *
make_database (char **dir_out)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsuStore) store = NULL;
  g_autofree char *dir = g_dir_make_tmp ("tsunagu-readonly-XXXXXX", &error);
  char *path;

  g_assert_no_error (error);
  path = g_build_filename (dir, "tsunagu.db", NULL);
  store = tsu_store_open (path, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(TsuAgency) agency = tsu_agency_new ();
      g_autofree char *name = g_strdup_printf ("訪問看護ステーション %u", i);

      tsu_agency_set_name (agency, name);
      tsu_agency_set_kind (agency, "visiting-nursing");
      g_assert_true (tsu_store_save (store, TSU_RECORD (agency), &error));
      g_assert_no_error (error);
    }
  g_clear_object (&store);  /* the last connection folds the WAL into the file */

  *dir_out = g_steal_pointer (&dir);
  return path;
}

static char *
checksum_of (const char *path)
{
  g_autofree char *contents = NULL;
  gsize size;

  g_assert_true (g_file_get_contents (path, &contents, &size, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, size);
}

static void
give_to_nobody (const char *dir,
                const char *path,
                int         dir_mode)
{
  g_assert_cmpint (chown (dir, NOBODY, NOBODY), ==, 0);
  g_assert_cmpint (chown (path, NOBODY, NOBODY), ==, 0);
  g_assert_cmpint (g_chmod (path, 0400), ==, 0);
  g_assert_cmpint (g_chmod (dir, dir_mode), ==, 0);
}

static void
become_nobody (void)
{
  if (setgroups (0, NULL) != 0 || setgid (NOBODY) != 0 || setuid (NOBODY) != 0)
    g_error ("Cannot become nobody: %s", g_strerror (errno));
  g_assert_cmpint (geteuid (), ==, NOBODY);
}

/* What the child sees: the store opens for reading, shows what is there, and a
 * save fails with a message that says so, the edit kept in memory. */
static void
try_to_write (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsuStore) store = NULL;
  g_autoptr(GListModel) agencies = NULL;
  g_autoptr(TsuAgency) first = NULL;
  g_autoptr(TsuAgency) agency = tsu_agency_new ();

  become_nobody ();
  /* Not even this user may write it. */
  g_assert_cmpint (access (path, W_OK), !=, 0);

  store = tsu_store_open (path, &error);
  if (store == NULL)
    {
      /* Refusing to open is fine too, when it says why. */
      g_assert_error (error, TSU_DATABASE_ERROR, TSU_DATABASE_ERROR_READ_ONLY);
      g_assert_nonnull (strstr (error->message, "cannot be written"));
      _exit (3);
    }

  agencies = tsu_store_list (store, TSU_TYPE_AGENCY, "name", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (agencies), ==, 3);

  tsu_agency_set_name (agency, "新しい相談支援事業所");
  tsu_agency_set_kind (agency, "consultation-support");
  g_assert_false (tsu_store_save (store, TSU_RECORD (agency), &error));
  g_assert_error (error, TSU_DATABASE_ERROR, TSU_DATABASE_ERROR_READ_ONLY);
  g_assert_nonnull (strstr (error->message, "cannot be written"));
  g_clear_error (&error);
  g_assert_cmpint (tsu_record_get_id (TSU_RECORD (agency)), ==, 0);
  g_assert_cmpstr (tsu_agency_get_name (agency), ==, "新しい相談支援事業所");

  /* A change of a row read from it fails the same way and is kept in memory too. */
  first = g_list_model_get_item (agencies, 0);
  tsu_agency_set_phone (first, "048-000-0000");
  g_assert_false (tsu_store_save (store, TSU_RECORD (first), &error));
  g_assert_error (error, TSU_DATABASE_ERROR, TSU_DATABASE_ERROR_READ_ONLY);
  g_assert_cmpstr (tsu_agency_get_phone (first), ==, "048-000-0000");

  _exit (0);
}

static void
check_unchanged (const char *dir,
                 const char *path,
                 const char *before)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsuStore) store = NULL;
  g_autofree char *after = NULL;

  g_assert_cmpint (g_chmod (dir, 0700), ==, 0);
  after = checksum_of (path);
  g_assert_cmpstr (after, ==, before);

  g_assert_cmpint (g_chmod (path, 0600), ==, 0);
  store = tsu_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (tsu_database_check_integrity (tsu_store_get_database (store), FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (tsu_store_count (store, TSU_TYPE_AGENCY), ==, 3);
}

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *child = g_build_filename (dir, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (dir);
}

static int
run_child (const char *path)
{
  int status;
  pid_t pid = fork ();

  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    try_to_write (path);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

/* The file is read-only; its folder is writable (SQLite may keep its -wal and -shm
 * files there): the data can be read, every save fails with a clear message. */
static void
test_read_only_file (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = make_database (&dir);
  g_autofree char *before = checksum_of (path);

  if (getuid () != 0)
    {
      g_test_skip ("needs root to become another user");
      return;
    }
  give_to_nobody (dir, path, 0700);
  g_assert_cmpint (run_child (path), ==, 0);
  check_unchanged (dir, path, before);
  remove_tree (dir);
}

/* File and folder read-only: the store opens for reading or refuses with the same
 * clear message; either way nothing is written. */
static void
test_read_only_folder (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = make_database (&dir);
  g_autofree char *before = checksum_of (path);
  int result;

  if (getuid () != 0)
    {
      g_test_skip ("needs root to become another user");
      return;
    }
  give_to_nobody (dir, path, 0500);
  result = run_child (path);
  g_assert_true (result == 0 || result == 3);
  g_test_message ("a read-only folder: %s", result == 0 ? "opened for reading" : "refused");
  check_unchanged (dir, path, before);
  remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/readonly/file", test_read_only_file);
  g_test_add_func ("/readonly/folder", test_read_only_folder);

  return g_test_run ();
}
