/* test-backup.c: backups, rotation and restore
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "tsunagu-core.h"

static char *
make_tmpdir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("tsunagu-backup-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
add_agency (TsuStore   *store,
            const char *name)
{
  g_autoptr(TsuAgency) a = tsu_agency_new ();
  g_autoptr(GError) error = NULL;

  tsu_agency_set_name (a, name);
  tsu_agency_set_kind (a, "clinic");
  tsu_store_save (store, TSU_RECORD (a), &error);
  g_assert_no_error (error);
}

/* A backup is a sound, private copy holding what was committed, WAL included. */
static void
test_backup_contents (void)
{
  g_autofree char *dir = make_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "tsunagu.db", NULL);
  g_autofree char *folder = tsu_backup_get_default_folder (db);
  g_autoptr(GError) error = NULL;
  g_autoptr(TsuStore) store = tsu_store_open (db, &error);
  g_autoptr(TsuStore) copy = NULL;
  g_autofree char *path = NULL;
  GStatBuf st;

  add_agency (store, "つばさ訪問看護ステーション");
  path = tsu_backup_now (tsu_store_get_database (store), folder, 0, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (path, folder));
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (folder, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  g_assert_true (tsu_backup_verify (path, &error));
  g_assert_no_error (error);

  copy = tsu_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (tsu_store_count (copy, TSU_TYPE_AGENCY), ==, 1);

  /* Backups made within one second still list in the order they were made, and a
   * database sharing the folder does not see them. */
  {
    g_autofree char *second = tsu_backup_now (tsu_store_get_database (store), folder, 0, &error);
    g_autofree char *third = tsu_backup_now (tsu_store_get_database (store), folder, 0, &error);
    g_autoptr(GPtrArray) list = tsu_backup_list (folder, db);
    g_autofree char *other = g_build_filename (dir, "other.db", NULL);
    g_autoptr(GPtrArray) none = tsu_backup_list (folder, other);

    g_assert_cmpuint (list->len, ==, 3);
    g_assert_cmpstr (g_ptr_array_index (list, 1), ==, second);
    g_assert_cmpstr (g_ptr_array_index (list, 2), ==, third);
    g_assert_cmpuint (none->len, ==, 0);
  }

  /* The daily backup is skipped when today's exists. */
  g_assert_null (tsu_backup_daily (tsu_store_get_database (store), folder, 0, &error));
  g_assert_no_error (error);
}

/* Rotation keeps the newest N. */
static void
test_rotation (void)
{
  g_autofree char *dir = make_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "tsunagu.db", NULL);
  g_autofree char *folder = g_build_filename (dir, "backups", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TsuStore) store = tsu_store_open (db, &error);
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *newest = NULL;

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  /* Five older backups, named by time as the app names them. */
  for (int i = 1; i <= 5; i++)
    {
      g_autofree char *old = g_strdup_printf ("%s/tsunagu-2026010%d-120000.db", folder, i);
      g_assert_true (g_file_set_contents (old, "", 0, NULL));
    }

  newest = tsu_backup_now (tsu_store_get_database (store), folder, 3, &error);
  g_assert_no_error (error);
  list = tsu_backup_list (folder, db);
  g_assert_cmpuint (list->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (list, 2), ==, newest);
  g_assert_true (g_str_has_suffix (g_ptr_array_index (list, 0), "tsunagu-20260104-120000.db"));
}

/* Restore checks the file, keeps the current database, and brings back the old state. */
static void
test_restore (void)
{
  g_autofree char *dir = make_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "tsunagu.db", NULL);
  g_autofree char *folder = tsu_backup_get_default_folder (db);
  g_autofree char *junk = g_build_filename (dir, "junk.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *refused = NULL;
  g_autoptr(TsuStore) reopened = NULL;
  g_autoptr(TsuStore) replaced = NULL;

  {
    g_autoptr(TsuStore) store = tsu_store_open (db, &error);

    add_agency (store, "一つ目");
    backup = tsu_backup_now (tsu_store_get_database (store), folder, 0, &error);
    g_assert_no_error (error);
    add_agency (store, "二つ目");
  }

  /* A file that is not a backup is refused and nothing changes. */
  g_assert_true (g_file_set_contents (junk, "SQLite format 3 but not really", -1, NULL));
  refused = tsu_backup_restore (db, junk, folder, &error);
  g_assert_null (refused);
  g_assert_error (error, TSU_DATABASE_ERROR, TSU_DATABASE_ERROR_NOT_TSUNAGU);
  g_clear_error (&error);

  kept = tsu_backup_restore (db, backup, folder, &error);
  g_assert_no_error (error);
  g_assert_nonnull (kept);
  g_assert_true (g_file_test (kept, G_FILE_TEST_EXISTS));

  reopened = tsu_store_open (db, &error);
  g_assert_no_error (error);
  g_assert_cmpint (tsu_store_count (reopened, TSU_TYPE_AGENCY), ==, 1);

  replaced = tsu_store_open (kept, &error);
  g_assert_no_error (error);
  g_assert_cmpint (tsu_store_count (replaced, TSU_TYPE_AGENCY), ==, 2);
}

/* A damaged backup is refused. */
static void
test_damaged_backup (void)
{
  g_autofree char *dir = make_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "tsunagu.db", NULL);
  g_autofree char *folder = tsu_backup_get_default_folder (db);
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = NULL;
  g_autofree char *contents = NULL;
  gsize len;

  {
    g_autoptr(TsuStore) store = tsu_store_open (db, &error);

    for (int i = 0; i < 200; i++)
      add_agency (store, "埼玉県立小児医療センター 医療的ケア児支援担当");
    backup = tsu_backup_now (tsu_store_get_database (store), folder, 0, &error);
  }

  /* Scribble over the middle pages, leaving the header intact. */
  g_assert_true (g_file_get_contents (backup, &contents, &len, NULL));
  g_assert_cmpuint (len, >, 16384);
  memset (contents + 8192, 0x5a, len - 8192 - 4096);
  g_assert_true (g_file_set_contents (backup, contents, len, NULL));

  g_assert_false (tsu_backup_verify (backup, &error));
  g_assert_nonnull (error);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/backup/contents", test_backup_contents);
  g_test_add_func ("/backup/rotation", test_rotation);
  g_test_add_func ("/backup/restore", test_restore);
  g_test_add_func ("/backup/damaged", test_damaged_backup);

  return g_test_run ();
}
