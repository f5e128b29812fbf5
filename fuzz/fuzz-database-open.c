/* fuzz-database-open.c: libFuzzer target for opening a file picked as the database
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "tsunagu-core.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static char *dir;

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autofree char *path = NULL;
  g_autofree char *wal = NULL;
  g_autofree char *shm = NULL;
  g_autoptr(TsuDatabase) db = NULL;

  if (dir == NULL)
    dir = g_dir_make_tmp ("fuzz-open-XXXXXX", NULL);
  path = g_build_filename (dir, "picked.db", NULL);
  wal = g_strconcat (path, "-wal", NULL);
  shm = g_strconcat (path, "-shm", NULL);
  g_unlink (wal);
  g_unlink (shm);
  g_assert (g_file_set_contents (path, (const char *) data, size, NULL));

  /* Refused with a message, or opened and then checked: never a crash. */
  db = tsu_database_open (path, NULL);
  if (db != NULL)
    tsu_database_check_integrity (db, FALSE, NULL);
  return 0;
}
