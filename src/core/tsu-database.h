/* tsu-database.h
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

G_BEGIN_DECLS

#define TSU_SCHEMA_VERSION 5
/* "TSUN": written into the SQLite header so that a foreign file is told apart. */
#define TSU_APPLICATION_ID 0x5453554e

#define TSU_DATABASE_ERROR (tsu_database_error_quark ())

typedef enum {
  TSU_DATABASE_ERROR_NOT_TSUNAGU,   /* the file is not a Tsunagu database */
  TSU_DATABASE_ERROR_TOO_NEW,       /* written by a newer version of Tsunagu */
  TSU_DATABASE_ERROR_CORRUPT,       /* damaged: fails the integrity check */
  TSU_DATABASE_ERROR_IO,            /* cannot read or write the file or its folder */
  TSU_DATABASE_ERROR_FULL,          /* the disk is full */
  TSU_DATABASE_ERROR_READ_ONLY,     /* the file cannot be written */
  TSU_DATABASE_ERROR_BUSY,          /* another program holds the lock for too long */
  TSU_DATABASE_ERROR_CONSTRAINT,    /* a rule of the data model was broken */
  TSU_DATABASE_ERROR_INVALID,       /* a value was refused before it reached the file */
  TSU_DATABASE_ERROR_NOT_FOUND,     /* no such row */
  TSU_DATABASE_ERROR_FAILED,        /* any other SQLite error */
  TSU_DATABASE_ERROR_CONFLICT,      /* another program changed the row since it was read */
} TsuDatabaseError;

#define TSU_TYPE_DATABASE (tsu_database_get_type ())
G_DECLARE_FINAL_TYPE (TsuDatabase, tsu_database, TSU, DATABASE, GObject)

GQuark        tsu_database_error_quark          (void);

char         *tsu_database_get_default_path     (void);
char         *tsu_database_get_demo_path        (void);

TsuDatabase  *tsu_database_open                 (const char   *path,
                                                 GError      **error);
const char   *tsu_database_get_path             (TsuDatabase  *self);
sqlite3      *tsu_database_get_handle           (TsuDatabase  *self);
int           tsu_database_get_schema_version   (TsuDatabase  *self);
gboolean      tsu_database_get_repaired_permissions (TsuDatabase *self);

sqlite3_stmt *tsu_database_prepare              (TsuDatabase  *self,
                                                 const char   *sql,
                                                 GError      **error);
gboolean      tsu_database_exec                 (TsuDatabase  *self,
                                                 const char   *sql,
                                                 GError      **error);
gboolean      tsu_database_begin                (TsuDatabase  *self,
                                                 GError      **error);
gboolean      tsu_database_commit               (TsuDatabase  *self,
                                                 GError      **error);
void          tsu_database_rollback             (TsuDatabase  *self);
gboolean      tsu_database_in_transaction       (TsuDatabase  *self);

gboolean      tsu_database_check_integrity      (TsuDatabase  *self,
                                                 gboolean      quick,
                                                 GError      **error);

gboolean      tsu_database_set_error            (TsuDatabase  *self,
                                                 int           rc,
                                                 GError      **error);

G_END_DECLS
