/* test-gui-caldav.c: the shared calendar in Preferences and in the window, with a real
 * Radicale
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <signal.h>
#include <string.h>

#include "tsunagu-core.h"
#include "caldav/tsu-test-radicale.h"
#include "tsu-application.h"
#include "tsu-caldav-status.h"
#include "tsu-preferences-window.h"
#include "tsu-settings.h"
#include "tsu-window.h"

/* Radicale without authentication here: under Xvfb there is no keyring to keep a
 * password for the window's background sync (test-caldav covers passwords). With
 * TSU_SCREENSHOT_DIR set, PNGs of the Preferences page are left there. */

static TsuApplication *application;
static GSubprocess *radicale;
static char *server_url;
static char *storage;

static gboolean
start_radicale (const char *dir)
{
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "caldav", "run-radicale.py", NULL);
  g_autofree char *config = NULL;
  g_autoptr(TsuCaldavClient) client = NULL;
  g_autofree char *calendar = NULL;
  guint16 port = tsu_test_free_port ();

  if (!g_file_test ("/usr/lib/python3/dist-packages/radicale/__init__.py", G_FILE_TEST_EXISTS))
    return FALSE;
  storage = g_build_filename (dir, "collections", NULL);
  config = tsu_test_radicale_write_config (dir, port, NULL, NULL);
  g_assert_nonnull (config);
  radicale = tsu_test_radicale_spawn (script, config, NULL);
  g_assert_nonnull (radicale);
  server_url = g_strdup_printf ("http://127.0.0.1:%u/", port);
  client = tsu_caldav_client_new (server_url, "coordinator", NULL, NULL);
  calendar = g_strdup_printf ("%scoordinator/center/", server_url);
  return tsu_test_radicale_make_calendar (client, calendar);
}

static gboolean
tick_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

static gboolean
wait_for (gboolean (*check) (gpointer), gpointer data, int seconds)
{
  gint64 until = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;
  guint tick = g_timeout_add (20, tick_cb, NULL);
  gboolean ok;

  while (!(ok = check (data)) && g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);
  return ok;
}

static gboolean
never (gpointer data)
{
  return FALSE;
}

static void
settle (void)
{
  wait_for (never, NULL, 1);
}

static GtkWidget *
find_row (GtkWidget  *widget,
          const char *title)
{
  if (ADW_IS_PREFERENCES_ROW (widget) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_row (c, title);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_button (GtkWidget  *widget,
             const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_button (c, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
screenshot (GtkWidget  *widget,
            const char *name)
{
  const char *dir = g_getenv ("TSU_SCREENSHOT_DIR");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  int width, height;

  if (dir == NULL)
    return;
  settle ();
  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node == NULL)
    return;
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  path = g_strdup_printf ("%s/%s.png", dir, name);
  gdk_texture_save_to_png (texture, path);
}

static guint
count_ics (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;
  guint n = 0;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      /* Radicale's caches keep copies under .Radicale.cache. */
      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_str_has_prefix (name, ".Radicale"))
        n += count_ics (child);
      else if (!g_file_test (child, G_FILE_TEST_IS_DIR) && g_str_has_suffix (name, ".ics"))
        n++;
    }
  return n;
}

static gboolean
calendar_found (gpointer data)
{
  return gtk_widget_get_visible (data) &&
         adw_combo_row_get_selected_item (ADW_COMBO_ROW (data)) != NULL;
}

static gboolean
subtitle_says_synced (gpointer data)
{
  const char *subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (data));
  g_autofree char *expected = g_strdup_printf (_("Synced: %u received, %u sent, %u removed, %u conflicts kept as copies"),
                                               0, 1, 0, 0);

  return g_strcmp0 (subtitle, expected) == 0;
}

static gboolean
server_has (gpointer data)
{
  return count_ics (storage) >= GPOINTER_TO_UINT (data);
}

static void
test_preferences_and_background (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSettings) settings = g_settings_new (TSU_SETTINGS_SCHEMA_ID);
  g_autofree char *dir = g_dir_make_tmp ("tsunagu-gui-caldav-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "tsunagu.db", NULL);
  g_autofree char *expected = NULL;
  g_autoptr(TsuStore) store = tsu_store_open (path, &error);
  g_autoptr(TsuMeeting) first = tsu_meeting_new ();
  g_autoptr(TsuMeeting) second = tsu_meeting_new ();
  GtkWindow *prefs;
  GtkWidget *row;
  TsuWindow *window;

  g_assert_no_error (error);
  g_assert_true (start_radicale (dir));
  expected = g_strdup_printf ("%scoordinator/center/", server_url);

  tsu_meeting_set_kind (first, "liaison");
  tsu_meeting_set_title (first, "多機関連絡会議");
  tsu_meeting_set_starts_at (first, 1795500000);
  tsu_meeting_set_ends_at (first, 1795505400);
  g_assert_true (tsu_store_save (store, TSU_RECORD (first), &error));

  /* Preferences: address, user, Find Calendars, the calendar chosen, Sync. */
  prefs = tsu_preferences_window_new (NULL, path);
  gtk_window_present (prefs);
  adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (prefs),
                                           ADW_PREFERENCES_PAGE (gtk_widget_get_ancestor (
                                             find_row (GTK_WIDGET (prefs), _("Server Address")),
                                             ADW_TYPE_PREFERENCES_PAGE)));
  settle ();
  gtk_editable_set_text (GTK_EDITABLE (find_row (GTK_WIDGET (prefs), _("Server Address"))), server_url);
  gtk_editable_set_text (GTK_EDITABLE (find_row (GTK_WIDGET (prefs), _("User Name"))), "coordinator");
  gtk_widget_activate (find_button (GTK_WIDGET (prefs), _("_Find Calendars")));
  row = find_row (GTK_WIDGET (prefs), _("Calendar"));
  if (!wait_for (calendar_found, row, 20))
    g_error ("No calendar found: %s",
             adw_action_row_get_subtitle (ADW_ACTION_ROW (find_row (GTK_WIDGET (prefs), _("Calendars on the Server")))));
  g_assert_cmpstr (g_settings_get_string (settings, "caldav-calendar"), ==, expected);
  g_assert_true (g_settings_get_boolean (settings, "caldav-enabled"));

  gtk_widget_activate (find_button (GTK_WIDGET (prefs), _("_Sync")));
  row = find_row (GTK_WIDGET (prefs), _("Sync Now"));
  g_assert_true (wait_for (server_has, GUINT_TO_POINTER (1), 20));
  g_assert_true (wait_for (subtitle_says_synced, row, 20));
  g_assert_cmpuint (count_ics (storage), ==, 1);
  screenshot (GTK_WIDGET (prefs), "preferences-shared-calendar");
  gtk_window_destroy (prefs);

  /* The window syncs by itself after a change, without blocking. */
  window = tsu_window_new (application, store, FALSE);
  gtk_window_present (GTK_WINDOW (window));
  settle ();
  tsu_meeting_set_kind (second, "training");
  tsu_meeting_set_title (second, "喀痰吸引等研修");
  tsu_meeting_set_starts_at (second, 1795600000);
  tsu_meeting_set_ends_at (second, 1795605400);
  g_assert_true (tsu_store_save (store, TSU_RECORD (second), &error));
  g_assert_true (wait_for (server_has, GUINT_TO_POINTER (2), 30));
  screenshot (GTK_WIDGET (window), "window-shared-calendar");
  gtk_window_destroy (GTK_WINDOW (window));
  settle ();

  g_settings_reset (settings, "caldav-enabled");
  tsu_test_radicale_stop (radicale, SIGKILL);
  tsu_test_remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;
  const char *localedir = g_getenv ("TSUNAGU_LOCALEDIR");

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* Screenshots in another language read its translation from TSUNAGU_LOCALEDIR. */
  if (localedir != NULL && *localedir != '\0')
    {
      setlocale (LC_ALL, "");
      bindtextdomain (GETTEXT_PACKAGE, localedir);
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      textdomain (GETTEXT_PACKAGE);
    }

  application = tsu_application_new ("io.github.tsunagu.Tsunagu.TestCaldav", G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (application), NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/gui/caldav/preferences-and-background", test_preferences_and_background);
  status = g_test_run ();
  g_clear_object (&application);
  return status;
}
