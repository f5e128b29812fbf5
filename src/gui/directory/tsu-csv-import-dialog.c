/* tsu-csv-import-dialog.c
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tsu-csv-import-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "tsu-csv-import-dialog.h"

/* The preview of a CSV import: how many rows are new, how many duplicate what the
 * directory holds, and which rows are wrong, by line number, in the encoding that was
 * detected (or chosen: Excel in Japan saves Shift_JIS). Import stays disabled while a
 * row is wrong, so that nothing is half-imported.
 *
 * Reading and planning the file, and applying the plan, run in a thread on a second
 * store of the same database; a result that arrives after the options changed again
 * is dropped (generation counter). */

#define MAX_LISTED 200

struct _TsuCsvImportDialog
{
  AdwWindow            parent_instance;

  TsuStore            *store;
  GFile               *file;
  GCancellable        *cancellable;
  TsuCsvPlan          *plan;
  char                *message;
  guint                generation;
  gboolean             busy;
  GPtrArray           *listed_rows;  /* rows added to the two lists */

  AdwActionRow        *bad_row;
  GtkLabel            *bad_label;
  GtkLabel            *duplicate_label;
  AdwActionRow        *duplicate_row;
  AdwPreferencesGroup *duplicates_group;
  AdwComboRow         *encoding_row;
  AdwActionRow        *file_row;
  GtkButton           *import_button;
  AdwComboRow         *kind_row;
  GtkLabel            *message_label;
  GtkLabel            *new_label;
  AdwActionRow        *new_row;
  AdwPreferencesGroup *problems_group;
  GtkSpinner          *spinner;
  AdwToastOverlay     *toast_overlay;
  AdwWindowTitle      *window_title;
};

G_DEFINE_FINAL_TYPE (TsuCsvImportDialog, tsu_csv_import_dialog, ADW_TYPE_WINDOW)

enum {
  IMPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct {
  char           *database_path;
  GFile          *file;
  TsuCsvKind      kind;
  TsuCsvEncoding  encoding;
  TsuCsvPlan     *plan;       /* to apply */
  guint           generation;
} Job;

static void
job_free (Job *job)
{
  g_free (job->database_path);
  g_clear_object (&job->file);
  g_clear_pointer (&job->plan, tsu_csv_plan_free);
  g_free (job);
}

static TsuCsvKind
selected_kind (TsuCsvImportDialog *self)
{
  return adw_combo_row_get_selected (self->kind_row) == 1 ? TSU_CSV_PERSONS : TSU_CSV_AGENCIES;
}

static TsuCsvEncoding
selected_encoding (TsuCsvImportDialog *self)
{
  switch (adw_combo_row_get_selected (self->encoding_row))
    {
    case 1:
      return TSU_CSV_ENCODING_UTF8;
    case 2:
      return TSU_CSV_ENCODING_CP932;
    default:
      return TSU_CSV_ENCODING_AUTO;
    }
}

static void
set_busy (TsuCsvImportDialog *self,
          gboolean            busy)
{
  guint n_problems = 0;
  guint n_new = 0;

  self->busy = busy;
  gtk_spinner_set_spinning (self->spinner, busy);
  if (self->plan != NULL)
    {
      n_problems = tsu_csv_plan_get_problems (self->plan)->len;
      n_new = tsu_csv_plan_get_new (self->plan)->len;
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.apply",
                                 !busy && self->plan != NULL && n_problems == 0 && n_new > 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->kind_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->encoding_row), !busy);
}

static void
clear_lists (TsuCsvImportDialog *self)
{
  for (guint i = 0; i < self->listed_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->listed_rows, i);
      GtkWidget *group = gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP);

      if (group != NULL)
        adw_preferences_group_remove (ADW_PREFERENCES_GROUP (group), row);
    }
  g_ptr_array_set_size (self->listed_rows, 0);
}

static void
fill_list (TsuCsvImportDialog  *self,
           AdwPreferencesGroup *group,
           GPtrArray           *problems)
{
  for (guint i = 0; i < problems->len && i <= MAX_LISTED; i++)
    {
      TsuCsvProblem *p = g_ptr_array_index (problems, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;

      if (i == MAX_LISTED)
        {
          guint more = problems->len - MAX_LISTED;

          title = g_strdup_printf (ngettext ("And %u more row", "And %u more rows", more), more);
        }
      else
        {
          /* Translators: a row of the CSV file, by its line number */
          title = g_strdup_printf (_("Line %u"), p->line);
          subtitle = g_markup_escape_text (p->message, -1);
        }
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      if (subtitle != NULL)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_preferences_group_add (group, row);
      g_ptr_array_add (self->listed_rows, row);
    }
}

static void
set_count (GtkLabel *label,
           guint     count)
{
  g_autofree char *text = g_strdup_printf ("%u", count);

  gtk_label_set_text (label, text);
}

static void
show_plan (TsuCsvImportDialog *self,
           const GError       *error)
{
  GPtrArray *problems = self->plan != NULL ? tsu_csv_plan_get_problems (self->plan) : NULL;
  GPtrArray *duplicates = self->plan != NULL ? tsu_csv_plan_get_duplicates (self->plan) : NULL;
  GPtrArray *records = self->plan != NULL ? tsu_csv_plan_get_new (self->plan) : NULL;

  clear_lists (self);
  g_clear_pointer (&self->message, g_free);

  if (error != NULL)
    self->message = g_strdup (error->message);
  else if (problems->len > 0)
    self->message = g_strdup_printf (ngettext ("%u row has a problem, so nothing can be imported yet.",
                                               "%u rows have problems, so nothing can be imported yet.",
                                               problems->len), problems->len);
  else if (records->len == 0)
    self->message = g_strdup (_("The file holds no new rows."));

  gtk_label_set_text (self->message_label, self->message != NULL ? self->message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), self->message != NULL);
  if (error != NULL || (problems != NULL && problems->len > 0))
    gtk_widget_add_css_class (GTK_WIDGET (self->message_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->message_label), "error");

  set_count (self->new_label, records != NULL ? records->len : 0);
  set_count (self->duplicate_label, duplicates != NULL ? duplicates->len : 0);
  set_count (self->bad_label, problems != NULL ? problems->len : 0);
  if (problems != NULL && problems->len > 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->bad_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->bad_label), "error");

  if (self->plan != NULL)
    {
      /* Translators: the encoding the file was read in, e.g. "Detected: Shift_JIS" */
      g_autofree char *detected = g_strdup_printf (_("Read as %s"),
                                                   tsu_csv_plan_get_encoding (self->plan));

      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->encoding_row), detected);
      fill_list (self, self->problems_group, problems);
      fill_list (self, self->duplicates_group, duplicates);
    }
  else
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self->encoding_row), "");

  gtk_widget_set_visible (GTK_WIDGET (self->problems_group), problems != NULL && problems->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->duplicates_group),
                          duplicates != NULL && duplicates->len > 0);
}

/* Planning */

static void
plan_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(TsuStore) store = NULL;
  g_autoptr(GBytes) contents = NULL;
  g_autoptr(GFileInfo) info = NULL;
  TsuCsvPlan *plan;

  info = g_file_query_info (job->file, G_FILE_ATTRIBUTE_STANDARD_SIZE, 0, cancellable, &error);
  if (info == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (g_file_info_get_size (info) > TSU_CSV_MAX_BYTES)
    {
      g_task_return_new_error (task, TSU_DATABASE_ERROR, TSU_DATABASE_ERROR_INVALID,
                               _("The file is too large to be a CSV file of the directory."));
      return;
    }

  contents = g_file_load_bytes (job->file, cancellable, NULL, &error);
  if (contents == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  store = tsu_store_open (job->database_path, &error);
  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  plan = tsu_csv_plan_new (store, job->kind, contents, job->encoding, &error);
  if (plan == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, plan, (GDestroyNotify) tsu_csv_plan_free);
}

static void
plan_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  TsuCsvImportDialog *self = TSU_CSV_IMPORT_DIALOG (object);
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  TsuCsvPlan *plan = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (job->generation != self->generation)
    {
      g_clear_pointer (&plan, tsu_csv_plan_free);
      return;
    }

  g_clear_pointer (&self->plan, tsu_csv_plan_free);
  self->plan = plan;
  show_plan (self, error);
  set_busy (self, FALSE);
}

static void
start_plan (TsuCsvImportDialog *self)
{
  g_autoptr(GTask) task = NULL;
  Job *job = g_new0 (Job, 1);

  job->database_path = g_strdup (tsu_database_get_path (tsu_store_get_database (self->store)));
  job->file = g_object_ref (self->file);
  job->kind = selected_kind (self);
  job->encoding = selected_encoding (self);
  job->generation = ++self->generation;

  g_clear_pointer (&self->plan, tsu_csv_plan_free);
  set_busy (self, TRUE);

  task = g_task_new (self, self->cancellable, plan_done_cb, NULL);
  g_task_set_source_tag (task, start_plan);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, plan_thread);
}

/* Applying */

static void
apply_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(TsuStore) store = tsu_store_open (job->database_path, &error);

  if (store == NULL || !tsu_csv_plan_apply (job->plan, store, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_int (task, tsu_csv_plan_get_new (job->plan)->len);
}

static void
apply_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  TsuCsvImportDialog *self = TSU_CSV_IMPORT_DIALOG (object);
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  gssize count = g_task_propagate_int (G_TASK (result), &error);

  /* The window was closed while the rows were written. */
  if (self->listed_rows == NULL)
    return;

  /* The plan comes back to the dialog, so that a failed import can be tried again. */
  self->plan = g_steal_pointer (&job->plan);
  set_busy (self, FALSE);

  if (error != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (error->message, -1);

      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (escaped));
      return;
    }

  g_signal_emit (self, signals[IMPORTED], 0, (guint) count);
  gtk_window_close (GTK_WINDOW (self));
}

/* Callbacks */

static void
options_changed_cb (TsuCsvImportDialog *self)
{
  if (self->file != NULL)
    start_plan (self);
}

static void
apply_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  tsu_csv_import_dialog_apply (TSU_CSV_IMPORT_DIALOG (widget));
}

/* Overrides */

static void
tsu_csv_import_dialog_dispose (GObject *object)
{
  TsuCsvImportDialog *self = TSU_CSV_IMPORT_DIALOG (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), TSU_TYPE_CSV_IMPORT_DIALOG);
  g_clear_pointer (&self->listed_rows, g_ptr_array_unref);
  g_clear_pointer (&self->plan, tsu_csv_plan_free);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->file);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (tsu_csv_import_dialog_parent_class)->dispose (object);
}

static void
tsu_csv_import_dialog_finalize (GObject *object)
{
  TsuCsvImportDialog *self = TSU_CSV_IMPORT_DIALOG (object);

  g_free (self->message);

  G_OBJECT_CLASS (tsu_csv_import_dialog_parent_class)->finalize (object);
}

static void
tsu_csv_import_dialog_class_init (TsuCsvImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tsu_csv_import_dialog_dispose;
  object_class->finalize = tsu_csv_import_dialog_finalize;

  /**
   * TsuCsvImportDialog::imported:
   * @count: how many rows were added
   *
   * Emitted after the rows were written, in one transaction, before the dialog closes.
   */
  signals[IMPORTED] = g_signal_new ("imported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/tsunagu/Tsunagu/tsu-csv-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TsuCsvImportDialog, bad_label);
  gtk_widget_class_bind_template_child (widget_class, TsuCsvImportDialog, bad_row);
  gtk_widget_class_bind_template_child (widget_class, TsuCsvImportDialog, duplicate_label);
  gtk_widget_class_bind_template_child (widget_class, TsuCsvImportDialog, duplicate_row);
  gtk_widget_class_bind_template_child (widget_class, TsuCsvImportDialog, duplicates_group);
  gtk_widget_class_bind_template_child (widget_class, TsuCsvImportDialog, encoding_row);
  gtk_widget_class_bind_template_child (widget_class, TsuCsvImportDialog, file_row);
  gtk_widget_class_bind_template_child (widget_class, TsuCsvImportDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, TsuCsvImportDialog, kind_row);
  gtk_widget_class_bind_template_child (widget_class, TsuCsvImportDialog, message_label);
  gtk_widget_class_bind_template_child (widget_class, TsuCsvImportDialog, new_label);
  gtk_widget_class_bind_template_child (widget_class, TsuCsvImportDialog, new_row);
  gtk_widget_class_bind_template_child (widget_class, TsuCsvImportDialog, problems_group);
  gtk_widget_class_bind_template_child (widget_class, TsuCsvImportDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, TsuCsvImportDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, TsuCsvImportDialog, window_title);
  gtk_widget_class_bind_template_callback (widget_class, options_changed_cb);

  gtk_widget_class_install_action (widget_class, "import.apply", NULL, apply_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
tsu_csv_import_dialog_init (TsuCsvImportDialog *self)
{
  self->listed_rows = g_ptr_array_new ();
  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.apply", FALSE);
}

/* Public API */

/**
 * tsu_csv_import_dialog_new:
 * @store: the store to import into
 * @file: the CSV file
 * @kind: what the file holds, as first guessed
 *
 * Returns: (transfer full): a dialog that starts reading @file at once
 */
TsuCsvImportDialog *
tsu_csv_import_dialog_new (TsuStore   *store,
                           GFile      *file,
                           TsuCsvKind  kind)
{
  TsuCsvImportDialog *self;
  g_autofree char *name = NULL;

  g_return_val_if_fail (TSU_IS_STORE (store), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  self = g_object_new (TSU_TYPE_CSV_IMPORT_DIALOG, NULL);
  self->store = g_object_ref (store);
  adw_combo_row_set_selected (self->kind_row, kind == TSU_CSV_PERSONS ? 1 : 0);

  name = g_file_get_basename (file);
  adw_action_row_set_subtitle (self->file_row, name);
  adw_window_title_set_subtitle (self->window_title, name);

  self->file = g_object_ref (file);
  start_plan (self);
  return self;
}

/**
 * tsu_csv_import_dialog_get_busy:
 *
 * Returns: whether the file is being read or imported
 */
gboolean
tsu_csv_import_dialog_get_busy (TsuCsvImportDialog *self)
{
  g_return_val_if_fail (TSU_IS_CSV_IMPORT_DIALOG (self), FALSE);

  return self->busy;
}

/**
 * tsu_csv_import_dialog_get_counts:
 *
 * Returns: %FALSE when there is no plan (still reading, or the file cannot be read)
 */
gboolean
tsu_csv_import_dialog_get_counts (TsuCsvImportDialog *self,
                                  guint              *n_new,
                                  guint              *n_duplicates,
                                  guint              *n_problems)
{
  g_return_val_if_fail (TSU_IS_CSV_IMPORT_DIALOG (self), FALSE);

  if (self->plan == NULL)
    return FALSE;
  if (n_new != NULL)
    *n_new = tsu_csv_plan_get_new (self->plan)->len;
  if (n_duplicates != NULL)
    *n_duplicates = tsu_csv_plan_get_duplicates (self->plan)->len;
  if (n_problems != NULL)
    *n_problems = tsu_csv_plan_get_problems (self->plan)->len;
  return TRUE;
}

/**
 * tsu_csv_import_dialog_set_encoding:
 *
 * Reads the file again in @encoding, as choosing it in the dialog does.
 */
void
tsu_csv_import_dialog_set_encoding (TsuCsvImportDialog *self,
                                    TsuCsvEncoding      encoding)
{
  g_return_if_fail (TSU_IS_CSV_IMPORT_DIALOG (self));

  adw_combo_row_set_selected (self->encoding_row,
                              encoding == TSU_CSV_ENCODING_UTF8 ? 1 :
                              encoding == TSU_CSV_ENCODING_CP932 ? 2 : 0);
}

/**
 * tsu_csv_import_dialog_get_message:
 *
 * Returns: (nullable): the message the preview shows above the counts
 */
const char *
tsu_csv_import_dialog_get_message (TsuCsvImportDialog *self)
{
  g_return_val_if_fail (TSU_IS_CSV_IMPORT_DIALOG (self), NULL);

  return self->message;
}

/**
 * tsu_csv_import_dialog_apply:
 *
 * Imports the new rows in one transaction, off the main thread; does nothing while
 * the Import button is disabled.
 */
void
tsu_csv_import_dialog_apply (TsuCsvImportDialog *self)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  g_return_if_fail (TSU_IS_CSV_IMPORT_DIALOG (self));

  if (self->busy || self->plan == NULL || tsu_csv_plan_get_new (self->plan)->len == 0 ||
      tsu_csv_plan_get_problems (self->plan)->len > 0)
    return;

  job = g_new0 (Job, 1);
  job->database_path = g_strdup (tsu_database_get_path (tsu_store_get_database (self->store)));
  job->plan = g_steal_pointer (&self->plan);
  set_busy (self, TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.apply", FALSE);

  task = g_task_new (self, NULL, apply_done_cb, NULL);
  g_task_set_source_tag (task, tsu_csv_import_dialog_apply);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, apply_thread);
}
