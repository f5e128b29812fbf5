/* test-gui-smoke.c: the window opens on a database and shows its rows
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "tsu-application.h"
#include "tsu-demo.h"
#include "tsu-format.h"
#include "tsu-settings.h"
#include "tsu-text-match.h"
#include "tsu-window.h"

/* Runs the real widgets (under Xvfb in build-aux/test): one application for the whole
 * program, and a fresh database in a temporary folder for each test. */

static TsuApplication *application;

typedef struct {
  char *dir;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("tsunagu-gui-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "tsunagu.db", NULL);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static void
close_all_windows (void)
{
  GList *list = gtk_application_get_windows (GTK_APPLICATION (application));
  g_autoptr(GList) windows = g_list_copy (list);

  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_destroy (l->data);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  close_all_windows ();
  remove_tree (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static gboolean
tick_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Runs the main loop until @check is true; FALSE after @seconds. */
static gboolean
wait_for (gboolean (*check) (gpointer data),
          gpointer  data,
          guint     seconds)
{
  gint64 deadline = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;
  guint tick = g_timeout_add (20, tick_cb, NULL);
  gboolean done;

  while (!(done = check (data)) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);

  g_source_remove (tick);
  return done;
}

static gboolean
is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

static gboolean
shows_pages (gpointer data)
{
  return g_strcmp0 (tsu_window_get_content (data), "pages") == 0;
}

/* Lets a few frames pass, so that list views create and bind their rows. */
static void
settle (void)
{
  gint64 until = g_get_monotonic_time () + G_USEC_PER_SEC / 2;
  guint tick = g_timeout_add (20, tick_cb, NULL);

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);
}

static void
collect_labels (GtkWidget *widget,
                GPtrArray *texts)
{
  if (!gtk_widget_get_mapped (widget))
    return;

  if (GTK_IS_LABEL (widget))
    g_ptr_array_add (texts, g_strdup (gtk_label_get_text (GTK_LABEL (widget))));

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_labels (child, texts);
}

/* The texts of the labels on screen under @widget. */
static GPtrArray *
shown_texts (GtkWidget *widget)
{
  GPtrArray *texts = g_ptr_array_new_with_free_func (g_free);

  collect_labels (widget, texts);
  return texts;
}

static gboolean
texts_contain (GPtrArray  *texts,
               const char *text)
{
  for (guint i = 0; i < texts->len; i++)
    if (g_strcmp0 (g_ptr_array_index (texts, i), text) == 0)
      return TRUE;
  return FALSE;
}

static GtkWidget *
find_widget (GtkWidget *widget,
             GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static TsuStore *
open_store (const char *path)
{
  g_autoptr(GError) error = NULL;
  TsuStore *store = tsu_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

static void
fill_demo (TsuStore *store)
{
  g_autoptr(GError) error = NULL;
  TsuDemoOptions options;

  tsu_demo_options_init (&options);
  options.scale = 0.02;
  options.seed = 7;
  options.end = 0;  /* now: the year after it holds upcoming meetings */
  g_assert_true (tsu_demo_generate (store, &options, &error));
  g_assert_no_error (error);
}

static guint
calendar_rows (TsuWindow *window)
{
  GListModel *model = tsu_calendar_page_get_model (tsu_window_get_calendar_page (window));

  return g_list_model_get_n_items (model);
}

static guint
cases_rows (TsuWindow *window)
{
  return g_list_model_get_n_items (tsu_cases_page_get_model (tsu_window_get_cases_page (window)));
}

static guint
directory_rows (TsuWindow *window)
{
  GListModel *model = tsu_directory_page_get_model (tsu_window_get_directory_page (window));

  return g_list_model_get_n_items (model);
}

static TsuWindow *
show_window (TsuStore *store,
             gboolean  demo)
{
  TsuWindow *window = tsu_window_new (application, store, demo);

  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (wait_for (is_mapped, window, 10));
  return window;
}

static void
test_pages (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(TsuStore) store = open_store (fixture->path);
  TsuWindow *window;

  fill_demo (store);
  window = show_window (store, FALSE);

  g_assert_cmpstr (tsu_window_get_content (window), ==, "pages");

  /* Ctrl+1, 2, 3 are the action win.show-page; a page reads its rows when shown. */
  for (guint i = 0; i < 3; i++)
    {
      static const char * const pages[] = { "directory", "cases", "calendar" };

      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window),
                                                 "win.show-page", "s", pages[i]));
      g_assert_cmpstr (tsu_window_get_visible_page (window), ==, pages[i]);
      settle ();
    }

  g_assert_cmpuint (calendar_rows (window), >, 0);
  g_assert_cmpuint (cases_rows (window), >, 0);
  g_assert_cmpuint (directory_rows (window), >, 0);

  /* The calendar's agenda lists meetings on screen under day headings (the month and
   * week views draw themselves: tests/test-calendar-gui.c looks at those). */
  tsu_calendar_page_set_view (tsu_window_get_calendar_page (window), "agenda");
  settle ();
  settle ();
  {
    g_autoptr(GPtrArray) texts = shown_texts (GTK_WIDGET (tsu_window_get_calendar_page (window)));
    GListModel *model = tsu_calendar_page_get_model (tsu_window_get_calendar_page (window));
    gboolean found = FALSE;

    g_assert_cmpuint (g_list_model_get_n_items (model), >, 0);
    for (guint i = 0; i < g_list_model_get_n_items (model) && !found; i++)
      {
        g_autoptr(TsuOccurrence) o = g_list_model_get_item (model, i);
        g_autoptr(GDateTime) day = tsu_format_local_time (tsu_occurrence_get_starts_at (o));
        g_autofree char *heading = tsu_format_day (day);

        found = texts_contain (texts, tsu_occurrence_get_title (o)) && texts_contain (texts, heading);
      }
    g_assert_true (found);
  }
}

static void
test_hide_names (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(TsuStore) store = open_store (fixture->path);
  g_autoptr(GSettings) settings = g_settings_new (TSU_SETTINGS_SCHEMA_ID);
  g_autoptr(GListModel) cases = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GError) error = NULL;
  TsuCasesPage *page;
  TsuWindow *window;
  guint names_before = 0;
  guint names_after = 0;
  guint codes_after = 0;

  g_settings_set_boolean (settings, "hide-names", FALSE);
  fill_demo (store);
  cases = tsu_store_list (store, TSU_TYPE_CASE, "code", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (cases), >, 0);

  window = show_window (store, FALSE);
  page = tsu_window_get_cases_page (window);
  tsu_window_show_page (window, "cases");
  settle ();

  before = shown_texts (GTK_WIDGET (page));
  g_settings_set_boolean (settings, "hide-names", TRUE);
  settle ();
  after = shown_texts (GTK_WIDGET (page));

  for (guint i = 0; i < g_list_model_get_n_items (cases); i++)
    {
      g_autoptr(TsuCase) kase = g_list_model_get_item (cases, i);
      g_autofree char *shown = tsu_cases_page_dup_display_name (page, kase);
      const char *name = tsu_case_get_child_name (kase);

      g_assert_cmpstr (shown, ==, tsu_case_get_code (kase));
      if (name == NULL || *name == '\0')
        continue;
      names_before += texts_contain (before, name);
      names_after += texts_contain (after, name);
      codes_after += texts_contain (after, tsu_case_get_code (kase));
    }

  /* Names were on screen; now none is, and the codes stand in for them. */
  g_assert_cmpuint (names_before, >, 0);
  g_assert_cmpuint (names_after, ==, 0);
  g_assert_cmpuint (codes_after, >, 0);

  /* Searching does not find a case by the name that is hidden. */
  {
    g_autoptr(TsuCase) kase = g_list_model_get_item (cases, 0);
    GtkWidget *entry = find_widget (GTK_WIDGET (page), GTK_TYPE_SEARCH_ENTRY);

    g_assert_nonnull (entry);
    if (tsu_case_get_child_name (kase) != NULL)
      {
        gtk_editable_set_text (GTK_EDITABLE (entry), tsu_case_get_child_name (kase));
        g_signal_emit_by_name (entry, "search-changed");
        g_assert_cmpuint (g_list_model_get_n_items (tsu_cases_page_get_model (page)), ==, 0);
        g_settings_set_boolean (settings, "hide-names", FALSE);
        g_assert_cmpuint (g_list_model_get_n_items (tsu_cases_page_get_model (page)), >, 0);
        gtk_editable_set_text (GTK_EDITABLE (entry), "");
        g_signal_emit_by_name (entry, "search-changed");
      }
  }

  g_settings_set_boolean (settings, "hide-names", FALSE);
}

/* "048-123" → "０４８－１２３", as a Japanese input method types it */
static char *
full_width (const char *ascii)
{
  GString *out = g_string_new (NULL);

  for (const char *p = ascii; *p != '\0'; p++)
    {
      if (*p >= '!' && *p <= '~')
        g_string_append_unichar (out, 0xFF01 + (*p - '!'));
      else
        g_string_append_c (out, *p);
    }

  return g_string_free (out, FALSE);
}

static char *
sort_key (TsuAgency *agency)
{
  const char *kana = tsu_agency_get_kana (agency);

  if (kana == NULL || *kana == '\0')
    kana = tsu_agency_get_name (agency);
  return g_utf8_collate_key (kana, -1);
}

static void
test_directory (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(TsuStore) store = open_store (fixture->path);
  TsuDirectoryPage *page;
  TsuWindow *window;
  GtkColumnView *view;
  GtkWidget *entry;
  GListModel *model;
  GListModel *columns;
  GtkColumnViewColumn *name_column;
  g_autoptr(TsuAgency) last = NULL;
  g_autofree char *phone = NULL;
  guint total, n;

  fill_demo (store);
  window = show_window (store, FALSE);
  tsu_window_show_page (window, "directory");
  settle ();

  page = tsu_window_get_directory_page (window);
  model = tsu_directory_page_get_model (page);
  view = GTK_COLUMN_VIEW (find_widget (GTK_WIDGET (page), GTK_TYPE_COLUMN_VIEW));
  entry = find_widget (GTK_WIDGET (page), GTK_TYPE_SEARCH_ENTRY);
  total = g_list_model_get_n_items (model);
  g_assert_cmpuint (total, >, 1);

  /* Clicking the Name header twice sorts by reading, descending. */
  columns = gtk_column_view_get_columns (view);
  name_column = g_list_model_get_item (columns, 0);
  g_assert_cmpstr (gtk_column_view_column_get_title (name_column), ==, "Name");
  gtk_column_view_sort_by_column (view, name_column, GTK_SORT_DESCENDING);
  g_object_unref (name_column);

  n = g_list_model_get_n_items (model);
  g_assert_cmpuint (n, ==, total);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TsuAgency) agency = g_list_model_get_item (model, i);

      if (last != NULL)
        {
          g_autofree char *a = sort_key (last);
          g_autofree char *b = sort_key (agency);

          g_assert_cmpint (strcmp (a, b), >=, 0);
        }
      g_set_object (&last, agency);
    }

  /* Typing a phone number finds the agency, whichever width its digits were typed in. */
  g_assert_nonnull (tsu_agency_get_phone (last));
  phone = full_width (tsu_agency_get_phone (last));
  gtk_editable_set_text (GTK_EDITABLE (entry), phone);
  g_signal_emit_by_name (entry, "search-changed");
  n = g_list_model_get_n_items (model);
  g_assert_cmpuint (n, >, 0);
  g_assert_cmpuint (n, <, total);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TsuAgency) agency = g_list_model_get_item (model, i);

      if (tsu_record_get_id (TSU_RECORD (agency)) == tsu_record_get_id (TSU_RECORD (last)))
        break;
      g_assert_cmpuint (i + 1, <, n);
    }

  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  g_signal_emit_by_name (entry, "search-changed");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, total);
}

static void
test_welcome (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(TsuStore) store = open_store (fixture->path);
  TsuWindow *window = show_window (store, FALSE);
  g_autoptr(GPtrArray) texts = NULL;

  g_assert_cmpstr (tsu_window_get_content (window), ==, "welcome");
  settle ();
  texts = shown_texts (GTK_WIDGET (window));
  g_assert_true (texts_contain (texts, "Welcome to Tsunagu"));
  /* The pages read nothing while the welcome page is shown. */
  g_assert_null (tsu_cases_page_get_store (tsu_window_get_cases_page (window)));
}

static void
test_window_size (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(TsuStore) store = open_store (fixture->path);
  g_autoptr(GSettings) settings = g_settings_new (TSU_SETTINGS_SCHEMA_ID);
  TsuWindow *window;
  int width, height;

  /* A window opens at the size the last one closed at. */
  g_settings_set_int (settings, "window-width", 1000);
  g_settings_set_int (settings, "window-height", 650);
  window = show_window (store, FALSE);
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 1000);
  g_assert_cmpint (height, ==, 650);

  gtk_window_set_default_size (GTK_WINDOW (window), 900, 600);
  settle ();
  gtk_window_close (GTK_WINDOW (window));
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 900);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 600);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));

  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
}

/* The primary menu button, found as F10 would. */
static GtkMenuButton *
find_primary_menu_button (GtkWidget *widget)
{
  if (GTK_IS_MENU_BUTTON (widget) && gtk_menu_button_get_primary (GTK_MENU_BUTTON (widget)))
    return GTK_MENU_BUTTON (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkMenuButton *found = find_primary_menu_button (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
menu_is_open (gpointer data)
{
  GtkPopover *popover = gtk_menu_button_get_popover (data);

  return popover != NULL && gtk_widget_get_mapped (GTK_WIDGET (popover));
}

static void
test_menus (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(TsuStore) store = open_store (fixture->path);
  TsuWindow *window;
  GtkMenuButton *button;
  GtkPopover *popover;
  AdwViewSwitcherBar *bar;

  fill_demo (store);
  window = show_window (store, FALSE);
  button = find_primary_menu_button (GTK_WIDGET (window));
  g_assert_nonnull (button);

  /* The main menu is built when it first opens, and then kept. */
  g_assert_null (gtk_menu_button_get_popover (button));
  gtk_menu_button_popup (button);
  g_assert_true (wait_for (menu_is_open, button, 10));
  popover = gtk_menu_button_get_popover (button);
  g_assert_true (GTK_IS_POPOVER_MENU (popover));
  g_assert_cmpint (g_menu_model_get_n_items (gtk_popover_menu_get_menu_model (GTK_POPOVER_MENU (popover))), >, 0);
  {
    g_autoptr(GPtrArray) texts = shown_texts (GTK_WIDGET (popover));

    g_assert_true (texts_contain (texts, "Import Calendar…"));
  }
  gtk_menu_button_popdown (button);
  settle ();
  gtk_menu_button_popup (button);
  g_assert_true (wait_for (menu_is_open, button, 10));
  g_assert_true (gtk_menu_button_get_popover (button) == popover);
  gtk_menu_button_popdown (button);

  /* A wide window has no bar of pages at the bottom, and does not build one. */
  bar = ADW_VIEW_SWITCHER_BAR (find_widget (GTK_WIDGET (window), ADW_TYPE_VIEW_SWITCHER_BAR));
  g_assert_false (adw_view_switcher_bar_get_reveal (bar));
  g_assert_null (adw_view_switcher_bar_get_stack (bar));
  gtk_window_close (GTK_WINDOW (window));
}

static void
test_demo_loading (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(TsuStore) store = open_store (fixture->path);
  TsuWindow *window = tsu_window_new (application, NULL, TRUE);
  g_autoptr(GPtrArray) texts = NULL;

  gtk_window_present (GTK_WINDOW (window));
  tsu_window_load_demo (window, store, 0.02);
  g_assert_cmpstr (tsu_window_get_content (window), ==, "loading");

  g_assert_true (wait_for (shows_pages, window, 120));
  g_assert_true (tsu_window_get_store (window) == store);
  tsu_window_show_page (window, "directory");
  settle ();
  g_assert_cmpuint (directory_rows (window), >, 0);

  settle ();
  texts = shown_texts (GTK_WIDGET (window));
  g_assert_true (texts_contain (texts,
                                "This window shows demo data, not your center’s records."));
}

static void
test_foreign_file (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsuStore) store = NULL;
  g_autofree char *contents = NULL;
  GtkWindow *window;
  GtkWindow *dialog = NULL;

  g_assert_true (g_file_set_contents (fixture->path, "hello", -1, NULL));

  store = tsu_store_open (fixture->path, &error);
  g_assert_null (store);
  g_assert_error (error, TSU_DATABASE_ERROR, TSU_DATABASE_ERROR_NOT_TSUNAGU);

  window = tsu_application_open_database (application, fixture->path, FALSE);
  g_assert_null (window);

  /* A message says why, and no window shows an empty database behind it. */
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (application)); l; l = l->next)
    {
      g_assert_false (TSU_IS_WINDOW (l->data));
      if (ADW_IS_MESSAGE_DIALOG (l->data))
        dialog = l->data;
    }
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), ==, error->message);
  g_assert_true (adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (dialog), "close"));

  /* The file was left as it was. */
  g_assert_true (g_file_get_contents (fixture->path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "hello");
}

static void
test_format (void)
{
  /* 2026-11-24 05:00 UTC is 14:00 in Tokyo. */
  gint64 start = 1795496400;
  g_autofree char *range = tsu_format_time_range (start, start + 90 * 60, FALSE);
  g_autofree char *key = tsu_text_match_key ("  ０４８ ");

  g_assert_cmpstr (range, ==, "14:00 – 15:30");
  g_assert_true (tsu_text_match (key, "TEL 048-123-4567"));
  g_assert_false (tsu_text_match (key, "03-1234-5678"));
  g_assert_true (tsu_text_match (NULL, "anything"));
}

static void
add_window_test (const char *path,
                 void      (*func) (Fixture *, gconstpointer))
{
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  application = tsu_application_new ("io.github.tsunagu.Tsunagu.Test", G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (application), NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/gui/format", test_format);
  add_window_test ("/gui/window/pages", test_pages);
  add_window_test ("/gui/window/hide-names", test_hide_names);
  add_window_test ("/gui/window/directory", test_directory);
  add_window_test ("/gui/window/welcome", test_welcome);
  add_window_test ("/gui/window/size", test_window_size);
  add_window_test ("/gui/window/menus", test_menus);
  add_window_test ("/gui/window/demo-loading", test_demo_loading);
  add_window_test ("/gui/open/foreign-file", test_foreign_file);

  status = g_test_run ();

  close_all_windows ();
  g_clear_object (&application);
  return status;
}
