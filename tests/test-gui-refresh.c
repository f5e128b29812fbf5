/* test-gui-refresh.c: what another program writes shows up by itself; an edit that
 * cannot be saved (read-only file, another program's newer change) stays in its
 * window with the reason; the audit log of a case, shown and exported
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
#include "tsu-audit-dialog.h"
#include "tsu-calendar-page.h"
#include "tsu-case-view.h"
#include "tsu-cases-page.h"
#include "tsu-format.h"
#include "tsu-meeting-editor.h"
#include "tsu-month-view.h"
#include "tsu-settings.h"
#include "tsu-window.h"

#define CHILD_NAME "山田 花子"

static TsuApplication *application;
static gboolean localedir_set;

typedef struct {
  char      *dir;
  char      *path;
  TsuStore  *store;   /* the window's */
  TsuStore  *other;   /* another program on the same file */
  TsuCase   *kase;
  TsuMeeting *meeting;
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

/* Runs the main loop until @condition holds or @seconds pass, without a user action. */
static gboolean
wait_for (gboolean (*condition) (gpointer),
          gpointer  data,
          double    seconds)
{
  gint64 until = g_get_monotonic_time () + (gint64) (seconds * G_USEC_PER_SEC);
  guint tick = g_timeout_add (50, tick_cb, NULL);
  gboolean met;

  while (!(met = condition (data)) && g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);
  return met;
}

static void
save (TsuStore *store,
      gpointer  record)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (tsu_store_save (store, TSU_RECORD (record), &error));
  g_assert_no_error (error);
}

/* Today at @hour, local time. */
static gint64
today_at (int hour)
{
  g_autoptr(GDateTime) now = g_date_time_new_now (tsu_format_get_time_zone ());
  g_autoptr(GDateTime) then = g_date_time_new (tsu_format_get_time_zone (),
                                               g_date_time_get_year (now), g_date_time_get_month (now),
                                               g_date_time_get_day_of_month (now), hour, 0, 0);

  return g_date_time_to_unix (then);
}

static TsuMeeting *
new_meeting (const char *title,
             int         hour)
{
  TsuMeeting *m = tsu_meeting_new ();

  tsu_meeting_set_kind (m, "internal");
  tsu_meeting_set_title (m, title);
  tsu_meeting_set_starts_at (m, today_at (hour));
  tsu_meeting_set_ends_at (m, today_at (hour + 1));
  return m;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (TSU_SETTINGS_SCHEMA_ID);
  g_autoptr(GError) error = NULL;

  g_settings_reset (settings, "calendar-view");
  g_settings_reset (settings, "calendar-hidden-kinds");
  g_settings_reset (settings, "last-page");
  g_settings_reset (settings, "hide-names");

  f->dir = g_dir_make_tmp ("tsunagu-refresh-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "tsunagu.db", NULL);
  f->store = tsu_store_open (f->path, &error);
  g_assert_no_error (error);
  f->other = tsu_store_open (f->path, &error);
  g_assert_no_error (error);

  f->kase = tsu_case_new ();
  tsu_case_set_code (f->kase, "R-0001");
  tsu_case_set_child_name (f->kase, CHILD_NAME);
  tsu_case_set_status (f->kase, "active");
  tsu_case_set_opened_on (f->kase, "2026-04-01");
  save (f->store, f->kase);
  f->meeting = new_meeting ("センター内会議", 9);
  save (f->store, f->meeting);

  f->window = tsu_window_new (application, f->store, FALSE);
  gtk_window_present (GTK_WINDOW (f->window));
  tsu_window_show_page (f->window, "calendar");
  settle ();
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

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (application)));

  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_destroy (l->data);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_object (&f->meeting);
  g_clear_object (&f->kase);
  g_clear_object (&f->other);
  g_clear_object (&f->store);
  remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
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

/* A label inside @widget whose text holds @needle: a toast's, for example. */
static GtkLabel *
find_label (GtkWidget  *widget,
            const char *needle)
{
  if (GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), needle) != NULL)
    return GTK_LABEL (widget);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkLabel *found = find_label (c, needle);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gpointer
child (gpointer    widget,
       GType       type,
       const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (object);
  return object;
}

typedef struct {
  TsuCalendarPage *page;
  const char      *title;
} MonthQuery;

static gboolean
month_shows (gpointer data)
{
  MonthQuery *q = data;
  TsuMonthView *view = TSU_MONTH_VIEW (tsu_calendar_page_get_month_view (q->page));
  GPtrArray *shown = tsu_month_view_get_occurrences (view);

  for (guint i = 0; shown != NULL && i < shown->len; i++)
    if (g_strcmp0 (tsu_occurrence_get_title (g_ptr_array_index (shown, i)), q->title) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
month_hides (gpointer data)
{
  return !month_shows (data);
}

/* Another program (a second store on the file, as tsunagu-cli or a second Tsunagu
 * is) adds a meeting: the open month view shows it within a few seconds, and a
 * meeting it deletes goes away. */
static void
test_month_view (Fixture       *f,
                 gconstpointer  data)
{
  MonthQuery q = { tsu_window_get_calendar_page (f->window), "他の端末で追加した会議" };
  MonthQuery old = { q.page, "センター内会議" };
  g_autoptr(TsuMeeting) added = new_meeting (q.title, 13);
  g_autoptr(TsuMeeting) theirs = NULL;
  g_autoptr(GError) error = NULL;
  gint64 t0;

  tsu_calendar_page_set_view (q.page, "month");
  settle ();
  g_assert_true (month_shows (&old));
  g_assert_false (month_shows (&q));

  t0 = g_get_monotonic_time ();
  save (f->other, added);
  g_assert_true (wait_for (month_shows, &q, 5));
  g_test_message ("shown after %.1f s", (g_get_monotonic_time () - t0) / (double) G_USEC_PER_SEC);

  theirs = tsu_store_load (f->other, TSU_TYPE_MEETING, tsu_record_get_id (TSU_RECORD (f->meeting)), &error);
  g_assert_no_error (error);
  g_assert_true (tsu_store_delete (f->other, TSU_RECORD (theirs), &error));
  g_assert_no_error (error);
  g_assert_true (wait_for (month_hides, &old, 5));
}

static TsuMeetingEditor *
open_editor (Fixture *f)
{
  TsuMeetingEditor *editor;

  tsu_meeting_editor_present_edit (GTK_WINDOW (f->window), f->store,
                                   tsu_record_get_id (TSU_RECORD (f->meeting)), 0);
  settle ();
  editor = find_toplevel (TSU_TYPE_MEETING_EDITOR);
  g_assert_nonnull (editor);
  return editor;
}

static char *
stored_title (Fixture *f)
{
  g_autoptr(TsuMeeting) m = tsu_store_load (f->other, TSU_TYPE_MEETING,
                                            tsu_record_get_id (TSU_RECORD (f->meeting)), NULL);

  return g_strdup (tsu_meeting_get_title (m));
}

static void
set_query_only (TsuStore *store,
                gboolean  on)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (tsu_database_exec (tsu_store_get_database (store),
                                    on ? "PRAGMA query_only = ON" : "PRAGMA query_only = OFF", &error));
  g_assert_no_error (error);
}

/* The file cannot be written (SQLite answers as for a read-only file; the core test
 * test-readonly does it with a real read-only file as another user): the meeting
 * editor stays open with the reason and what was typed, and nothing reaches the file.
 * Once it can be written again, the same edit saves. */
static void
test_read_only_editor (Fixture       *f,
                       gconstpointer  data)
{
  TsuMeetingEditor *editor = open_editor (f);
  g_autofree char *before = stored_title (f);
  g_autofree char *after = NULL;
  g_autofree char *saved = NULL;

  gtk_editable_set_text (child (editor, TSU_TYPE_MEETING_EDITOR, "title_row"), "書き込めないときの題名");
  set_query_only (f->store, TRUE);
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  settle ();

  g_assert_true (find_toplevel (TSU_TYPE_MEETING_EDITOR) == editor);
  g_assert_nonnull (find_label (GTK_WIDGET (editor), "cannot be written"));
  g_assert_cmpstr (gtk_editable_get_text (child (editor, TSU_TYPE_MEETING_EDITOR, "title_row")), ==,
                   "書き込めないときの題名");
  after = stored_title (f);
  g_assert_cmpstr (after, ==, before);

  set_query_only (f->store, FALSE);
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  settle ();
  g_assert_null (find_toplevel (TSU_TYPE_MEETING_EDITOR));
  saved = stored_title (f);
  g_assert_cmpstr (saved, ==, "書き込めないときの題名");
}

/* Another program changed the meeting while it was open in the editor: saving the
 * form would undo that, so the editor says so and keeps the edit. */
static void
test_conflict_editor (Fixture       *f,
                      gconstpointer  data)
{
  TsuMeetingEditor *editor = open_editor (f);
  g_autoptr(TsuMeeting) theirs = NULL;
  g_autoptr(TsuMeeting) stored = NULL;
  g_autoptr(GError) error = NULL;

  theirs = tsu_store_load (f->other, TSU_TYPE_MEETING, tsu_record_get_id (TSU_RECORD (f->meeting)), &error);
  g_assert_no_error (error);
  tsu_meeting_set_location (theirs, "第2会議室");
  save (f->other, theirs);

  gtk_editable_set_text (child (editor, TSU_TYPE_MEETING_EDITOR, "title_row"), "古い画面からの題名");
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  settle ();
  g_assert_true (find_toplevel (TSU_TYPE_MEETING_EDITOR) == editor);
  g_assert_nonnull (find_label (GTK_WIDGET (editor), "changed this record"));
  g_assert_cmpstr (gtk_editable_get_text (child (editor, TSU_TYPE_MEETING_EDITOR, "title_row")), ==,
                   "古い画面からの題名");

  stored = tsu_store_load (f->other, TSU_TYPE_MEETING, tsu_record_get_id (TSU_RECORD (f->meeting)), &error);
  g_assert_cmpstr (tsu_meeting_get_location (stored), ==, "第2会議室");
  g_assert_cmpstr (tsu_meeting_get_title (stored), ==, "センター内会議");
}

static gboolean
dialog_has_n (gpointer data)
{
  gpointer *args = data;

  return g_list_model_get_n_items (tsu_audit_dialog_get_shown (args[0])) == GPOINTER_TO_UINT (args[1]);
}

/* The case page opens the audit log: who did what to the case, newest first; a
 * filter by kind of change; Export… writes CSV for Excel; no child's name. */
static void
test_audit_dialog (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsuConsultation) consultation = tsu_consultation_new ();
  g_autoptr(TsuCase) theirs = NULL;
  g_autofree char *csv_path = g_build_filename (f->dir, "audit.csv", NULL);
  g_autoptr(GFile) csv = g_file_new_for_path (csv_path);
  g_autofree char *contents = NULL;
  TsuCasesPage *page = tsu_window_get_cases_page (f->window);
  TsuCaseView *view;
  TsuAuditDialog *dialog;
  GListModel *shown;
  gpointer args[2];
  guint n;

  tsu_consultation_set_case_id (consultation, tsu_record_get_id (TSU_RECORD (f->kase)));
  tsu_consultation_set_occurred_at (consultation, today_at (10));
  tsu_consultation_set_channel (consultation, "phone");
  tsu_consultation_set_topics (consultation, CHILD_NAME "さんの相談");
  save (f->store, consultation);
  tsu_case_set_notes (f->kase, "メモ");
  save (f->store, f->kase);
  g_assert_true (tsu_store_delete (f->store, TSU_RECORD (consultation), &error));
  g_assert_no_error (error);

  tsu_window_show_page (f->window, "cases");
  settle ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.open-case", "x",
                                             tsu_record_get_id (TSU_RECORD (f->kase))));
  settle ();
  view = TSU_CASE_VIEW (tsu_cases_page_get_case_view (page));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "case.audit-log", NULL));
  settle ();
  dialog = find_toplevel (TSU_TYPE_AUDIT_DIALOG);
  g_assert_nonnull (dialog);

  shown = tsu_audit_dialog_get_shown (dialog);
  n = g_list_model_get_n_items (shown);
  g_assert_cmpuint (n, ==, 4);  /* created, consultation added, case changed, consultation deleted */
  {
    g_autoptr(TsuAuditLine) newest = g_list_model_get_item (shown, 0);

    g_assert_cmpstr (tsu_audit_line_get_action (newest), ==, "delete");
    g_assert_cmpstr (tsu_audit_line_get_user_name (newest), ==, g_get_user_name ());
  }
  g_assert_nonnull (find_label (GTK_WIDGET (dialog), "R-0001"));
  g_assert_nonnull (find_label (GTK_WIDGET (dialog), tsu_audit_entity_label ("child_case")));
  g_assert_null (find_label (GTK_WIDGET (dialog), "花子"));
  g_assert_null (find_label (GTK_WIDGET (dialog), "山田"));

  if (g_getenv ("TSU_TEST_SCREENSHOT_PAUSE") != NULL)
    {
      gint64 until = g_get_monotonic_time () + 8 * G_USEC_PER_SEC;

      while (g_get_monotonic_time () < until)
        g_main_context_iteration (NULL, FALSE), g_usleep (10000);
    }

  tsu_audit_dialog_set_action (dialog, "delete");
  settle ();
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 1);
  g_assert_nonnull (find_label (GTK_WIDGET (dialog), localedir_set ? "4 件中 1 件" : "1 of 4 changes"));

  g_assert_true (tsu_audit_dialog_export_to (dialog, csv, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (csv_path, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "\xef\xbb\xbf日時,ユーザー,操作,対象,ID,内容\r\n"));
  g_assert_nonnull (strstr (contents, ",削除,相談記録,"));
  g_assert_null (strstr (contents, ",作成,"));
  g_assert_null (strstr (contents, "花子"));

  /* Another program changes the case: the open dialog shows it by itself. */
  tsu_audit_dialog_set_action (dialog, NULL);
  settle ();
  theirs = tsu_store_load (f->other, TSU_TYPE_CASE, tsu_record_get_id (TSU_RECORD (f->kase)), &error);
  g_assert_no_error (error);
  tsu_case_set_notes (theirs, "他の端末から");
  save (f->other, theirs);
  args[0] = dialog;
  args[1] = GUINT_TO_POINTER (n + 1);
  g_assert_true (wait_for (dialog_has_n, args, 5));

  gtk_window_close (GTK_WINDOW (dialog));
  settle ();
  g_assert_null (find_toplevel (TSU_TYPE_AUDIT_DIALOG));
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
  const char *localedir = g_getenv ("TSUNAGU_LOCALEDIR");
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  if (localedir != NULL)
    {
      /* gtk_test_init() keeps the C locale; a translated run (for a screenshot) asks
       * for LANG's. */
      setlocale (LC_ALL, "");
      bindtextdomain (GETTEXT_PACKAGE, localedir);
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      textdomain (GETTEXT_PACKAGE);
      localedir_set = TRUE;
    }

  application = tsu_application_new ("io.github.tsunagu.Tsunagu.RefreshTest", G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (application), NULL, &error);
  g_assert_no_error (error);

  add ("/gui-refresh/month-view", test_month_view);
  add ("/gui-refresh/read-only-editor", test_read_only_editor);
  add ("/gui-refresh/conflict-editor", test_conflict_editor);
  add ("/gui-refresh/audit-dialog", test_audit_dialog);

  status = g_test_run ();
  g_clear_object (&application);
  return status;
}
