/* tsu-database.c
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tsu-database"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "tsu-backup.h"
#include "tsu-database.h"
#include "tsu-seed.h"

/* TsuDatabase is one connection to one Tsunagu file. It refuses a file that is not
 * ours before writing a byte to it, applies the schema migrations in transactions and
 * caches prepared statements. A connection is used from one thread at a time; a
 * worker thread opens its own. */

struct _TsuDatabase
{
  GObject     parent_instance;

  char       *path;
  sqlite3    *db;
  GHashTable *statements;  /* SQL text → sqlite3_stmt */
  int         schema_version;
  gboolean    repaired_permissions;
};

G_DEFINE_FINAL_TYPE (TsuDatabase, tsu_database, G_TYPE_OBJECT)

G_DEFINE_QUARK (tsu-database-error-quark, tsu_database_error)

static const char sqlite_magic[16] = "SQLite format 3";

static int
error_code_for_sqlite (int rc)
{
  switch (rc & 0xff)
    {
    case SQLITE_NOTADB:
      return TSU_DATABASE_ERROR_NOT_TSUNAGU;
    case SQLITE_CORRUPT:
      return TSU_DATABASE_ERROR_CORRUPT;
    case SQLITE_FULL:
      return TSU_DATABASE_ERROR_FULL;
    case SQLITE_READONLY:
      return TSU_DATABASE_ERROR_READ_ONLY;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return TSU_DATABASE_ERROR_BUSY;
    case SQLITE_CONSTRAINT:
      return TSU_DATABASE_ERROR_CONSTRAINT;
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
      return TSU_DATABASE_ERROR_IO;
    default:
      return TSU_DATABASE_ERROR_FAILED;
    }
}

static void
tsu_database_finalize (GObject *object)
{
  TsuDatabase *self = TSU_DATABASE (object);

  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db != NULL)
    {
      sqlite3_close_v2 (self->db);
      self->db = NULL;
    }
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (tsu_database_parent_class)->finalize (object);
}

static void
tsu_database_class_init (TsuDatabaseClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tsu_database_finalize;
}

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
tsu_database_init (TsuDatabase *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, finalize_statement);
}

/**
 * tsu_database_set_error:
 * @self: (nullable): the database, for its message
 * @rc: an SQLite result code
 * @error: the error to set
 *
 * Turns an SQLite failure into a #TsuDatabaseError with a message a person can read.
 *
 * Returns: %FALSE, so that callers can `return tsu_database_set_error (…)`
 */
gboolean
tsu_database_set_error (TsuDatabase  *self,
                        int           rc,
                        GError      **error)
{
  int code = error_code_for_sqlite (rc);
  const char *detail = self != NULL && self->db != NULL ? sqlite3_errmsg (self->db)
                                                        : sqlite3_errstr (rc);

  switch (code)
    {
    case TSU_DATABASE_ERROR_FULL:
      g_set_error (error, TSU_DATABASE_ERROR, code,
                   _("The disk is full. Nothing was saved; free some space and try again."));
      break;
    case TSU_DATABASE_ERROR_READ_ONLY:
      g_set_error (error, TSU_DATABASE_ERROR, code,
                   _("The database cannot be written to (%s)."), detail);
      break;
    case TSU_DATABASE_ERROR_IO:
      g_set_error (error, TSU_DATABASE_ERROR, code,
                   _("The database file could not be read or written (%s). Nothing was saved; "
                     "check the disk and save your work elsewhere if this goes on."), detail);
      break;
    case TSU_DATABASE_ERROR_BUSY:
      g_set_error (error, TSU_DATABASE_ERROR, code,
                   _("The database is busy in another program. Try again in a moment."));
      break;
    case TSU_DATABASE_ERROR_CORRUPT:
    case TSU_DATABASE_ERROR_NOT_TSUNAGU:
      g_set_error (error, TSU_DATABASE_ERROR, code,
                   _("The database file is damaged (%s)."), detail);
      break;
    default:
      g_set_error (error, TSU_DATABASE_ERROR, code, _("Database error: %s"), detail);
      break;
    }
  return FALSE;
}

char *
tsu_database_get_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "tsunagu", "tsunagu.db", NULL);
}

char *
tsu_database_get_demo_path (void)
{
  return g_build_filename (g_get_user_cache_dir (), "tsunagu", "demo.db", NULL);
}

/* Looks at the file before SQLite does: a file that is not an SQLite database, or
 * one that another program or a newer Tsunagu wrote, is refused without a byte of it
 * changing. Sets *is_new when the file is missing or empty. */
static gboolean
inspect_existing_file (const char  *path,
                       gboolean    *is_new,
                       GError     **error)
{
  g_autofree char *display = g_filename_display_name (path);
  char header[100];
  sqlite3 *probe = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 app_id = 0, version = 0, n_tables = 0;
  GStatBuf st;
  ssize_t n;
  int fd, rc;

  *is_new = FALSE;

  if (g_stat (path, &st) != 0)
    {
      if (errno == ENOENT)
        {
          *is_new = TRUE;
          return TRUE;
        }
      g_set_error (error, TSU_DATABASE_ERROR, TSU_DATABASE_ERROR_IO,
                   _("Cannot open “%s”: %s"), display, g_strerror (errno));
      return FALSE;
    }

  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, TSU_DATABASE_ERROR, TSU_DATABASE_ERROR_NOT_TSUNAGU,
                   _("“%s” is not a file."), display);
      return FALSE;
    }

  if (st.st_size == 0)
    {
      *is_new = TRUE;
      return TRUE;
    }

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      g_set_error (error, TSU_DATABASE_ERROR, TSU_DATABASE_ERROR_IO,
                   _("Cannot open “%s”: %s"), display, g_strerror (errno));
      return FALSE;
    }
  n = read (fd, header, sizeof header);
  close (fd);

  if (n < (ssize_t) sizeof header || memcmp (header, sqlite_magic, sizeof sqlite_magic) != 0)
    {
      g_set_error (error, TSU_DATABASE_ERROR, TSU_DATABASE_ERROR_NOT_TSUNAGU,
                   _("“%s” is not a Tsunagu database. It was left unchanged."), display);
      return FALSE;
    }

  /* Ask SQLite too, read-only: the header in the main file may be older than the
   * write-ahead log next to it. */
  rc = sqlite3_open_v2 (path, &probe, SQLITE_OPEN_READONLY, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (probe,
                             "SELECT (SELECT application_id FROM pragma_application_id),"
                             "       (SELECT user_version FROM pragma_user_version),"
                             "       (SELECT count(*) FROM sqlite_schema)",
                             -1, &stmt, NULL);
  if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      app_id = sqlite3_column_int64 (stmt, 0);
      version = sqlite3_column_int64 (stmt, 1);
      n_tables = sqlite3_column_int64 (stmt, 2);
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  sqlite3_close_v2 (probe);

  /* A file in WAL mode needs its -shm file, which SQLite cannot make in a folder
   * that is read-only to this user. */
  if (rc != SQLITE_OK && (rc & 0xff) == SQLITE_READONLY)
    {
      g_set_error (error, TSU_DATABASE_ERROR, TSU_DATABASE_ERROR_READ_ONLY,
                   _("“%s” cannot be written to, nor the folder it is in, so Tsunagu cannot open it. "
                     "Ask for permission to change it, or copy it to a folder of yours. "
                     "It was left unchanged."),
                   display);
      return FALSE;
    }
  if (rc != SQLITE_OK)
    {
      g_set_error (error, TSU_DATABASE_ERROR,
                   (rc & 0xff) == SQLITE_NOTADB || (rc & 0xff) == SQLITE_CORRUPT
                     ? TSU_DATABASE_ERROR_CORRUPT : TSU_DATABASE_ERROR_IO,
                   _("“%s” cannot be read as a database: %s. It was left unchanged."),
                   display, sqlite3_errstr (rc));
      return FALSE;
    }

  if (app_id == 0 && version == 0 && n_tables == 0)
    {
      /* An empty SQLite file: safe to make it ours. */
      *is_new = TRUE;
      return TRUE;
    }

  if ((guint32) app_id != TSU_APPLICATION_ID)
    {
      g_set_error (error, TSU_DATABASE_ERROR, TSU_DATABASE_ERROR_NOT_TSUNAGU,
                   _("“%s” is a database of another program, not of Tsunagu. It was left unchanged."),
                   display);
      return FALSE;
    }

  if (version > TSU_SCHEMA_VERSION)
    {
      g_set_error (error, TSU_DATABASE_ERROR, TSU_DATABASE_ERROR_TOO_NEW,
                   _("“%s” was written by a newer version of Tsunagu (schema %d; this version knows %d). "
                     "Update Tsunagu to open it. It was left unchanged."),
                   display, (int) version, TSU_SCHEMA_VERSION);
      return FALSE;
    }

  return TRUE;
}

static gboolean
create_private_file (const char  *path,
                     GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      g_set_error (error, TSU_DATABASE_ERROR, TSU_DATABASE_ERROR_IO,
                   _("Cannot create the folder “%s”: %s"), dir, g_strerror (errno));
      return FALSE;
    }

  fd = g_open (path, O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      g_set_error (error, TSU_DATABASE_ERROR, TSU_DATABASE_ERROR_IO,
                   _("Cannot create “%s”: %s"), path, g_strerror (errno));
      return FALSE;
    }
  /* Owner only, whatever the umask: the file holds personal health information. */
  if (fchmod (fd, 0600) != 0)
    g_warning ("Cannot restrict permissions of the database: %s", g_strerror (errno));
  close (fd);
  return TRUE;
}

/* The database and what lies beside it are for their owner only; a file that others
 * could read (copied with the wrong umask, restored by hand) is made private again. */
static gboolean
repair_permissions (const char *path)
{
  const char *suffixes[] = { "", "-wal", "-shm" };
  gboolean repaired = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      GStatBuf st;

      if (g_stat (file, &st) == 0 && (st.st_mode & 0077) != 0 && g_chmod (file, 0600) == 0)
        repaired = TRUE;
    }
  return repaired;
}

static gboolean
read_schema_version (TsuDatabase  *self,
                     GError      **error)
{
  sqlite3_stmt *stmt = tsu_database_prepare (self, "PRAGMA user_version", error);

  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return tsu_database_set_error (self, sqlite3_errcode (self->db), error);
  self->schema_version = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);
  return TRUE;
}

static gboolean
apply_migration (TsuDatabase  *self,
                 int           version,
                 GError      **error)
{
  g_autofree char *resource = g_strdup_printf ("/io/github/tsunagu/core/schema-v%d.sql", version);
  g_autoptr(GBytes) script = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *pragmas = NULL;

  script = g_resources_lookup_data (resource, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (script == NULL)
    return FALSE;
  sql = g_strndup (g_bytes_get_data (script, NULL), g_bytes_get_size (script));

  if (!tsu_database_exec (self, sql, error))
    return FALSE;
  if (version == 1 && !tsu_seed_reference_data (self, error))
    return FALSE;

  pragmas = g_strdup_printf ("PRAGMA application_id = %d; PRAGMA user_version = %d;",
                             TSU_APPLICATION_ID, version);
  return tsu_database_exec (self, pragmas, error);
}

static gboolean
migrate (TsuDatabase  *self,
         GError      **error)
{
  if (!read_schema_version (self, error))
    return FALSE;
  if (self->schema_version == TSU_SCHEMA_VERSION)
    return TRUE;

  /* A database with data in it is backed up before its schema changes. */
  if (self->schema_version > 0)
    {
      g_autofree char *folder = tsu_backup_get_default_folder (self->path);
      g_autofree char *backup = tsu_backup_now (self, folder, 0, error);

      if (backup == NULL)
        return FALSE;
    }

  /* BEGIN IMMEDIATE takes the write lock first, so two programs that open a new file
   * at once do not both migrate it; the version is read again inside. */
  if (!tsu_database_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  if (!read_schema_version (self, error))
    goto fail;

  for (int v = self->schema_version + 1; v <= TSU_SCHEMA_VERSION; v++)
    {
      g_debug ("Migrating database to schema version %d", v);
      if (!apply_migration (self, v, error))
        goto fail;
    }

  if (!tsu_database_commit (self, error))
    goto fail;
  return read_schema_version (self, error);

fail:
  tsu_database_rollback (self);
  return FALSE;
}

/* Folds @text (which a damaged file may hold as any bytes) for tsu_contains (). */
static char *
fold (const char *text)
{
  g_autofree char *valid = NULL;

  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);
  return g_utf8_casefold (text, -1);
}

/* tsu_contains (text, term): whether @text holds @term, letter case aside — the check
 * of a search term in the documents the trigram index found (tsu_store_search ()). The
 * folded term is kept with the statement. */
static void
contains_func (sqlite3_context  *context,
               int               argc,
               sqlite3_value   **argv)
{
  const char *text = (const char *) sqlite3_value_text (argv[0]);
  const char *term = sqlite3_get_auxdata (context, 1);
  g_autofree char *folded = NULL;

  if (term == NULL)
    {
      const char *given = (const char *) sqlite3_value_text (argv[1]);

      if (given == NULL)
        {
          sqlite3_result_null (context);
          return;
        }
      sqlite3_set_auxdata (context, 1, fold (given), g_free);
      term = sqlite3_get_auxdata (context, 1);
      if (term == NULL)
        {
          sqlite3_result_error_nomem (context);
          return;
        }
    }
  if (text == NULL)
    {
      sqlite3_result_int (context, 0);
      return;
    }
  folded = fold (text);
  sqlite3_result_int (context, strstr (folded, term) != NULL);
}

/**
 * tsu_database_open:
 * @path: the database file; created, with its folder, when missing
 * @error: return location for a #TsuDatabaseError
 *
 * Opens a Tsunagu database and brings its schema up to date. A file that is not a
 * Tsunagu database, or that a newer version wrote, is refused and left untouched.
 *
 * Returns: (transfer full) (nullable): the open database
 */
TsuDatabase *
tsu_database_open (const char  *path,
                   GError     **error)
{
  g_autoptr(TsuDatabase) self = NULL;
  gboolean is_new = FALSE;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!inspect_existing_file (path, &is_new, error))
    return NULL;
  if (is_new && !create_private_file (path, error))
    return NULL;

  self = g_object_new (TSU_TYPE_DATABASE, NULL);
  self->path = g_strdup (path);
  if (!is_new)
    self->repaired_permissions = repair_permissions (path);

  rc = sqlite3_open_v2 (path, &self->db, SQLITE_OPEN_READWRITE, NULL);
  if (rc != SQLITE_OK)
    {
      tsu_database_set_error (self, rc, error);
      return NULL;
    }
  sqlite3_extended_result_codes (self->db, TRUE);
  sqlite3_busy_timeout (self->db, 5000);
  sqlite3_create_function_v2 (self->db, "tsu_contains", 2,
                              SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                              NULL, contains_func, NULL, NULL, NULL);

  /* A new file gets pages of 16 KiB instead of SQLite's 4 KiB: a transaction writes a
   * quarter as many pages, each with a system call of its own in the WAL and again
   * when it is checkpointed (an import of 10,000 events commits about 10 MB). Fixed
   * once the file has content; an older file keeps its size. */
  if (is_new && !tsu_database_exec (self, "PRAGMA page_size = 16384", error))
    return NULL;
  if (!tsu_database_exec (self,
                          "PRAGMA journal_mode = WAL;"
                          "PRAGMA synchronous = FULL;"
                          "PRAGMA foreign_keys = ON;"
                          "PRAGMA temp_store = MEMORY;",
                          error))
    return NULL;

  if (!migrate (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

const char *
tsu_database_get_path (TsuDatabase *self)
{
  g_return_val_if_fail (TSU_IS_DATABASE (self), NULL);

  return self->path;
}

sqlite3 *
tsu_database_get_handle (TsuDatabase *self)
{
  g_return_val_if_fail (TSU_IS_DATABASE (self), NULL);

  return self->db;
}

/**
 * tsu_database_get_repaired_permissions:
 *
 * Returns: %TRUE when the file was readable by others and was made private on open,
 *   something to tell the user
 */
gboolean
tsu_database_get_repaired_permissions (TsuDatabase *self)
{
  g_return_val_if_fail (TSU_IS_DATABASE (self), FALSE);

  return self->repaired_permissions;
}

int
tsu_database_get_schema_version (TsuDatabase *self)
{
  g_return_val_if_fail (TSU_IS_DATABASE (self), 0);

  return self->schema_version;
}

/**
 * tsu_database_prepare:
 * @self: a database
 * @sql: one SQL statement with `?` parameters
 * @error: return location for an error
 *
 * Returns: (transfer none) (nullable): a cached statement, reset and with its
 *   bindings cleared; valid until @self is finalized
 */
sqlite3_stmt *
tsu_database_prepare (TsuDatabase  *self,
                      const char   *sql,
                      GError      **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TSU_IS_DATABASE (self), NULL);

  stmt = g_hash_table_lookup (self->statements, sql);
  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      tsu_database_set_error (self, rc, error);
      return NULL;
    }
  g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  return stmt;
}

gboolean
tsu_database_exec (TsuDatabase  *self,
                   const char   *sql,
                   GError      **error)
{
  int rc;

  g_return_val_if_fail (TSU_IS_DATABASE (self), FALSE);

  rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    return tsu_database_set_error (self, rc, error);
  return TRUE;
}

gboolean
tsu_database_begin (TsuDatabase  *self,
                    GError      **error)
{
  int moved = 0;

  g_return_val_if_fail (TSU_IS_DATABASE (self), FALSE);

  /* SQLite keeps writing into a file that was deleted or moved away while it was
   * open, and those writes would be lost: refuse them instead. */
  if (sqlite3_file_control (self->db, "main", SQLITE_FCNTL_HAS_MOVED, &moved) == SQLITE_OK && moved)
    {
      g_set_error (error, TSU_DATABASE_ERROR, TSU_DATABASE_ERROR_IO,
                   _("The database file “%s” was moved or deleted while Tsunagu had it open. "
                     "Nothing was saved; save your work elsewhere and open the database again."),
                   self->path);
      return FALSE;
    }

  return tsu_database_exec (self, "BEGIN IMMEDIATE", error);
}

gboolean
tsu_database_commit (TsuDatabase  *self,
                     GError      **error)
{
  return tsu_database_exec (self, "COMMIT", error);
}

void
tsu_database_rollback (TsuDatabase *self)
{
  g_return_if_fail (TSU_IS_DATABASE (self));

  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

gboolean
tsu_database_in_transaction (TsuDatabase *self)
{
  g_return_val_if_fail (TSU_IS_DATABASE (self), FALSE);

  return !sqlite3_get_autocommit (self->db);
}

/**
 * tsu_database_check_integrity:
 * @self: a database
 * @quick: %TRUE for `quick_check` (at start), %FALSE for the full `integrity_check`
 * @error: set to %TSU_DATABASE_ERROR_CORRUPT with SQLite's first finding
 *
 * Returns: %TRUE when the file is sound
 */
gboolean
tsu_database_check_integrity (TsuDatabase  *self,
                              gboolean      quick,
                              GError      **error)
{
  sqlite3_stmt *stmt = NULL;
  g_autofree char *finding = NULL;
  int rc;

  g_return_val_if_fail (TSU_IS_DATABASE (self), FALSE);

  rc = sqlite3_prepare_v2 (self->db, quick ? "PRAGMA quick_check" : "PRAGMA integrity_check",
                           -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return tsu_database_set_error (self, rc, error);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    finding = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);

  if (rc != SQLITE_ROW)
    return tsu_database_set_error (self, rc, error);

  if (g_strcmp0 (finding, "ok") != 0)
    {
      g_set_error (error, TSU_DATABASE_ERROR, TSU_DATABASE_ERROR_CORRUPT,
                   _("The database is damaged: %s"), finding);
      return FALSE;
    }

  return TRUE;
}
