/* tsu-caldav-client.h
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "tsu-caldav-calendar.h"

G_BEGIN_DECLS

#define TSU_CALDAV_ERROR (tsu_caldav_error_quark ())

typedef enum {
  TSU_CALDAV_ERROR_INVALID_URL,   /* the address is not an http(s) URL */
  TSU_CALDAV_ERROR_UNREACHABLE,   /* no answer: name, connection, TLS or timeout */
  TSU_CALDAV_ERROR_UNAUTHORIZED,  /* the user name or the password was refused */
  TSU_CALDAV_ERROR_NOT_CALDAV,    /* the server answers, but offers no CalDAV calendar there */
  TSU_CALDAV_ERROR_SERVER,        /* an answer the protocol does not allow, or a server error */
} TsuCaldavError;

/* The connection to one server as one user. A client is used from one thread only
 * (libsoup's rule): make it in the worker thread that syncs. */
#define TSU_TYPE_CALDAV_CLIENT (tsu_caldav_client_get_type ())
G_DECLARE_FINAL_TYPE (TsuCaldavClient, tsu_caldav_client, TSU, CALDAV_CLIENT, GObject)

GQuark           tsu_caldav_error_quark         (void);

TsuCaldavClient *tsu_caldav_client_new          (const char       *url,
                                                 const char       *user,
                                                 const char       *password,
                                                 GError          **error);
const char      *tsu_caldav_client_get_url      (TsuCaldavClient  *self);
guint            tsu_caldav_client_get_n_requests (TsuCaldavClient *self);
GListModel      *tsu_caldav_client_discover     (TsuCaldavClient  *self,
                                                 GCancellable     *cancellable,
                                                 GError          **error);

/* What the sync engine needs of WebDAV ------------------------------------------------ */

typedef struct {
  char     *href;           /* the path, percent-decoded */
  guint     status;         /* of the response, or of its found properties */
  char     *etag;
  char     *calendar_data;
  char     *display_name;
  char     *ctag;
  char     *sync_token;
  char     *principal;      /* current-user-principal */
  char     *calendar_home;  /* calendar-home-set */
  gboolean  is_collection;
  gboolean  is_calendar;
  gboolean  has_events;     /* the calendar takes VEVENTs (or does not say) */
  gboolean  has_sync;       /* supported-report-set names sync-collection */
} TsuCaldavEntry;

void             tsu_caldav_entry_free          (TsuCaldavEntry   *entry);

char            *tsu_caldav_client_resolve      (TsuCaldavClient  *self,
                                                 const char       *base,
                                                 const char       *href);
char            *tsu_caldav_client_path_of      (const char       *url);

/* Sends a request and reads the whole answer. Returns the HTTP status, or 0 with
 * @error set when there is no answer; 401 is always an error. @headers: NULL-terminated
 * name, value pairs. */
guint            tsu_caldav_client_send         (TsuCaldavClient  *self,
                                                 const char       *method,
                                                 const char       *url,
                                                 const char * const *headers,
                                                 const char       *content_type,
                                                 GBytes           *body,
                                                 GBytes          **reply,
                                                 char            **etag,
                                                 GCancellable     *cancellable,
                                                 GError          **error);
/* A PROPFIND or REPORT whose answer must be 207 Multi-Status: its responses, and the
 * sync-token at its end, if any. */
GPtrArray       *tsu_caldav_client_multistatus  (TsuCaldavClient  *self,
                                                 const char       *method,
                                                 const char       *url,
                                                 const char       *depth,
                                                 const char       *body,
                                                 guint            *status,
                                                 char            **sync_token,
                                                 GCancellable     *cancellable,
                                                 GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsuCaldavEntry, tsu_caldav_entry_free)

G_END_DECLS
