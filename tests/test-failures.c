/* test-failures.c: a full disk and a vanished file lose nothing already saved
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>

#include "tsunagu-core.h"

static char *dir;

static char *
db_path (const char *name)
{
  return g_build_filename (dir, name, NULL);
}

static TsuAgency *
agency_named (const char *name)
{
  TsuAgency *a = tsu_agency_new ();

  tsu_agency_set_name (a, name);
  tsu_agency_set_kind (a, "clinic");
  return a;
}

/* The file is moved away while open: the next save is refused with a clear message,
 * and the edit stays in memory for saving elsewhere. */
static void
test_vanished (void)
{
  g_autofree char *path = db_path ("moved.db");
  g_autofree char *away = db_path ("moved-away.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(TsuStore) store = tsu_store_open (path, &error);
  g_autoptr(TsuAgency) first = agency_named ("最初の機関");
  g_autoptr(TsuAgency) second = agency_named ("移動後の機関");
  g_autoptr(TsuStore) reopened = NULL;

  g_assert_true (tsu_store_save (store, TSU_RECORD (first), &error));
  g_assert_cmpint (g_rename (path, away), ==, 0);

  g_assert_false (tsu_store_save (store, TSU_RECORD (second), &error));
  g_assert_error (error, TSU_DATABASE_ERROR, TSU_DATABASE_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "moved or deleted"));
  g_assert_cmpint (tsu_record_get_id (TSU_RECORD (second)), ==, 0);
  g_assert_cmpstr (tsu_agency_get_name (second), ==, "移動後の機関");

  /* The last commits still sit in the write-ahead log beside the old name: put the
   * file back and nothing is missing or damaged. */
  g_clear_object (&store);
  g_assert_cmpint (g_rename (away, path), ==, 0);
  reopened = tsu_store_open (path, NULL);
  g_assert_cmpint (tsu_store_count (reopened, TSU_TYPE_AGENCY), ==, 1);
  g_assert_true (tsu_database_check_integrity (tsu_store_get_database (reopened), FALSE, NULL));
}

/* Runs in a child limited to a small file size, as on a full disk. */
static void
fill_disk (void)
{
  g_autofree char *path = db_path ("full.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(TsuStore) store = tsu_store_open (path, &error);
  g_autofree char *big = g_malloc (200 * 1024 + 1);
  struct rlimit limit = { 2 * 1024 * 1024, 2 * 1024 * 1024 };
  guint saved = 0;

  g_assert_no_error (error);
  memset (big, 'x', 200 * 1024);
  big[200 * 1024] = '\0';

  signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);

  for (guint i = 0; i < 100; i++)
    {
      g_autoptr(TsuAgency) a = agency_named ("容量テスト");

      tsu_agency_set_notes (a, big);
      if (!tsu_store_save (store, TSU_RECORD (a), &error))
        break;
      saved++;
    }

  g_assert_nonnull (error);
  g_assert_true (g_error_matches (error, TSU_DATABASE_ERROR, TSU_DATABASE_ERROR_FULL) ||
                 g_error_matches (error, TSU_DATABASE_ERROR, TSU_DATABASE_ERROR_IO));
  g_assert_nonnull (strstr (error->message, "Nothing was saved"));
  {
    g_autofree char *count_file = db_path ("saved.txt");
    g_autofree char *text = g_strdup_printf ("%u", saved);

    /* Small enough to fit under the limit. */
    g_assert_true (g_file_set_contents (count_file, text, -1, NULL));
  }
}

static void
test_disk_full (void)
{
  g_autofree char *path = db_path ("full.db");
  g_autoptr(TsuStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *count_file = db_path ("saved.txt");
  g_autofree char *text = NULL;
  guint saved = 0;

  if (g_test_subprocess ())
    {
      fill_disk ();
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_assert_true (g_file_get_contents (count_file, &text, NULL, NULL));
  saved = (guint) g_ascii_strtoull (text, NULL, 10);
  g_assert_cmpuint (saved, >, 0);

  /* Every save that was reported is there, and the file is sound. */
  store = tsu_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (tsu_database_check_integrity (tsu_store_get_database (store), FALSE, &error));
  g_assert_cmpint (tsu_store_count (store, TSU_TYPE_AGENCY), ==, saved);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  dir = g_strdup (g_getenv ("TSUNAGU_TEST_DIR"));
  if (dir == NULL)
    {
      dir = g_dir_make_tmp ("tsunagu-failures-XXXXXX", NULL);
      g_setenv ("TSUNAGU_TEST_DIR", dir, TRUE);
    }

  g_test_add_func ("/failures/vanished", test_vanished);
  g_test_add_func ("/failures/disk-full", test_disk_full);
  status = g_test_run ();

  if (!g_test_subprocess ())
    {
      const char *names[] = { "moved.db", "moved-away.db", "moved-away.db-wal", "moved-away.db-shm",
                              "moved.db-wal", "moved.db-shm", "full.db", "full.db-wal", "full.db-shm", "saved.txt" };

      for (guint i = 0; i < G_N_ELEMENTS (names); i++)
        {
          g_autofree char *p = db_path (names[i]);
          g_unlink (p);
        }
      g_rmdir (dir);
    }
  return status;
}
