/* tsu-audit-dialog.c
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tsu-audit-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "tsu-audit-dialog.h"
#include "tsu-format.h"

/* The audit log of one case (監査ログ, DESIGN.md): who (the OS user) created, changed,
 * confirmed or deleted what of the case, its team, consent, consultations, meetings
 * and minutes, and when; newest first, filtered by the kind of change, exported as
 * CSV for Excel. The lines name rows by code, agency or date only (src/core/tsu-audit.c),
 * so the dialog shows no child's name whatever "hide names" says. The list is read
 * again when the store says something changed, another program's commits included. */

struct _TsuAuditDialog
{
  AdwWindow           parent_instance;

  TsuStore           *store;
  gint64              case_id;
  char               *case_code;
  GListStore         *lines;
  GtkCustomFilter    *filter;
  GtkFilterListModel *shown;
  guint               reload_source;

  GtkDropDown        *action_filter;
  GtkColumnView      *column_view;
  GtkLabel           *footer_label;
  GtkStack           *stack;
  AdwToastOverlay    *toast_overlay;
  AdwWindowTitle     *window_title;
};

G_DEFINE_FINAL_TYPE (TsuAuditDialog, tsu_audit_dialog, ADW_TYPE_WINDOW)

/* In the order of the drop-down's items after "All Changes". */
static const char *const filter_actions[] = { "insert", "update", "confirm", "delete" };

typedef enum {
  COLUMN_DATE,
  COLUMN_USER,
  COLUMN_ACTION,
  COLUMN_WHAT,
} Column;

static void
update_state (TsuAuditDialog *self)
{
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->shown));
  guint total = g_list_model_get_n_items (G_LIST_MODEL (self->lines));
  g_autofree char *footer = NULL;

  gtk_stack_set_visible_child_name (self->stack, shown > 0 ? "list" : "empty");
  if (shown == total)
    footer = g_strdup_printf (ngettext ("%u change", "%u changes", total), total);
  else
    /* TRANSLATORS: the lines shown with a filter, e.g. "3 of 12 changes" */
    footer = g_strdup_printf (ngettext ("%u of %u change", "%u of %u changes", total), shown, total);
  gtk_label_set_text (self->footer_label, footer);
}

static void
reload (TsuAuditDialog *self)
{
  g_autoptr(GListModel) lines = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  if (self->store == NULL)
    return;
  lines = tsu_audit_list (self->store, self->case_id, &error);
  if (lines == NULL)
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return;
    }
  for (guint i = 0; i < g_list_model_get_n_items (lines); i++)
    g_ptr_array_add (items, g_list_model_get_item (lines, i));
  g_list_store_splice (self->lines, 0, g_list_model_get_n_items (G_LIST_MODEL (self->lines)),
                       items->pdata, items->len);
  update_state (self);
}

static gboolean
reload_idle_cb (gpointer user_data)
{
  TsuAuditDialog *self = user_data;

  self->reload_source = 0;
  reload (self);
  return G_SOURCE_REMOVE;
}

static void
store_changed_cb (TsuStore       *store,
                  const char     *table,
                  TsuAuditDialog *self)
{
  if (self->reload_source == 0)
    self->reload_source = g_idle_add (reload_idle_cb, self);
}

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  TsuAuditDialog *self = user_data;
  guint selected = gtk_drop_down_get_selected (self->action_filter);

  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION || selected > G_N_ELEMENTS (filter_actions))
    return TRUE;
  return g_strcmp0 (tsu_audit_line_get_action (TSU_AUDIT_LINE (item)), filter_actions[selected - 1]) == 0;
}

static void
action_filter_changed_cb (TsuAuditDialog *self)
{
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_state (self);
}

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (item, label);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  TsuAuditLine *line = gtk_list_item_get_item (item);
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (item));
  g_autofree char *text = NULL;

  switch ((Column) GPOINTER_TO_INT (user_data))
    {
    case COLUMN_DATE:
      {
        g_autoptr(GDateTime) when = tsu_format_local_time (tsu_audit_line_get_at (line));

        text = g_date_time_format (when, "%Y-%m-%d %H:%M");
        gtk_label_set_text (label, text);
      }
      break;
    case COLUMN_USER:
      gtk_label_set_text (label, tsu_audit_line_get_user_name (line));
      break;
    case COLUMN_ACTION:
      gtk_label_set_text (label, tsu_audit_action_label (tsu_audit_line_get_action (line)));
      break;
    case COLUMN_WHAT:
    default:
      gtk_label_set_text (label, tsu_audit_line_get_summary (line));
      gtk_widget_set_tooltip_text (GTK_WIDGET (label), tsu_audit_line_get_summary (line));
      break;
    }
}

static void
add_column (TsuAuditDialog *self,
            const char     *title,
            Column          column,
            gboolean        expand)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkColumnViewColumn) view_column = NULL;

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), GINT_TO_POINTER (column));
  view_column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_expand (view_column, expand);
  gtk_column_view_column_set_resizable (view_column, TRUE);
  gtk_column_view_append_column (self->column_view, view_column);
}

static void
export_response_cb (GtkNativeDialog *chooser,
                    int              response,
                    TsuAuditDialog  *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_object_unref (chooser);
  if (file == NULL)
    return;

  if (tsu_audit_dialog_export_to (self, file, &error))
    {
      g_autofree char *name = g_file_get_basename (file);
      /* TRANSLATORS: the file the audit log was exported to */
      g_autofree char *message = g_strdup_printf (_("Saved as “%s”"), name);

      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
    }
  else
    {
      AdwToast *toast = adw_toast_new (error->message);

      adw_toast_set_timeout (toast, 0);
      adw_toast_overlay_add_toast (self->toast_overlay, toast);
    }
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TsuAuditDialog *self = TSU_AUDIT_DIALOG (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;

  chooser = gtk_file_chooser_native_new (_("Export Audit Log"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("CSV files"));
  gtk_file_filter_add_suffix (filter, "csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  /* TRANSLATORS: the suggested file name; %s is the case code such as A-0001 */
  name = g_strdup_printf (_("audit-log-%s.csv"), self->case_code != NULL ? self->case_code : "all");
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (export_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
tsu_audit_dialog_dispose (GObject *object)
{
  TsuAuditDialog *self = TSU_AUDIT_DIALOG (object);

  g_clear_handle_id (&self->reload_source, g_source_remove);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), TSU_TYPE_AUDIT_DIALOG);

  g_clear_object (&self->shown);
  g_clear_object (&self->lines);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (tsu_audit_dialog_parent_class)->dispose (object);
}

static void
tsu_audit_dialog_finalize (GObject *object)
{
  TsuAuditDialog *self = TSU_AUDIT_DIALOG (object);

  g_free (self->case_code);

  G_OBJECT_CLASS (tsu_audit_dialog_parent_class)->finalize (object);
}

static void
tsu_audit_dialog_class_init (TsuAuditDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tsu_audit_dialog_dispose;
  object_class->finalize = tsu_audit_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/tsunagu/Tsunagu/tsu-audit-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TsuAuditDialog, action_filter);
  gtk_widget_class_bind_template_child (widget_class, TsuAuditDialog, column_view);
  gtk_widget_class_bind_template_child (widget_class, TsuAuditDialog, footer_label);
  gtk_widget_class_bind_template_child (widget_class, TsuAuditDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, TsuAuditDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, TsuAuditDialog, window_title);

  gtk_widget_class_install_action (widget_class, "audit.export", NULL, export_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "audit.export", NULL);
}

static void
tsu_audit_dialog_init (TsuAuditDialog *self)
{
  g_autoptr(GtkNoSelection) selection = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->lines = g_list_store_new (TSU_TYPE_AUDIT_LINE);
  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->shown = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->lines)),
                                           GTK_FILTER (self->filter));
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->shown)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));

  add_column (self, C_("audit", "Date"), COLUMN_DATE, FALSE);
  add_column (self, C_("audit", "User"), COLUMN_USER, FALSE);
  add_column (self, C_("audit", "Action"), COLUMN_ACTION, FALSE);
  add_column (self, C_("audit", "What"), COLUMN_WHAT, TRUE);

  g_signal_connect_swapped (self->action_filter, "notify::selected",
                            G_CALLBACK (action_filter_changed_cb), self);
  update_state (self);
}

/**
 * tsu_audit_dialog_new:
 * @store: the store
 * @case_id: the case, or 0 for the whole file
 * @case_code: (nullable): the case's code, for the title and the file name
 *
 * Returns: (transfer floating): the dialog, filled
 */
TsuAuditDialog *
tsu_audit_dialog_new (TsuStore   *store,
                      gint64      case_id,
                      const char *case_code)
{
  TsuAuditDialog *self;

  g_return_val_if_fail (TSU_IS_STORE (store), NULL);

  self = g_object_new (TSU_TYPE_AUDIT_DIALOG, NULL);
  self->store = g_object_ref (store);
  self->case_id = case_id;
  self->case_code = g_strdup (case_code);
  if (case_code != NULL)
    {
      /* TRANSLATORS: the subtitle of the audit log; %s is the case code */
      g_autofree char *subtitle = g_strdup_printf (_("Case %s"), case_code);

      adw_window_title_set_subtitle (self->window_title, subtitle);
    }
  g_signal_connect (store, "changed", G_CALLBACK (store_changed_cb), self);
  reload (self);
  return self;
}

/**
 * tsu_audit_dialog_get_shown:
 *
 * Returns: (transfer none): the #TsuAuditLine items shown, after the filter
 */
GListModel *
tsu_audit_dialog_get_shown (TsuAuditDialog *self)
{
  g_return_val_if_fail (TSU_IS_AUDIT_DIALOG (self), NULL);

  return G_LIST_MODEL (self->shown);
}

/**
 * tsu_audit_dialog_set_action:
 * @action: (nullable): "insert", "update", "confirm" or "delete"; %NULL for all
 *
 * Shows only the lines of one kind of change, as the drop-down does.
 */
void
tsu_audit_dialog_set_action (TsuAuditDialog *self,
                             const char     *action)
{
  guint selected = 0;

  g_return_if_fail (TSU_IS_AUDIT_DIALOG (self));

  for (guint i = 0; action != NULL && i < G_N_ELEMENTS (filter_actions); i++)
    if (g_str_equal (action, filter_actions[i]))
      selected = i + 1;
  gtk_drop_down_set_selected (self->action_filter, selected);
}

/**
 * tsu_audit_dialog_export_to:
 * @file: where to write
 * @error: return location for an error
 *
 * Writes the lines shown as CSV for Excel (UTF-8 with BOM), readable by the owner only.
 */
gboolean
tsu_audit_dialog_export_to (TsuAuditDialog  *self,
                            GFile           *file,
                            GError         **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (TSU_IS_AUDIT_DIALOG (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  bytes = tsu_audit_export_csv (G_LIST_MODEL (self->shown));
  path = g_file_get_path (file);
  if (path == NULL)
    return g_file_replace_contents (file, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                    NULL, FALSE, G_FILE_CREATE_PRIVATE, NULL, NULL, error);
  return g_file_set_contents_full (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                   G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}
