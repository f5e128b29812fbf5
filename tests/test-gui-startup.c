/* test-gui-startup.c: what the window leaves out of its start still works when asked
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "tsu-application.h"
#include "tsu-caldav-module.h"
#include "tsu-window.h"

/* Runs the real widgets under Xvfb. The shortcuts window is built when it is first
 * asked for, not with every window; CalDAV sync comes from a module loaded on first
 * use (TSUNAGU_MODULEDIR, set by src/gui/meson.build, says where it is built). */

static TsuApplication *application;

static void
wait_for (gboolean *done)
{
  while (!*done)
    g_main_context_iteration (NULL, TRUE);
}

static void
test_shortcuts_window (void)
{
  g_autofree char *dir = g_dir_make_tmp ("tsunagu-startup-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "tsunagu.db", NULL);
  g_autofree char *db_wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *db_shm = g_strconcat (path, "-shm", NULL);
  g_auto(GStrv) accels = NULL;
  GtkWindow *window;
  GtkShortcutsWindow *overlay;

  window = tsu_application_open_database (application, path, FALSE);
  g_assert_true (TSU_IS_WINDOW (window));

  /* Not built with the window… */
  g_assert_null (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));

  /* …but Ctrl+? and the menu item still show it, the same one every time. */
  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (application), "win.show-help-overlay");
  g_assert_true (g_strv_contains ((const char * const *) accels, "<Control>question"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  overlay = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window));
  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (overlay));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (overlay)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (overlay)) == window);
  gtk_window_close (GTK_WINDOW (overlay));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  g_assert_true (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)) == overlay);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (overlay)));

  gtk_window_destroy (window);
  g_unlink (db_wal);
  g_unlink (db_shm);
  g_unlink (path);
  g_rmdir (dir);
}

typedef struct {
  gboolean  done;
  GError   *error;
} Discovered;

static void
discovered_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  Discovered *discovered = user_data;
  g_autoptr(GListModel) found = tsu_caldav_module_discover_finish (result, &discovered->error);

  g_assert_null (found);
  discovered->done = TRUE;
}

/* A server that is not there: the module, loaded, says so in CalDAV's own words. */
static void
test_caldav_module (void)
{
  Discovered discovered = { FALSE, NULL };

  tsu_caldav_module_discover_async ("http://127.0.0.1:9/", "someone", "secret", NULL, discovered_cb, &discovered);
  wait_for (&discovered.done);
  g_assert_error (discovered.error, TSU_CALDAV_ERROR, TSU_CALDAV_ERROR_UNREACHABLE);
  g_clear_error (&discovered.error);
}

/* Without the module (a broken installation) the operation fails with a message;
 * nothing crashes. */
static void
test_caldav_module_missing (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *empty = g_dir_make_tmp ("tsunagu-no-module-XXXXXX", NULL);
      Discovered discovered = { FALSE, NULL };

      g_setenv ("TSUNAGU_MODULEDIR", empty, TRUE);
      tsu_caldav_module_discover_async ("http://127.0.0.1:9/", NULL, NULL, NULL, discovered_cb, &discovered);
      wait_for (&discovered.done);
      g_assert_error (discovered.error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
      g_print ("%s\n", discovered.error->message);
      g_clear_error (&discovered.error);
      g_rmdir (empty);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("*tsunagu-caldav*");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  application = tsu_application_new ("io.github.tsunagu.Tsunagu.TestStartup", G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (application), NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/gui/startup/shortcuts-window", test_shortcuts_window);
  g_test_add_func ("/gui/startup/caldav-module", test_caldav_module);
  g_test_add_func ("/gui/startup/caldav-module-missing", test_caldav_module_missing);

  status = g_test_run ();
  g_clear_object (&application);
  return status;
}
