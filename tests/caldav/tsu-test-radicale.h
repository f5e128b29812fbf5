/* tsu-test-radicale.h: a throw-away Radicale server for the CalDAV tests and bench
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tsunagu-core.h"

G_BEGIN_DECLS

/* TRUE when python3 and Debian's radicale package are there. */
gboolean     tsu_test_radicale_available     (void);
/* A TCP port on 127.0.0.1 that nothing listens on now. */
guint16      tsu_test_free_port              (void);
/* Removes a folder and everything in it (symbolic links are not followed). */
void         tsu_test_remove_tree            (const char  *path);
/* Writes DIR/config for a server on PORT keeping its calendars in DIR/collections.
 * With USERS ("name:password\n" lines), they go to DIR/users (htpasswd, plain) and each
 * user reaches their own calendars only; with NULL, no authentication. Returns the
 * path of the config file. */
char        *tsu_test_radicale_write_config  (const char  *dir,
                                              guint16      port,
                                              const char  *users,
                                              GError     **error);
/* Starts SCRIPT (tests/caldav/run-radicale.py) with CONFIG, output silenced; the
 * server dies with the test, even when the test aborts. */
GSubprocess *tsu_test_radicale_spawn         (const char  *script,
                                              const char  *config,
                                              GError     **error);
/* MKCALENDAR at URL, tried for up to 10 s while the server starts; TRUE once made. */
gboolean     tsu_test_radicale_make_calendar (TsuCaldavClient *client,
                                              const char      *url);
/* Stops the server with SIGNAL and waits for it. */
void         tsu_test_radicale_stop          (GSubprocess *process,
                                              int          signal);

/* A store in a new temporary folder, with PREFIX as in g_dir_make_tmp(). */
typedef struct {
  char     *dir;
  char     *path;
  TsuStore *store;
} TsuTestStore;

void         tsu_test_store_open             (TsuTestStore *side,
                                              const char   *prefix,
                                              const char   *name);
void         tsu_test_store_close            (TsuTestStore *side);

G_END_DECLS
