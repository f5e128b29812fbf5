/* tsu-window.c
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tsu-window"

#include "config.h"

#include <glib/gi18n.h>

#include "tsu-demo.h"
#include "tsu-settings.h"
#include "tsu-welcome-page.h"
#include "tsu-caldav-status.h"
#include "tsu-bench-probe.h"
#include "tsu-menu-button.h"
#include "tsu-data-safety.h"
#include "tsu-window.h"
#include "tsu-export-actions.h"
#include "tsu-meeting-window.h"
#include "tsu-search-window.h"
#include "tsu-meeting-editor.h"
#include "tsu-ics-import-dialog.h"

/* A window shows one database. What it shows depends on the state of that database:
 *
 *   "loading"  no store yet: the demo database is being filled off the main thread
 *   "welcome"  the store holds no meeting, case or agency yet
 *   "pages"    the Calendar, Cases and Directory pages
 *
 * A window on the demo database says so in its title and in a bar under the header,
 * so that nobody takes the fictional records for the center's own. */

struct _TsuWindow
{
  AdwApplicationWindow  parent_instance;

  TsuStore             *store;
  GSettings            *settings;
  GCancellable         *cancellable;
  guint                 demo : 1;
  guint                 checked : 1;     /* the integrity check and daily backup ran */
  guint                 check_tick;      /* waits for the first frame to start the check */

  TsuCalendarPage      *calendar_page;
  AdwBin               *cases_bin;
  TsuCasesPage         *cases_page;       /* NULL until first shown */
  GtkStack             *content_stack;
  GtkWidget            *demo_banner;
  AdwBin               *directory_bin;
  TsuDirectoryPage     *directory_page;   /* NULL until first shown */
  GtkSpinner           *loading_spinner;
  GMenuModel           *primary_menu;
  GtkMenuButton        *primary_menu_button;
  AdwViewSwitcherBar   *switcher_bar;
  AdwViewSwitcherTitle *switcher_title;
  AdwToastOverlay      *toast_overlay;
  AdwViewStack         *view_stack;
  TsuWelcomePage       *welcome_page;
};

G_DEFINE_FINAL_TYPE (TsuWindow, tsu_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_DEMO,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct {
  TsuStore *store;
  double    scale;
} DemoJob;

static void
demo_job_free (DemoJob *job)
{
  g_clear_object (&job->store);
  g_free (job);
}

static gboolean
store_is_empty (TsuStore *store)
{
  return tsu_store_count (store, TSU_TYPE_MEETING) == 0 &&
         tsu_store_count (store, TSU_TYPE_CASE) == 0 &&
         tsu_store_count (store, TSU_TYPE_AGENCY) == 0;
}

static gboolean
showing_pages (TsuWindow *self)
{
  /* Signals of the template's widgets arrive while it is still being built. */
  if (self->content_stack == NULL)
    return FALSE;

  return g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack), "pages") == 0;
}

/* The Cases and Directory pages are built when they are first shown (or asked for), so
 * that the start-up builds only the calendar. They show the store while the window
 * shows its pages. */
static TsuStore *
shown_store (TsuWindow *self)
{
  return showing_pages (self) ? self->store : NULL;
}

static TsuCasesPage *
ensure_cases_page (TsuWindow *self)
{
  if (self->cases_page == NULL && self->cases_bin != NULL)
    {
      self->cases_page = g_object_new (TSU_TYPE_CASES_PAGE, NULL);
      adw_bin_set_child (self->cases_bin, GTK_WIDGET (self->cases_page));
      tsu_cases_page_set_store (self->cases_page, shown_store (self));
    }
  return self->cases_page;
}

static TsuDirectoryPage *
ensure_directory_page (TsuWindow *self)
{
  if (self->directory_page == NULL && self->directory_bin != NULL)
    {
      self->directory_page = g_object_new (TSU_TYPE_DIRECTORY_PAGE, NULL);
      adw_bin_set_child (self->directory_bin, GTK_WIDGET (self->directory_page));
      tsu_directory_page_set_store (self->directory_page, shown_store (self));
    }
  return self->directory_page;
}

static void
ensure_page (TsuWindow  *self,
             const char *name)
{
  if (g_strcmp0 (name, "cases") == 0)
    ensure_cases_page (self);
  else if (g_strcmp0 (name, "directory") == 0)
    ensure_directory_page (self);
}

static void
update_switcher_bar_cb (TsuWindow *self)
{
  gboolean narrow;

  if (self->switcher_title == NULL || self->switcher_bar == NULL)
    return;

  narrow = adw_view_switcher_title_get_title_visible (self->switcher_title) && showing_pages (self);
  /* The bar builds a button for each page: only once a narrow window needs it. */
  if (narrow && adw_view_switcher_bar_get_stack (self->switcher_bar) == NULL)
    adw_view_switcher_bar_set_stack (self->switcher_bar, self->view_stack);
  adw_view_switcher_bar_set_reveal (self->switcher_bar, narrow);
}

static void
visible_page_changed_cb (TsuWindow *self)
{
  const char *name;

  if (self->view_stack == NULL)
    return;

  name = adw_view_stack_get_visible_child_name (self->view_stack);
  if (self->cases_bin != NULL && self->directory_bin != NULL)
    ensure_page (self, name);
  if (name != NULL && showing_pages (self))
    g_settings_set_string (self->settings, "last-page", name);
}

static void
show_content (TsuWindow  *self,
              const char *content)
{
  gboolean pages = g_str_equal (content, "pages");

  gtk_stack_set_visible_child_name (self->content_stack, content);
  gtk_spinner_set_spinning (self->loading_spinner, g_str_equal (content, "loading"));
  adw_view_switcher_title_set_view_switcher_enabled (self->switcher_title, pages);
  update_switcher_bar_cb (self);

  if (pages)
    {
      g_autofree char *last_page = g_settings_get_string (self->settings, "last-page");

      adw_view_stack_set_visible_child_name (self->view_stack, last_page);
      ensure_page (self, adw_view_stack_get_visible_child_name (self->view_stack));
      tsu_bench_probe_first_frame (GTK_WIDGET (self->view_stack));
    }
}

/* Data safety: the check at start, backups and restores */

static char *
backup_folder (TsuWindow *self)
{
  return tsu_data_safety_get_backup_folder (self->settings,
                                            tsu_database_get_path (tsu_store_get_database (self->store)));
}

static void
toast (TsuWindow  *self,
       const char *title)
{
  tsu_window_add_toast (self, adw_toast_new (title));
}

static void restore_backup (TsuWindow *self, const char *database_path, const char *backup);

static void
damaged_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     TsuWindow        *self)
{
  const char *backup = g_object_get_data (G_OBJECT (dialog), "backup");
  const char *path = g_object_get_data (G_OBJECT (dialog), "database");

  if (g_strcmp0 (response, "restore") == 0)
    restore_backup (self, path, backup);
  else
    gtk_window_destroy (GTK_WINDOW (self));
}

/* A damaged database is not written to again: the window lets it go and offers the
 * newest backup that passes the checks. */
static void
show_damaged (TsuWindow  *self,
              const char *message)
{
  g_autofree char *path = g_strdup (tsu_database_get_path (tsu_store_get_database (self->store)));
  g_autofree char *folder = backup_folder (self);
  g_autofree char *backup = tsu_data_safety_find_good_backup (folder, path);
  g_autofree char *name = backup ? g_filename_display_basename (backup) : NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  tsu_window_set_store (self, NULL);

  if (backup != NULL)
    body = g_strdup_printf (_("%s\n\nTsunagu will not write to it. The newest good backup is “%s”; "
                              "restoring it keeps the damaged file in the backup folder too."),
                            message, name);
  else
    body = g_strdup_printf (_("%s\n\nTsunagu will not write to it, and there is no good backup "
                              "in “%s”."), message, folder);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       _("The Database Is Damaged"), body));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  if (backup != NULL)
    {
      adw_message_dialog_add_response (dialog, "restore", _("_Restore Backup"));
      adw_message_dialog_set_response_appearance (dialog, "restore", ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (dialog, "restore");
    }
  g_object_set_data_full (G_OBJECT (dialog), "backup", g_steal_pointer (&backup), g_free);
  g_object_set_data_full (G_OBJECT (dialog), "database", g_steal_pointer (&path), g_free);
  g_signal_connect (dialog, "response", G_CALLBACK (damaged_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
check_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(TsuWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = NULL;

  if (!tsu_data_safety_check_finish (result, &backup, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->store == NULL)
        return;
      if (g_error_matches (error, TSU_DATABASE_ERROR, TSU_DATABASE_ERROR_CORRUPT))
        show_damaged (self, error->message);
      else
        toast (self, error->message);
    }
}

static void
start_check (TsuWindow *self)
{
  TsuDatabase *db = tsu_store_get_database (self->store);
  g_autofree char *folder = backup_folder (self);

  self->checked = TRUE;
  if (tsu_database_get_repaired_permissions (db))
    toast (self, _("Others could read the database file; it is private again."));

  tsu_data_safety_check_async (tsu_database_get_path (db), folder,
                               g_settings_get_int (self->settings, "backup-retention"),
                               self->cancellable, check_cb, g_object_ref (self));
}

/* The check reads the whole file: it starts once the window has drawn its first
 * frame (the idle after that frame's paint), so that it does not compete with the
 * start-up for the processor. */
static gboolean
start_check_idle_cb (gpointer data)
{
  TsuWindow *self = data;

  if (self->store != NULL && !self->demo && !self->checked)
    start_check (self);
  return G_SOURCE_REMOVE;
}

static gboolean
check_after_first_frame_cb (GtkWidget     *widget,
                            GdkFrameClock *clock,
                            gpointer       data)
{
  TsuWindow *self = TSU_WINDOW (widget);

  self->check_tick = 0;
  g_idle_add_full (G_PRIORITY_LOW, start_check_idle_cb, g_object_ref (self), g_object_unref);
  return G_SOURCE_REMOVE;
}

static void
backup_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(TsuWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = tsu_data_safety_backup_finish (result, &error);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.backup-now", TRUE);
  if (path == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast (self, error->message);
      return;
    }
  {
    g_autofree char *name = g_filename_display_basename (path);
    g_autofree char *title = g_strdup_printf (_("Backed up as “%s”"), name);

    toast (self, title);
  }
}

static void
backup_now_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  TsuWindow *self = TSU_WINDOW (widget);
  g_autofree char *folder = NULL;

  if (self->store == NULL)
    return;
  folder = backup_folder (self);
  gtk_widget_action_set_enabled (widget, "win.backup-now", FALSE);
  tsu_data_safety_backup_async (tsu_database_get_path (tsu_store_get_database (self->store)), folder,
                                g_settings_get_int (self->settings, "backup-retention"),
                                self->cancellable, backup_cb, g_object_ref (self));
}

static void
restore_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(TsuWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) open_error = NULL;
  g_autofree char *kept = tsu_data_safety_restore_finish (result, &error);
  const char *path = g_object_get_data (G_OBJECT (self), "restoring");
  g_autoptr(TsuStore) store = tsu_store_open (path, &open_error);

  if (store == NULL)
    {
      AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (
        adw_message_dialog_new (GTK_WINDOW (self), _("Cannot Open the Database"), open_error->message));

      adw_message_dialog_add_response (dialog, "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }

  /* When the restore failed, the database is back as it was, and is checked again. */
  self->checked = kept != NULL;
  tsu_window_set_store (self, store);
  if (kept == NULL)
    toast (self, error->message);
  else
    toast (self, _("The backup was restored; the replaced database was kept in the backup folder."));
}

static void
restore_backup (TsuWindow  *self,
                const char *database_path,
                const char *backup)
{
  g_autofree char *folder = tsu_data_safety_get_backup_folder (self->settings, database_path);

  /* Nothing may hold the file while it is replaced: the window lets go of it first. */
  g_object_set_data_full (G_OBJECT (self), "restoring", g_strdup (database_path), g_free);
  tsu_window_set_store (self, NULL);
  tsu_data_safety_restore_async (database_path, backup, folder, self->cancellable,
                                 restore_cb, g_object_ref (self));
}

static void
confirm_restore_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    TsuWindow        *self)
{
  if (g_strcmp0 (response, "restore") == 0 && self->store != NULL)
    restore_backup (self, tsu_database_get_path (tsu_store_get_database (self->store)),
                    g_object_get_data (G_OBJECT (dialog), "backup"));
}

static void
choose_backup_cb (GtkNativeDialog *chooser,
                  int              response,
                  TsuWindow       *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_object_unref (chooser);
  if (file == NULL || self->store == NULL)
    return;

  path = g_file_get_path (file);
  if (!tsu_backup_verify (path, &error))
    {
      toast (self, error->message);
      return;
    }

  name = g_filename_display_basename (path);
  body = g_strdup_printf (_("The database will be replaced by “%s”. Changes made since that backup "
                            "will no longer be shown; the current database is kept in the backup folder."),
                          name);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Restore This Backup?"), body));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "restore", _("_Restore"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "restore", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "backup", g_steal_pointer (&path), g_free);
  g_signal_connect (dialog, "response", G_CALLBACK (confirm_restore_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
restore_backup_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  TsuWindow *self = TSU_WINDOW (widget);
  g_autofree char *folder = NULL;
  g_autoptr(GFile) start = NULL;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;

  if (self->store == NULL)
    return;

  chooser = gtk_file_chooser_native_new (_("Restore from Backup"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Choose"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Tsunagu backups"));
  gtk_file_filter_add_pattern (filter, "*.db");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  folder = backup_folder (self);
  start = g_file_new_for_path (folder);
  gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), start, NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (choose_backup_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
update_content (TsuWindow *self)
{
  TsuStore *pages_store = NULL;
  const char *content;

  if (self->store == NULL)
    content = "loading";
  else if (!self->demo && store_is_empty (self->store))
    content = "welcome";
  else
    content = "pages";

  if (g_str_equal (content, "welcome"))
    tsu_welcome_page_set_path (self->welcome_page,
                               tsu_database_get_path (tsu_store_get_database (self->store)));
  else if (g_str_equal (content, "pages"))
    pages_store = self->store;

  /* The pages read their lists only when they are shown. */
  tsu_calendar_page_set_store (self->calendar_page, pages_store);
  if (self->cases_page != NULL)
    tsu_cases_page_set_store (self->cases_page, pages_store);
  if (self->directory_page != NULL)
    tsu_directory_page_set_store (self->directory_page, pages_store);

  show_content (self, content);

  if (self->store != NULL && !self->demo && !self->checked && self->check_tick == 0)
    self->check_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), check_after_first_frame_cb,
                                                     NULL, NULL);
}

static void
save_window_state (TsuWindow *self)
{
  gboolean maximized = gtk_window_is_maximized (GTK_WINDOW (self));
  int width, height;

  /* A maximized window remembers the size it returns to. */
  if (!maximized)
    {
      gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  g_settings_set_boolean (self->settings, "window-maximized", maximized);
}

static void
restore_window_state (TsuWindow *self)
{
  int width = g_settings_get_int (self->settings, "window-width");
  int height = g_settings_get_int (self->settings, "window-height");

  gtk_window_set_default_size (GTK_WINDOW (self), MAX (width, 360), MAX (height, 360));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

/* Demo data */

static void
generate_demo_thread (GTask        *task,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  DemoJob *job = task_data;
  g_autoptr(GError) error = NULL;
  TsuDemoOptions options;

  /* The store belongs to this thread until the task returns: the window has not
   * been given it yet. */
  tsu_demo_options_init (&options);
  options.scale = job->scale;

  if (!tsu_demo_generate (job->store, &options, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
generate_demo_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  TsuWindow *self = TSU_WINDOW (object);
  DemoJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  GtkApplication *application;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      g_warning ("Cannot create the demo data: %s", error->message);
      /* No window with an endless spinner behind the message. */
      application = gtk_window_get_application (GTK_WINDOW (self));
      gtk_window_destroy (GTK_WINDOW (self));
      if (TSU_IS_APPLICATION (application))
        tsu_application_report_error (TSU_APPLICATION (application),
                                      _("Cannot Create the Demo Data"), error->message);
      return;
    }

  tsu_window_set_store (self, job->store);
}

/* Actions */

static void
show_page_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  tsu_window_show_page (TSU_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

/* The case page (the cases area) */

static void
open_case_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  TsuWindow *self = TSU_WINDOW (widget);

  if (self->store == NULL || !showing_pages (self))
    return;
  tsu_window_show_page (self, "cases");
  if (!tsu_cases_page_open_case (ensure_cases_page (self), g_variant_get_int64 (parameter)))
    adw_toast_overlay_add_toast (self->toast_overlay,
                                 adw_toast_new (_("The case cannot be found. It may have been deleted.")));
}

/* The meeting window and the search (the minutes area) */

static void
open_meeting_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  TsuWindow *self = TSU_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  gint64 id, occurrence_start;

  g_variant_get (parameter, "(xx)", &id, &occurrence_start);
  if (self->store == NULL)
    return;
  if (tsu_meeting_window_open (GTK_WINDOW (self), self->store, id, occurrence_start, &error) == NULL)
    adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
}

/* The meeting editor (the calendar area) */

static void
new_meeting_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  TsuWindow *self = TSU_WINDOW (widget);
  GDate day;

  if (self->store == NULL || !showing_pages (self))
    return;
  tsu_calendar_page_get_selected_day (self->calendar_page, &day);
  tsu_meeting_editor_present_new (GTK_WINDOW (self), self->store, &day);
}

static void
edit_meeting_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  TsuWindow *self = TSU_WINDOW (widget);
  gint64 id, occurrence_start;

  g_variant_get (parameter, "(xx)", &id, &occurrence_start);
  if (self->store != NULL)
    tsu_meeting_editor_present_edit (GTK_WINDOW (self), self->store, id, occurrence_start);
}

/* Importing an .ics file (the calendar area) */

static void
import_calendar_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  tsu_window_import_calendar (TSU_WINDOW (widget), NULL);
}

static void
calendar_imported_cb (TsuIcsImportDialog *dialog,
                      guint               count,
                      TsuWindow          *self)
{
  g_autofree char *text = g_strdup_printf (ngettext ("%u meeting imported", "%u meetings imported",
                                                     count), count);
  GDate day;

  /* Written by a store of the import's thread: this one heard nothing, and a window
   * that welcomed an empty database now has meetings to show. */
  update_content (self);
  tsu_window_show_page (self, "calendar");
  if (tsu_ics_import_dialog_get_first_day (dialog, &day))
    tsu_calendar_page_go_to (self->calendar_page, &day);
  toast (self, text);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TsuWindow *self = TSU_WINDOW (widget);

  if (self->store == NULL || !showing_pages (self))
    return;
  gtk_window_present (GTK_WINDOW (tsu_search_window_new (GTK_WINDOW (self), self->store)));
}

/* The shortcuts window is built the first time it is asked for: GtkApplication would
 * build it for every window as the window is made (from the resource
 * gtk/help-overlay.ui), a few milliseconds of each start. The resource is therefore
 * shortcuts/help-overlay.ui, and Ctrl+? is set in tsu-application.c. */
static void
show_help_overlay_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  GtkApplicationWindow *window = GTK_APPLICATION_WINDOW (widget);
  GtkShortcutsWindow *overlay = gtk_application_window_get_help_overlay (window);

  if (overlay == NULL)
    {
      g_autoptr(GtkBuilder) builder =
        gtk_builder_new_from_resource ("/io/github/tsunagu/Tsunagu/shortcuts/help-overlay.ui");

      overlay = GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
      gtk_application_window_set_help_overlay (window, overlay);
    }
  gtk_window_present (GTK_WINDOW (overlay));
}

/* Overrides */

static gboolean
tsu_window_close_request (GtkWindow *window)
{
  save_window_state (TSU_WINDOW (window));

  return GTK_WINDOW_CLASS (tsu_window_parent_class)->close_request (window);
}

static void
tsu_window_constructed (GObject *object)
{
  TsuWindow *self = TSU_WINDOW (object);

  G_OBJECT_CLASS (tsu_window_parent_class)->constructed (object);

  restore_window_state (self);

  if (self->demo)
    {
      gtk_window_set_title (GTK_WINDOW (self), _("Tsunagu — Demo Data"));
      adw_view_switcher_title_set_subtitle (self->switcher_title, _("Demo Data"));
      gtk_widget_set_visible (self->demo_banner, TRUE);
    }

  update_content (self);
}

static void
tsu_window_dispose (GObject *object)
{
  TsuWindow *self = TSU_WINDOW (object);

  g_cancellable_cancel (self->cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), TSU_TYPE_WINDOW);
  self->cases_page = NULL;
  self->directory_page = NULL;

  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (tsu_window_parent_class)->dispose (object);
}

static void
tsu_window_finalize (GObject *object)
{
  TsuWindow *self = TSU_WINDOW (object);

  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (tsu_window_parent_class)->finalize (object);
}

static void
tsu_window_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  TsuWindow *self = TSU_WINDOW (object);

  switch (prop_id)
    {
    case PROP_DEMO:
      g_value_set_boolean (value, self->demo);
      break;

    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tsu_window_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  TsuWindow *self = TSU_WINDOW (object);

  switch (prop_id)
    {
    case PROP_DEMO:
      self->demo = g_value_get_boolean (value);
      break;

    case PROP_STORE:
      tsu_window_set_store (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tsu_window_class_init (TsuWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);
  static const struct {
    guint       key;
    const char *page;
  } page_keys[] = {
    { GDK_KEY_1, "calendar" },
    { GDK_KEY_2, "cases" },
    { GDK_KEY_3, "directory" },
  };

  object_class->constructed = tsu_window_constructed;
  object_class->dispose = tsu_window_dispose;
  object_class->finalize = tsu_window_finalize;
  object_class->get_property = tsu_window_get_property;
  object_class->set_property = tsu_window_set_property;

  window_class->close_request = tsu_window_close_request;

  /**
   * TsuWindow:demo:
   *
   * Whether the window shows the demo database.
   */
  properties[PROP_DEMO] =
    g_param_spec_boolean ("demo", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * TsuWindow:store:
   *
   * The store the window shows; %NULL while it is being prepared.
   */
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         TSU_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (TSU_TYPE_CALENDAR_PAGE);
  g_type_ensure (TSU_TYPE_CASES_PAGE);
  g_type_ensure (TSU_TYPE_DIRECTORY_PAGE);
  g_type_ensure (TSU_TYPE_WELCOME_PAGE);
  g_type_ensure (TSU_TYPE_CALDAV_STATUS);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/tsunagu/Tsunagu/tsu-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TsuWindow, calendar_page);
  gtk_widget_class_bind_template_child (widget_class, TsuWindow, cases_bin);
  gtk_widget_class_bind_template_child (widget_class, TsuWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, TsuWindow, demo_banner);
  gtk_widget_class_bind_template_child (widget_class, TsuWindow, directory_bin);
  gtk_widget_class_bind_template_child (widget_class, TsuWindow, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, TsuWindow, primary_menu);
  gtk_widget_class_bind_template_child (widget_class, TsuWindow, primary_menu_button);
  gtk_widget_class_bind_template_child (widget_class, TsuWindow, switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, TsuWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, TsuWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, TsuWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, TsuWindow, welcome_page);
  gtk_widget_class_bind_template_callback (widget_class, update_switcher_bar_cb);
  gtk_widget_class_bind_template_callback (widget_class, visible_page_changed_cb);

  gtk_widget_class_install_action (widget_class, "win.show-page", "s", show_page_action);
  gtk_widget_class_install_action (widget_class, "win.open-case", "x", open_case_action);
  gtk_widget_class_install_action (widget_class, "win.open-meeting", "(xx)", open_meeting_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.import-calendar", NULL, import_calendar_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK, "win.import-calendar", NULL);
  gtk_widget_class_install_action (widget_class, "win.new-meeting", NULL, new_meeting_action);
  gtk_widget_class_install_action (widget_class, "win.edit-meeting", "(xx)", edit_meeting_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new-meeting", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
  gtk_widget_class_install_action (widget_class, "win.backup-now", NULL, backup_now_action);
  gtk_widget_class_install_action (widget_class, "win.restore-backup", NULL, restore_backup_action);
  gtk_widget_class_install_action (widget_class, "win.show-help-overlay", NULL, show_help_overlay_action);
  tsu_export_actions_install (widget_class);
  for (guint i = 0; i < G_N_ELEMENTS (page_keys); i++)
    gtk_widget_class_add_binding_action (widget_class, page_keys[i].key, GDK_CONTROL_MASK,
                                         "win.show-page", "s", page_keys[i].page);
}

static void
tsu_window_init (TsuWindow *self)
{
  self->cancellable = g_cancellable_new ();
  self->settings = g_settings_new (TSU_SETTINGS_SCHEMA_ID);

  gtk_widget_init_template (GTK_WIDGET (self));
  tsu_menu_button_set_menu_model_lazily (self->primary_menu_button, self->primary_menu);

  if (g_str_has_suffix (APPLICATION_ID, ".Devel"))
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
}

/* Public API */

/**
 * tsu_window_new:
 * @application: (nullable): the application
 * @store: (nullable): the store to show, or %NULL until it is ready
 * @demo: whether @store is the demo database
 *
 * Returns: (transfer floating): a new window
 */
TsuWindow *
tsu_window_new (TsuApplication *application,
                TsuStore       *store,
                gboolean        demo)
{
  g_return_val_if_fail (application == NULL || TSU_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (store == NULL || TSU_IS_STORE (store), NULL);

  return g_object_new (TSU_TYPE_WINDOW,
                       "application", application,
                       "demo", demo,
                       "store", store,
                       NULL);
}

/**
 * tsu_window_get_store:
 *
 * Returns: (transfer none) (nullable): the store the window shows
 */
TsuStore *
tsu_window_get_store (TsuWindow *self)
{
  g_return_val_if_fail (TSU_IS_WINDOW (self), NULL);

  return self->store;
}

/**
 * tsu_window_set_store:
 * @store: (nullable): the store to show
 *
 * Shows @store: the welcome page while it is empty, else the pages.
 */
void
tsu_window_set_store (TsuWindow *self,
                      TsuStore  *store)
{
  g_return_if_fail (TSU_IS_WINDOW (self));
  g_return_if_fail (store == NULL || TSU_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;

  /* What another Tsunagu or tsunagu-cli commits shows up within a second or two. */
  if (store != NULL)
    tsu_store_watch_external_changes (store, TRUE);

  update_content (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

gboolean
tsu_window_get_demo (TsuWindow *self)
{
  g_return_val_if_fail (TSU_IS_WINDOW (self), FALSE);

  return self->demo;
}

/**
 * tsu_window_get_content:
 *
 * Returns: what the window shows: "loading", "welcome" or "pages"
 */
const char *
tsu_window_get_content (TsuWindow *self)
{
  g_return_val_if_fail (TSU_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->content_stack);
}

/**
 * tsu_window_show_page:
 * @name: "calendar", "cases" or "directory"
 *
 * Shows a page, when the window shows its pages.
 */
void
tsu_window_show_page (TsuWindow  *self,
                      const char *name)
{
  g_return_if_fail (TSU_IS_WINDOW (self));
  g_return_if_fail (name != NULL);

  if (showing_pages (self) && adw_view_stack_get_child_by_name (self->view_stack, name) != NULL)
    adw_view_stack_set_visible_child_name (self->view_stack, name);
}

/**
 * tsu_window_get_visible_page:
 *
 * Returns: (nullable): the name of the page shown
 */
const char *
tsu_window_get_visible_page (TsuWindow *self)
{
  g_return_val_if_fail (TSU_IS_WINDOW (self), NULL);

  return adw_view_stack_get_visible_child_name (self->view_stack);
}

/**
 * tsu_window_load_demo:
 * @store: a store on the demo database
 * @scale: the size of the demo center when it must be created; 1 is a typical center
 *
 * Shows @store. While @store is still empty, the window first fills it with demo data
 * off the main thread and shows that it is doing so.
 */
void
tsu_window_load_demo (TsuWindow *self,
                      TsuStore  *store,
                      double     scale)
{
  g_autoptr(GTask) task = NULL;
  DemoJob *job;

  g_return_if_fail (TSU_IS_WINDOW (self));
  g_return_if_fail (TSU_IS_STORE (store));
  g_return_if_fail (self->demo);

  if (!store_is_empty (store))
    {
      tsu_window_set_store (self, store);
      return;
    }

  tsu_window_set_store (self, NULL);
  update_content (self);

  job = g_new0 (DemoJob, 1);
  job->store = g_object_ref (store);
  job->scale = scale;

  task = g_task_new (self, self->cancellable, generate_demo_cb, NULL);
  g_task_set_source_tag (task, tsu_window_load_demo);
  g_task_set_task_data (task, job, (GDestroyNotify) demo_job_free);
  g_task_run_in_thread (task, generate_demo_thread);
}

TsuCalendarPage *
tsu_window_get_calendar_page (TsuWindow *self)
{
  g_return_val_if_fail (TSU_IS_WINDOW (self), NULL);

  return self->calendar_page;
}

TsuCasesPage *
tsu_window_get_cases_page (TsuWindow *self)
{
  g_return_val_if_fail (TSU_IS_WINDOW (self), NULL);

  return ensure_cases_page (self);
}

TsuDirectoryPage *
tsu_window_get_directory_page (TsuWindow *self)
{
  g_return_val_if_fail (TSU_IS_WINDOW (self), NULL);

  return ensure_directory_page (self);
}

/**
 * tsu_window_import_calendar:
 * @file: (nullable): an .ics file, or %NULL to choose one
 *
 * Opens the preview of importing @file into the window's database; the calendar shows
 * the meetings once they are imported.
 *
 * Returns: (transfer none) (nullable): the preview dialog, or %NULL while there is no
 *   database to import into
 */
GtkWindow *
tsu_window_import_calendar (TsuWindow *self,
                            GFile     *file)
{
  TsuIcsImportDialog *dialog;

  g_return_val_if_fail (TSU_IS_WINDOW (self), NULL);
  g_return_val_if_fail (file == NULL || G_IS_FILE (file), NULL);

  if (self->store == NULL)
    return NULL;

  dialog = tsu_ics_import_dialog_new (self->store, file);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (self));
  g_signal_connect_object (dialog, "imported", G_CALLBACK (calendar_imported_cb), self, 0);
  if (file != NULL)
    gtk_window_present (GTK_WINDOW (dialog));
  else
    tsu_ics_import_dialog_choose_file (dialog);
  return GTK_WINDOW (dialog);
}

/**
 * tsu_window_add_toast:
 * @toast: (transfer full): the toast
 *
 * Shows a short message over the window's content.
 */
void
tsu_window_add_toast (TsuWindow *self,
                      AdwToast  *toast)
{
  g_return_if_fail (TSU_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}
