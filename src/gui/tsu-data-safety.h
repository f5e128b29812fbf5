/* tsu-data-safety.h
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* What is done to the database file as a whole — checks, backups, restores — runs in
 * a worker thread with its own connection, so that the window never waits on it. */

char     *tsu_data_safety_get_backup_folder (GSettings            *settings,
                                             const char           *database_path);

void      tsu_data_safety_check_async       (const char           *database_path,
                                             const char           *backup_folder,
                                             guint                 keep,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
gboolean  tsu_data_safety_check_finish      (GAsyncResult         *result,
                                             char                **backup,
                                             GError              **error);

void      tsu_data_safety_backup_async      (const char           *database_path,
                                             const char           *backup_folder,
                                             guint                 keep,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
char     *tsu_data_safety_backup_finish     (GAsyncResult         *result,
                                             GError              **error);

void      tsu_data_safety_restore_async     (const char           *database_path,
                                             const char           *backup_path,
                                             const char           *backup_folder,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
char     *tsu_data_safety_restore_finish    (GAsyncResult         *result,
                                             GError              **error);

char     *tsu_data_safety_find_good_backup  (const char           *backup_folder,
                                             const char           *database_path);

G_END_DECLS
