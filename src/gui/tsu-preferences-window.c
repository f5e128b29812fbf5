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
#include "tsu-caldav-module.h"
#include "tsu-data-safety.h"
#include "tsu-preferences-window.h"
#include "tsu-settings.h"

struct _TsuPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;
  char                 *database_path;

  GCancellable         *cancellable;
  GListStore           *calendars;    /* TsuCaldavCalendar found on the server */
  gboolean              filling;      /* the calendar list is being filled */

  GtkSwitch            *caldav_enabled;
  AdwComboRow          *calendar_row;
  GtkWidget            *find_button;
  AdwActionRow         *find_row;
  GtkSpinner           *find_spinner;
  AdwPasswordEntryRow  *password_row;
  GtkWidget            *sync_button;
  AdwActionRow         *sync_row;
  GtkSpinner           *sync_spinner;
  AdwEntryRow          *url_row;
  AdwEntryRow          *user_row;
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


/* Shared calendar ------------------------------------------------------------------- */

static char *
entry_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static void
set_busy (GtkSpinner *spinner,
          GtkWidget  *button,
          gboolean    busy)
{
  gtk_spinner_set_spinning (spinner, busy);
  gtk_widget_set_sensitive (button, !busy);
}

static void
calendar_selected_cb (TsuPreferencesWindow *self)
{
  guint selected = adw_combo_row_get_selected (self->calendar_row);
  g_autoptr(TsuCaldavCalendar) calendar = NULL;

  if (self->filling || self->calendars == NULL)
    return;
  calendar = g_list_model_get_item (G_LIST_MODEL (self->calendars), selected);
  if (calendar != NULL)
    g_settings_set_string (self->settings, "caldav-calendar", tsu_caldav_calendar_get_url (calendar));
}

static void
show_calendars (TsuPreferencesWindow *self,
                GListModel           *found)
{
  g_autofree char *chosen = g_settings_get_string (self->settings, "caldav-calendar");
  guint selected = 0;

  self->filling = TRUE;
  g_list_store_remove_all (self->calendars);
  for (guint i = 0; i < g_list_model_get_n_items (found); i++)
    {
      g_autoptr(TsuCaldavCalendar) c = g_list_model_get_item (found, i);

      if (g_strcmp0 (tsu_caldav_calendar_get_url (c), chosen) == 0)
        selected = i;
      g_list_store_append (self->calendars, c);
    }
  adw_combo_row_set_selected (self->calendar_row, selected);
  self->filling = FALSE;
  gtk_widget_set_visible (GTK_WIDGET (self->calendar_row), TRUE);
  calendar_selected_cb (self);
}

static void
discover_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(TsuPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) found = tsu_caldav_module_discover_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_busy (self->find_spinner, self->find_button, FALSE);
  if (found == NULL)
    {
      adw_action_row_set_subtitle (self->find_row, error->message);
      return;
    }
  adw_action_row_set_subtitle (self->find_row,
                               _("Choose the calendar to share. The password is kept in the desktop keyring."));
  show_calendars (self, found);
  if (g_list_model_get_n_items (found) > 0 && !g_settings_get_boolean (self->settings, "caldav-enabled"))
    g_settings_set_boolean (self->settings, "caldav-enabled", TRUE);
}

static void
password_stored_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(TsuPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  /* Without a keyring the password works for this session only: say so. */
  if (!tsu_caldav_module_secret_store_finish (result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    adw_action_row_set_subtitle (self->find_row, _("The desktop keyring cannot keep the password; "
                                                   "background sync needs it there."));
}

static void
find_calendars_cb (TsuPreferencesWindow *self)
{
  g_autofree char *url = entry_text (self->url_row);
  g_autofree char *user = entry_text (self->user_row);
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));

  if (url[0] == '\0')
    {
      adw_action_row_set_subtitle (self->find_row, _("Type the address of the server first."));
      return;
    }
  g_settings_set_string (self->settings, "caldav-url", url);
  g_settings_set_string (self->settings, "caldav-user", user);
  if (password[0] != '\0' && user[0] != '\0')
    tsu_caldav_module_secret_store_async (url, user, password, self->cancellable, password_stored_cb,
                                          g_object_ref (self));

  set_busy (self->find_spinner, self->find_button, TRUE);
  adw_action_row_set_subtitle (self->find_row, _("Looking for calendars…"));
  tsu_caldav_module_discover_async (url, user[0] != '\0' ? user : NULL, password, self->cancellable,
                                    discover_cb, g_object_ref (self));
}

static void
sync_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(TsuPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  TsuCaldavSyncStats stats = { 0 };

  if (!tsu_caldav_module_sync_finish (result, &stats, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      adw_action_row_set_subtitle (self->sync_row, error->message);
    }
  else
    {
      g_autofree char *text = g_strdup_printf (_("Synced: %u received, %u sent, %u removed, %u conflicts kept as copies"),
                                               stats.received, stats.sent, stats.removed + stats.deleted,
                                               stats.conflicts);

      adw_action_row_set_subtitle (self->sync_row, text);
    }
  set_busy (self->sync_spinner, self->sync_button, FALSE);
}

static void
sync_now_cb (TsuPreferencesWindow *self)
{
  g_autofree char *url = entry_text (self->url_row);
  g_autofree char *user = entry_text (self->user_row);
  g_autofree char *calendar = g_settings_get_string (self->settings, "caldav-calendar");
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));

  if (url[0] == '\0' || calendar[0] == '\0')
    {
      adw_action_row_set_subtitle (self->sync_row, _("Find and choose a calendar first."));
      return;
    }
  set_busy (self->sync_spinner, self->sync_button, TRUE);
  adw_action_row_set_subtitle (self->sync_row, _("Syncing…"));
  tsu_caldav_module_sync_async (self->database_path, url, user[0] != '\0' ? user : NULL, password, calendar,
                                self->cancellable, sync_done_cb, g_object_ref (self));
}

static void
password_found_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(TsuPreferencesWindow) self = user_data;
  g_autofree char *password = tsu_caldav_module_secret_lookup_finish (result, NULL);

  if (password != NULL && gtk_editable_get_text (GTK_EDITABLE (self->password_row))[0] == '\0')
    gtk_editable_set_text (GTK_EDITABLE (self->password_row), password);
}

static void
load_caldav (TsuPreferencesWindow *self)
{
  g_autofree char *url = g_settings_get_string (self->settings, "caldav-url");
  g_autofree char *user = g_settings_get_string (self->settings, "caldav-user");
  g_autofree char *calendar = g_settings_get_string (self->settings, "caldav-calendar");

  gtk_editable_set_text (GTK_EDITABLE (self->url_row), url);
  gtk_editable_set_text (GTK_EDITABLE (self->user_row), user);
  if (calendar[0] != '\0')
    {
      g_autoptr(TsuCaldavCalendar) chosen = tsu_caldav_calendar_new (calendar, NULL);
      g_autoptr(GListStore) one = g_list_store_new (TSU_TYPE_CALDAV_CALENDAR);

      g_list_store_append (one, chosen);
      show_calendars (self, G_LIST_MODEL (one));
    }
  if (url[0] != '\0' && user[0] != '\0')
    tsu_caldav_module_secret_lookup_async (url, user, self->cancellable, password_found_cb, g_object_ref (self));
}

static void
tsu_preferences_window_dispose (GObject *object)
{
  TsuPreferencesWindow *self = TSU_PREFERENCES_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), TSU_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->calendars);

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
  gtk_widget_class_bind_template_child (widget_class, TsuPreferencesWindow, caldav_enabled);
  gtk_widget_class_bind_template_child (widget_class, TsuPreferencesWindow, calendar_row);
  gtk_widget_class_bind_template_child (widget_class, TsuPreferencesWindow, date_style);
  gtk_widget_class_bind_template_child (widget_class, TsuPreferencesWindow, find_button);
  gtk_widget_class_bind_template_child (widget_class, TsuPreferencesWindow, find_row);
  gtk_widget_class_bind_template_child (widget_class, TsuPreferencesWindow, find_spinner);
  gtk_widget_class_bind_template_child (widget_class, TsuPreferencesWindow, folder_row);
  gtk_widget_class_bind_template_child (widget_class, TsuPreferencesWindow, hide_names);
  gtk_widget_class_bind_template_child (widget_class, TsuPreferencesWindow, meeting_minutes);
  gtk_widget_class_bind_template_child (widget_class, TsuPreferencesWindow, password_row);
  gtk_widget_class_bind_template_child (widget_class, TsuPreferencesWindow, reset_folder_button);
  gtk_widget_class_bind_template_child (widget_class, TsuPreferencesWindow, retention);
  gtk_widget_class_bind_template_child (widget_class, TsuPreferencesWindow, sync_button);
  gtk_widget_class_bind_template_child (widget_class, TsuPreferencesWindow, sync_row);
  gtk_widget_class_bind_template_child (widget_class, TsuPreferencesWindow, sync_spinner);
  gtk_widget_class_bind_template_child (widget_class, TsuPreferencesWindow, url_row);
  gtk_widget_class_bind_template_child (widget_class, TsuPreferencesWindow, user_row);
  gtk_widget_class_bind_template_callback (widget_class, calendar_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, choose_folder_cb);
  gtk_widget_class_bind_template_callback (widget_class, date_style_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, find_calendars_cb);
  gtk_widget_class_bind_template_callback (widget_class, reset_folder_cb);
  gtk_widget_class_bind_template_callback (widget_class, sync_now_cb);
}

static void
tsu_preferences_window_init (TsuPreferencesWindow *self)
{
  g_autofree char *style = NULL;

  self->cancellable = g_cancellable_new ();
  self->calendars = g_list_store_new (TSU_TYPE_CALDAV_CALENDAR);
  gtk_widget_init_template (GTK_WIDGET (self));
  adw_combo_row_set_expression (self->calendar_row,
                                gtk_property_expression_new (TSU_TYPE_CALDAV_CALENDAR, NULL, "display-name"));
  adw_combo_row_set_model (self->calendar_row, G_LIST_MODEL (self->calendars));

  self->settings = g_settings_new (TSU_SETTINGS_SCHEMA_ID);
  g_settings_bind (self->settings, "default-meeting-minutes", self->meeting_minutes, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "hide-names", self->hide_names, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "backup-retention", self->retention, "value", G_SETTINGS_BIND_DEFAULT);

  style = g_settings_get_string (self->settings, "date-style");
  adw_combo_row_set_selected (self->date_style, g_strcmp0 (style, "western") == 0 ? 1 : 0);

  g_signal_connect_object (self->settings, "changed::backup-folder", G_CALLBACK (update_folder),
                           self, G_CONNECT_SWAPPED);
  g_settings_bind (self->settings, "caldav-enabled", self->caldav_enabled, "active", G_SETTINGS_BIND_DEFAULT);
  load_caldav (self);
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
