/* tsu-cli.c: tsunagu-cli, the command-line tool
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tsunagu-cli"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "tsu-cli.h"
#include "tsu-demo.h"

/* tsunagu-cli [--database PATH] COMMAND [OPTIONS]: shares the core with the app so
 * that staff can script it and the tests can drive the store. Output goes to
 * stdout, messages to stderr; a failure exits non-zero. */

typedef struct {
  const char  *name;
  const char  *args;
  const char  *summary;
  CommandFunc  func;
} Command;

static int
command_demo (const char *database, int argc, char **argv)
{
  g_autoptr(TsuStore) store = NULL;
  g_autoptr(GError) error = NULL;
  TsuDemoOptions options;
  double scale = 1.0;
  int years = 10, seed = 1, status = 0;
  g_autoptr(GTimer) timer = g_timer_new ();
  GOptionEntry entries[] = {
    { "scale", 0, 0, G_OPTION_ARG_DOUBLE, &scale, N_("Size: 1 is a large center's ten years"), "S" },
    { "years", 0, 0, G_OPTION_ARG_INT, &years, N_("Years of meetings"), "N" },
    { "seed", 0, 0, G_OPTION_ARG_INT, &seed, N_("Seed of the random generator"), "N" },
    { NULL }
  };

  if (!tsu_cli_parse_options ("demo", "", _("Fill a new database with realistic demo data."),
                      entries, &argc, &argv, &status))
    return status;

  if (scale <= 0 || scale > 100 || years < 1 || years > 50 || seed < 0)
    {
      g_printerr (_("tsunagu-cli demo: --scale must be in (0, 100], --years in [1, 50], --seed ≥ 0\n"));
      return 2;
    }

  store = tsu_cli_open_store (database);
  if (store == NULL)
    return 1;

  tsu_demo_options_init (&options);
  options.scale = scale;
  options.years = years;
  options.seed = seed;
  if (!tsu_demo_generate (store, &options, &error))
    {
      g_printerr ("tsunagu-cli demo: %s\n", error->message);
      return 1;
    }

  g_printerr (_("Demo data written in %.1f s: %" PRId64 " cases, %" PRId64
                " meetings, %" PRId64 " agencies, %" PRId64 " persons, %"
                PRId64 " minutes\n"),
              g_timer_elapsed (timer, NULL),
              tsu_store_count (store, TSU_TYPE_CASE), tsu_store_count (store, TSU_TYPE_MEETING),
              tsu_store_count (store, TSU_TYPE_AGENCY), tsu_store_count (store, TSU_TYPE_PERSON),
              tsu_store_count (store, TSU_TYPE_MINUTES));
  return 0;
}

static const char *
case_code (TsuStore   *store,
           GHashTable *cache,
           gint64      case_id)
{
  TsuCase *c;

  if (case_id == 0)
    return "";
  c = g_hash_table_lookup (cache, &case_id);
  if (c == NULL)
    {
      c = tsu_store_load (store, TSU_TYPE_CASE, case_id, NULL);
      if (c == NULL)
        return "";
      g_hash_table_insert (cache, g_memdup2 (&case_id, sizeof case_id), c);
    }
  return tsu_case_get_code (c);
}

static int
command_list (const char *database, int argc, char **argv)
{
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;
  g_autofree char *format = NULL;  /* GOption does not free a default it replaces */
  g_autoptr(GDateTime) from = NULL;
  g_autoptr(GDateTime) to = NULL;
  g_autoptr(GDateTime) to_end = NULL;
  g_autoptr(TsuStore) store = NULL;
  g_autoptr(GListModel) occurrences = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) cases = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  int status = 0;
  GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &from_text, N_("First day (YYYY-MM-DD)"), "DATE" },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to_text, N_("Last day (YYYY-MM-DD), included"), "DATE" },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("Output format: tsv or json"), "FORMAT" },
    { NULL }
  };

  if (!tsu_cli_parse_options ("list", "--from DATE --to DATE",
                      _("List every meeting occurrence that overlaps the days, recurrences expanded."),
                      entries, &argc, &argv, &status))
    return status;

  from = tsu_cli_parse_date (from_text);
  to = tsu_cli_parse_date (to_text);
  if (from == NULL || to == NULL)
    {
      g_printerr (_("tsunagu-cli list: --from and --to must be dates like 2026-11-24\n"));
      return 2;
    }
  if (format == NULL)
    format = g_strdup ("tsv");
  if (!tsu_cli_check_format (format))
    return 2;
  to_end = g_date_time_add_days (to, 1);
  if (g_date_time_compare (to_end, from) <= 0)
    {
      g_printerr (_("tsunagu-cli list: --to is before --from\n"));
      return 2;
    }

  store = tsu_cli_open_store (database);
  if (store == NULL)
    return 1;

  occurrences = tsu_store_list_occurrences (store, g_date_time_to_unix (from),
                                            g_date_time_to_unix (to_end), &error);
  if (occurrences == NULL)
    {
      g_printerr ("tsunagu-cli list: %s\n", error->message);
      return 1;
    }

  cases = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  if (g_strcmp0 (format, "json") == 0)
    g_string_append (out, "[\n");

  for (guint i = 0; i < g_list_model_get_n_items (occurrences); i++)
    {
      g_autoptr(TsuOccurrence) o = g_list_model_get_item (occurrences, i);
      TsuMeeting *m = tsu_occurrence_get_meeting (o);
      g_autofree char *start = tsu_cli_format_instant (tsu_occurrence_get_starts_at (o));
      g_autofree char *end = tsu_cli_format_instant (tsu_occurrence_get_ends_at (o));
      g_autofree char *rid = tsu_occurrence_get_recurrence_id (o) != 0
                               ? tsu_cli_format_instant (tsu_occurrence_get_recurrence_id (o))
                               : g_strdup ("");
      const char *code = case_code (store, cases, tsu_meeting_get_case_id (m));

      if (g_strcmp0 (format, "json") == 0)
        {
          g_string_append_printf (out, "  {\"id\": %" G_GINT64_FORMAT ", \"uid\": ",
                                  tsu_record_get_id (TSU_RECORD (m)));
          tsu_cli_json_string (out, tsu_meeting_get_uid (m));
          g_string_append (out, ", \"recurrence_id\": ");
          tsu_cli_json_string (out, rid);
          g_string_append (out, ", \"start\": ");
          tsu_cli_json_string (out, start);
          g_string_append (out, ", \"end\": ");
          tsu_cli_json_string (out, end);
          g_string_append (out, ", \"kind\": ");
          tsu_cli_json_string (out, tsu_meeting_get_kind (m));
          g_string_append (out, ", \"title\": ");
          tsu_cli_json_string (out, tsu_meeting_get_title (m));
          g_string_append (out, ", \"case\": ");
          tsu_cli_json_string (out, code);
          g_string_append_printf (out, "}%s\n",
                                  i + 1 < g_list_model_get_n_items (occurrences) ? "," : "");
        }
      else
        {
          g_autofree char *uid = tsu_cli_tsv_field (tsu_meeting_get_uid (m));
          g_autofree char *title = tsu_cli_tsv_field (tsu_meeting_get_title (m));

          g_string_append_printf (out, "%" G_GINT64_FORMAT "\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n",
                                  tsu_record_get_id (TSU_RECORD (m)), uid, rid, start, end,
                                  tsu_meeting_get_kind (m), title, code);
        }

      if (out->len > 65536)
        {
          fwrite (out->str, 1, out->len, stdout);
          g_string_truncate (out, 0);
        }
    }

  if (g_strcmp0 (format, "json") == 0)
    g_string_append (out, "]\n");
  fwrite (out->str, 1, out->len, stdout);
  return fflush (stdout) == 0 ? 0 : 1;
}

static int
command_search (const char *database, int argc, char **argv)
{
  g_autofree char *format = NULL;  /* GOption does not free a default it replaces */
  g_autoptr(TsuStore) store = NULL;
  g_autoptr(GListModel) hits = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  int limit = 50, status = 0;
  guint n;
  GOptionEntry entries[] = {
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, N_("The most hits to show (default 50)"), "N" },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("Output format: tsv or json"), "FORMAT" },
    { NULL }
  };

  if (!tsu_cli_parse_options ("search", "QUERY",
                      _("Search cases, agencies, persons, meetings, agendas, minutes and decisions."),
                      entries, &argc, &argv, &status))
    return status;

  if (argc != 2)
    {
      g_printerr (_("tsunagu-cli search: give one QUERY (quote it if it has spaces)\n"));
      return 2;
    }
  if (limit < 1)
    {
      g_printerr (_("tsunagu-cli search: --limit must be at least 1\n"));
      return 2;
    }
  if (format == NULL)
    format = g_strdup ("tsv");
  if (!tsu_cli_check_format (format))
    return 2;

  store = tsu_cli_open_store (database);
  if (store == NULL)
    return 1;

  hits = tsu_store_search (store, argv[1], limit, &error);
  if (hits == NULL)
    {
      g_printerr ("tsunagu-cli search: %s\n", error->message);
      return 1;
    }

  n = g_list_model_get_n_items (hits);
  if (g_strcmp0 (format, "json") == 0)
    g_string_append (out, "[\n");
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TsuSearchHit) hit = g_list_model_get_item (hits, i);

      if (g_strcmp0 (format, "json") == 0)
        {
          g_string_append (out, "  {\"kind\": ");
          tsu_cli_json_string (out, tsu_search_hit_get_kind (hit));
          g_string_append_printf (out, ", \"id\": %" G_GINT64_FORMAT ", \"title\": ",
                                  tsu_search_hit_get_ref_id (hit));
          tsu_cli_json_string (out, tsu_search_hit_get_title (hit));
          g_string_append (out, ", \"snippet\": ");
          tsu_cli_json_string (out, tsu_search_hit_get_snippet (hit));
          g_string_append_printf (out, "}%s\n", i + 1 < n ? "," : "");
        }
      else
        {
          g_autofree char *title = tsu_cli_tsv_field (tsu_search_hit_get_title (hit));
          g_autofree char *snippet = tsu_cli_tsv_field (tsu_search_hit_get_snippet (hit));

          g_string_append_printf (out, "%s\t%" G_GINT64_FORMAT "\t%s\t%s\n",
                                  tsu_search_hit_get_kind (hit), tsu_search_hit_get_ref_id (hit),
                                  title, snippet);
        }
    }
  if (g_strcmp0 (format, "json") == 0)
    g_string_append (out, "]\n");
  fwrite (out->str, 1, out->len, stdout);
  return fflush (stdout) == 0 ? 0 : 1;
}

static int
command_check (const char *database, int argc, char **argv)
{
  g_autoptr(TsuStore) store = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;
  GOptionEntry entries[] = { { NULL } };

  if (!tsu_cli_parse_options ("check", "",
                      _("Check the database's integrity and schema version; exit 0 when fine."),
                      entries, &argc, &argv, &status))
    return status;

  store = tsu_cli_open_store (database);
  if (store == NULL)
    return 1;

  if (!tsu_database_check_integrity (tsu_store_get_database (store), FALSE, &error))
    {
      g_printerr ("tsunagu-cli check: %s\n", error->message);
      return 1;
    }

  g_print (_("%s: integrity ok, schema version %d\n"),
           tsu_database_get_path (tsu_store_get_database (store)),
           tsu_database_get_schema_version (tsu_store_get_database (store)));
  return 0;
}

static int
command_backup (const char *database, int argc, char **argv)
{
  g_autofree char *output = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *written = NULL;
  g_autoptr(TsuStore) store = NULL;
  g_autoptr(GError) error = NULL;
  int keep = 0, status = 0;
  GOptionEntry entries[] = {
    { "output", 0, 0, G_OPTION_ARG_FILENAME, &output, N_("Write the backup to FILE"), "FILE" },
    { "keep", 0, 0, G_OPTION_ARG_INT, &keep, N_("Keep only the newest N backups in the backup folder"), "N" },
    { NULL }
  };

  if (!tsu_cli_parse_options ("backup", "[--output FILE]",
                              _("Write a consistent copy of the database, readable by you only. "
                                "Without --output it goes into the backup folder beside the database."),
                              entries, &argc, &argv, &status))
    return status;
  if (keep < 0)
    {
      g_printerr (_("tsunagu-cli backup: --keep must be 0 or more\n"));
      return 2;
    }

  store = tsu_cli_open_store (database);
  if (store == NULL)
    return 1;

  if (output != NULL)
    written = tsu_backup_write (tsu_store_get_database (store), output, &error)
                ? g_strdup (output) : NULL;
  else
    {
      folder = tsu_backup_get_default_folder (tsu_database_get_path (tsu_store_get_database (store)));
      written = tsu_backup_now (tsu_store_get_database (store), folder, keep, &error);
    }

  if (written == NULL)
    {
      g_printerr ("tsunagu-cli backup: %s\n", error->message);
      return 1;
    }
  g_print ("%s\n", written);
  return 0;
}

static int
command_restore (const char *database, int argc, char **argv)
{
  g_autofree char *path = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *kept = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;
  GOptionEntry entries[] = { { NULL } };

  if (!tsu_cli_parse_options ("restore", "FILE",
                              _("Replace the database with a backup. The backup is checked first, "
                                "and the current database is kept as a backup too. Close Tsunagu first."),
                              entries, &argc, &argv, &status))
    return status;
  if (argc != 2)
    {
      g_printerr (_("tsunagu-cli restore: give the backup FILE\n"));
      return 2;
    }

  path = tsu_cli_database_path (database);
  folder = tsu_backup_get_default_folder (path);
  kept = tsu_backup_restore (path, argv[1], folder, &error);
  if (kept == NULL)
    {
      g_printerr ("tsunagu-cli restore: %s\n", error->message);
      return 1;
    }
  if (*kept != '\0')
    g_printerr (_("The replaced database was kept as %s\n"), kept);
  g_print (_("Restored %s\n"), path);
  return 0;
}

/* Kinds of "export KIND" and "import FILE --kind KIND"; each exporter or importer
 * adds its line. An exporter gets argv[0] = its kind; an importer gets the whole
 * "import FILE …" argv. */
typedef struct {
  const char  *kind;
  const char  *extension;  /* the file name ending that selects an importer */
  CommandFunc  func;
} Kind;

static const Kind export_kinds[] = {
  { "agencies", NULL, tsu_cli_export_csv },
  { "persons", NULL, tsu_cli_export_csv },
  { "ics", NULL, tsu_cli_export_ics },
  { "invitation", NULL, tsu_cli_export_invitation },
  { "agenda", NULL, tsu_cli_export_pdf },
  { "minutes", NULL, tsu_cli_export_pdf },
  { "case", NULL, tsu_cli_export_pdf },
  { "month", NULL, tsu_cli_export_pdf },
  { "report", NULL, tsu_cli_export_pdf },
  { "audit", NULL, tsu_cli_export_audit },
  { NULL, NULL, NULL }
};

static const Kind import_kinds[] = {
  { "agencies", ".csv", tsu_cli_import_csv },
  { "persons", NULL, tsu_cli_import_csv },
  { "ics", ".ics", tsu_cli_import_ics },
  { NULL, NULL, NULL }
};

static void
print_kinds (const Kind *kinds)
{
  for (guint i = 0; kinds[i].kind != NULL; i++)
    g_printerr ("%s%s", i ? ", " : "", kinds[i].kind);
  g_printerr ("\n");
}

static int
command_export (const char *database, int argc, char **argv)
{
  for (guint i = 0; argc > 1 && export_kinds[i].kind != NULL; i++)
    if (g_strcmp0 (argv[1], export_kinds[i].kind) == 0)
      return export_kinds[i].func (database, argc - 1, argv + 1);

  g_printerr (_("tsunagu-cli export: say what to export: "));
  print_kinds (export_kinds);
  return argc > 1 && g_strcmp0 (argv[1], "--help") == 0 ? 0 : 2;
}

static int
command_import (const char *database, int argc, char **argv)
{
  const char *kind = NULL;

  /* The kind comes from --kind, or else from the file name's ending. */
  for (int i = 1; i < argc; i++)
    {
      if (g_strcmp0 (argv[i], "--kind") == 0 && i + 1 < argc)
        kind = argv[i + 1];
      else if (g_str_has_prefix (argv[i], "--kind="))
        kind = argv[i] + strlen ("--kind=");
    }

  for (guint i = 0; import_kinds[i].kind != NULL; i++)
    {
      gboolean by_name = FALSE;

      for (int a = 1; kind == NULL && a < argc && import_kinds[i].extension != NULL; a++)
        by_name |= argv[a][0] != '-' && g_str_has_suffix (argv[a], import_kinds[i].extension);

      if (g_strcmp0 (kind, import_kinds[i].kind) == 0 || by_name)
        return import_kinds[i].func (database, argc, argv);
    }

  g_printerr (_("tsunagu-cli import: give a FILE and, where its name does not tell, --kind: "));
  print_kinds (import_kinds);
  return argc > 1 && g_strcmp0 (argv[1], "--help") == 0 ? 0 : 2;
}

static const Command commands[] = {
  { "demo", "[--scale S] [--years N] [--seed N]", N_("Write realistic demo data into a new database"), command_demo },
  { "list", "--from DATE --to DATE [--format tsv|json]", N_("List meeting occurrences in a range of days"), command_list },
  { "search", "QUERY [--limit N] [--format tsv|json]", N_("Search everything"), command_search },
  { "check", "", N_("Check integrity and schema version"), command_check },
  { "backup", "[--output FILE] [--keep N]", N_("Back up the database"), command_backup },
  { "restore", "FILE", N_("Replace the database with a checked backup"), command_restore },
  { "export", "KIND [OPTIONS…]", N_("Export to a file (run “export” alone for the kinds)"), command_export },
  { "import", "FILE [--kind KIND] [--dry-run]", N_("Import a file"), command_import },
  { "sync", "--url URL --user USER [--calendar URL] [--discover]", N_("Sync with a shared CalDAV calendar"), tsu_cli_sync },
};

static void
print_usage (FILE *stream)
{
  fprintf (stream, "%s\n\n%s\n",
           _("Usage: tsunagu-cli [--database PATH] COMMAND [OPTIONS…]"),
           _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (stream, "  %-8s %s\n           %s\n", commands[i].name, commands[i].args,
             _(commands[i].summary));
  fprintf (stream, "\n%s\n%s\n",
           _("The database is $TSUNAGU_DATABASE if set, else the user's Tsunagu database."),
           _("Run “tsunagu-cli COMMAND --help” for a command's options."));
}

int
main (int    argc,
      char **argv)
{
  const char *database = NULL;
  const char *localedir;
  int first = 1;

  setlocale (LC_ALL, "");
  /* An uninstalled build (the tests) finds its translation in <build>/po. */
  localedir = g_getenv ("TSUNAGU_LOCALEDIR");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL && *localedir != '\0' ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* Global options come before the command. */
  while (first < argc && argv[first][0] == '-')
    {
      if (strcmp (argv[first], "--database") == 0 && first + 1 < argc)
        {
          database = argv[first + 1];
          first += 2;
        }
      else if (g_str_has_prefix (argv[first], "--database="))
        {
          database = argv[first] + strlen ("--database=");
          first++;
        }
      else if (strcmp (argv[first], "--help") == 0 || strcmp (argv[first], "-h") == 0)
        {
          print_usage (stdout);
          return 0;
        }
      else if (strcmp (argv[first], "--version") == 0)
        {
          g_print ("tsunagu-cli %s\n", PACKAGE_VERSION);
          return 0;
        }
      else
        {
          g_printerr (_("tsunagu-cli: unknown option “%s”\n"), argv[first]);
          print_usage (stderr);
          return 2;
        }
    }

  if (first >= argc)
    {
      print_usage (stderr);
      return 2;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (strcmp (argv[first], commands[i].name) == 0)
      return commands[i].func (database, argc - first, argv + first);

  g_printerr (_("tsunagu-cli: unknown command “%s”\n"), argv[first]);
  print_usage (stderr);
  return 2;
}
