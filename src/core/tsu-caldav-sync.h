/* tsu-caldav-sync.h
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "tsu-caldav-client.h"
#include "tsu-store.h"

G_BEGIN_DECLS

/* What one sync did. */
typedef struct {
  guint received;    /* meetings added or changed here from the server */
  guint removed;     /* meetings removed here because they were removed there */
  guint sent;        /* meetings written to the server */
  guint deleted;     /* meetings removed from the server */
  guint conflicts;   /* changed on both sides: both kept, one as a copy */
  guint unreadable;  /* server resources that Tsunagu cannot read, left alone */
  guint requests;    /* HTTP requests */
} TsuCaldavSyncStats;

/* Sync of one store with one calendar (two-way):
 *
 *   pull  sync-collection REPORT (RFC 6578) when the calendar offers it, else getctag
 *         and an ETag listing; changed resources come by calendar-multiget;
 *   push  PUT with If-None-Match: * (new) or If-Match (changed), DELETE with If-Match.
 *
 * A meeting changed on both sides since the last sync is a conflict: the later change
 * (the meeting's last change here, the event's LAST-MODIFIED or DTSTAMP there) keeps
 * the meeting; the other version is kept as a new meeting titled "… (conflict copy)".
 * An edit wins over a deletion. Local changes are queued in the database (triggers on
 * meetings and participants) and go out at the next sync that reaches the server.
 * Only calendar data leaves: no notes, no minutes, no consent; children's names are
 * replaced by the case code. Blocks: call from a worker thread with a store of its
 * own. */
gboolean     tsu_caldav_sync            (TsuStore            *store,
                                         TsuCaldavClient     *client,
                                         const char          *calendar_url,
                                         TsuCaldavSyncStats  *stats,
                                         GCancellable        *cancellable,
                                         GError             **error);

/* How many meetings wait to go to the server; -1 when the database does not sync. */
gint64       tsu_caldav_sync_count_pending (TsuStore         *store);
/* Forgets the calendar and the sync state; meetings stay. */
gboolean     tsu_caldav_sync_forget     (TsuStore            *store,
                                         GError             **error);

/* The same off the main thread, each task with its own store and client. */
void         tsu_caldav_sync_async      (const char          *database_path,
                                         const char          *server_url,
                                         const char          *user,
                                         const char          *password,
                                         const char          *calendar_url,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
gboolean     tsu_caldav_sync_finish     (GAsyncResult        *result,
                                         TsuCaldavSyncStats  *stats,
                                         GError             **error);
void         tsu_caldav_discover_async  (const char          *server_url,
                                         const char          *user,
                                         const char          *password,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
GListModel  *tsu_caldav_discover_finish (GAsyncResult        *result,
                                         GError             **error);

G_END_DECLS
