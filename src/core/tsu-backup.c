/* tsu-backup.c
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tsu-backup"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "tsu-backup.h"

/* Backups are whole copies of the database made with VACUUM INTO (consistent even while
 * others write), named after the database and the time — tsunagu-YYYYMMDD-HHMMSS.db for
 * tsunagu.db — in the backup folder, owner-only, and rotated so that the newest `keep`
 * remain. Two databases that share a folder keep their backups apart by name. */

#define BACKUP_SUFFIX ".db"

/* "tsunagu-" for ".../tsunagu.db" */
static char *
prefix_for (const char *database_path)
{
  g_autofree char *base = g_path_get_basename (database_path);
  char *dot = strrchr (base, '.');

  if (dot != NULL && dot != base)
    *dot = '\0';
  return g_strconcat (base, "-", NULL);
}

/**
 * tsu_backup_get_default_folder:
 * @database_path: the database file
 *
 * Returns: (transfer full): the "backups" folder beside the database
 */
char *
tsu_backup_get_default_folder (const char *database_path)
{
  g_autofree char *dir = g_path_get_dirname (database_path);

  return g_build_filename (dir, "backups", NULL);
}

static gboolean
ensure_folder (const char  *folder,
               GError     **error)
{
  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, TSU_DATABASE_ERROR, TSU_DATABASE_ERROR_IO,
                   _("Cannot create the backup folder “%s”: %s"), folder, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

/**
 * tsu_backup_write:
 * @database: an open database
 * @destination: the file to write; must not exist
 * @error: return location for an error
 *
 * Writes a consistent copy of @database, readable by its owner only. The copy is
 * first written beside @destination and renamed into place, so that a failure never
 * leaves half a backup under the final name.
 */
gboolean
tsu_backup_write (TsuDatabase  *database,
                  const char   *destination,
                  GError      **error)
{
  g_autofree char *partial = g_strconcat (destination, ".partial", NULL);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TSU_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (destination != NULL, FALSE);

  if (g_file_test (destination, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, TSU_DATABASE_ERROR, TSU_DATABASE_ERROR_IO,
                   _("“%s” already exists; choose another name."), destination);
      return FALSE;
    }

  g_unlink (partial);
  /* Create the file first so that it is private from its first byte. */
  {
    int fd = g_open (partial, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);

    if (fd < 0)
      {
        int saved = errno;

        g_set_error (error, TSU_DATABASE_ERROR, TSU_DATABASE_ERROR_IO,
                     _("Cannot write the backup “%s”: %s"), destination, g_strerror (saved));
        return FALSE;
      }
    close (fd);
    g_unlink (partial);
  }

  stmt = tsu_database_prepare (database, "VACUUM INTO ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, partial, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      g_unlink (partial);
      return tsu_database_set_error (database, rc, error);
    }

  g_chmod (partial, 0600);
  if (g_rename (partial, destination) != 0)
    {
      int saved = errno;

      g_unlink (partial);
      g_set_error (error, TSU_DATABASE_ERROR, TSU_DATABASE_ERROR_IO,
                   _("Cannot write the backup “%s”: %s"), destination, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char **) a, *(const char **) b);
}

/**
 * tsu_backup_list:
 * @folder: the backup folder
 * @database_path: the database the backups are of
 *
 * Returns: (transfer full) (element-type filename): the backups in @folder, full
 *   paths, oldest first (empty when there are none)
 */
GPtrArray *
tsu_backup_list (const char *folder,
                 const char *database_path)
{
  GPtrArray *paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  g_autofree char *prefix = prefix_for (database_path);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, prefix) && g_str_has_suffix (name, BACKUP_SUFFIX) &&
        g_ascii_isdigit (name[strlen (prefix)]))
      g_ptr_array_add (paths, g_build_filename (folder, name, NULL));

  /* The names hold the time, so that name order is time order. */
  g_ptr_array_sort (paths, compare_names);
  return paths;
}

static void
rotate (const char *folder,
        const char *database_path,
        guint       keep)
{
  g_autoptr(GPtrArray) paths = tsu_backup_list (folder, database_path);

  for (guint i = 0; keep > 0 && i + keep < paths->len; i++)
    if (g_unlink (paths->pdata[i]) != 0)
      g_warning ("Cannot remove an old backup: %s", g_strerror (errno));
}

/**
 * tsu_backup_now:
 * @database: an open database
 * @folder: the backup folder (created when missing, 0700)
 * @keep: how many backups to keep; 0 keeps all
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the path of the new backup
 */
char *
tsu_backup_now (TsuDatabase  *database,
                const char   *folder,
                guint         keep,
                GError      **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *prefix = prefix_for (tsu_database_get_path (database));
  g_autofree char *path = NULL;

  if (!ensure_folder (folder, error))
    return NULL;

  /* A second backup within the same second sorts after the first (“_” > “.”). */
  path = g_strdup_printf ("%s/%s%s" BACKUP_SUFFIX, folder, prefix, stamp);
  for (guint n = 2; g_file_test (path, G_FILE_TEST_EXISTS); n++)
    {
      g_free (path);
      path = g_strdup_printf ("%s/%s%s_%u" BACKUP_SUFFIX, folder, prefix, stamp, n);
    }

  if (!tsu_backup_write (database, path, error))
    return NULL;
  rotate (folder, tsu_database_get_path (database), keep);
  return g_steal_pointer (&path);
}

/**
 * tsu_backup_daily:
 *
 * Like tsu_backup_now(), but only when no backup was made today.
 *
 * Returns: (transfer full) (nullable): the new backup, or %NULL without an error
 *   when today's backup exists
 */
char *
tsu_backup_daily (TsuDatabase  *database,
                  const char   *folder,
                  guint         keep,
                  GError      **error)
{
  g_autoptr(GPtrArray) paths = tsu_backup_list (folder, tsu_database_get_path (database));
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *prefix = prefix_for (tsu_database_get_path (database));
  g_autofree char *day = g_date_time_format (now, "%Y%m%d-");
  g_autofree char *today = g_strconcat (prefix, day, NULL);

  if (paths->len > 0)
    {
      g_autofree char *newest = g_path_get_basename (g_ptr_array_index (paths, paths->len - 1));

      if (g_str_has_prefix (newest, today))
        return NULL;
    }
  return tsu_backup_now (database, folder, keep, error);
}

/**
 * tsu_backup_verify:
 * @path: a backup file
 * @error: return location for an error
 *
 * Checks, without changing it, that @path is a sound Tsunagu database this version
 * can open.
 */
gboolean
tsu_backup_verify (const char  *path,
                   GError     **error)
{
  g_autofree char *uri = NULL;
  g_autofree char *display = g_filename_display_name (path);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 app_id = 0, version = 0;
  g_autofree char *check = NULL;
  int rc;

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, TSU_DATABASE_ERROR, TSU_DATABASE_ERROR_IO,
                   _("“%s” does not exist."), display);
      return FALSE;
    }

  /* immutable=1: read it as it is, without creating a journal or WAL beside it. */
  uri = g_strdup_printf ("file:%s?immutable=1", path);
  rc = sqlite3_open_v2 (uri, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (db,
                             "SELECT (SELECT application_id FROM pragma_application_id),"
                             "       (SELECT user_version FROM pragma_user_version),"
                             "       (SELECT integrity_check FROM pragma_integrity_check LIMIT 1)",
                             -1, &stmt, NULL);
  if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      app_id = sqlite3_column_int64 (stmt, 0);
      version = sqlite3_column_int64 (stmt, 1);
      check = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  sqlite3_close_v2 (db);

  if (rc != SQLITE_OK || (guint32) app_id != TSU_APPLICATION_ID)
    {
      g_set_error (error, TSU_DATABASE_ERROR, TSU_DATABASE_ERROR_NOT_TSUNAGU,
                   _("“%s” is not a Tsunagu backup."), display);
      return FALSE;
    }
  if (version > TSU_SCHEMA_VERSION)
    {
      g_set_error (error, TSU_DATABASE_ERROR, TSU_DATABASE_ERROR_TOO_NEW,
                   _("“%s” was written by a newer version of Tsunagu."), display);
      return FALSE;
    }
  if (g_strcmp0 (check, "ok") != 0)
    {
      g_set_error (error, TSU_DATABASE_ERROR, TSU_DATABASE_ERROR_CORRUPT,
                   _("“%s” is damaged: %s"), display, check);
      return FALSE;
    }
  return TRUE;
}

static gboolean
copy_private (const char  *from,
              const char  *to,
              GError     **error)
{
  g_autoptr(GFile) src = g_file_new_for_path (from);
  g_autoptr(GFile) dst = g_file_new_for_path (to);

  if (!g_file_copy (src, dst, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, error))
    return FALSE;
  g_chmod (to, 0600);
  return TRUE;
}

static gboolean
copy_pages (const char *from,
            const char *to)
{
  g_autofree char *uri = g_strdup_printf ("file:%s?immutable=1", from);
  sqlite3 *src = NULL, *dst = NULL;
  sqlite3_backup *backup;
  int rc;

  rc = sqlite3_open_v2 (uri, &src, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_open_v2 (to, &dst, SQLITE_OPEN_READWRITE, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_busy_timeout (dst, 5000);
      backup = sqlite3_backup_init (dst, "main", src, "main");
      if (backup == NULL)
        rc = sqlite3_errcode (dst);
      else
        {
          rc = sqlite3_backup_step (backup, -1);
          sqlite3_backup_finish (backup);
          rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
        }
    }
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (dst, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_stmt *stmt = NULL;

      /* Only a sound result counts. */
      rc = sqlite3_prepare_v2 (dst, "PRAGMA quick_check", -1, &stmt, NULL);
      if (rc == SQLITE_OK)
        rc = sqlite3_step (stmt) == SQLITE_ROW &&
             g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") == 0 ? SQLITE_OK : SQLITE_CORRUPT;
      sqlite3_finalize (stmt);
    }
  sqlite3_close_v2 (src);
  sqlite3_close_v2 (dst);
  return rc == SQLITE_OK;
}

/**
 * tsu_backup_restore:
 * @database_path: the database to replace; nothing may have it open for writing
 * @backup_path: the backup to restore
 * @folder: the backup folder, where the current database is saved first
 * @error: return location for an error
 *
 * Checks @backup_path, keeps the current database as a backup too, and puts the
 * backup in its place.
 *
 * Returns: (transfer full) (nullable): the path of the backup of the replaced
 *   database, or "" when there was none
 */
char *
tsu_backup_restore (const char  *database_path,
                    const char  *backup_path,
                    const char  *folder,
                    GError     **error)
{
  g_autofree char *incoming = g_strconcat (database_path, ".restoring", NULL);
  g_autofree char *kept = g_strdup ("");
  g_autofree char *prefix = prefix_for (database_path);
  const char *suffixes[] = { "-wal", "-shm" };

  if (!tsu_backup_verify (backup_path, error))
    return NULL;

  if (g_file_test (database_path, G_FILE_TEST_EXISTS))
    {
      g_autoptr(TsuDatabase) current = NULL;
      g_autoptr(GError) open_error = NULL;

      if (!ensure_folder (folder, error))
        return NULL;

      current = tsu_database_open (database_path, &open_error);
      g_free (kept);
      kept = current != NULL ? tsu_backup_now (current, folder, 0, NULL) : NULL;
      g_clear_object (&current);
      if (kept == NULL)
        {
          /* A damaged database cannot be opened or vacuumed: keep its bytes as they are. */
          g_autoptr(GDateTime) now = g_date_time_new_now_local ();
          g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");

          g_free (kept);
          kept = g_strdup_printf ("%s/%s%s.damaged", folder, prefix, stamp);
          if (!copy_private (database_path, kept, error))
            return NULL;
        }
    }

  /* Best, the backup is copied into the database page by page through SQLite, so that
   * any connection another part of the program still holds sees the restored data
   * instead of a file replaced under it. */
  if (g_file_test (database_path, G_FILE_TEST_EXISTS) && copy_pages (backup_path, database_path))
    return g_steal_pointer (&kept);

  /* A file SQLite cannot even write into is replaced whole. */
  if (!copy_private (backup_path, incoming, error))
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *side = g_strconcat (database_path, suffixes[i], NULL);

      g_unlink (side);
    }

  if (g_rename (incoming, database_path) != 0)
    {
      int saved = errno;

      g_unlink (incoming);
      g_set_error (error, TSU_DATABASE_ERROR, TSU_DATABASE_ERROR_IO,
                   _("Cannot replace the database: %s"), g_strerror (saved));
      return NULL;
    }
  return g_steal_pointer (&kept);
}
