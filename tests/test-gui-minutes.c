/* test-gui-minutes.c: the meeting window — agenda from a template, minutes typed and
 * autosaved, a decision and an action item, confirmed, reopened read-only, revised;
 * the global search finds what was typed
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "tsu-meeting-window.h"
#include "tsu-search-window.h"

static void
iterate (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
}

/* With TSU_SCREENSHOT_DIR set, the window is saved as a PNG for a person to look at. */
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
  int w, h;

  if (dir == NULL)
    return;
  iterate (300);
  w = gtk_widget_get_width (widget);
  h = gtk_widget_get_height (widget);
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, w, h);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node == NULL)
    return;
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, w, h));
  path = g_build_filename (dir, name, NULL);
  gdk_texture_save_to_png (texture, path);
}

static guint
count_rows (GtkWidget *widget,
            GType      type)
{
  guint n = G_TYPE_CHECK_INSTANCE_TYPE (widget, type) && gtk_widget_get_visible (widget) ? 1 : 0;

  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    n += count_rows (c, type);
  return n;
}

static gboolean
find_label (GtkWidget  *widget,
            const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return TRUE;
  if (ADW_IS_PREFERENCES_ROW (widget) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), text) == 0)
    return TRUE;
  if (GTK_IS_EDITABLE (widget) && !ADW_IS_ENTRY_ROW (widget) &&
      g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (widget)), text) == 0)
    return TRUE;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    if (find_label (c, text))
      return TRUE;
  return FALSE;
}

static void
test_minutes_flow (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("tsunagu-gui-minutes-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "tsunagu.db", NULL);
  g_autoptr(TsuStore) store = tsu_store_open (path, &error);
  g_autoptr(TsuCase) c = tsu_case_new ();
  g_autoptr(TsuMeeting) m = tsu_meeting_new ();
  g_autoptr(TsuParticipant) p = tsu_participant_new ();
  g_autoptr(GListModel) agenda = NULL;
  g_autoptr(GListModel) decisions = NULL;
  g_autoptr(GListModel) actions = NULL;
  g_autoptr(TsuMinutes) stored = NULL;
  TsuMeetingWindow *window;
  TsuMinutesEditor *editor;
  TsuSearchWindow *search;
  GtkTextBuffer *buffer;
  GtkTextIter end;
  gint64 meeting_id, first_minutes_id;

  g_assert_no_error (error);
  tsu_case_set_code (c, "A-0001");
  tsu_case_set_child_name (c, "試験 花子");
  tsu_case_set_status (c, "active");
  g_assert_true (tsu_store_save (store, TSU_RECORD (c), &error));
  tsu_meeting_set_title (m, "ケース会議 A-0001");
  tsu_meeting_set_kind (m, "case-conference");
  tsu_meeting_set_starts_at (m, 1795000000);
  tsu_meeting_set_ends_at (m, 1795005400);
  tsu_meeting_set_case_id (m, tsu_record_get_id (TSU_RECORD (c)));
  g_assert_true (tsu_store_save (store, TSU_RECORD (m), &error));
  meeting_id = tsu_record_get_id (TSU_RECORD (m));
  tsu_participant_set_meeting_id (p, meeting_id);
  tsu_participant_set_name (p, "相談 一郎");
  tsu_participant_set_agency_name (p, "さいたま相談支援事業所");
  g_assert_true (tsu_store_save (store, TSU_RECORD (p), &error));

  window = tsu_meeting_window_open (NULL, store, meeting_id, 0, &error);
  g_assert_no_error (error);
  g_assert_nonnull (window);
  iterate (100);
  g_assert_true (find_label (GTK_WIDGET (window), "ケース会議 A-0001"));
  g_assert_true (find_label (GTK_WIDGET (window), "相談 一郎"));
  /* The case is named by its code, never by the child's name. */
  g_assert_false (find_label (GTK_WIDGET (window), "試験 花子"));

  /* The case-conference template gives the six usual agenda items. */
  gtk_widget_activate_action (GTK_WIDGET (window), "meeting.apply-template", "u", 0);
  agenda = tsu_store_list_by (store, TSU_TYPE_AGENDA_ITEM, "meeting_id", meeting_id, "position", &error);
  g_assert_cmpuint (g_list_model_get_n_items (agenda), ==, 6);
  tsu_meeting_window_show_page (window, "agenda");
  iterate (50);
  g_assert_true (find_label (GTK_WIDGET (window), "Opening and introductions"));
  g_assert_true (find_label (GTK_WIDGET (window), "Planned: 85 of 90 min"));

  /* Minutes: start, type, and the text reaches the database by itself. */
  tsu_meeting_window_show_page (window, "minutes");
  editor = tsu_meeting_window_get_minutes_editor (window);
  g_assert_true (tsu_minutes_editor_start (editor, &error));
  g_assert_no_error (error);
  buffer = tsu_minutes_editor_get_summary_buffer (editor);
  g_assert_nonnull (buffer);
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_insert (buffer, &end, "在宅での呼吸管理について協議した。", -1);
  iterate (1200);
  stored = tsu_store_get_current_minutes (store, meeting_id, &error);
  g_assert_cmpstr (tsu_minutes_get_summary (stored), ==, "在宅での呼吸管理について協議した。");
  first_minutes_id = tsu_record_get_id (TSU_RECORD (stored));
  g_clear_object (&stored);

  /* A decision marked good practice and an action item. */
  g_assert_true (tsu_minutes_editor_add_decision (editor, "訪問看護を週3回に増やす。", TRUE, &error));
  g_assert_false (tsu_minutes_editor_add_action (editor, "短期入所先を探す", "相談 一郎", "2026-13-40", &error));
  g_assert_error (error, TSU_DATABASE_ERROR, TSU_DATABASE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (tsu_minutes_editor_add_action (editor, "短期入所先を探す", "相談 一郎", "2026-12-08", &error));
  g_assert_no_error (error);
  g_assert_true (find_label (GTK_WIDGET (window), "訪問看護を週3回に増やす。"));
  g_assert_true (find_label (GTK_WIDGET (window), "短期入所先を探す"));
  screenshot (GTK_WIDGET (window), "minutes-draft.png");
  tsu_meeting_window_show_page (window, "agenda");
  screenshot (GTK_WIDGET (window), "agenda.png");
  tsu_meeting_window_show_page (window, "participants");
  screenshot (GTK_WIDGET (window), "participants.png");
  tsu_meeting_window_show_page (window, "minutes");
  actions = tsu_store_list_open_actions (store, tsu_record_get_id (TSU_RECORD (c)), &error);
  g_assert_cmpuint (g_list_model_get_n_items (actions), ==, 1);

  /* Confirm; the window reopened shows the minutes read-only. */
  g_assert_true (tsu_minutes_editor_confirm (editor, "記録 太郎", &error));
  g_assert_no_error (error);
  g_assert_true (tsu_minutes_editor_get_read_only (editor));
  gtk_window_close (GTK_WINDOW (window));
  iterate (50);

  window = tsu_meeting_window_open (NULL, store, meeting_id, 0, &error);
  g_assert_no_error (error);
  editor = tsu_meeting_window_get_minutes_editor (window);
  tsu_meeting_window_show_page (window, "minutes");
  iterate (50);
  g_assert_true (tsu_minutes_editor_get_read_only (editor));
  screenshot (GTK_WIDGET (window), "minutes-confirmed.png");
  g_assert_cmpstr (tsu_minutes_get_confirmed_by (tsu_minutes_editor_get_minutes (editor)), ==, "記録 太郎");
  buffer = tsu_minutes_editor_get_summary_buffer (editor);
  {
    GtkTextIter s, e;
    g_autofree char *text = NULL;

    gtk_text_buffer_get_bounds (buffer, &s, &e);
    text = gtk_text_buffer_get_text (buffer, &s, &e, FALSE);
    g_assert_cmpstr (text, ==, "在宅での呼吸管理について協議した。");
  }
  g_assert_true (find_label (GTK_WIDGET (window), "_Edit as New Revision") ||
                 count_rows (GTK_WIDGET (window), GTK_TYPE_BUTTON) > 0);

  /* Edit as a new revision: a draft 2 with the decision, the confirmed 1 kept. */
  g_assert_true (tsu_minutes_editor_revise (editor, &error));
  g_assert_no_error (error);
  g_assert_false (tsu_minutes_editor_get_read_only (editor));
  g_assert_cmpint (tsu_minutes_get_revision (tsu_minutes_editor_get_minutes (editor)), ==, 2);
  decisions = tsu_store_list_by (store, TSU_TYPE_DECISION, "minutes_id",
                                 tsu_record_get_id (TSU_RECORD (tsu_minutes_editor_get_minutes (editor))),
                                 "position", &error);
  g_assert_cmpuint (g_list_model_get_n_items (decisions), ==, 1);
  stored = tsu_store_load (store, TSU_TYPE_MINUTES, first_minutes_id, &error);
  g_assert_cmpstr (tsu_minutes_get_state (stored), ==, "confirmed");

  /* The search finds the typed words, grouped; good practice finds the decision. */
  search = tsu_search_window_new (NULL, store);
  gtk_window_present (GTK_WINDOW (search));
  tsu_search_window_set_query (search, "呼吸", FALSE);
  for (guint i = 0; i < 200 && tsu_search_window_get_n_results (search) == 0; i++)
    iterate (10);
  g_assert_cmpuint (tsu_search_window_get_n_results (search), >, 0);
  screenshot (GTK_WIDGET (search), "search.png");
  tsu_search_window_set_query (search, "", TRUE);
  for (guint i = 0; i < 100; i++)
    iterate (10);
  g_assert_cmpuint (tsu_search_window_get_n_results (search), ==, 2);  /* revisions 1 and 2 */
  gtk_window_destroy (GTK_WINDOW (search));

  gtk_window_close (GTK_WINDOW (window));
  iterate (50);
  g_clear_object (&store);
}

static void
test_markup (void)
{
  g_autofree char *a = tsu_search_markup ("在宅<呼吸>管理", "呼吸");
  g_autofree char *b = tsu_search_markup ("Saitama Visiting Nurse", "nurse");

  g_assert_cmpstr (a, ==, "在宅&lt;<b>呼吸</b>&gt;管理");
  g_assert_cmpstr (b, ==, "Saitama Visiting <b>Nurse</b>");
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_test_add_func ("/gui-minutes/flow", test_minutes_flow);
  g_test_add_func ("/gui-minutes/markup", test_markup);
  return g_test_run ();
}
