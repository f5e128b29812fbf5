/* tsu-person-editor.c
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tsu-person-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "tsu-choice.h"
#include "tsu-contact-check.h"
#include "tsu-person-editor.h"

/* The form of one person of the directory: name and reading, agency (searched as it
 * is typed, since a center knows thousands), profession, phone, e-mail and notes.
 * Bad input is shown on the field; nothing is written until the form is right. */

struct _TsuPersonEditor
{
  AdwWindow        parent_instance;

  TsuStore        *store;
  TsuPerson       *person;
  gboolean         tried;

  GtkDropDown     *agency_drop_down;
  AdwActionRow    *agency_row;
  AdwEntryRow     *email_row;
  GtkLabel        *error_label;
  AdwEntryRow     *kana_row;
  AdwEntryRow     *name_row;
  GtkTextView     *notes_view;
  AdwEntryRow     *phone_row;
  AdwEntryRow     *profession_row;
  AdwToastOverlay *toast_overlay;
  AdwWindowTitle  *window_title;
};

G_DEFINE_FINAL_TYPE (TsuPersonEditor, tsu_person_editor, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static char *
validate (TsuPersonEditor *self)
{
  g_autoptr(GString) errors = g_string_new (NULL);
  g_autofree char *name = tsu_form_dup_text (self->name_row);
  g_autofree char *phone = tsu_form_dup_code (self->phone_row);
  g_autofree char *email = tsu_form_dup_code (self->email_row);
  const char *phone_error = tsu_contact_check_phone (phone);
  const char *email_error = tsu_contact_check_email (email);

  tsu_form_set_row_error (self->name_row, _("Name"),
                          name == NULL && self->tried ? _("Required.") : NULL);
  tsu_form_set_row_error (self->phone_row, _("Phone"), phone_error);
  tsu_form_set_row_error (self->email_row, _("E-mail"), email_error);

  if (name == NULL)
    g_string_append_printf (errors, "%s\n", _("Enter the person’s name."));
  if (phone_error != NULL)
    g_string_append_printf (errors, _("Phone: %s"), phone_error), g_string_append_c (errors, '\n');
  if (email_error != NULL)
    g_string_append_printf (errors, _("E-mail: %s"), email_error), g_string_append_c (errors, '\n');

  if (errors->len == 0)
    return NULL;
  g_string_truncate (errors, errors->len - 1);
  return g_string_free (g_steal_pointer (&errors), FALSE);
}

static void
show_errors (TsuPersonEditor *self,
             const char      *errors)
{
  gtk_label_set_text (self->error_label, errors != NULL ? errors : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), errors != NULL && self->tried);
}

static void
load (TsuPersonEditor *self)
{
  TsuPerson *p = self->person;
  const char *value;

#define SET_TEXT(row, text) gtk_editable_set_text (GTK_EDITABLE (row), (value = (text)) ? value : "")
  SET_TEXT (self->name_row, tsu_person_get_name (p));
  SET_TEXT (self->kana_row, tsu_person_get_kana (p));
  SET_TEXT (self->profession_row, tsu_person_get_profession (p));
  SET_TEXT (self->phone_row, tsu_person_get_phone (p));
  SET_TEXT (self->email_row, tsu_person_get_email (p));
#undef SET_TEXT
  tsu_form_set_text_view (self->notes_view, tsu_person_get_notes (p));
  tsu_choice_set_id (self->agency_drop_down, tsu_person_get_agency_id (p));

  adw_window_title_set_title (self->window_title,
                              tsu_record_get_id (TSU_RECORD (p)) == 0 ? _("New Person")
                                                                      : _("Edit Person"));
  adw_window_title_set_subtitle (self->window_title, tsu_person_get_name (p));
}

static void
field_changed_cb (TsuPersonEditor *self)
{
  g_autofree char *errors = validate (self);

  show_errors (self, errors);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  tsu_person_editor_save (TSU_PERSON_EDITOR (widget));
}

static void
tsu_person_editor_dispose (GObject *object)
{
  TsuPersonEditor *self = TSU_PERSON_EDITOR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), TSU_TYPE_PERSON_EDITOR);
  g_clear_object (&self->person);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (tsu_person_editor_parent_class)->dispose (object);
}

static void
tsu_person_editor_class_init (TsuPersonEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tsu_person_editor_dispose;

  /**
   * TsuPersonEditor::saved:
   * @person: the person as saved
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, TSU_TYPE_PERSON);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/tsunagu/Tsunagu/tsu-person-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, TsuPersonEditor, agency_drop_down);
  gtk_widget_class_bind_template_child (widget_class, TsuPersonEditor, agency_row);
  gtk_widget_class_bind_template_child (widget_class, TsuPersonEditor, email_row);
  gtk_widget_class_bind_template_child (widget_class, TsuPersonEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, TsuPersonEditor, kana_row);
  gtk_widget_class_bind_template_child (widget_class, TsuPersonEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, TsuPersonEditor, notes_view);
  gtk_widget_class_bind_template_child (widget_class, TsuPersonEditor, phone_row);
  gtk_widget_class_bind_template_child (widget_class, TsuPersonEditor, profession_row);
  gtk_widget_class_bind_template_child (widget_class, TsuPersonEditor, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, TsuPersonEditor, window_title);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
tsu_person_editor_init (TsuPersonEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_drop_down_set_expression (self->agency_drop_down, tsu_choice_expression_new ());
}

/**
 * tsu_person_editor_new:
 * @store: the store to save to
 * @person: (nullable): the person to edit, or %NULL for a new one
 * @agencies: (nullable): the agencies to choose from (#TsuAgency), sorted as shown
 *
 * Returns: (transfer full): a new editor
 */
TsuPersonEditor *
tsu_person_editor_new (TsuStore   *store,
                       TsuPerson  *person,
                       GListModel *agencies)
{
  TsuPersonEditor *self;
  TsuChoiceItems *items;

  g_return_val_if_fail (TSU_IS_STORE (store), NULL);
  g_return_val_if_fail (person == NULL || TSU_IS_PERSON (person), NULL);

  self = g_object_new (TSU_TYPE_PERSON_EDITOR, NULL);
  self->store = g_object_ref (store);
  if (person != NULL && tsu_record_get_id (TSU_RECORD (person)) != 0)
    self->person = tsu_store_load (store, TSU_TYPE_PERSON, tsu_record_get_id (TSU_RECORD (person)),
                                   NULL);
  if (self->person == NULL)
    self->person = tsu_person_new ();

  items = tsu_choice_items_new (_("None"));
  for (guint i = 0; agencies != NULL && i < g_list_model_get_n_items (agencies); i++)
    {
      g_autoptr(TsuAgency) agency = g_list_model_get_item (agencies, i);

      tsu_choice_items_add_id (items, tsu_record_get_id (TSU_RECORD (agency)),
                               tsu_agency_get_name (agency));
    }
  tsu_choice_set_items (self->agency_drop_down, items);

  load (self);
  return self;
}

/**
 * tsu_person_editor_get_person:
 *
 * Returns: (transfer none): the person being edited
 */
TsuPerson *
tsu_person_editor_get_person (TsuPersonEditor *self)
{
  g_return_val_if_fail (TSU_IS_PERSON_EDITOR (self), NULL);

  return self->person;
}

char *
tsu_person_editor_dup_errors (TsuPersonEditor *self)
{
  g_return_val_if_fail (TSU_IS_PERSON_EDITOR (self), NULL);

  return validate (self);
}

/**
 * tsu_person_editor_save:
 *
 * Returns: whether the person was saved (the window then closes)
 */
gboolean
tsu_person_editor_save (TsuPersonEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsuPerson) copy = NULL;
  g_autofree char *errors = NULL;
  TsuRecord *record;

  g_return_val_if_fail (TSU_IS_PERSON_EDITOR (self), FALSE);

  self->tried = TRUE;
  errors = validate (self);
  show_errors (self, errors);
  if (errors != NULL)
    {
      adw_toast_overlay_add_toast (self->toast_overlay,
                                   adw_toast_new (_("Correct the marked fields to save.")));
      return FALSE;
    }

  copy = tsu_person_new ();
  record = TSU_RECORD (copy);
  tsu_record_set_id (record, tsu_record_get_id (TSU_RECORD (self->person)));
  tsu_record_take_text (record, TSU_PERSON_FIELD_NAME, tsu_form_dup_text (self->name_row));
  tsu_record_take_text (record, TSU_PERSON_FIELD_KANA, tsu_form_dup_text (self->kana_row));
  tsu_person_set_agency_id (copy, tsu_choice_get_id (self->agency_drop_down));
  tsu_record_take_text (record, TSU_PERSON_FIELD_PROFESSION,
                        tsu_form_dup_text (self->profession_row));
  tsu_record_take_text (record, TSU_PERSON_FIELD_PHONE, tsu_form_dup_code (self->phone_row));
  tsu_record_take_text (record, TSU_PERSON_FIELD_EMAIL, tsu_form_dup_code (self->email_row));
  tsu_record_take_text (record, TSU_PERSON_FIELD_NOTES, tsu_form_dup_text_view (self->notes_view));

  if (!tsu_store_save (self->store, record, &error))
    {
      g_autofree char *escaped = g_markup_escape_text (error->message, -1);

      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (escaped));
      return FALSE;
    }

  g_set_object (&self->person, copy);
  g_signal_emit (self, signals[SAVED], 0, self->person);
  gtk_window_close (GTK_WINDOW (self));
  return TRUE;
}
