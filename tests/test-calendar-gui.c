/* test-calendar-gui.c: the calendar page and the meeting editor, driven like a person
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "tsu-agenda-view.h"
#include "tsu-application.h"
#include "tsu-calendar-draw.h"
#include "tsu-demo.h"
#include "tsu-meeting-editor.h"
#include "tsu-month-view.h"
#include "tsu-settings.h"
#include "tsu-week-view.h"
#include "tsu-window.h"

/* Runs under Xvfb with the real widgets. Key presses go through the same shortcuts a
 * keyboard would trigger (the widget's shortcut controllers), actions and dialog
 * responses through their public API. */

static TsuApplication *application;

typedef struct {
  char      *dir;
  TsuStore  *store;
  TsuWindow *window;
} Fixture;

static gboolean
tick_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

static void
settle (void)
{
  gint64 until = g_get_monotonic_time () + G_USEC_PER_SEC / 3;
  guint tick = g_timeout_add (20, tick_cb, NULL);

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (TSU_SETTINGS_SCHEMA_ID);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  TsuDemoOptions options;

  g_settings_reset (settings, "calendar-view");
  g_settings_reset (settings, "calendar-hidden-kinds");
  g_settings_reset (settings, "last-page");

  fixture->dir = g_dir_make_tmp ("tsunagu-calendar-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "tsunagu.db", NULL);
  fixture->store = tsu_store_open (path, &error);
  g_assert_no_error (error);

  tsu_demo_options_init (&options);
  options.scale = 0.02;
  options.seed = 7;
  options.end = 0;
  g_assert_true (tsu_demo_generate (fixture->store, &options, &error));
  g_assert_no_error (error);

  fixture->window = tsu_window_new (application, fixture->store, FALSE);
  gtk_window_present (GTK_WINDOW (fixture->window));
  tsu_window_show_page (fixture->window, "calendar");
  settle ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (application)));
  g_autoptr(GDir) dir = NULL;
  const char *name;

  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_destroy (l->data);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_object (&fixture->store);

  dir = g_dir_open (fixture->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (fixture->dir, name, NULL);
      g_unlink (child);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
}

/* Triggers the shortcut for @accel on @widget or one of its ancestors, as a key press
 * with the focus in @widget would. */
static gboolean
press (GtkWidget  *widget,
       const char *accel)
{
  g_autoptr(GtkShortcutTrigger) trigger = gtk_shortcut_trigger_parse_string (accel);

  g_assert_nonnull (trigger);
  for (GtkWidget *w = widget; w != NULL; w = gtk_widget_get_parent (w))
    {
      g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (w);

      for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
        {
          g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

          if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
            continue;
          for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
            {
              g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);

              if (gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), trigger))
                return gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut),
                                                     GTK_SHORTCUT_ACTION_EXCLUSIVE, w,
                                                     gtk_shortcut_get_arguments (shortcut));
            }
        }
    }
  return FALSE;
}

static gpointer
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }
  return NULL;
}

static gpointer
child (gpointer    editor,
       const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (editor), TSU_TYPE_MEETING_EDITOR, name);

  g_assert_nonnull (object);
  return object;
}

static void
set_kind (TsuMeetingEditor *editor,
          const char       *kind)
{
  g_auto(GStrv) kinds = tsu_vocabulary_codes (TSU_VOCABULARY_MEETING_KIND);

  for (guint i = 0; kinds[i] != NULL; i++)
    if (g_str_equal (kinds[i], kind))
      adw_combo_row_set_selected (child (editor, "kind_row"), i);
}

static TsuMeeting *
find_meeting (TsuStore   *store,
              const char *title)
{
  g_autoptr(GListModel) meetings = tsu_store_list (store, TSU_TYPE_MEETING, "id", NULL);

  for (guint i = 0; i < g_list_model_get_n_items (meetings); i++)
    {
      g_autoptr(TsuMeeting) m = g_list_model_get_item (meetings, i);

      if (g_strcmp0 (tsu_meeting_get_title (m), title) == 0)
        return g_steal_pointer (&m);
    }
  return NULL;
}

static gboolean
model_has (GListModel *model,
           const char *title)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(TsuOccurrence) o = g_list_model_get_item (model, i);

      if (g_strcmp0 (tsu_occurrence_get_title (o), title) == 0)
        return TRUE;
    }
  return FALSE;
}

static gboolean
month_has (TsuCalendarPage *page,
           const char      *title)
{
  TsuMonthView *view = TSU_MONTH_VIEW (tsu_calendar_page_get_month_view (page));
  GPtrArray *shown = tsu_month_view_get_occurrences (view);
  const TsuCalendarLayout *layout = tsu_month_view_get_layout (view);

  g_assert_nonnull (layout);
  for (guint i = 0; shown != NULL && i < shown->len; i++)
    if (g_strcmp0 (tsu_occurrence_get_title (g_ptr_array_index (shown, i)), title) == 0)
      {
        /* … and drawn: a bar of the layout is this meeting, or "+N more" hides it. */
        for (guint b = 0; b < layout->bars->len; b++)
          if (g_array_index (layout->bars, TsuCalendarBar, b).item == i)
            return TRUE;
        for (guint d = 0; d < layout->n_days; d++)
          if (layout->more[d] > 0)
            return TRUE;
      }
  return FALSE;
}

static void
test_views (Fixture       *fixture,
            gconstpointer  data)
{
  TsuCalendarPage *page = tsu_window_get_calendar_page (fixture->window);
  GtkWidget *month = tsu_calendar_page_get_month_view (page);
  GDate selected, today, before;

  g_assert_cmpstr (tsu_calendar_page_get_view (page), ==, "month");
  g_assert_nonnull (tsu_month_view_get_layout (TSU_MONTH_VIEW (month)));
  g_assert_cmpuint (g_list_model_get_n_items (tsu_calendar_page_get_model (page)), >, 0);

  /* Alt+2, Alt+3, Alt+1 switch the views. */
  g_assert_true (press (month, "<Alt>2"));
  g_assert_cmpstr (tsu_calendar_page_get_view (page), ==, "week");
  settle ();
  g_assert_nonnull (tsu_week_view_get_layout (TSU_WEEK_VIEW (tsu_calendar_page_get_week_view (page))));

  g_assert_true (press (month, "<Alt>3"));
  g_assert_cmpstr (tsu_calendar_page_get_view (page), ==, "agenda");
  settle ();
  g_assert_cmpuint (g_list_model_get_n_items (tsu_calendar_page_get_model (page)), >, 0);

  g_assert_true (press (month, "<Alt>1"));
  g_assert_cmpstr (tsu_calendar_page_get_view (page), ==, "month");

  /* Arrows move the day, Page Down the month, Ctrl+T comes back. */
  tsu_calendar_page_get_selected_day (page, &before);
  g_assert_true (press (month, "Right"));
  tsu_calendar_page_get_selected_day (page, &selected);
  g_assert_cmpint (g_date_days_between (&before, &selected), ==, 1);
  g_assert_true (press (month, "Down"));
  tsu_calendar_page_get_selected_day (page, &selected);
  g_assert_cmpint (g_date_days_between (&before, &selected), ==, 8);

  g_assert_true (press (month, "Page_Down"));
  tsu_calendar_page_get_selected_day (page, &selected);
  g_assert_cmpuint (g_date_get_day (&selected), ==, 1);
  g_assert_cmpint (g_date_days_between (&before, &selected), >, 0);

  g_assert_true (press (month, "<Control>t"));
  tsu_calendar_page_get_selected_day (page, &selected);
  tsu_calendar_get_today (&today);
  g_assert_cmpint (g_date_compare (&selected, &today), ==, 0);

  /* The page fits a small window (the sidebar folds away). */
  {
    int min, nat;

    gtk_widget_measure (GTK_WIDGET (page), GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
    g_test_message ("calendar page: minimum width %d, natural %d", min, nat);
    g_assert_cmpint (min, <=, 720);
  }

  /* The month view draws its meetings itself: no child widgets. */
  g_assert_null (gtk_widget_get_first_child (month));
}

static void
test_create (Fixture       *fixture,
             gconstpointer  data)
{
  TsuCalendarPage *page = tsu_window_get_calendar_page (fixture->window);
  GtkWidget *month = tsu_calendar_page_get_month_view (page);
  gint64 before = tsu_store_count (fixture->store, TSU_TYPE_MEETING);
  TsuMeetingEditor *editor;
  g_autoptr(TsuMeeting) saved = NULL;

  g_assert_true (press (month, "<Control>n"));
  settle ();
  editor = find_toplevel (TSU_TYPE_MEETING_EDITOR);
  g_assert_nonnull (editor);

  /* A case conference without a case, and then without a title, is refused. */
  set_kind (editor, "case-conference");
  gtk_editable_set_text (child (editor, "title_row"), "Calendar test meeting");
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  settle ();
  g_assert_true (find_toplevel (TSU_TYPE_MEETING_EDITOR) == editor);
  g_assert_nonnull (tsu_meeting_editor_get_message (editor));
  g_assert_true (gtk_widget_get_visible (child (editor, "title_error")));

  set_kind (editor, "internal");
  gtk_editable_set_text (child (editor, "title_row"), "");
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  settle ();
  g_assert_cmpstr (gtk_label_get_text (child (editor, "title_error")), ==, tsu_meeting_editor_get_message (editor));
  g_assert_cmpint (tsu_store_count (fixture->store, TSU_TYPE_MEETING), ==, before);

  /* An end before the start is refused too. */
  gtk_editable_set_text (child (editor, "title_row"), "Calendar test meeting");
  gtk_editable_set_text (child (editor, "start_time_entry"), "15:00");
  gtk_editable_set_text (child (editor, "end_time_entry"), "14:00");
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  settle ();
  g_assert_true (gtk_widget_get_visible (child (editor, "time_error")));
  g_assert_cmpint (tsu_store_count (fixture->store, TSU_TYPE_MEETING), ==, before);

  gtk_editable_set_text (child (editor, "end_time_entry"), "16:30");
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  settle ();
  g_assert_null (find_toplevel (TSU_TYPE_MEETING_EDITOR));
  g_assert_cmpint (tsu_store_count (fixture->store, TSU_TYPE_MEETING), ==, before + 1);

  saved = find_meeting (fixture->store, "Calendar test meeting");
  g_assert_nonnull (saved);
  g_assert_cmpint (tsu_meeting_get_ends_at (saved) - tsu_meeting_get_starts_at (saved), ==, 90 * 60);

  /* It shows in all three views. */
  g_assert_true (month_has (page, "Calendar test meeting"));
  tsu_calendar_page_set_view (page, "week");
  settle ();
  g_assert_true (model_has (tsu_calendar_page_get_model (page), "Calendar test meeting"));
  tsu_calendar_page_set_view (page, "agenda");
  settle ();
  g_assert_true (model_has (tsu_calendar_page_get_model (page), "Calendar test meeting"));
}

static GDate
date (int day,
      int month,
      int year)
{
  GDate d;

  g_date_clear (&d, 1);
  g_date_set_dmy (&d, day, month, year);
  return d;
}

static GPtrArray *
occurrences_of (TsuStore   *store,
                gint64      series_id,
                int         year)
{
  GDate from = date (1, 1, year), to = date (1, 1, year + 1);
  g_autoptr(GListModel) all = tsu_store_list_occurrences (store, tsu_calendar_date_to_unix (&from),
                                                          tsu_calendar_date_to_unix (&to), NULL);
  GPtrArray *out = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(TsuOccurrence) o = g_list_model_get_item (all, i);
      TsuMeeting *m = tsu_occurrence_get_meeting (o);

      if (tsu_record_get_id (TSU_RECORD (m)) == series_id || tsu_meeting_get_series_id (m) == series_id)
        g_ptr_array_add (out, g_steal_pointer (&o));
    }
  return out;
}

static void
test_series (Fixture       *fixture,
             gconstpointer  data)
{
  TsuCalendarPage *page = tsu_window_get_calendar_page (fixture->window);
  GDate second_tuesday = date (12, 1, 2027);
  g_autoptr(TsuMeeting) series = NULL;
  g_autoptr(TsuMeeting) reread = NULL;
  g_autoptr(GPtrArray) shown = NULL;
  g_autoptr(GArray) exdates = NULL;
  TsuMeetingEditor *editor;
  AdwMessageDialog *dialog;
  gint64 id, moved_start, deleted_start;
  gboolean moved_found = FALSE;

  tsu_calendar_page_go_to (page, &second_tuesday);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.new-meeting", NULL);
  settle ();
  editor = find_toplevel (TSU_TYPE_MEETING_EDITOR);
  g_assert_nonnull (editor);

  set_kind (editor, "municipal-council");
  gtk_editable_set_text (child (editor, "title_row"), "Second Tuesday council");
  adw_combo_row_set_selected (child (editor, "repeat_row"), 4);   /* monthly, the 2nd Tuesday */
  adw_combo_row_set_selected (child (editor, "ends_row"), 2);     /* after a number */
  gtk_spin_button_set_value (child (editor, "count_spin"), 12);
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  settle ();
  g_assert_null (find_toplevel (TSU_TYPE_MEETING_EDITOR));

  series = find_meeting (fixture->store, "Second Tuesday council");
  g_assert_nonnull (series);
  g_assert_cmpstr (tsu_meeting_get_rrule (series), ==, "FREQ=MONTHLY;BYDAY=2TU;COUNT=12");
  id = tsu_record_get_id (TSU_RECORD (series));

  shown = occurrences_of (fixture->store, id, 2027);
  g_assert_cmpuint (shown->len, ==, 12);
  for (guint i = 0; i < shown->len; i++)
    {
      GDate day;

      tsu_calendar_unix_to_date (tsu_occurrence_get_starts_at (g_ptr_array_index (shown, i)), &day);
      g_assert_cmpint (g_date_get_weekday (&day), ==, G_DATE_TUESDAY);
      g_assert_cmpuint (g_date_get_day (&day), >=, 8);
      g_assert_cmpuint (g_date_get_day (&day), <=, 14);
      g_assert_cmpuint (g_date_get_month (&day), ==, i + 1);
    }
  moved_start = tsu_occurrence_get_starts_at (g_ptr_array_index (shown, 2));    /* March 9 */
  deleted_start = tsu_occurrence_get_starts_at (g_ptr_array_index (shown, 4));  /* May 11 */
  g_clear_pointer (&shown, g_ptr_array_unref);

  /* Move one meeting to 15:00, only that one. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.edit-meeting", "(xx)", id, moved_start);
  settle ();
  editor = find_toplevel (TSU_TYPE_MEETING_EDITOR);
  g_assert_nonnull (editor);
  gtk_editable_set_text (child (editor, "title_row"), "Moved council");
  gtk_editable_set_text (child (editor, "start_time_entry"), "15:00");
  gtk_editable_set_text (child (editor, "end_time_entry"), "16:00");
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  settle ();
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "this");
  settle ();
  g_assert_null (find_toplevel (TSU_TYPE_MEETING_EDITOR));

  /* Delete another one, only that one. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.edit-meeting", "(xx)", id, deleted_start);
  settle ();
  editor = find_toplevel (TSU_TYPE_MEETING_EDITOR);
  g_assert_nonnull (editor);
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.delete", NULL);
  settle ();
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "this");
  settle ();
  g_assert_null (find_toplevel (TSU_TYPE_MEETING_EDITOR));

  reread = tsu_store_load (fixture->store, TSU_TYPE_MEETING, id, NULL);
  g_assert_cmpstr (tsu_meeting_get_title (reread), ==, "Second Tuesday council");
  exdates = tsu_recurrence_parse_exdates (tsu_meeting_get_exdates (reread));
  g_assert_cmpuint (exdates->len, ==, 1);
  g_assert_cmpint (g_array_index (exdates, gint64, 0), ==, deleted_start);

  shown = occurrences_of (fixture->store, id, 2027);
  g_assert_cmpuint (shown->len, ==, 11);
  for (guint i = 0; i < shown->len; i++)
    {
      TsuOccurrence *o = g_ptr_array_index (shown, i);
      GDate day;

      g_assert_cmpint (tsu_occurrence_get_starts_at (o), !=, deleted_start);
      tsu_calendar_unix_to_date (tsu_occurrence_get_starts_at (o), &day);
      g_assert_cmpint (g_date_get_weekday (&day), ==, G_DATE_TUESDAY);
      if (g_strcmp0 (tsu_occurrence_get_title (o), "Moved council") == 0)
        {
          moved_found = TRUE;
          g_assert_cmpint (tsu_occurrence_get_starts_at (o), ==, moved_start + 5 * 3600);
        }
      else
        g_assert_cmpstr (tsu_occurrence_get_title (o), ==, "Second Tuesday council");
    }
  g_assert_true (moved_found);

  /* The month view of March shows the moved meeting. */
  {
    GDate march = date (9, 3, 2027);

    tsu_calendar_page_set_view (page, "month");
    tsu_calendar_page_go_to (page, &march);
    settle ();
    g_assert_true (month_has (page, "Moved council"));
  }
}

static void
test_filters (Fixture       *fixture,
              gconstpointer  data)
{
  TsuCalendarPage *page = tsu_window_get_calendar_page (fixture->window);
  g_autoptr(GSettings) settings = g_settings_new (TSU_SETTINGS_SCHEMA_ID);
  const char * const hidden[] = { "case-conference", "municipal-council", "liaison", "training", "other", NULL };
  GListModel *model;
  guint all, internal = 0;

  model = tsu_calendar_page_get_model (page);
  all = g_list_model_get_n_items (model);
  for (guint i = 0; i < all; i++)
    {
      g_autoptr(TsuOccurrence) o = g_list_model_get_item (model, i);

      if (g_strcmp0 (tsu_meeting_get_kind (tsu_occurrence_get_meeting (o)), "internal") == 0)
        internal++;
    }
  g_assert_cmpuint (all, >, internal);

  g_settings_set_strv (settings, "calendar-hidden-kinds", hidden);
  settle ();
  model = tsu_calendar_page_get_model (page);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, internal);

  g_settings_reset (settings, "calendar-hidden-kinds");
  settle ();
  g_assert_cmpuint (g_list_model_get_n_items (tsu_calendar_page_get_model (page)), ==, all);
}

static guint
count_widgets (GtkWidget *widget)
{
  guint n = 1;

  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    n += count_widgets (c);
  return n;
}

static void
test_many (Fixture       *fixture,
           gconstpointer  data)
{
  TsuCalendarPage *page = tsu_window_get_calendar_page (fixture->window);
  GDate month = date (1, 6, 2031);
  guint before;
  const TsuCalendarLayout *layout;
  guint counted = 0;

  tsu_calendar_page_go_to (page, &month);
  settle ();
  before = count_widgets (GTK_WIDGET (page));

  g_assert_true (tsu_store_begin (fixture->store, NULL));
  for (guint i = 0; i < 200; i++)
    {
      g_autoptr(TsuMeeting) m = tsu_meeting_new ();
      g_autofree char *title = g_strdup_printf ("Busy meeting %u", i);
      GDate day = date (1 + i % 30, 6, 2031);
      gint64 start = tsu_calendar_date_to_unix (&day) + (9 + i % 8) * 3600;

      tsu_meeting_set_kind (m, "internal");
      tsu_meeting_set_title (m, title);
      tsu_meeting_set_starts_at (m, start);
      tsu_meeting_set_ends_at (m, start + 3600);
      g_assert_true (tsu_store_save (fixture->store, TSU_RECORD (m), NULL));
    }
  g_assert_true (tsu_store_commit (fixture->store, NULL));
  settle ();

  layout = tsu_month_view_get_layout (TSU_MONTH_VIEW (tsu_calendar_page_get_month_view (page)));
  for (guint d = 0; d < layout->n_days; d++)
    counted += tsu_calendar_layout_get_count (layout, d);
  g_assert_cmpuint (counted, >=, 200);
  g_assert_cmpuint (count_widgets (GTK_WIDGET (page)), ==, before);
}

static void
add (const char *path,
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

  application = tsu_application_new ("io.github.tsunagu.Tsunagu.CalendarTest", G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (application), NULL, &error);
  g_assert_no_error (error);

  add ("/calendar/views", test_views);
  add ("/calendar/create", test_create);
  add ("/calendar/series", test_series);
  add ("/calendar/filters", test_filters);
  add ("/calendar/many", test_many);

  status = g_test_run ();
  g_clear_object (&application);
  return status;
}
