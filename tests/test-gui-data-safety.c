/* test-gui-data-safety.c: the window's check at start, backups and restore
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "tsunagu-core.h"
#include "tsu-application.h"
#include "tsu-data-safety.h"
#include "tsu-window.h"

static TsuApplication *application;
static char *dir;

static void
add_agency (TsuStore   *store,
            const char *name)
{
  g_autoptr(TsuAgency) a = tsu_agency_new ();

  tsu_agency_set_name (a, name);
  tsu_agency_set_kind (a, "clinic");
  g_assert_true (tsu_store_save (store, TSU_RECORD (a), NULL));
}

static guint
n_backups (const char *folder)
{
  g_autofree char *db = g_build_filename (dir, "daily.db", NULL);
  g_autoptr(GPtrArray) list = tsu_backup_list (folder, db);

  return list->len;
}

static gboolean
wait_for (gboolean (*condition) (gpointer), gpointer data)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (!condition (data) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  return condition (data);
}

static gboolean
has_two_backups (gpointer folder)
{
  return n_backups (folder) >= 2;
}

static gboolean
has_one_backup (gpointer folder)
{
  return n_backups (folder) >= 1;
}

static gboolean
store_released (gpointer window)
{
  return tsu_window_get_store (window) == NULL;
}

static gboolean
store_back (gpointer window)
{
  return tsu_window_get_store (window) != NULL;
}

static GtkWindow *
find_dialog (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

static gboolean
dialog_shown (gpointer data)
{
  return find_dialog () != NULL;
}

/* Opening a database backs it up once that day; "Back Up Now" adds one. */
static void
test_daily_and_manual_backup (void)
{
  g_autofree char *path = g_build_filename (dir, "daily.db", NULL);
  g_autofree char *folder = tsu_backup_get_default_folder (path);
  g_autoptr(TsuStore) store = tsu_store_open (path, NULL);
  TsuWindow *window;

  add_agency (store, "あおば訪問看護ステーション");
  window = tsu_window_new (application, store, FALSE);
  gtk_window_present (GTK_WINDOW (window));

  g_assert_true (wait_for (has_one_backup, folder));
  g_assert_cmpuint (n_backups (folder), ==, 1);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.backup-now", NULL));
  g_assert_true (wait_for (has_two_backups, folder));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A damaged database: the window lets go of it and offers the newest good backup;
 * restoring it brings back the backed-up rows. */
static void
test_damaged_offers_backup (void)
{
  g_autofree char *path = g_build_filename (dir, "damaged.db", NULL);
  g_autofree char *folder = tsu_backup_get_default_folder (path);
  g_autofree char *contents = NULL;
  g_autofree char *backup = NULL;
  TsuWindow *window;
  GtkWindow *dialog;
  gsize len;

  {
    g_autoptr(TsuStore) store = tsu_store_open (path, NULL);

    for (int i = 0; i < 300; i++)
      add_agency (store, "埼玉県立小児医療センター 医療的ケア児支援担当");
    backup = tsu_backup_now (tsu_store_get_database (store), folder, 0, NULL);
    g_assert_nonnull (backup);
    tsu_database_exec (tsu_store_get_database (store), "PRAGMA wal_checkpoint(TRUNCATE)", NULL);
  }

  /* Scribble over the last pages (rows, not the schema), as a failing disk would. */
  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  g_assert_cmpuint (len, >, 4096 * 40);
  memset (contents + len - 4096 * 8, 0x33, 4096 * 6);
  g_assert_true (g_file_set_contents (path, contents, len, NULL));

  {
    g_autoptr(TsuStore) store = tsu_store_open (path, NULL);

    g_assert_nonnull (store);
    window = tsu_window_new (application, store, FALSE);
  }
  gtk_window_present (GTK_WINDOW (window));

  g_assert_true (wait_for (dialog_shown, NULL));
  g_assert_true (wait_for (store_released, window));
  dialog = find_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==,
                   "The Database Is Damaged");
  g_assert_true (adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (dialog), "restore"));

  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "restore");
  g_assert_true (wait_for (store_back, window));
  g_assert_cmpint (tsu_store_count (tsu_window_get_store (window), TSU_TYPE_AGENCY), ==, 300);
  {
    g_autoptr(GError) error = NULL;

    tsu_database_check_integrity (tsu_store_get_database (tsu_window_get_store (window)), FALSE, &error);
    g_assert_no_error (error);
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Damaged past opening: the application offers the newest good backup instead of
 * a window. */
static void
test_unopenable_offers_backup (void)
{
  g_autofree char *path = g_build_filename (dir, "broken.db", NULL);
  g_autofree char *folder = tsu_backup_get_default_folder (path);
  g_autofree char *contents = NULL;
  GtkWindow *window, *dialog;
  gsize len;

  {
    g_autoptr(TsuStore) store = tsu_store_open (path, NULL);

    add_agency (store, "こもれび相談支援事業所");
    g_assert_nonnull (tsu_backup_now (tsu_store_get_database (store), folder, 0, NULL));
    tsu_database_exec (tsu_store_get_database (store), "PRAGMA wal_checkpoint(TRUNCATE)", NULL);
  }
  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  memset (contents + 100, 0x44, len - 200);
  g_assert_true (g_file_set_contents (path, contents, len, NULL));

  window = tsu_application_open_database (application, path, FALSE);
  g_assert_null (window);
  g_assert_true (wait_for (dialog_shown, NULL));
  dialog = find_dialog ();
  g_assert_true (adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (dialog), "restore"));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "restore");

  /* The restored database opens in a window of its own. */
  {
    gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
    TsuWindow *opened = NULL;

    while (opened == NULL && g_get_monotonic_time () < deadline)
      {
        g_main_context_iteration (NULL, TRUE);
        for (GList *l = gtk_application_get_windows (GTK_APPLICATION (application)); l; l = l->next)
          if (TSU_IS_WINDOW (l->data) && tsu_window_get_store (l->data) != NULL)
            opened = l->data;
      }
    g_assert_nonnull (opened);
    g_assert_cmpint (tsu_store_count (tsu_window_get_store (opened), TSU_TYPE_AGENCY), ==, 1);
    gtk_window_destroy (GTK_WINDOW (opened));
  }
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  application = tsu_application_new ("io.github.tsunagu.Tsunagu.DataSafetyTest", G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (application), NULL, &error);
  g_assert_no_error (error);
  dir = g_dir_make_tmp ("tsunagu-safety-XXXXXX", NULL);

  g_test_add_func ("/data-safety/daily-and-manual-backup", test_daily_and_manual_backup);
  g_test_add_func ("/data-safety/damaged-offers-backup", test_damaged_offers_backup);
  g_test_add_func ("/data-safety/unopenable-offers-backup", test_unopenable_offers_backup);
  status = g_test_run ();

  g_object_unref (application);
  return status;
}
