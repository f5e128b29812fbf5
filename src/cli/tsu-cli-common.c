/* tsu-cli-common.c: what the commands of tsunagu-cli share
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tsunagu-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "tsu-cli.h"

char *
tsu_cli_database_path (const char *option)
{
  const char *env = g_getenv ("TSUNAGU_DATABASE");

  if (option != NULL)
    return g_strdup (option);
  if (env != NULL && *env != '\0')
    return g_strdup (env);
  return tsu_database_get_default_path ();
}

TsuStore *
tsu_cli_open_store (const char *database)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = tsu_cli_database_path (database);
  TsuStore *store = tsu_store_open (path, &error);

  if (store == NULL)
    g_printerr ("tsunagu-cli: %s\n", error->message);
  return store;
}

/* Parses a command's options; prints --help and errors itself. Returns FALSE to stop. */
gboolean
tsu_cli_parse_options (const char    *command,
               const char    *args,
               const char    *summary,
               GOptionEntry  *entries,
               int           *argc,
               char        ***argv,
               int           *status)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *usage = g_strdup_printf ("%s %s", command, args);

  context = g_option_context_new (usage);
  g_option_context_set_summary (context, summary);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      g_printerr ("tsunagu-cli %s: %s\n", command, error->message);
      *status = 2;
      return FALSE;
    }
  return TRUE;
}

GDateTime *
tsu_cli_parse_date (const char *text)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Asia/Tokyo");
  int y, m, d;
  char extra;

  if (text == NULL || sscanf (text, "%4d-%2d-%2d%c", &y, &m, &d, &extra) != 3)
    return NULL;
  if (!g_date_valid_dmy (d, m, y))
    return NULL;
  return g_date_time_new (tz, y, m, d, 0, 0, 0);
}

char *
tsu_cli_format_instant (gint64 t)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Asia/Tokyo");
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (t);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (dt, tz);

  return g_date_time_format (local, "%Y-%m-%dT%H:%M:%S%:z");
}

/* TSV fields cannot hold tabs or line breaks. */
char *
tsu_cli_tsv_field (const char *text)
{
  return g_strdelimit (g_strdup (text != NULL ? text : ""), "\t\r\n", ' ');
}

void
tsu_cli_json_string (GString    *out,
             const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text != NULL ? text : ""; *p != '\0'; p++)
    {
      guchar c = *p;

      if (c == '"' || c == '\\')
        g_string_append_printf (out, "\\%c", c);
      else if (c == '\n')
        g_string_append (out, "\\n");
      else if (c == '\t')
        g_string_append (out, "\\t");
      else if (c < 0x20)
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_c (out, c);
    }
  g_string_append_c (out, '"');
}

gboolean
tsu_cli_check_format (const char *format)
{
  if (g_strcmp0 (format, "tsv") == 0 || g_strcmp0 (format, "json") == 0)
    return TRUE;
  g_printerr (_("tsunagu-cli: unknown format “%s” (use tsv or json)\n"), format);
  return FALSE;
}
