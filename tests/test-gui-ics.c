/* test-gui-ics.c: importing .ics files through the preview, dropping them on the
 * calendar, opening them from the file manager, and sending invitations
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
#include <string.h>

#include "tsu-application.h"
#include "tsu-demo.h"
#include "tsu-document-preview.h"
#include "tsu-ics-import-dialog.h"
#include "tsu-invitation.h"
#include "tsu-meeting-window.h"
#include "tsu-settings.h"
#include "tsu-window.h"

/* Runs the real widgets under Xvfb, on a fresh database per test. With
 * TSU_SCREENSHOT_DIR set, the preview also leaves PNGs of what was on screen (in the
 * language of LANG when TSUNAGU_LOCALEDIR holds its translation). */

static TsuApplication *application;

typedef struct {
  char      *dir;
  char      *path;
  TsuStore  *store;
  TsuWindow *window;
} Fixture;

/* Two meetings in February 2027, one of them weekly, and an event without a start. */
static const char *SMALL_ICS =
  "BEGIN:VCALENDAR\r\n"
  "VERSION:2.0\r\n"
  "PRODID:-//Tsunagu tests//gui//JA\r\n"
  "BEGIN:VEVENT\r\n"
  "UID:gui-liaison@example.jp\r\n"
  "DTSTAMP:20270101T000000Z\r\n"
  "DTSTART:20270210T010000Z\r\n"
  "DTEND:20270210T023000Z\r\n"
  "SUMMARY:県との連絡会議\r\n"
  "LOCATION:埼玉県庁 第二会議室\r\n"
  "END:VEVENT\r\n"
  "BEGIN:VEVENT\r\n"
  "UID:gui-training@example.jp\r\n"
  "DTSTAMP:20270101T000000Z\r\n"
  "DTSTART:20270216T050000Z\r\n"
  "DTEND:20270216T060000Z\r\n"
  "RRULE:FREQ=WEEKLY;COUNT=3\r\n"
  "SUMMARY:喀痰吸引研修\r\n"
  "END:VEVENT\r\n"
  "BEGIN:VEVENT\r\n"
  "UID:gui-nostart@example.jp\r\n"
  "DTSTAMP:20270101T000000Z\r\n"
  "SUMMARY:日時未定の打合せ\r\n"
  "END:VEVENT\r\n"
  "END:VCALENDAR\r\n";

/* Helpers */

static gboolean
tick_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

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

static void
settle (void)
{
  gint64 until = g_get_monotonic_time () + G_USEC_PER_SEC / 2;
  guint tick = g_timeout_add (20, tick_cb, NULL);

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);
}

static gboolean
is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

static gboolean
dialog_idle (gpointer data)
{
  return !tsu_ics_import_dialog_get_busy (data);
}

static gboolean
is_gone (gpointer data)
{
  return *(gpointer *) data == NULL;
}

static void
collect_labels (GtkWidget *widget,
                GPtrArray *texts)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  if (GTK_IS_LABEL (widget))
    g_ptr_array_add (texts, g_strdup (gtk_label_get_text (GTK_LABEL (widget))));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_labels (child, texts);
}

/* Whether a label on screen under @widget contains @text. */
static gboolean
shows (GtkWidget  *widget,
       const char *text)
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);

  collect_labels (widget, texts);
  for (guint i = 0; i < texts->len; i++)
    if (strstr (g_ptr_array_index (texts, i), text) != NULL)
      return TRUE;
  return FALSE;
}

/* The label right after the row title @title: the count it shows. */
static const char *
count_shown (GtkWidget  *widget,
             const char *title)
{
  if (ADW_IS_ACTION_ROW (widget) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    {
      g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
      static char last[32];

      collect_labels (widget, texts);
      g_assert_cmpuint (texts->len, >, 0);
      g_strlcpy (last, g_ptr_array_index (texts, texts->len - 1), sizeof last);
      return last;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *found = count_shown (child, title);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The button labelled @label under @widget. */
static GtkWidget *
find_button (GtkWidget  *widget,
             const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
can_import (gpointer dialog)
{
  GtkWidget *button = find_button (GTK_WIDGET (dialog), _("_Import"));

  g_assert_nonnull (button);
  return gtk_widget_is_sensitive (button);
}

static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (w, type))
        return w;
    }
  return NULL;
}

static gboolean
has_import_dialog (gpointer data)
{
  return find_toplevel (TSU_TYPE_ICS_IMPORT_DIALOG) != NULL;
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

static GFile *
write_file (Fixture    *f,
            const char *name,
            const char *text)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
  return g_file_new_for_path (path);
}

static TsuMeeting *
find_meeting (TsuStore   *store,
              const char *title)
{
  g_autoptr(GListModel) all = tsu_store_list (store, TSU_TYPE_MEETING, NULL, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(TsuMeeting) m = g_list_model_get_item (all, i);

      if (g_strcmp0 (tsu_meeting_get_title (m), title) == 0)
        return g_steal_pointer (&m);
    }
  return NULL;
}

static guint
count_shown_occurrences (GListModel *model,
                         const char *title)
{
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(TsuOccurrence) o = g_list_model_get_item (model, i);
      TsuMeeting *m = tsu_occurrence_get_meeting (o);

      if (g_strcmp0 (tsu_meeting_get_title (m), title) == 0)
        n++;
    }
  return n;
}

static void
respond (GtkWindow  *dialog,
         const char *response)
{
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), response);
  settle ();
}

/* Fixture */

static void
set_up (Fixture       *f,
        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSettings) settings = g_settings_new (TSU_SETTINGS_SCHEMA_ID);
  TsuDemoOptions options;

  g_settings_set_boolean (settings, "hide-names", FALSE);
  g_settings_set_int (settings, "window-width", 1200);
  g_settings_set_int (settings, "window-height", 800);
  g_settings_set_string (settings, "calendar-view", "month");
  f->dir = g_dir_make_tmp ("tsunagu-gui-ics-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "tsunagu.db", NULL);
  f->store = tsu_store_open (f->path, &error);
  g_assert_no_error (error);

  if (data == NULL)
    {
      tsu_demo_options_init (&options);
      options.scale = 0.02;
      options.seed = 7;
      options.end = 0;
      g_assert_true (tsu_demo_generate (f->store, &options, &error));
      g_assert_no_error (error);
    }

  f->window = tsu_window_new (application, f->store, FALSE);
  gtk_window_present (GTK_WINDOW (f->window));
  g_assert_true (wait_for (is_mapped, f->window, 10));
}

static void
tear_down (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  {
    g_autoptr(GListModel) toplevels = g_object_ref (gtk_window_get_toplevels ());

    for (guint i = g_list_model_get_n_items (toplevels); i > 0; i--)
      {
        g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i - 1);

        gtk_window_destroy (w);
      }
  }
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_object (&f->store);

  dir = g_dir_open (f->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (f->dir, name, NULL);

      g_unlink (child);
    }
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

/* Import through the preview */

static TsuIcsImportDialog *
open_dialog (Fixture *f,
             GFile   *file)
{
  GtkWindow *dialog = tsu_window_import_calendar (f->window, file);

  g_assert_true (TSU_IS_ICS_IMPORT_DIALOG (dialog));
  g_assert_true (wait_for (is_mapped, dialog, 10));
  g_assert_true (wait_for (dialog_idle, dialog, 30));
  return TSU_ICS_IMPORT_DIALOG (dialog);
}

static void
test_import (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GFile) file = write_file (f, "council.ics", SMALL_ICS);
  g_autoptr(TsuMeeting) liaison = NULL;
  g_autoptr(TsuMeeting) training = NULL;
  TsuCalendarPage *page = tsu_window_get_calendar_page (f->window);
  TsuIcsImportDialog *dialog;
  gpointer weak;
  guint n_added = 99, n_updated = 99, n_skipped = 99;
  GDate day;
  gint64 before = tsu_store_count (f->store, TSU_TYPE_MEETING);

  dialog = open_dialog (f, file);
  g_assert_true (tsu_ics_import_dialog_get_counts (dialog, &n_added, &n_updated, &n_skipped));
  g_assert_cmpuint (n_added, ==, 2);
  g_assert_cmpuint (n_updated, ==, 0);
  g_assert_cmpuint (n_skipped, ==, 1);

  /* What a person reads: the counts, each event, and why one is left out. */
  g_assert_cmpstr (count_shown (GTK_WIDGET (dialog), _("New meetings")), ==, "2");
  g_assert_cmpstr (count_shown (GTK_WIDGET (dialog), _("Updated meetings")), ==, "0");
  g_assert_cmpstr (count_shown (GTK_WIDGET (dialog), _("Skipped events")), ==, "1");
  g_assert_true (shows (GTK_WIDGET (dialog), "県との連絡会議"));
  g_assert_true (shows (GTK_WIDGET (dialog), "喀痰吸引研修"));
  g_assert_true (shows (GTK_WIDGET (dialog), "日時未定の打合せ"));
  g_assert_true (shows (GTK_WIDGET (dialog), "DTSTART"));
  g_assert_true (shows (GTK_WIDGET (dialog), "council.ics"));
  screenshot (GTK_WIDGET (dialog), "ics-import-preview");

  g_assert_true (can_import (dialog));

  /* Nothing is written before Import. */
  g_assert_cmpint (tsu_store_count (f->store, TSU_TYPE_MEETING), ==, before);

  weak = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), &weak);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.apply", NULL));
  g_assert_true (wait_for (is_gone, &weak, 30));

  liaison = find_meeting (f->store, "県との連絡会議");
  training = find_meeting (f->store, "喀痰吸引研修");
  g_assert_nonnull (liaison);
  g_assert_nonnull (training);
  g_assert_cmpstr (tsu_meeting_get_location (liaison), ==, "埼玉県庁 第二会議室");
  g_assert_nonnull (tsu_meeting_get_rrule (training));
  g_assert_null (find_meeting (f->store, "日時未定の打合せ"));
  g_assert_cmpint (tsu_store_count (f->store, TSU_TYPE_MEETING), ==, before + 2);

  /* The calendar went to the month of the first imported meeting and shows them all. */
  settle ();
  g_assert_cmpstr (tsu_window_get_visible_page (f->window), ==, "calendar");
  tsu_calendar_page_set_view (page, "month");
  tsu_calendar_page_get_selected_day (page, &day);
  g_assert_cmpuint (g_date_get_year (&day), ==, 2027);
  g_assert_cmpuint (g_date_get_month (&day), ==, G_DATE_FEBRUARY);
  g_assert_cmpuint (count_shown_occurrences (tsu_calendar_page_get_model (page), "県との連絡会議"), ==, 1);
  /* February 16 and 23, and March 2 in the grid's last row. */
  g_assert_cmpuint (count_shown_occurrences (tsu_calendar_page_get_model (page), "喀痰吸引研修"), ==, 3);
  screenshot (GTK_WIDGET (f->window), "ics-imported-month");

  /* The calendar's menu previews the month shown, with the export's preview. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "calendar.preview", NULL));
  {
    GtkWindow *preview = find_toplevel (TSU_TYPE_DOCUMENT_PREVIEW);
    TsuDocument *document;

    g_assert_nonnull (preview);
    document = tsu_document_preview_get_document (TSU_DOCUMENT_PREVIEW (preview));
    g_assert_true (TSU_IS_DOCUMENT_MONTH (document));
    {
      g_autofree char *month = tsu_document_format_month (document, 2027, 2);

      g_assert_nonnull (strstr (tsu_document_get_title (document), month));
    }
    gtk_window_destroy (preview);
  }

  /* The same file again: both are there already, in this version. */
  dialog = open_dialog (f, file);
  g_assert_true (tsu_ics_import_dialog_get_counts (dialog, &n_added, &n_updated, &n_skipped));
  g_assert_cmpuint (n_added + n_updated, ==, 0);
  g_assert_cmpuint (n_skipped, ==, 3);
  g_assert_nonnull (tsu_ics_import_dialog_get_message (dialog));
  g_assert_true (shows (GTK_WIDGET (dialog), tsu_ics_import_dialog_get_message (dialog)));
  g_assert_true (shows (GTK_WIDGET (dialog), _("Tsunagu has this version already.")));
  g_assert_false (can_import (dialog));
  tsu_ics_import_dialog_apply (dialog);
  g_assert_false (tsu_ics_import_dialog_get_busy (dialog));
  gtk_window_close (GTK_WINDOW (dialog));
  settle ();

  /* A newer version of one meeting updates it. */
  {
    g_autoptr(GString) text = g_string_new (SMALL_ICS);
    g_autoptr(GFile) changed = NULL;
    g_autoptr(TsuMeeting) updated = NULL;

    g_string_replace (text, "SUMMARY:県との連絡会議\r\n", "SUMMARY:県との連絡会議（会場変更）\r\nSEQUENCE:2\r\n", 1);
    g_string_replace (text, "埼玉県庁 第二会議室", "さいたま市民会館", 1);
    changed = write_file (f, "council-2.ics", text->str);
    dialog = open_dialog (f, changed);
    g_assert_true (tsu_ics_import_dialog_get_counts (dialog, &n_added, &n_updated, &n_skipped));
    g_assert_cmpuint (n_added, ==, 0);
    g_assert_cmpuint (n_updated, ==, 1);
    g_assert_cmpstr (count_shown (GTK_WIDGET (dialog), _("Updated meetings")), ==, "1");
    weak = dialog;
    g_object_add_weak_pointer (G_OBJECT (dialog), &weak);
    tsu_ics_import_dialog_apply (dialog);
    g_assert_true (wait_for (is_gone, &weak, 30));
    updated = find_meeting (f->store, "県との連絡会議（会場変更）");
    g_assert_nonnull (updated);
    g_assert_cmpint (tsu_record_get_id (TSU_RECORD (updated)), ==, tsu_record_get_id (TSU_RECORD (liaison)));
    g_assert_cmpstr (tsu_meeting_get_location (updated), ==, "さいたま市民会館");
    g_assert_cmpint (tsu_store_count (f->store, TSU_TYPE_MEETING), ==, before + 2);
  }
}

/* An empty database shows the welcome page; importing leaves it for the calendar. */
static void
test_import_into_empty (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GFile) file = write_file (f, "first.ics", SMALL_ICS);
  TsuIcsImportDialog *dialog;
  gpointer weak;

  g_assert_cmpstr (tsu_window_get_content (f->window), ==, "welcome");
  dialog = open_dialog (f, file);
  weak = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), &weak);
  tsu_ics_import_dialog_apply (dialog);
  g_assert_true (wait_for (is_gone, &weak, 30));
  settle ();
  g_assert_cmpstr (tsu_window_get_content (f->window), ==, "pages");
  g_assert_cmpstr (tsu_window_get_visible_page (f->window), ==, "calendar");
  g_assert_cmpuint (count_shown_occurrences (tsu_calendar_page_get_model (tsu_window_get_calendar_page (f->window)),
                                             "県との連絡会議"), ==, 1);
}

/* A broken file: the core's message, Import disabled, nothing written. */
static void
test_broken (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *truncated_path = g_test_build_filename (G_TEST_DIST, "ical", "bad-truncated.ics", NULL);
  g_autoptr(GFile) truncated = g_file_new_for_path (truncated_path);
  g_autoptr(GError) core_error = NULL;
  g_autoptr(TsuIcalPlan) plan = NULL;
  gint64 before = tsu_store_count (f->store, TSU_TYPE_MEETING);
  TsuIcsImportDialog *dialog;

  plan = tsu_ical_import_preview_file (f->store, truncated, NULL, &core_error);
  g_assert_null (plan);
  g_assert_nonnull (core_error);

  dialog = open_dialog (f, truncated);
  g_assert_false (tsu_ics_import_dialog_get_counts (dialog, NULL, NULL, NULL));
  g_assert_cmpstr (tsu_ics_import_dialog_get_message (dialog), ==, core_error->message);
  g_assert_true (shows (GTK_WIDGET (dialog), core_error->message));
  g_assert_false (can_import (dialog));
  tsu_ics_import_dialog_apply (dialog);
  g_assert_false (tsu_ics_import_dialog_get_busy (dialog));
  screenshot (GTK_WIDGET (dialog), "ics-import-broken");
  g_assert_cmpint (tsu_store_count (f->store, TSU_TYPE_MEETING), ==, before);

  /* A 200 MB file is refused without reading it, and the window keeps drawing. */
  {
    g_autofree char *path = g_build_filename (f->dir, "huge.ics", NULL);
    g_autoptr(GFile) huge = g_file_new_for_path (path);
    FILE *out = g_fopen (path, "wb");
    gint64 started;

    g_assert_nonnull (out);
    fputs ("BEGIN:VCALENDAR\r\n", out);
    g_assert_cmpint (fseek (out, 200 * 1024 * 1024, SEEK_SET), ==, 0);
    fputs ("END:VCALENDAR\r\n", out);
    fclose (out);

    started = g_get_monotonic_time ();
    tsu_ics_import_dialog_set_file (dialog, huge);
    g_assert_true (tsu_ics_import_dialog_get_busy (dialog));
    /* The call returned at once: the file is read in a thread. */
    g_assert_cmpint (g_get_monotonic_time () - started, <, G_USEC_PER_SEC / 4);
    g_assert_true (wait_for (dialog_idle, dialog, 60));
    g_assert_false (tsu_ics_import_dialog_get_counts (dialog, NULL, NULL, NULL));
    g_assert_nonnull (tsu_ics_import_dialog_get_message (dialog));
    g_assert_true (shows (GTK_WIDGET (dialog), tsu_ics_import_dialog_get_message (dialog)));
  }
  g_assert_cmpint (tsu_store_count (f->store, TSU_TYPE_MEETING), ==, before);
}

/* An .ics file dropped on the calendar opens the preview with that file. */
static void
test_drop (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GFile) other = write_file (f, "notes.txt", "not a calendar");
  g_autoptr(GFile) file = write_file (f, "dropped.ics", SMALL_ICS);
  GFile *files[] = { other, file };
  TsuCalendarPage *page = tsu_window_get_calendar_page (f->window);
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (page));
  GtkDropTarget *target = NULL;
  GValue value = G_VALUE_INIT;
  GtkWindow *dialog;
  gboolean accepted = FALSE;
  guint n_added = 0;

  tsu_window_show_page (f->window, "calendar");
  for (guint i = 0; i < g_list_model_get_n_items (controllers) && target == NULL; i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        target = GTK_DROP_TARGET (controller);
    }
  g_assert_nonnull (target);
  g_assert_true (gdk_content_formats_contain_gtype (gtk_drop_target_get_formats (target),
                                                    GDK_TYPE_FILE_LIST));

  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, gdk_file_list_new_from_array (files, G_N_ELEMENTS (files)));
  g_signal_emit_by_name (target, "drop", &value, 200.0, 200.0, &accepted);
  g_value_unset (&value);
  g_assert_true (accepted);

  g_assert_true (wait_for (has_import_dialog, NULL, 10));
  dialog = find_toplevel (TSU_TYPE_ICS_IMPORT_DIALOG);
  g_assert_true (g_file_equal (tsu_ics_import_dialog_get_file (TSU_ICS_IMPORT_DIALOG (dialog)), file));
  g_assert_true (gtk_window_get_transient_for (dialog) == GTK_WINDOW (f->window));
  g_assert_true (wait_for (dialog_idle, dialog, 30));
  g_assert_true (tsu_ics_import_dialog_get_counts (TSU_ICS_IMPORT_DIALOG (dialog), &n_added, NULL, NULL));
  g_assert_cmpuint (n_added, ==, 2);
}

/* Opening an .ics file from the file manager, while Tsunagu runs. */
static void
test_open (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GFile) file = write_file (f, "opened.ics", SMALL_ICS);
  GtkWindow *dialog;

  g_assert_true (g_application_get_flags (G_APPLICATION (application)) & G_APPLICATION_HANDLES_OPEN);
  g_application_open (G_APPLICATION (application), &file, 1, "");
  g_assert_true (wait_for (has_import_dialog, NULL, 10));
  dialog = find_toplevel (TSU_TYPE_ICS_IMPORT_DIALOG);
  g_assert_true (g_file_equal (tsu_ics_import_dialog_get_file (TSU_ICS_IMPORT_DIALOG (dialog)), file));
  g_assert_true (wait_for (is_mapped, dialog, 10));
  g_assert_true (wait_for (dialog_idle, dialog, 30));
  g_assert_true (tsu_ics_import_dialog_get_counts (TSU_ICS_IMPORT_DIALOG (dialog), NULL, NULL, NULL));
  g_assert_cmpstr (tsu_window_get_visible_page (f->window), ==, "calendar");
}

static gboolean
has_file_chooser (gpointer data)
{
  return find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG) != NULL;
}

/* Import Calendar… (the menus, Ctrl+I) asks for the file first; the preview shows
 * only once one is chosen. */
static void
test_choose (Fixture       *f,
             gconstpointer  data)
{
  GtkWindow *chooser;
  GtkWindow *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.import-calendar", NULL));
  g_assert_true (wait_for (has_file_chooser, NULL, 10));
  chooser = find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
  g_assert_cmpstr (gtk_window_get_title (chooser), ==, _("Import Calendar"));
  dialog = find_toplevel (TSU_TYPE_ICS_IMPORT_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_assert_null (tsu_ics_import_dialog_get_file (TSU_ICS_IMPORT_DIALOG (dialog)));
}

/* Invitations */

static gint64
add_person (TsuStore   *store,
            const char *name,
            const char *email)
{
  g_autoptr(TsuPerson) p = tsu_person_new ();

  tsu_person_set_name (p, name);
  tsu_person_set_email (p, email);
  g_assert_true (tsu_store_save (store, TSU_RECORD (p), NULL));
  return tsu_record_get_id (TSU_RECORD (p));
}

static void
add_participant (TsuStore   *store,
                 gint64      meeting_id,
                 gint64      person_id,
                 const char *role)
{
  g_autoptr(TsuParticipant) p = tsu_participant_new ();

  tsu_participant_set_meeting_id (p, meeting_id);
  tsu_participant_set_person_id (p, person_id);
  tsu_participant_set_role (p, role);
  tsu_participant_set_partstat (p, "needs-action");
  g_assert_true (tsu_store_save (store, TSU_RECORD (p), NULL));
}

static void
test_invitation (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(TsuMeeting) meeting = tsu_meeting_new ();
  g_autoptr(TsuInvitation) invitation = NULL;
  g_autoptr(TsuInvitation) cancel = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) argv = NULL;
  g_autofree char *text = NULL;
  g_autofree char *path = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *folder = g_build_filename (f->dir, "invitations", NULL);
  GStatBuf st;
  gint64 chair, nurse, id;
  GtkWindow *window;
  GtkWindow *question;

  chair = add_person (f->store, "佐藤 一郎", "sato@center.example.jp");
  nurse = add_person (f->store, "鈴木 看護師", "suzuki@station.example.jp");
  tsu_meeting_set_kind (meeting, "liaison");
  tsu_meeting_set_title (meeting, "訪問看護との連絡会議");
  tsu_meeting_set_starts_at (meeting, 1805000000);
  tsu_meeting_set_ends_at (meeting, 1805003600);
  tsu_meeting_set_organizer_id (meeting, chair);
  g_assert_true (tsu_store_save (f->store, TSU_RECORD (meeting), NULL));
  id = tsu_record_get_id (TSU_RECORD (meeting));
  add_participant (f->store, id, chair, "chair");
  add_participant (f->store, id, nurse, "attendee");

  invitation = tsu_invitation_write (f->store, id, folder, &error);
  g_assert_no_error (error);
  g_assert_false (invitation->cancel);
  {
    g_autofree char *subject = g_strdup_printf (_("Invitation: %s"), "訪問看護との連絡会議");

    g_assert_cmpstr (invitation->subject, ==, subject);
  }
  g_assert_true (g_strv_contains ((const char * const *) invitation->recipients, "suzuki@station.example.jp"));
  path = g_file_get_path (invitation->file);
  g_assert_true (g_str_has_prefix (path, folder));
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "METHOD:REQUEST"));
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  argv = tsu_invitation_mail_argv (invitation, "/usr/bin/xdg-email");
  g_assert_cmpstr (argv[0], ==, "/usr/bin/xdg-email");
  g_assert_true (g_strv_contains ((const char * const *) argv, "--attach"));
  g_assert_true (g_strv_contains ((const char * const *) argv, path));
  g_assert_true (g_strv_contains ((const char * const *) argv, "suzuki@station.example.jp"));
  g_assert_true (g_strv_contains ((const char * const *) argv, invitation->subject));
  uri = tsu_invitation_mailto_uri (invitation);
  g_assert_true (g_str_has_prefix (uri, "mailto:"));
  g_assert_nonnull (strstr (uri, "suzuki@station.example.jp"));
  g_assert_nonnull (strstr (uri, "&attach=file%3A%2F%2F"));
  g_assert_null (strstr (uri, "訪問看護"));   /* escaped */

  /* A cancelled meeting sends a cancellation. */
  tsu_meeting_set_status (meeting, "cancelled");
  g_assert_true (tsu_store_save (f->store, TSU_RECORD (meeting), NULL));
  cancel = tsu_invitation_write (f->store, id, folder, &error);
  g_assert_no_error (error);
  g_assert_true (cancel->cancel);
  {
    g_autofree char *subject = g_strdup_printf (_("Cancelled: %s"), "訪問看護との連絡会議");

    g_assert_cmpstr (cancel->subject, ==, subject);
  }
  {
    g_autofree char *cancel_path = g_file_get_path (cancel->file);
    g_autofree char *cancel_text = NULL;

    g_assert_true (g_file_get_contents (cancel_path, &cancel_text, NULL, NULL));
    g_assert_nonnull (strstr (cancel_text, "METHOD:CANCEL"));
  }

  /* From the meeting window: the question names the recipients and offers to save. */
  window = GTK_WINDOW (tsu_meeting_window_open (GTK_WINDOW (f->window), f->store, id, 0, &error));
  g_assert_no_error (error);
  g_assert_true (wait_for (is_mapped, window, 10));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "meeting.send-invitation", NULL));
  settle ();
  question = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (question);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (question)), ==, _("Send Cancellation"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (question)),
                            "suzuki@station.example.jp"));
  g_assert_true (adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (question), "save"));
  g_assert_true (adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (question), "send"));
  screenshot (GTK_WIDGET (question), "ics-send-invitation");
  respond (question, "cancel");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  const char *localedir = g_getenv ("TSUNAGU_LOCALEDIR");
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  /* Screenshots in another language read its translation from the build folder. */
  if (localedir != NULL && *localedir != '\0')
    {
      /* gtk_test_init() keeps the C locale; a translated run asks for LANG's. */
      setlocale (LC_ALL, "");
      bindtextdomain (GETTEXT_PACKAGE, localedir);
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      textdomain (GETTEXT_PACKAGE);
    }

  application = tsu_application_new ("io.github.tsunagu.Tsunagu.TestIcs", G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (application), NULL, &error);
  g_assert_no_error (error);

  g_test_add ("/gui/ics/import", Fixture, NULL, set_up, test_import, tear_down);
  g_test_add ("/gui/ics/import-into-empty", Fixture, "empty", set_up, test_import_into_empty, tear_down);
  g_test_add ("/gui/ics/broken", Fixture, NULL, set_up, test_broken, tear_down);
  g_test_add ("/gui/ics/drop", Fixture, NULL, set_up, test_drop, tear_down);
  g_test_add ("/gui/ics/open", Fixture, NULL, set_up, test_open, tear_down);
  g_test_add ("/gui/ics/choose", Fixture, NULL, set_up, test_choose, tear_down);
  g_test_add ("/gui/ics/invitation", Fixture, NULL, set_up, test_invitation, tear_down);

  status = g_test_run ();
  g_clear_object (&application);
  return status;
}
