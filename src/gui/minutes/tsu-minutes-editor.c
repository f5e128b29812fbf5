/* tsu-minutes-editor.c
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tsu-minutes-editor"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>
#include <string.h>

#include "tsu-assignee-picker.h"
#include "tsu-consent-marker.h"
#include "tsu-format.h"
#include "tsu-minutes-editor.h"

/* The minutes of one meeting, as a recorder writes them during the meeting:
 * attendance, notes, the discussion under each agenda item, decisions (each can be
 * marked good practice), action items — with the case's still open ones from earlier
 * conferences, which can be closed here — and the next meeting.
 *
 * Text goes to the database through the window's TsuAutosave as it is typed. A
 * confirmed revision is shown read-only; "Edit as New Revision" starts the next
 * draft, and any two revisions can be compared side by side. */

struct _TsuMinutesEditor
{
  GtkWidget      parent_instance;

  TsuStore      *store;
  TsuAutosave   *autosave;
  TsuMeeting    *meeting;
  TsuMinutes    *minutes;
  GtkTextBuffer *summary_buffer;
  GtkLabel      *save_label;
  GtkWidget     *new_decision_row;   /* the rows to type the next one into */
  GtkWidget     *new_action_row;

  GtkBox        *content_box;
  GtkStack      *stack;
  GtkWidget     *start_button;
};

G_DEFINE_FINAL_TYPE (TsuMinutesEditor, tsu_minutes_editor, GTK_TYPE_WIDGET)

static void
toast (TsuMinutesEditor *self,
       const char       *message)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (message));
}

static void
report (TsuMinutesEditor *self,
        GError           *error)
{
  if (error != NULL)
    toast (self, error->message);
}

gboolean
tsu_minutes_editor_get_read_only (TsuMinutesEditor *self)
{
  g_return_val_if_fail (TSU_IS_MINUTES_EDITOR (self), TRUE);

  return self->minutes == NULL ||
         g_strcmp0 (tsu_minutes_get_state (self->minutes), "confirmed") == 0;
}

static gint64
minutes_id (TsuMinutesEditor *self)
{
  return tsu_record_get_id (TSU_RECORD (self->minutes));
}

/* Text views */

/* Enter on a line of a simple list ("・", "- ", "* ", "1. ") starts the next item; on
 * an empty item it ends the list. */
static gboolean
text_key_pressed_cb (GtkEventControllerKey *controller,
                     guint                  keyval,
                     guint                  keycode,
                     GdkModifierType        state,
                     GtkTextView           *view)
{
  static const char *bullets[] = { "・", "- ", "* ", "• " };
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  g_autofree char *line = NULL;
  g_autofree char *next = NULL;
  GtkTextIter start, cursor;
  const char *marker = NULL;
  guint number = 0;
  int digits = 0;

  if ((keyval != GDK_KEY_Return && keyval != GDK_KEY_KP_Enter) ||
      (state & (GDK_SHIFT_MASK | GDK_CONTROL_MASK)) != 0 ||
      !gtk_text_view_get_editable (view))
    return FALSE;

  gtk_text_buffer_get_iter_at_mark (buffer, &cursor, gtk_text_buffer_get_insert (buffer));
  start = cursor;
  gtk_text_iter_set_line_offset (&start, 0);
  line = gtk_text_iter_get_text (&start, &cursor);

  for (guint i = 0; i < G_N_ELEMENTS (bullets); i++)
    if (g_str_has_prefix (line, bullets[i]))
      marker = bullets[i];
  if (marker == NULL && sscanf (line, "%u. %n", &number, &digits) == 1 && digits > 0)
    marker = "";
  if (marker == NULL)
    return FALSE;

  /* An empty item: the list ends, the marker goes. */
  if ((*marker != '\0' && g_str_equal (line, marker)) ||
      (*marker == '\0' && line[digits] == '\0'))
    {
      gtk_text_buffer_begin_user_action (buffer);
      gtk_text_buffer_delete (buffer, &start, &cursor);
      gtk_text_buffer_end_user_action (buffer);
      return TRUE;
    }

  next = *marker != '\0' ? g_strconcat ("\n", marker, NULL) : g_strdup_printf ("\n%u. ", number + 1);
  gtk_text_buffer_begin_user_action (buffer);
  gtk_text_buffer_insert_at_cursor (buffer, next, -1);
  gtk_text_buffer_end_user_action (buffer);
  gtk_text_view_scroll_mark_onscreen (view, gtk_text_buffer_get_insert (buffer));
  return TRUE;
}

static void
text_changed_cb (GtkTextBuffer    *buffer,
                 TsuMinutesEditor *self)
{
  TsuRecord *record = g_object_get_data (G_OBJECT (buffer), "record");
  const char *property = g_object_get_data (G_OBJECT (buffer), "property");
  g_autofree char *text = NULL;
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_object_set (record, property, text, NULL);
  tsu_autosave_queue (self->autosave, G_OBJECT_TYPE (record), tsu_record_get_id (record),
                      property, text);
}

static GtkWidget *
text_view (TsuMinutesEditor *self,
           TsuRecord        *record,
           const char       *property,
           const char       *accessible_name)
{
  GtkWidget *view = gtk_text_view_new ();
  GtkWidget *frame = gtk_frame_new (NULL);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  GtkEventController *keys = gtk_event_controller_key_new ();
  g_autofree char *text = NULL;
  gboolean read_only = tsu_minutes_editor_get_read_only (self);

  g_object_get (record, property, &text, NULL);
  gtk_text_buffer_set_enable_undo (buffer, TRUE);
  /* Loading is not something to undo. */
  gtk_text_buffer_begin_irreversible_action (buffer);
  gtk_text_buffer_set_text (buffer, text != NULL ? text : "", -1);
  gtk_text_buffer_end_irreversible_action (buffer);

  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_editable (GTK_TEXT_VIEW (view), !read_only);
  gtk_text_view_set_cursor_visible (GTK_TEXT_VIEW (view), !read_only);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 8);
  gtk_widget_set_size_request (view, -1, 96);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible_name, -1);

  g_object_set_data_full (G_OBJECT (buffer), "record", g_object_ref (record), g_object_unref);
  g_object_set_data_full (G_OBJECT (buffer), "property", g_strdup (property), g_free);
  if (!read_only)
    g_signal_connect (buffer, "changed", G_CALLBACK (text_changed_cb), self);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (text_key_pressed_cb), view);
  gtk_widget_add_controller (view, keys);

  gtk_frame_set_child (GTK_FRAME (frame), view);
  g_object_set_data (G_OBJECT (frame), "view", view);
  return frame;
}

static GtkWidget *
group (GtkBox     *box,
       const char *title,
       const char *description)
{
  GtkWidget *g = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (g), title);
  if (description != NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (g), description);
  gtk_box_append (box, g);
  return g;
}

static GtkWidget *
boxed_list (GtkWidget *group_widget)
{
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group_widget), list);
  return list;
}

static GtkWidget *
icon_button (const char *icon,
             const char *tooltip)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  tooltip, -1);
  return button;
}

static char *
format_time (gint64 t)
{
  g_autoptr(GDateTime) dt = tsu_format_local_time (t);

  return g_date_time_format (dt, "%Y-%m-%d %H:%M");
}

/* Status: draft or confirmed, revisions */

static void
confirm_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     TsuMinutesEditor *self)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "confirm"))
    return;
  if (!tsu_minutes_editor_confirm (self, gtk_editable_get_text (entry), &error))
    report (self, error);
  else
    toast (self, _("Minutes confirmed"));
}

static void
confirm_clicked_cb (TsuMinutesEditor *self)
{
  GtkWidget *dialog;
  GtkWidget *entry = gtk_entry_new ();
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  gtk_editable_set_text (GTK_EDITABLE (entry), g_get_real_name ());
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Confirmed by"), -1);
  dialog = adw_message_dialog_new (GTK_WINDOW (root), _("Confirm the Minutes?"),
                                   _("Confirmed minutes are read-only. A later change makes a new revision; this one stays as it is. Who confirms them?"));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "confirm", _("C_onfirm"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "confirm",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "confirm");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (confirm_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
revise_clicked_cb (TsuMinutesEditor *self)
{
  g_autoptr(GError) error = NULL;

  if (!tsu_minutes_editor_revise (self, &error))
    report (self, error);
}

/* Side-by-side comparison of two revisions; lines only on one side are marked. */
static void
fill_compare (GtkTextView *left,
              GtkTextView *right,
              const char  *a,
              const char  *b)
{
  g_auto(GStrv) la = g_strsplit (a, "\n", -1);
  g_auto(GStrv) lb = g_strsplit (b, "\n", -1);
  GtkTextView *views[2] = { left, right };
  GStrv lines[2] = { la, lb };

  for (guint side = 0; side < 2; side++)
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (views[side]);
      GtkTextIter end;

      gtk_text_buffer_set_text (buffer, "", -1);
      if (gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), "changed") == NULL)
        gtk_text_buffer_create_tag (buffer, "changed",
                                    "background", side == 0 ? "rgba(224,27,36,0.18)" : "rgba(46,194,126,0.22)",
                                    NULL);
      for (guint i = 0; lines[side][i] != NULL; i++)
        {
          gboolean elsewhere = g_strv_contains ((const char * const *) lines[1 - side], lines[side][i]);

          gtk_text_buffer_get_end_iter (buffer, &end);
          if (elsewhere)
            gtk_text_buffer_insert (buffer, &end, lines[side][i], -1);
          else
            gtk_text_buffer_insert_with_tags_by_name (buffer, &end, lines[side][i], -1, "changed", NULL);
          gtk_text_buffer_get_end_iter (buffer, &end);
          gtk_text_buffer_insert (buffer, &end, "\n", -1);
        }
    }
}

static void
compare_selection_cb (GtkDropDown *unused,
                      GParamSpec  *pspec,
                      GtkWidget   *window)
{
  GtkDropDown *a = g_object_get_data (G_OBJECT (window), "left-choice");
  GtkDropDown *b = g_object_get_data (G_OBJECT (window), "right-choice");
  GPtrArray *texts = g_object_get_data (G_OBJECT (window), "texts");

  fill_compare (g_object_get_data (G_OBJECT (window), "left-view"),
                g_object_get_data (G_OBJECT (window), "right-view"),
                g_ptr_array_index (texts, gtk_drop_down_get_selected (a)),
                g_ptr_array_index (texts, gtk_drop_down_get_selected (b)));
}

static void
compare_clicked_cb (TsuMinutesEditor *self)
{
  g_autoptr(GListModel) revisions = tsu_store_list_by (self->store, TSU_TYPE_MINUTES, "meeting_id",
                                                       tsu_record_get_id (TSU_RECORD (self->meeting)),
                                                       "revision", NULL);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  GPtrArray *texts = g_ptr_array_new_with_free_func (g_free);
  GtkWidget *window, *box, *header, *columns;
  guint n = revisions ? g_list_model_get_n_items (revisions) : 0;

  if (n == 0)
    return;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TsuMinutes) m = g_list_model_get_item (revisions, i);
      g_autofree char *name = NULL;

      if (g_strcmp0 (tsu_minutes_get_state (m), "confirmed") == 0)
        name = g_strdup_printf (_("Revision %" PRId64 " (confirmed)"), tsu_minutes_get_revision (m));
      else
        name = g_strdup_printf (_("Revision %" PRId64 " (draft)"), tsu_minutes_get_revision (m));
      gtk_string_list_append (names, name);
      g_ptr_array_add (texts, tsu_minutes_editor_describe (self->store, m));
    }

  window = adw_window_new ();
  gtk_window_set_title (GTK_WINDOW (window), _("Compare Revisions"));
  gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))));
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 640);
  g_object_set_data_full (G_OBJECT (window), "texts", texts, (GDestroyNotify) g_ptr_array_unref);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  gtk_box_append (GTK_BOX (box), header);
  columns = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_margin_start (columns, 12);
  gtk_widget_set_margin_end (columns, 12);
  gtk_widget_set_margin_bottom (columns, 12);
  gtk_widget_set_vexpand (columns, TRUE);
  gtk_box_set_homogeneous (GTK_BOX (columns), TRUE);
  gtk_box_append (GTK_BOX (box), columns);

  for (guint side = 0; side < 2; side++)
    {
      GtkWidget *column = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
      GtkWidget *choice = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (names)), NULL);
      GtkWidget *scroller = gtk_scrolled_window_new ();
      GtkWidget *view = gtk_text_view_new ();

      gtk_drop_down_set_selected (GTK_DROP_DOWN (choice), side == 0 ? (n > 1 ? n - 2 : 0) : n - 1);
      gtk_widget_set_tooltip_text (choice, side == 0 ? _("Older revision") : _("Newer revision"));
      gtk_text_view_set_editable (GTK_TEXT_VIEW (view), FALSE);
      gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
      gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 8);
      gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 8);
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), view);
      gtk_widget_set_vexpand (scroller, TRUE);
      gtk_widget_add_css_class (scroller, "card");
      gtk_box_append (GTK_BOX (column), choice);
      gtk_box_append (GTK_BOX (column), scroller);
      gtk_box_append (GTK_BOX (columns), column);
      g_object_set_data (G_OBJECT (window), side == 0 ? "left-choice" : "right-choice", choice);
      g_object_set_data (G_OBJECT (window), side == 0 ? "left-view" : "right-view", view);
    }
  g_signal_connect (g_object_get_data (G_OBJECT (window), "left-choice"), "notify::selected",
                    G_CALLBACK (compare_selection_cb), window);
  g_signal_connect (g_object_get_data (G_OBJECT (window), "right-choice"), "notify::selected",
                    G_CALLBACK (compare_selection_cb), window);
  compare_selection_cb (NULL, NULL, window);

  adw_window_set_content (ADW_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));
}

static void
autosave_pending_cb (TsuAutosave      *autosave,
                     GParamSpec       *pspec,
                     TsuMinutesEditor *self)
{
  if (self->save_label == NULL)
    return;
  gtk_label_set_text (self->save_label,
                      tsu_autosave_get_pending (autosave) ? _("Saving…") : _("All changes saved"));
}

static void
build_status (TsuMinutesEditor *self)
{
  gboolean confirmed = tsu_minutes_editor_get_read_only (self);
  g_autofree char *title = NULL;
  g_autofree char *description = NULL;
  GtkWidget *g, *box, *button;

  if (confirmed)
    {
      g_autofree char *at = format_time (tsu_minutes_get_confirmed_at (self->minutes));

      title = g_strdup_printf (_("Revision %" PRId64 " — Confirmed"),
                               tsu_minutes_get_revision (self->minutes));
      description = g_strdup_printf (_("Confirmed by %s on %s. Read-only."),
                                     tsu_minutes_get_confirmed_by (self->minutes), at);
    }
  else
    title = g_strdup_printf (_("Revision %" PRId64 " — Draft"),
                             tsu_minutes_get_revision (self->minutes));
  g = group (self->content_box, title, description);

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  if (!confirmed)
    {
      GtkWidget *label = gtk_label_new (NULL);

      gtk_widget_add_css_class (label, "dim-label");
      self->save_label = GTK_LABEL (label);
      gtk_box_append (GTK_BOX (box), label);
      autosave_pending_cb (self->autosave, NULL, self);
    }
  if (tsu_minutes_get_revision (self->minutes) > 1)
    {
      button = gtk_button_new_with_mnemonic (_("Co_mpare Revisions…"));
      g_signal_connect_swapped (button, "clicked", G_CALLBACK (compare_clicked_cb), self);
      gtk_box_append (GTK_BOX (box), button);
    }
  if (confirmed)
    {
      button = gtk_button_new_with_mnemonic (_("_Edit as New Revision"));
      g_signal_connect_swapped (button, "clicked", G_CALLBACK (revise_clicked_cb), self);
    }
  else
    {
      button = gtk_button_new_with_mnemonic (_("_Confirm…"));
      gtk_widget_add_css_class (button, "suggested-action");
      g_signal_connect_swapped (button, "clicked", G_CALLBACK (confirm_clicked_cb), self);
    }
  gtk_box_append (GTK_BOX (box), button);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (g), box);
}

/* Attendance */

static void
attendance_changed_cb (GtkDropDown      *drop_down,
                       GParamSpec       *pspec,
                       TsuMinutesEditor *self)
{
  TsuParticipant *p = g_object_get_data (G_OBJECT (drop_down), "participant");
  GStrv codes = g_object_get_data (G_OBJECT (drop_down), "codes");
  g_autoptr(GError) error = NULL;

  tsu_participant_set_attendance (p, codes[gtk_drop_down_get_selected (drop_down)]);
  if (!tsu_store_save (self->store, TSU_RECORD (p), &error))
    report (self, error);
}

static char *
participant_label (TsuStore       *store,
                   TsuParticipant *p)
{
  if (tsu_participant_get_person_id (p) != 0)
    {
      g_autoptr(TsuPerson) person = tsu_store_load (store, TSU_TYPE_PERSON,
                                                    tsu_participant_get_person_id (p), NULL);
      if (person != NULL)
        return g_strdup (tsu_person_get_name (person));
    }
  return g_strdup (tsu_participant_get_name (p) ? tsu_participant_get_name (p) : "");
}

static void
build_attendance (TsuMinutesEditor *self,
                  GListModel       *participants)
{
  GtkWidget *g = group (self->content_box, _("Attendance"), NULL);
  GtkWidget *list = boxed_list (g);
  guint n = g_list_model_get_n_items (participants);

  if (n == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     _("No participants: add them on the Participants page"));
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TsuParticipant) p = g_list_model_get_item (participants, i);
      g_autofree char *name = participant_label (self->store, p);
      g_auto(GStrv) codes = tsu_vocabulary_codes (TSU_VOCABULARY_ATTENDANCE);
      g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *drop_down;
      GtkWidget *marker;
      guint selected = 0;

      for (guint j = 0; codes[j] != NULL; j++)
        {
          gtk_string_list_append (labels, tsu_vocabulary_label (TSU_VOCABULARY_ATTENDANCE, codes[j]));
          if (g_strcmp0 (codes[j], tsu_participant_get_attendance (p)) == 0)
            selected = j;
        }
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
      if (tsu_participant_get_agency_name (p) != NULL)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), tsu_participant_get_agency_name (p));
      marker = tsu_consent_marker_new (self->store, p);
      if (marker != NULL)
        adw_action_row_add_prefix (ADW_ACTION_ROW (row), marker);
      drop_down = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&labels)), NULL);
      gtk_drop_down_set_selected (GTK_DROP_DOWN (drop_down), selected);
      gtk_widget_set_valign (drop_down, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (drop_down, _("Attendance"));
      gtk_widget_set_sensitive (drop_down, !tsu_minutes_editor_get_read_only (self));
      g_object_set_data_full (G_OBJECT (drop_down), "codes", g_steal_pointer (&codes),
                              (GDestroyNotify) g_strfreev);
      g_object_set_data_full (G_OBJECT (drop_down), "participant", g_object_ref (p), g_object_unref);
      g_signal_connect (drop_down, "notify::selected", G_CALLBACK (attendance_changed_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), drop_down);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }
}

/* Discussion */

static void
build_discussion (TsuMinutesEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) agenda = NULL;
  g_autoptr(GListModel) discussions = NULL;
  gboolean read_only = tsu_minutes_editor_get_read_only (self);
  GtkWidget *g, *frame;

  g = group (self->content_box, _("Notes"), NULL);
  frame = text_view (self, TSU_RECORD (self->minutes), "summary", _("Notes"));
  self->summary_buffer = gtk_text_view_get_buffer (g_object_get_data (G_OBJECT (frame), "view"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (g), frame);

  agenda = tsu_store_list_by (self->store, TSU_TYPE_AGENDA_ITEM, "meeting_id",
                              tsu_record_get_id (TSU_RECORD (self->meeting)), "position", &error);
  discussions = agenda ? tsu_store_list_by (self->store, TSU_TYPE_DISCUSSION, "minutes_id",
                                            minutes_id (self), "position", &error) : NULL;
  if (discussions == NULL)
    {
      report (self, error);
      return;
    }
  if (g_list_model_get_n_items (agenda) == 0)
    return;

  g = group (self->content_box, _("Discussion"),
             _("What was said under each agenda item. Start a line with “・” or “1.” for a list."));
  for (guint i = 0; i < g_list_model_get_n_items (agenda); i++)
    {
      g_autoptr(TsuAgendaItem) item = g_list_model_get_item (agenda, i);
      g_autoptr(TsuDiscussion) discussion = NULL;
      g_autofree char *heading = g_strdup_printf ("%u. %s", i + 1, tsu_agenda_item_get_title (item));
      GtkWidget *label = gtk_label_new (heading);

      for (guint j = 0; j < g_list_model_get_n_items (discussions) && discussion == NULL; j++)
        {
          g_autoptr(TsuDiscussion) d = g_list_model_get_item (discussions, j);

          if (tsu_discussion_get_agenda_item_id (d) == tsu_record_get_id (TSU_RECORD (item)))
            discussion = g_steal_pointer (&d);
        }
      if (discussion == NULL)
        {
          if (read_only)
            continue;
          /* An agenda item added after the minutes were started. */
          discussion = tsu_discussion_new ();
          tsu_discussion_set_minutes_id (discussion, minutes_id (self));
          tsu_discussion_set_agenda_item_id (discussion, tsu_record_get_id (TSU_RECORD (item)));
          tsu_discussion_set_position (discussion, i);
          if (!tsu_store_save (self->store, TSU_RECORD (discussion), &error))
            {
              report (self, error);
              return;
            }
        }
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_widget_add_css_class (label, "heading");
      gtk_widget_set_margin_top (label, i > 0 ? 12 : 0);
      gtk_widget_set_margin_bottom (label, 6);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (g), label);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (g),
                                 text_view (self, TSU_RECORD (discussion), "body", heading));
    }
}

/* Decisions */

static void
decision_body_changed_cb (GtkEditable      *editable,
                          TsuMinutesEditor *self)
{
  TsuDecision *d = g_object_get_data (G_OBJECT (editable), "decision");
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (editable)));

  if (*text == '\0')
    return;
  tsu_decision_set_body (d, text);
  tsu_autosave_queue (self->autosave, TSU_TYPE_DECISION, tsu_record_get_id (TSU_RECORD (d)),
                      "body", text);
}

static void
good_practice_toggled_cb (GtkToggleButton  *button,
                          TsuMinutesEditor *self)
{
  TsuDecision *d = g_object_get_data (G_OBJECT (button), "decision");
  g_autoptr(GError) error = NULL;

  tsu_autosave_flush (self->autosave, NULL);
  gtk_button_set_icon_name (GTK_BUTTON (button), gtk_toggle_button_get_active (button)
                            ? "starred-symbolic" : "non-starred-symbolic");
  tsu_decision_set_good_practice (d, gtk_toggle_button_get_active (button));
  if (!tsu_store_save (self->store, TSU_RECORD (d), &error))
    report (self, error);
}

static void
remove_decision_cb (GtkWidget        *button,
                    TsuMinutesEditor *self)
{
  TsuDecision *d = g_object_get_data (G_OBJECT (button), "decision");
  g_autoptr(GError) error = NULL;

  tsu_autosave_forget (self->autosave, TSU_TYPE_DECISION, tsu_record_get_id (TSU_RECORD (d)));
  if (!tsu_store_delete (self->store, TSU_RECORD (d), &error))
    report (self, error);
  tsu_minutes_editor_reload (self);
}

static void
new_decision_cb (AdwEntryRow      *row,
                 TsuMinutesEditor *self)
{
  g_autoptr(GError) error = NULL;

  if (!tsu_minutes_editor_add_decision (self, gtk_editable_get_text (GTK_EDITABLE (row)), FALSE, &error))
    report (self, error);
  /* The editor was rebuilt: the next decision is typed where the last one was. */
  else if (self->new_decision_row != NULL)
    gtk_widget_grab_focus (self->new_decision_row);
}

static void
build_decisions (TsuMinutesEditor *self)
{
  g_autoptr(GListModel) decisions = tsu_store_list_by (self->store, TSU_TYPE_DECISION, "minutes_id",
                                                       minutes_id (self), "position", NULL);
  gboolean read_only = tsu_minutes_editor_get_read_only (self);
  GtkWidget *g = group (self->content_box, _("Decisions"), NULL);
  GtkWidget *list = boxed_list (g);

  for (guint i = 0; decisions != NULL && i < g_list_model_get_n_items (decisions); i++)
    {
      g_autoptr(TsuDecision) d = g_list_model_get_item (decisions, i);
      GtkWidget *row = gtk_list_box_row_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *entry = gtk_entry_new ();
      GtkWidget *star = gtk_toggle_button_new ();
      GtkWidget *button;

      gtk_widget_set_margin_start (box, 6);
      gtk_widget_set_margin_end (box, 6);
      gtk_widget_set_margin_top (box, 6);
      gtk_widget_set_margin_bottom (box, 6);
      gtk_editable_set_text (GTK_EDITABLE (entry), tsu_decision_get_body (d));
      gtk_editable_set_editable (GTK_EDITABLE (entry), !read_only);
      gtk_widget_set_hexpand (entry, TRUE);
      gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Decision"), -1);
      g_object_set_data_full (G_OBJECT (entry), "decision", g_object_ref (d), g_object_unref);
      if (!read_only)
        g_signal_connect (entry, "changed", G_CALLBACK (decision_body_changed_cb), self);
      gtk_box_append (GTK_BOX (box), entry);

      gtk_button_set_icon_name (GTK_BUTTON (star), tsu_decision_get_good_practice (d)
                                ? "starred-symbolic" : "non-starred-symbolic");
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (star), tsu_decision_get_good_practice (d));
      gtk_widget_add_css_class (star, "flat");
      gtk_widget_set_valign (star, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (star, _("Good Practice"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (star), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Good Practice"), -1);
      gtk_widget_set_sensitive (star, !read_only);
      g_object_set_data_full (G_OBJECT (star), "decision", g_object_ref (d), g_object_unref);
      g_signal_connect (star, "toggled", G_CALLBACK (good_practice_toggled_cb), self);
      gtk_box_append (GTK_BOX (box), star);

      if (!read_only)
        {
          button = icon_button ("user-trash-symbolic", _("Remove Decision"));
          g_object_set_data_full (G_OBJECT (button), "decision", g_object_ref (d), g_object_unref);
          g_signal_connect (button, "clicked", G_CALLBACK (remove_decision_cb), self);
          gtk_box_append (GTK_BOX (box), button);
        }
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }

  if (!read_only)
    {
      GtkWidget *row = adw_entry_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("New decision"));
      adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
      g_signal_connect (row, "apply", G_CALLBACK (new_decision_cb), self);
      g_signal_connect (row, "entry-activated", G_CALLBACK (new_decision_cb), self);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
      self->new_decision_row = row;
    }
}

/* Action items */

static void
action_status_changed_cb (GtkDropDown      *drop_down,
                          GParamSpec       *pspec,
                          TsuMinutesEditor *self)
{
  TsuActionItem *a = g_object_get_data (G_OBJECT (drop_down), "action");
  GStrv codes = g_object_get_data (G_OBJECT (drop_down), "codes");
  const char *code = codes[gtk_drop_down_get_selected (drop_down)];
  g_autoptr(GError) error = NULL;

  tsu_action_item_set_status (a, code);
  tsu_action_item_set_done_at (a, g_str_equal (code, "done") ? g_get_real_time () / G_USEC_PER_SEC : 0);
  if (!tsu_store_save (self->store, TSU_RECORD (a), &error))
    report (self, error);
}

static void
earlier_done_cb (GtkCheckButton   *check,
                 TsuMinutesEditor *self)
{
  TsuActionItem *a = g_object_get_data (G_OBJECT (check), "action");
  gboolean done = gtk_check_button_get_active (check);
  g_autoptr(GError) error = NULL;

  /* The same row as in the conference that assigned it: closed here, closed everywhere. */
  tsu_action_item_set_status (a, done ? "done" : "open");
  tsu_action_item_set_done_at (a, done ? g_get_real_time () / G_USEC_PER_SEC : 0);
  if (!tsu_store_save (self->store, TSU_RECORD (a), &error))
    report (self, error);
}

static char *
assignee_label (TsuStore      *store,
                TsuActionItem *a)
{
  char *who = tsu_assignee_describe (store, a);

  return who != NULL ? who : g_strdup (_("Nobody assigned"));
}

static char *
action_subtitle (TsuStore      *store,
                 TsuActionItem *a,
                 gboolean       with_who)
{
  g_autofree char *who = assignee_label (store, a);
  const char *due = tsu_action_item_get_due_on (a);
  g_autoptr(GDateTime) now = g_date_time_new_now (tsu_format_get_time_zone ());
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  gboolean overdue = due != NULL && g_strcmp0 (tsu_action_item_get_status (a), "open") == 0 &&
                     strcmp (due, today) < 0;

  /* Beside an assignee picker, the row says only when. */
  if (!with_who)
    {
      if (due == NULL)
        return NULL;
      return overdue ? g_strdup_printf (_("Overdue since %s"), due) : g_strdup_printf (_("Due %s"), due);
    }
  if (due == NULL)
    return g_steal_pointer (&who);
  if (overdue)
    /* Translators: who · overdue since a date */
    return g_strdup_printf (_("%s · overdue since %s"), who, due);
  /* Translators: who · due by a date */
  return g_strdup_printf (_("%s · due %s"), who, due);
}

static gboolean save_action (TsuMinutesEditor   *self,
                             const char         *what,
                             const char         *due_on,
                             TsuAssigneePicker  *picker,
                             const char         *who,
                             GError            **error);

static void
add_action_cb (GtkWidget        *button,
               TsuMinutesEditor *self)
{
  GtkEditable *what = g_object_get_data (G_OBJECT (button), "what");
  TsuAssigneePicker *who = g_object_get_data (G_OBJECT (button), "who");
  GtkEditable *due = g_object_get_data (G_OBJECT (button), "due");
  g_autoptr(GError) error = NULL;

  if (!save_action (self, gtk_editable_get_text (what), gtk_editable_get_text (due), who, NULL, &error))
    report (self, error);
  else if (self->new_action_row != NULL)
    gtk_widget_grab_focus (self->new_action_row);
}

/* Another assignee for an action item already made. */
static void
assignee_changed_cb (TsuAssigneePicker *picker,
                     TsuMinutesEditor  *self)
{
  TsuActionItem *a = g_object_get_data (G_OBJECT (picker), "action");
  g_autoptr(GError) error = NULL;

  tsu_assignee_picker_apply (picker, a);
  if (!tsu_store_save (self->store, TSU_RECORD (a), &error))
    {
      g_autoptr(TsuActionItem) stored = NULL;

      report (self, error);
      /* Shown again as stored. */
      stored = tsu_store_load (self->store, TSU_TYPE_ACTION_ITEM, tsu_record_get_id (TSU_RECORD (a)), NULL);
      if (stored != NULL)
        {
          tsu_assignee_picker_set_from (picker, stored);
          g_object_set_data_full (G_OBJECT (picker), "action", g_steal_pointer (&stored), g_object_unref);
        }
    }
}

static GtkWidget *
assignee_picker (TsuMinutesEditor *self)
{
  GtkWidget *picker = tsu_assignee_picker_new ();

  tsu_assignee_picker_set_store (TSU_ASSIGNEE_PICKER (picker), self->store,
                                 tsu_record_get_id (TSU_RECORD (self->meeting)));
  return picker;
}

static void
build_actions (TsuMinutesEditor *self,
               GListModel       *revisions)
{
  gint64 case_id = tsu_meeting_get_case_id (self->meeting);
  g_autoptr(GHashTable) ours = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GPtrArray) mine = g_ptr_array_new_with_free_func (g_object_unref);
  gboolean read_only = tsu_minutes_editor_get_read_only (self);
  GtkWidget *g, *list;

  /* Action items made by any revision of these minutes are this meeting's. */
  for (guint i = 0; i < g_list_model_get_n_items (revisions); i++)
    {
      g_autoptr(TsuMinutes) m = g_list_model_get_item (revisions, i);
      g_autoptr(GListModel) actions = tsu_store_list_by (self->store, TSU_TYPE_ACTION_ITEM, "minutes_id",
                                                         tsu_record_get_id (TSU_RECORD (m)), "id", NULL);
      gint64 *key = g_new (gint64, 1);

      *key = tsu_record_get_id (TSU_RECORD (m));
      g_hash_table_add (ours, key);
      g_object_set_data_full (G_OBJECT (self), g_strdup_printf ("rev-key-%u", i), key, g_free);
      for (guint j = 0; actions != NULL && j < g_list_model_get_n_items (actions); j++)
        g_ptr_array_add (mine, g_list_model_get_item (actions, j));
    }

  if (case_id != 0)
    {
      g_autoptr(GListModel) open = tsu_store_list_open_actions (self->store, case_id, NULL);
      guint shown = 0;

      g = group (self->content_box, _("Open Action Items from Earlier Conferences"),
                 _("Review of previous action items. Mark what is done: it is closed for the case everywhere."));
      list = boxed_list (g);
      for (guint i = 0; open != NULL && i < g_list_model_get_n_items (open); i++)
        {
          g_autoptr(TsuActionItem) a = g_list_model_get_item (open, i);
          gint64 from = tsu_action_item_get_minutes_id (a);
          g_autofree char *subtitle = NULL;
          GtkWidget *row, *check;

          if (g_hash_table_contains (ours, &from))
            continue;
          subtitle = action_subtitle (self->store, a, TRUE);
          row = adw_action_row_new ();
          adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), tsu_action_item_get_what (a));
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
          check = gtk_check_button_new ();
          gtk_widget_set_tooltip_text (check, _("Done"));
          gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          _("Done"), -1);
          g_object_set_data_full (G_OBJECT (check), "action", g_object_ref (a), g_object_unref);
          g_signal_connect (check, "toggled", G_CALLBACK (earlier_done_cb), self);
          adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
          adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
          gtk_list_box_append (GTK_LIST_BOX (list), row);
          shown++;
        }
      if (shown == 0)
        {
          GtkWidget *row = adw_action_row_new ();

          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("None open"));
          gtk_list_box_append (GTK_LIST_BOX (list), row);
        }
    }

  g = group (self->content_box, _("Action Items"), NULL);
  list = boxed_list (g);
  for (guint i = 0; i < mine->len; i++)
    {
      TsuActionItem *a = g_ptr_array_index (mine, i);
      g_autofree char *subtitle = action_subtitle (self->store, a, read_only);
      g_auto(GStrv) codes = tsu_vocabulary_codes (TSU_VOCABULARY_ACTION_STATUS);
      g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *drop_down;
      guint selected = 0;

      for (guint j = 0; codes[j] != NULL; j++)
        {
          gtk_string_list_append (labels, tsu_vocabulary_label (TSU_VOCABULARY_ACTION_STATUS, codes[j]));
          if (g_strcmp0 (codes[j], tsu_action_item_get_status (a)) == 0)
            selected = j;
        }
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), tsu_action_item_get_what (a));
      if (subtitle != NULL)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      drop_down = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&labels)), NULL);
      gtk_drop_down_set_selected (GTK_DROP_DOWN (drop_down), selected);
      gtk_widget_set_valign (drop_down, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (drop_down, _("Status"));
      g_object_set_data_full (G_OBJECT (drop_down), "codes", g_steal_pointer (&codes),
                              (GDestroyNotify) g_strfreev);
      g_object_set_data_full (G_OBJECT (drop_down), "action", g_object_ref (a), g_object_unref);
      g_signal_connect (drop_down, "notify::selected", G_CALLBACK (action_status_changed_cb), self);
      if (!read_only)
        {
          GtkWidget *picker = assignee_picker (self);

          tsu_assignee_picker_set_from (TSU_ASSIGNEE_PICKER (picker), a);
          g_object_set_data_full (G_OBJECT (picker), "action", g_object_ref (a), g_object_unref);
          g_signal_connect (picker, "changed", G_CALLBACK (assignee_changed_cb), self);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), picker);
        }
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), drop_down);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }

  if (!read_only)
    {
      GtkWidget *what = adw_entry_row_new ();
      GtkWidget *who = adw_action_row_new ();
      GtkWidget *picker = assignee_picker (self);
      GtkWidget *due = adw_entry_row_new ();
      GtkWidget *row = gtk_list_box_row_new ();
      GtkWidget *button = gtk_button_new_with_mnemonic (_("_Add Action Item"));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (what), _("New action item: what"));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (who), _("Who"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (who), _("A participant, a person or an agency"));
      adw_action_row_add_suffix (ADW_ACTION_ROW (who), picker);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (who), TRUE);
      g_signal_connect_swapped (who, "activated", G_CALLBACK (tsu_assignee_picker_popup), picker);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (due), _("Due date (YYYY-MM-DD)"));
      g_signal_connect_swapped (what, "entry-activated", G_CALLBACK (tsu_assignee_picker_popup), picker);
      g_signal_connect (due, "entry-activated", G_CALLBACK (add_action_cb), self);
      g_object_set_data (G_OBJECT (due), "what", what);
      g_object_set_data (G_OBJECT (due), "who", picker);
      g_object_set_data (G_OBJECT (due), "due", due);
      gtk_list_box_append (GTK_LIST_BOX (list), what);
      self->new_action_row = what;
      gtk_list_box_append (GTK_LIST_BOX (list), who);
      gtk_list_box_append (GTK_LIST_BOX (list), due);
      gtk_widget_set_halign (button, GTK_ALIGN_END);
      gtk_widget_set_margin_top (button, 6);
      gtk_widget_set_margin_bottom (button, 6);
      gtk_widget_set_margin_end (button, 6);
      g_object_set_data (G_OBJECT (button), "what", what);
      g_object_set_data (G_OBJECT (button), "who", picker);
      g_object_set_data (G_OBJECT (button), "due", due);
      g_signal_connect (button, "clicked", G_CALLBACK (add_action_cb), self);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), button);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }
}

/* Next meeting */

static gboolean
parse_local (const char *text,
             gint64     *out)
{
  int y, mo, d, h = 14, mi = 0;
  g_autoptr(GDateTime) dt = NULL;

  if (sscanf (text, "%d-%d-%d %d:%d", &y, &mo, &d, &h, &mi) < 3 ||
      !g_date_valid_dmy (d, mo, y) || h < 0 || h > 23 || mi < 0 || mi > 59)
    return FALSE;
  dt = g_date_time_new (tsu_format_get_time_zone (), y, mo, d, h, mi, 0);
  if (dt == NULL)
    return FALSE;
  *out = g_date_time_to_unix (dt);
  return TRUE;
}

static void
schedule_next_cb (GtkButton        *button,
                  TsuMinutesEditor *self)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (button), "entry");
  g_autoptr(TsuMeeting) next = tsu_meeting_new ();
  g_autoptr(GListModel) participants = NULL;
  g_autoptr(GError) error = NULL;
  TsuMeeting *m = self->meeting;
  gint64 starts_at;

  if (!parse_local (gtk_editable_get_text (entry), &starts_at))
    {
      gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
      toast (self, _("Write the date as YYYY-MM-DD HH:MM, for example 2026-12-08 14:00"));
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");

  tsu_meeting_set_kind (next, tsu_meeting_get_kind (m));
  tsu_meeting_set_title (next, tsu_meeting_get_title (m));
  tsu_meeting_set_starts_at (next, starts_at);
  tsu_meeting_set_ends_at (next, starts_at + (tsu_meeting_get_ends_at (m) - tsu_meeting_get_starts_at (m)));
  tsu_meeting_set_tzid (next, tsu_meeting_get_tzid (m));
  tsu_meeting_set_location (next, tsu_meeting_get_location (m));
  tsu_meeting_set_url (next, tsu_meeting_get_url (m));
  tsu_meeting_set_municipality_id (next, tsu_meeting_get_municipality_id (m));
  tsu_meeting_set_case_id (next, tsu_meeting_get_case_id (m));
  tsu_meeting_set_organizer_id (next, tsu_meeting_get_organizer_id (m));
  tsu_meeting_set_status (next, "scheduled");

  participants = tsu_store_list_by (self->store, TSU_TYPE_PARTICIPANT, "meeting_id",
                                    tsu_record_get_id (TSU_RECORD (m)), "id", &error);
  if (participants == NULL || !tsu_store_begin (self->store, &error))
    goto fail;
  if (!tsu_store_save (self->store, TSU_RECORD (next), &error))
    goto rollback;
  for (guint i = 0; i < g_list_model_get_n_items (participants); i++)
    {
      g_autoptr(TsuParticipant) p = g_list_model_get_item (participants, i);
      g_autoptr(TsuParticipant) copy = tsu_participant_new ();

      tsu_participant_set_meeting_id (copy, tsu_record_get_id (TSU_RECORD (next)));
      tsu_participant_set_person_id (copy, tsu_participant_get_person_id (p));
      tsu_participant_set_name (copy, tsu_participant_get_name (p));
      tsu_participant_set_agency_name (copy, tsu_participant_get_agency_name (p));
      tsu_participant_set_role (copy, tsu_participant_get_role (p));
      tsu_participant_set_partstat (copy, "needs-action");
      tsu_participant_set_attendance (copy, "unknown");
      if (!tsu_store_save (self->store, TSU_RECORD (copy), &error))
        goto rollback;
    }
  tsu_autosave_flush (self->autosave, NULL);
  tsu_minutes_set_next_meeting_at (self->minutes, starts_at);
  if (!tsu_store_save (self->store, TSU_RECORD (self->minutes), &error) ||
      !tsu_store_commit (self->store, &error))
    goto rollback;

  toast (self, _("The next meeting is in the calendar, with the same participants"));
  tsu_minutes_editor_reload (self);
  return;

rollback:
  tsu_store_rollback (self->store);
fail:
  report (self, error);
}

static void
build_next_meeting (TsuMinutesEditor *self)
{
  GtkWidget *g = group (self->content_box, _("Next Meeting"), NULL);
  GtkWidget *list = boxed_list (g);
  gint64 next = tsu_minutes_get_next_meeting_at (self->minutes);

  if (next != 0)
    {
      g_autofree char *when = format_time (next);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), when);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("In the calendar"));
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }
  else if (!tsu_minutes_editor_get_read_only (self))
    {
      GtkWidget *row = adw_entry_row_new ();
      GtkWidget *button = gtk_button_new_with_mnemonic (_("Add to _Calendar"));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Date and time (YYYY-MM-DD HH:MM)"));
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      g_object_set_data (G_OBJECT (button), "entry", row);
      g_signal_connect (button, "clicked", G_CALLBACK (schedule_next_cb), self);
      adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), button);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }
  else
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Not set"));
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }
}

/* Overrides */

static void
start_clicked_cb (TsuMinutesEditor *self)
{
  g_autoptr(GError) error = NULL;

  if (!tsu_minutes_editor_start (self, &error))
    report (self, error);
}

static void
tsu_minutes_editor_dispose (GObject *object)
{
  TsuMinutesEditor *self = TSU_MINUTES_EDITOR (object);

  if (self->autosave != NULL)
    g_signal_handlers_disconnect_by_data (self->autosave, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), TSU_TYPE_MINUTES_EDITOR);

  g_clear_object (&self->autosave);
  g_clear_object (&self->meeting);
  g_clear_object (&self->minutes);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (tsu_minutes_editor_parent_class)->dispose (object);
}

static void
tsu_minutes_editor_class_init (TsuMinutesEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tsu_minutes_editor_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/tsunagu/Tsunagu/tsu-minutes-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, TsuMinutesEditor, content_box);
  gtk_widget_class_bind_template_child (widget_class, TsuMinutesEditor, stack);
  gtk_widget_class_bind_template_child (widget_class, TsuMinutesEditor, start_button);
  gtk_widget_class_bind_template_callback (widget_class, start_clicked_cb);
}

static void
tsu_minutes_editor_init (TsuMinutesEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Public API */

void
tsu_minutes_editor_set_meeting (TsuMinutesEditor *self,
                                TsuStore         *store,
                                TsuAutosave      *autosave,
                                TsuMeeting       *meeting)
{
  g_return_if_fail (TSU_IS_MINUTES_EDITOR (self));

  if (self->autosave != NULL)
    g_signal_handlers_disconnect_by_data (self->autosave, self);
  g_set_object (&self->store, store);
  g_set_object (&self->autosave, autosave);
  g_set_object (&self->meeting, meeting);
  if (autosave != NULL)
    g_signal_connect (autosave, "notify::pending", G_CALLBACK (autosave_pending_cb), self);
  tsu_minutes_editor_reload (self);
}

/**
 * tsu_minutes_editor_reload:
 *
 * Shows the current revision again, as it is in the store.
 */
void
tsu_minutes_editor_reload (TsuMinutesEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) participants = NULL;
  g_autoptr(GListModel) revisions = NULL;
  GtkWidget *child;

  g_return_if_fail (TSU_IS_MINUTES_EDITOR (self));

  if (self->store == NULL || self->meeting == NULL)
    return;

  /* Whatever is typed reaches the store before it is read back. */
  tsu_autosave_flush (self->autosave, NULL);
  self->save_label = NULL;
  self->summary_buffer = NULL;
  self->new_decision_row = NULL;
  self->new_action_row = NULL;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->content_box))) != NULL)
    gtk_box_remove (self->content_box, child);

  g_clear_object (&self->minutes);
  self->minutes = tsu_store_get_current_minutes (self->store, tsu_record_get_id (TSU_RECORD (self->meeting)),
                                                 &error);
  if (self->minutes == NULL)
    {
      report (self, error);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  revisions = tsu_store_list_by (self->store, TSU_TYPE_MINUTES, "meeting_id",
                                 tsu_record_get_id (TSU_RECORD (self->meeting)), "revision", NULL);
  participants = tsu_store_list_by (self->store, TSU_TYPE_PARTICIPANT, "meeting_id",
                                    tsu_record_get_id (TSU_RECORD (self->meeting)), "id", NULL);
  build_status (self);
  if (participants != NULL)
    build_attendance (self, participants);
  build_discussion (self);
  build_decisions (self);
  if (revisions != NULL)
    build_actions (self, revisions);
  build_next_meeting (self);
  gtk_stack_set_visible_child_name (self->stack, "editor");
}

/**
 * tsu_minutes_editor_get_minutes:
 *
 * Returns: (transfer none) (nullable): the revision shown
 */
TsuMinutes *
tsu_minutes_editor_get_minutes (TsuMinutesEditor *self)
{
  g_return_val_if_fail (TSU_IS_MINUTES_EDITOR (self), NULL);
  return self->minutes;
}

/**
 * tsu_minutes_editor_get_summary_buffer:
 *
 * Returns: (transfer none) (nullable): the buffer of the notes
 */
GtkTextBuffer *
tsu_minutes_editor_get_summary_buffer (TsuMinutesEditor *self)
{
  g_return_val_if_fail (TSU_IS_MINUTES_EDITOR (self), NULL);
  return self->summary_buffer;
}

/**
 * tsu_minutes_editor_start:
 *
 * Creates the first draft of the minutes, with one discussion per agenda item.
 */
gboolean
tsu_minutes_editor_start (TsuMinutesEditor  *self,
                          GError           **error)
{
  g_autoptr(TsuMinutes) minutes = tsu_minutes_new ();

  g_return_val_if_fail (TSU_IS_MINUTES_EDITOR (self), FALSE);

  tsu_minutes_set_meeting_id (minutes, tsu_record_get_id (TSU_RECORD (self->meeting)));
  tsu_minutes_set_revision (minutes, 1);
  tsu_minutes_set_state (minutes, "draft");
  if (!tsu_store_save (self->store, TSU_RECORD (minutes), error))
    return FALSE;
  /* Discussions for the agenda items are made as the editor shows them. */
  tsu_minutes_editor_reload (self);
  return TRUE;
}

gboolean
tsu_minutes_editor_add_decision (TsuMinutesEditor  *self,
                                 const char        *body,
                                 gboolean           good_practice,
                                 GError           **error)
{
  g_autoptr(TsuDecision) d = tsu_decision_new ();
  g_autofree char *text = NULL;

  g_return_val_if_fail (TSU_IS_MINUTES_EDITOR (self), FALSE);
  g_return_val_if_fail (self->minutes != NULL, FALSE);

  text = g_strstrip (g_strdup (body));
  if (*text == '\0')
    {
      g_set_error (error, TSU_DATABASE_ERROR, TSU_DATABASE_ERROR_INVALID,
                   _("Write the decision first."));
      return FALSE;
    }
  tsu_decision_set_minutes_id (d, minutes_id (self));
  tsu_decision_set_position (d, tsu_store_count (self->store, TSU_TYPE_DECISION));
  tsu_decision_set_body (d, text);
  tsu_decision_set_good_practice (d, good_practice);
  if (!tsu_store_save (self->store, TSU_RECORD (d), error))
    return FALSE;
  tsu_minutes_editor_reload (self);
  return TRUE;
}

/* A name typed for the assignee: a participant or someone of the directory by that
 * name is linked as that person or agency; anyone else is kept by the name. */
static void
resolve_assignee (TsuMinutesEditor *self,
                  TsuActionItem    *a,
                  const char       *person)
{
  g_autoptr(GListModel) participants = NULL;
  g_autoptr(GListModel) persons = NULL;
  g_autoptr(GListModel) agencies = NULL;

  participants = tsu_store_list_by (self->store, TSU_TYPE_PARTICIPANT, "meeting_id",
                                    tsu_record_get_id (TSU_RECORD (self->meeting)), "id", NULL);
  for (guint i = 0; participants != NULL && i < g_list_model_get_n_items (participants); i++)
    {
      g_autoptr(TsuParticipant) p = g_list_model_get_item (participants, i);
      g_autofree char *name = participant_label (self->store, p);

      if (g_str_equal (name, person) && tsu_participant_get_person_id (p) != 0)
        {
          tsu_action_item_set_assignee_person_id (a, tsu_participant_get_person_id (p));
          return;
        }
    }
  persons = tsu_store_list (self->store, TSU_TYPE_PERSON, "id", NULL);
  for (guint i = 0; persons != NULL && i < g_list_model_get_n_items (persons); i++)
    {
      g_autoptr(TsuPerson) p = g_list_model_get_item (persons, i);

      if (g_strcmp0 (tsu_person_get_name (p), person) == 0)
        {
          tsu_action_item_set_assignee_person_id (a, tsu_record_get_id (TSU_RECORD (p)));
          return;
        }
    }
  agencies = tsu_store_list (self->store, TSU_TYPE_AGENCY, "id", NULL);
  for (guint i = 0; agencies != NULL && i < g_list_model_get_n_items (agencies); i++)
    {
      g_autoptr(TsuAgency) ag = g_list_model_get_item (agencies, i);

      if (g_strcmp0 (tsu_agency_get_name (ag), person) == 0)
        {
          tsu_action_item_set_assignee_agency_id (a, tsu_record_get_id (TSU_RECORD (ag)));
          return;
        }
    }
  tsu_action_item_set_assignee_name (a, person);
}

/* Either @picker's choice or the name @who is the assignee. */
static gboolean
save_action (TsuMinutesEditor   *self,
             const char         *what,
             const char         *due_on,
             TsuAssigneePicker  *picker,
             const char         *who,
             GError            **error)
{
  g_autoptr(TsuActionItem) a = tsu_action_item_new ();
  g_autofree char *w = NULL;
  g_autofree char *person = NULL;
  g_autofree char *due = NULL;
  int y, m, d;

  w = g_strstrip (g_strdup (what ? what : ""));
  person = g_strstrip (g_strdup (who ? who : ""));
  due = g_strstrip (g_strdup (due_on ? due_on : ""));
  if (*w == '\0')
    {
      g_set_error (error, TSU_DATABASE_ERROR, TSU_DATABASE_ERROR_INVALID,
                   _("Say what is to be done."));
      return FALSE;
    }
  if (*due != '\0' && (sscanf (due, "%4d-%2d-%2d", &y, &m, &d) != 3 || !g_date_valid_dmy (d, m, y)))
    {
      g_set_error (error, TSU_DATABASE_ERROR, TSU_DATABASE_ERROR_INVALID,
                   _("Write the due date as YYYY-MM-DD, for example 2026-12-08."));
      return FALSE;
    }

  tsu_action_item_set_minutes_id (a, minutes_id (self));
  tsu_action_item_set_case_id (a, tsu_meeting_get_case_id (self->meeting));
  tsu_action_item_set_what (a, w);
  tsu_action_item_set_status (a, "open");
  if (*due != '\0')
    {
      g_autofree char *normal = g_strdup_printf ("%04d-%02d-%02d", y, m, d);

      tsu_action_item_set_due_on (a, normal);
    }
  if (picker != NULL)
    tsu_assignee_picker_apply (picker, a);
  else if (*person != '\0')
    resolve_assignee (self, a, person);

  if (!tsu_store_save (self->store, TSU_RECORD (a), error))
    return FALSE;
  tsu_minutes_editor_reload (self);
  return TRUE;
}

/**
 * tsu_minutes_editor_add_action:
 * @who: (nullable): the name of a participant, a person or an agency, or anyone's name
 *
 * Adds an action item to the minutes shown. A name that a participant or the
 * directory knows is kept as a reference to them.
 */
gboolean
tsu_minutes_editor_add_action (TsuMinutesEditor  *self,
                               const char        *what,
                               const char        *who,
                               const char        *due_on,
                               GError           **error)
{
  g_return_val_if_fail (TSU_IS_MINUTES_EDITOR (self), FALSE);
  g_return_val_if_fail (self->minutes != NULL, FALSE);

  return save_action (self, what, due_on, NULL, who, error);
}

gboolean
tsu_minutes_editor_confirm (TsuMinutesEditor  *self,
                            const char        *who,
                            GError           **error)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (TSU_IS_MINUTES_EDITOR (self), FALSE);
  g_return_val_if_fail (self->minutes != NULL, FALSE);

  if (!tsu_autosave_flush (self->autosave, error))
    return FALSE;
  name = g_strstrip (g_strdup (who ? who : ""));
  if (!tsu_store_confirm_minutes (self->store, TSU_RECORD (self->minutes), name, error))
    return FALSE;
  tsu_minutes_editor_reload (self);
  return TRUE;
}

gboolean
tsu_minutes_editor_revise (TsuMinutesEditor  *self,
                           GError           **error)
{
  g_autoptr(TsuMinutes) draft = NULL;

  g_return_val_if_fail (TSU_IS_MINUTES_EDITOR (self), FALSE);
  g_return_val_if_fail (self->minutes != NULL, FALSE);

  draft = tsu_store_revise_minutes (self->store, TSU_RECORD (self->minutes), error);
  if (draft == NULL)
    return FALSE;
  tsu_minutes_editor_reload (self);
  return TRUE;
}

/**
 * tsu_minutes_editor_describe:
 *
 * Returns: (transfer full): a revision as plain text, for comparing revisions
 */
char *
tsu_minutes_editor_describe (TsuStore   *store,
                             TsuMinutes *minutes)
{
  GString *s = g_string_new (NULL);
  g_autoptr(GListModel) discussions = NULL;
  g_autoptr(GListModel) decisions = NULL;
  gint64 id = tsu_record_get_id (TSU_RECORD (minutes));

  if (tsu_minutes_get_confirmed_by (minutes) != NULL)
    {
      g_autofree char *at = format_time (tsu_minutes_get_confirmed_at (minutes));

      g_string_append_printf (s, _("Confirmed by %s on %s"), tsu_minutes_get_confirmed_by (minutes), at);
      g_string_append (s, "\n\n");
    }
  g_string_append_printf (s, "%s\n%s\n\n", _("Notes"),
                          tsu_minutes_get_summary (minutes) ? tsu_minutes_get_summary (minutes) : "");

  discussions = tsu_store_list_by (store, TSU_TYPE_DISCUSSION, "minutes_id", id, "position", NULL);
  g_string_append_printf (s, "%s\n", _("Discussion"));
  for (guint i = 0; discussions != NULL && i < g_list_model_get_n_items (discussions); i++)
    {
      g_autoptr(TsuDiscussion) d = g_list_model_get_item (discussions, i);
      g_autoptr(TsuAgendaItem) item = NULL;

      if (tsu_discussion_get_agenda_item_id (d) != 0)
        item = tsu_store_load (store, TSU_TYPE_AGENDA_ITEM, tsu_discussion_get_agenda_item_id (d), NULL);
      g_string_append_printf (s, "■ %s\n%s\n", item ? tsu_agenda_item_get_title (item) : "",
                              tsu_discussion_get_body (d) ? tsu_discussion_get_body (d) : "");
    }

  decisions = tsu_store_list_by (store, TSU_TYPE_DECISION, "minutes_id", id, "position", NULL);
  g_string_append_printf (s, "\n%s\n", _("Decisions"));
  for (guint i = 0; decisions != NULL && i < g_list_model_get_n_items (decisions); i++)
    {
      g_autoptr(TsuDecision) d = g_list_model_get_item (decisions, i);

      g_string_append_printf (s, "・%s%s\n", tsu_decision_get_body (d),
                              tsu_decision_get_good_practice (d) ? " ★" : "");
    }
  return g_string_free (s, FALSE);
}
