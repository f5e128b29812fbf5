/* tsu-caldav-status.c
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tsu-caldav-status"

#include "config.h"

#include <glib/gi18n.h>

#include "tsunagu-core.h"
#include "tsu-caldav-module.h"
#include "tsu-caldav-status.h"
#include "tsu-settings.h"
#include "tsu-window.h"

/* The shared calendar's state in the window's header: a button that syncs now, with
 * a spinner while a sync runs and a warning icon after a failed one. Syncs run in a
 * GTask thread with a store of their own: at start, every few minutes (a setting)
 * and a few seconds after a change here; never two at once. A failed sync says why
 * in a toast, once for each new reason; changes wait in the database meanwhile. */

#define CHANGE_DELAY_SECONDS 3

struct _TsuCaldavStatus
{
  AdwBin        parent_instance;

  GSettings    *settings;
  TsuWindow    *window;        /* (unowned) the window it sits in */
  TsuStore     *store;
  gulong        changed_id;
  guint         interval_id;
  guint         change_id;
  GCancellable *cancellable;
  gboolean      running;
  gboolean      again;         /* a request came while a sync ran */
  char         *last_error;

  GtkButton    *button;
  GtkImage     *icon;
  GtkSpinner   *spinner;
  GtkStack     *stack;
};

G_DEFINE_FINAL_TYPE (TsuCaldavStatus, tsu_caldav_status, ADW_TYPE_BIN)

static gboolean
is_configured (TsuCaldavStatus *self)
{
  g_autofree char *url = g_settings_get_string (self->settings, "caldav-url");
  g_autofree char *calendar = g_settings_get_string (self->settings, "caldav-calendar");

  return g_settings_get_boolean (self->settings, "caldav-enabled") && url[0] != '\0' &&
         calendar[0] != '\0' && self->store != NULL && !tsu_window_get_demo (self->window);
}

static void
show_state (TsuCaldavStatus *self,
            const char      *icon_name,
            const char      *tooltip)
{
  gtk_stack_set_visible_child_name (self->stack, self->running ? "running" : "idle");
  gtk_spinner_set_spinning (self->spinner, self->running);
  if (icon_name != NULL)
    gtk_image_set_from_icon_name (self->icon, icon_name);
  if (tooltip != NULL)
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->button), tooltip);
}

static void sync_start (TsuCaldavStatus *self);

static void
sync_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(TsuCaldavStatus) self = user_data;
  g_autoptr(GError) error = NULL;
  TsuCaldavSyncStats stats = { 0 };

  self->running = FALSE;
  if (!tsu_caldav_module_sync_finish (result, &stats, &error))
    {
      g_autofree char *tooltip = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      tooltip = g_strdup_printf (_("The shared calendar could not be synced: %s"), error->message);
      show_state (self, "dialog-warning-symbolic", tooltip);
      if (g_strcmp0 (self->last_error, error->message) != 0 && self->window != NULL)
        {
          AdwToast *toast = adw_toast_new (tooltip);

          adw_toast_set_timeout (toast, 10);
          tsu_window_add_toast (self->window, toast);
        }
      g_free (self->last_error);
      self->last_error = g_strdup (error->message);
    }
  else
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autofree char *time = g_date_time_format (now, "%H:%M");
      g_autofree char *tooltip = g_strdup_printf (_("Shared calendar synced at %s"), time);

      g_clear_pointer (&self->last_error, g_free);
      show_state (self, "emblem-synchronizing-symbolic", tooltip);
      if (stats.conflicts > 0 && self->window != NULL)
        {
          g_autofree char *text = g_strdup_printf (ngettext ("%u meeting was changed here and on the shared calendar; "
                                                             "both versions are kept, one as a “conflict copy”",
                                                             "%u meetings were changed here and on the shared calendar; "
                                                             "both versions are kept, one as a “conflict copy”",
                                                             stats.conflicts), stats.conflicts);

          tsu_window_add_toast (self->window, adw_toast_new (text));
        }
    }

  if (self->again)
    {
      self->again = FALSE;
      sync_start (self);
    }
}

static void
password_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(TsuCaldavStatus) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *password = tsu_caldav_module_secret_lookup_finish (result, &error);
  g_autofree char *url = NULL;
  g_autofree char *user = NULL;
  g_autofree char *calendar = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (self->store == NULL || !is_configured (self))
    {
      self->running = FALSE;
      show_state (self, NULL, NULL);
      return;
    }
  /* Without a keyring the server may still take no password; it says so if not. */
  url = g_settings_get_string (self->settings, "caldav-url");
  user = g_settings_get_string (self->settings, "caldav-user");
  calendar = g_settings_get_string (self->settings, "caldav-calendar");
  tsu_caldav_module_sync_async (tsu_database_get_path (tsu_store_get_database (self->store)), url,
                                user[0] != '\0' ? user : NULL, password, calendar, self->cancellable,
                                sync_done_cb, g_object_ref (self));
}

static void
sync_start (TsuCaldavStatus *self)
{
  g_autofree char *url = NULL;
  g_autofree char *user = NULL;

  if (!is_configured (self))
    return;
  if (self->running)
    {
      self->again = TRUE;
      return;
    }
  self->running = TRUE;
  show_state (self, NULL, _("Syncing the shared calendar…"));
  url = g_settings_get_string (self->settings, "caldav-url");
  user = g_settings_get_string (self->settings, "caldav-user");
  tsu_caldav_module_secret_lookup_async (url, user, self->cancellable, password_cb, g_object_ref (self));
}

static gboolean
interval_cb (gpointer user_data)
{
  sync_start (TSU_CALDAV_STATUS (user_data));
  return G_SOURCE_CONTINUE;
}

static gboolean
change_delay_cb (gpointer user_data)
{
  TsuCaldavStatus *self = user_data;

  self->change_id = 0;
  /* Only changes made here wait to go; the window's store also reports what a sync
   * brought in, which needs no sync of its own. */
  if (self->store != NULL && tsu_caldav_module_sync_count_pending (self->store) > 0)
    sync_start (self);
  return G_SOURCE_REMOVE;
}

static void
store_changed_cb (TsuCaldavStatus *self,
                  const char      *table)
{
  if (!is_configured (self) || (g_strcmp0 (table, "meeting") != 0 && g_strcmp0 (table, "participant") != 0))
    return;
  g_clear_handle_id (&self->change_id, g_source_remove);
  self->change_id = g_timeout_add_seconds (CHANGE_DELAY_SECONDS, change_delay_cb, self);
}

static void
restart (TsuCaldavStatus *self)
{
  gboolean on;

  g_clear_handle_id (&self->interval_id, g_source_remove);
  g_clear_handle_id (&self->change_id, g_source_remove);
  on = is_configured (self);
  gtk_widget_set_visible (GTK_WIDGET (self), on);
  if (!on)
    return;
  self->interval_id = g_timeout_add_seconds (60 * g_settings_get_int (self->settings, "caldav-interval"),
                                             interval_cb, self);
  sync_start (self);
}

static void
store_notify_cb (TsuCaldavStatus *self)
{
  TsuStore *store = tsu_window_get_store (self->window);

  if (store == self->store)
    return;
  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_id, self->store);
  g_set_object (&self->store, store);
  if (store != NULL)
    self->changed_id = g_signal_connect_object (store, "changed", G_CALLBACK (store_changed_cb),
                                                self, G_CONNECT_SWAPPED);
  restart (self);
}

static void
settings_changed_cb (TsuCaldavStatus *self,
                     const char      *key)
{
  if (g_str_has_prefix (key, "caldav-"))
    restart (self);
}

static void
clicked_cb (TsuCaldavStatus *self)
{
  sync_start (self);
}

static void
tsu_caldav_status_root (GtkWidget *widget)
{
  TsuCaldavStatus *self = TSU_CALDAV_STATUS (widget);
  GtkRoot *root;

  GTK_WIDGET_CLASS (tsu_caldav_status_parent_class)->root (widget);

  root = gtk_widget_get_root (widget);
  if (!TSU_IS_WINDOW (root) || self->window != NULL)
    return;
  self->window = TSU_WINDOW (root);
  g_signal_connect_object (self->window, "notify::store", G_CALLBACK (store_notify_cb), self,
                           G_CONNECT_SWAPPED);
  store_notify_cb (self);
}

static void
tsu_caldav_status_dispose (GObject *object)
{
  TsuCaldavStatus *self = TSU_CALDAV_STATUS (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->interval_id, g_source_remove);
  g_clear_handle_id (&self->change_id, g_source_remove);
  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_id, self->store);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (tsu_caldav_status_parent_class)->dispose (object);
}

static void
tsu_caldav_status_finalize (GObject *object)
{
  TsuCaldavStatus *self = TSU_CALDAV_STATUS (object);

  g_free (self->last_error);

  G_OBJECT_CLASS (tsu_caldav_status_parent_class)->finalize (object);
}

static void
tsu_caldav_status_class_init (TsuCaldavStatusClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tsu_caldav_status_dispose;
  object_class->finalize = tsu_caldav_status_finalize;
  widget_class->root = tsu_caldav_status_root;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/tsunagu/Tsunagu/tsu-caldav-status.ui");
  gtk_widget_class_bind_template_child (widget_class, TsuCaldavStatus, button);
  gtk_widget_class_bind_template_child (widget_class, TsuCaldavStatus, icon);
  gtk_widget_class_bind_template_child (widget_class, TsuCaldavStatus, spinner);
  gtk_widget_class_bind_template_child (widget_class, TsuCaldavStatus, stack);
  gtk_widget_class_bind_template_callback (widget_class, clicked_cb);
}

static void
tsu_caldav_status_init (TsuCaldavStatus *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->settings = g_settings_new (TSU_SETTINGS_SCHEMA_ID);
  g_signal_connect_object (self->settings, "changed", G_CALLBACK (settings_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

/**
 * tsu_caldav_status_sync_now:
 *
 * Syncs the shared calendar now (or right after the sync under way).
 */
void
tsu_caldav_status_sync_now (TsuCaldavStatus *self)
{
  g_return_if_fail (TSU_IS_CALDAV_STATUS (self));

  sync_start (self);
}
