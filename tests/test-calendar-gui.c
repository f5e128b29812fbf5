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
#include "tsu-calendar-sidebar.h"
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

static GtkWidget *
find_type (GtkWidget *widget,
           GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_type (c, type);

      if (found != NULL)
        return found;
    }
  return NULL;
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
  {
    g_autoptr(GDateTime) day = g_date_time_new_local (g_date_get_year (&selected), g_date_get_month (&selected),
                                                      1, 12, 0, 0);
    g_autofree char *title = g_date_time_format (day, "%B %Y");

    /* The header names the new month. */
    g_assert_cmpstr (gtk_inscription_get_text (GTK_INSCRIPTION (find_type (GTK_WIDGET (page), GTK_TYPE_INSCRIPTION))),
                     ==, title);
  }

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

  /* Shown, the sidebar lists the cases once it is painted; a filter by case shows
   * that case's meetings only. */
  adw_flap_set_reveal_flap (ADW_FLAP (find_type (GTK_WIDGET (page), ADW_TYPE_FLAP)), TRUE);
  settle ();
  {
    GtkWidget *sidebar = find_type (GTK_WIDGET (page), TSU_TYPE_CALENDAR_SIDEBAR);
    GtkDropDown *cases = GTK_DROP_DOWN (gtk_widget_get_template_child (sidebar, TSU_TYPE_CALENDAR_SIDEBAR,
                                                                       "case_dropdown"));
    g_autoptr(GListModel) stored = tsu_store_list (fixture->store, TSU_TYPE_CASE, "code", NULL);
    gboolean tried[2] = { FALSE, FALSE };   /* a case without meetings this month, one with */

    g_assert_cmpuint (g_list_model_get_n_items (stored), >=, 2);
    g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (cases)), ==,
                      g_list_model_get_n_items (stored) + 1);
    for (guint c = 0; c < g_list_model_get_n_items (stored) && !(tried[0] && tried[1]); c++)
      {
        g_autoptr(TsuCase) kase = g_list_model_get_item (stored, c);
        gint64 case_id = tsu_record_get_id (TSU_RECORD (kase));
        guint expected = 0;

        model = tsu_calendar_page_get_model (page);
        for (guint i = 0; i < g_list_model_get_n_items (model); i++)
          {
            g_autoptr(TsuOccurrence) o = g_list_model_get_item (model, i);

            expected += tsu_meeting_get_case_id (tsu_occurrence_get_meeting (o)) == case_id;
          }
        if (tried[expected > 0])
          continue;
        tried[expected > 0] = TRUE;

        g_settings_set_int64 (settings, "calendar-case", case_id);
        settle ();
        g_assert_cmpuint (g_list_model_get_n_items (tsu_calendar_page_get_model (page)), ==, expected);
        g_settings_reset (settings, "calendar-case");
        settle ();
        g_assert_cmpuint (g_list_model_get_n_items (tsu_calendar_page_get_model (page)), ==, all);
      }
    g_assert_true (tried[1]);
  }
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

/* Answers a dialog as its button does: the response, then the dialog closes. */
static void
respond (AdwMessageDialog *dialog,
         const char       *response)
{
  adw_message_dialog_response (dialog, response);
  gtk_window_close (GTK_WINDOW (dialog));
  settle ();
}

/* A room already booked is said in the editor before saving, and Save asks first:
 * Cancel keeps the edit, Save Anyway saves. */
static void
test_conflicts (Fixture       *fixture,
                gconstpointer  data)
{
  TsuCalendarPage *page = tsu_window_get_calendar_page (fixture->window);
  GDate day = date (10, 2, 2027);
  gint64 ten = tsu_calendar_date_to_unix (&day) + 10 * 3600;
  g_autoptr(TsuMeeting) booked = tsu_meeting_new ();
  g_autoptr(TsuMeeting) saved = NULL;
  gint64 before;
  TsuMeetingEditor *editor;
  AdwMessageDialog *dialog;
  const char *subtitle;

  tsu_meeting_set_kind (booked, "training");
  tsu_meeting_set_title (booked, "Suction training");
  tsu_meeting_set_starts_at (booked, ten);
  tsu_meeting_set_ends_at (booked, ten + 2 * 3600);
  tsu_meeting_set_location (booked, "Room 3A");
  g_assert_true (tsu_store_save (fixture->store, TSU_RECORD (booked), NULL));
  before = tsu_store_count (fixture->store, TSU_TYPE_MEETING);

  tsu_calendar_page_go_to (page, &day);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.new-meeting", NULL);
  settle ();
  editor = find_toplevel (TSU_TYPE_MEETING_EDITOR);
  g_assert_nonnull (editor);
  set_kind (editor, "internal");
  gtk_editable_set_text (child (editor, "title_row"), "Clashing meeting");
  gtk_editable_set_text (child (editor, "start_time_entry"), "11:00");
  gtk_editable_set_text (child (editor, "end_time_entry"), "12:30");
  gtk_editable_set_text (child (editor, "location_row"), " room 3a ");
  settle ();
  settle ();

  /* Said inline, before any save. */
  g_assert_true (gtk_widget_get_visible (child (editor, "conflicts_group")));
  subtitle = adw_action_row_get_subtitle (child (editor, "conflicts_row"));
  g_assert_nonnull (strstr (subtitle, "room 3a"));
  g_assert_nonnull (strstr (subtitle, "“Suction training”"));
  g_assert_nonnull (strstr (subtitle, "10:00"));

  /* Save asks; Cancel keeps the editor and saves nothing. */
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  settle ();
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Already Booked");
  respond (dialog, "cancel");
  g_assert_true (find_toplevel (TSU_TYPE_MEETING_EDITOR) == editor);
  g_assert_cmpint (tsu_store_count (fixture->store, TSU_TYPE_MEETING), ==, before);

  /* Save Anyway saves. */
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  settle ();
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  respond (dialog, "save");
  g_assert_null (find_toplevel (TSU_TYPE_MEETING_EDITOR));
  saved = find_meeting (fixture->store, "Clashing meeting");
  g_assert_nonnull (saved);
  g_assert_cmpstr (tsu_meeting_get_location (saved), ==, "room 3a");
  g_assert_cmpint (tsu_meeting_get_starts_at (saved), ==, ten + 3600);

  /* Moved to the afternoon, the room is free: no warning. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.edit-meeting", "(xx)",
                              tsu_record_get_id (TSU_RECORD (saved)), (gint64) 0);
  settle ();
  editor = find_toplevel (TSU_TYPE_MEETING_EDITOR);
  g_assert_nonnull (editor);
  settle ();
  g_assert_true (gtk_widget_get_visible (child (editor, "conflicts_group")));
  gtk_editable_set_text (child (editor, "start_time_entry"), "14:00");
  gtk_editable_set_text (child (editor, "end_time_entry"), "15:00");
  settle ();
  settle ();
  g_assert_false (gtk_widget_get_visible (child (editor, "conflicts_group")));
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  settle ();
  g_assert_null (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_null (find_toplevel (TSU_TYPE_MEETING_EDITOR));
}

/* The button of a toast, found in the window as a person would see it. */
static GtkButton *
find_button (GtkWidget  *widget,
             const char *label)
{
  if (GTK_IS_BUTTON (widget) && gtk_widget_get_mapped (widget) &&
      g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return GTK_BUTTON (widget);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkButton *found = find_button (c, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static guint
count_rows (TsuStore   *store,
            GType       type,
            const char *column,
            gint64      id)
{
  g_autoptr(GListModel) list = tsu_store_list_by (store, type, column, id, NULL, NULL);

  return list != NULL ? g_list_model_get_n_items (list) : 0;
}

static void
delete_in_editor (Fixture *fixture,
                  gint64   id,
                  gint64   occurrence)
{
  TsuMeetingEditor *editor;
  AdwMessageDialog *dialog;

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.edit-meeting", "(xx)", id, occurrence);
  settle ();
  editor = find_toplevel (TSU_TYPE_MEETING_EDITOR);
  g_assert_nonnull (editor);
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.delete", NULL);
  settle ();
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  respond (dialog, "this");
  g_assert_null (find_toplevel (TSU_TYPE_MEETING_EDITOR));
}

/* Deleting shows "Meeting deleted" with Undo, and Undo brings the meeting back with
 * its participants, agenda and minutes; for one meeting of a series, the occurrence. */
static void
test_undo_delete (Fixture       *fixture,
                  gconstpointer  data)
{
  GDate day = date (17, 3, 2027);
  gint64 ten = tsu_calendar_date_to_unix (&day) + 10 * 3600;
  g_autoptr(TsuMeeting) meeting = tsu_meeting_new ();
  g_autoptr(TsuMeeting) back = NULL;
  g_autoptr(TsuMeeting) series = tsu_meeting_new ();
  g_autoptr(TsuMeeting) series_back = NULL;
  g_autoptr(TsuParticipant) participant = tsu_participant_new ();
  g_autoptr(TsuAgendaItem) item = tsu_agenda_item_new ();
  g_autoptr(TsuMinutes) minutes = tsu_minutes_new ();
  g_autoptr(TsuDecision) decision = tsu_decision_new ();
  g_autoptr(TsuActionItem) action = tsu_action_item_new ();
  g_autoptr(TsuActionItem) action_back = NULL;
  g_autoptr(TsuMinutes) minutes_back = NULL;
  g_autoptr(GPtrArray) shown = NULL;
  gint64 id, before, second;
  GtkButton *undo;

  tsu_meeting_set_kind (meeting, "liaison");
  tsu_meeting_set_title (meeting, "Liaison to undo");
  tsu_meeting_set_starts_at (meeting, ten);
  tsu_meeting_set_ends_at (meeting, ten + 3600);
  tsu_meeting_set_location (meeting, "県庁 第3会議室");
  g_assert_true (tsu_store_save (fixture->store, TSU_RECORD (meeting), NULL));
  id = tsu_record_get_id (TSU_RECORD (meeting));
  tsu_participant_set_meeting_id (participant, id);
  tsu_participant_set_name (participant, "保護者");
  tsu_participant_set_role (participant, "family");
  g_assert_true (tsu_store_save (fixture->store, TSU_RECORD (participant), NULL));
  tsu_agenda_item_set_meeting_id (item, id);
  tsu_agenda_item_set_title (item, "Respite at home");
  g_assert_true (tsu_store_save (fixture->store, TSU_RECORD (item), NULL));
  tsu_minutes_set_meeting_id (minutes, id);
  tsu_minutes_set_summary (minutes, "Talked about respite.");
  g_assert_true (tsu_store_save (fixture->store, TSU_RECORD (minutes), NULL));
  tsu_decision_set_minutes_id (decision, tsu_record_get_id (TSU_RECORD (minutes)));
  tsu_decision_set_body (decision, "Short stay twice a month");
  g_assert_true (tsu_store_save (fixture->store, TSU_RECORD (decision), NULL));
  tsu_action_item_set_minutes_id (action, tsu_record_get_id (TSU_RECORD (minutes)));
  tsu_action_item_set_what (action, "Ask the short-stay facility");
  g_assert_true (tsu_store_save (fixture->store, TSU_RECORD (action), NULL));
  before = tsu_store_count (fixture->store, TSU_TYPE_MEETING);

  delete_in_editor (fixture, id, 0);
  g_assert_null (find_meeting (fixture->store, "Liaison to undo"));
  g_assert_cmpint (tsu_store_count (fixture->store, TSU_TYPE_MEETING), ==, before - 1);

  undo = find_button (GTK_WIDGET (fixture->window), "_Undo");
  g_assert_nonnull (undo);
  g_signal_emit_by_name (undo, "clicked");
  settle ();

  back = find_meeting (fixture->store, "Liaison to undo");
  g_assert_nonnull (back);
  id = tsu_record_get_id (TSU_RECORD (back));
  g_assert_cmpint (tsu_store_count (fixture->store, TSU_TYPE_MEETING), ==, before);
  g_assert_cmpstr (tsu_meeting_get_uid (back), ==, tsu_meeting_get_uid (meeting));
  g_assert_cmpstr (tsu_meeting_get_location (back), ==, "県庁 第3会議室");
  g_assert_cmpint (tsu_meeting_get_starts_at (back), ==, ten);
  g_assert_cmpuint (count_rows (fixture->store, TSU_TYPE_PARTICIPANT, "meeting_id", id), ==, 1);
  g_assert_cmpuint (count_rows (fixture->store, TSU_TYPE_AGENDA_ITEM, "meeting_id", id), ==, 1);
  minutes_back = tsu_store_get_current_minutes (fixture->store, id, NULL);
  g_assert_nonnull (minutes_back);
  g_assert_cmpstr (tsu_minutes_get_summary (minutes_back), ==, "Talked about respite.");
  g_assert_cmpuint (count_rows (fixture->store, TSU_TYPE_DECISION, "minutes_id",
                                tsu_record_get_id (TSU_RECORD (minutes_back))), ==, 1);
  action_back = tsu_store_load (fixture->store, TSU_TYPE_ACTION_ITEM, tsu_record_get_id (TSU_RECORD (action)), NULL);
  g_assert_cmpint (tsu_action_item_get_minutes_id (action_back), ==, tsu_record_get_id (TSU_RECORD (minutes_back)));

  /* One meeting of a weekly series: Undo takes the EXDATE out again. */
  tsu_meeting_set_kind (series, "internal");
  tsu_meeting_set_title (series, "Weekly to undo");
  tsu_meeting_set_starts_at (series, ten);
  tsu_meeting_set_ends_at (series, ten + 3600);
  tsu_meeting_set_rrule (series, "FREQ=WEEKLY;COUNT=4");
  g_assert_true (tsu_store_save (fixture->store, TSU_RECORD (series), NULL));
  id = tsu_record_get_id (TSU_RECORD (series));
  second = ten + 7 * 24 * 3600;

  delete_in_editor (fixture, id, second);
  shown = occurrences_of (fixture->store, id, 2027);
  g_assert_cmpuint (shown->len, ==, 3);
  g_clear_pointer (&shown, g_ptr_array_unref);

  undo = find_button (GTK_WIDGET (fixture->window), "_Undo");
  g_assert_nonnull (undo);
  g_signal_emit_by_name (undo, "clicked");
  settle ();
  shown = occurrences_of (fixture->store, id, 2027);
  g_assert_cmpuint (shown->len, ==, 4);
  g_assert_cmpint (tsu_occurrence_get_starts_at (g_ptr_array_index (shown, 1)), ==, second);
  series_back = tsu_store_load (fixture->store, TSU_TYPE_MEETING, id, NULL);
  g_assert_null (tsu_meeting_get_exdates (series_back));
}

static TsuOccurrence *
shown_in_month (TsuMonthView *month,
                const char   *title,
                gint64        starts_at)
{
  GPtrArray *shown = tsu_month_view_get_occurrences (month);

  for (guint i = 0; shown != NULL && i < shown->len; i++)
    {
      TsuOccurrence *o = g_ptr_array_index (shown, i);

      if (g_strcmp0 (tsu_occurrence_get_title (o), title) == 0 && tsu_occurrence_get_starts_at (o) == starts_at)
        return o;
    }
  return NULL;
}

/* Drags @title starting at @starts_at to @to in the month view, through what the end
 * of a drag does. */
static void
drag_in_month (Fixture    *fixture,
               const char *title,
               gint64      starts_at,
               GDate       to)
{
  TsuCalendarPage *page = tsu_window_get_calendar_page (fixture->window);
  TsuMonthView *month = TSU_MONTH_VIEW (tsu_calendar_page_get_month_view (page));
  TsuOccurrence *o;
  GDate from;
  double x0, y0, x1, y1;

  tsu_calendar_unix_to_date (starts_at, &from);
  tsu_calendar_page_go_to (page, &from);
  settle ();
  o = shown_in_month (month, title, starts_at);
  g_assert_nonnull (o);
  g_assert_true (tsu_month_view_get_point (month, o, &from, &x0, &y0));
  g_assert_true (tsu_month_view_get_point (month, NULL, &to, &x1, &y1));
  g_assert_true (tsu_month_view_drop (month, x0, y0, x1, y1));
  settle ();
}

/* Dragging a meeting to another day in the month view moves it there at the same
 * time; a booked room asks first; one meeting of a series asks "only this one". */
static void
test_month_drag (Fixture       *fixture,
                 gconstpointer  data)
{
  TsuCalendarPage *page = tsu_window_get_calendar_page (fixture->window);
  GDate wednesday = date (7, 4, 2027);
  gint64 two = tsu_calendar_date_to_unix (&wednesday) + 14 * 3600;
  gint64 day = 24 * 3600;
  g_autoptr(TsuMeeting) meeting = tsu_meeting_new ();
  g_autoptr(TsuMeeting) other = tsu_meeting_new ();
  g_autoptr(TsuMeeting) series = tsu_meeting_new ();
  g_autoptr(TsuMeeting) moved = NULL;
  g_autoptr(GPtrArray) shown = NULL;
  AdwMessageDialog *dialog;
  gint64 id, monday;

  tsu_calendar_page_set_view (page, "month");
  tsu_meeting_set_kind (meeting, "liaison");
  tsu_meeting_set_title (meeting, "Dragged liaison");
  tsu_meeting_set_starts_at (meeting, two);
  tsu_meeting_set_ends_at (meeting, two + 3600);
  tsu_meeting_set_location (meeting, "Room M");
  g_assert_true (tsu_store_save (fixture->store, TSU_RECORD (meeting), NULL));
  id = tsu_record_get_id (TSU_RECORD (meeting));
  tsu_meeting_set_kind (other, "training");
  tsu_meeting_set_title (other, "Training in room M");
  tsu_meeting_set_starts_at (other, two + 2 * day + 1800);
  tsu_meeting_set_ends_at (other, two + 2 * day + 5400);
  tsu_meeting_set_location (other, "room m");
  g_assert_true (tsu_store_save (fixture->store, TSU_RECORD (other), NULL));

  /* Wednesday to Thursday: nothing in the way, moved at once, same time. */
  drag_in_month (fixture, "Dragged liaison", two, date (8, 4, 2027));
  g_assert_null (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  moved = tsu_store_load (fixture->store, TSU_TYPE_MEETING, id, NULL);
  g_assert_cmpint (tsu_meeting_get_starts_at (moved), ==, two + day);
  g_assert_cmpint (tsu_meeting_get_ends_at (moved), ==, two + day + 3600);
  g_clear_object (&moved);

  /* To Friday, where the room is taken: asked, and Cancel leaves it. */
  drag_in_month (fixture, "Dragged liaison", two + day, date (9, 4, 2027));
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Already Booked");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "“Training in room M”"));
  respond (dialog, "cancel");
  moved = tsu_store_load (fixture->store, TSU_TYPE_MEETING, id, NULL);
  g_assert_cmpint (tsu_meeting_get_starts_at (moved), ==, two + day);
  g_clear_object (&moved);

  /* Move Anyway moves it. */
  drag_in_month (fixture, "Dragged liaison", two + day, date (9, 4, 2027));
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  respond (dialog, "move");
  moved = tsu_store_load (fixture->store, TSU_TYPE_MEETING, id, NULL);
  g_assert_cmpint (tsu_meeting_get_starts_at (moved), ==, two + 2 * day);
  g_clear_object (&moved);

  /* The second of three weekly meetings, to the Tuesday after: only that one. */
  monday = two - 2 * day - 4 * 3600;   /* Monday April 5, 10:00 */
  tsu_meeting_set_kind (series, "internal");
  tsu_meeting_set_title (series, "Weekly dragged");
  tsu_meeting_set_starts_at (series, monday);
  tsu_meeting_set_ends_at (series, monday + 3600);
  tsu_meeting_set_rrule (series, "FREQ=WEEKLY;COUNT=3");
  g_assert_true (tsu_store_save (fixture->store, TSU_RECORD (series), NULL));
  id = tsu_record_get_id (TSU_RECORD (series));

  drag_in_month (fixture, "Weekly dragged", monday + 7 * day, date (13, 4, 2027));
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Move a Repeating Meeting");
  respond (dialog, "this");

  shown = occurrences_of (fixture->store, id, 2027);
  g_assert_cmpuint (shown->len, ==, 3);
  g_assert_cmpint (tsu_occurrence_get_starts_at (g_ptr_array_index (shown, 0)), ==, monday);
  g_assert_cmpint (tsu_occurrence_get_starts_at (g_ptr_array_index (shown, 1)), ==, monday + 8 * day);
  g_assert_cmpint (tsu_occurrence_get_starts_at (g_ptr_array_index (shown, 2)), ==, monday + 14 * day);
  moved = tsu_store_load (fixture->store, TSU_TYPE_MEETING, id, NULL);
  g_assert_cmpint (tsu_meeting_get_starts_at (moved), ==, monday);
}

/* Dragging in the week view moves a meeting to another day and time, on a 15-minute
 * step. */
static void
test_week_drag (Fixture       *fixture,
                gconstpointer  data)
{
  TsuCalendarPage *page = tsu_window_get_calendar_page (fixture->window);
  TsuWeekView *week = TSU_WEEK_VIEW (tsu_calendar_page_get_week_view (page));
  GDate wednesday = date (21, 4, 2027);
  gint64 two = tsu_calendar_date_to_unix (&wednesday) + 14 * 3600;
  g_autoptr(TsuMeeting) meeting = tsu_meeting_new ();
  g_autoptr(TsuMeeting) moved = NULL;
  GPtrArray *shown;
  TsuOccurrence *o = NULL;
  double x0, y0, x1, y1, y_two, y_later;

  tsu_meeting_set_kind (meeting, "internal");
  tsu_meeting_set_title (meeting, "Dragged in the week");
  tsu_meeting_set_starts_at (meeting, two);
  tsu_meeting_set_ends_at (meeting, two + 5400);
  g_assert_true (tsu_store_save (fixture->store, TSU_RECORD (meeting), NULL));

  tsu_calendar_page_set_view (page, "week");
  tsu_calendar_page_go_to (page, &wednesday);
  settle ();
  shown = tsu_week_view_get_occurrences (week);
  for (guint i = 0; shown != NULL && i < shown->len; i++)
    if (g_strcmp0 (tsu_occurrence_get_title (g_ptr_array_index (shown, i)), "Dragged in the week") == 0)
      o = g_ptr_array_index (shown, i);
  g_assert_nonnull (o);

  /* From Wednesday 14:00 to Thursday, 2 h 10 min later: 16:15 after the step. */
  g_assert_true (tsu_week_view_get_point (week, o, &x0, &y0));
  tsu_week_view_get_position (week, 4, 14 * 60, &x1, &y_two);
  tsu_week_view_get_position (week, 4, 16 * 60 + 10, &x1, &y_later);
  y1 = y0 + (y_later - y_two);
  g_assert_true (tsu_week_view_drop (week, x0, y0, x1, y1));
  settle ();
  g_assert_null (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));

  moved = tsu_store_load (fixture->store, TSU_TYPE_MEETING, tsu_record_get_id (TSU_RECORD (meeting)), NULL);
  g_assert_cmpint (tsu_meeting_get_starts_at (moved), ==, two + 24 * 3600 + 2 * 3600 + 15 * 60);
  g_assert_cmpint (tsu_meeting_get_ends_at (moved) - tsu_meeting_get_starts_at (moved), ==, 5400);
}

/* The small calendar of the sidebar shows the day the page is on: set at once while
 * the sidebar is shown, and when it is shown again after it was folded away. */
static void
test_sidebar_date (Fixture       *fixture,
                   gconstpointer  data)
{
  TsuCalendarSidebar *sidebar = g_object_new (TSU_TYPE_CALENDAR_SIDEBAR, NULL);
  GtkWidget *window = gtk_window_new ();
  GtkCalendar *calendar;
  GDate date;

  tsu_calendar_sidebar_set_store (sidebar, fixture->store);
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 15, 12, 2026);
  tsu_calendar_sidebar_set_date (sidebar, &date);

  /* The sidebar builds its widgets when it is first shown. */
  g_assert_null (gtk_widget_get_first_child (GTK_WIDGET (sidebar)));
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (sidebar));
  gtk_window_present (GTK_WINDOW (window));
  settle ();
  calendar = GTK_CALENDAR (gtk_widget_get_template_child (GTK_WIDGET (sidebar), TSU_TYPE_CALENDAR_SIDEBAR,
                                                         "calendar"));
  g_assert_true (GTK_IS_CALENDAR (calendar));
  {
    g_autoptr(GDateTime) shown = gtk_calendar_get_date (calendar);

    g_assert_cmpint (g_date_time_get_year (shown), ==, 2026);
    g_assert_cmpint (g_date_time_get_month (shown), ==, 12);
    g_assert_cmpint (g_date_time_get_day_of_month (shown), ==, 15);
  }

  g_date_set_dmy (&date, 20, 1, 2027);
  tsu_calendar_sidebar_set_date (sidebar, &date);
  {
    g_autoptr(GDateTime) shown = gtk_calendar_get_date (calendar);

    g_assert_cmpint (g_date_time_get_year (shown), ==, 2027);
    g_assert_cmpint (g_date_time_get_month (shown), ==, 1);
    g_assert_cmpint (g_date_time_get_day_of_month (shown), ==, 20);
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Records, frame by frame, whether the flap's content was narrower than the flap:
 * whether the sidebar took room from the calendar instead of lying over it. */
static gboolean
sample_flap_cb (GtkWidget     *flap,
                GdkFrameClock *clock,
                gpointer       data)
{
  gboolean *squeezed = data;

  if (gtk_widget_get_width (adw_flap_get_content (ADW_FLAP (flap))) < gtk_widget_get_width (flap))
    *squeezed = TRUE;
  return G_SOURCE_CONTINUE;
}

static void
count_cb (GtkWidget *widget,
          guint     *count)
{
  (*count)++;
}

/* A window too narrow for the sidebar beside the calendar starts with it folded away:
 * never shown, not even for a frame, and not built. Shown, it lies over the calendar.
 * A wide window shows it from the start. */
static void
test_sidebar_start (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (TSU_SETTINGS_SCHEMA_ID);

  for (guint wide = 0; wide < 2; wide++)
    {
      TsuWindow *window;
      TsuCalendarPage *page;
      GtkWidget *sidebar;
      AdwFlap *flap;
      guint mapped = 0, tick;
      gboolean squeezed = FALSE;

      g_settings_set_int (settings, "window-width", wide ? 1700 : 1000);
      window = tsu_window_new (application, fixture->store, FALSE);
      page = tsu_window_get_calendar_page (window);
      flap = ADW_FLAP (find_type (GTK_WIDGET (page), ADW_TYPE_FLAP));
      sidebar = find_type (GTK_WIDGET (page), TSU_TYPE_CALENDAR_SIDEBAR);
      g_signal_connect (sidebar, "map", G_CALLBACK (count_cb), &mapped);
      tsu_window_show_page (window, "calendar");
      gtk_window_present (GTK_WINDOW (window));
      settle ();

      g_assert_cmpint (adw_flap_get_folded (flap), ==, !wide);
      g_assert_cmpint (adw_flap_get_reveal_flap (flap), ==, wide);
      g_assert_cmpuint (mapped, ==, wide);
      g_assert_cmpint (gtk_widget_get_first_child (sidebar) != NULL, ==, wide);

      if (!wide)
        {
          tick = gtk_widget_add_tick_callback (GTK_WIDGET (flap), sample_flap_cb, &squeezed, NULL);
          adw_flap_set_reveal_flap (flap, TRUE);
          settle ();
          gtk_widget_remove_tick_callback (GTK_WIDGET (flap), tick);
          g_assert_cmpfloat (adw_flap_get_reveal_progress (flap), ==, 1.0);
          g_assert_true (adw_flap_get_folded (flap));
          g_assert_false (squeezed);
          g_assert_nonnull (gtk_widget_get_first_child (sidebar));
        }
      gtk_window_destroy (GTK_WINDOW (window));
    }
  g_settings_reset (settings, "window-width");
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
  add ("/calendar/conflicts", test_conflicts);
  add ("/calendar/undo-delete", test_undo_delete);
  add ("/calendar/month-drag", test_month_drag);
  add ("/calendar/week-drag", test_week_drag);
  add ("/calendar/sidebar-date", test_sidebar_date);
  add ("/calendar/sidebar-start", test_sidebar_start);

  status = g_test_run ();
  g_clear_object (&application);
  return status;
}
