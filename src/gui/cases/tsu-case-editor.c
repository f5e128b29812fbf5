/* tsu-case-editor.c
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tsu-case-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "tsu-case-editor.h"
#include "tsu-choice.h"
#include "tsu-contact-check.h"
#include "tsu-date-entry.h"
#include "tsu-format.h"
#include "tsu-medical-care.h"

/* The form of a case: its code (required and unique: it stands in for the child's
 * name on screens and copies others can see), status, municipality, coordinators,
 * the child's profile and the kinds of medical care. */

struct _TsuCaseEditor
{
  AdwWindow            parent_instance;

  TsuStore            *store;
  TsuCase             *kase;
  GPtrArray           *care_checks;
  gboolean             tried;

  AdwEntryRow         *birth_row;
  AdwPreferencesGroup *care_group;
  AdwEntryRow         *code_row;
  GtkDropDown         *coordinator_drop_down;
  GtkLabel            *error_label;
  AdwEntryRow         *guardians_row;
  AdwEntryRow         *kana_row;
  AdwComboRow         *municipality_row;
  AdwEntryRow         *name_row;
  GtkTextView         *notes_view;
  AdwEntryRow         *opened_row;
  GtkDropDown         *regional_drop_down;
  AdwComboRow         *status_row;
  AdwToastOverlay     *toast_overlay;
  AdwWindowTitle      *window_title;
};

G_DEFINE_FINAL_TYPE (TsuCaseEditor, tsu_case_editor, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static char *
today_text (void)
{
  g_autoptr(GDateTime) utc = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) now = tsu_format_local_time (g_date_time_to_unix (utc));

  return g_date_time_format (now, "%Y-%m-%d");
}

static char *
validate (TsuCaseEditor *self)
{
  g_autoptr(GString) errors = g_string_new (NULL);
  g_autofree char *code = tsu_form_dup_code (self->code_row);
  const char *birth_error = NULL;
  const char *opened_error = NULL;
  g_autofree char *birth = tsu_date_entry_dup_date (TSU_DATE_ENTRY (self->birth_row), &birth_error);
  g_autofree char *opened = tsu_date_entry_dup_date (TSU_DATE_ENTRY (self->opened_row), &opened_error);
  g_autofree char *today = today_text ();
  const char *code_error = NULL;

  if (birth != NULL && g_strcmp0 (birth, today) > 0)
    birth_error = _("The birth date is in the future.");

  if (code == NULL)
    code_error = self->tried ? _("Required.") : NULL;
  else
    {
      g_autoptr(TsuCase) other = tsu_store_find_case_by_code (self->store, code, NULL);

      if (other != NULL &&
          tsu_record_get_id (TSU_RECORD (other)) != tsu_record_get_id (TSU_RECORD (self->kase)))
        code_error = _("Another case has this code.");
    }

  tsu_form_set_row_error (self->code_row, _("Case Code"), code_error);
  tsu_form_set_row_error (self->birth_row, _("Birth Date"), birth_error);
  tsu_form_set_row_error (self->opened_row, _("Opened On"), opened_error);

  if (code == NULL)
    g_string_append_printf (errors, "%s\n", _("Enter a case code."));
  else if (code_error != NULL)
    g_string_append_printf (errors, _("Case code: %s"), code_error), g_string_append_c (errors, '\n');
  if (birth_error != NULL)
    g_string_append_printf (errors, _("Birth date: %s"), birth_error), g_string_append_c (errors, '\n');
  if (opened_error != NULL)
    g_string_append_printf (errors, _("Opened on: %s"), opened_error), g_string_append_c (errors, '\n');

  if (errors->len == 0)
    return NULL;
  g_string_truncate (errors, errors->len - 1);
  return g_string_free (g_steal_pointer (&errors), FALSE);
}

static void
show_errors (TsuCaseEditor *self,
             const char    *errors)
{
  gtk_label_set_text (self->error_label, errors != NULL ? errors : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), errors != NULL && self->tried);
}

static char *
care_text (TsuCaseEditor *self)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < self->care_checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->care_checks, i);

      if (!gtk_check_button_get_active (check))
        continue;
      if (text->len > 0)
        g_string_append_c (text, ',');
      g_string_append (text, g_object_get_data (G_OBJECT (check), "code"));
    }
  return text->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

static void
fill_choices (TsuCaseEditor *self)
{
  g_auto(GStrv) statuses = tsu_vocabulary_codes (TSU_VOCABULARY_CASE_STATUS);
  g_autoptr(GListModel) municipalities = tsu_store_list (self->store, TSU_TYPE_MUNICIPALITY,
                                                         "kana", NULL);
  g_autoptr(GListModel) persons = tsu_store_list (self->store, TSU_TYPE_PERSON, "kana", NULL);
  g_autoptr(GPtrArray) care = tsu_medical_care_list (self->store);
  TsuChoiceItems *items = tsu_choice_items_new (NULL);
  TsuChoiceItems *coordinators = tsu_choice_items_new (_("None"));
  TsuChoiceItems *regionals = tsu_choice_items_new (_("None"));

  for (guint i = 0; statuses[i] != NULL; i++)
    tsu_choice_items_add (items, statuses[i], tsu_vocabulary_label (TSU_VOCABULARY_CASE_STATUS,
                                                                    statuses[i]));
  tsu_choice_set_items (self->status_row, items);

  items = tsu_choice_items_new (_("None"));
  for (guint i = 0; municipalities != NULL && i < g_list_model_get_n_items (municipalities); i++)
    {
      g_autoptr(TsuMunicipality) m = g_list_model_get_item (municipalities, i);

      tsu_choice_items_add_id (items, tsu_record_get_id (TSU_RECORD (m)),
                               tsu_municipality_get_name (m));
    }
  tsu_choice_set_items (self->municipality_row, items);

  for (guint i = 0; persons != NULL && i < g_list_model_get_n_items (persons); i++)
    {
      g_autoptr(TsuPerson) p = g_list_model_get_item (persons, i);
      g_autofree char *label = NULL;

      if (tsu_person_get_profession (p) != NULL)
        /* Translators: a person in a list to choose from: "name (profession)" */
        label = g_strdup_printf (_("%s (%s)"), tsu_person_get_name (p), tsu_person_get_profession (p));
      else
        label = g_strdup (tsu_person_get_name (p));
      tsu_choice_items_add_id (coordinators, tsu_record_get_id (TSU_RECORD (p)), label);
      tsu_choice_items_add_id (regionals, tsu_record_get_id (TSU_RECORD (p)), label);
    }
  tsu_choice_set_items (self->coordinator_drop_down, coordinators);
  tsu_choice_set_items (self->regional_drop_down, regionals);

  for (guint i = 0; i + 1 < care->len; i += 2)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), care->pdata[i + 1]);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      g_object_set_data_full (G_OBJECT (check), "code", g_strdup (care->pdata[i]), g_free);
      adw_preferences_group_add (self->care_group, row);
      g_ptr_array_add (self->care_checks, check);
    }
}

static void
load (TsuCaseEditor *self)
{
  TsuCase *c = self->kase;
  g_auto(GStrv) care = NULL;
  const char *value;

#define SET_TEXT(row, text) gtk_editable_set_text (GTK_EDITABLE (row), (value = (text)) ? value : "")
  SET_TEXT (self->code_row, tsu_case_get_code (c));
  SET_TEXT (self->name_row, tsu_case_get_child_name (c));
  SET_TEXT (self->kana_row, tsu_case_get_child_kana (c));
  SET_TEXT (self->birth_row, tsu_case_get_birth_date (c));
  SET_TEXT (self->guardians_row, tsu_case_get_guardians (c));
  SET_TEXT (self->opened_row, tsu_case_get_opened_on (c));
#undef SET_TEXT
  tsu_form_set_text_view (self->notes_view, tsu_case_get_notes (c));
  tsu_choice_set_key (self->status_row, tsu_case_get_status (c) ? tsu_case_get_status (c) : "intake");
  tsu_choice_set_id (self->municipality_row, tsu_case_get_municipality_id (c));
  tsu_choice_set_id (self->coordinator_drop_down, tsu_case_get_coordinator_id (c));
  tsu_choice_set_id (self->regional_drop_down, tsu_case_get_regional_coordinator_id (c));

  care = g_strsplit (tsu_case_get_medical_care (c) ? tsu_case_get_medical_care (c) : "", ",", -1);
  for (guint i = 0; i < self->care_checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->care_checks, i);

      gtk_check_button_set_active (check, g_strv_contains ((const char * const *) care,
                                                           g_object_get_data (G_OBJECT (check), "code")));
    }

  adw_window_title_set_title (self->window_title,
                              tsu_record_get_id (TSU_RECORD (c)) == 0 ? _("New Case") : _("Edit Case"));
  adw_window_title_set_subtitle (self->window_title, tsu_case_get_code (c));
}

static void
field_changed_cb (TsuCaseEditor *self)
{
  g_autofree char *errors = NULL;

  /* A date field tidies its text when the focus leaves it, also while the window goes. */
  if (self->code_row == NULL)
    return;
  errors = validate (self);
  show_errors (self, errors);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  tsu_case_editor_save (TSU_CASE_EDITOR (widget));
}

static void
tsu_case_editor_dispose (GObject *object)
{
  TsuCaseEditor *self = TSU_CASE_EDITOR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), TSU_TYPE_CASE_EDITOR);
  g_clear_pointer (&self->care_checks, g_ptr_array_unref);
  g_clear_object (&self->kase);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (tsu_case_editor_parent_class)->dispose (object);
}

static void
tsu_case_editor_class_init (TsuCaseEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tsu_case_editor_dispose;

  /**
   * TsuCaseEditor::saved:
   * @kase: the case as saved
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, TSU_TYPE_CASE);

  g_type_ensure (TSU_TYPE_DATE_ENTRY);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/tsunagu/Tsunagu/tsu-case-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, TsuCaseEditor, birth_row);
  gtk_widget_class_bind_template_child (widget_class, TsuCaseEditor, care_group);
  gtk_widget_class_bind_template_child (widget_class, TsuCaseEditor, code_row);
  gtk_widget_class_bind_template_child (widget_class, TsuCaseEditor, coordinator_drop_down);
  gtk_widget_class_bind_template_child (widget_class, TsuCaseEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, TsuCaseEditor, guardians_row);
  gtk_widget_class_bind_template_child (widget_class, TsuCaseEditor, kana_row);
  gtk_widget_class_bind_template_child (widget_class, TsuCaseEditor, municipality_row);
  gtk_widget_class_bind_template_child (widget_class, TsuCaseEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, TsuCaseEditor, notes_view);
  gtk_widget_class_bind_template_child (widget_class, TsuCaseEditor, opened_row);
  gtk_widget_class_bind_template_child (widget_class, TsuCaseEditor, regional_drop_down);
  gtk_widget_class_bind_template_child (widget_class, TsuCaseEditor, status_row);
  gtk_widget_class_bind_template_child (widget_class, TsuCaseEditor, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, TsuCaseEditor, window_title);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
tsu_case_editor_init (TsuCaseEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->care_checks = g_ptr_array_new ();
  adw_combo_row_set_expression (self->status_row, tsu_choice_expression_new ());
  adw_combo_row_set_expression (self->municipality_row, tsu_choice_expression_new ());
  gtk_drop_down_set_expression (self->coordinator_drop_down, tsu_choice_expression_new ());
  gtk_drop_down_set_expression (self->regional_drop_down, tsu_choice_expression_new ());
}

/**
 * tsu_case_editor_new:
 * @store: the store to save to
 * @kase: (nullable): the case to edit, or %NULL for a new one
 *
 * Returns: (transfer full): a new editor
 */
TsuCaseEditor *
tsu_case_editor_new (TsuStore *store,
                     TsuCase  *kase)
{
  TsuCaseEditor *self;

  g_return_val_if_fail (TSU_IS_STORE (store), NULL);

  self = g_object_new (TSU_TYPE_CASE_EDITOR, NULL);
  self->store = g_object_ref (store);
  if (kase != NULL && tsu_record_get_id (TSU_RECORD (kase)) != 0)
    self->kase = tsu_store_load (store, TSU_TYPE_CASE, tsu_record_get_id (TSU_RECORD (kase)), NULL);
  if (self->kase == NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

      self->kase = tsu_case_new ();
      tsu_case_set_status (self->kase, "intake");
      tsu_case_set_opened_on (self->kase, today);
    }

  fill_choices (self);
  load (self);
  return self;
}

char *
tsu_case_editor_dup_errors (TsuCaseEditor *self)
{
  g_return_val_if_fail (TSU_IS_CASE_EDITOR (self), NULL);

  return validate (self);
}

/**
 * tsu_case_editor_save:
 *
 * Returns: whether the case was saved (the window then closes)
 */
gboolean
tsu_case_editor_save (TsuCaseEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsuCase) copy = NULL;
  g_autofree char *errors = NULL;
  TsuRecord *record;

  g_return_val_if_fail (TSU_IS_CASE_EDITOR (self), FALSE);

  self->tried = TRUE;
  errors = validate (self);
  show_errors (self, errors);
  if (errors != NULL)
    {
      adw_toast_overlay_add_toast (self->toast_overlay,
                                   adw_toast_new (_("Correct the marked fields to save.")));
      return FALSE;
    }

  copy = tsu_case_new ();
  record = TSU_RECORD (copy);
  tsu_record_set_id (record, tsu_record_get_id (TSU_RECORD (self->kase)));
  tsu_record_take_text (record, TSU_CASE_FIELD_CODE, tsu_form_dup_code (self->code_row));
  tsu_record_take_text (record, TSU_CASE_FIELD_CHILD_NAME, tsu_form_dup_text (self->name_row));
  tsu_record_take_text (record, TSU_CASE_FIELD_CHILD_KANA, tsu_form_dup_text (self->kana_row));
  tsu_record_take_text (record, TSU_CASE_FIELD_BIRTH_DATE,
                        tsu_date_entry_dup_date (TSU_DATE_ENTRY (self->birth_row), NULL));
  tsu_case_set_municipality_id (copy, tsu_choice_get_id (self->municipality_row));
  tsu_record_take_text (record, TSU_CASE_FIELD_MEDICAL_CARE, care_text (self));
  tsu_record_take_text (record, TSU_CASE_FIELD_GUARDIANS, tsu_form_dup_text (self->guardians_row));
  tsu_case_set_status (copy, tsu_choice_get_key (self->status_row));
  tsu_case_set_coordinator_id (copy, tsu_choice_get_id (self->coordinator_drop_down));
  tsu_case_set_regional_coordinator_id (copy, tsu_choice_get_id (self->regional_drop_down));
  tsu_record_take_text (record, TSU_CASE_FIELD_OPENED_ON,
                        tsu_date_entry_dup_date (TSU_DATE_ENTRY (self->opened_row), NULL));
  tsu_record_take_text (record, TSU_CASE_FIELD_NOTES, tsu_form_dup_text_view (self->notes_view));

  if (!tsu_store_save (self->store, record, &error))
    {
      g_autofree char *escaped = g_markup_escape_text (error->message, -1);

      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (escaped));
      return FALSE;
    }

  g_set_object (&self->kase, copy);
  g_signal_emit (self, signals[SAVED], 0, self->kase);
  gtk_window_close (GTK_WINDOW (self));
  return TRUE;
}
