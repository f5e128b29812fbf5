/* tsu-store.c
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tsu-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "tsu-occurrence.h"
#include "tsu-recurrence.h"
#include "tsu-search-hit.h"
#include "tsu-store.h"
#include "model/tsu-action-item.h"
#include "model/tsu-case.h"
#include "model/tsu-decision.h"
#include "model/tsu-discussion.h"
#include "model/tsu-meeting.h"
#include "model/tsu-minutes.h"

/* TsuStore reads and writes records. The SQL of each record class is built once from
 * its field table; every value is a bound parameter. Each save or delete is one
 * transaction together with its audit line, and joins an outer transaction when the
 * caller opened one. */

struct _TsuStore
{
  GObject      parent_instance;

  TsuDatabase *database;
  GHashTable  *sql;        /* "insert:TYPE" etc. → SQL text */
  GHashTable  *bulk_insert; /* "type×rows" → a statement of tsu_store_bulk_insert_many() */
  guint        depth;      /* nesting of tsu_store_begin() */
  guint        audit : 1;

  /* The audit action of the save in progress when it is not "insert" or "update". */
  const char  *audit_action;
  /* "table:id" → fingerprint of the row as this store last wrote it (updates only). */
  GHashTable  *written;
  /* Commits of other connections: PRAGMA data_version polled by a timeout. */
  guint        watch_source;
  gint64       data_version;
  gint64       last_audit_id;
  /* The recurring series (CachedSeries) while neither this connection wrote
   * (total_changes) nor another one committed (data_version) since they were read. */
  GArray      *series;
  gint64       series_version;
  gint64       series_changes;
};

G_DEFINE_FINAL_TYPE (TsuStore, tsu_store, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* A search never returns more than this, whatever the caller asks. */
#define MAX_SEARCH_HITS 1000
#define MAX_SEARCH_TERMS 8

static void
tsu_store_finalize (GObject *object)
{
  TsuStore *self = TSU_STORE (object);

  g_clear_handle_id (&self->watch_source, g_source_remove);
  g_clear_pointer (&self->written, g_hash_table_unref);
  g_clear_pointer (&self->bulk_insert, g_hash_table_unref);
  g_clear_pointer (&self->sql, g_hash_table_unref);
  g_clear_pointer (&self->series, g_array_unref);
  g_clear_object (&self->database);

  G_OBJECT_CLASS (tsu_store_parent_class)->finalize (object);
}

static void
tsu_store_class_init (TsuStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tsu_store_finalize;

  /**
   * TsuStore::changed:
   * @table: the table that changed; also the signal's detail
   *
   * Emitted after a record was saved or deleted.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                                   G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
tsu_store_init (TsuStore *self)
{
  self->sql = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->bulk_insert = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->written = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->audit = TRUE;
}

static sqlite3 *
handle (TsuStore *self)
{
  return tsu_database_get_handle (self->database);
}

static gboolean
step_done (TsuStore      *self,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return tsu_database_set_error (self->database, rc, error);
  return TRUE;
}

/* SQL for one record class and one purpose, built once. */
static const char *
sql_for (TsuStore   *self,
         GType       type,
         const char *purpose)
{
  g_autofree char *key = g_strdup_printf ("%s:%s", purpose, g_type_name (type));
  g_autoptr(GTypeClass) klass = g_type_class_ref (type);
  const char *table;
  const TsuField *fields;
  guint n_fields;
  GString *sql;
  const char *cached;

  cached = g_hash_table_lookup (self->sql, key);
  if (cached != NULL)
    return cached;

  fields = tsu_record_class_get_fields (TSU_RECORD_CLASS (klass), &table, &n_fields);
  sql = g_string_new (NULL);

  if (strcmp (purpose, "insert") == 0)
    {
      g_string_append_printf (sql, "INSERT INTO %s (", table);
      for (guint i = 0; i < n_fields; i++)
        g_string_append_printf (sql, "%s%s", i ? ", " : "", fields[i].name);
      g_string_append (sql, ") VALUES (");
      for (guint i = 0; i < n_fields; i++)
        g_string_append (sql, i ? ", ?" : "?");
      g_string_append (sql, ")");
    }
  else if (strcmp (purpose, "update") == 0)
    {
      g_string_append_printf (sql, "UPDATE %s SET ", table);
      for (guint i = 0; i < n_fields; i++)
        g_string_append_printf (sql, "%s%s = ?", i ? ", " : "", fields[i].name);
      g_string_append_printf (sql, " WHERE id = ?%u", n_fields + 1);
    }
  else if (strcmp (purpose, "delete") == 0)
    {
      g_string_append_printf (sql, "DELETE FROM %s WHERE id = ?", table);
    }
  else if (strcmp (purpose, "select") == 0)
    {
      g_string_append (sql, "SELECT id");
      for (guint i = 0; i < n_fields; i++)
        g_string_append_printf (sql, ", %s", fields[i].name);
      g_string_append_printf (sql, " FROM %s", table);
    }
  else
    {
      g_assert_not_reached ();
    }

  cached = sql->str;
  g_hash_table_insert (self->sql, g_steal_pointer (&key), g_string_free (sql, FALSE));
  return cached;
}

static gboolean
is_column_of (GType       type,
              const char *column)
{
  g_autoptr(GTypeClass) klass = g_type_class_ref (type);
  const TsuField *fields;
  guint n_fields;

  if (g_strcmp0 (column, "id") == 0)
    return TRUE;
  fields = tsu_record_class_get_fields (TSU_RECORD_CLASS (klass), NULL, &n_fields);
  for (guint i = 0; i < n_fields; i++)
    if (g_strcmp0 (fields[i].name, column) == 0)
      return TRUE;
  return FALSE;
}

/* One step of the fingerprint: a multiply-xorshift mix of eight bytes. */
static inline guint64
fingerprint_mix (guint64 h,
                 guint64 v)
{
  h = (h ^ v) * 0x9e3779b97f4a7c15u;
  return h ^ (h >> 29);
}

#define FINGERPRINT_SEED 0xcbf29ce484222325u

static guint64
fingerprint_text (guint64     h,
                  const char *text)
{
  gsize len = text != NULL ? strlen (text) : 0;
  gsize at = 0;
  guint64 tail = 0;

  for (; at + 8 <= len; at += 8)
    {
      guint64 word;

      memcpy (&word, text + at, 8);
      h = fingerprint_mix (h, word);
    }
  if (at < len)
    memcpy (&tail, text + at, len - at);
  /* The length keeps the texts of neighbouring fields apart; NULL counts as "", as
   * the file may hold either for an empty text. */
  return fingerprint_mix (fingerprint_mix (h, tail), len);
}

static guint
fingerprint_finish (guint64 h)
{
  guint32 folded = (guint32) (h ^ (h >> 32));

  return folded != 0 ? folded : 1;
}

/* A hash of a record's values, to notice that its row changed since it was read
 * (every field, texts eight bytes at a time with their length; never 0, which stands
 * for "not read from the file"). Every record read gets one, so it must be cheap:
 * record_from_row() computes the same from the row as it reads it. */
static guint
fingerprint_of (TsuRecord *record)
{
  const TsuField *fields;
  guint n_fields;
  guint64 h = FINGERPRINT_SEED;

  fields = tsu_record_get_fields (record, &n_fields);
  for (guint i = 0; i < n_fields; i++)
    {
      if (fields[i].kind == TSU_FIELD_TEXT)
        h = fingerprint_text (h, tsu_record_get_text (record, i));
      else
        h = fingerprint_mix (h, (guint64) tsu_record_get_int (record, i));
    }
  return fingerprint_finish (h);
}

/* Looked up once: g_quark_from_static_string() takes a global lock, and every record
 * read asks for it. */
static GQuark
fingerprint_quark (void)
{
  static gsize quark = 0;

  if (g_once_init_enter (&quark))
    g_once_init_leave (&quark, g_quark_from_static_string ("tsu-store-fingerprint"));
  return (GQuark) quark;
}

static void
remember_fingerprint (TsuRecord *record)
{
  g_object_set_qdata (G_OBJECT (record), fingerprint_quark (),
                      GUINT_TO_POINTER (fingerprint_of (record)));
}

static TsuRecord *
record_from_row (GType         type,
                 sqlite3_stmt *stmt)
{
  TsuRecord *record = g_object_new (type, NULL);
  const TsuField *fields;
  guint n_fields;
  guint64 h = FINGERPRINT_SEED;

  fields = tsu_record_get_fields (record, &n_fields);
  tsu_record_set_id (record, sqlite3_column_int64 (stmt, 0));
  /* The fingerprint of fingerprint_of(), from the values as they are loaded. */
  for (guint i = 0; i < n_fields; i++)
    {
      if (fields[i].kind == TSU_FIELD_TEXT)
        {
          const char *text = (const char *) sqlite3_column_text (stmt, i + 1);

          tsu_record_load_value (record, i, text, 0);
          h = fingerprint_text (h, text);
        }
      else
        {
          gint64 value = sqlite3_column_int64 (stmt, i + 1);

          tsu_record_load_value (record, i, NULL, value);
          h = fingerprint_mix (h, (guint64) value);
        }
    }
  g_object_set_qdata (G_OBJECT (record), fingerprint_quark (), GUINT_TO_POINTER (fingerprint_finish (h)));
  return record;
}

/* Steps @stmt to the end, one record of @type per row. */
static GListModel *
collect (TsuStore      *self,
         GType          type,
         sqlite3_stmt  *stmt,
         GError       **error)
{
  g_autoptr(GListStore) list = g_list_store_new (type);
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (batch, record_from_row (type, stmt));
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      tsu_database_set_error (self->database, rc, error);
      return NULL;
    }

  g_list_store_splice (list, 0, 0, batch->pdata, batch->len);
  return G_LIST_MODEL (g_steal_pointer (&list));
}

static gboolean
validate (TsuRecord  *record,
          GError    **error)
{
  const TsuField *fields;
  guint n_fields;

  fields = tsu_record_get_fields (record, &n_fields);
  for (guint i = 0; i < n_fields; i++)
    {
      const TsuField *f = &fields[i];

      if (f->kind == TSU_FIELD_TEXT)
        {
          const char *text = tsu_record_get_text (record, i);
          const char *end;
          gsize limit = (f->flags & TSU_FIELD_LONG) ? TSU_RECORD_MAX_LONG_TEXT : TSU_RECORD_MAX_TEXT;

          if ((f->flags & TSU_FIELD_REQUIRED) && (text == NULL || *text == '\0'))
            {
              g_set_error (error, TSU_DATABASE_ERROR, TSU_DATABASE_ERROR_INVALID,
                           _("The field “%s” is required."), f->name);
              return FALSE;
            }
          if (text == NULL)
            continue;
          if (!g_utf8_validate (text, -1, &end))
            {
              g_set_error (error, TSU_DATABASE_ERROR, TSU_DATABASE_ERROR_INVALID,
                           _("The field “%s” is not valid UTF-8 text."), f->name);
              return FALSE;
            }
          if ((gsize) (end - text) > limit)
            {
              g_set_error (error, TSU_DATABASE_ERROR, TSU_DATABASE_ERROR_INVALID,
                           _("The field “%s” is too long (at most %zu bytes)."), f->name, limit);
              return FALSE;
            }
        }
      else if (f->kind == TSU_FIELD_REF && (f->flags & TSU_FIELD_REQUIRED) &&
               tsu_record_get_int (record, i) == 0)
        {
          g_set_error (error, TSU_DATABASE_ERROR, TSU_DATABASE_ERROR_INVALID,
                       _("The field “%s” is required."), f->name);
          return FALSE;
        }
    }
  return TRUE;
}

static void
bind_fields (TsuRecord    *record,
             sqlite3_stmt *stmt,
             int           first)
{
  const TsuField *fields;
  guint n_fields;

  fields = tsu_record_get_fields (record, &n_fields);
  for (guint i = 0; i < n_fields; i++)
    {
      int col = first + i;

      switch (fields[i].kind)
        {
        case TSU_FIELD_TEXT:
          sqlite3_bind_text (stmt, col, tsu_record_get_text (record, i), -1, SQLITE_STATIC);
          break;
        case TSU_FIELD_REF:
        case TSU_FIELD_INT:
        case TSU_FIELD_BOOL:
        default:
          if ((fields[i].kind == TSU_FIELD_REF || (fields[i].flags & TSU_FIELD_UNSET_0)) &&
              tsu_record_get_int (record, i) == 0)
            sqlite3_bind_null (stmt, col);
          else
            sqlite3_bind_int64 (stmt, col, tsu_record_get_int (record, i));
          break;
        }
    }
}

/* The case an audit line concerns (0 for none): kept with the line, so that a case's
 * history still shows rows deleted since. Read before a delete, while the row and
 * its meeting are still there. */
static gint64
audit_case_of (TsuStore  *self,
               TsuRecord *record)
{
  const TsuField *fields;
  guint n_fields;
  const char *sql = NULL;
  gint64 parent = 0;
  gint64 case_id = 0;
  sqlite3_stmt *stmt;

  if (TSU_IS_CASE (record))
    return tsu_record_get_id (record);

  fields = tsu_record_get_fields (record, &n_fields);
  for (guint i = 0; i < n_fields; i++)
    {
      if (g_strcmp0 (fields[i].name, "case_id") == 0 && tsu_record_get_int (record, i) != 0)
        return tsu_record_get_int (record, i);
      if (g_strcmp0 (fields[i].name, "meeting_id") == 0 && tsu_record_get_int (record, i) != 0)
        {
          sql = "SELECT case_id FROM meeting WHERE id = ?";
          parent = tsu_record_get_int (record, i);
        }
      else if (g_strcmp0 (fields[i].name, "minutes_id") == 0 && tsu_record_get_int (record, i) != 0)
        {
          sql = "SELECT m.case_id FROM minutes AS r JOIN meeting AS m ON m.id = r.meeting_id "
                "WHERE r.id = ?";
          parent = tsu_record_get_int (record, i);
        }
    }
  if (sql == NULL || (stmt = tsu_database_prepare (self->database, sql, NULL)) == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, parent);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    case_id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return case_id;
}

static gboolean
write_audit (TsuStore    *self,
             const char  *action,
             TsuRecord   *record,
             gint64       case_id,
             GError     **error)
{
  sqlite3_stmt *stmt;

  if (!self->audit)
    return TRUE;

  stmt = tsu_database_prepare (self->database,
                               "INSERT INTO audit_log (at, user_name, action, entity, entity_id, case_id) "
                               "VALUES (unixepoch (), ?, ?, ?, ?, ?)",
                               error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, g_get_user_name (), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, action, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, tsu_record_get_table (record), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, tsu_record_get_id (record));
  if (case_id != 0)
    sqlite3_bind_int64 (stmt, 5, case_id);
  else
    sqlite3_bind_null (stmt, 5);
  return step_done (self, stmt, error);
}

static char *
row_key (TsuRecord *record)
{
  return g_strdup_printf ("%s:%" G_GINT64_FORMAT, tsu_record_get_table (record),
                          tsu_record_get_id (record));
}

/* An update must not silently overwrite what another program (a second Tsunagu, the
 * command line) wrote since @record was read. What this store wrote itself is no
 * conflict: the views and editors of one window share the rows they show. Records
 * not read from the file (made by hand with an id) are not checked. */
static gboolean
check_unchanged_since_read (TsuStore    *self,
                            TsuRecord   *record,
                            GError     **error)
{
  guint read_as = GPOINTER_TO_UINT (g_object_get_qdata (G_OBJECT (record), fingerprint_quark ()));
  g_autoptr(GError) local_error = NULL;
  g_autoptr(TsuRecord) current = NULL;
  g_autofree char *key = NULL;
  guint now;

  if (read_as == 0)
    return TRUE;

  current = tsu_store_load (self, G_OBJECT_TYPE (record), tsu_record_get_id (record), &local_error);
  if (current == NULL)
    {
      /* A deleted row is reported by the update itself. */
      if (g_error_matches (local_error, TSU_DATABASE_ERROR, TSU_DATABASE_ERROR_NOT_FOUND))
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  now = GPOINTER_TO_UINT (g_object_get_qdata (G_OBJECT (current), fingerprint_quark ()));
  key = row_key (record);
  if (now == read_as || GPOINTER_TO_UINT (g_hash_table_lookup (self->written, key)) == now)
    return TRUE;

  g_set_error (error, TSU_DATABASE_ERROR, TSU_DATABASE_ERROR_CONFLICT,
               _("Someone else changed this record in another window or program after you opened it. "
                 "Nothing was saved: copy what you typed, open the record again to see their change, "
                 "and make yours there."));
  return FALSE;
}

/* Meetings get a UID, a checked time range and rule, a SEQUENCE that grows with each
 * change, and the end of their series for the range query. */
static gboolean
prepare_meeting (TsuStore    *self,
                 TsuMeeting  *meeting,
                 GError     **error)
{
  const char *rrule = tsu_meeting_get_rrule (meeting);

  if (tsu_meeting_get_ends_at (meeting) < tsu_meeting_get_starts_at (meeting))
    {
      g_set_error (error, TSU_DATABASE_ERROR, TSU_DATABASE_ERROR_INVALID,
                   _("A meeting cannot end before it starts."));
      return FALSE;
    }

  if (rrule != NULL && *rrule == '\0')
    tsu_meeting_set_rrule (meeting, NULL);
  else if (rrule != NULL && !tsu_recurrence_validate (rrule, error))
    return FALSE;

  if (tsu_record_get_id (TSU_RECORD (meeting)) != 0)
    tsu_meeting_set_sequence (meeting, tsu_meeting_get_sequence (meeting) + 1);

  return TRUE;
}

static gboolean
update_series_end (TsuStore    *self,
                   TsuMeeting  *meeting,
                   GError     **error)
{
  sqlite3_stmt *stmt;
  gint64 last_end = -1;

  if (tsu_meeting_get_rrule (meeting) != NULL)
    {
      TsuRecurrence r = {
        .rrule = tsu_meeting_get_rrule (meeting),
        .dtstart = tsu_meeting_get_starts_at (meeting),
        .duration = tsu_meeting_get_ends_at (meeting) - tsu_meeting_get_starts_at (meeting),
        .tzid = tsu_meeting_get_tzid (meeting),
        .all_day = tsu_meeting_get_all_day (meeting),
      };

      if (!tsu_recurrence_get_last_end (&r, &last_end, error))
        return FALSE;
    }

  stmt = tsu_database_prepare (self->database,
                               "UPDATE meeting SET recurs_until = ?, updated_at = unixepoch () "
                               "WHERE id = ?",
                               error);
  if (stmt == NULL)
    return FALSE;
  if (last_end < 0)
    sqlite3_bind_null (stmt, 1);
  else
    sqlite3_bind_int64 (stmt, 1, last_end);
  sqlite3_bind_int64 (stmt, 2, tsu_record_get_id (TSU_RECORD (meeting)));
  return step_done (self, stmt, error);
}

/* A confirmed revision of the minutes is never changed; a change makes a new revision. */
static gboolean
check_minutes_writable (TsuStore    *self,
                        TsuMinutes  *minutes,
                        GError     **error)
{
  sqlite3_stmt *stmt;
  gboolean confirmed = FALSE;
  int rc;

  stmt = tsu_database_prepare (self->database, "SELECT state FROM minutes WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, tsu_record_get_id (TSU_RECORD (minutes)));
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    confirmed = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "confirmed") == 0;
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return tsu_database_set_error (self->database, rc, error);
  if (confirmed)
    {
      g_set_error (error, TSU_DATABASE_ERROR, TSU_DATABASE_ERROR_INVALID,
                   _("These minutes are confirmed and cannot be changed. Make a new revision to edit them."));
      return FALSE;
    }
  return TRUE;
}

static void
emit_changed (TsuStore  *self,
              TsuRecord *record)
{
  const char *table = tsu_record_get_table (record);

  g_signal_emit (self, signals[CHANGED], g_quark_from_string (table), table);
}

TsuStore *
tsu_store_new (TsuDatabase *database)
{
  TsuStore *self;

  g_return_val_if_fail (TSU_IS_DATABASE (database), NULL);

  self = g_object_new (TSU_TYPE_STORE, NULL);
  self->database = g_object_ref (database);
  return self;
}

/**
 * tsu_store_open:
 * @path: the database file
 * @error: return location for a #TsuDatabaseError
 *
 * Returns: (transfer full) (nullable): a store on the opened database
 */
TsuStore *
tsu_store_open (const char  *path,
                GError     **error)
{
  g_autoptr(TsuDatabase) database = tsu_database_open (path, error);

  if (database == NULL)
    return NULL;
  return tsu_store_new (database);
}

/**
 * tsu_store_get_database:
 *
 * Returns: (transfer none): the database
 */
TsuDatabase *
tsu_store_get_database (TsuStore *self)
{
  g_return_val_if_fail (TSU_IS_STORE (self), NULL);

  return self->database;
}

/**
 * tsu_store_set_audit:
 * @audit: %FALSE to write no audit lines (bulk loads of generated data only)
 */
void
tsu_store_set_audit (TsuStore *self,
                     gboolean  audit)
{
  g_return_if_fail (TSU_IS_STORE (self));

  self->audit = !!audit;
}

gboolean
tsu_store_begin (TsuStore  *self,
                 GError   **error)
{
  g_return_val_if_fail (TSU_IS_STORE (self), FALSE);

  if (self->depth == 0 && !tsu_database_begin (self->database, error))
    return FALSE;
  self->depth++;
  return TRUE;
}

gboolean
tsu_store_commit (TsuStore  *self,
                  GError   **error)
{
  g_return_val_if_fail (TSU_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->depth > 0, FALSE);

  if (self->depth > 1)
    {
      self->depth--;
      return TRUE;
    }
  if (!tsu_database_commit (self->database, error))
    {
      tsu_store_rollback (self);
      return FALSE;
    }
  self->depth = 0;
  return TRUE;
}

/* Rolls back the whole transaction, outer levels included: a failed inner step
 * makes the outer write fail too. */
void
tsu_store_rollback (TsuStore *self)
{
  g_return_if_fail (TSU_IS_STORE (self));

  tsu_database_rollback (self->database);
  self->depth = 0;
}

/**
 * tsu_store_save:
 * @self: a store
 * @record: the record to insert (id 0) or update
 * @error: return location for a #TsuDatabaseError
 *
 * Writes @record. Text must be valid UTF-8, at most %TSU_RECORD_MAX_TEXT bytes (or
 * %TSU_RECORD_MAX_LONG_TEXT for long fields such as notes and minutes); anything else
 * is refused with %TSU_DATABASE_ERROR_INVALID and nothing is written. On insert the
 * record's id is set.
 *
 * Returns: %TRUE when the record was committed (or joined the open transaction)
 */
gboolean
tsu_store_save (TsuStore   *self,
                TsuRecord  *record,
                GError    **error)
{
  gboolean is_new;
  sqlite3_stmt *stmt;
  guint n_fields;

  g_return_val_if_fail (TSU_IS_STORE (self), FALSE);
  g_return_val_if_fail (TSU_IS_RECORD (record), FALSE);

  if (TSU_IS_MEETING (record) && tsu_meeting_get_uid (TSU_MEETING (record)) == NULL)
    {
      g_autofree char *uuid = g_uuid_string_random ();
      g_autofree char *uid = g_strdup_printf ("%s@tsunagu", uuid);

      tsu_meeting_set_uid (TSU_MEETING (record), uid);
    }

  if (!validate (record, error))
    return FALSE;

  is_new = tsu_record_get_id (record) == 0;
  tsu_record_get_fields (record, &n_fields);

  if (!tsu_store_begin (self, error))
    return FALSE;

  if (!is_new && !check_unchanged_since_read (self, record, error))
    goto fail;
  if (TSU_IS_MEETING (record) && !prepare_meeting (self, TSU_MEETING (record), error))
    goto fail;
  if (TSU_IS_MINUTES (record) && !is_new &&
      !check_minutes_writable (self, TSU_MINUTES (record), error))
    goto fail;

  stmt = tsu_database_prepare (self->database,
                               sql_for (self, G_OBJECT_TYPE (record), is_new ? "insert" : "update"),
                               error);
  if (stmt == NULL)
    goto fail;
  bind_fields (record, stmt, 1);
  if (!is_new)
    sqlite3_bind_int64 (stmt, n_fields + 1, tsu_record_get_id (record));
  if (!step_done (self, stmt, error))
    goto fail;

  if (is_new)
    tsu_record_set_id (record, sqlite3_last_insert_rowid (handle (self)));
  else if (sqlite3_changes (handle (self)) == 0)
    {
      g_set_error (error, TSU_DATABASE_ERROR, TSU_DATABASE_ERROR_NOT_FOUND,
                   _("The record was deleted in the meantime."));
      goto fail;
    }

  /* A new meeting without a rule keeps the empty series end it was inserted with: no
   * second statement for each of the thousands of meetings an import writes. */
  if (TSU_IS_MEETING (record) &&
      !(is_new && tsu_meeting_get_rrule (TSU_MEETING (record)) == NULL) &&
      !update_series_end (self, TSU_MEETING (record), error))
    goto fail;
  if (!write_audit (self, self->audit_action != NULL ? self->audit_action : is_new ? "insert" : "update",
                    record, self->audit ? audit_case_of (self, record) : 0, error))
    goto fail;
  if (!tsu_store_commit (self, error))
    goto undo_id;

  /* What was written is what the row now holds: remember it to tell a later change
   * by another program from one of ours. */
  remember_fingerprint (record);
  if (!is_new)
    g_hash_table_insert (self->written, row_key (record),
                         g_object_get_qdata (G_OBJECT (record), fingerprint_quark ()));

  emit_changed (self, record);
  return TRUE;

fail:
  tsu_store_rollback (self);
undo_id:
  if (is_new)
    tsu_record_set_id (record, 0);
  return FALSE;
}

/**
 * tsu_store_delete:
 * @self: a store
 * @record: a saved record
 * @error: return location for a #TsuDatabaseError
 *
 * Deletes @record; rows that belong to it go with it (a case's team, consent and
 * consultations; a meeting's participants, agenda and minutes). The record's id is
 * reset to 0.
 */
gboolean
tsu_store_delete (TsuStore   *self,
                  TsuRecord  *record,
                  GError    **error)
{
  sqlite3_stmt *stmt;
  gint64 case_id = 0;

  g_return_val_if_fail (TSU_IS_STORE (self), FALSE);
  g_return_val_if_fail (TSU_IS_RECORD (record), FALSE);

  if (tsu_record_get_id (record) == 0)
    return TRUE;

  if (!tsu_store_begin (self, error))
    return FALSE;

  /* The case of the row as stored, not of a copy that may lack it. */
  if (self->audit)
    {
      g_autoptr(TsuRecord) stored = tsu_store_load (self, G_OBJECT_TYPE (record),
                                                     tsu_record_get_id (record), NULL);

      case_id = audit_case_of (self, stored != NULL ? stored : record);
    }

  stmt = tsu_database_prepare (self->database, sql_for (self, G_OBJECT_TYPE (record), "delete"),
                               error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, tsu_record_get_id (record));
  if (!step_done (self, stmt, error))
    goto fail;
  if (!write_audit (self, "delete", record, case_id, error))
    goto fail;
  if (!tsu_store_commit (self, error))
    return FALSE;

  tsu_record_set_id (record, 0);
  emit_changed (self, record);
  return TRUE;

fail:
  tsu_store_rollback (self);
  return FALSE;
}

/**
 * tsu_store_load:
 * @self: a store
 * @type: a #TsuRecord subtype
 * @id: the row id
 * @error: set to %TSU_DATABASE_ERROR_NOT_FOUND when there is no such row
 *
 * Returns: (transfer full) (nullable): the record
 */
gpointer
tsu_store_load (TsuStore  *self,
                GType      type,
                gint64     id,
                GError   **error)
{
  g_autofree char *sql = NULL;
  g_autoptr(GListModel) rows = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TSU_IS_STORE (self), NULL);
  g_return_val_if_fail (g_type_is_a (type, TSU_TYPE_RECORD), NULL);

  sql = g_strdup_printf ("%s WHERE id = ?", sql_for (self, type, "select"));
  stmt = tsu_database_prepare (self->database, sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rows = collect (self, type, stmt, error);
  if (rows == NULL)
    return NULL;
  if (g_list_model_get_n_items (rows) == 0)
    {
      g_set_error (error, TSU_DATABASE_ERROR, TSU_DATABASE_ERROR_NOT_FOUND,
                   _("No such record (it may have been deleted)."));
      return NULL;
    }
  return g_list_model_get_item (rows, 0);
}

static char *
order_clause (GType       type,
              const char *order_by)
{
  g_autofree char *column = NULL;
  gboolean descending = FALSE;

  if (order_by == NULL)
    return g_strdup ("id");

  descending = g_str_has_suffix (order_by, " DESC");
  column = descending ? g_strndup (order_by, strlen (order_by) - 5) : g_strdup (order_by);
  g_return_val_if_fail (is_column_of (type, column), g_strdup ("id"));

  return g_strdup_printf ("%s%s, id", column, descending ? " DESC" : "");
}

/**
 * tsu_store_list:
 * @self: a store
 * @type: a #TsuRecord subtype
 * @order_by: (nullable): a column of @type, optionally followed by " DESC"
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): every record of @type
 */
GListModel *
tsu_store_list (TsuStore    *self,
                GType        type,
                const char  *order_by,
                GError     **error)
{
  g_autofree char *order = NULL;
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TSU_IS_STORE (self), NULL);
  g_return_val_if_fail (g_type_is_a (type, TSU_TYPE_RECORD), NULL);

  order = order_clause (type, order_by);
  sql = g_strdup_printf ("%s ORDER BY %s", sql_for (self, type, "select"), order);
  stmt = tsu_database_prepare (self->database, sql, error);
  if (stmt == NULL)
    return NULL;
  return collect (self, type, stmt, error);
}

/**
 * tsu_store_list_by:
 * @self: a store
 * @type: a #TsuRecord subtype
 * @column: a column of @type, typically the parent's id (e.g. "case_id")
 * @value: the value @column must have
 * @order_by: (nullable): a column of @type, optionally followed by " DESC"
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the matching records
 */
GListModel *
tsu_store_list_by (TsuStore    *self,
                   GType        type,
                   const char  *column,
                   gint64       value,
                   const char  *order_by,
                   GError     **error)
{
  g_autofree char *order = NULL;
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TSU_IS_STORE (self), NULL);
  g_return_val_if_fail (g_type_is_a (type, TSU_TYPE_RECORD), NULL);
  g_return_val_if_fail (is_column_of (type, column), NULL);

  order = order_clause (type, order_by);
  sql = g_strdup_printf ("%s WHERE %s = ? ORDER BY %s", sql_for (self, type, "select"), column,
                         order);
  stmt = tsu_database_prepare (self->database, sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, value);
  return collect (self, type, stmt, error);
}

/**
 * tsu_store_count:
 *
 * Returns: the number of records of @type, or -1 when the database cannot be read
 */
gint64
tsu_store_count (TsuStore *self,
                 GType     type)
{
  g_autoptr(GTypeClass) klass = NULL;
  g_autofree char *sql = NULL;
  const char *table;
  sqlite3_stmt *stmt;
  gint64 count = -1;

  g_return_val_if_fail (TSU_IS_STORE (self), -1);
  g_return_val_if_fail (g_type_is_a (type, TSU_TYPE_RECORD), -1);

  klass = g_type_class_ref (type);
  tsu_record_class_get_fields (TSU_RECORD_CLASS (klass), &table, NULL);
  sql = g_strdup_printf ("SELECT count(*) FROM %s", table);
  stmt = tsu_database_prepare (self->database, sql, NULL);
  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  if (stmt != NULL)
    sqlite3_reset (stmt);
  return count;
}

static gpointer
find_one (TsuStore    *self,
          GType        type,
          const char  *where,
          const char  *text,
          GError     **error)
{
  g_autofree char *sql = g_strdup_printf ("%s WHERE %s", sql_for (self, type, "select"), where);
  g_autoptr(GListModel) rows = NULL;
  sqlite3_stmt *stmt;

  stmt = tsu_database_prepare (self->database, sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, text, -1, SQLITE_STATIC);
  rows = collect (self, type, stmt, error);
  if (rows == NULL || g_list_model_get_n_items (rows) == 0)
    return NULL;
  return g_list_model_get_item (rows, 0);
}

/**
 * tsu_store_find_meeting_by_uid:
 *
 * Returns: (transfer full) (nullable): the meeting or series master with this
 *   iCalendar UID, or %NULL when there is none (no error) or on failure
 */
gpointer
tsu_store_find_meeting_by_uid (TsuStore    *self,
                               const char  *uid,
                               GError     **error)
{
  g_return_val_if_fail (TSU_IS_STORE (self), NULL);
  g_return_val_if_fail (uid != NULL, NULL);

  return find_one (self, TSU_TYPE_MEETING, "uid = ? AND series_id IS NULL", uid, error);
}

/**
 * tsu_store_find_case_by_code:
 *
 * Returns: (transfer full) (nullable): the case with this code, or %NULL
 */
gpointer
tsu_store_find_case_by_code (TsuStore    *self,
                             const char  *code,
                             GError     **error)
{
  g_return_val_if_fail (TSU_IS_STORE (self), NULL);
  g_return_val_if_fail (code != NULL, NULL);

  return find_one (self, TSU_TYPE_CASE, "code = ?", code, error);
}

/* An occurrence with its sort key at hand: sorting a few thousand calls the
 * comparison some tens of thousands of times. */
typedef struct {
  gint64         starts_at;
  const char    *title;
  TsuOccurrence *occurrence;
} SortedOccurrence;

static int
compare_occurrences (gconstpointer a,
                     gconstpointer b)
{
  const SortedOccurrence *oa = a;
  const SortedOccurrence *ob = b;

  if (oa->starts_at != ob->starts_at)
    return oa->starts_at < ob->starts_at ? -1 : 1;
  return g_strcmp0 (oa->title, ob->title);
}

/* An overridden occurrence: the series and the original start it replaces. */
typedef struct {
  gint64 series_id;
  gint64 recurrence_id;
} Override;

static guint
override_hash (gconstpointer key)
{
  const Override *o = key;

  return g_int64_hash (&o->series_id) * 31 + g_int64_hash (&o->recurrence_id);
}

static gboolean
override_equal (gconstpointer a,
                gconstpointer b)
{
  const Override *oa = a;
  const Override *ob = b;

  return oa->series_id == ob->series_id && oa->recurrence_id == ob->recurrence_id;
}

/* The overridden occurrences of every series that recurs in the range whose original
 * start lies in [@from, @to): one query for all of them rather than one a series. */
static GHashTable *
overridden_occurrences (TsuStore    *self,
                        gint64       from,
                        gint64       to,
                        GError     **error)
{
  g_autoptr(GHashTable) overrides = g_hash_table_new_full (override_hash, override_equal, g_free, NULL);
  sqlite3_stmt *stmt;
  int rc;

  stmt = tsu_database_prepare (self->database,
                               "SELECT o.series_id, o.recurrence_id FROM meeting AS s "
                               "JOIN meeting AS o ON o.series_id = s.id "
                               "WHERE s.rrule IS NOT NULL AND s.starts_at < ?2 "
                               "AND (s.recurs_until IS NULL OR s.recurs_until > ?3) "
                               "AND o.series_id IS NOT NULL "
                               "AND o.recurrence_id >= ?1 AND o.recurrence_id < ?2", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, from);
  sqlite3_bind_int64 (stmt, 2, to);
  sqlite3_bind_int64 (stmt, 3, from);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Override *o = g_new (Override, 1);

      o->series_id = sqlite3_column_int64 (stmt, 0);
      o->recurrence_id = sqlite3_column_int64 (stmt, 1);
      g_hash_table_add (overrides, o);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      tsu_database_set_error (self->database, rc, error);
      return NULL;
    }
  return g_steal_pointer (&overrides);
}

/* A recurring series as read, kept by the store: never handed out, so that nobody
 * changes it; its occurrences get a copy. */
typedef struct {
  TsuMeeting *meeting;
  gint64      recurs_until;   /* G_MAXINT64 for a series without an end */
} CachedSeries;

static void
cached_series_clear (gpointer data)
{
  CachedSeries *series = data;

  g_clear_object (&series->meeting);
}

/* A copy of a record as read, with the fingerprint it was read with. */
static TsuRecord *
copy_read_record (TsuRecord *record)
{
  TsuRecord *copy = g_object_new (G_OBJECT_TYPE (record), NULL);
  const TsuField *fields;
  guint n_fields;

  fields = tsu_record_get_fields (record, &n_fields);
  tsu_record_set_id (copy, tsu_record_get_id (record));
  for (guint i = 0; i < n_fields; i++)
    {
      if (fields[i].kind == TSU_FIELD_TEXT)
        tsu_record_load_value (copy, i, tsu_record_get_text (record, i), 0);
      else
        tsu_record_load_value (copy, i, NULL, tsu_record_get_int (record, i));
    }
  g_object_set_qdata (G_OBJECT (copy), fingerprint_quark (),
                      g_object_get_qdata (G_OBJECT (record), fingerprint_quark ()));
  return copy;
}

/* Every recurring series, by start. A few hundred that every range query needs, each
 * on a page of its own: read once and kept while the file is unchanged, that is while
 * this connection wrote nothing (sqlite3_total_changes64() counts every row it
 * changed, whoever asked) and no other one committed (PRAGMA data_version). Inside a
 * transaction they are read afresh and not kept, since a rollback undoes changes
 * without a trace in either count. */
static GArray *
recurring_series (TsuStore  *self,
                  GError   **error)
{
  g_autoptr(GArray) series = g_array_new (FALSE, FALSE, sizeof (CachedSeries));
  g_autofree char *sql = NULL;
  const char *select;
  const char *from;
  sqlite3_stmt *stmt;
  gboolean keep = sqlite3_get_autocommit (handle (self)) != 0;
  gint64 version = -1;
  gint64 changes = sqlite3_total_changes64 (handle (self));
  int rc;

  if (keep)
    {
      stmt = tsu_database_prepare (self->database, "PRAGMA data_version", error);
      if (stmt == NULL)
        return NULL;
      if (sqlite3_step (stmt) == SQLITE_ROW)
        version = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
      keep = version != -1;
    }
  if (keep && self->series != NULL && self->series_version == version && self->series_changes == changes)
    return g_array_ref (self->series);

  g_array_set_clear_func (series, cached_series_clear);
  select = sql_for (self, TSU_TYPE_MEETING, "select");
  from = strstr (select, " FROM ");
  sql = g_strdup_printf ("%.*s, recurs_until%s WHERE rrule IS NOT NULL "
                         "ORDER BY starts_at, recurs_until, id",
                         (int) (from - select), select, from);
  stmt = tsu_database_prepare (self->database, sql, error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      guint until_column = sqlite3_column_count (stmt) - 1;
      CachedSeries one = {
        TSU_MEETING (record_from_row (TSU_TYPE_MEETING, stmt)),
        sqlite3_column_type (stmt, until_column) == SQLITE_NULL ? G_MAXINT64
                                                                 : sqlite3_column_int64 (stmt, until_column),
      };

      g_array_append_val (series, one);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      tsu_database_set_error (self->database, rc, error);
      return NULL;
    }

  g_clear_pointer (&self->series, g_array_unref);
  if (keep)
    {
      self->series = g_array_ref (series);
      self->series_version = version;
      self->series_changes = changes;
    }
  return g_steal_pointer (&series);
}

static gboolean
expand_series (TsuStore    *self,
               TsuMeeting  *series,
               gint64       from,
               gint64       to,
               GHashTable  *overrides,
               GPtrArray   *out,
               GError     **error)
{
  g_autoptr(TsuMeeting) copy = NULL;
  g_autoptr(GArray) starts = NULL;
  gint64 duration = tsu_meeting_get_ends_at (series) - tsu_meeting_get_starts_at (series);
  Override key = { tsu_record_get_id (TSU_RECORD (series)), 0 };
  TsuRecurrence r = {
    .rrule = tsu_meeting_get_rrule (series),
    .dtstart = tsu_meeting_get_starts_at (series),
    .duration = duration,
    .tzid = tsu_meeting_get_tzid (series),
    .all_day = tsu_meeting_get_all_day (series),
    .exdates = tsu_meeting_get_exdates (series),
  };

  starts = tsu_recurrence_expand (&r, from, to, error);
  if (starts == NULL)
    return FALSE;

  for (guint i = 0; i < starts->len; i++)
    {
      gint64 start = g_array_index (starts, gint64, i);

      key.recurrence_id = start;
      if (g_hash_table_contains (overrides, &key))
        continue;
      /* One copy for all the occurrences of the series in the range, as read. */
      if (copy == NULL)
        copy = TSU_MEETING (copy_read_record (TSU_RECORD (series)));
      g_ptr_array_add (out, tsu_occurrence_new (copy, start, start + duration, start));
    }
  return TRUE;
}

/**
 * tsu_store_list_occurrences:
 * @self: a store
 * @from: start of the range, Unix seconds
 * @to: end of the range (exclusive)
 * @error: return location for an error
 *
 * Every occurrence of a meeting that overlaps the range, sorted by start: single
 * meetings, the expanded occurrences of recurring series (excluded dates left out)
 * and overridden occurrences in place of the ones they replace.
 *
 * Returns: (transfer full) (nullable): a list of #TsuOccurrence
 */
GListModel *
tsu_store_list_occurrences (TsuStore    *self,
                            gint64       from,
                            gint64       to,
                            GError     **error)
{
  g_autofree char *singles_sql = NULL;
  g_autoptr(GArray) series = NULL;
  g_autoptr(GArray) sorted = NULL;
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) overrides = NULL;
  g_autoptr(GListStore) list = g_list_store_new (TSU_TYPE_OCCURRENCE);
  sqlite3_stmt *stmt;
  gint64 longest = 0;
  int rc;

  g_return_val_if_fail (TSU_IS_STORE (self), NULL);

  /* The longest meeting bounds how early a meeting overlapping the range can start,
   * so that the start index serves the query (the expression index answers this). */
  stmt = tsu_database_prepare (self->database,
                               "SELECT coalesce (max (ends_at - starts_at), 0) FROM meeting", error);
  if (stmt == NULL)
    return NULL;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    longest = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  /* Rows become meetings and occurrences straight from the statement: a month holds
   * a few thousand, and an intermediate list store for them costs as much again. */
  singles_sql = g_strdup_printf ("%s WHERE rrule IS NULL AND starts_at >= ?1 AND starts_at < ?2 "
                                 "AND (ends_at > ?3 OR starts_at >= ?3)",
                                 sql_for (self, TSU_TYPE_MEETING, "select"));
  stmt = tsu_database_prepare (self->database, singles_sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, from - longest);
  sqlite3_bind_int64 (stmt, 2, to);
  sqlite3_bind_int64 (stmt, 3, from);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(TsuMeeting) m = TSU_MEETING (record_from_row (TSU_TYPE_MEETING, stmt));

      g_ptr_array_add (out, tsu_occurrence_new (m, tsu_meeting_get_starts_at (m),
                                                tsu_meeting_get_ends_at (m),
                                                tsu_meeting_get_recurrence_id (m)));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      tsu_database_set_error (self->database, rc, error);
      return NULL;
    }

  series = recurring_series (self, error);
  if (series == NULL)
    return NULL;

  /* Expanded starts overlap the range, so they lie after from - longest - 1. */
  overrides = overridden_occurrences (self, from - longest - 1, to, error);
  if (overrides == NULL)
    return NULL;

  for (guint i = 0; i < series->len; i++)
    {
      const CachedSeries *one = &g_array_index (series, CachedSeries, i);
      TsuMeeting *m = one->meeting;
      g_autoptr(GError) local_error = NULL;

      /* Series that start after the range or end before it have nothing in it. */
      if (tsu_meeting_get_starts_at (m) >= to || one->recurs_until <= from)
        continue;
      /* One series with a rule libical cannot read must not hide the others. */
      if (!expand_series (self, m, from, to, overrides, out, &local_error))
        g_warning ("Cannot expand meeting %" G_GINT64_FORMAT ": %s",
                   tsu_record_get_id (TSU_RECORD (m)), local_error->message);
    }

  /* A stable sort, as g_ptr_array_sort() was: the order of equal keys is kept. */
  sorted = g_array_sized_new (FALSE, FALSE, sizeof (SortedOccurrence), out->len);
  for (guint i = 0; i < out->len; i++)
    {
      TsuOccurrence *o = g_ptr_array_index (out, i);
      SortedOccurrence item = { tsu_occurrence_get_starts_at (o), tsu_occurrence_get_title (o), o };

      g_array_append_val (sorted, item);
    }
  g_array_sort (sorted, compare_occurrences);
  for (guint i = 0; i < sorted->len; i++)
    out->pdata[i] = g_array_index (sorted, SortedOccurrence, i).occurrence;
  g_list_store_splice (list, 0, 0, out->pdata, out->len);
  return G_LIST_MODEL (g_steal_pointer (&list));
}

/**
 * tsu_store_list_open_actions:
 * @self: a store
 * @case_id: a case
 * @error: return location for an error
 *
 * The open action items of a case, those due first (so overdue ones lead), then
 * those without a due date.
 *
 * Returns: (transfer full) (nullable): a list of #TsuActionItem
 */
GListModel *
tsu_store_list_open_actions (TsuStore    *self,
                             gint64       case_id,
                             GError     **error)
{
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TSU_IS_STORE (self), NULL);

  sql = g_strdup_printf ("%s WHERE case_id = ? AND status = 'open' "
                         "ORDER BY due_on IS NULL, due_on, id",
                         sql_for (self, TSU_TYPE_ACTION_ITEM, "select"));
  stmt = tsu_database_prepare (self->database, sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, case_id);
  return collect (self, TSU_TYPE_ACTION_ITEM, stmt, error);
}

/* A new record of the same type with the same fields, not yet saved. */
static TsuRecord *
copy_record (TsuRecord *record)
{
  TsuRecord *copy = g_object_new (G_OBJECT_TYPE (record), NULL);
  const TsuField *fields;
  guint n_fields;

  fields = tsu_record_get_fields (record, &n_fields);
  for (guint i = 0; i < n_fields; i++)
    {
      if (fields[i].kind == TSU_FIELD_TEXT)
        tsu_record_set_text (copy, i, tsu_record_get_text (record, i));
      else
        tsu_record_set_int (copy, i, tsu_record_get_int (record, i));
    }
  return copy;
}

static gboolean
is_occurrence_of (TsuMeeting  *series,
                  gint64       recurrence_id,
                  GError     **error)
{
  g_autoptr(GArray) starts = NULL;
  TsuRecurrence r = {
    .rrule = tsu_meeting_get_rrule (series),
    .dtstart = tsu_meeting_get_starts_at (series),
    .duration = tsu_meeting_get_ends_at (series) - tsu_meeting_get_starts_at (series),
    .tzid = tsu_meeting_get_tzid (series),
    .all_day = tsu_meeting_get_all_day (series),
  };

  if (r.rrule == NULL)
    {
      g_set_error (error, TSU_DATABASE_ERROR, TSU_DATABASE_ERROR_INVALID,
                   _("This meeting does not repeat."));
      return FALSE;
    }
  starts = tsu_recurrence_expand (&r, recurrence_id, recurrence_id + 1, error);
  if (starts == NULL)
    return FALSE;
  for (guint i = 0; i < starts->len; i++)
    if (g_array_index (starts, gint64, i) == recurrence_id)
      return TRUE;
  g_set_error (error, TSU_DATABASE_ERROR, TSU_DATABASE_ERROR_NOT_FOUND,
               _("The series has no meeting at that time."));
  return FALSE;
}

/**
 * tsu_store_detach_occurrence:
 * @self: a store
 * @series: (type TsuMeeting): a recurring meeting
 * @recurrence_id: the original start of one of its occurrences
 * @error: return location for an error
 *
 * Gives one occurrence of a series a row of its own (an overridden occurrence, the
 * iCalendar RECURRENCE-ID), so that it can be moved, given its own agenda and
 * minutes, or cancelled alone. An occurrence that already has its row gets it back.
 *
 * Returns: (transfer full) (nullable) (type TsuMeeting): the occurrence's meeting
 */
gpointer
tsu_store_detach_occurrence (TsuStore    *self,
                             TsuRecord   *series,
                             gint64       recurrence_id,
                             GError     **error)
{
  g_autofree char *sql = NULL;
  g_autoptr(GListModel) existing = NULL;
  g_autoptr(TsuMeeting) occurrence = NULL;
  TsuMeeting *m;
  sqlite3_stmt *stmt;
  gint64 duration;

  g_return_val_if_fail (TSU_IS_STORE (self), NULL);
  g_return_val_if_fail (TSU_IS_MEETING (series), NULL);

  m = TSU_MEETING (series);
  sql = g_strdup_printf ("%s WHERE series_id = ? AND recurrence_id = ?",
                         sql_for (self, TSU_TYPE_MEETING, "select"));
  stmt = tsu_database_prepare (self->database, sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, tsu_record_get_id (series));
  sqlite3_bind_int64 (stmt, 2, recurrence_id);
  existing = collect (self, TSU_TYPE_MEETING, stmt, error);
  if (existing == NULL)
    return NULL;
  if (g_list_model_get_n_items (existing) > 0)
    return g_list_model_get_item (existing, 0);

  if (!is_occurrence_of (m, recurrence_id, error))
    return NULL;

  duration = tsu_meeting_get_ends_at (m) - tsu_meeting_get_starts_at (m);
  occurrence = TSU_MEETING (copy_record (series));
  tsu_meeting_set_rrule (occurrence, NULL);
  tsu_meeting_set_exdates (occurrence, NULL);
  tsu_meeting_set_series_id (occurrence, tsu_record_get_id (series));
  tsu_meeting_set_recurrence_id (occurrence, recurrence_id);
  tsu_meeting_set_starts_at (occurrence, recurrence_id);
  tsu_meeting_set_ends_at (occurrence, recurrence_id + duration);
  if (!tsu_store_save (self, TSU_RECORD (occurrence), error))
    return NULL;
  return g_steal_pointer (&occurrence);
}

/**
 * tsu_store_exclude_occurrence:
 * @self: a store
 * @series: (type TsuMeeting): a recurring meeting
 * @recurrence_id: the original start of the occurrence to delete
 * @error: return location for an error
 *
 * Deletes one occurrence of a series (an EXDATE), with its own row if it had one.
 */
gboolean
tsu_store_exclude_occurrence (TsuStore    *self,
                              TsuRecord   *series,
                              gint64       recurrence_id,
                              GError     **error)
{
  g_autoptr(GArray) excluded = NULL;
  g_autofree char *exdates = NULL;
  TsuMeeting *m;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TSU_IS_STORE (self), FALSE);
  g_return_val_if_fail (TSU_IS_MEETING (series), FALSE);

  m = TSU_MEETING (series);
  if (!is_occurrence_of (m, recurrence_id, error))
    return FALSE;

  excluded = tsu_recurrence_parse_exdates (tsu_meeting_get_exdates (m));
  g_array_append_val (excluded, recurrence_id);
  exdates = tsu_recurrence_format_exdates ((const gint64 *) (gconstpointer) excluded->data, excluded->len);

  if (!tsu_store_begin (self, error))
    return FALSE;
  stmt = tsu_database_prepare (self->database,
                               "DELETE FROM meeting WHERE series_id = ? AND recurrence_id = ?", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, tsu_record_get_id (series));
  sqlite3_bind_int64 (stmt, 2, recurrence_id);
  if (!step_done (self, stmt, error))
    goto fail;
  tsu_meeting_set_exdates (m, exdates);
  if (!tsu_store_save (self, series, error))
    goto fail;
  return tsu_store_commit (self, error);

fail:
  tsu_store_rollback (self);
  return FALSE;
}

/**
 * tsu_store_get_current_minutes:
 *
 * Returns: (transfer full) (nullable) (type TsuMinutes): the latest revision of the
 *   minutes of a meeting, or %NULL (without an error) when it has none yet
 */
gpointer
tsu_store_get_current_minutes (TsuStore    *self,
                               gint64       meeting_id,
                               GError     **error)
{
  g_autoptr(GListModel) revisions = NULL;
  guint n;

  g_return_val_if_fail (TSU_IS_STORE (self), NULL);

  revisions = tsu_store_list_by (self, TSU_TYPE_MINUTES, "meeting_id", meeting_id, "revision", error);
  if (revisions == NULL || (n = g_list_model_get_n_items (revisions)) == 0)
    return NULL;
  return g_list_model_get_item (revisions, n - 1);
}

/**
 * tsu_store_confirm_minutes:
 * @self: a store
 * @minutes: (type TsuMinutes): a draft
 * @confirmed_by: who confirms
 * @error: return location for an error
 *
 * Confirms a draft: from now on it is read-only.
 */
gboolean
tsu_store_confirm_minutes (TsuStore    *self,
                           TsuRecord   *minutes,
                           const char  *confirmed_by,
                           GError     **error)
{
  TsuMinutes *m;

  g_return_val_if_fail (TSU_IS_STORE (self), FALSE);
  g_return_val_if_fail (TSU_IS_MINUTES (minutes), FALSE);

  m = TSU_MINUTES (minutes);
  if (confirmed_by == NULL || *confirmed_by == '\0')
    {
      g_set_error (error, TSU_DATABASE_ERROR, TSU_DATABASE_ERROR_INVALID,
                   _("Say who confirms the minutes."));
      return FALSE;
    }
  tsu_minutes_set_state (m, "confirmed");
  tsu_minutes_set_confirmed_by (m, confirmed_by);
  tsu_minutes_set_confirmed_at (m, g_get_real_time () / G_USEC_PER_SEC);
  self->audit_action = "confirm";
  if (tsu_store_save (self, minutes, error))
    {
      self->audit_action = NULL;
      return TRUE;
    }
  self->audit_action = NULL;
  tsu_minutes_set_state (m, "draft");
  tsu_minutes_set_confirmed_by (m, NULL);
  tsu_minutes_set_confirmed_at (m, 0);
  return FALSE;
}

/**
 * tsu_store_revise_minutes:
 * @self: a store
 * @minutes: (type TsuMinutes): a confirmed revision
 * @error: return location for an error
 *
 * Starts a new draft revision from a confirmed one, with copies of its discussion and
 * decisions. The confirmed revision stays as it was, readable and comparable. Action
 * items belong to the case and are not copied.
 *
 * Returns: (transfer full) (nullable) (type TsuMinutes): the new draft
 */
gpointer
tsu_store_revise_minutes (TsuStore    *self,
                          TsuRecord   *minutes,
                          GError     **error)
{
  g_autoptr(TsuMinutes) draft = NULL;
  g_autoptr(GListModel) discussions = NULL;
  g_autoptr(GListModel) decisions = NULL;
  gint64 old_id;

  g_return_val_if_fail (TSU_IS_STORE (self), NULL);
  g_return_val_if_fail (TSU_IS_MINUTES (minutes), NULL);

  old_id = tsu_record_get_id (minutes);
  draft = TSU_MINUTES (copy_record (minutes));
  tsu_minutes_set_revision (draft, tsu_minutes_get_revision (TSU_MINUTES (minutes)) + 1);
  tsu_minutes_set_state (draft, "draft");
  tsu_minutes_set_confirmed_by (draft, NULL);
  tsu_minutes_set_confirmed_at (draft, 0);

  discussions = tsu_store_list_by (self, TSU_TYPE_DISCUSSION, "minutes_id", old_id, "position", error);
  decisions = discussions ? tsu_store_list_by (self, TSU_TYPE_DECISION, "minutes_id", old_id, "position", error)
                          : NULL;
  if (decisions == NULL || !tsu_store_begin (self, error))
    return NULL;
  if (!tsu_store_save (self, TSU_RECORD (draft), error))
    goto fail;

  for (guint list = 0; list < 2; list++)
    {
      GListModel *rows = list == 0 ? discussions : decisions;

      for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
        {
          g_autoptr(TsuRecord) row = g_list_model_get_item (rows, i);
          g_autoptr(TsuRecord) copy = copy_record (row);

          g_object_set (copy, "minutes-id", tsu_record_get_id (TSU_RECORD (draft)), NULL);
          if (!tsu_store_save (self, copy, error))
            goto fail;
        }
    }

  if (!tsu_store_commit (self, error))
    return NULL;
  return g_steal_pointer (&draft);

fail:
  tsu_store_rollback (self);
  return NULL;
}

/* The text around the first match of @needle in @text, on one line. */
static char *
make_snippet (const char *text,
              const char *needle)
{
  const guint context = 16;
  const char *hit, *start, *end;
  GString *s;

  if (text == NULL || *text == '\0')
    return g_strdup ("");

  hit = strstr (text, needle);
  end = hit != NULL ? hit + strlen (needle) : text;
  if (hit == NULL)
    hit = text;

  start = hit;
  for (guint i = 0; i < context && start > text; i++)
    start = g_utf8_find_prev_char (text, start);
  for (guint i = 0; i < context && *end != '\0'; i++)
    end = g_utf8_next_char (end);

  s = g_string_new (start > text ? "…" : "");
  g_string_append_len (s, start, end - start);
  if (*end != '\0')
    g_string_append (s, "…");
  g_strdelimit (s->str, "\n\r\t", ' ');
  return g_string_free (s, FALSE);
}

static char *
title_for (const char *title,
           const char *body)
{
  g_autofree char *line = NULL;
  const char *end;

  if (title != NULL && *title != '\0')
    return g_strdup (title);
  if (body == NULL)
    return g_strdup ("");

  /* Decisions and discussions have no title of their own: use their first words. */
  end = body;
  for (guint i = 0; i < 30 && *end != '\0' && *end != '\n'; i++)
    end = g_utf8_next_char (end);
  line = g_strndup (body, end - body);
  return *end != '\0' ? g_strconcat (line, "…", NULL) : g_steal_pointer (&line);
}

static GStrv
split_terms (const char *query)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree char *normalized = NULL;
  g_auto(GStrv) parts = NULL;
  guint n = 0;

  /* NFKC folds full-width Latin and digits and the ideographic space to plain ones. */
  normalized = g_utf8_normalize (query, -1, G_NORMALIZE_ALL_COMPOSE);
  if (normalized == NULL)
    return NULL;
  parts = g_strsplit_set (normalized, " \t\n", -1);
  for (guint i = 0; parts[i] != NULL && n < MAX_SEARCH_TERMS; i++)
    if (parts[i][0] != '\0')
      {
        g_strv_builder_add (builder, parts[i]);
        n++;
      }
  return g_strv_builder_end (builder);
}

/**
 * tsu_store_search:
 * @self: a store
 * @query: words to find; each must occur (Japanese substrings of any length match)
 * @limit: the most hits wanted
 * @error: set to %TSU_DATABASE_ERROR_INVALID for a query that is not UTF-8
 *
 * Searches cases, agencies, persons, meetings, agenda items, minutes, discussions and
 * decisions. Terms of three or more characters use the trigram index; shorter terms
 * are matched with instr() over the documents, stopping at @limit. Matches in titles
 * come first, then the newest documents.
 *
 * Returns: (transfer full) (nullable): a list of #TsuSearchHit, best first
 */
GListModel *
tsu_store_search (TsuStore    *self,
                  const char  *query,
                  guint        limit,
                  GError     **error)
{
  g_autoptr(GListStore) hits = g_list_store_new (TSU_TYPE_SEARCH_HIT);
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(GString) match = g_string_new (NULL);
  g_autoptr(GPtrArray) shorts = g_ptr_array_new ();
  g_autoptr(GPtrArray) longs = g_ptr_array_new ();
  g_autoptr(GPtrArray) title_hits = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) body_hits = g_ptr_array_new_with_free_func (g_object_unref);
  g_auto(GStrv) terms = NULL;
  sqlite3_stmt *stmt;
  const char *first_term;
  int rc, param = 1;

  g_return_val_if_fail (TSU_IS_STORE (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  if (!g_utf8_validate (query, -1, NULL))
    {
      g_set_error (error, TSU_DATABASE_ERROR, TSU_DATABASE_ERROR_INVALID,
                   _("The search text is not valid UTF-8."));
      return NULL;
    }

  terms = split_terms (query);
  if (terms == NULL || terms[0] == NULL || limit == 0)
    return G_LIST_MODEL (g_steal_pointer (&hits));
  limit = MIN (limit, MAX_SEARCH_HITS);
  first_term = terms[0];

  /* A term of three characters or more: the index (which knows trigrams, not their
   * places) gives the documents holding every trigram of it, each a quoted string so
   * that no FTS5 syntax reaches the query, and tsu_contains () keeps those holding the
   * term. */
  for (guint i = 0; terms[i] != NULL; i++)
    {
      if (g_utf8_strlen (terms[i], -1) >= 3)
        {
          for (const char *p = terms[i]; g_utf8_strlen (p, -1) >= 3; p = g_utf8_next_char (p))
            {
              const char *end = g_utf8_next_char (g_utf8_next_char (g_utf8_next_char (p)));
              g_autoptr(GString) trigram = g_string_new_len (p, end - p);

              g_string_replace (trigram, "\"", "\"\"", 0);
              g_string_append_printf (match, "%s\"%s\"", match->len ? " AND " : "", trigram->str);
            }
          g_ptr_array_add (longs, terms[i]);
        }
      else
        g_ptr_array_add (shorts, terms[i]);
    }

  if (match->len > 0)
    g_string_append (sql, "SELECT d.kind, d.ref_id, d.title, d.body "
                          "FROM search_fts JOIN search_doc d ON d.id = search_fts.rowid "
                          "WHERE search_fts MATCH ?1");
  else
    g_string_append (sql, "SELECT d.kind, d.ref_id, d.title, d.body FROM search_doc d WHERE 1");
  for (guint i = 0; i < shorts->len; i++)
    g_string_append_printf (sql, " AND (instr (lower (d.title), lower (?%u)) "
                                 "OR instr (lower (d.body), lower (?%u)))", i + 2, i + 2);
  for (guint i = 0; i < longs->len; i++)
    g_string_append_printf (sql, " AND (tsu_contains (d.title, ?%u) OR tsu_contains (d.body, ?%u))",
                            shorts->len + i + 2, shorts->len + i + 2);
  /* Newest first, and no ranking: bm25 would score every match of a common word
   * before the first hit could be returned. */
  g_string_append (sql, match->len > 0 ? " ORDER BY search_fts.rowid DESC" : " ORDER BY d.id DESC");
  g_string_append_printf (sql, " LIMIT ?%u", MAX_SEARCH_TERMS + 2);

  stmt = tsu_database_prepare (self->database, sql->str, error);
  if (stmt == NULL)
    return NULL;
  if (match->len > 0)
    sqlite3_bind_text (stmt, param, match->str, -1, SQLITE_STATIC);
  for (guint i = 0; i < shorts->len; i++)
    sqlite3_bind_text (stmt, i + 2, shorts->pdata[i], -1, SQLITE_STATIC);
  for (guint i = 0; i < longs->len; i++)
    sqlite3_bind_text (stmt, shorts->len + i + 2, longs->pdata[i], -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, MAX_SEARCH_TERMS + 2, limit);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *kind = (const char *) sqlite3_column_text (stmt, 0);
      const char *title = (const char *) sqlite3_column_text (stmt, 2);
      const char *body = (const char *) sqlite3_column_text (stmt, 3);
      g_autofree char *shown_title = title_for (title, body);
      g_autofree char *snippet = make_snippet (body, first_term);
      gboolean in_title = title != NULL && strstr (title, first_term) != NULL;

      g_ptr_array_add (in_title ? title_hits : body_hits,
                       tsu_search_hit_new (kind, sqlite3_column_int64 (stmt, 1), shown_title,
                                           snippet));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      tsu_database_set_error (self->database, rc, error);
      return NULL;
    }

  /* Matches in a title (a name, a case code) before matches in the text. */
  g_list_store_splice (hits, 0, 0, title_hits->pdata, title_hits->len);
  g_list_store_splice (hits, title_hits->len, 0, body_hits->pdata, body_hits->len);
  return G_LIST_MODEL (g_steal_pointer (&hits));
}

/* Commits of other connections: another Tsunagu, the command line, a worker thread. */

static void
emit_changed_table (TsuStore   *self,
                    const char *table)
{
  const char *interned = g_intern_string (table);

  g_signal_emit (self, signals[CHANGED], g_quark_from_string (interned), interned);
}

static gint64
query_int (TsuStore   *self,
           const char *sql)
{
  sqlite3_stmt *stmt = tsu_database_prepare (self->database, sql, NULL);
  gint64 value = -1;

  if (stmt == NULL)
    return -1;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return value;
}

/**
 * tsu_store_check_external_changes:
 * @self: a store
 *
 * Looks whether another connection committed to the file since the last look
 * (`PRAGMA data_version`) and, if so, emits #TsuStore::changed for each table that the
 * new audit lines name, or for every table when they name none. Cheap: one pragma
 * when nothing changed.
 *
 * Returns: %TRUE when another connection had committed
 */
gboolean
tsu_store_check_external_changes (TsuStore *self)
{
  g_autoptr(GPtrArray) tables = NULL;
  sqlite3_stmt *stmt;
  gint64 version;

  g_return_val_if_fail (TSU_IS_STORE (self), FALSE);

  if (self->depth > 0 || tsu_database_in_transaction (self->database))
    return FALSE;

  version = query_int (self, "PRAGMA data_version");
  if (version < 0 || version == self->data_version)
    return FALSE;
  self->data_version = version;

  tables = g_ptr_array_new_with_free_func (g_free);
  stmt = tsu_database_prepare (self->database,
                               "SELECT DISTINCT entity FROM audit_log WHERE id > ?", NULL);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, self->last_audit_id);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_ptr_array_add (tables, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      sqlite3_reset (stmt);
    }
  self->last_audit_id = MAX (self->last_audit_id,
                             query_int (self, "SELECT coalesce (max (id), 0) FROM audit_log"));

  /* Writes without audit lines (generated demo data, a restored file) say nothing of
   * what they touched. */
  if (tables->len == 0 &&
      (stmt = tsu_database_prepare (self->database,
                                    "SELECT name FROM sqlite_schema WHERE type = 'table' "
                                    "AND name NOT LIKE 'sqlite%' AND name NOT LIKE 'search%' "
                                    "ORDER BY name", NULL)) != NULL)
    {
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_ptr_array_add (tables, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      sqlite3_reset (stmt);
    }

  g_debug ("Another program changed the database; %u tables to read again", tables->len);
  for (guint i = 0; i < tables->len; i++)
    emit_changed_table (self, tables->pdata[i]);
  return TRUE;
}

static gboolean
watch_cb (gpointer user_data)
{
  tsu_store_check_external_changes (TSU_STORE (user_data));
  return G_SOURCE_CONTINUE;
}

/**
 * tsu_store_check_unchanged:
 * @self: a store
 * @record: a record read from the store
 * @error: set to %TSU_DATABASE_ERROR_CONFLICT when another program changed its row
 *
 * Whether the row of @record is still as it was read (or as this store last wrote
 * it), for a form that writes a fresh copy: saving the form over another program's
 * change would undo it silently.
 */
gboolean
tsu_store_check_unchanged (TsuStore   *self,
                           TsuRecord  *record,
                           GError    **error)
{
  g_return_val_if_fail (TSU_IS_STORE (self), FALSE);
  g_return_val_if_fail (TSU_IS_RECORD (record), FALSE);

  return tsu_record_get_id (record) == 0 || check_unchanged_since_read (self, record, error);
}

/**
 * tsu_store_watch_external_changes:
 * @self: a store
 * @watch: whether to watch
 *
 * While @watch is on, the store looks every second (on the thread-default main
 * context) for commits of other programs and emits #TsuStore::changed for what they
 * touched, so that open views show them; see tsu_store_check_external_changes().
 */
void
tsu_store_watch_external_changes (TsuStore *self,
                                  gboolean  watch)
{
  g_return_if_fail (TSU_IS_STORE (self));

  if (!watch)
    {
      g_clear_handle_id (&self->watch_source, g_source_remove);
      return;
    }
  if (self->watch_source != 0)
    return;

  self->data_version = query_int (self, "PRAGMA data_version");
  self->last_audit_id = query_int (self, "SELECT coalesce (max (id), 0) FROM audit_log");
  self->watch_source = g_timeout_add_seconds (1, watch_cb, self);
  g_source_set_name_by_id (self->watch_source, "[tsunagu] watch external changes");
}

/**
 * tsu_store_notify_saved:
 * @self: a store
 * @records: (array length=n_records): records just saved through another store of
 *   this program on the same file (the minutes' autosave writes in a thread of its own)
 * @n_records: how many
 *
 * Takes those writes as this store's own: a later update of the same rows is no
 * conflict, the watch for other programs does not report them again, and
 * #TsuStore::changed is emitted once for each table, so that open views show them.
 * Call it on the thread the store is used in, after the other store committed.
 */
void
tsu_store_notify_saved (TsuStore         *self,
                        TsuRecord * const *records,
                        guint             n_records)
{
  g_autoptr(GPtrArray) tables = g_ptr_array_new ();

  g_return_if_fail (TSU_IS_STORE (self));
  g_return_if_fail (records != NULL || n_records == 0);

  for (guint i = 0; i < n_records; i++)
    {
      gpointer fingerprint = g_object_get_qdata (G_OBJECT (records[i]), fingerprint_quark ());

      if (fingerprint != NULL)
        g_hash_table_insert (self->written, row_key (records[i]), fingerprint);
    }
  if (self->watch_source != 0 && self->depth == 0)
    self->data_version = query_int (self, "PRAGMA data_version");

  for (guint i = 0; i < n_records; i++)
    {
      if (g_ptr_array_find_with_equal_func (tables, tsu_record_get_table (records[i]),
                                            g_str_equal, NULL))
        continue;
      g_ptr_array_add (tables, (gpointer) tsu_record_get_table (records[i]));
      emit_changed (self, records[i]);
    }
}

/* Bulk inserts ----------------------------------------------------------------------------- */

/* The INSERT of a series, with the end of its last occurrence in the same statement. */
static const char *
series_insert_sql (TsuStore *self,
                   GType     type)
{
  g_autofree char *key = g_strdup_printf ("insert-series:%s", g_type_name (type));
  const char *cached = g_hash_table_lookup (self->sql, key);
  const char *insert, *values;
  GString *sql;

  if (cached != NULL)
    return cached;

  insert = sql_for (self, type, "insert");
  values = strstr (insert, ") VALUES (");
  g_assert (values != NULL);
  sql = g_string_new_len (insert, values - insert);
  g_string_append (sql, ", recurs_until");
  g_string_append (sql, values);
  g_string_truncate (sql, sql->len - 1);
  g_string_append (sql, ", ?)");

  cached = sql->str;
  g_hash_table_insert (self->sql, g_steal_pointer (&key), g_string_free (sql, FALSE));
  return cached;
}

/* Rows to an INSERT of tsu_store_bulk_insert_many(): a statement opens its table and
 * each of its indexes once, however many rows it writes. */
#define BULK_ROWS 64

/* The INSERT of tsu_store_bulk_insert_many() for @n_rows records of @type, kept: it
 * runs again and again. The database keeps the statements it prepared as long as it
 * lives, and the store holds the database. A meeting's rows have the end of their
 * last occurrence too. Every parameter is bound anew for each use. */
static sqlite3_stmt *
bulk_insert_stmt (TsuStore  *self,
                  GType      type,
                  guint      n_rows,
                  GError   **error)
{
  g_autofree char *key = g_strdup_printf ("%s×%u", g_type_name (type), n_rows);
  sqlite3_stmt *stmt = g_hash_table_lookup (self->bulk_insert, key);
  const char *one, *values;
  g_autoptr(GString) sql = NULL;

  if (stmt != NULL)
    return stmt;

  one = g_type_is_a (type, TSU_TYPE_MEETING) ? series_insert_sql (self, type)
                                             : sql_for (self, type, "insert");
  values = strstr (one, " VALUES (");
  g_assert (values != NULL);
  values += strlen (" VALUES ");
  sql = g_string_new_len (one, values - one);
  for (guint i = 0; i < n_rows; i++)
    g_string_append_printf (sql, "%s%s", i ? ", " : "", values);
  stmt = tsu_database_prepare (self->database, sql->str, error);
  if (stmt != NULL)
    g_hash_table_insert (self->bulk_insert, g_steal_pointer (&key), stmt);
  return stmt;
}

/* What tsu_store_save() checks and fills in before it inserts @record; @last_end is
 * the end of a series' last occurrence, or -1. */
static gboolean
prepare_insert (TsuStore   *self,
                TsuRecord  *record,
                gint64     *last_end,
                GError    **error)
{
  *last_end = -1;
  if (TSU_IS_MEETING (record) && tsu_meeting_get_uid (TSU_MEETING (record)) == NULL)
    {
      g_autofree char *uuid = g_uuid_string_random ();
      g_autofree char *uid = g_strdup_printf ("%s@tsunagu", uuid);

      tsu_meeting_set_uid (TSU_MEETING (record), uid);
    }
  if (!validate (record, error))
    return FALSE;

  if (TSU_IS_MEETING (record))
    {
      TsuMeeting *meeting = TSU_MEETING (record);
      const char *rrule;

      if (!prepare_meeting (self, meeting, error))
        return FALSE;
      rrule = tsu_meeting_get_rrule (meeting);
      if (rrule != NULL)
        {
          TsuRecurrence r = {
            .rrule = rrule,
            .dtstart = tsu_meeting_get_starts_at (meeting),
            .duration = tsu_meeting_get_ends_at (meeting) - tsu_meeting_get_starts_at (meeting),
            .tzid = tsu_meeting_get_tzid (meeting),
            .all_day = tsu_meeting_get_all_day (meeting),
          };

          if (!tsu_recurrence_get_last_end (&r, last_end, error))
            return FALSE;
        }
    }
  return TRUE;
}

/* Inserts @records[0 … @n) in one statement, a series with the end of its last
 * occurrence from @last_ends (-1: none); their ids follow the largest before. */
static gboolean
insert_rows (TsuStore      *self,
             TsuRecord    **records,
             const gint64  *last_ends,
             guint          n,
             GError       **error)
{
  GType type = G_OBJECT_TYPE (records[0]);
  gboolean meeting = g_type_is_a (type, TSU_TYPE_MEETING);
  sqlite3_stmt *stmt = bulk_insert_stmt (self, type, n, error);
  guint n_fields, per_row;
  gint64 last;

  if (stmt == NULL)
    return FALSE;
  tsu_record_get_fields (records[0], &n_fields);
  per_row = n_fields + (meeting ? 1 : 0);
  for (guint i = 0; i < n; i++)
    {
      bind_fields (records[i], stmt, i * per_row + 1);
      if (meeting && last_ends[i] >= 0)
        sqlite3_bind_int64 (stmt, (i + 1) * per_row, last_ends[i]);
      else if (meeting)
        sqlite3_bind_null (stmt, (i + 1) * per_row);
    }
  if (!step_done (self, stmt, error))
    return FALSE;

  /* A row without a given id gets the largest id of its table plus one (SQLite picks
   * one at random only once the largest possible id is taken), so the rows of one
   * statement have consecutive ids. */
  last = sqlite3_last_insert_rowid (handle (self));
  for (guint i = 0; i < n; i++)
    tsu_record_set_id (records[i], last - (n - 1 - i));
  return TRUE;
}

/**
 * tsu_store_bulk_insert_many:
 * @self: a store in an open transaction (tsu_store_begin())
 * @records: (array length=n_records): new records of one type (id 0)
 * @n_records: how many
 * @failed: (out) (optional): on error, the index of the record that failed
 * @error: return location for a #TsuDatabaseError
 *
 * Inserts @records as tsu_store_save() does — the same checks, UID, rule and series
 * end, ::changed — but many rows to a statement and without their audit lines: the
 * caller writes the audit lines of all it inserted with tsu_store_bulk_audit()
 * before it commits. For imports of thousands of records. On error none of
 * @records is written (those before @failed may be) and the caller rolls the
 * transaction back. Unlike a saved record, an inserted one is not remembered as
 * read: to change it later, load it again.
 *
 * Returns: %TRUE when every record was inserted; their ids are set
 */
gboolean
tsu_store_bulk_insert_many (TsuStore   *self,
                            TsuRecord **records,
                            guint       n_records,
                            guint      *failed,
                            GError    **error)
{
  g_autofree gint64 *last_ends = NULL;
  guint done = 0;

  g_return_val_if_fail (TSU_IS_STORE (self), FALSE);
  g_return_val_if_fail (records != NULL || n_records == 0, FALSE);
  g_return_val_if_fail (self->depth > 0, FALSE);

  last_ends = g_new (gint64, n_records);
  for (guint i = 0; i < n_records; i++)
    {
      g_return_val_if_fail (TSU_IS_RECORD (records[i]) && tsu_record_get_id (records[i]) == 0, FALSE);
      g_return_val_if_fail (G_OBJECT_TYPE (records[i]) == G_OBJECT_TYPE (records[0]), FALSE);
      if (!prepare_insert (self, records[i], &last_ends[i], error))
        {
          if (failed != NULL)
            *failed = i;
          return FALSE;
        }
    }

  /* Whole statements of BULK_ROWS rows, then one row at a time. A statement that
   * fails is undone by SQLite and its rows are tried one by one, so that the error
   * names its record. */
  while (done < n_records)
    {
      guint n = n_records - done >= BULK_ROWS ? BULK_ROWS : 1;
      g_autoptr(GError) local_error = NULL;

      if (!insert_rows (self, records + done, last_ends + done, n, &local_error))
        {
          /* Unless the transaction itself is lost (a full disk). */
          if (n == 1 || sqlite3_get_autocommit (handle (self)))
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              if (failed != NULL)
                *failed = done;
              return FALSE;
            }
          for (guint i = 0; i < n; i++, done++)
            if (!insert_rows (self, records + done, last_ends + done, 1, error))
              {
                if (failed != NULL)
                  *failed = done;
                return FALSE;
              }
          continue;
        }
      done += n;
    }

  for (guint i = 0; i < n_records; i++)
    emit_changed (self, records[i]);
  return TRUE;
}

/**
 * tsu_store_bulk_insert:
 * @self: a store in an open transaction (tsu_store_begin())
 * @record: a new record (id 0)
 * @error: return location for a #TsuDatabaseError
 *
 * tsu_store_bulk_insert_many() for one record.
 *
 * Returns: %TRUE when @record was inserted; its id is set
 */
gboolean
tsu_store_bulk_insert (TsuStore   *self,
                       TsuRecord  *record,
                       GError    **error)
{
  return tsu_store_bulk_insert_many (self, &record, 1, NULL, error);
}

/**
 * tsu_store_bulk_audit:
 * @self: a store in an open transaction
 * @type: the record type inserted with tsu_store_bulk_insert()
 * @after_id: the largest id of that table before the inserts
 * @error: return location for a #TsuDatabaseError
 *
 * Writes, in one statement, the "insert" audit lines of every @type row with an id
 * above @after_id: who inserted which row, and the case it concerns, as
 * tsu_store_save() writes them one by one. Nothing when the store writes no audit.
 */
gboolean
tsu_store_bulk_audit (TsuStore   *self,
                      GType       type,
                      gint64      after_id,
                      GError    **error)
{
  g_autoptr(GTypeClass) klass = NULL;
  g_autofree char *sql = NULL;
  const char *table, *case_of;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TSU_IS_STORE (self), FALSE);
  g_return_val_if_fail (g_type_is_a (type, TSU_TYPE_RECORD), FALSE);
  g_return_val_if_fail (self->depth > 0, FALSE);

  if (!self->audit)
    return TRUE;

  klass = g_type_class_ref (type);
  tsu_record_class_get_fields (TSU_RECORD_CLASS (klass), &table, NULL);
  /* The case of a line as audit_case_of() finds it. */
  if (g_type_is_a (type, TSU_TYPE_CASE))
    case_of = "r.id";
  else if (is_column_of (type, "case_id"))
    case_of = "r.case_id";
  else if (is_column_of (type, "meeting_id"))
    case_of = "(SELECT m.case_id FROM meeting AS m WHERE m.id = r.meeting_id)";
  else if (is_column_of (type, "minutes_id"))
    case_of = "(SELECT m.case_id FROM minutes AS n JOIN meeting AS m ON m.id = n.meeting_id "
              "WHERE n.id = r.minutes_id)";
  else
    case_of = "NULL";

  sql = g_strdup_printf ("INSERT INTO audit_log (at, user_name, action, entity, entity_id, case_id) "
                         "SELECT unixepoch (), ?1, 'insert', ?2, r.id, %s FROM %s AS r "
                         "WHERE r.id > ?3 ORDER BY r.id",
                         case_of, table);
  stmt = tsu_database_prepare (self->database, sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, g_get_user_name (), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, table, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, after_id);
  return step_done (self, stmt, error);
}
