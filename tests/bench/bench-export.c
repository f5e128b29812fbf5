/* bench-export.c: the minutes PDF written inside one process, for build-aux/bench
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>

#include "tsunagu-core.h"
#include "tsunagu-export.h"

/* Usage: bench-export DATABASE MEETING OUTPUT.pdf RUNS
 * Writes the minutes of MEETING as the running app does (the store already open,
 * the document read, laid out and written) RUNS times after a warm-up, and prints
 * {"name", "unit", "samples": […], "pages"} on one line. */

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsuStore) store = NULL;
  g_autoptr(GFile) output = NULL;
  g_autoptr(GString) samples = g_string_new (NULL);
  gint64 meeting_id;
  guint pages = 0;
  int runs;

  if (argc != 5)
    {
      g_printerr ("usage: bench-export DATABASE MEETING OUTPUT.pdf RUNS\n");
      return 2;
    }
  store = tsu_store_open (argv[1], &error);
  if (store == NULL)
    g_error ("%s", error->message);
  meeting_id = g_ascii_strtoll (argv[2], NULL, 10);
  output = g_file_new_for_commandline_arg (argv[3]);
  runs = MAX (atoi (argv[4]), 1);

  for (int r = 0; r <= runs; r++)
    {
      gint64 t0 = g_get_monotonic_time ();
      g_autoptr(TsuDocument) document = tsu_document_minutes_new (store, meeting_id);
      double elapsed;

      tsu_document_set_japanese_era (document, TRUE);
      if (!tsu_document_write_pdf (document, output, &error))
        g_error ("%s", error->message);
      elapsed = (g_get_monotonic_time () - t0) / 1000.0;
      pages = tsu_document_get_n_pages (document);
      /* The first run is the warm-up: fonts and the font map are loaded once. */
      if (r > 0)
        g_string_append_printf (samples, "%s%.4f", r > 1 ? ", " : "", elapsed);
    }
  g_print ("{\"name\": \"pdf-minutes-in-process\", \"unit\": \"ms\", \"samples\": [%s], \"pages\": %u}\n",
           samples->str, pages);
  return 0;
}
