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
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "tsu-assignee-picker.h"
#include "tsu-case-view.h"
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

/* The whole screen, popovers included, as a person sees it (Xvfb, ImageMagick). */
static void
screenshot_screen (const char *name)
{
  const char *dir = g_getenv ("TSU_SCREENSHOT_DIR");
  g_autofree char *path = NULL;
  g_autofree char *command = NULL;

  if (dir == NULL || g_find_program_in_path ("import") == NULL)
    return;
  iterate (400);
  path = g_build_filename (dir, name, NULL);
  command = g_strdup_printf ("import -window root %s", path);
  g_spawn_command_line_sync (command, NULL, NULL, NULL, NULL);
}

static GtkWidget *
find_widget (GtkWidget  *widget,
             GType       type,
             const char *title)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    {
      const char *text = NULL;

      if (title == NULL)
        return widget;
      if (ADW_IS_PREFERENCES_ROW (widget))
        text = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget));
      else if (GTK_IS_BUTTON (widget))
        text = gtk_button_get_label (GTK_BUTTON (widget));
      else if (GTK_IS_LABEL (widget))
        text = gtk_label_get_text (GTK_LABEL (widget));
      if (g_strcmp0 (text, title) == 0)
        return widget;
    }
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_widget (c, type, title);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
count_changed_cb (TsuStore    *store,
                  const char  *table,
                  GHashTable  *counts)
{
  g_hash_table_insert (counts, g_strdup (table),
                       GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts, table)) + 1));
}

static gboolean
find_label_containing (GtkWidget  *widget,
                       const char *text)
{
  if (GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL)
    return TRUE;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    if (find_label_containing (c, text))
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
  {
    g_autoptr(GHashTable) counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
    gulong handler = g_signal_connect (store, "changed", G_CALLBACK (count_changed_cb), counts);

    gtk_text_buffer_get_end_iter (buffer, &end);
    gtk_text_buffer_insert (buffer, &end, "在宅での呼吸管理について協議した。", -1);
    iterate (1200);
    /* The window's store heard of the autosave: the other views read the minutes again. */
    g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (counts, "minutes")), >=, 1);
    g_signal_handler_disconnect (store, handler);
  }
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

/* Scrolls the minutes so that @widget is in the middle, as a person would before
 * clicking it (a popover needs its button on the screen). */
static void
scroll_into_view (GtkWidget *widget)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  GtkWidget *content = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled));

  /* Coordinates in the content, not in the viewport that shows part of it. */
  if (GTK_IS_VIEWPORT (content))
    content = gtk_viewport_get_child (GTK_VIEWPORT (content));
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  graphene_point_t point;

  g_assert_true (gtk_widget_compute_point (widget, content, &GRAPHENE_POINT_INIT (0, 0), &point));
  gtk_adjustment_set_value (adjustment, point.y - gtk_adjustment_get_page_size (adjustment) / 2);
  iterate (200);
}

/* Picks an entry of the assignee picker as a person does: open it, type, choose. */
static void
pick (TsuAssigneePicker *picker,
      const char        *query,
      const char        *row_title)
{
  GtkWidget *entry, *row;

  scroll_into_view (GTK_WIDGET (picker));
  tsu_assignee_picker_popup (picker);
  iterate (100);
  entry = find_widget (GTK_WIDGET (picker), GTK_TYPE_SEARCH_ENTRY, NULL);
  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), query);
  iterate (400);
  row = find_widget (GTK_WIDGET (picker), GTK_TYPE_LIST_BOX_ROW, row_title);
  g_assert_nonnull (row);
  gtk_widget_activate (row);
  iterate (100);
}

static void
add_action_through_form (TsuMeetingWindow *window,
                         const char       *what,
                         const char       *query,
                         const char       *row_title,
                         const char       *label,
                         const char       *screenshot_name)
{
  TsuMinutesEditor *editor = tsu_meeting_window_get_minutes_editor (window);
  GtkWidget *what_row = find_widget (GTK_WIDGET (editor), ADW_TYPE_ENTRY_ROW, _("New action item: what"));
  GtkWidget *who_row = find_widget (GTK_WIDGET (editor), ADW_TYPE_ACTION_ROW, _("Who"));
  GtkWidget *button = find_widget (GTK_WIDGET (editor), GTK_TYPE_BUTTON, _("_Add Action Item"));
  TsuAssigneePicker *picker;

  g_assert_nonnull (what_row);
  g_assert_nonnull (who_row);
  g_assert_nonnull (button);
  picker = TSU_ASSIGNEE_PICKER (find_widget (who_row, TSU_TYPE_ASSIGNEE_PICKER, NULL));
  gtk_editable_set_text (GTK_EDITABLE (what_row), what);
  if (screenshot_name != NULL)
    {
      GtkWidget *entry;

      scroll_into_view (GTK_WIDGET (picker));
      tsu_assignee_picker_popup (picker);
      entry = find_widget (GTK_WIDGET (picker), GTK_TYPE_SEARCH_ENTRY, NULL);
      gtk_editable_set_text (GTK_EDITABLE (entry), query);
      iterate (400);
      screenshot_screen (screenshot_name);
      tsu_assignee_picker_popdown (picker);
    }
  pick (picker, query, row_title);
  g_assert_cmpstr (tsu_assignee_picker_get_label (picker), ==, label);
  g_signal_emit_by_name (button, "clicked");
  iterate (50);
}

/* The meeting window on its minutes page, small enough that the whole window —
 * the anchors of its popovers included — is on Xvfb's screen. */
static TsuMeetingWindow *
open_on_screen (TsuStore *store,
                gint64    meeting_id)
{
  g_autoptr(GError) error = NULL;
  TsuMeetingWindow *window = tsu_meeting_window_open (NULL, store, meeting_id, 0, &error);

  g_assert_no_error (error);
  gtk_window_set_default_size (GTK_WINDOW (window), 960, 600);
  tsu_meeting_window_show_page (window, "minutes");
  for (guint i = 0; i < 200 && !gtk_widget_get_mapped (GTK_WIDGET (window)); i++)
    iterate (10);
  iterate (300);
  return window;
}

static void
test_assignee (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("tsunagu-gui-assignee-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "tsunagu.db", NULL);
  g_autoptr(TsuStore) store = tsu_store_open (path, &error);
  g_autoptr(TsuCase) c = tsu_case_new ();
  g_autoptr(TsuMeeting) m = tsu_meeting_new ();
  g_autoptr(TsuAgency) nurse = tsu_agency_new ();
  g_autoptr(TsuAgency) school = tsu_agency_new ();
  g_autoptr(TsuPerson) person = tsu_person_new ();
  g_autoptr(TsuPerson) consultant = tsu_person_new ();
  g_autoptr(TsuParticipant) p = tsu_participant_new ();
  g_autoptr(GListModel) actions = NULL;
  g_autoptr(GListModel) minutes = NULL;
  TsuMeetingWindow *window;
  TsuMinutesEditor *editor;
  gint64 meeting_id, minutes_id;
  gboolean saw_agency = FALSE, saw_person = FALSE, saw_participant = FALSE;
  g_autofree char *nurse_label = g_strdup_printf (_("%s (%s)"), "看護 花子", "さいたま訪問看護ステーション");
  g_autofree char *consultant_label = g_strdup_printf (_("%s (%s)"), "相談 一郎", "相談支援事業所つなぐ");

  g_assert_no_error (error);
  tsu_case_set_code (c, "B-0002");
  tsu_case_set_status (c, "active");
  g_assert_true (tsu_store_save (store, TSU_RECORD (c), &error));
  tsu_agency_set_name (nurse, "さいたま訪問看護ステーション");
  tsu_agency_set_kana (nurse, "さいたまほうもんかんごすてーしょん");
  tsu_agency_set_kind (nurse, "visiting-nursing");
  g_assert_true (tsu_store_save (store, TSU_RECORD (nurse), &error));
  tsu_agency_set_name (school, "みぬま特別支援学校");
  tsu_agency_set_kana (school, "みぬまとくべつしえんがっこう");
  tsu_agency_set_kind (school, "school");
  g_assert_true (tsu_store_save (store, TSU_RECORD (school), &error));
  g_assert_no_error (error);
  tsu_person_set_name (person, "看護 花子");
  tsu_person_set_kana (person, "かんご はなこ");
  tsu_person_set_agency_id (person, tsu_record_get_id (TSU_RECORD (nurse)));
  g_assert_true (tsu_store_save (store, TSU_RECORD (person), &error));
  tsu_person_set_name (consultant, "相談 一郎");
  g_assert_true (tsu_store_save (store, TSU_RECORD (consultant), &error));
  tsu_meeting_set_title (m, "ケース会議 B-0002");
  tsu_meeting_set_kind (m, "case-conference");
  tsu_meeting_set_starts_at (m, 1795000000);
  tsu_meeting_set_ends_at (m, 1795005400);
  tsu_meeting_set_case_id (m, tsu_record_get_id (TSU_RECORD (c)));
  g_assert_true (tsu_store_save (store, TSU_RECORD (m), &error));
  meeting_id = tsu_record_get_id (TSU_RECORD (m));
  tsu_participant_set_meeting_id (p, meeting_id);
  tsu_participant_set_person_id (p, tsu_record_get_id (TSU_RECORD (consultant)));
  tsu_participant_set_agency_name (p, "相談支援事業所つなぐ");
  g_assert_true (tsu_store_save (store, TSU_RECORD (p), &error));
  g_assert_no_error (error);

  window = open_on_screen (store, meeting_id);
  editor = tsu_meeting_window_get_minutes_editor (window);
  g_assert_true (tsu_minutes_editor_start (editor, &error));
  iterate (300);

  /* The participant is offered before anyone searched; the directory by its reading. */
  {
    TsuAssigneePicker *picker = TSU_ASSIGNEE_PICKER (find_widget (GTK_WIDGET (editor),
                                                                 TSU_TYPE_ASSIGNEE_PICKER, NULL));

    g_assert_nonnull (picker);
    g_assert_cmpint (tsu_assignee_picker_get_kind (picker), ==, TSU_ASSIGNEE_NONE);
    scroll_into_view (GTK_WIDGET (picker));
    tsu_assignee_picker_popup (picker);
    iterate (200);
    g_assert_nonnull (find_widget (GTK_WIDGET (picker), GTK_TYPE_LIST_BOX_ROW, "相談 一郎"));
    g_assert_null (find_widget (GTK_WIDGET (picker), GTK_TYPE_LIST_BOX_ROW, "看護 花子"));
    tsu_assignee_picker_popdown (picker);
  }

  add_action_through_form (window, "学校と医療的ケアの体制を調整する", "みぬま",
                           "みぬま特別支援学校", "みぬま特別支援学校", "assignee-picker.png");
  add_action_through_form (window, "訪問看護の回数を見直す", "かんご", "看護 花子",
                           nurse_label, NULL);
  add_action_through_form (window, "短期入所先に空きを問い合わせる", "相談", "相談 一郎",
                           consultant_label, NULL);
  {
    g_autofree char *use = g_strdup_printf (_("Use “%s”"), "祖母");

    add_action_through_form (window, "祖母に連絡する", "祖母", use, "祖母", NULL);
  }

  /* Stored as references to the agency and the persons; only the stranger as text. */
  minutes = tsu_store_list_by (store, TSU_TYPE_MINUTES, "meeting_id", meeting_id, "id", &error);
  g_assert_cmpuint (g_list_model_get_n_items (minutes), ==, 1);
  {
    g_autoptr(TsuMinutes) first = g_list_model_get_item (minutes, 0);

    minutes_id = tsu_record_get_id (TSU_RECORD (first));
  }
  actions = tsu_store_list_by (store, TSU_TYPE_ACTION_ITEM, "minutes_id", minutes_id, "id", &error);
  g_assert_cmpuint (g_list_model_get_n_items (actions), ==, 4);
  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(TsuActionItem) a = g_list_model_get_item (actions, i);
      const char *what = tsu_action_item_get_what (a);

      if (g_str_has_prefix (what, "学校"))
        {
          g_assert_cmpint (tsu_action_item_get_assignee_agency_id (a), ==, tsu_record_get_id (TSU_RECORD (school)));
          g_assert_cmpint (tsu_action_item_get_assignee_person_id (a), ==, 0);
          g_assert_null (tsu_action_item_get_assignee_name (a));
          saw_agency = TRUE;
        }
      else if (g_str_has_prefix (what, "訪問看護"))
        {
          g_assert_cmpint (tsu_action_item_get_assignee_person_id (a), ==, tsu_record_get_id (TSU_RECORD (person)));
          g_assert_null (tsu_action_item_get_assignee_name (a));
          saw_person = TRUE;
        }
      else if (g_str_has_prefix (what, "短期入所"))
        {
          g_assert_cmpint (tsu_action_item_get_assignee_person_id (a), ==, tsu_record_get_id (TSU_RECORD (consultant)));
          saw_participant = TRUE;
        }
      else
        {
          g_assert_cmpint (tsu_action_item_get_assignee_person_id (a), ==, 0);
          g_assert_cmpint (tsu_action_item_get_assignee_agency_id (a), ==, 0);
          g_assert_cmpstr (tsu_action_item_get_assignee_name (a), ==, "祖母");
        }
    }
  g_assert_true (saw_agency && saw_person && saw_participant);

  /* A renamed agency is renamed in the minutes too: the name comes from the reference. */
  tsu_agency_set_name (school, "さいたま市立みぬま特別支援学校");
  g_assert_true (tsu_store_save (store, TSU_RECORD (school), &error));
  g_assert_no_error (error);

  /* Reopened, the names are shown; after confirming, read-only, still by name. */
  gtk_window_close (GTK_WINDOW (window));
  iterate (50);
  window = open_on_screen (store, meeting_id);
  editor = tsu_meeting_window_get_minutes_editor (window);
  g_assert_true (find_label (GTK_WIDGET (window), "さいたま市立みぬま特別支援学校"));
  g_assert_true (find_label (GTK_WIDGET (window), nurse_label));
  g_assert_true (find_label (GTK_WIDGET (window), "祖母"));
  scroll_into_view (find_widget (GTK_WIDGET (editor), ADW_TYPE_ACTION_ROW, "祖母に連絡する"));
  screenshot (GTK_WIDGET (window), "minutes-assignees.png");

  /* Another assignee for an action item already made. */
  {
    GtkWidget *row = find_widget (GTK_WIDGET (editor), ADW_TYPE_ACTION_ROW, "祖母に連絡する");
    g_autoptr(GListModel) again = NULL;

    g_assert_nonnull (row);
    pick (TSU_ASSIGNEE_PICKER (find_widget (row, TSU_TYPE_ASSIGNEE_PICKER, NULL)), "看護",
          "看護 花子");
    again = tsu_store_list_by (store, TSU_TYPE_ACTION_ITEM, "minutes_id", minutes_id, "id", &error);
    for (guint i = 0; i < g_list_model_get_n_items (again); i++)
      {
        g_autoptr(TsuActionItem) a = g_list_model_get_item (again, i);

        if (g_str_equal (tsu_action_item_get_what (a), "祖母に連絡する"))
          {
            g_assert_cmpint (tsu_action_item_get_assignee_person_id (a), ==,
                             tsu_record_get_id (TSU_RECORD (person)));
            g_assert_null (tsu_action_item_get_assignee_name (a));
          }
      }
  }

  g_assert_true (tsu_minutes_editor_confirm (editor, "記録 太郎", &error));
  g_assert_no_error (error);
  g_assert_null (find_widget (GTK_WIDGET (editor), TSU_TYPE_ASSIGNEE_PICKER, NULL));
  g_assert_true (find_label_containing (GTK_WIDGET (window), "さいたま市立みぬま特別支援学校"));
  gtk_window_close (GTK_WINDOW (window));
  iterate (50);

  /* The case's open actions name them too. */
  {
    GtkWidget *view = g_object_ref_sink (g_object_new (TSU_TYPE_CASE_VIEW, NULL));

    g_assert_true (tsu_case_view_set_case (TSU_CASE_VIEW (view), store, tsu_record_get_id (TSU_RECORD (c))));
    g_assert_true (find_label_containing (view, "さいたま市立みぬま特別支援学校"));
    g_assert_true (find_label_containing (view, "看護 花子"));
    g_assert_true (find_label_containing (view, "相談 一郎"));
    g_object_unref (view);
  }
  g_clear_object (&store);
}

/* The shortcuts window lists what the code binds. */
static void
collect_accels (GtkWidget *widget,
                GString   *accels)
{
  if (GTK_IS_SHORTCUTS_SHORTCUT (widget))
    {
      g_autofree char *accel = NULL;

      g_object_get (widget, "accelerator", &accel, NULL);
      if (accel != NULL)
        g_string_append_printf (accels, "%s|", accel);
    }
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    collect_accels (c, accels);
}

static void
test_shortcuts (void)
{
  g_autoptr(GtkBuilder) builder =
    gtk_builder_new_from_resource ("/io/github/tsunagu/Tsunagu/shortcuts/help-overlay.ui");
  GtkWidget *overlay = GTK_WIDGET (gtk_builder_get_object (builder, "help_overlay"));
  g_autoptr(GString) accels = g_string_new ("|");
  static const char * const expected[] = {
    "<Control>f", "<Alt>Up", "<Alt>Down", "<Control>z", "<Control><Shift>z", "<Control>comma",
    "<Alt>Left", "<Control>s", "<Control>p", "<Control>plus", "<Control>minus", "<Control>0",
    "<Control>w", "<Control>q", "<Control>n", "<Control>t", "<Control>e", "<Control>o", NULL
  };

  gtk_window_present (GTK_WINDOW (overlay));
  iterate (200);
  screenshot (overlay, "shortcuts.png");
  g_object_set (overlay, "section-name", "meetings", NULL);
  screenshot (overlay, "shortcuts-meetings.png");
  collect_accels (overlay, accels);
  for (guint i = 0; expected[i] != NULL; i++)
    {
      g_autofree char *needle = g_strdup_printf ("|%s|", expected[i]);

      if (strstr (accels->str, needle) == NULL)
        g_error ("The shortcuts window does not list %s (it lists %s)", expected[i], accels->str);
    }
  gtk_window_destroy (GTK_WINDOW (overlay));
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
  const char *localedir = g_getenv ("TSUNAGU_LOCALEDIR");

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* A translated run (LANG and TSUNAGU_LOCALEDIR) pictures the picker in that language;
   * only /gui-minutes/assignee and /gui-minutes/shortcuts expect no English. */
  if (localedir != NULL)
    {
      setlocale (LC_ALL, "");
      bindtextdomain (GETTEXT_PACKAGE, localedir);
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      textdomain (GETTEXT_PACKAGE);
    }
  g_test_add_func ("/gui-minutes/flow", test_minutes_flow);
  g_test_add_func ("/gui-minutes/markup", test_markup);
  g_test_add_func ("/gui-minutes/assignee", test_assignee);
  g_test_add_func ("/gui-minutes/shortcuts", test_shortcuts);
  return g_test_run ();
}
