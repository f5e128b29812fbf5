/* fuzz-search.c: libFuzzer target for the search query
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "tsunagu-core.h"
#include "tsu-demo.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static TsuStore *store;

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autofree char *query = g_strndup ((const char *) data, size);
  g_autoptr(GListModel) hits = NULL;

  if (store == NULL)
    {
      g_autofree char *dir = g_dir_make_tmp ("fuzz-search-XXXXXX", NULL);
      g_autofree char *path = g_build_filename (dir, "fuzz.db", NULL);
      TsuDemoOptions options;

      store = tsu_store_open (path, NULL);
      g_assert (store != NULL);
      tsu_demo_options_init (&options);
      options.scale = 0.01;
      g_assert (tsu_demo_generate (store, &options, NULL));
    }

  /* Any bytes: invalid UTF-8 must be refused, anything else searched. */
  hits = tsu_store_search (store, query, 50, NULL);
  return 0;
}
