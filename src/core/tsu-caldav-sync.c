/* tsu-caldav-sync.c
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tsu-caldav-sync"

#include "config.h"

#include <glib/gi18n.h>
#include <libical/ical.h>
#include <string.h>

#include "tsu-caldav-sync.h"
#include "tsu-ical-export.h"
#include "tsu-ical-import.h"
#include "tsu-ical-plan-private.h"
#include "model/tsu-meeting.h"

/* How the two sides are kept together:
 *
 * caldav_item holds, per UID (a single meeting, or a series with its overridden
 * occurrences: one resource on the server), the href and ETag last seen and a counter
 * of local changes that triggers raise. A pull brings every resource whose ETag
 * differs from the one kept; a push sends every UID whose counter is above zero and
 * takes off what it sent, so a change made while the request is under way stays
 * queued. Nothing is marked done before the server has answered, and the sync token
 * is kept only after everything it covers is in the database: a sync cut off at any
 * point repeats work at the next one but never loses it. */

#define MULTIGET_BATCH 100
#define MAX_ROUNDS     3

typedef struct {
  char     *uid;
  char     *href;
  char     *etag;
  gint64    dirty;
  gboolean  deleted;
} Item;

typedef struct {
  TsuStore           *store;
  TsuDatabase        *db;
  TsuCaldavClient    *client;
  char               *url;    /* the calendar, with a final slash */
  char               *path;   /* its path, percent-decoded */
  TsuCaldavSyncStats *stats;
  GCancellable       *cancellable;
  gboolean            again;  /* a precondition failed: pull and push once more */
} Sync;

static void
item_free (Item *item)
{
  if (item == NULL)
    return;
  g_free (item->uid);
  g_free (item->href);
  g_free (item->etag);
  g_free (item);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Item, item_free)

static void
sync_clear (Sync *s)
{
  g_free (s->url);
  g_free (s->path);
}

/* SQL helpers ---------------------------------------------------------------------- */

static void
bind_text_or_null (sqlite3_stmt *stmt,
                   int           i,
                   const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, i, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, i);
}

static gboolean
step_done (Sync          *s,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return tsu_database_set_error (s->db, rc, error);
  return TRUE;
}

static gboolean
exec_uid (Sync        *s,
          const char  *sql,
          const char  *uid,
          GError     **error)
{
  sqlite3_stmt *stmt = tsu_database_prepare (s->db, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, uid, -1, SQLITE_TRANSIENT);
  return step_done (s, stmt, error);
}

static Item *
item_from_row (sqlite3_stmt *stmt)
{
  Item *item = g_new0 (Item, 1);

  item->uid = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  item->href = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  item->etag = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  item->dirty = sqlite3_column_int64 (stmt, 3);
  item->deleted = sqlite3_column_int (stmt, 4) != 0;
  return item;
}

static Item *
item_load (Sync        *s,
           const char  *uid,
           GError     **error)
{
  sqlite3_stmt *stmt = tsu_database_prepare (s->db, "SELECT uid, href, etag, dirty, deleted "
                                                    "FROM caldav_item WHERE uid = ?", error);
  Item *item = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, uid, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    item = item_from_row (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    tsu_database_set_error (s->db, rc, error);
  return item;
}

/* The state after the server and this database agree on @uid (or, with @dirty,
 * after the server was read but local changes still wait). */
static gboolean
item_store (Sync        *s,
            const char  *uid,
            const char  *href,
            const char  *etag,
            gboolean     keep_dirty,
            GError     **error)
{
  sqlite3_stmt *stmt;

  stmt = tsu_database_prepare (s->db, "UPDATE caldav_item SET href = NULL, etag = NULL "
                                      "WHERE href = ?1 AND uid <> ?2", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, href, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, uid, -1, SQLITE_TRANSIENT);
  if (!step_done (s, stmt, error))
    return FALSE;

  stmt = tsu_database_prepare (s->db,
                               "INSERT INTO caldav_item (uid, href, etag, dirty, deleted) "
                               "VALUES (?1, ?2, ?3, 0, 0) ON CONFLICT (uid) DO UPDATE SET "
                               "href = excluded.href, etag = excluded.etag, deleted = 0, "
                               "dirty = CASE WHEN ?4 THEN max (dirty, 1) ELSE 0 END",
                               error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, uid, -1, SQLITE_TRANSIENT);
  bind_text_or_null (stmt, 2, href);
  bind_text_or_null (stmt, 3, etag);
  sqlite3_bind_int (stmt, 4, keep_dirty);
  return step_done (s, stmt, error);
}

/* The local meeting (single or series master) with @uid: its id, or 0. */
static gint64
master_id (Sync       *s,
           const char *uid)
{
  sqlite3_stmt *stmt = tsu_database_prepare (s->db, "SELECT id FROM meeting "
                                                    "WHERE uid = ? AND series_id IS NULL", NULL);
  gint64 id = 0;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, uid, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return id;
}

static gint64
query_int (Sync       *s,
           const char *sql,
           gint64      id)
{
  sqlite3_stmt *stmt = tsu_database_prepare (s->db, sql, NULL);
  gint64 value = 0;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return value;
}

/* The calendar ------------------------------------------------------------------------ */

/* A database that syncs with another calendar than before starts over: every meeting
 * is due to go, and nothing is known of the server. */
static gboolean
use_calendar (Sync     *s,
              GError  **error)
{
  sqlite3_stmt *stmt = tsu_database_prepare (s->db, "SELECT url FROM caldav_calendar WHERE id = 1", error);
  g_autofree char *current = NULL;
  sqlite3_stmt *insert;

  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    current = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (g_strcmp0 (current, s->url) == 0)
    return TRUE;

  if (!tsu_store_begin (s->store, error))
    return FALSE;
  insert = tsu_database_prepare (s->db, "INSERT INTO caldav_calendar (id, url) VALUES (1, ?)", error);
  if (!tsu_database_exec (s->db, "DELETE FROM caldav_calendar; DELETE FROM caldav_item;", error) ||
      insert == NULL)
    goto fail;
  sqlite3_bind_text (insert, 1, s->url, -1, SQLITE_TRANSIENT);
  if (!step_done (s, insert, error) ||
      !tsu_database_exec (s->db, "INSERT INTO caldav_item (uid, dirty) "
                                 "SELECT uid, 1 FROM meeting WHERE series_id IS NULL", error))
    goto fail;
  return tsu_store_commit (s->store, error);

fail:
  tsu_store_rollback (s->store);
  return FALSE;
}

static char *
copy_title (const char *title)
{
  /* TRANSLATORS: the title of a meeting kept as a copy when it was changed both here
   * and on the shared calendar; %s is its title */
  return g_strdup_printf (_("%s (conflict copy)"), title != NULL ? title : "");
}

static char *
new_uid (void)
{
  g_autofree char *uuid = g_uuid_string_random ();

  return g_strdup_printf ("%s@tsunagu", uuid);
}

/* Bringing the server's version in -------------------------------------------------------- */

/* Notes are not on the server: an update from there keeps the ones written here. */
static void
keep_local_notes (Sync        *s,
                  TsuIcalPlan *plan)
{
  GPtrArray *rows = tsu_ical_plan_get_rows (plan);

  for (guint i = 0; i < rows->len; i++)
    {
      TsuIcalPlanRow *row = rows->pdata[i];
      g_autoptr(TsuMeeting) stored = NULL;

      if (row->action != TSU_ICAL_ACTION_UPDATE || row->meeting == NULL)
        continue;
      stored = tsu_store_load (s->store, TSU_TYPE_MEETING, row->existing_id, NULL);
      if (stored != NULL)
        tsu_meeting_set_notes (row->meeting, tsu_meeting_get_notes (stored));
    }
}

static guint
count_written (TsuIcalPlan *plan)
{
  return tsu_ical_plan_get_n_added (plan) + tsu_ical_plan_get_n_updated (plan);
}

static gboolean
apply (Sync         *s,
       GBytes       *ics,
       GError      **error)
{
  g_autoptr(TsuIcalPlan) plan = tsu_ical_import_preview (s->store, ics, s->cancellable, error);

  if (plan == NULL)
    return FALSE;
  keep_local_notes (s, plan);
  return tsu_ical_import_apply (s->store, plan, s->cancellable, error);
}

/* The server's resource as a new meeting: another UID and "(conflict copy)". */
static GBytes *
as_copy (const char *ics)
{
  icalcomponent *cal = icalparser_parse_string (ics);
  g_autofree char *uid = new_uid ();
  GBytes *bytes;
  char *out;

  if (cal == NULL)
    return NULL;
  for (icalcomponent *ev = icalcomponent_get_first_component (cal, ICAL_VEVENT_COMPONENT);
       ev != NULL;
       ev = icalcomponent_get_next_component (cal, ICAL_VEVENT_COMPONENT))
    {
      g_autofree char *title = copy_title (icalcomponent_get_summary (ev));

      icalcomponent_set_uid (ev, uid);
      icalcomponent_set_summary (ev, title);
    }
  out = icalcomponent_as_ical_string_r (cal);
  icalcomponent_free (cal);
  if (out == NULL)
    return NULL;
  bytes = g_bytes_new (out, strlen (out));
  free (out);
  return bytes;
}

/* The local version of @uid becomes a new meeting (another UID, "(conflict copy)"),
 * minutes and all, so that the server's version can take the UID. */
static gboolean
keep_local_as_copy (Sync        *s,
                    gint64       master,
                    GError     **error)
{
  g_autofree char *uid = new_uid ();
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;

  stmt = tsu_database_prepare (s->db, "SELECT id FROM meeting WHERE id = ?1 OR series_id = ?1 "
                                      "ORDER BY series_id IS NOT NULL, id", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, master);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(TsuMeeting) m = tsu_store_load (s->store, TSU_TYPE_MEETING,
                                                g_array_index (ids, gint64, i), error);
      g_autofree char *title = NULL;

      if (m == NULL)
        return FALSE;
      title = copy_title (tsu_meeting_get_title (m));
      tsu_meeting_set_uid (m, uid);
      tsu_meeting_set_title (m, title);
      if (!tsu_store_save (s->store, TSU_RECORD (m), error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
same_calendar_fields (TsuMeeting *a,
                      TsuMeeting *b)
{
  static const guint text_fields[] = {
    TSU_MEETING_FIELD_KIND, TSU_MEETING_FIELD_TITLE, TSU_MEETING_FIELD_TZID,
    TSU_MEETING_FIELD_LOCATION, TSU_MEETING_FIELD_URL, TSU_MEETING_FIELD_RRULE,
    TSU_MEETING_FIELD_EXDATES,
  };
  static const guint int_fields[] = {
    TSU_MEETING_FIELD_STARTS_AT, TSU_MEETING_FIELD_ENDS_AT, TSU_MEETING_FIELD_ALL_DAY,
    TSU_MEETING_FIELD_CASE_ID, TSU_MEETING_FIELD_MUNICIPALITY_ID, TSU_MEETING_FIELD_RECURRENCE_ID,
  };

  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    if (g_strcmp0 (tsu_record_get_text (TSU_RECORD (a), text_fields[i]),
                   tsu_record_get_text (TSU_RECORD (b), text_fields[i])) != 0)
      return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (int_fields); i++)
    if (tsu_record_get_int (TSU_RECORD (a), int_fields[i]) !=
        tsu_record_get_int (TSU_RECORD (b), int_fields[i]))
      return FALSE;
  return (g_strcmp0 (tsu_meeting_get_status (a), "cancelled") == 0) ==
         (g_strcmp0 (tsu_meeting_get_status (b), "cancelled") == 0);
}

/* SEQUENCE of the stored series (or single meeting) or of one of its overrides; -1
 * when there is none. */
static gint64
stored_sequence (Sync   *s,
                 gint64  master,
                 gint64  recurrence_id)
{
  sqlite3_stmt *stmt;
  gint64 seq = -1;

  stmt = tsu_database_prepare (s->db, recurrence_id == 0
                                        ? "SELECT sequence FROM meeting WHERE id = ?1"
                                        : "SELECT sequence FROM meeting "
                                          "WHERE series_id = ?1 AND recurrence_id = ?2", NULL);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, master);
  if (recurrence_id != 0)
    sqlite3_bind_int64 (stmt, 2, recurrence_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    seq = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return seq;
}

/* Whether the server holds what this database holds for a meeting: the answer to a
 * PUT that was cut off is the case, and is no conflict. Same SEQUENCE, same calendar
 * data, same participants, nothing more on either side. */
static gboolean
is_same_version (Sync        *s,
                 TsuIcalPlan *plan,
                 gint64       master)
{
  GPtrArray *rows = tsu_ical_plan_get_rows (plan);
  gint64 n_local = query_int (s, "SELECT count(*) FROM meeting WHERE id = ?1 OR series_id = ?1", master);

  if ((gint64) rows->len != n_local)
    return FALSE;
  for (guint i = 0; i < rows->len; i++)
    {
      TsuIcalPlanRow *row = rows->pdata[i];
      g_autoptr(TsuMeeting) stored = NULL;
      gint64 n_people;

      if (row->action == TSU_ICAL_ACTION_ADD)
        return FALSE;
      if (row->action == TSU_ICAL_ACTION_SKIP)
        {
          if (stored_sequence (s, master, row->recurrence_id) != row->sequence)
            return FALSE;
          continue;
        }

      /* An update: only notes (which the server does not hold) may differ. */
      if (row->sequence != row->existing_sequence)
        return FALSE;
      stored = tsu_store_load (s->store, TSU_TYPE_MEETING, row->existing_id, NULL);
      if (stored == NULL || !same_calendar_fields (stored, row->meeting))
        return FALSE;
      n_people = query_int (s, "SELECT count(*) FROM participant WHERE meeting_id = ?1", row->existing_id);
      if ((gint64) row->participants->len != n_people)
        return FALSE;
      for (guint j = 0; j < row->participants->len; j++)
        if (tsu_record_get_id (row->participants->pdata[j]) == 0)
          return FALSE;
    }
  return TRUE;
}

static gint64
latest_stamp (TsuIcalPlan *plan)
{
  GPtrArray *rows = tsu_ical_plan_get_rows (plan);
  gint64 latest = 0;

  for (guint i = 0; i < rows->len; i++)
    latest = MAX (latest, ((TsuIcalPlanRow *) rows->pdata[i])->stamp);
  return latest;
}

static const char *
uid_of (TsuIcalPlan *plan)
{
  GPtrArray *rows = tsu_ical_plan_get_rows (plan);

  for (guint i = 0; i < rows->len; i++)
    {
      const char *uid = tsu_ical_plan_row_get_uid (rows->pdata[i]);

      if (uid != NULL && *uid != '\0')
        return uid;
    }
  return NULL;
}

/* One resource from the server, inside the caller's transaction. */
static gboolean
take_remote (Sync        *s,
             const char  *href,
             const char  *etag,
             const char  *data,
             GError     **error)
{
  g_autoptr(GBytes) ics = g_bytes_new (data, strlen (data));
  g_autoptr(TsuIcalPlan) plan = NULL;
  g_autoptr(Item) item = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *uid = NULL;
  gint64 master;

  plan = tsu_ical_import_preview (s->store, ics, s->cancellable, &local_error);
  if (plan == NULL && local_error != NULL && local_error->domain == TSU_ICAL_ERROR)
    {
      g_debug ("Resource %s cannot be read: %s", href, local_error->message);
      s->stats->unreadable++;
      return TRUE;
    }
  if (plan == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  uid = g_strdup (uid_of (plan));
  if (uid == NULL || count_written (plan) + tsu_ical_plan_get_n_skipped (plan) == 0)
    {
      s->stats->unreadable++;
      return TRUE;
    }

  item = item_load (s, uid, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  master = master_id (s, uid);

  if (item != NULL && g_strcmp0 (item->href, href) == 0 && g_strcmp0 (item->etag, etag) == 0)
    return TRUE;

  if (item != NULL && item->dirty > 0 && !item->deleted && master != 0)
    {
      gint64 local_time;

      if (is_same_version (s, plan, master))
        return item_store (s, uid, href, etag, FALSE, error);

      /* Changed on both sides: the later change keeps the meeting, the other one is
       * kept as a copy. A tie goes to the server, which others have seen already. */
      s->stats->conflicts++;
      local_time = query_int (s, "SELECT max (updated_at) FROM meeting "
                                 "WHERE id = ?1 OR series_id = ?1", master);
      if (latest_stamp (plan) >= local_time)
        {
          g_debug ("Conflict on %s: the server's version is later", uid);
          if (!keep_local_as_copy (s, master, error) || !apply (s, ics, error))
            return FALSE;
          s->stats->received++;
          return item_store (s, uid, href, etag, FALSE, error);
        }
      else
        {
          g_autoptr(GBytes) copy = as_copy (data);

          g_debug ("Conflict on %s: the local version is later", uid);
          if (copy != NULL && !apply (s, copy, error))
            return FALSE;
          s->stats->received++;
          /* The next PUT replaces what is there now. */
          return item_store (s, uid, href, etag, TRUE, error);
        }
    }

  /* Changed there only (or deleted here and changed there: the edit wins). The
   * server's version replaces this one even when its SEQUENCE is lower. */
  if (master != 0)
    {
      sqlite3_stmt *stmt = tsu_database_prepare (s->db, "UPDATE meeting SET sequence = 0 "
                                                        "WHERE id = ?1 OR series_id = ?1", error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, master);
      if (!step_done (s, stmt, error))
        return FALSE;
    }
  if (!apply (s, ics, error))
    return FALSE;
  s->stats->received++;
  return item_store (s, uid, href, etag, FALSE, error);
}

/* A resource removed from the server, inside the caller's transaction. */
static gboolean
take_removal (Sync        *s,
              const char  *href,
              GError     **error)
{
  sqlite3_stmt *stmt = tsu_database_prepare (s->db, "SELECT uid, href, etag, dirty, deleted "
                                                    "FROM caldav_item WHERE href = ?", error);
  g_autoptr(Item) item = NULL;
  gint64 master;
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, href, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    item = item_from_row (stmt);
  sqlite3_reset (stmt);
  if (item == NULL)
    return TRUE;

  master = master_id (s, item->uid);
  if (item->dirty > 0 && !item->deleted && master != 0)
    {
      /* Changed here, removed there: the edit wins and goes up as a new resource. */
      s->stats->conflicts++;
      return exec_uid (s, "UPDATE caldav_item SET href = NULL, etag = NULL WHERE uid = ?",
                       item->uid, error);
    }

  if (master != 0)
    {
      gboolean has_minutes = query_int (s, "SELECT EXISTS (SELECT 1 FROM minutes WHERE meeting_id IN "
                                           "(SELECT id FROM meeting WHERE id = ?1 OR series_id = ?1))",
                                        master);

      /* Minutes are never lost to someone else's deletion: such a meeting stays here,
       * no longer shared. */
      if (!has_minutes)
        {
          g_autoptr(TsuMeeting) m = tsu_store_load (s->store, TSU_TYPE_MEETING, master, error);

          if (m == NULL || !tsu_store_delete (s->store, TSU_RECORD (m), error))
            return FALSE;
        }
      s->stats->removed++;
    }
  return exec_uid (s, "DELETE FROM caldav_item WHERE uid = ?", item->uid, error);
}

/* Pull ---------------------------------------------------------------------------------- */

static const char propfind_state[] =
  "<?xml version=\"1.0\" encoding=\"utf-8\"?>"
  "<D:propfind xmlns:D=\"DAV:\" xmlns:CS=\"http://calendarserver.org/ns/\" "
  "xmlns:C=\"urn:ietf:params:xml:ns:caldav\">"
  "<D:prop><D:resourcetype/><CS:getctag/><D:sync-token/><D:supported-report-set/></D:prop>"
  "</D:propfind>";

static const char propfind_etags[] =
  "<?xml version=\"1.0\" encoding=\"utf-8\"?>"
  "<D:propfind xmlns:D=\"DAV:\"><D:prop><D:getetag/><D:resourcetype/></D:prop></D:propfind>";

static char *
xml_escape (const char *text)
{
  return g_markup_escape_text (text, -1);
}

static GPtrArray *
report_sync (Sync        *s,
             const char  *token,
             char       **new_token,
             guint       *status,
             GError     **error)
{
  g_autofree char *escaped = xml_escape (token);
  g_autofree char *body = g_strdup_printf (
    "<?xml version=\"1.0\" encoding=\"utf-8\"?>"
    "<D:sync-collection xmlns:D=\"DAV:\">"
    "<D:sync-token>%s</D:sync-token><D:sync-level>1</D:sync-level>"
    "<D:prop><D:getetag/></D:prop></D:sync-collection>", escaped);

  return tsu_caldav_client_multistatus (s->client, "REPORT", s->url, "0", body, status,
                                        new_token, s->cancellable, error);
}

static gboolean
is_member (Sync           *s,
           TsuCaldavEntry *e)
{
  g_autofree char *a = g_strdup (e->href);

  if (e->is_collection)
    return FALSE;
  if (g_str_has_suffix (a, "/"))
    return FALSE;
  return g_str_has_prefix (a, s->path);
}

static gboolean
fetch_and_take (Sync        *s,
                GPtrArray   *hrefs,
                GHashTable  *etags,
                GError     **error)
{
  for (guint start = 0; start < hrefs->len; start += MULTIGET_BATCH)
    {
      g_autoptr(GString) body = g_string_new ("<?xml version=\"1.0\" encoding=\"utf-8\"?>"
                                              "<C:calendar-multiget xmlns:D=\"DAV:\" "
                                              "xmlns:C=\"urn:ietf:params:xml:ns:caldav\">"
                                              "<D:prop><D:getetag/><C:calendar-data/></D:prop>");
      g_autoptr(GPtrArray) got = NULL;
      guint end = MIN (start + MULTIGET_BATCH, hrefs->len);

      for (guint i = start; i < end; i++)
        {
          g_autofree char *url = tsu_caldav_client_resolve (s->client, s->url, hrefs->pdata[i]);
          g_autofree char *path = NULL;
          g_autofree char *escaped = NULL;
          g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_ENCODED, NULL);

          path = g_strdup (uri != NULL ? g_uri_get_path (uri) : url);
          escaped = xml_escape (path);
          g_string_append_printf (body, "<D:href>%s</D:href>", escaped);
        }
      g_string_append (body, "</C:calendar-multiget>");

      got = tsu_caldav_client_multistatus (s->client, "REPORT", s->url, "1", body->str, NULL, NULL,
                                           s->cancellable, error);
      if (got == NULL)
        return FALSE;

      if (!tsu_store_begin (s->store, error))
        return FALSE;
      for (guint i = 0; i < got->len; i++)
        {
          TsuCaldavEntry *e = got->pdata[i];
          gboolean ok;

          if (e->status == 404)
            ok = take_removal (s, e->href, error);
          else if (e->calendar_data == NULL)
            continue;
          else
            ok = take_remote (s, e->href,
                              e->etag != NULL ? e->etag : g_hash_table_lookup (etags, e->href),
                              e->calendar_data, error);
          if (!ok)
            {
              tsu_store_rollback (s->store);
              return FALSE;
            }
        }
      if (!tsu_store_commit (s->store, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
save_pull_state (Sync        *s,
                 const char  *token,
                 const char  *ctag,
                 GError     **error)
{
  sqlite3_stmt *stmt = tsu_database_prepare (s->db, "UPDATE caldav_calendar SET sync_token = ?1, "
                                                    "ctag = ?2 WHERE id = 1", error);

  if (stmt == NULL)
    return FALSE;
  bind_text_or_null (stmt, 1, token);
  bind_text_or_null (stmt, 2, ctag);
  return step_done (s, stmt, error);
}

static gboolean
pull (Sync     *s,
      GError  **error)
{
  g_autoptr(GPtrArray) state = NULL;
  g_autoptr(GPtrArray) listing = NULL;
  g_autoptr(GPtrArray) changed = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) removed = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) known = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) listed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree char *old_token = NULL;
  g_autofree char *old_ctag = NULL;
  g_autofree char *new_token = NULL;
  g_autofree char *new_ctag = NULL;
  g_autofree char *old_token_kept = NULL;
  TsuCaldavEntry *calendar = NULL;
  gboolean full = TRUE;
  sqlite3_stmt *stmt;

  stmt = tsu_database_prepare (s->db, "SELECT sync_token, ctag FROM caldav_calendar WHERE id = 1", error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      old_token = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      old_ctag = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
    }
  sqlite3_reset (stmt);

  /* With a token, the changes since are one REPORT: no need to ask for the calendar's
   * state first (servers compute getctag and sync-token over the whole calendar). */
  if (old_token != NULL && *old_token != '\0')
    {
      g_autoptr(GError) local_error = NULL;
      guint status = 0;

      listing = report_sync (s, old_token, &new_token, &status, &local_error);
      if (listing == NULL && status == 0)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (listing != NULL)
        {
          full = FALSE;
          new_ctag = g_strdup (old_ctag);
        }
      else
        old_token_kept = g_strdup (old_token);
      /* Else the server forgot the token (RFC 6578 valid-sync-token): start over. */
      g_clear_pointer (&old_token, g_free);
    }

  if (listing == NULL)
    {
      state = tsu_caldav_client_multistatus (s->client, "PROPFIND", s->url, "0", propfind_state,
                                             NULL, NULL, s->cancellable, error);
      if (state == NULL)
        return FALSE;
      for (guint i = 0; i < state->len && calendar == NULL; i++)
        if (((TsuCaldavEntry *) state->pdata[i])->is_calendar)
          calendar = state->pdata[i];
      if (calendar == NULL)
        {
          g_set_error (error, TSU_CALDAV_ERROR, TSU_CALDAV_ERROR_NOT_CALDAV,
                       _("The address %s is not a calendar on the CalDAV server."), s->url);
          return FALSE;
        }
      new_ctag = g_strdup (calendar->ctag);

      if (calendar->has_sync || calendar->sync_token != NULL)
        {
          listing = report_sync (s, "", &new_token, NULL, error);
          if (listing == NULL)
            return FALSE;
        }
      else
        {
          if (old_ctag != NULL && g_strcmp0 (old_ctag, calendar->ctag) == 0)
            return TRUE;
          listing = tsu_caldav_client_multistatus (s->client, "PROPFIND", s->url, "1", propfind_etags,
                                                   NULL, NULL, s->cancellable, error);
          if (listing == NULL)
            return FALSE;
        }
    }

  stmt = tsu_database_prepare (s->db, "SELECT href, etag FROM caldav_item WHERE href IS NOT NULL", error);
  if (stmt == NULL)
    return FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_hash_table_insert (known, g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                         g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
  sqlite3_reset (stmt);

  for (guint i = 0; i < listing->len; i++)
    {
      TsuCaldavEntry *e = listing->pdata[i];

      if (!is_member (s, e))
        continue;
      if (e->status == 404)
        {
          if (g_hash_table_contains (known, e->href))
            g_ptr_array_add (removed, g_strdup (e->href));
          continue;
        }
      g_hash_table_insert (listed, g_strdup (e->href), g_strdup (e->etag));
      if (e->etag == NULL || !g_hash_table_contains (known, e->href) ||
          g_strcmp0 (g_hash_table_lookup (known, e->href), e->etag) != 0)
        g_ptr_array_add (changed, g_strdup (e->href));
    }
  if (full)
    {
      GHashTableIter iter;
      gpointer href;

      g_hash_table_iter_init (&iter, known);
      while (g_hash_table_iter_next (&iter, &href, NULL))
        if (!g_hash_table_contains (listed, href))
          g_ptr_array_add (removed, g_strdup (href));
    }

  if (!fetch_and_take (s, changed, listed, error))
    return FALSE;

  if (removed->len > 0)
    {
      if (!tsu_store_begin (s->store, error))
        return FALSE;
      for (guint i = 0; i < removed->len; i++)
        if (!take_removal (s, removed->pdata[i], error))
          {
            tsu_store_rollback (s->store);
            return FALSE;
          }
      if (!tsu_store_commit (s->store, error))
        return FALSE;
    }

  /* A sync that changed nothing writes nothing: other programs watching the file
   * (the window's store) see no commit. */
  if (g_strcmp0 (new_token, old_token_kept) == 0 && g_strcmp0 (new_ctag, old_ctag) == 0)
    return TRUE;
  return save_pull_state (s, new_token, new_ctag, error);
}

/* Push ------------------------------------------------------------------------------------ */

/* Where a new meeting goes: its UID when that is a plain file name, else a hash of it. */
static char *
href_for (Sync       *s,
          const char *uid)
{
  gboolean plain = strlen (uid) <= 200;

  for (const char *p = uid; *p != '\0' && plain; p++)
    plain = g_ascii_isalnum (*p) || strchr ("@._-", *p) != NULL;
  if (plain && uid[0] != '.')
    return g_strconcat (s->path, uid, ".ics", NULL);
  else
    {
      g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, uid, -1);

      return g_strconcat (s->path, hash, ".ics", NULL);
    }
}

static gboolean
push_one (Sync        *s,
          Item        *item,
          GBytes      *ics,
          GError     **error)
{
  g_autofree char *href = item->href != NULL ? g_strdup (item->href) : href_for (s, item->uid);
  g_autofree char *url = tsu_caldav_client_resolve (s->client, s->url, href);
  g_autofree char *etag = NULL;
  const char *headers[3] = { NULL, NULL, NULL };
  sqlite3_stmt *stmt;
  guint status;

  if (item->etag != NULL)
    {
      headers[0] = "If-Match";
      headers[1] = item->etag;
    }
  else if (item->href == NULL)
    {
      headers[0] = "If-None-Match";
      headers[1] = "*";
    }

  status = tsu_caldav_client_send (s->client, "PUT", url, headers, "text/calendar; charset=utf-8",
                                   ics, NULL, &etag, s->cancellable, error);
  if (status == 0)
    return FALSE;
  if (status == 412 || status == 409)
    {
      /* Changed on the server meanwhile (or a resource there has this UID already):
       * the next pull reads it and settles the conflict. */
      g_debug ("PUT %s: precondition failed (%u)", href, status);
      if (status == 409 && !save_pull_state (s, NULL, NULL, error))
        return FALSE;
      s->again = TRUE;
      return TRUE;
    }
  if (status / 100 != 2)
    {
      g_set_error (error, TSU_CALDAV_ERROR, TSU_CALDAV_ERROR_SERVER,
                   _("The calendar server refused a meeting (HTTP %u). It stays queued for the next sync."),
                   status);
      return FALSE;
    }

  stmt = tsu_database_prepare (s->db, "UPDATE caldav_item SET href = ?2, etag = ?3, "
                                      "dirty = max (dirty - ?4, 0) WHERE uid = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, item->uid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, href, -1, SQLITE_TRANSIENT);
  bind_text_or_null (stmt, 3, etag);
  sqlite3_bind_int64 (stmt, 4, item->dirty);
  if (!step_done (s, stmt, error))
    return FALSE;
  s->stats->sent++;
  return TRUE;
}

static gboolean
delete_one (Sync        *s,
            Item        *item,
            GError     **error)
{
  g_autofree char *url = NULL;
  const char *headers[3] = { NULL, NULL, NULL };
  guint status;

  if (item->href != NULL)
    {
      url = tsu_caldav_client_resolve (s->client, s->url, item->href);
      if (item->etag != NULL)
        {
          headers[0] = "If-Match";
          headers[1] = item->etag;
        }
      status = tsu_caldav_client_send (s->client, "DELETE", url, headers, NULL, NULL, NULL, NULL,
                                       s->cancellable, error);
      if (status == 0)
        return FALSE;
      if (status == 412)
        {
          /* Changed there since: the edit wins; the next pull brings it back. */
          s->again = TRUE;
          return exec_uid (s, "UPDATE caldav_item SET etag = NULL WHERE uid = ?", item->uid, error);
        }
      if (status / 100 != 2 && status != 404 && status != 410)
        {
          g_set_error (error, TSU_CALDAV_ERROR, TSU_CALDAV_ERROR_SERVER,
                       _("The calendar server refused to remove a meeting (HTTP %u). "
                         "It stays queued for the next sync."), status);
          return FALSE;
        }
      s->stats->deleted++;
    }
  return exec_uid (s, "DELETE FROM caldav_item WHERE uid = ?1 AND (deleted = 1 OR NOT EXISTS "
                     "(SELECT 1 FROM meeting WHERE uid = ?1 AND series_id IS NULL))", item->uid, error);
}

static gboolean
push (Sync     *s,
      GError  **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);
  g_autoptr(GPtrArray) uids = g_ptr_array_new ();
  g_autoptr(GHashTable) resources = NULL;
  sqlite3_stmt *stmt;

  stmt = tsu_database_prepare (s->db, "SELECT uid, href, etag, dirty, deleted FROM caldav_item "
                                      "WHERE dirty > 0", error);
  if (stmt == NULL)
    return FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (items, item_from_row (stmt));
  sqlite3_reset (stmt);
  if (items->len == 0)
    return TRUE;

  for (guint i = 0; i < items->len; i++)
    {
      Item *item = items->pdata[i];

      if (!item->deleted)
        g_ptr_array_add (uids, item->uid);
    }
  g_ptr_array_add (uids, NULL);
  resources = tsu_ical_export_resources (s->store, (const char * const *) uids->pdata,
                                         s->cancellable, error);
  if (resources == NULL)
    return FALSE;

  for (guint i = 0; i < items->len; i++)
    {
      Item *item = items->pdata[i];
      GBytes *ics = g_hash_table_lookup (resources, item->uid);

      if (g_cancellable_set_error_if_cancelled (s->cancellable, error))
        return FALSE;
      if (item->deleted || ics == NULL)
        {
          item->deleted = TRUE;
          if (!delete_one (s, item, error))
            return FALSE;
        }
      else if (!push_one (s, item, ics, error))
        return FALSE;
    }
  return TRUE;
}

/* Public API -------------------------------------------------------------------------------- */

gboolean
tsu_caldav_sync (TsuStore            *store,
                 TsuCaldavClient     *client,
                 const char          *calendar_url,
                 TsuCaldavSyncStats  *stats,
                 GCancellable        *cancellable,
                 GError             **error)
{
  TsuCaldavSyncStats local_stats = { 0 };
  Sync s = { 0 };
  guint first_request;
  gboolean ok = FALSE;

  g_return_val_if_fail (TSU_IS_STORE (store), FALSE);
  g_return_val_if_fail (TSU_IS_CALDAV_CLIENT (client), FALSE);
  g_return_val_if_fail (calendar_url != NULL, FALSE);

  s.store = store;
  s.db = tsu_store_get_database (store);
  s.client = client;
  s.url = g_str_has_suffix (calendar_url, "/") ? g_strdup (calendar_url)
                                               : g_strconcat (calendar_url, "/", NULL);
  s.path = tsu_caldav_client_path_of (s.url);
  s.stats = stats != NULL ? stats : &local_stats;
  s.cancellable = cancellable;
  memset (s.stats, 0, sizeof *s.stats);
  first_request = tsu_caldav_client_get_n_requests (client);

  if (!use_calendar (&s, error))
    goto out;
  for (guint round = 0; round < MAX_ROUNDS; round++)
    {
      s.again = FALSE;
      if (!pull (&s, error) || !push (&s, error))
        goto out;
      if (!s.again)
        break;
    }
  ok = TRUE;

out:
  s.stats->requests = tsu_caldav_client_get_n_requests (client) - first_request;
  sync_clear (&s);
  return ok;
}

/**
 * tsu_caldav_sync_count_pending:
 * @store: a store
 *
 * Returns: how many meetings wait to go to the server, or -1 when the database does
 *   not sync with a calendar
 */
gint64
tsu_caldav_sync_count_pending (TsuStore *store)
{
  TsuDatabase *db;
  sqlite3_stmt *stmt;
  gint64 n = -1;

  g_return_val_if_fail (TSU_IS_STORE (store), -1);

  db = tsu_store_get_database (store);
  stmt = tsu_database_prepare (db, "SELECT CASE WHEN EXISTS (SELECT 1 FROM caldav_calendar) "
                                   "THEN (SELECT count(*) FROM caldav_item WHERE dirty > 0) ELSE -1 END",
                               NULL);
  if (stmt == NULL)
    return -1;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

gboolean
tsu_caldav_sync_forget (TsuStore  *store,
                        GError   **error)
{
  g_return_val_if_fail (TSU_IS_STORE (store), FALSE);

  return tsu_database_exec (tsu_store_get_database (store),
                            "BEGIN IMMEDIATE; DELETE FROM caldav_calendar; DELETE FROM caldav_item; COMMIT;",
                            error);
}

/* Off the main thread ------------------------------------------------------------------- */

typedef struct {
  char               *database_path;
  char               *server_url;
  char               *user;
  char               *password;
  char               *calendar_url;
  TsuCaldavSyncStats  stats;
} TaskData;

static void
task_data_free (TaskData *data)
{
  g_free (data->database_path);
  g_free (data->server_url);
  g_free (data->user);
  if (data->password != NULL)
    memset (data->password, 0, strlen (data->password));
  g_free (data->password);
  g_free (data->calendar_url);
  g_free (data);
}

static void
sync_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  TaskData *data = task_data;
  g_autoptr(TsuStore) store = NULL;
  g_autoptr(TsuCaldavClient) client = NULL;
  GError *error = NULL;

  client = tsu_caldav_client_new (data->server_url, data->user, data->password, &error);
  if (client != NULL)
    store = tsu_store_open (data->database_path, &error);
  if (store == NULL ||
      !tsu_caldav_sync (store, client, data->calendar_url, &data->stats, cancellable, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
tsu_caldav_sync_async (const char          *database_path,
                       const char          *server_url,
                       const char          *user,
                       const char          *password,
                       const char          *calendar_url,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  TaskData *data = g_new0 (TaskData, 1);

  data->database_path = g_strdup (database_path);
  data->server_url = g_strdup (server_url);
  data->user = g_strdup (user);
  data->password = g_strdup (password);
  data->calendar_url = g_strdup (calendar_url);
  g_task_set_source_tag (task, tsu_caldav_sync_async);
  g_task_set_task_data (task, data, (GDestroyNotify) task_data_free);
  g_task_run_in_thread (task, sync_thread);
}

gboolean
tsu_caldav_sync_finish (GAsyncResult        *result,
                        TsuCaldavSyncStats  *stats,
                        GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  if (stats != NULL)
    *stats = ((TaskData *) g_task_get_task_data (G_TASK (result)))->stats;
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
discover_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  TaskData *data = task_data;
  g_autoptr(TsuCaldavClient) client = NULL;
  GListModel *calendars = NULL;
  GError *error = NULL;

  client = tsu_caldav_client_new (data->server_url, data->user, data->password, &error);
  if (client != NULL)
    calendars = tsu_caldav_client_discover (client, cancellable, &error);
  if (calendars == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, calendars, g_object_unref);
}

void
tsu_caldav_discover_async (const char          *server_url,
                           const char          *user,
                           const char          *password,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  TaskData *data = g_new0 (TaskData, 1);

  data->server_url = g_strdup (server_url);
  data->user = g_strdup (user);
  data->password = g_strdup (password);
  g_task_set_source_tag (task, tsu_caldav_discover_async);
  g_task_set_task_data (task, data, (GDestroyNotify) task_data_free);
  g_task_run_in_thread (task, discover_thread);
}

/**
 * tsu_caldav_discover_finish:
 *
 * Returns: (transfer full) (nullable): a #GListModel of #TsuCaldavCalendar
 */
GListModel *
tsu_caldav_discover_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
