/* tsu-cli-sync.c: sync with a CalDAV calendar
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tsunagu-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tsu-caldav-module.h"
#include "tsu-cli.h"

/* The CalDAV half of the core comes from its module (tsu-caldav-module.c), so that the
 * other commands start without the twenty libraries it needs. */
static struct {
  __typeof__ (tsu_caldav_secret_lookup) *secret_lookup;
  __typeof__ (tsu_caldav_client_new) *client_new;
  __typeof__ (tsu_caldav_client_discover) *client_discover;
  __typeof__ (tsu_caldav_client_resolve) *client_resolve;
  __typeof__ (tsu_caldav_sync) *sync;
} caldav;

static gboolean
load_caldav (GError **error)
{
  const struct {
    const char *name;
    gpointer   *address;
  } functions[] = {
    { "tsu_caldav_secret_lookup", (gpointer *) &caldav.secret_lookup },
    { "tsu_caldav_client_new", (gpointer *) &caldav.client_new },
    { "tsu_caldav_client_discover", (gpointer *) &caldav.client_discover },
    { "tsu_caldav_client_resolve", (gpointer *) &caldav.client_resolve },
    { "tsu_caldav_sync", (gpointer *) &caldav.sync },
  };

  for (guint i = 0; i < G_N_ELEMENTS (functions); i++)
    {
      *functions[i].address = tsu_caldav_module_symbol (functions[i].name, error);
      if (*functions[i].address == NULL)
        return FALSE;
    }
  return TRUE;
}

/* The password: from a file (its first line), from $TSUNAGU_CALDAV_PASSWORD, else from
 * the keyring where the app keeps it. Never from the command line, where other users
 * of the machine could read it. */
static char *
read_password (const char  *file,
               const char  *url,
               const char  *user,
               GError     **error)
{
  const char *env = g_getenv ("TSUNAGU_CALDAV_PASSWORD");
  g_autoptr(GError) keyring_error = NULL;

  if (file != NULL)
    {
      g_autofree char *contents = NULL;
      char *end;

      if (!g_file_get_contents (file, &contents, NULL, error))
        return NULL;
      end = strpbrk (contents, "\r\n");
      if (end != NULL)
        *end = '\0';
      return g_steal_pointer (&contents);
    }
  if (env != NULL)
    return g_strdup (env);
  if (user == NULL)
    return NULL;
  /* Without a keyring (a server, a script) there is no password: the server says so. */
  return caldav.secret_lookup (url, user, NULL, &keyring_error);
}

static char *
stored_calendar (TsuStore *store)
{
  sqlite3_stmt *stmt = tsu_database_prepare (tsu_store_get_database (store),
                                             "SELECT url FROM caldav_calendar WHERE id = 1", NULL);
  char *url = NULL;

  if (stmt == NULL)
    return NULL;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    url = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return url;
}

static void
print_calendars (GListModel *calendars)
{
  for (guint i = 0; i < g_list_model_get_n_items (calendars); i++)
    {
      g_autoptr(TsuCaldavCalendar) c = g_list_model_get_item (calendars, i);
      g_autofree char *name = tsu_cli_tsv_field (tsu_caldav_calendar_get_display_name (c));

      g_print ("%s\t%s\n", tsu_caldav_calendar_get_url (c), name);
    }
}

/* sync --url URL --user USER [--password-file FILE] [--calendar URL] [--discover] */
int
tsu_cli_sync (const char *database, int argc, char **argv)
{
  g_autofree char *url = NULL;
  g_autofree char *user = NULL;
  g_autofree char *password_file = NULL;
  g_autofree char *calendar = NULL;
  g_autofree char *password = NULL;
  g_autoptr(TsuCaldavClient) client = NULL;
  g_autoptr(TsuStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gboolean discover = FALSE;
  TsuCaldavSyncStats stats = { 0 };
  int status = 0;
  GOptionEntry entries[] = {
    { "url", 0, 0, G_OPTION_ARG_STRING, &url, N_("The CalDAV server, a principal or a calendar"), "URL" },
    { "user", 0, 0, G_OPTION_ARG_STRING, &user, N_("User name on the server"), "USER" },
    { "password-file", 0, 0, G_OPTION_ARG_FILENAME, &password_file,
      N_("Read the password from the first line of FILE (else $TSUNAGU_CALDAV_PASSWORD, else the keyring)"), "FILE" },
    { "calendar", 0, 0, G_OPTION_ARG_STRING, &calendar, N_("The calendar to sync with (a URL or a path)"), "URL" },
    { "discover", 0, 0, G_OPTION_ARG_NONE, &discover, N_("List the calendars of the account and stop"), NULL },
    { NULL }
  };

  if (!tsu_cli_parse_options ("sync", "--url URL --user USER [--calendar URL] [--discover]",
                              _("Two-way sync of the meetings with a shared CalDAV calendar. Only "
                                "calendar data goes to the server: titles with case codes, times, "
                                "places, participants; never children's names, notes, minutes or consent."),
                              entries, &argc, &argv, &status))
    return status;
  if (url == NULL)
    {
      g_printerr (_("tsunagu-cli sync: give the server with --url\n"));
      return 2;
    }

  if (!load_caldav (&error))
    {
      g_printerr ("tsunagu-cli sync: %s\n", error->message);
      return 1;
    }
  password = read_password (password_file, url, user, &error);
  if (error != NULL)
    {
      g_printerr ("tsunagu-cli sync: %s\n", error->message);
      return 1;
    }
  client = caldav.client_new (url, user, password, &error);
  if (client == NULL)
    {
      g_printerr ("tsunagu-cli sync: %s\n", error->message);
      return 2;
    }

  if (discover)
    {
      g_autoptr(GListModel) calendars = caldav.client_discover (client, NULL, &error);

      if (calendars == NULL)
        {
          g_printerr ("tsunagu-cli sync: %s\n", error->message);
          return 1;
        }
      print_calendars (calendars);
      return 0;
    }

  store = tsu_cli_open_store (database);
  if (store == NULL)
    return 1;

  if (calendar != NULL)
    {
      char *resolved = caldav.client_resolve (client, url, calendar);

      g_free (calendar);
      calendar = resolved;
    }
  else
    calendar = stored_calendar (store);
  if (calendar == NULL)
    {
      g_autoptr(GListModel) calendars = caldav.client_discover (client, NULL, &error);

      if (calendars == NULL)
        {
          g_printerr ("tsunagu-cli sync: %s\n", error->message);
          return 1;
        }
      if (g_list_model_get_n_items (calendars) > 1)
        {
          g_printerr (_("tsunagu-cli sync: the account has several calendars; choose one with --calendar:\n"));
          print_calendars (calendars);
          return 2;
        }
      {
        g_autoptr(TsuCaldavCalendar) only = g_list_model_get_item (calendars, 0);

        calendar = g_strdup (tsu_caldav_calendar_get_url (only));
      }
    }

  if (!caldav.sync (store, client, calendar, &stats, NULL, &error))
    {
      g_printerr ("tsunagu-cli sync: %s\n", error->message);
      return 1;
    }

  g_print (_("Synced with %s: %u received, %u removed here, %u sent, %u removed there, "
             "%u conflicts (both versions kept)\n"),
           calendar, stats.received, stats.removed, stats.sent, stats.deleted, stats.conflicts);
  if (stats.unreadable > 0)
    g_print (ngettext ("%u event on the server cannot be read and was left alone\n",
                       "%u events on the server cannot be read and were left alone\n",
                       stats.unreadable), stats.unreadable);
  return 0;
}
