/* tsu-agency-editor.c
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tsu-agency-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "tsu-agency-editor.h"
#include "tsu-choice.h"
#include "tsu-contact-check.h"

/* The form of one agency of the directory: name and reading, kind, municipality,
 * contact details, the services it offers and notes. What is wrong is said on the
 * field itself as it is typed; Save writes nothing until every field is right, and an
 * error of the store is shown with the form kept as it is. */

struct _TsuAgencyEditor
{
  AdwWindow            parent_instance;

  TsuStore            *store;
  TsuAgency           *agency;
  GPtrArray           *service_checks;  /* GtkCheckButton, data "code" */
  gboolean             tried;           /* Save was pressed once: show every error */

  AdwEntryRow         *address_row;
  AdwEntryRow         *email_row;
  GtkLabel            *error_label;
  AdwEntryRow         *fax_row;
  AdwEntryRow         *kana_row;
  AdwComboRow         *kind_row;
  AdwComboRow         *municipality_row;
  AdwEntryRow         *name_row;
  GtkTextView         *notes_view;
  AdwEntryRow         *phone_row;
  AdwPreferencesGroup *services_group;
  AdwToastOverlay     *toast_overlay;
  AdwWindowTitle      *window_title;
};

G_DEFINE_FINAL_TYPE (TsuAgencyEditor, tsu_agency_editor, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Checks every field; marks those that are wrong. Returns the messages, one a line. */
static char *
validate (TsuAgencyEditor *self)
{
  g_autoptr(GString) errors = g_string_new (NULL);
  g_autofree char *name = tsu_form_dup_text (self->name_row);
  g_autofree char *phone = tsu_form_dup_code (self->phone_row);
  g_autofree char *fax = tsu_form_dup_code (self->fax_row);
  g_autofree char *email = tsu_form_dup_code (self->email_row);
  const char *name_error = NULL;
  const char *phone_error = tsu_contact_check_phone (phone);
  const char *fax_error = tsu_contact_check_phone (fax);
  const char *email_error = tsu_contact_check_email (email);

  if (name == NULL && self->tried)
    name_error = _("Required.");

  tsu_form_set_row_error (self->name_row, _("Name"), name_error);
  tsu_form_set_row_error (self->phone_row, _("Phone"), phone_error);
  tsu_form_set_row_error (self->fax_row, _("Fax"), fax_error);
  tsu_form_set_row_error (self->email_row, _("E-mail"), email_error);

  if (name == NULL)
    g_string_append_printf (errors, "%s\n", _("Enter the agency’s name."));
  if (phone_error != NULL)
    g_string_append_printf (errors, _("Phone: %s"), phone_error), g_string_append_c (errors, '\n');
  if (fax_error != NULL)
    g_string_append_printf (errors, _("Fax: %s"), fax_error), g_string_append_c (errors, '\n');
  if (email_error != NULL)
    g_string_append_printf (errors, _("E-mail: %s"), email_error), g_string_append_c (errors, '\n');

  if (errors->len == 0)
    return NULL;
  g_string_truncate (errors, errors->len - 1);
  return g_string_free (g_steal_pointer (&errors), FALSE);
}

static void
show_errors (TsuAgencyEditor *self,
             const char      *errors)
{
  gtk_label_set_text (self->error_label, errors != NULL ? errors : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), errors != NULL && self->tried);
}

static char *
services_text (TsuAgencyEditor *self)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < self->service_checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->service_checks, i);

      if (!gtk_check_button_get_active (check))
        continue;
      if (text->len > 0)
        g_string_append_c (text, ',');
      g_string_append (text, g_object_get_data (G_OBJECT (check), "code"));
    }
  return text->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

static void
fill_choices (TsuAgencyEditor *self)
{
  g_auto(GStrv) kinds = tsu_vocabulary_codes (TSU_VOCABULARY_AGENCY_KIND);
  g_auto(GStrv) services = tsu_vocabulary_codes (TSU_VOCABULARY_SERVICE);
  TsuChoiceItems *items = tsu_choice_items_new (NULL);
  g_autoptr(GListModel) municipalities = NULL;

  for (guint i = 0; kinds[i] != NULL; i++)
    tsu_choice_items_add (items, kinds[i], tsu_vocabulary_label (TSU_VOCABULARY_AGENCY_KIND,
                                                                 kinds[i]));
  tsu_choice_set_items (self->kind_row, items);

  items = tsu_choice_items_new (_("None"));
  municipalities = tsu_store_list (self->store, TSU_TYPE_MUNICIPALITY, "kana", NULL);
  for (guint i = 0; municipalities != NULL && i < g_list_model_get_n_items (municipalities); i++)
    {
      g_autoptr(TsuMunicipality) m = g_list_model_get_item (municipalities, i);

      tsu_choice_items_add_id (items, tsu_record_get_id (TSU_RECORD (m)),
                               tsu_municipality_get_name (m));
    }
  tsu_choice_set_items (self->municipality_row, items);

  for (guint i = 0; services[i] != NULL; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     tsu_vocabulary_label (TSU_VOCABULARY_SERVICE, services[i]));
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      g_object_set_data_full (G_OBJECT (check), "code", g_strdup (services[i]), g_free);
      adw_preferences_group_add (self->services_group, row);
      g_ptr_array_add (self->service_checks, check);
    }
}

static void
load (TsuAgencyEditor *self)
{
  TsuAgency *a = self->agency;
  g_auto(GStrv) services = NULL;
  const char *value;

#define SET_TEXT(row, text) gtk_editable_set_text (GTK_EDITABLE (row), (value = (text)) ? value : "")
  SET_TEXT (self->name_row, tsu_agency_get_name (a));
  SET_TEXT (self->kana_row, tsu_agency_get_kana (a));
  SET_TEXT (self->address_row, tsu_agency_get_address (a));
  SET_TEXT (self->phone_row, tsu_agency_get_phone (a));
  SET_TEXT (self->fax_row, tsu_agency_get_fax (a));
  SET_TEXT (self->email_row, tsu_agency_get_email (a));
#undef SET_TEXT
  tsu_form_set_text_view (self->notes_view, tsu_agency_get_notes (a));
  if (!tsu_choice_set_key (self->kind_row, tsu_agency_get_kind (a)))
    tsu_choice_set_key (self->kind_row, "other");
  tsu_choice_set_id (self->municipality_row, tsu_agency_get_municipality_id (a));

  services = g_strsplit (tsu_agency_get_services (a) != NULL ? tsu_agency_get_services (a) : "",
                         ",", -1);
  for (guint i = 0; i < self->service_checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->service_checks, i);
      const char *code = g_object_get_data (G_OBJECT (check), "code");

      gtk_check_button_set_active (check, g_strv_contains ((const char * const *) services, code));
    }

  adw_window_title_set_title (self->window_title,
                              tsu_record_get_id (TSU_RECORD (a)) == 0 ? _("New Agency")
                                                                      : _("Edit Agency"));
  adw_window_title_set_subtitle (self->window_title, tsu_agency_get_name (a));
}

/* Callbacks */

static void
field_changed_cb (TsuAgencyEditor *self)
{
  g_autofree char *errors = validate (self);

  show_errors (self, errors);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  tsu_agency_editor_save (TSU_AGENCY_EDITOR (widget));
}

/* Overrides */

static void
tsu_agency_editor_dispose (GObject *object)
{
  TsuAgencyEditor *self = TSU_AGENCY_EDITOR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), TSU_TYPE_AGENCY_EDITOR);
  g_clear_pointer (&self->service_checks, g_ptr_array_unref);
  g_clear_object (&self->agency);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (tsu_agency_editor_parent_class)->dispose (object);
}

static void
tsu_agency_editor_class_init (TsuAgencyEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tsu_agency_editor_dispose;

  /**
   * TsuAgencyEditor::saved:
   * @agency: the agency as it was saved
   *
   * Emitted after the agency was written to the store, before the window closes.
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, TSU_TYPE_AGENCY);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/tsunagu/Tsunagu/tsu-agency-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, TsuAgencyEditor, address_row);
  gtk_widget_class_bind_template_child (widget_class, TsuAgencyEditor, email_row);
  gtk_widget_class_bind_template_child (widget_class, TsuAgencyEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, TsuAgencyEditor, fax_row);
  gtk_widget_class_bind_template_child (widget_class, TsuAgencyEditor, kana_row);
  gtk_widget_class_bind_template_child (widget_class, TsuAgencyEditor, kind_row);
  gtk_widget_class_bind_template_child (widget_class, TsuAgencyEditor, municipality_row);
  gtk_widget_class_bind_template_child (widget_class, TsuAgencyEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, TsuAgencyEditor, notes_view);
  gtk_widget_class_bind_template_child (widget_class, TsuAgencyEditor, phone_row);
  gtk_widget_class_bind_template_child (widget_class, TsuAgencyEditor, services_group);
  gtk_widget_class_bind_template_child (widget_class, TsuAgencyEditor, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, TsuAgencyEditor, window_title);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
tsu_agency_editor_init (TsuAgencyEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->service_checks = g_ptr_array_new ();
  adw_combo_row_set_expression (self->kind_row, tsu_choice_expression_new ());
  adw_combo_row_set_expression (self->municipality_row, tsu_choice_expression_new ());
}

/* Public API */

/**
 * tsu_agency_editor_new:
 * @store: the store to save to
 * @agency: (nullable): the agency to edit, or %NULL for a new one
 *
 * Returns: (transfer full): a new editor; the agency given is not changed until Save
 */
TsuAgencyEditor *
tsu_agency_editor_new (TsuStore  *store,
                       TsuAgency *agency)
{
  TsuAgencyEditor *self;

  g_return_val_if_fail (TSU_IS_STORE (store), NULL);
  g_return_val_if_fail (agency == NULL || TSU_IS_AGENCY (agency), NULL);

  self = g_object_new (TSU_TYPE_AGENCY_EDITOR, NULL);
  self->store = g_object_ref (store);
  /* A copy, so that a failed save leaves the list's record as it was. */
  if (agency != NULL && tsu_record_get_id (TSU_RECORD (agency)) != 0)
    self->agency = tsu_store_load (store, TSU_TYPE_AGENCY, tsu_record_get_id (TSU_RECORD (agency)),
                                   NULL);
  if (self->agency == NULL)
    {
      self->agency = tsu_agency_new ();
      tsu_agency_set_kind (self->agency, "other");
    }

  fill_choices (self);
  load (self);
  return self;
}

/**
 * tsu_agency_editor_get_agency:
 *
 * Returns: (transfer none): the agency being edited (saved or not)
 */
TsuAgency *
tsu_agency_editor_get_agency (TsuAgencyEditor *self)
{
  g_return_val_if_fail (TSU_IS_AGENCY_EDITOR (self), NULL);

  return self->agency;
}

/**
 * tsu_agency_editor_dup_errors:
 *
 * Returns: (transfer full) (nullable): what is wrong with the form now, one a line
 */
char *
tsu_agency_editor_dup_errors (TsuAgencyEditor *self)
{
  g_return_val_if_fail (TSU_IS_AGENCY_EDITOR (self), NULL);

  return validate (self);
}

/**
 * tsu_agency_editor_save:
 *
 * Checks the form and saves the agency. On bad input the fields say what is wrong and
 * nothing is written; on an error of the store a toast says so and the form stays.
 *
 * Returns: whether the agency was saved (the window then closes)
 */
gboolean
tsu_agency_editor_save (TsuAgencyEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsuAgency) copy = NULL;
  g_autofree char *errors = NULL;
  TsuRecord *record;

  g_return_val_if_fail (TSU_IS_AGENCY_EDITOR (self), FALSE);

  self->tried = TRUE;
  errors = validate (self);
  show_errors (self, errors);
  if (errors != NULL)
    {
      adw_toast_overlay_add_toast (self->toast_overlay,
                                   adw_toast_new (_("Correct the marked fields to save.")));
      return FALSE;
    }

  /* Fill a copy, so that a refused save leaves the record as loaded. */
  copy = tsu_agency_new ();
  record = TSU_RECORD (copy);
  tsu_record_set_id (record, tsu_record_get_id (TSU_RECORD (self->agency)));
  tsu_record_take_text (record, TSU_AGENCY_FIELD_NAME, tsu_form_dup_text (self->name_row));
  tsu_record_take_text (record, TSU_AGENCY_FIELD_KANA, tsu_form_dup_text (self->kana_row));
  tsu_agency_set_kind (copy, tsu_choice_get_key (self->kind_row));
  tsu_agency_set_municipality_id (copy, tsu_choice_get_id (self->municipality_row));
  tsu_record_take_text (record, TSU_AGENCY_FIELD_ADDRESS, tsu_form_dup_text (self->address_row));
  tsu_record_take_text (record, TSU_AGENCY_FIELD_PHONE, tsu_form_dup_code (self->phone_row));
  tsu_record_take_text (record, TSU_AGENCY_FIELD_FAX, tsu_form_dup_code (self->fax_row));
  tsu_record_take_text (record, TSU_AGENCY_FIELD_EMAIL, tsu_form_dup_code (self->email_row));
  tsu_record_take_text (record, TSU_AGENCY_FIELD_SERVICES, services_text (self));
  tsu_record_take_text (record, TSU_AGENCY_FIELD_NOTES, tsu_form_dup_text_view (self->notes_view));

  if (!tsu_store_save (self->store, record, &error))
    {
      g_autofree char *escaped = g_markup_escape_text (error->message, -1);

      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (escaped));
      return FALSE;
    }

  g_set_object (&self->agency, copy);
  g_signal_emit (self, signals[SAVED], 0, self->agency);
  gtk_window_close (GTK_WINDOW (self));
  return TRUE;
}
