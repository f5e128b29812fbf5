/* tsu-case-summary.c
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tsu-case-summary"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tsu-case-summary.h"
#include "tsu-recurrence.h"
#include "model/tsu-meeting.h"

/* One row of the case list: the case and what the list shows beside it — where the
 * child lives, who coordinates, when the next case conference is, how many action
 * items are open, how long ago the family was last heard from and whether the case
 * has been without a supporter for long (支援者不在の長期化).
 *
 * The whole list comes from one SQL statement with joins and subqueries, so that a
 * center's thousand cases cost one pass over the database, not one query per row.
 * Only the next occurrence of a recurring case conference needs the recurrence rule,
 * which SQL cannot expand: those few series are expanded afterwards. */

struct _TsuCaseSummary
{
  GObject  parent_instance;

  TsuCase *kase;
  char    *municipality_name;
  char    *municipality_kana;
  char    *region;
  char    *coordinator_name;
  char    *regional_coordinator_name;
  char    *coordinators;
  gint64   next_conference;
  gint64   last_contact;
  int      days_since_contact;
  guint    open_actions;
  guint    overdue_actions;
  guint    team_size;
  gboolean unsupported;
};

G_DEFINE_FINAL_TYPE (TsuCaseSummary, tsu_case_summary, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CASE,
  PROP_CODE,
  PROP_CHILD_KANA,
  PROP_STATUS,
  PROP_MUNICIPALITY_NAME,
  PROP_MUNICIPALITY_KANA,
  PROP_REGION,
  PROP_COORDINATORS,
  PROP_NEXT_CONFERENCE,
  PROP_OPEN_ACTIONS,
  PROP_OVERDUE_ACTIONS,
  PROP_TEAM_SIZE,
  PROP_DAYS_SINCE_CONTACT,
  PROP_UNSUPPORTED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The columns after those of the case, in this order. */
enum {
  COL_MUNICIPALITY_NAME,
  COL_MUNICIPALITY_KANA,
  COL_REGION,
  COL_COORDINATOR,
  COL_REGIONAL_COORDINATOR,
  COL_NEXT_CONFERENCE,
  COL_HAS_SERIES,
  COL_OPEN_ACTIONS,
  COL_OVERDUE_ACTIONS,
  COL_TEAM_SIZE,
  COL_LAST_CONTACT,
  COL_UNSUPPORTED,
  N_COLS
};

/* ?1 now (Unix seconds), ?2 today in Tokyo (YYYY-MM-DD), ?3 days without a supporter
 * that make a case flagged, ?4 one case id or 0 for all. */
static const char summary_sql_tail[] =
  ", m.name, m.kana, m.region, pc.name, pr.name, "
  "(SELECT min (starts_at) FROM meeting mt WHERE mt.case_id = c.id "
  "   AND mt.kind = 'case-conference' AND mt.status <> 'cancelled' "
  "   AND mt.rrule IS NULL AND mt.starts_at >= ?1), "
  "EXISTS (SELECT 1 FROM meeting ms WHERE ms.case_id = c.id "
  "   AND ms.kind = 'case-conference' AND ms.status <> 'cancelled' "
  "   AND ms.rrule IS NOT NULL AND (ms.recurs_until IS NULL OR ms.recurs_until > ?1)), "
  "(SELECT count (*) FROM action_item a WHERE a.case_id = c.id AND a.status = 'open'), "
  "(SELECT count (*) FROM action_item a WHERE a.case_id = c.id AND a.status = 'open' "
  "   AND a.due_on IS NOT NULL AND a.due_on < ?2), "
  "(SELECT count (*) FROM team_member t WHERE t.case_id = c.id), "
  "(SELECT max (occurred_at) FROM consultation k WHERE k.case_id = c.id), "
  "(c.status <> 'closed' AND c.regional_coordinator_id IS NULL "
  "   AND NOT EXISTS (SELECT 1 FROM team_member t WHERE t.case_id = c.id) "
  "   AND (c.opened_on IS NULL OR julianday (?2) - julianday (c.opened_on) > ?3)) "
  "FROM child_case c "
  "LEFT JOIN municipality m ON m.id = c.municipality_id "
  "LEFT JOIN person pc ON pc.id = c.coordinator_id "
  "LEFT JOIN person pr ON pr.id = c.regional_coordinator_id "
  "WHERE ?4 = 0 OR c.id = ?4 "
  "ORDER BY c.code";

static char *
dup_column (sqlite3_stmt *stmt,
            int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return text != NULL && *text != '\0' ? g_strdup (text) : NULL;
}

static char *
today_text (gint64 now)
{
  g_autoptr(GTimeZone) tokyo = g_time_zone_new_identifier ("Asia/Tokyo");
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (now);
  g_autoptr(GDateTime) local = NULL;

  if (tokyo == NULL)
    tokyo = g_time_zone_new_offset (9 * 3600);
  local = g_date_time_to_timezone (utc, tokyo);
  return g_date_time_format (local, "%Y-%m-%d");
}

static char *
build_sql (void)
{
  g_autoptr(GString) sql = g_string_new ("SELECT c.id");
  g_autoptr(GTypeClass) klass = g_type_class_ref (TSU_TYPE_CASE);
  const TsuField *fields;
  guint n_fields;

  fields = tsu_record_class_get_fields (TSU_RECORD_CLASS (klass), NULL, &n_fields);
  for (guint i = 0; i < n_fields; i++)
    g_string_append_printf (sql, ", c.%s", fields[i].name);
  g_string_append (sql, summary_sql_tail);
  return g_string_free (g_steal_pointer (&sql), FALSE);
}

static TsuCaseSummary *
summary_from_row (sqlite3_stmt *stmt,
                  gint64        now,
                  gboolean     *has_series)
{
  TsuCaseSummary *self = g_object_new (TSU_TYPE_CASE_SUMMARY, NULL);
  TsuRecord *record = TSU_RECORD (tsu_case_new ());
  const TsuField *fields;
  guint n_fields;
  int base;

  fields = tsu_record_get_fields (record, &n_fields);
  tsu_record_set_id (record, sqlite3_column_int64 (stmt, 0));
  for (guint i = 0; i < n_fields; i++)
    {
      if (fields[i].kind == TSU_FIELD_TEXT)
        tsu_record_set_text (record, i, (const char *) sqlite3_column_text (stmt, i + 1));
      else
        tsu_record_set_int (record, i, sqlite3_column_int64 (stmt, i + 1));
    }
  self->kase = TSU_CASE (record);

  base = n_fields + 1;
  self->municipality_name = dup_column (stmt, base + COL_MUNICIPALITY_NAME);
  self->municipality_kana = dup_column (stmt, base + COL_MUNICIPALITY_KANA);
  self->region = dup_column (stmt, base + COL_REGION);
  self->coordinator_name = dup_column (stmt, base + COL_COORDINATOR);
  self->regional_coordinator_name = dup_column (stmt, base + COL_REGIONAL_COORDINATOR);
  if (self->coordinator_name != NULL && self->regional_coordinator_name != NULL)
    /* Translators: the center coordinator and the regional coordinator of a case */
    self->coordinators = g_strdup_printf (_("%s, %s"), self->coordinator_name,
                                          self->regional_coordinator_name);
  else
    self->coordinators = g_strdup (self->coordinator_name != NULL
                                   ? self->coordinator_name : self->regional_coordinator_name);

  self->next_conference = sqlite3_column_int64 (stmt, base + COL_NEXT_CONFERENCE);
  *has_series = sqlite3_column_int (stmt, base + COL_HAS_SERIES) != 0;
  self->open_actions = sqlite3_column_int (stmt, base + COL_OPEN_ACTIONS);
  self->overdue_actions = sqlite3_column_int (stmt, base + COL_OVERDUE_ACTIONS);
  self->team_size = sqlite3_column_int (stmt, base + COL_TEAM_SIZE);
  if (sqlite3_column_type (stmt, base + COL_LAST_CONTACT) == SQLITE_NULL)
    {
      self->last_contact = 0;
      self->days_since_contact = -1;
    }
  else
    {
      self->last_contact = sqlite3_column_int64 (stmt, base + COL_LAST_CONTACT);
      self->days_since_contact = (int) (MAX (0, now - self->last_contact) / (24 * 3600));
    }
  self->unsupported = sqlite3_column_int (stmt, base + COL_UNSUPPORTED) != 0;

  return self;
}

/* The next occurrence of the case's recurring conferences, where it comes before the
 * next single one. */
static gboolean
add_series (TsuStore       *store,
            TsuCaseSummary *self,
            gint64          now,
            GError        **error)
{
  g_autoptr(GListModel) meetings = NULL;

  meetings = tsu_store_list_by (store, TSU_TYPE_MEETING, "case_id",
                                tsu_record_get_id (TSU_RECORD (self->kase)), NULL, error);
  if (meetings == NULL)
    return FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (meetings); i++)
    {
      g_autoptr(TsuMeeting) m = g_list_model_get_item (meetings, i);
      g_autoptr(GArray) starts = NULL;
      g_autoptr(GError) local_error = NULL;
      TsuRecurrence r = { 0 };

      if (tsu_meeting_get_rrule (m) == NULL ||
          g_strcmp0 (tsu_meeting_get_kind (m), "case-conference") != 0 ||
          g_strcmp0 (tsu_meeting_get_status (m), "cancelled") == 0)
        continue;

      r.rrule = tsu_meeting_get_rrule (m);
      r.dtstart = tsu_meeting_get_starts_at (m);
      r.duration = tsu_meeting_get_ends_at (m) - tsu_meeting_get_starts_at (m);
      r.tzid = tsu_meeting_get_tzid (m);
      r.all_day = tsu_meeting_get_all_day (m);
      r.exdates = tsu_meeting_get_exdates (m);

      /* Conferences of a case are weeks or months apart: two years is far enough. */
      starts = tsu_recurrence_expand (&r, now, now + 2 * 366 * 24 * 3600, &local_error);
      if (starts == NULL)
        {
          g_warning ("Cannot expand meeting %" G_GINT64_FORMAT ": %s",
                     tsu_record_get_id (TSU_RECORD (m)), local_error->message);
          continue;
        }
      for (guint j = 0; j < starts->len; j++)
        {
          gint64 start = g_array_index (starts, gint64, j);

          if (start < now)
            continue;
          if (self->next_conference == 0 || start < self->next_conference)
            self->next_conference = start;
          break;
        }
    }
  return TRUE;
}

static GListModel *
query (TsuStore  *store,
       gint64     case_id,
       gint64     now,
       guint      unsupported_days,
       GError   **error)
{
  static gsize sql_ready = 0;
  static char *sql = NULL;
  g_autoptr(GListStore) list = g_list_store_new (TSU_TYPE_CASE_SUMMARY);
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) with_series = g_ptr_array_new ();
  g_autofree char *today = today_text (now);
  TsuDatabase *database = tsu_store_get_database (store);
  sqlite3_stmt *stmt;
  int rc;

  if (g_once_init_enter (&sql_ready))
    {
      sql = build_sql ();
      g_once_init_leave (&sql_ready, 1);
    }

  stmt = tsu_database_prepare (database, sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, now);
  sqlite3_bind_text (stmt, 2, today, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, unsupported_days);
  sqlite3_bind_int64 (stmt, 4, case_id);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gboolean has_series = FALSE;
      TsuCaseSummary *summary = summary_from_row (stmt, now, &has_series);

      g_ptr_array_add (batch, summary);
      if (has_series)
        g_ptr_array_add (with_series, summary);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      tsu_database_set_error (database, rc, error);
      return NULL;
    }

  for (guint i = 0; i < with_series->len; i++)
    if (!add_series (store, with_series->pdata[i], now, error))
      return NULL;

  g_list_store_splice (list, 0, 0, batch->pdata, batch->len);
  return G_LIST_MODEL (g_steal_pointer (&list));
}

static void
tsu_case_summary_dispose (GObject *object)
{
  TsuCaseSummary *self = TSU_CASE_SUMMARY (object);

  g_clear_object (&self->kase);

  G_OBJECT_CLASS (tsu_case_summary_parent_class)->dispose (object);
}

static void
tsu_case_summary_finalize (GObject *object)
{
  TsuCaseSummary *self = TSU_CASE_SUMMARY (object);

  g_free (self->municipality_name);
  g_free (self->municipality_kana);
  g_free (self->region);
  g_free (self->coordinator_name);
  g_free (self->regional_coordinator_name);
  g_free (self->coordinators);

  G_OBJECT_CLASS (tsu_case_summary_parent_class)->finalize (object);
}

static void
tsu_case_summary_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  TsuCaseSummary *self = TSU_CASE_SUMMARY (object);

  switch (prop_id)
    {
    case PROP_CASE:
      g_value_set_object (value, self->kase);
      break;
    case PROP_CODE:
      g_value_set_string (value, tsu_case_summary_get_code (self));
      break;
    case PROP_CHILD_KANA:
      g_value_set_string (value, self->kase != NULL ? tsu_case_get_child_kana (self->kase) : NULL);
      break;
    case PROP_STATUS:
      g_value_set_string (value, tsu_case_summary_get_status (self));
      break;
    case PROP_MUNICIPALITY_NAME:
      g_value_set_string (value, self->municipality_name);
      break;
    case PROP_MUNICIPALITY_KANA:
      g_value_set_string (value, self->municipality_kana);
      break;
    case PROP_REGION:
      g_value_set_string (value, self->region);
      break;
    case PROP_COORDINATORS:
      g_value_set_string (value, self->coordinators);
      break;
    case PROP_NEXT_CONFERENCE:
      g_value_set_int64 (value, self->next_conference);
      break;
    case PROP_OPEN_ACTIONS:
      g_value_set_uint (value, self->open_actions);
      break;
    case PROP_OVERDUE_ACTIONS:
      g_value_set_uint (value, self->overdue_actions);
      break;
    case PROP_TEAM_SIZE:
      g_value_set_uint (value, self->team_size);
      break;
    case PROP_DAYS_SINCE_CONTACT:
      g_value_set_int (value, self->days_since_contact);
      break;
    case PROP_UNSUPPORTED:
      g_value_set_boolean (value, self->unsupported);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tsu_case_summary_class_init (TsuCaseSummaryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->dispose = tsu_case_summary_dispose;
  object_class->finalize = tsu_case_summary_finalize;
  object_class->get_property = tsu_case_summary_get_property;

  properties[PROP_CASE] = g_param_spec_object ("case", NULL, NULL, TSU_TYPE_CASE, flags);
  properties[PROP_CODE] = g_param_spec_string ("code", NULL, NULL, NULL, flags);
  properties[PROP_CHILD_KANA] = g_param_spec_string ("child-kana", NULL, NULL, NULL, flags);
  properties[PROP_STATUS] = g_param_spec_string ("status", NULL, NULL, NULL, flags);
  properties[PROP_MUNICIPALITY_NAME] =
    g_param_spec_string ("municipality-name", NULL, NULL, NULL, flags);
  properties[PROP_MUNICIPALITY_KANA] =
    g_param_spec_string ("municipality-kana", NULL, NULL, NULL, flags);
  properties[PROP_REGION] = g_param_spec_string ("region", NULL, NULL, NULL, flags);
  properties[PROP_COORDINATORS] = g_param_spec_string ("coordinators", NULL, NULL, NULL, flags);
  properties[PROP_NEXT_CONFERENCE] =
    g_param_spec_int64 ("next-conference", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_OPEN_ACTIONS] =
    g_param_spec_uint ("open-actions", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_OVERDUE_ACTIONS] =
    g_param_spec_uint ("overdue-actions", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_TEAM_SIZE] = g_param_spec_uint ("team-size", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_DAYS_SINCE_CONTACT] =
    g_param_spec_int ("days-since-contact", NULL, NULL, -1, G_MAXINT, -1, flags);
  properties[PROP_UNSUPPORTED] = g_param_spec_boolean ("unsupported", NULL, NULL, FALSE, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tsu_case_summary_init (TsuCaseSummary *self)
{
  self->days_since_contact = -1;
}

/* Public API */

/**
 * tsu_case_summary_get_case:
 *
 * Returns: (transfer none): the case
 */
TsuCase *
tsu_case_summary_get_case (TsuCaseSummary *self)
{
  g_return_val_if_fail (TSU_IS_CASE_SUMMARY (self), NULL);
  return self->kase;
}

gint64
tsu_case_summary_get_id (TsuCaseSummary *self)
{
  g_return_val_if_fail (TSU_IS_CASE_SUMMARY (self), 0);
  return self->kase != NULL ? tsu_record_get_id (TSU_RECORD (self->kase)) : 0;
}

const char *
tsu_case_summary_get_code (TsuCaseSummary *self)
{
  g_return_val_if_fail (TSU_IS_CASE_SUMMARY (self), NULL);
  return self->kase != NULL ? tsu_case_get_code (self->kase) : NULL;
}

const char *
tsu_case_summary_get_status (TsuCaseSummary *self)
{
  g_return_val_if_fail (TSU_IS_CASE_SUMMARY (self), NULL);
  return self->kase != NULL ? tsu_case_get_status (self->kase) : NULL;
}

const char *
tsu_case_summary_get_municipality_name (TsuCaseSummary *self)
{
  g_return_val_if_fail (TSU_IS_CASE_SUMMARY (self), NULL);
  return self->municipality_name;
}

const char *
tsu_case_summary_get_municipality_kana (TsuCaseSummary *self)
{
  g_return_val_if_fail (TSU_IS_CASE_SUMMARY (self), NULL);
  return self->municipality_kana;
}

const char *
tsu_case_summary_get_region (TsuCaseSummary *self)
{
  g_return_val_if_fail (TSU_IS_CASE_SUMMARY (self), NULL);
  return self->region;
}

const char *
tsu_case_summary_get_coordinator_name (TsuCaseSummary *self)
{
  g_return_val_if_fail (TSU_IS_CASE_SUMMARY (self), NULL);
  return self->coordinator_name;
}

const char *
tsu_case_summary_get_regional_coordinator_name (TsuCaseSummary *self)
{
  g_return_val_if_fail (TSU_IS_CASE_SUMMARY (self), NULL);
  return self->regional_coordinator_name;
}

/**
 * tsu_case_summary_get_coordinators:
 *
 * Returns: (nullable): the center coordinator's and the regional coordinator's names
 */
const char *
tsu_case_summary_get_coordinators (TsuCaseSummary *self)
{
  g_return_val_if_fail (TSU_IS_CASE_SUMMARY (self), NULL);
  return self->coordinators;
}

/**
 * tsu_case_summary_get_next_conference:
 *
 * Returns: the start of the next case conference of the case (Unix seconds), or 0
 */
gint64
tsu_case_summary_get_next_conference (TsuCaseSummary *self)
{
  g_return_val_if_fail (TSU_IS_CASE_SUMMARY (self), 0);
  return self->next_conference;
}

guint
tsu_case_summary_get_open_actions (TsuCaseSummary *self)
{
  g_return_val_if_fail (TSU_IS_CASE_SUMMARY (self), 0);
  return self->open_actions;
}

/**
 * tsu_case_summary_get_overdue_actions:
 *
 * Returns: how many open action items were due before today (Asia/Tokyo)
 */
guint
tsu_case_summary_get_overdue_actions (TsuCaseSummary *self)
{
  g_return_val_if_fail (TSU_IS_CASE_SUMMARY (self), 0);
  return self->overdue_actions;
}

guint
tsu_case_summary_get_team_size (TsuCaseSummary *self)
{
  g_return_val_if_fail (TSU_IS_CASE_SUMMARY (self), 0);
  return self->team_size;
}

/**
 * tsu_case_summary_get_last_contact:
 *
 * Returns: when the latest consultation took place (Unix seconds), or 0 if none
 */
gint64
tsu_case_summary_get_last_contact (TsuCaseSummary *self)
{
  g_return_val_if_fail (TSU_IS_CASE_SUMMARY (self), 0);
  return self->last_contact;
}

/**
 * tsu_case_summary_get_days_since_contact:
 *
 * Returns: whole days since the latest consultation, or -1 when there is none
 */
int
tsu_case_summary_get_days_since_contact (TsuCaseSummary *self)
{
  g_return_val_if_fail (TSU_IS_CASE_SUMMARY (self), -1);
  return self->days_since_contact;
}

/**
 * tsu_case_summary_get_unsupported:
 *
 * A case is flagged when it is not closed, nobody is on its team, no regional
 * coordinator is assigned, and it was opened more than the given number of days ago.
 *
 * Returns: whether the case has been without a supporter for long
 */
gboolean
tsu_case_summary_get_unsupported (TsuCaseSummary *self)
{
  g_return_val_if_fail (TSU_IS_CASE_SUMMARY (self), FALSE);
  return self->unsupported;
}

/**
 * tsu_case_summary_list:
 * @store: a store
 * @now: the present, Unix seconds (a parameter so that tests can fix it)
 * @unsupported_days: how many days without a supporter flag a case
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): every case as a #TsuCaseSummary, by case code
 */
GListModel *
tsu_case_summary_list (TsuStore  *store,
                       gint64     now,
                       guint      unsupported_days,
                       GError   **error)
{
  g_return_val_if_fail (TSU_IS_STORE (store), NULL);

  return query (store, 0, now, unsupported_days, error);
}

/**
 * tsu_case_summary_load:
 *
 * Returns: (transfer full) (nullable): the summary of one case
 */
TsuCaseSummary *
tsu_case_summary_load (TsuStore  *store,
                       gint64     case_id,
                       gint64     now,
                       guint      unsupported_days,
                       GError   **error)
{
  g_autoptr(GListModel) list = NULL;

  g_return_val_if_fail (TSU_IS_STORE (store), NULL);
  g_return_val_if_fail (case_id > 0, NULL);

  list = query (store, case_id, now, unsupported_days, error);
  if (list == NULL)
    return NULL;
  if (g_list_model_get_n_items (list) == 0)
    {
      g_set_error (error, TSU_DATABASE_ERROR, TSU_DATABASE_ERROR_NOT_FOUND,
                   _("No such record (it may have been deleted)."));
      return NULL;
    }
  return g_list_model_get_item (list, 0);
}
