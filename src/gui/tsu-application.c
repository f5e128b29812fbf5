/* tsu-application.c
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tsu-application"

#include "config.h"

#include <glib/gi18n.h>

#include "tsu-application.h"
#include "tsu-data-safety.h"
#include "tsu-preferences-window.h"
#include "tsu-window.h"

/* The application opens one database per window: the center's own (the default file,
 * TSUNAGU_DATABASE or --database FILE) or the demo database (--demo), which is created
 * on first use. A database that cannot be opened gets a message and no window. */

struct _TsuApplication
{
  AdwApplication  parent_instance;

  char           *database_path;   /* from --database or TSUNAGU_DATABASE */
  gboolean        demo;            /* --demo */
};

G_DEFINE_FINAL_TYPE (TsuApplication, tsu_application, ADW_TYPE_APPLICATION)

/* The size of the demo center: about what a prefectural center keeps in a few years. */
#define DEMO_SCALE 1.0

static const GOptionEntry option_entries[] = {
  { "demo", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Open the demo database, which is created on first use"), NULL },
  { "database", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Open the database in FILE instead of the default one"), N_("FILE") },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Show the version and quit"), NULL },
  { NULL }
};

static TsuWindow *
find_window (TsuApplication *self,
             const char     *path,
             gboolean        demo)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    {
      TsuWindow *window;
      TsuStore *store;

      if (!TSU_IS_WINDOW (l->data))
        continue;

      window = l->data;
      if (tsu_window_get_demo (window) != demo)
        continue;
      if (demo)
        return window;

      store = tsu_window_get_store (window);
      if (store != NULL &&
          g_strcmp0 (tsu_database_get_path (tsu_store_get_database (store)), path) == 0)
        return window;
    }

  return NULL;
}

static gboolean
has_windows (TsuApplication *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (TSU_IS_WINDOW (l->data))
      return TRUE;

  return FALSE;
}

/* Actions */

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  TsuApplication *self = user_data;
  static const char *developers[] = { "The Tsunagu authors", NULL };
  GtkWindow *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (GTK_APPLICATION (self)),
                        "application-name", _("Tsunagu"),
                        "application-icon", TSU_APPLICATION_ICON,
                        "version", PACKAGE_VERSION,
                        "comments", _("Coordinate meetings, cases and agencies around "
                                      "children needing medical care and their families."),
                        "developer-name", _("The Tsunagu authors"),
                        "developers", developers,
                        "copyright", _("© 2026 The Tsunagu authors"),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        /* Translators: your names, one per line, as shown in the About window */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (about);
}

static void
open_demo_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  TsuApplication *self = user_data;
  g_autofree char *path = tsu_database_get_demo_path ();

  tsu_application_open_database (self, path, TRUE);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  TsuApplication *self = user_data;
  g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));

  /* Closing, rather than quitting at once, lets each window save its state. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  TsuApplication *self = TSU_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  const char *path = NULL;

  if (TSU_IS_WINDOW (parent) && tsu_window_get_store (TSU_WINDOW (parent)) != NULL)
    path = tsu_database_get_path (tsu_store_get_database (tsu_window_get_store (TSU_WINDOW (parent))));
  gtk_window_present (tsu_preferences_window_new (parent, path));
}

static const GActionEntry action_entries[] = {
  { "about", about_action },
  { "preferences", preferences_action },
  { "open-demo", open_demo_action },
  { "quit", quit_action },
};

/* Overrides */

static int
tsu_application_handle_local_options (GApplication *application,
                                      GVariantDict *options)
{
  TsuApplication *self = TSU_APPLICATION (application);
  g_autoptr(GError) error = NULL;
  const char *database = NULL;
  const char *variable;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("%s %s\n", "tsunagu", PACKAGE_VERSION);
      return EXIT_SUCCESS;
    }

  self->demo = g_variant_dict_contains (options, "demo");
  g_variant_dict_lookup (options, "database", "^&ay", &database);

  if (self->demo && database != NULL)
    {
      g_printerr ("%s\n", _("--demo and --database cannot be used together."));
      return EXIT_FAILURE;
    }

  variable = g_getenv ("TSUNAGU_DATABASE");
  if (database != NULL)
    self->database_path = g_canonicalize_filename (database, NULL);
  else if (!self->demo && variable != NULL && *variable != '\0')
    self->database_path = g_canonicalize_filename (variable, NULL);

  if (!g_application_register (application, NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }

  /* A running Tsunagu shows its window; it does not switch databases under the
   * person working in it. */
  if (g_application_get_is_remote (application) && (self->demo || database != NULL))
    g_printerr ("%s\n", _("Tsunagu is already running, so its window is shown. "
                          "Quit Tsunagu first to open another database."));

  return -1;
}

static void
tsu_application_startup (GApplication *application)
{
  TsuApplication *self = TSU_APPLICATION (application);
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *close_accels[] = { "<Control>w", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  static const char *help_accels[] = { "<Control>question", NULL };

  G_APPLICATION_CLASS (tsu_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (self), action_entries,
                                   G_N_ELEMENTS (action_entries), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "window.close", close_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences", preferences_accels);
  /* The shortcuts window: GtkApplication sets this for gtk/help-overlay.ui only (tsu-window.c) */
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.show-help-overlay", help_accels);

  gtk_window_set_default_icon_name (TSU_APPLICATION_ICON);
}

static void
tsu_application_activate (GApplication *application)
{
  TsuApplication *self = TSU_APPLICATION (application);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  g_autofree char *path = NULL;

  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }

  if (self->demo)
    path = tsu_database_get_demo_path ();
  else if (self->database_path != NULL)
    path = g_strdup (self->database_path);
  else
    path = tsu_database_get_default_path ();

  tsu_application_open_database (self, path, self->demo);
}

static TsuWindow *
first_window (TsuApplication *self)
{
  GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (TSU_IS_WINDOW (active))
    return TSU_WINDOW (active);
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (TSU_IS_WINDOW (l->data))
      return l->data;
  return NULL;
}

static void
unref_file (gpointer  data,
            GClosure *closure)
{
  g_object_unref (data);
}

static void
import_when_ready_cb (TsuWindow  *window,
                      GParamSpec *pspec,
                      GFile      *file)
{
  if (tsu_window_get_store (window) == NULL)
    return;
  g_signal_handlers_disconnect_by_func (window, import_when_ready_cb, file);
  tsu_window_import_calendar (window, file);
}

/* An .ics file opened from the file manager (or `tsunagu FILE.ics`), also when Tsunagu
 * already runs: the window of the database shows the import's preview. */
static void
tsu_application_open (GApplication  *application,
                      GFile        **files,
                      int            n_files,
                      const char    *hint)
{
  TsuApplication *self = TSU_APPLICATION (application);
  TsuWindow *window;

  g_application_activate (application);
  window = first_window (self);
  if (window == NULL)
    return;

  for (int i = 0; i < n_files; i++)
    {
      /* The demo database may still be being filled. */
      if (tsu_window_get_store (window) == NULL)
        g_signal_connect_data (window, "notify::store", G_CALLBACK (import_when_ready_cb),
                               g_object_ref (files[i]), unref_file, 0);
      else
        tsu_window_import_calendar (window, files[i]);
    }
}

static void
tsu_application_finalize (GObject *object)
{
  TsuApplication *self = TSU_APPLICATION (object);

  g_clear_pointer (&self->database_path, g_free);

  G_OBJECT_CLASS (tsu_application_parent_class)->finalize (object);
}

static void
tsu_application_class_init (TsuApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *application_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = tsu_application_finalize;

  application_class->activate = tsu_application_activate;
  application_class->open = tsu_application_open;
  application_class->handle_local_options = tsu_application_handle_local_options;
  application_class->startup = tsu_application_startup;
}

static void
tsu_application_init (TsuApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
}

typedef struct {
  TsuApplication *application;
  char           *path;
  char           *backup;
  char           *folder;
} Restore;

static void
restore_free (Restore *restore)
{
  g_object_unref (restore->application);
  g_free (restore->path);
  g_free (restore->backup);
  g_free (restore->folder);
  g_free (restore);
}

static void
restored_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Restore *restore = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *kept = tsu_data_safety_restore_finish (result, &error);

  if (kept == NULL)
    tsu_application_report_error (restore->application, _("Cannot Restore the Backup"), error->message);
  else
    tsu_application_open_database (restore->application, restore->path, FALSE);

  g_application_release (G_APPLICATION (restore->application));
  restore_free (restore);
}

static void
offer_backup_response_cb (AdwMessageDialog *dialog,
                          const char       *response,
                          Restore          *restore)
{
  if (g_strcmp0 (response, "restore") == 0)
    {
      /* Keep the application alive while no window is open. */
      g_application_hold (G_APPLICATION (restore->application));
      tsu_data_safety_restore_async (restore->path, restore->backup, restore->folder, NULL,
                                     restored_cb, restore);
    }
  else
    restore_free (restore);
}

/* A damaged database that cannot be opened at all: offer the newest good backup. */
static void
offer_backup (TsuApplication *self,
              const char     *path,
              const char     *backup,
              const char     *folder,
              const char     *message)
{
  g_autofree char *name = g_filename_display_basename (backup);
  g_autofree char *body = g_strdup_printf (_("%s\n\nThe newest good backup is “%s”. Restoring it keeps "
                                             "the damaged file in the backup folder too."),
                                           message, name);
  AdwMessageDialog *dialog;
  Restore *restore = g_new0 (Restore, 1);

  restore->application = g_object_ref (self);
  restore->path = g_strdup (path);
  restore->backup = g_strdup (backup);
  restore->folder = g_strdup (folder);

  dialog = ADW_MESSAGE_DIALOG (tsu_application_report_error (self, _("The Database Is Damaged"), body));
  adw_message_dialog_add_response (dialog, "restore", _("_Restore Backup"));
  adw_message_dialog_set_response_appearance (dialog, "restore", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "restore");
  g_signal_connect (dialog, "response", G_CALLBACK (offer_backup_response_cb), restore);
}

/* Public API */

/**
 * tsu_application_new:
 * @application_id: the application ID
 * @flags: the application flags
 *
 * Returns: (transfer full): a new application
 */
TsuApplication *
tsu_application_new (const char        *application_id,
                     GApplicationFlags  flags)
{
  g_return_val_if_fail (application_id != NULL, NULL);

  /* The resources sit under the base ID's path in the development profile too. */
  return g_object_new (TSU_TYPE_APPLICATION,
                       "application-id", application_id,
                       "flags", flags | G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/io/github/tsunagu/Tsunagu",
                       NULL);
}

/**
 * tsu_application_open_database:
 * @self: the application
 * @path: the database file; it is created when missing
 * @demo: whether @path is the demo database, to be filled on first use
 *
 * Shows the window of the database in @path, opening one when there is none. A
 * database that cannot be opened is not shown: a message says why.
 *
 * Returns: (transfer none) (nullable): the window, or %NULL when the database could
 *   not be opened
 */
GtkWindow *
tsu_application_open_database (TsuApplication *self,
                               const char     *path,
                               gboolean        demo)
{
  g_autoptr(TsuStore) store = NULL;
  g_autoptr(GError) error = NULL;
  TsuWindow *window;

  g_return_val_if_fail (TSU_IS_APPLICATION (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  window = find_window (self, path, demo);
  if (window != NULL)
    {
      gtk_window_present (GTK_WINDOW (window));
      return GTK_WINDOW (window);
    }

  store = tsu_store_open (path, &error);
  if (store == NULL)
    {
      g_autofree char *folder = tsu_backup_get_default_folder (path);
      g_autofree char *backup = NULL;

      if (g_error_matches (error, TSU_DATABASE_ERROR, TSU_DATABASE_ERROR_CORRUPT))
        backup = tsu_data_safety_find_good_backup (folder, path);
      if (backup != NULL)
        offer_backup (self, path, backup, folder, error->message);
      else
        tsu_application_report_error (self, _("Cannot Open the Database"), error->message);
      return NULL;
    }

  if (demo)
    {
      window = tsu_window_new (self, NULL, TRUE);
      tsu_window_load_demo (window, store, DEMO_SCALE);
    }
  else
    {
      window = tsu_window_new (self, store, FALSE);
    }

  gtk_window_present (GTK_WINDOW (window));
  return GTK_WINDOW (window);
}

/**
 * tsu_application_report_error:
 * @self: the application
 * @heading: what failed, e.g. "Cannot Open the Database"
 * @message: why, for a person to read
 *
 * Shows a message on its own, not attached to a window: it is used when there is no
 * window to show. When it is the last window, closing it quits.
 *
 * Returns: (transfer none): the message dialog
 */
GtkWindow *
tsu_application_report_error (TsuApplication *self,
                              const char     *heading,
                              const char     *message)
{
  AdwMessageDialog *dialog;

  g_return_val_if_fail (TSU_IS_APPLICATION (self), NULL);
  g_return_val_if_fail (heading != NULL, NULL);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (NULL, heading, message));
  adw_message_dialog_add_response (dialog, "close",
                                   has_windows (self) ? _("_Close") : _("_Quit"));
  adw_message_dialog_set_default_response (dialog, "close");
  adw_message_dialog_set_close_response (dialog, "close");
  gtk_window_set_title (GTK_WINDOW (dialog), _("Tsunagu"));
  gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (self));
  gtk_window_present (GTK_WINDOW (dialog));

  return GTK_WINDOW (dialog);
}
