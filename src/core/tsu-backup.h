/* tsu-backup.h
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tsu-database.h"

G_BEGIN_DECLS

char     *tsu_backup_get_default_folder (const char   *database_path);
gboolean  tsu_backup_write              (TsuDatabase  *database,
                                         const char   *destination,
                                         GError      **error);
char     *tsu_backup_now                (TsuDatabase  *database,
                                         const char   *folder,
                                         guint         keep,
                                         GError      **error);
char     *tsu_backup_daily              (TsuDatabase  *database,
                                         const char   *folder,
                                         guint         keep,
                                         GError      **error);
GPtrArray *tsu_backup_list              (const char   *folder,
                                         const char   *database_path);
gboolean  tsu_backup_verify             (const char   *path,
                                         GError      **error);
char     *tsu_backup_restore            (const char   *database_path,
                                         const char   *backup_path,
                                         const char   *folder,
                                         GError      **error);

G_END_DECLS
