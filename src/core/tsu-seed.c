/* tsu-seed.c
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tsu-seed"

#include "config.h"

#include "tsu-seed.h"

/* The reference data every database starts with: Saitama's municipalities with their
 * kana and regions, and the medical-care types. Both ship as TSV files in the core's
 * resources (copies of the center's reference lists). */

typedef gboolean (*RowFunc) (TsuDatabase  *db,
                             char        **columns,
                             guint         position,
                             GError      **error);

static gboolean
bind_texts (TsuDatabase  *db,
            const char   *sql,
            char        **columns,
            guint         n_columns,
            GError      **error)
{
  sqlite3_stmt *stmt = tsu_database_prepare (db, sql, error);

  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < n_columns; i++)
    sqlite3_bind_text (stmt, i + 1, columns[i], -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return tsu_database_set_error (db, sqlite3_errcode (tsu_database_get_handle (db)), error);
  return TRUE;
}

static gboolean
insert_municipality (TsuDatabase  *db,
                     char        **columns,
                     guint         position,
                     GError      **error)
{
  return bind_texts (db,
                     "INSERT INTO municipality (code, name, kana, kind, region) "
                     "VALUES (?, ?, ?, ?, ?)",
                     columns, 5, error);
}

static gboolean
insert_medical_care_type (TsuDatabase  *db,
                          char        **columns,
                          guint         position,
                          GError      **error)
{
  sqlite3_stmt *stmt;

  stmt = tsu_database_prepare (db,
                               "INSERT INTO medical_care_type (code, name, english, position) "
                               "VALUES (?, ?, ?, ?)",
                               error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < 3; i++)
    sqlite3_bind_text (stmt, i + 1, columns[i], -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 4, position);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return tsu_database_set_error (db, sqlite3_errcode (tsu_database_get_handle (db)), error);
  return TRUE;
}

static gboolean
load_tsv (TsuDatabase  *db,
          const char   *resource,
          guint         min_columns,
          RowFunc       func,
          GError      **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  guint position = 0;

  bytes = g_resources_lookup_data (resource, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL)
    return FALSE;
  text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  lines = g_strsplit (text, "\n", -1);

  /* The first line names the columns. */
  for (guint i = 1; lines[i] != NULL; i++)
    {
      g_auto(GStrv) columns = NULL;

      g_strchomp (lines[i]);
      if (lines[i][0] == '\0')
        continue;
      columns = g_strsplit (lines[i], "\t", -1);
      if (g_strv_length (columns) < min_columns)
        continue;
      if (!func (db, columns, position++, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
tsu_seed_reference_data (TsuDatabase  *db,
                         GError      **error)
{
  return load_tsv (db, "/io/github/tsunagu/core/saitama-municipalities.tsv", 5,
                   insert_municipality, error) &&
         load_tsv (db, "/io/github/tsunagu/core/medical-care-types.tsv", 3,
                   insert_medical_care_type, error);
}
