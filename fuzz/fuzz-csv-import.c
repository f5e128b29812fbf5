/* fuzz-csv-import.c: libFuzzer target for the CSV import of the directory
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "tsunagu-core.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static TsuStore *store;

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(TsuCsvPlan) plan = NULL;
  TsuCsvKind kind;

  if (store == NULL)
    {
      g_autofree char *dir = g_dir_make_tmp ("fuzz-csv-XXXXXX", NULL);
      g_autofree char *path = g_build_filename (dir, "fuzz.db", NULL);

      store = tsu_store_open (path, NULL);
      g_assert (store != NULL);
    }

  /* The first byte chooses what the file is said to hold and its encoding. */
  if (size < 1)
    return 0;
  kind = data[0] & 1 ? TSU_CSV_PERSONS : TSU_CSV_AGENCIES;
  bytes = g_bytes_new (data + 1, size - 1);
  plan = tsu_csv_plan_new (store, kind, bytes, (data[0] >> 1) % 3, NULL);
  return 0;
}
