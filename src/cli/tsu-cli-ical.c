/* tsu-cli-ical.c: export ics, export invitation, import FILE.ics
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tsunagu-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "tsu-cli.h"

/* Writes @ics to @output, or to stdout for "-". */
static int
write_output (const char *command,
              GBytes     *ics,
              const char *output)
{
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (output, "-") == 0)
    {
      gsize len = 0;
      const char *data = g_bytes_get_data (ics, &len);

      fwrite (data, 1, len, stdout);
      return fflush (stdout) == 0 ? 0 : 1;
    }
  if (!tsu_ical_export_save (ics, output, &error))
    {
      g_printerr ("tsunagu-cli %s: %s\n", command, error->message);
      return 1;
    }
  return 0;
}

/* A municipality by its code (11201) or its name (川越市). */
static gint64
find_municipality (TsuStore   *store,
                   const char *text)
{
  g_autoptr(GListModel) all = tsu_store_list (store, TSU_TYPE_MUNICIPALITY, NULL, NULL);

  for (guint i = 0; all != NULL && i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(TsuMunicipality) m = g_list_model_get_item (all, i);

      if (g_strcmp0 (tsu_municipality_get_code (m), text) == 0 ||
          g_strcmp0 (tsu_municipality_get_name (m), text) == 0)
        return tsu_record_get_id (TSU_RECORD (m));
    }
  return 0;
}

/* export ics --output FILE.ics [--from DATE --to DATE] [--kind KIND] [--case CODE]
 *            [--municipality CODE] */
int
tsu_cli_export_ics (const char *database, int argc, char **argv)
{
  g_autofree char *output = NULL;
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;
  g_autofree char *kind = NULL;
  g_autofree char *case_code = NULL;
  g_autofree char *municipality = NULL;
  g_autoptr(TsuStore) store = NULL;
  g_autoptr(GBytes) ics = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimer) timer = g_timer_new ();
  TsuIcalExportOptions options;
  int status = 0;
  GOptionEntry entries[] = {
    { "output", 0, 0, G_OPTION_ARG_FILENAME, &output, N_("Write to FILE (“-” for standard output)"), "FILE" },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from_text, N_("First day (YYYY-MM-DD)"), "DATE" },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to_text, N_("Last day (YYYY-MM-DD), included"), "DATE" },
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind, N_("Only meetings of this kind (case-conference, municipal-council, liaison, training, internal, other)"), "KIND" },
    { "case", 0, 0, G_OPTION_ARG_STRING, &case_code, N_("Only the meetings of this case"), "CODE" },
    { "municipality", 0, 0, G_OPTION_ARG_STRING, &municipality, N_("Only the meetings of this municipality (code or name)"), "CODE" },
    { NULL }
  };

  if (!tsu_cli_parse_options ("export ics", "--output FILE.ics [--from DATE --to DATE] [--kind KIND] [--case CODE]",
                              _("Write meetings to an iCalendar file for Outlook, Google Calendar, "
                                "Thunderbird or GNOME Calendar. A recurring series that overlaps the "
                                "days is written whole. Cases are named by their code only."),
                              entries, &argc, &argv, &status))
    return status;

  if (output == NULL || argc != 1)
    {
      g_printerr (_("tsunagu-cli export ics: give --output FILE.ics\n"));
      return 2;
    }
  if (kind != NULL && !tsu_ical_is_kind (kind))
    {
      g_printerr (_("tsunagu-cli export ics: unknown kind “%s”\n"), kind);
      return 2;
    }

  tsu_ical_export_options_init (&options);
  options.kind = kind;
  if (from_text != NULL || to_text != NULL)
    {
      g_autoptr(GDateTime) from = tsu_cli_parse_date (from_text);
      g_autoptr(GDateTime) to = tsu_cli_parse_date (to_text);
      g_autoptr(GDateTime) to_end = NULL;

      if (from == NULL || to == NULL)
        {
          g_printerr (_("tsunagu-cli export ics: --from and --to must both be dates like 2026-11-24\n"));
          return 2;
        }
      to_end = g_date_time_add_days (to, 1);
      if (g_date_time_compare (to_end, from) <= 0)
        {
          g_printerr (_("tsunagu-cli export ics: --to is before --from\n"));
          return 2;
        }
      options.from = g_date_time_to_unix (from);
      options.to = g_date_time_to_unix (to_end);
    }

  store = tsu_cli_open_store (database);
  if (store == NULL)
    return 1;

  if (case_code != NULL)
    {
      g_autoptr(TsuCase) c = tsu_store_find_case_by_code (store, case_code, NULL);

      if (c == NULL)
        {
          g_printerr (_("tsunagu-cli export ics: no case has the code “%s”\n"), case_code);
          return 1;
        }
      options.case_id = tsu_record_get_id (TSU_RECORD (c));
    }
  if (municipality != NULL)
    {
      options.municipality_id = find_municipality (store, municipality);
      if (options.municipality_id == 0)
        {
          g_printerr (_("tsunagu-cli export ics: no municipality “%s”\n"), municipality);
          return 1;
        }
    }

  ics = tsu_ical_export_calendar (store, &options, NULL, &error);
  if (ics == NULL)
    {
      g_printerr ("tsunagu-cli export ics: %s\n", error->message);
      return 1;
    }
  status = write_output ("export ics", ics, output);
  if (status == 0 && g_strcmp0 (output, "-") != 0)
    {
      g_autofree char *size = g_format_size (g_bytes_get_size (ics));

      g_printerr (_("Wrote %s (%s) in %.2f s\n"), output, size, g_timer_elapsed (timer, NULL));
    }
  return status;
}

/* export invitation --meeting ID --output FILE.ics [--organizer EMAIL] */
int
tsu_cli_export_invitation (const char *database, int argc, char **argv)
{
  g_autofree char *output = NULL;
  g_autofree char *organizer = NULL;
  g_autofree char *organizer_name = NULL;
  g_autoptr(TsuStore) store = NULL;
  g_autoptr(GBytes) ics = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) recipients = NULL;
  TsuIcalExportOptions options;
  gint64 meeting_id = 0;
  int status = 0;
  GOptionEntry entries[] = {
    { "meeting", 0, 0, G_OPTION_ARG_INT64, &meeting_id, N_("The meeting (its id, as “list” shows)"), "ID" },
    { "output", 0, 0, G_OPTION_ARG_FILENAME, &output, N_("Write to FILE (“-” for standard output)"), "FILE" },
    { "organizer", 0, 0, G_OPTION_ARG_STRING, &organizer, N_("Organizer's e-mail address when the meeting has none"), "EMAIL" },
    { "organizer-name", 0, 0, G_OPTION_ARG_STRING, &organizer_name, N_("Organizer's name with --organizer"), "NAME" },
    { NULL }
  };

  if (!tsu_cli_parse_options ("export invitation", "--meeting ID --output FILE.ics",
                              _("Write an invitation (iTIP REQUEST, or CANCEL for a cancelled "
                                "meeting) to attach to an e-mail. The recipients' addresses are "
                                "printed on standard error."),
                              entries, &argc, &argv, &status))
    return status;

  if (output == NULL || meeting_id <= 0 || argc != 1)
    {
      g_printerr (_("tsunagu-cli export invitation: give --meeting ID and --output FILE.ics\n"));
      return 2;
    }

  store = tsu_cli_open_store (database);
  if (store == NULL)
    return 1;

  tsu_ical_export_options_init (&options);
  options.organizer_email = organizer;
  options.organizer_name = organizer_name;
  ics = tsu_ical_export_invitation (store, meeting_id, &options, &error);
  if (ics == NULL)
    {
      g_printerr ("tsunagu-cli export invitation: %s\n", error->message);
      return 1;
    }
  status = write_output ("export invitation", ics, output);
  if (status != 0)
    return status;

  recipients = tsu_ical_export_invitation_recipients (store, meeting_id, NULL);
  if (recipients != NULL && recipients[0] != NULL)
    {
      g_autofree char *to = g_strjoinv (", ", recipients);

      g_printerr (_("To: %s\n"), to);
    }
  return 0;
}

static const char *
action_word (TsuIcalAction action,
             gboolean      dry_run)
{
  switch (action)
    {
    case TSU_ICAL_ACTION_ADD:
      return dry_run ? _("add") : _("added");
    case TSU_ICAL_ACTION_UPDATE:
      return dry_run ? _("update") : _("updated");
    case TSU_ICAL_ACTION_SKIP:
    default:
      return dry_run ? _("skip") : _("skipped");
    }
}

/* import FILE.ics [--dry-run] */
int
tsu_cli_import_ics (const char *database, int argc, char **argv)
{
  g_autofree char *kind = NULL;
  g_autoptr(TsuStore) store = NULL;
  g_autoptr(TsuIcalPlan) plan = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GTimer) timer = g_timer_new ();
  gboolean dry_run = FALSE;
  int status = 0;
  guint n;
  GOptionEntry entries[] = {
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind, N_("What the file holds: ics (told by the name when it ends in .ics)"), "KIND" },
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run, N_("Show what would be imported, change nothing"), NULL },
    { NULL }
  };

  if (!tsu_cli_parse_options ("import", "FILE.ics [--dry-run]",
                              _("Import an iCalendar file: each event is added, updates the meeting "
                                "with the same UID, or is skipped with the reason. All of it is "
                                "written in one transaction, or nothing."),
                              entries, &argc, &argv, &status))
    return status;

  if (argc != 2)
    {
      g_printerr (_("tsunagu-cli import: give one FILE.ics\n"));
      return 2;
    }

  store = tsu_cli_open_store (database);
  if (store == NULL)
    return 1;

  file = g_file_new_for_commandline_arg (argv[1]);
  plan = tsu_ical_import_preview_file (store, file, NULL, &error);
  if (plan == NULL)
    {
      g_printerr ("tsunagu-cli import: %s: %s\n", argv[1], error->message);
      return 1;
    }

  if (!dry_run && !tsu_ical_import_apply (store, plan, NULL, &error))
    {
      g_printerr ("tsunagu-cli import: %s: %s\n", argv[1], error->message);
      return 1;
    }

  /* One line per event: what happened, the start, the title, the line, the reason. */
  n = g_list_model_get_n_items (G_LIST_MODEL (plan));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TsuIcalPlanRow) row = g_list_model_get_item (G_LIST_MODEL (plan), i);
      g_autofree char *start = tsu_ical_plan_row_get_starts_at (row) != 0
                                 ? tsu_cli_format_instant (tsu_ical_plan_row_get_starts_at (row))
                                 : g_strdup ("");
      g_autofree char *title = tsu_cli_tsv_field (tsu_ical_plan_row_get_title (row));
      g_autofree char *reason = tsu_cli_tsv_field (tsu_ical_plan_row_get_reason (row));

      g_string_append_printf (out, "%s\t%s\t%s\t%u\t%s\n",
                              action_word (tsu_ical_plan_row_get_action (row), dry_run),
                              start, title, tsu_ical_plan_row_get_line (row), reason);
    }
  fwrite (out->str, 1, out->len, stdout);
  fflush (stdout);

  if (dry_run)
    g_printerr (_("Dry run: %u to add, %u to update, %u skipped; nothing was changed.\n"),
                tsu_ical_plan_get_n_added (plan), tsu_ical_plan_get_n_updated (plan),
                tsu_ical_plan_get_n_skipped (plan));
  else
    g_printerr (_("Imported in %.2f s: %u added, %u updated, %u skipped.\n"),
                g_timer_elapsed (timer, NULL), tsu_ical_plan_get_n_added (plan),
                tsu_ical_plan_get_n_updated (plan), tsu_ical_plan_get_n_skipped (plan));
  return 0;
}
