/* tsu-cli-pdf.c: tsunagu-cli export agenda|minutes|case|month|report
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tsunagu-cli"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>
#include <stdio.h>

#include "tsu-cli.h"
#include "tsunagu-export.h"

/* The printed documents as PDF files, the same as the app's "Save PDF…":
 *
 *   export agenda|minutes --meeting ID [--on DATE]   (ID as `list` prints it; the
 *                                                       occurrence on DATE of a series)
 *   export case --case CODE
 *   export month --month YYYY-MM
 *   export report --from DATE --to DATE
 *
 * each with --output FILE.pdf [--era japanese|western] [--distribution]
 * [--paper a4|a3|b5|letter] [--landscape]. */

typedef struct {
  const char *kind;
  const char *args;
  const char *summary;
} PdfKind;

static const PdfKind pdf_kinds[] = {
  { "agenda", "--meeting ID [--on DATE]", N_("Write the notice and agenda of a meeting as PDF.") },
  { "minutes", "--meeting ID [--on DATE]", N_("Write the minutes of a meeting as PDF.") },
  { "case", "--case CODE", N_("Write the summary of a case as PDF.") },
  { "month", "--month YYYY-MM", N_("Write the meetings of a month on one page as PDF.") },
  { "report", "--from DATE --to DATE", N_("Write the report by region of a period as PDF.") },
};

static gboolean
parse_month (const char *text,
             int        *year,
             int        *month)
{
  char extra;

  return text != NULL && sscanf (text, "%4d-%2d%c", year, month, &extra) == 2 &&
         g_date_valid_dmy (1, *month, *year);
}

static gboolean
parse_day (const char *text,
           GDate      *date)
{
  g_autoptr(GDateTime) dt = tsu_cli_parse_date (text);

  if (dt == NULL)
    return FALSE;
  g_date_clear (date, 1);
  g_date_set_dmy (date, g_date_time_get_day_of_month (dt), g_date_time_get_month (dt),
                  g_date_time_get_year (dt));
  return TRUE;
}

/* The occurrence of a meeting on a day: an overridden occurrence is a meeting of its
 * own, another one of the series keeps the series' ID and gets its own times. */
static gboolean
find_occurrence (TsuStore   *store,
                 const char *command,
                 const char *day,
                 gint64     *meeting_id,
                 gint64     *starts_at,
                 gint64     *ends_at)
{
  g_autoptr(GDateTime) from = tsu_cli_parse_date (day);
  g_autoptr(GDateTime) to = g_date_time_add_days (from, 1);
  g_autoptr(GListModel) occurrences = NULL;
  g_autoptr(GError) error = NULL;

  occurrences = tsu_store_list_occurrences (store, g_date_time_to_unix (from),
                                            g_date_time_to_unix (to), &error);
  if (occurrences == NULL)
    {
      g_printerr ("tsunagu-cli %s: %s\n", command, error->message);
      return FALSE;
    }

  for (guint i = 0; i < g_list_model_get_n_items (occurrences); i++)
    {
      g_autoptr(TsuOccurrence) o = g_list_model_get_item (occurrences, i);
      TsuMeeting *m = tsu_occurrence_get_meeting (o);
      gint64 id = tsu_record_get_id (TSU_RECORD (m));

      if (id == *meeting_id && tsu_meeting_get_rrule (m) != NULL)
        {
          *starts_at = tsu_occurrence_get_starts_at (o);
          *ends_at = tsu_occurrence_get_ends_at (o);
          return TRUE;
        }
      if (id == *meeting_id || tsu_meeting_get_series_id (m) == *meeting_id)
        {
          *meeting_id = id;
          return TRUE;
        }
    }

  g_printerr (_("tsunagu-cli %s: meeting %" PRId64 " does not take place on %s\n"),
              command, *meeting_id, day);
  return FALSE;
}

/**
 * tsu_cli_export_pdf:
 * @database: the --database option, or %NULL
 * @argc: the number of arguments
 * @argv: the arguments, argv[0] being the kind of document
 *
 * Returns: 0 when the PDF was written, 1 when it could not be, 2 for wrong usage
 */
int
tsu_cli_export_pdf (const char  *database,
                    int          argc,
                    char       **argv)
{
  g_autofree char *meeting_text = NULL;
  g_autofree char *on_text = NULL;
  g_autofree char *case_code = NULL;
  g_autofree char *month_text = NULL;
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;
  g_autofree char *output = NULL;
  g_autofree char *era = NULL;
  g_autofree char *paper_text = NULL;
  g_autofree char *command = NULL;
  g_autofree char *args = NULL;
  g_autoptr(TsuStore) store = NULL;
  g_autoptr(TsuDocument) document = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  gboolean distribution = FALSE, landscape = FALSE;
  const PdfKind *kind = NULL;
  TsuPaper paper = TSU_PAPER_A4;
  gint64 meeting_id = 0;
  gint64 starts_at = 0, ends_at = 0;
  int status = 0;
  GOptionEntry entries[] = {
    { "meeting", 0, 0, G_OPTION_ARG_STRING, &meeting_text, N_("The meeting (agenda, minutes)"), "ID" },
    { "on", 0, 0, G_OPTION_ARG_STRING, &on_text, N_("The day of the occurrence of a recurring meeting (agenda, minutes)"), "DATE" },
    { "case", 0, 0, G_OPTION_ARG_STRING, &case_code, N_("The case code (case)"), "CODE" },
    { "month", 0, 0, G_OPTION_ARG_STRING, &month_text, N_("The month (month)"), "YYYY-MM" },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from_text, N_("First day of the period (report)"), "DATE" },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to_text, N_("Last day of the period, included (report)"), "DATE" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The PDF file to write"), "FILE.pdf" },
    { "era", 0, 0, G_OPTION_ARG_STRING, &era, N_("Dates in the Japanese era or Western calendar: japanese (default) or western"), "japanese|western" },
    { "distribution", 0, 0, G_OPTION_ARG_NONE, &distribution, N_("A copy to hand out: the child's name replaced by the case code"), NULL },
    { "paper", 0, 0, G_OPTION_ARG_STRING, &paper_text, N_("Paper size: a4 (default), a3, b5 or letter"), "SIZE" },
    { "landscape", 0, 0, G_OPTION_ARG_NONE, &landscape, N_("Landscape pages"), NULL },
    { NULL }
  };

  for (guint i = 0; i < G_N_ELEMENTS (pdf_kinds); i++)
    if (g_strcmp0 (argv[0], pdf_kinds[i].kind) == 0)
      kind = &pdf_kinds[i];
  g_return_val_if_fail (kind != NULL, 2);

  /* The document font alone, without reading every font of the system. */
  tsu_page_layout_init_for_printing ();

  command = g_strdup_printf ("export %s", kind->kind);
  args = g_strdup_printf ("%s --output FILE.pdf [--era japanese|western] [--distribution] "
                          "[--paper a4|a3|b5|letter] [--landscape]", kind->args);
  if (!tsu_cli_parse_options (command, args, _(kind->summary), entries, &argc, &argv, &status))
    return status;

  if (argc > 1)
    {
      g_printerr (_("tsunagu-cli %s: unexpected argument “%s”\n"), command, argv[1]);
      return 2;
    }
  if (output == NULL || *output == '\0')
    {
      g_printerr (_("tsunagu-cli %s: say where to write the PDF with --output FILE.pdf\n"), command);
      return 2;
    }
  if (era != NULL && g_strcmp0 (era, "japanese") != 0 && g_strcmp0 (era, "western") != 0)
    {
      g_printerr (_("tsunagu-cli %s: --era must be japanese or western\n"), command);
      return 2;
    }
  if (paper_text != NULL && !tsu_paper_from_string (paper_text, &paper))
    {
      g_printerr (_("tsunagu-cli %s: --paper must be a4, a3, b5 or letter\n"), command);
      return 2;
    }

  /* Check the options of the kind before opening anything. */
  if (g_str_equal (kind->kind, "agenda") || g_str_equal (kind->kind, "minutes"))
    {
      char *end = NULL;

      meeting_id = meeting_text != NULL ? g_ascii_strtoll (meeting_text, &end, 10) : 0;
      if (meeting_text == NULL || end == meeting_text || *end != '\0' || meeting_id <= 0)
        {
          g_printerr (_("tsunagu-cli %s: give the meeting with --meeting ID (the ID that “list” prints)\n"),
                      command);
          return 2;
        }
      if (on_text != NULL && !parse_day (on_text, &(GDate) { 0 }))
        {
          g_printerr (_("tsunagu-cli %s: --on must be a date like 2026-11-24\n"), command);
          return 2;
        }
    }
  else if (g_str_equal (kind->kind, "case"))
    {
      if (case_code == NULL || *case_code == '\0')
        {
          g_printerr (_("tsunagu-cli %s: give the case with --case CODE\n"), command);
          return 2;
        }
    }
  else if (g_str_equal (kind->kind, "month"))
    {
      int year, month;

      if (!parse_month (month_text, &year, &month))
        {
          g_printerr (_("tsunagu-cli %s: --month must be a month like 2026-11\n"), command);
          return 2;
        }
    }
  else
    {
      GDate from, to;

      if (!parse_day (from_text, &from) || !parse_day (to_text, &to))
        {
          g_printerr (_("tsunagu-cli %s: --from and --to must be dates like 2026-11-24\n"), command);
          return 2;
        }
      if (g_date_compare (&to, &from) < 0)
        {
          g_printerr (_("tsunagu-cli %s: --to is before --from\n"), command);
          return 2;
        }
    }

  store = tsu_cli_open_store (database);
  if (store == NULL)
    return 1;

  if (on_text != NULL && meeting_id != 0 &&
      !find_occurrence (store, command, on_text, &meeting_id, &starts_at, &ends_at))
    return 1;

  if (g_str_equal (kind->kind, "agenda"))
    document = tsu_document_agenda_new (store, meeting_id);
  else if (g_str_equal (kind->kind, "minutes"))
    document = tsu_document_minutes_new (store, meeting_id);
  else if (g_str_equal (kind->kind, "case"))
    {
      g_autoptr(TsuCase) child_case = tsu_store_find_case_by_code (store, case_code, &error);

      if (child_case == NULL)
        {
          if (error != NULL)
            g_printerr ("tsunagu-cli %s: %s\n", command, error->message);
          else
            g_printerr (_("tsunagu-cli %s: there is no case with the code “%s”\n"), command, case_code);
          return 1;
        }
      document = tsu_document_case_new (store, tsu_record_get_id (TSU_RECORD (child_case)));
    }
  else if (g_str_equal (kind->kind, "month"))
    {
      int year, month;

      parse_month (month_text, &year, &month);
      document = tsu_document_month_new (store, year, month);
    }
  else
    {
      GDate from, to;

      parse_day (from_text, &from);
      parse_day (to_text, &to);
      document = tsu_document_report_new (store, &from, &to);
    }

  if (starts_at != 0 && TSU_IS_DOCUMENT_AGENDA (document))
    tsu_document_agenda_set_occurrence (document, starts_at, ends_at);
  else if (starts_at != 0)
    tsu_document_minutes_set_occurrence (document, starts_at, ends_at);

  tsu_document_set_paper (document, paper);
  tsu_document_set_landscape (document, landscape);
  tsu_document_set_japanese_era (document, g_strcmp0 (era, "western") != 0);
  tsu_document_set_distribution (document, distribution);

  file = g_file_new_for_commandline_arg (output);
  if (!tsu_document_write_pdf (document, file, &error))
    {
      g_printerr ("tsunagu-cli %s: %s\n", command, error->message);
      return 1;
    }
  return 0;
}
