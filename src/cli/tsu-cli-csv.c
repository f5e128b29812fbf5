/* tsu-cli-csv.c: export and import of the directory as CSV
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tsunagu-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "tsu-cli.h"

/* export agencies|persons --output FILE.csv */
int
tsu_cli_export_csv (const char *database, int argc, char **argv)
{
  g_autofree char *output = NULL;
  g_autoptr(TsuStore) store = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *command = g_strdup_printf ("export %s", argv[0]);
  TsuCsvKind kind;
  int status = 0;
  GOptionEntry entries[] = {
    { "output", 0, 0, G_OPTION_ARG_FILENAME, &output, N_("The CSV file to write"), "FILE" },
    { NULL }
  };

  if (!tsu_csv_kind_from_string (argv[0], &kind))
    return 2;
  if (!tsu_cli_parse_options (command, "--output FILE.csv",
                              _("Write the directory as CSV for Excel (UTF-8 with BOM)."),
                              entries, &argc, &argv, &status))
    return status;
  if (output == NULL)
    {
      g_printerr (_("tsunagu-cli %s: --output is required\n"), command);
      return 2;
    }

  store = tsu_cli_open_store (database);
  if (store == NULL)
    return 1;
  bytes = tsu_csv_export (store, kind, &error);
  if (bytes == NULL ||
      !g_file_set_contents_full (output, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error))
    {
      g_printerr ("tsunagu-cli %s: %s\n", command, error->message);
      return 1;
    }
  return 0;
}

/* export audit [--case CODE] --output FILE.csv */
int
tsu_cli_export_audit (const char *database, int argc, char **argv)
{
  g_autofree char *output = NULL;
  g_autofree char *code = NULL;
  g_autoptr(TsuStore) store = NULL;
  g_autoptr(TsuCase) the_case = NULL;
  g_autoptr(GListModel) lines = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;
  GOptionEntry entries[] = {
    { "case", 0, 0, G_OPTION_ARG_STRING, &code, N_("Only the lines about this case (its code)"), "CODE" },
    { "output", 0, 0, G_OPTION_ARG_FILENAME, &output, N_("The CSV file to write"), "FILE" },
    { NULL }
  };

  if (!tsu_cli_parse_options ("export audit", "[--case CODE] --output FILE.csv",
                              _("Write the audit log (who created, changed, confirmed or deleted what, and when) "
                                "as CSV for Excel (UTF-8 with BOM), newest first."),
                              entries, &argc, &argv, &status))
    return status;
  if (output == NULL)
    {
      g_printerr (_("tsunagu-cli %s: --output is required\n"), "export audit");
      return 2;
    }

  store = tsu_cli_open_store (database);
  if (store == NULL)
    return 1;
  if (code != NULL)
    {
      the_case = tsu_store_find_case_by_code (store, code, &error);
      if (the_case == NULL)
        {
          if (error != NULL)
            g_printerr ("tsunagu-cli export audit: %s\n", error->message);
          else
            g_printerr (_("tsunagu-cli export audit: no case with the code “%s”\n"), code);
          return 1;
        }
    }

  lines = tsu_audit_list (store, the_case != NULL ? tsu_record_get_id (TSU_RECORD (the_case)) : 0, &error);
  if (lines != NULL)
    bytes = tsu_audit_export_csv (lines);
  if (bytes == NULL ||
      !g_file_set_contents_full (output, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error))
    {
      g_printerr ("tsunagu-cli export audit: %s\n", error->message);
      return 1;
    }
  return 0;
}

static void
print_problems (GPtrArray  *problems,
                const char *heading)
{
  if (problems->len == 0)
    return;
  g_print ("%s\n", heading);
  for (guint i = 0; i < problems->len; i++)
    {
      TsuCsvProblem *p = problems->pdata[i];

      g_print (_("  line %u: %s\n"), p->line, p->message);
    }
}

/* import FILE.csv --kind agencies|persons [--encoding auto|utf-8|cp932] [--dry-run] */
int
tsu_cli_import_csv (const char *database, int argc, char **argv)
{
  g_autofree char *kind_text = NULL;
  g_autofree char *encoding_text = NULL;
  g_autoptr(TsuStore) store = NULL;
  g_autoptr(TsuCsvPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GFileInfo) info = NULL;
  gboolean dry_run = FALSE;
  TsuCsvEncoding encoding;
  TsuCsvKind kind;
  int status = 0;
  GOptionEntry entries[] = {
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind_text, N_("What the file holds: agencies or persons"), "KIND" },
    { "encoding", 0, 0, G_OPTION_ARG_STRING, &encoding_text, N_("auto, utf-8 or cp932 (Shift_JIS)"), "ENCODING" },
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run, N_("Show what would be imported, change nothing"), NULL },
    { NULL }
  };

  if (!tsu_cli_parse_options ("import", "FILE.csv --kind agencies|persons",
                              _("Import agencies or persons from CSV: all rows or none."),
                              entries, &argc, &argv, &status))
    return status;
  if (argc != 2 || !tsu_csv_kind_from_string (kind_text, &kind))
    {
      g_printerr (_("tsunagu-cli import: give one FILE.csv and --kind agencies or persons\n"));
      return 2;
    }
  if (encoding_text == NULL || g_strcmp0 (encoding_text, "auto") == 0)
    encoding = TSU_CSV_ENCODING_AUTO;
  else if (g_ascii_strcasecmp (encoding_text, "utf-8") == 0 || g_ascii_strcasecmp (encoding_text, "utf8") == 0)
    encoding = TSU_CSV_ENCODING_UTF8;
  else if (g_ascii_strcasecmp (encoding_text, "cp932") == 0 || g_ascii_strcasecmp (encoding_text, "shift_jis") == 0)
    encoding = TSU_CSV_ENCODING_CP932;
  else
    {
      g_printerr (_("tsunagu-cli import: unknown encoding “%s” (use auto, utf-8 or cp932)\n"), encoding_text);
      return 2;
    }

  file = g_file_new_for_commandline_arg (argv[1]);
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE, NULL, &error);
  if (info != NULL && g_file_info_get_size (info) > TSU_CSV_MAX_BYTES)
    {
      g_printerr (_("tsunagu-cli import: the file is larger than %d MB; split it into smaller files\n"),
                  TSU_CSV_MAX_BYTES / (1024 * 1024));
      return 1;
    }
  if (info != NULL)
    bytes = g_file_load_bytes (file, NULL, NULL, &error);
  if (bytes == NULL)
    {
      g_printerr ("tsunagu-cli import: %s\n", error->message);
      return 1;
    }

  store = tsu_cli_open_store (database);
  if (store == NULL)
    return 1;

  plan = tsu_csv_plan_new (store, kind, bytes, encoding, &error);
  if (plan == NULL)
    {
      g_printerr ("tsunagu-cli import: %s\n", error->message);
      return 1;
    }

  g_print (_("Encoding: %s\nNew: %u\nDuplicates (skipped): %u\nBad rows: %u\n"),
           tsu_csv_plan_get_encoding (plan), tsu_csv_plan_get_new (plan)->len,
           tsu_csv_plan_get_duplicates (plan)->len, tsu_csv_plan_get_problems (plan)->len);
  print_problems (tsu_csv_plan_get_duplicates (plan), _("Skipped:"));
  print_problems (tsu_csv_plan_get_problems (plan), _("Not correct:"));

  if (tsu_csv_plan_get_problems (plan)->len > 0)
    {
      g_printerr (_("tsunagu-cli import: nothing was imported; correct the rows above and try again\n"));
      return 1;
    }
  if (dry_run)
    return 0;

  if (!tsu_csv_plan_apply (plan, store, &error))
    {
      g_printerr ("tsunagu-cli import: %s\n", error->message);
      return 1;
    }
  g_print (_("Imported %u.\n"), tsu_csv_plan_get_new (plan)->len);
  return 0;
}
