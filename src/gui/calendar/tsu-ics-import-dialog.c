/* tsu-ics-import-dialog.c
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tsu-ics-import-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "tsu-format.h"
#include "tsu-ical-import.h"
#include "tsu-ics-import-dialog.h"

/* The preview of an iCalendar import: which events of the file become new meetings,
 * which replace the meeting with the same UID, and which are left out and why. Import
 * writes all of it in one transaction, or nothing.
 *
 * Reading and planning the file, and applying the plan, run in a thread on a second
 * store of the same database (the core's TsuIcalPlan, see tsu-ical-import.h): a large
 * or broken file never holds up the window, and reading can be stopped. A result that
 * arrives after another file was chosen is dropped (generation counter). */

struct _TsuIcsImportDialog
{
  AdwWindow        parent_instance;

  TsuStore        *store;
  GFile           *file;
  GCancellable    *cancellable;    /* of the read under way */
  TsuIcalPlan     *plan;
  GtkNoSelection  *selection;      /* of the plan's rows */
  char            *message;
  guint            generation;
  gboolean         busy;
  gboolean         closed;
  gboolean         shown;          /* presented at least once */

  GtkLabel        *added_label;
  GtkStack        *content_stack;
  AdwStatusPage   *error_page;
  AdwActionRow    *file_row;
  GtkButton       *import_button;
  AdwStatusPage   *loading_page;
  GtkSpinner      *loading_spinner;
  GtkLabel        *message_label;
  GtkListView     *rows_view;
  GtkLabel        *skipped_label;
  GtkLabel        *updated_label;
  GtkSpinner      *spinner;
  AdwToastOverlay *toast_overlay;
  AdwWindowTitle  *window_title;
};

G_DEFINE_FINAL_TYPE (TsuIcsImportDialog, tsu_ics_import_dialog, ADW_TYPE_WINDOW)

enum {
  IMPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct {
  char        *database_path;
  GFile       *file;
  TsuIcalPlan *plan;         /* to apply */
  guint        generation;
} Job;

static void start_plan (TsuIcsImportDialog *self);

static void
job_free (Job *job)
{
  g_free (job->database_path);
  g_clear_object (&job->file);
  g_clear_object (&job->plan);
  g_free (job);
}

static guint
n_to_write (TsuIcalPlan *plan)
{
  return tsu_ical_plan_get_n_added (plan) + tsu_ical_plan_get_n_updated (plan);
}

static void
update_actions (TsuIcsImportDialog *self)
{
  gboolean can_import = !self->busy && self->plan != NULL && n_to_write (self->plan) > 0;

  gtk_spinner_set_spinning (self->spinner, self->busy && self->plan != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), self->busy && self->plan != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.apply", can_import);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.choose", !self->busy || self->plan == NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.stop", self->busy && self->plan == NULL);
}

static void
set_count (GtkLabel *label,
           guint     count)
{
  g_autofree char *text = g_strdup_printf ("%u", count);

  gtk_label_set_text (label, text);
}

static void
show_file_name (TsuIcsImportDialog *self)
{
  g_autofree char *name = NULL;
  g_autofree char *escaped = NULL;

  if (self->file != NULL)
    {
      g_autofree char *basename = g_file_get_basename (self->file);

      name = g_filename_display_name (basename != NULL ? basename : "");
    }
  /* The status page and the row read markup. */
  escaped = name != NULL ? g_markup_escape_text (name, -1) : NULL;
  adw_window_title_set_subtitle (self->window_title, name);
  adw_action_row_set_subtitle (self->file_row, escaped != NULL ? escaped : "");
  adw_status_page_set_description (self->loading_page, escaped);
}

static void
show_error (TsuIcsImportDialog *self,
            const char         *message)
{
  g_autofree char *escaped = g_markup_escape_text (message, -1);

  g_clear_pointer (&self->message, g_free);
  self->message = g_strdup (message);
  adw_status_page_set_description (self->error_page, escaped);
  gtk_stack_set_visible_child_name (self->content_stack, "error");
}

static void
show_plan (TsuIcsImportDialog *self)
{
  guint n_added = tsu_ical_plan_get_n_added (self->plan);
  guint n_updated = tsu_ical_plan_get_n_updated (self->plan);
  guint n_skipped = tsu_ical_plan_get_n_skipped (self->plan);

  g_clear_pointer (&self->message, g_free);
  if (tsu_ical_plan_is_empty (self->plan))
    self->message = g_strdup (_("The file holds no events."));
  else if (n_added + n_updated == 0)
    self->message = g_strdup (_("Nothing to import: every event in the file is skipped, for the "
                                "reasons listed."));

  set_count (self->added_label, n_added);
  set_count (self->updated_label, n_updated);
  set_count (self->skipped_label, n_skipped);
  gtk_label_set_text (self->message_label, self->message != NULL ? self->message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), self->message != NULL);

  gtk_no_selection_set_model (self->selection, G_LIST_MODEL (self->plan));
  gtk_stack_set_visible_child_name (self->content_stack, "preview");
}

static void
set_busy (TsuIcsImportDialog *self,
          gboolean            busy)
{
  self->busy = busy;
  gtk_spinner_set_spinning (self->loading_spinner, busy && self->plan == NULL);
  update_actions (self);
}

/* The rows of the preview */

static const char *
action_label (TsuIcalAction action)
{
  switch (action)
    {
    case TSU_ICAL_ACTION_ADD:
      /* Translators: what the import does with an event of the file: a new meeting */
      return C_("ics import", "New");
    case TSU_ICAL_ACTION_UPDATE:
      /* Translators: what the import does with an event of the file: replaces a meeting */
      return C_("ics import", "Update");
    case TSU_ICAL_ACTION_SKIP:
    default:
      /* Translators: what the import does with an event of the file: leaves it out */
      return C_("ics import", "Skip");
    }
}

static char *
row_when (TsuIcalPlanRow *row)
{
  TsuMeeting *meeting = tsu_ical_plan_row_get_meeting (row);
  gint64 starts_at = tsu_ical_plan_row_get_starts_at (row);
  g_autoptr(GDateTime) start = NULL;
  g_autofree char *day = NULL;
  g_autofree char *times = NULL;

  if (starts_at == 0)
    return NULL;
  start = tsu_format_local_time (starts_at);
  /* Translators: the day of an event in the import preview, in the format of
   * g_date_time_format(); e.g. "%Y年%-m月%-d日(%a)" for Japanese */
  day = g_date_time_format (start, _("%a, %b %-d, %Y"));
  if (meeting == NULL)
    return g_steal_pointer (&day);

  times = tsu_format_time_range (starts_at, MAX (tsu_meeting_get_ends_at (meeting), starts_at),
                                 tsu_meeting_get_all_day (meeting));
  g_strdelimit (times, "\n", ' ');
  /* Translators: a day and the times of an event, e.g. "Tue, Nov 24, 2026  14:00 – 15:30" */
  return g_strdup_printf (_("%s  %s"), day, times);
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *action = gtk_label_new (NULL);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *when = gtk_label_new (NULL);
  GtkWidget *reason = gtk_label_new (NULL);

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);

  gtk_widget_set_valign (action, GTK_ALIGN_START);
  gtk_widget_set_size_request (action, 72, -1);
  gtk_label_set_xalign (GTK_LABEL (action), 0);
  gtk_widget_add_css_class (action, "caption-heading");

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_xalign (GTK_LABEL (when), 0);
  gtk_widget_add_css_class (when, "dim-label");
  gtk_widget_add_css_class (when, "caption");
  gtk_label_set_xalign (GTK_LABEL (reason), 0);
  gtk_label_set_wrap (GTK_LABEL (reason), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (reason), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (reason, "caption");

  gtk_widget_set_hexpand (texts, TRUE);
  gtk_box_append (GTK_BOX (texts), title);
  gtk_box_append (GTK_BOX (texts), when);
  gtk_box_append (GTK_BOX (texts), reason);
  gtk_box_append (GTK_BOX (box), action);
  gtk_box_append (GTK_BOX (box), texts);
  gtk_list_item_set_child (item, box);
  gtk_list_item_set_activatable (item, FALSE);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  user_data)
{
  TsuIcalPlanRow *row = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *action = gtk_widget_get_first_child (box);
  GtkWidget *texts = gtk_widget_get_next_sibling (action);
  GtkWidget *title = gtk_widget_get_first_child (texts);
  GtkWidget *when = gtk_widget_get_next_sibling (title);
  GtkWidget *reason = gtk_widget_get_next_sibling (when);
  TsuIcalAction kind = tsu_ical_plan_row_get_action (row);
  const char *text = tsu_ical_plan_row_get_title (row);
  const char *why = tsu_ical_plan_row_get_reason (row);
  g_autofree char *when_text = row_when (row);
  g_autofree char *line = NULL;

  gtk_label_set_text (GTK_LABEL (action), action_label (kind));
  gtk_widget_remove_css_class (action, "success");
  gtk_widget_remove_css_class (action, "accent");
  gtk_widget_remove_css_class (action, "dim-label");
  gtk_widget_add_css_class (action, kind == TSU_ICAL_ACTION_ADD ? "success" :
                                    kind == TSU_ICAL_ACTION_UPDATE ? "accent" : "dim-label");

  gtk_label_set_text (GTK_LABEL (title), text != NULL && *text != '\0' ? text : _("(No title)"));

  if (when_text == NULL)
    {
      /* Translators: where an event without a date starts in the file */
      line = g_strdup_printf (_("Line %u of the file"), tsu_ical_plan_row_get_line (row));
      gtk_label_set_text (GTK_LABEL (when), line);
    }
  else
    gtk_label_set_text (GTK_LABEL (when), when_text);

  gtk_label_set_text (GTK_LABEL (reason), why != NULL ? why : "");
  gtk_widget_set_visible (reason, why != NULL && *why != '\0');
  if (kind == TSU_ICAL_ACTION_SKIP)
    gtk_widget_remove_css_class (reason, "warning");
  else
    gtk_widget_add_css_class (reason, "warning");
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
  g_autoptr(TsuStore) store = tsu_store_open (job->database_path, &error);
  TsuIcalPlan *plan;

  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  plan = tsu_ical_import_preview_file (store, job->file, cancellable, &error);
  if (plan == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, plan, g_object_unref);
}

static void
plan_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  TsuIcsImportDialog *self = TSU_ICS_IMPORT_DIALOG (object);
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(TsuIcalPlan) plan = g_task_propagate_pointer (G_TASK (result), &error);

  if (self->closed || job->generation != self->generation)
    return;

  set_busy (self, FALSE);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      gtk_stack_set_visible_child_name (self->content_stack, "choose");
      return;
    }
  if (plan == NULL)
    {
      show_error (self, error->message);
      update_actions (self);
      return;
    }

  g_set_object (&self->plan, plan);
  show_plan (self);
  update_actions (self);
}

static void
start_plan (TsuIcsImportDialog *self)
{
  g_autoptr(GTask) task = NULL;
  Job *job = g_new0 (Job, 1);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  job->database_path = g_strdup (tsu_database_get_path (tsu_store_get_database (self->store)));
  job->file = g_object_ref (self->file);
  job->generation = ++self->generation;

  g_clear_object (&self->plan);
  g_clear_pointer (&self->message, g_free);
  gtk_no_selection_set_model (self->selection, NULL);
  gtk_stack_set_visible_child_name (self->content_stack, "loading");
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

  if (store == NULL || !tsu_ical_import_apply (store, job->plan, NULL, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
apply_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  TsuIcsImportDialog *self = TSU_ICS_IMPORT_DIALOG (object);
  g_autoptr(GError) error = NULL;
  gboolean applied = g_task_propagate_boolean (G_TASK (result), &error);

  /* The window was closed while the meetings were written: they are written all
   * the same, and the calendar reads them when it is shown again. */
  if (self->closed)
    return;

  set_busy (self, FALSE);
  if (!applied)
    {
      g_autofree char *escaped = g_markup_escape_text (error->message, -1);

      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (escaped));
      /* The calendar changed since the preview: the preview is made again. */
      if (g_error_matches (error, TSU_ICAL_ERROR, TSU_ICAL_ERROR_STALE))
        start_plan (self);
      return;
    }

  g_signal_emit (self, signals[IMPORTED], 0, n_to_write (self->plan));
  gtk_window_close (GTK_WINDOW (self));
}

/* Choosing a file */

static void
choose_response_cb (GtkNativeDialog    *chooser,
                    int                 response,
                    TsuIcsImportDialog *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);

  if (file != NULL)
    {
      tsu_ics_import_dialog_set_file (self, file);
      gtk_window_present (GTK_WINDOW (self));
    }
  else if (!self->shown)
    /* Import Calendar… was given up before a file was chosen. */
    gtk_window_destroy (GTK_WINDOW (self));
}

/* A file dropped on the dialog replaces the one shown. */
static gboolean
drop_cb (GtkDropTarget      *target,
         const GValue       *value,
         double              x,
         double              y,
         TsuIcsImportDialog *self)
{
  g_autoptr(GFile) file = tsu_ics_import_dialog_file_from_value (value);

  if (file == NULL || (self->busy && self->plan != NULL))
    return FALSE;
  tsu_ics_import_dialog_set_file (self, file);
  return TRUE;
}

/* Actions */

static void
apply_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  tsu_ics_import_dialog_apply (TSU_ICS_IMPORT_DIALOG (widget));
}

static void
choose_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  tsu_ics_import_dialog_choose_file (TSU_ICS_IMPORT_DIALOG (widget));
}

static void
stop_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  tsu_ics_import_dialog_cancel (TSU_ICS_IMPORT_DIALOG (widget));
}

/* Overrides */

static void
tsu_ics_import_dialog_map (GtkWidget *widget)
{
  TSU_ICS_IMPORT_DIALOG (widget)->shown = TRUE;

  GTK_WIDGET_CLASS (tsu_ics_import_dialog_parent_class)->map (widget);
}

static gboolean
tsu_ics_import_dialog_close_request (GtkWindow *window)
{
  TsuIcsImportDialog *self = TSU_ICS_IMPORT_DIALOG (window);

  /* Stop reading; an import under way is written all the same (one transaction). */
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);

  return GTK_WINDOW_CLASS (tsu_ics_import_dialog_parent_class)->close_request (window);
}

static void
tsu_ics_import_dialog_dispose (GObject *object)
{
  TsuIcsImportDialog *self = TSU_ICS_IMPORT_DIALOG (object);

  self->closed = TRUE;
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), TSU_TYPE_ICS_IMPORT_DIALOG);
  g_clear_object (&self->selection);
  g_clear_object (&self->plan);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->file);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (tsu_ics_import_dialog_parent_class)->dispose (object);
}

static void
tsu_ics_import_dialog_finalize (GObject *object)
{
  TsuIcsImportDialog *self = TSU_ICS_IMPORT_DIALOG (object);

  g_free (self->message);

  G_OBJECT_CLASS (tsu_ics_import_dialog_parent_class)->finalize (object);
}

static void
tsu_ics_import_dialog_class_init (TsuIcsImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = tsu_ics_import_dialog_dispose;
  object_class->finalize = tsu_ics_import_dialog_finalize;
  widget_class->map = tsu_ics_import_dialog_map;
  window_class->close_request = tsu_ics_import_dialog_close_request;

  /**
   * TsuIcsImportDialog::imported:
   * @count: how many meetings were added or updated
   *
   * Emitted after the meetings were written, in one transaction, before the dialog
   * closes. They were written by another store: the window reads them again.
   */
  signals[IMPORTED] = g_signal_new ("imported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/tsunagu/Tsunagu/tsu-ics-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TsuIcsImportDialog, added_label);
  gtk_widget_class_bind_template_child (widget_class, TsuIcsImportDialog, content_stack);
  gtk_widget_class_bind_template_child (widget_class, TsuIcsImportDialog, error_page);
  gtk_widget_class_bind_template_child (widget_class, TsuIcsImportDialog, file_row);
  gtk_widget_class_bind_template_child (widget_class, TsuIcsImportDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, TsuIcsImportDialog, loading_page);
  gtk_widget_class_bind_template_child (widget_class, TsuIcsImportDialog, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, TsuIcsImportDialog, message_label);
  gtk_widget_class_bind_template_child (widget_class, TsuIcsImportDialog, rows_view);
  gtk_widget_class_bind_template_child (widget_class, TsuIcsImportDialog, skipped_label);
  gtk_widget_class_bind_template_child (widget_class, TsuIcsImportDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, TsuIcsImportDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, TsuIcsImportDialog, updated_label);
  gtk_widget_class_bind_template_child (widget_class, TsuIcsImportDialog, window_title);

  gtk_widget_class_install_action (widget_class, "import.apply", NULL, apply_action);
  gtk_widget_class_install_action (widget_class, "import.choose", NULL, choose_action);
  gtk_widget_class_install_action (widget_class, "import.stop", NULL, stop_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "import.choose", NULL);
}

static void
tsu_ics_import_dialog_init (TsuIcsImportDialog *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GtkDropTarget *target;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->selection = gtk_no_selection_new (NULL);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  gtk_list_view_set_factory (self->rows_view, factory);
  gtk_list_view_set_model (self->rows_view, GTK_SELECTION_MODEL (self->selection));

  target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  gtk_drop_target_set_gtypes (target, (GType[2]) { GDK_TYPE_FILE_LIST, G_TYPE_FILE }, 2);
  g_signal_connect (target, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));

  update_actions (self);
}

/* Public API */

/**
 * tsu_ics_import_dialog_new:
 * @store: the store to import into
 * @file: (nullable): the .ics file, or %NULL to choose one
 *
 * Returns: (transfer full): a dialog that starts reading @file at once
 */
TsuIcsImportDialog *
tsu_ics_import_dialog_new (TsuStore *store,
                           GFile    *file)
{
  TsuIcsImportDialog *self;

  g_return_val_if_fail (TSU_IS_STORE (store), NULL);
  g_return_val_if_fail (file == NULL || G_IS_FILE (file), NULL);

  self = g_object_new (TSU_TYPE_ICS_IMPORT_DIALOG, NULL);
  self->store = g_object_ref (store);
  if (file != NULL)
    tsu_ics_import_dialog_set_file (self, file);
  return self;
}

/**
 * tsu_ics_import_dialog_get_file:
 *
 * Returns: (transfer none) (nullable): the file shown
 */
GFile *
tsu_ics_import_dialog_get_file (TsuIcsImportDialog *self)
{
  g_return_val_if_fail (TSU_IS_ICS_IMPORT_DIALOG (self), NULL);

  return self->file;
}

/**
 * tsu_ics_import_dialog_set_file:
 * @file: an .ics file
 *
 * Reads @file off the main thread and shows what importing it would do.
 */
void
tsu_ics_import_dialog_set_file (TsuIcsImportDialog *self,
                                GFile              *file)
{
  g_return_if_fail (TSU_IS_ICS_IMPORT_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file));

  g_set_object (&self->file, file);
  show_file_name (self);
  start_plan (self);
}

/**
 * tsu_ics_import_dialog_choose_file:
 *
 * Asks for an .ics file, then reads it. A dialog not shown yet is shown once a file
 * is chosen, and goes away when none is.
 */
void
tsu_ics_import_dialog_choose_file (TsuIcsImportDialog *self)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();
  GtkWindow *parent;
  GtkFileChooserNative *chooser;

  g_return_if_fail (TSU_IS_ICS_IMPORT_DIALOG (self));

  parent = self->shown ? GTK_WINDOW (self) : gtk_window_get_transient_for (GTK_WINDOW (self));
  chooser = gtk_file_chooser_native_new (_("Import Calendar"), parent, GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_filter_set_name (filter, _("iCalendar files"));
  gtk_file_filter_add_mime_type (filter, "text/calendar");
  gtk_file_filter_add_suffix (filter, "ics");
  gtk_file_filter_add_suffix (filter, "ical");
  gtk_file_filter_add_suffix (filter, "ifb");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
  gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect_object (chooser, "response", G_CALLBACK (choose_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/**
 * tsu_ics_import_dialog_get_busy:
 *
 * Returns: whether the file is being read or imported
 */
gboolean
tsu_ics_import_dialog_get_busy (TsuIcsImportDialog *self)
{
  g_return_val_if_fail (TSU_IS_ICS_IMPORT_DIALOG (self), FALSE);

  return self->busy;
}

/**
 * tsu_ics_import_dialog_get_counts:
 *
 * Returns: %FALSE when there is no preview (still reading, or the file cannot be read)
 */
gboolean
tsu_ics_import_dialog_get_counts (TsuIcsImportDialog *self,
                                  guint              *n_added,
                                  guint              *n_updated,
                                  guint              *n_skipped)
{
  g_return_val_if_fail (TSU_IS_ICS_IMPORT_DIALOG (self), FALSE);

  if (self->plan == NULL)
    return FALSE;
  if (n_added != NULL)
    *n_added = tsu_ical_plan_get_n_added (self->plan);
  if (n_updated != NULL)
    *n_updated = tsu_ical_plan_get_n_updated (self->plan);
  if (n_skipped != NULL)
    *n_skipped = tsu_ical_plan_get_n_skipped (self->plan);
  return TRUE;
}

/**
 * tsu_ics_import_dialog_get_rows:
 *
 * Returns: (transfer none) (nullable): the rows the preview lists (#TsuIcalPlanRow)
 */
GListModel *
tsu_ics_import_dialog_get_rows (TsuIcsImportDialog *self)
{
  g_return_val_if_fail (TSU_IS_ICS_IMPORT_DIALOG (self), NULL);

  return gtk_no_selection_get_model (self->selection);
}

/**
 * tsu_ics_import_dialog_get_message:
 *
 * Returns: (nullable): why the file cannot be imported, or what the preview says
 *   above the list
 */
const char *
tsu_ics_import_dialog_get_message (TsuIcsImportDialog *self)
{
  g_return_val_if_fail (TSU_IS_ICS_IMPORT_DIALOG (self), NULL);

  return self->message;
}

/**
 * tsu_ics_import_dialog_get_first_day:
 * @day: (out caller-allocates): the day of the earliest meeting to be written
 *
 * Returns: %FALSE when the preview writes no meeting
 */
gboolean
tsu_ics_import_dialog_get_first_day (TsuIcsImportDialog *self,
                                     GDate              *day)
{
  gint64 first = 0;
  guint n;

  g_return_val_if_fail (TSU_IS_ICS_IMPORT_DIALOG (self), FALSE);
  g_return_val_if_fail (day != NULL, FALSE);

  if (self->plan == NULL)
    return FALSE;
  n = g_list_model_get_n_items (G_LIST_MODEL (self->plan));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TsuIcalPlanRow) row = g_list_model_get_item (G_LIST_MODEL (self->plan), i);
      gint64 starts_at = tsu_ical_plan_row_get_starts_at (row);

      if (tsu_ical_plan_row_get_action (row) != TSU_ICAL_ACTION_SKIP && starts_at != 0 &&
          (first == 0 || starts_at < first))
        first = starts_at;
    }
  if (first == 0)
    return FALSE;

  {
    g_autoptr(GDateTime) start = tsu_format_local_time (first);

    g_date_clear (day, 1);
    g_date_set_dmy (day, g_date_time_get_day_of_month (start), g_date_time_get_month (start),
                    g_date_time_get_year (start));
  }
  return TRUE;
}

/**
 * tsu_ics_import_dialog_cancel:
 *
 * Stops reading the file, as Stop does.
 */
void
tsu_ics_import_dialog_cancel (TsuIcsImportDialog *self)
{
  g_return_if_fail (TSU_IS_ICS_IMPORT_DIALOG (self));

  if (self->busy && self->plan == NULL && self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

/**
 * tsu_ics_import_dialog_apply:
 *
 * Writes the previewed meetings in one transaction, off the main thread; does nothing
 * while Import is disabled.
 */
void
tsu_ics_import_dialog_apply (TsuIcsImportDialog *self)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  g_return_if_fail (TSU_IS_ICS_IMPORT_DIALOG (self));

  if (self->busy || self->plan == NULL || n_to_write (self->plan) == 0)
    return;

  job = g_new0 (Job, 1);
  job->database_path = g_strdup (tsu_database_get_path (tsu_store_get_database (self->store)));
  job->plan = g_object_ref (self->plan);
  set_busy (self, TRUE);

  task = g_task_new (self, NULL, apply_done_cb, NULL);
  g_task_set_source_tag (task, tsu_ics_import_dialog_apply);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, apply_thread);
}

/**
 * tsu_ics_import_dialog_file_from_value:
 * @value: what was dropped: a #GdkFileList or a #GFile
 *
 * Returns: (transfer full) (nullable): the first .ics file in @value, else its first
 *   file (the import says what is wrong with it), or %NULL
 */
GFile *
tsu_ics_import_dialog_file_from_value (const GValue *value)
{
  GFile *first = NULL;
  GSList *files;

  g_return_val_if_fail (value != NULL, NULL);

  if (G_VALUE_HOLDS (value, G_TYPE_FILE))
    {
      GFile *file = g_value_get_object (value);

      return file != NULL ? g_object_ref (file) : NULL;
    }
  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST) || g_value_get_boxed (value) == NULL)
    return NULL;

  files = gdk_file_list_get_files (g_value_get_boxed (value));
  for (GSList *l = files; l != NULL; l = l->next)
    {
      g_autofree char *name = g_file_get_basename (l->data);
      g_autofree char *lower = name != NULL ? g_ascii_strdown (name, -1) : NULL;

      if (lower != NULL && g_str_has_suffix (lower, ".ics"))
        {
          first = l->data;
          break;
        }
    }
  if (first == NULL && files != NULL)
    first = files->data;
  if (first != NULL)
    g_object_ref (first);
  g_slist_free (files);
  return first;
}
