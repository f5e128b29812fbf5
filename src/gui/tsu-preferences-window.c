/* tsu-preferences-window.c
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tsu-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "tsunagu-core.h"
#include "tsu-data-safety.h"
#include "tsu-preferences-window.h"
#include "tsu-settings.h"

struct _TsuPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;
  char                 *database_path;

  AdwComboRow          *date_style;
  AdwActionRow         *folder_row;
  GtkSwitch            *hide_names;
  GtkSpinButton        *meeting_minutes;
  GtkWidget            *reset_folder_button;
  GtkSpinButton        *retention;
};

G_DEFINE_FINAL_TYPE (TsuPreferencesWindow, tsu_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static const char *date_styles[] = { "era", "western" };

static void
update_folder (TsuPreferencesWindow *self)
{
  g_autofree char *chosen = g_settings_get_string (self->settings, "backup-folder");
  g_autofree char *folder = tsu_data_safety_get_backup_folder (self->settings, self->database_path);
  g_autofree char *shown = g_filename_display_name (folder);

  adw_action_row_set_subtitle (self->folder_row, shown);
  gtk_widget_set_visible (self->reset_folder_button, chosen[0] != '\0');
}

static void
date_style_selected_cb (TsuPreferencesWindow *self)
{
  guint selected = adw_combo_row_get_selected (self->date_style);

  if (selected < G_N_ELEMENTS (date_styles))
    g_settings_set_string (self->settings, "date-style", date_styles[selected]);
}

static void
reset_folder_cb (TsuPreferencesWindow *self)
{
  g_settings_reset (self->settings, "backup-folder");
}

static void
folder_chosen_cb (GtkNativeDialog      *chooser,
                  int                   response,
                  TsuPreferencesWindow *self)
{
  g_autoptr(GFile) folder = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (folder != NULL)
    {
      g_autofree char *path = g_file_get_path (folder);

      if (path != NULL)
        g_settings_set_string (self->settings, "backup-folder", path);
    }
  g_object_unref (chooser);
}

static void
choose_folder_cb (TsuPreferencesWindow *self)
{
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Backup Folder"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                         _("_Select"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (folder_chosen_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
tsu_preferences_window_dispose (GObject *object)
{
  TsuPreferencesWindow *self = TSU_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), TSU_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (tsu_preferences_window_parent_class)->dispose (object);
}

static void
tsu_preferences_window_finalize (GObject *object)
{
  TsuPreferencesWindow *self = TSU_PREFERENCES_WINDOW (object);

  g_free (self->database_path);

  G_OBJECT_CLASS (tsu_preferences_window_parent_class)->finalize (object);
}

static void
tsu_preferences_window_class_init (TsuPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tsu_preferences_window_dispose;
  object_class->finalize = tsu_preferences_window_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/tsunagu/Tsunagu/tsu-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TsuPreferencesWindow, date_style);
  gtk_widget_class_bind_template_child (widget_class, TsuPreferencesWindow, folder_row);
  gtk_widget_class_bind_template_child (widget_class, TsuPreferencesWindow, hide_names);
  gtk_widget_class_bind_template_child (widget_class, TsuPreferencesWindow, meeting_minutes);
  gtk_widget_class_bind_template_child (widget_class, TsuPreferencesWindow, reset_folder_button);
  gtk_widget_class_bind_template_child (widget_class, TsuPreferencesWindow, retention);
  gtk_widget_class_bind_template_callback (widget_class, choose_folder_cb);
  gtk_widget_class_bind_template_callback (widget_class, date_style_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, reset_folder_cb);
}

static void
tsu_preferences_window_init (TsuPreferencesWindow *self)
{
  g_autofree char *style = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (TSU_SETTINGS_SCHEMA_ID);
  g_settings_bind (self->settings, "default-meeting-minutes", self->meeting_minutes, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "hide-names", self->hide_names, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "backup-retention", self->retention, "value", G_SETTINGS_BIND_DEFAULT);

  style = g_settings_get_string (self->settings, "date-style");
  adw_combo_row_set_selected (self->date_style, g_strcmp0 (style, "western") == 0 ? 1 : 0);

  g_signal_connect_object (self->settings, "changed::backup-folder", G_CALLBACK (update_folder),
                           self, G_CONNECT_SWAPPED);
}

/**
 * tsu_preferences_window_new:
 * @parent: (nullable): the window it belongs to
 * @database_path: (nullable): the open database, for the default backup folder
 *
 * Returns: (transfer none): the preferences window
 */
GtkWindow *
tsu_preferences_window_new (GtkWindow  *parent,
                            const char *database_path)
{
  TsuPreferencesWindow *self = g_object_new (TSU_TYPE_PREFERENCES_WINDOW,
                                             "transient-for", parent,
                                             "modal", parent != NULL,
                                             NULL);
  g_autofree char *fallback = NULL;

  if (database_path == NULL)
    database_path = fallback = tsu_database_get_default_path ();
  self->database_path = g_strdup (database_path);
  update_folder (self);
  return GTK_WINDOW (self);
}
