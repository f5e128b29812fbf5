/* tsu-caldav-module.h
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "tsunagu-core.h"

G_BEGIN_DECLS

gpointer     tsu_caldav_module_symbol              (const char          *name,
                                                    GError             **error);

/* The CalDAV functions the window uses, from the module loaded on first use. Each
 * takes the arguments of the function of the same name without "_module" in
 * src/core/tsu-caldav-sync.h and tsu-caldav-secret.h. */

void         tsu_caldav_module_sync_async          (const char          *database_path,
                                                    const char          *server_url,
                                                    const char          *user,
                                                    const char          *password,
                                                    const char          *calendar_url,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gboolean     tsu_caldav_module_sync_finish         (GAsyncResult        *result,
                                                    TsuCaldavSyncStats  *stats,
                                                    GError             **error);
gint64       tsu_caldav_module_sync_count_pending  (TsuStore            *store);
void         tsu_caldav_module_discover_async      (const char          *server_url,
                                                    const char          *user,
                                                    const char          *password,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
GListModel  *tsu_caldav_module_discover_finish     (GAsyncResult        *result,
                                                    GError             **error);
void         tsu_caldav_module_secret_store_async  (const char          *server_url,
                                                    const char          *user,
                                                    const char          *password,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gboolean     tsu_caldav_module_secret_store_finish (GAsyncResult        *result,
                                                    GError             **error);
void         tsu_caldav_module_secret_lookup_async (const char          *server_url,
                                                    const char          *user,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
char        *tsu_caldav_module_secret_lookup_finish (GAsyncResult       *result,
                                                     GError            **error);

G_END_DECLS
