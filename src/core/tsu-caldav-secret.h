/* tsu-caldav-secret.h
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The CalDAV password in the desktop keyring (libsecret), under the schema named after
 * the application id, keyed by server URL and user. Blocking: these talk to the
 * keyring over D-Bus; the GUI uses the _async forms. */
gboolean  tsu_caldav_secret_store         (const char          *server_url,
                                           const char          *user,
                                           const char          *password,
                                           GCancellable        *cancellable,
                                           GError             **error);
char     *tsu_caldav_secret_lookup        (const char          *server_url,
                                           const char          *user,
                                           GCancellable        *cancellable,
                                           GError             **error);
void      tsu_caldav_secret_store_async   (const char          *server_url,
                                           const char          *user,
                                           const char          *password,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
gboolean  tsu_caldav_secret_store_finish  (GAsyncResult        *result,
                                           GError             **error);
void      tsu_caldav_secret_lookup_async  (const char          *server_url,
                                           const char          *user,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
char     *tsu_caldav_secret_lookup_finish (GAsyncResult        *result,
                                           GError             **error);

G_END_DECLS
