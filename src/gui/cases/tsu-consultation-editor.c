/* tsu-consultation-editor.c
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tsu-consultation-editor"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "tsu-choice.h"
#include "tsu-consultation-editor.h"
#include "tsu-contact-check.h"
#include "tsu-date-entry.h"
#include "tsu-format.h"

/* One entry of a case's consultation log (相談記録, DESIGN.md function 1): when, by
 * which channel (phone, visit, online, outreach — families with a child on a
 * ventilator can hardly travel —, mail), who asked, the topics, where the family was
 * referred to, and notes. The date and time start at now, in Asia/Tokyo. */

struct _TsuConsultationEditor
{
  AdwWindow        parent_instance;

  TsuStore        *store;
  gint64           case_id;
  gint64           entry_id;      /* the entry edited, or 0 for a new one */
  gboolean         tried;

  AdwEntryRow     *asked_by_row;
  AdwComboRow     *channel_row;
  AdwEntryRow     *date_row;
  GtkLabel        *error_label;
  GtkTextView     *notes_view;
  AdwEntryRow     *referred_row;
  AdwEntryRow     *time_row;
  AdwToastOverlay *toast_overlay;
  AdwEntryRow     *topics_row;
  AdwWindowTitle  *window_title;
};

G_DEFINE_FINAL_TYPE (TsuConsultationEditor, tsu_consultation_editor, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
check_time (const char *text)
{
  int h, m;
  char tail;

  if (text == NULL)
    return _("Required.");
  if (sscanf (text, "%2d:%2d%c", &h, &m, &tail) != 2 || h < 0 || h > 23 || m < 0 || m > 59)
    return _("Enter a time such as 14:30.");
  return NULL;
}

/* The moment typed, as Unix seconds, or 0 when the fields are not right. */
static gint64
occurred_at (TsuConsultationEditor *self,
             char                 **errors)
{
  g_autoptr(GString) messages = g_string_new (NULL);
  const char *date_error = NULL;
  g_autofree char *date = tsu_date_entry_dup_date (TSU_DATE_ENTRY (self->date_row), &date_error);
  g_autofree char *time = tsu_form_dup_code (self->time_row);
  const char *time_error = check_time (time);
  gint64 result = 0;

  if (date == NULL && date_error == NULL)
    date_error = _("Required.");
  else if (date != NULL)
    {
      g_autoptr(GDateTime) utc = g_date_time_new_now_utc ();
      g_autoptr(GDateTime) now = tsu_format_local_time (g_date_time_to_unix (utc));
      g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

      /* The log is of what happened: a date ahead is a typing slip. */
      if (g_strcmp0 (date, today) > 0)
        date_error = _("The date is in the future.");
    }
  tsu_form_set_row_error (self->date_row, _("Date"), date_error);
  tsu_form_set_row_error (self->time_row, _("Time (HH:MM)"), time_error);
  if (date_error != NULL)
    g_string_append_printf (messages, _("Date: %s"), date_error), g_string_append_c (messages, '\n');
  if (time_error != NULL)
    g_string_append_printf (messages, _("Time: %s"), time_error), g_string_append_c (messages, '\n');

  if (date_error == NULL && time_error == NULL)
    {
      int y, mo, d, h, mi;
      g_autoptr(GDateTime) when = NULL;

      sscanf (date, "%4d-%2d-%2d", &y, &mo, &d);
      sscanf (time, "%2d:%2d", &h, &mi);
      when = g_date_time_new (tsu_format_get_time_zone (), y, mo, d, h, mi, 0);
      result = when != NULL ? g_date_time_to_unix (when) : 0;
    }

  if (messages->len > 0)
    {
      g_string_truncate (messages, messages->len - 1);
      *errors = g_string_free (g_steal_pointer (&messages), FALSE);
    }
  return result;
}

static void
show_errors (TsuConsultationEditor *self,
             const char            *errors)
{
  gtk_label_set_text (self->error_label, errors != NULL ? errors : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), errors != NULL && self->tried);
}

static void
field_changed_cb (TsuConsultationEditor *self)
{
  g_autofree char *errors = NULL;

  /* A date field tidies its text when the focus leaves it, also while the window goes. */
  if (self->time_row == NULL || self->date_row == NULL)
    return;
  occurred_at (self, &errors);
  show_errors (self, errors);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  tsu_consultation_editor_save (TSU_CONSULTATION_EDITOR (widget));
}

static void
tsu_consultation_editor_dispose (GObject *object)
{
  TsuConsultationEditor *self = TSU_CONSULTATION_EDITOR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), TSU_TYPE_CONSULTATION_EDITOR);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (tsu_consultation_editor_parent_class)->dispose (object);
}

static void
tsu_consultation_editor_class_init (TsuConsultationEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tsu_consultation_editor_dispose;

  /**
   * TsuConsultationEditor::saved:
   * @consultation: the entry as saved
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, TSU_TYPE_CONSULTATION);

  g_type_ensure (TSU_TYPE_DATE_ENTRY);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/tsunagu/Tsunagu/tsu-consultation-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, TsuConsultationEditor, asked_by_row);
  gtk_widget_class_bind_template_child (widget_class, TsuConsultationEditor, channel_row);
  gtk_widget_class_bind_template_child (widget_class, TsuConsultationEditor, date_row);
  gtk_widget_class_bind_template_child (widget_class, TsuConsultationEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, TsuConsultationEditor, notes_view);
  gtk_widget_class_bind_template_child (widget_class, TsuConsultationEditor, referred_row);
  gtk_widget_class_bind_template_child (widget_class, TsuConsultationEditor, time_row);
  gtk_widget_class_bind_template_child (widget_class, TsuConsultationEditor, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, TsuConsultationEditor, topics_row);
  gtk_widget_class_bind_template_child (widget_class, TsuConsultationEditor, window_title);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
tsu_consultation_editor_init (TsuConsultationEditor *self)
{
  g_auto(GStrv) channels = tsu_vocabulary_codes (TSU_VOCABULARY_CHANNEL);
  TsuChoiceItems *items = tsu_choice_items_new (NULL);
  g_autoptr(GDateTime) utc = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) now = tsu_format_local_time (g_date_time_to_unix (utc));
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *time = g_date_time_format (now, "%H:%M");

  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; channels[i] != NULL; i++)
    tsu_choice_items_add (items, channels[i], tsu_vocabulary_label (TSU_VOCABULARY_CHANNEL,
                                                                    channels[i]));
  adw_combo_row_set_expression (self->channel_row, tsu_choice_expression_new ());
  tsu_choice_set_items (self->channel_row, items);

  gtk_editable_set_text (GTK_EDITABLE (self->date_row), date);
  gtk_editable_set_text (GTK_EDITABLE (self->time_row), time);
}

/**
 * tsu_consultation_editor_new:
 * @store: the store to save to
 * @case_id: the case the consultation is about
 *
 * Returns: (transfer full): a form for a new entry of the log
 */
TsuConsultationEditor *
tsu_consultation_editor_new (TsuStore *store,
                             gint64    case_id)
{
  TsuConsultationEditor *self;

  g_return_val_if_fail (TSU_IS_STORE (store), NULL);
  g_return_val_if_fail (case_id > 0, NULL);

  self = g_object_new (TSU_TYPE_CONSULTATION_EDITOR, NULL);
  self->store = g_object_ref (store);
  self->case_id = case_id;
  return self;
}

/**
 * tsu_consultation_editor_new_for_entry:
 * @store: the store to save to
 * @entry: an entry of the log
 *
 * Returns: (transfer full): the form of @entry, filled in, to correct it
 */
TsuConsultationEditor *
tsu_consultation_editor_new_for_entry (TsuStore        *store,
                                       TsuConsultation *entry)
{
  TsuConsultationEditor *self;
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *date = NULL;
  g_autofree char *time = NULL;

  g_return_val_if_fail (TSU_IS_STORE (store), NULL);
  g_return_val_if_fail (TSU_IS_CONSULTATION (entry), NULL);
  g_return_val_if_fail (tsu_record_get_id (TSU_RECORD (entry)) > 0, NULL);

  self = tsu_consultation_editor_new (store, tsu_consultation_get_case_id (entry));
  self->entry_id = tsu_record_get_id (TSU_RECORD (entry));
  adw_window_title_set_title (self->window_title, _("Edit Consultation"));

  when = tsu_format_local_time (tsu_consultation_get_occurred_at (entry));
  date = g_date_time_format (when, "%Y-%m-%d");
  time = g_date_time_format (when, "%H:%M");
  tsu_date_entry_set_date (TSU_DATE_ENTRY (self->date_row), date);
  gtk_editable_set_text (GTK_EDITABLE (self->time_row), time);
  tsu_consultation_editor_fill (self, tsu_consultation_get_channel (entry),
                                tsu_consultation_get_asked_by (entry),
                                tsu_consultation_get_topics (entry),
                                tsu_consultation_get_referred_to (entry),
                                tsu_consultation_get_notes (entry));
  return self;
}

/**
 * tsu_consultation_editor_fill:
 * @channel: (nullable): a channel code
 *
 * Types into the form, as a person would (for tests and for pre-filled entries).
 */
void
tsu_consultation_editor_fill (TsuConsultationEditor *self,
                              const char            *channel,
                              const char            *asked_by,
                              const char            *topics,
                              const char            *referred_to,
                              const char            *notes)
{
  g_return_if_fail (TSU_IS_CONSULTATION_EDITOR (self));

  if (channel != NULL)
    tsu_choice_set_key (self->channel_row, channel);
  gtk_editable_set_text (GTK_EDITABLE (self->asked_by_row), asked_by ? asked_by : "");
  gtk_editable_set_text (GTK_EDITABLE (self->topics_row), topics ? topics : "");
  gtk_editable_set_text (GTK_EDITABLE (self->referred_row), referred_to ? referred_to : "");
  tsu_form_set_text_view (self->notes_view, notes);
}

/**
 * tsu_consultation_editor_save:
 *
 * Returns: whether the entry was saved (the window then closes)
 */
gboolean
tsu_consultation_editor_save (TsuConsultationEditor *self)
{
  g_autoptr(TsuConsultation) entry = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *errors = NULL;
  TsuRecord *record;
  gint64 when;

  g_return_val_if_fail (TSU_IS_CONSULTATION_EDITOR (self), FALSE);

  self->tried = TRUE;
  when = occurred_at (self, &errors);
  show_errors (self, errors);
  if (errors != NULL)
    {
      adw_toast_overlay_add_toast (self->toast_overlay,
                                   adw_toast_new (_("Correct the marked fields to save.")));
      return FALSE;
    }

  entry = tsu_consultation_new ();
  record = TSU_RECORD (entry);
  tsu_record_set_id (record, self->entry_id);
  tsu_consultation_set_case_id (entry, self->case_id);
  tsu_consultation_set_occurred_at (entry, when);
  tsu_consultation_set_channel (entry, tsu_choice_get_key (self->channel_row));
  tsu_record_take_text (record, TSU_CONSULTATION_FIELD_ASKED_BY,
                        tsu_form_dup_text (self->asked_by_row));
  tsu_record_take_text (record, TSU_CONSULTATION_FIELD_TOPICS, tsu_form_dup_text (self->topics_row));
  tsu_record_take_text (record, TSU_CONSULTATION_FIELD_REFERRED_TO,
                        tsu_form_dup_text (self->referred_row));
  tsu_record_take_text (record, TSU_CONSULTATION_FIELD_NOTES,
                        tsu_form_dup_text_view (self->notes_view));

  if (!tsu_store_save (self->store, record, &error))
    {
      g_autofree char *escaped = g_markup_escape_text (error->message, -1);

      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (escaped));
      return FALSE;
    }

  g_signal_emit (self, signals[SAVED], 0, entry);
  gtk_window_close (GTK_WINDOW (self));
  return TRUE;
}
