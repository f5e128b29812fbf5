/* tsu-audit.c
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tsu-audit"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tsu-audit.h"
#include "tsu-csv.h"

/* The audit log as people read it: who (the OS user) created, changed, confirmed or
 * deleted what, and when, newest first; for one case (the case, its team, consent,
 * consultations, meetings with their participants, agenda and minutes, action items)
 * or for the whole file.
 *
 * The log holds no content (schema-v1.sql). A line's summary names what it concerns
 * by what identifies it without saying anything about the child: the case code, an
 * agency's name, a date, a revision. Free text (titles, notes, the name) never goes
 * into a summary, since a meeting's title may well hold the child's name. */

struct _TsuAuditLine
{
  GObject  parent_instance;

  gint64   id;
  gint64   at;
  char    *user_name;
  char    *action;
  char    *entity;
  gint64   entity_id;
  gint64   case_id;
  char    *detail;   /* what identifies the row; NULL once it is deleted */
  char    *summary;
};

G_DEFINE_FINAL_TYPE (TsuAuditLine, tsu_audit_line, G_TYPE_OBJECT)

typedef struct {
  const char *key;
  const char *label;     /* English, translated in the context "audit" */
  const char *japanese;  /* for the CSV file, whatever the language of the session */
} Label;

static const Label actions[] = {
  { "insert", NC_("audit", "Created"), "作成" },
  { "update", NC_("audit", "Changed"), "変更" },
  { "confirm", NC_("audit", "Confirmed"), "確定" },
  { "delete", NC_("audit", "Deleted"), "削除" },
};

static const Label entities[] = {
  { "child_case", NC_("audit", "Case"), "ケース" },
  { "team_member", NC_("audit", "Case team"), "支援チーム" },
  { "consent", NC_("audit", "Consent to share information"), "情報共有の同意" },
  { "consultation", NC_("audit", "Consultation"), "相談記録" },
  { "meeting", NC_("audit", "Meeting"), "会議" },
  { "participant", NC_("audit", "Participant"), "参加者" },
  { "agenda_item", NC_("audit", "Agenda item"), "議題" },
  { "minutes", NC_("audit", "Minutes"), "議事録" },
  { "discussion", NC_("audit", "Discussion"), "協議内容" },
  { "decision", NC_("audit", "Decision"), "決定事項" },
  { "action_item", NC_("audit", "Action item"), "役割分担" },
  { "agency", NC_("audit", "Agency"), "関係機関" },
  { "person", NC_("audit", "Person"), "人" },
};

/* What identifies a row without its free text; NULL once the row is deleted. Dates
 * are local (TZ), as everywhere in the application. */
static const char summary_sql[] =
  "SELECT a.id, a.at, a.user_name, a.action, a.entity, a.entity_id, coalesce (a.case_id, 0), "
  "  CASE a.entity "
  "    WHEN 'child_case' THEN (SELECT code FROM child_case WHERE id = a.entity_id) "
  "    WHEN 'team_member' THEN (SELECT coalesce (g.name, '') FROM team_member AS t "
  "                             LEFT JOIN agency AS g ON g.id = t.agency_id WHERE t.id = a.entity_id) "
  "    WHEN 'consent' THEN (SELECT coalesce (g.name, '') FROM consent AS c "
  "                         LEFT JOIN agency AS g ON g.id = c.agency_id WHERE c.id = a.entity_id) "
  "    WHEN 'consultation' THEN (SELECT date (occurred_at, 'unixepoch', 'localtime') "
  "                              FROM consultation WHERE id = a.entity_id) "
  "    WHEN 'meeting' THEN (SELECT date (starts_at, 'unixepoch', 'localtime') "
  "                         FROM meeting WHERE id = a.entity_id) "
  "    WHEN 'participant' THEN (SELECT date (m.starts_at, 'unixepoch', 'localtime') FROM participant AS p "
  "                             JOIN meeting AS m ON m.id = p.meeting_id WHERE p.id = a.entity_id) "
  "    WHEN 'agenda_item' THEN (SELECT date (m.starts_at, 'unixepoch', 'localtime') FROM agenda_item AS p "
  "                             JOIN meeting AS m ON m.id = p.meeting_id WHERE p.id = a.entity_id) "
  "    WHEN 'minutes' THEN (SELECT date (m.starts_at, 'unixepoch', 'localtime') || ' #' || r.revision "
  "                         FROM minutes AS r JOIN meeting AS m ON m.id = r.meeting_id "
  "                         WHERE r.id = a.entity_id) "
  "    WHEN 'discussion' THEN (SELECT date (m.starts_at, 'unixepoch', 'localtime') || ' #' || r.revision "
  "                            FROM discussion AS d JOIN minutes AS r ON r.id = d.minutes_id "
  "                            JOIN meeting AS m ON m.id = r.meeting_id WHERE d.id = a.entity_id) "
  "    WHEN 'decision' THEN (SELECT date (m.starts_at, 'unixepoch', 'localtime') || ' #' || r.revision "
  "                          FROM decision AS d JOIN minutes AS r ON r.id = d.minutes_id "
  "                          JOIN meeting AS m ON m.id = r.meeting_id WHERE d.id = a.entity_id) "
  "    WHEN 'action_item' THEN (SELECT coalesce (due_on, '') FROM action_item WHERE id = a.entity_id) "
  "    WHEN 'agency' THEN (SELECT name FROM agency WHERE id = a.entity_id) "
  "  END "
  "FROM audit_log AS a ";

static const Label *
find_label (const Label *labels,
            guint        n_labels,
            const char  *key)
{
  for (guint i = 0; i < n_labels; i++)
    if (g_strcmp0 (labels[i].key, key) == 0)
      return &labels[i];
  return NULL;
}

static void
tsu_audit_line_finalize (GObject *object)
{
  TsuAuditLine *self = TSU_AUDIT_LINE (object);

  g_free (self->user_name);
  g_free (self->action);
  g_free (self->entity);
  g_free (self->detail);
  g_free (self->summary);

  G_OBJECT_CLASS (tsu_audit_line_parent_class)->finalize (object);
}

static void
tsu_audit_line_class_init (TsuAuditLineClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tsu_audit_line_finalize;
}

static void
tsu_audit_line_init (TsuAuditLine *self)
{
}

static char *
make_summary (const char *label,
              gint64      entity_id,
              const char *detail,
              gboolean    japanese)
{
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, entity_id);

  if (detail == NULL && japanese)
    return g_strdup_printf ("%s %s（削除済み）", label, id);
  if (detail == NULL)
    /* TRANSLATORS: an audit log line about a row deleted since, e.g. "Consultation 12
     * (since deleted)"; the first %s is what it was, the second its number */
    return g_strdup_printf (_("%s %s (since deleted)"), label, id);
  return g_strdup_printf ("%s %s", label, *detail != '\0' ? detail : id);
}

gint64
tsu_audit_line_get_id (TsuAuditLine *self)
{
  g_return_val_if_fail (TSU_IS_AUDIT_LINE (self), 0);
  return self->id;
}

/**
 * tsu_audit_line_get_at:
 *
 * Returns: when, in Unix seconds
 */
gint64
tsu_audit_line_get_at (TsuAuditLine *self)
{
  g_return_val_if_fail (TSU_IS_AUDIT_LINE (self), 0);
  return self->at;
}

/**
 * tsu_audit_line_get_user_name:
 *
 * Returns: the OS user who made the change
 */
const char *
tsu_audit_line_get_user_name (TsuAuditLine *self)
{
  g_return_val_if_fail (TSU_IS_AUDIT_LINE (self), NULL);
  return self->user_name;
}

/**
 * tsu_audit_line_get_action:
 *
 * Returns: "insert", "update", "confirm" or "delete"
 */
const char *
tsu_audit_line_get_action (TsuAuditLine *self)
{
  g_return_val_if_fail (TSU_IS_AUDIT_LINE (self), NULL);
  return self->action;
}

/**
 * tsu_audit_line_get_entity:
 *
 * Returns: the table of the row, such as "meeting"
 */
const char *
tsu_audit_line_get_entity (TsuAuditLine *self)
{
  g_return_val_if_fail (TSU_IS_AUDIT_LINE (self), NULL);
  return self->entity;
}

gint64
tsu_audit_line_get_entity_id (TsuAuditLine *self)
{
  g_return_val_if_fail (TSU_IS_AUDIT_LINE (self), 0);
  return self->entity_id;
}

gint64
tsu_audit_line_get_case_id (TsuAuditLine *self)
{
  g_return_val_if_fail (TSU_IS_AUDIT_LINE (self), 0);
  return self->case_id;
}

/**
 * tsu_audit_line_get_summary:
 *
 * Returns: what the line concerns, translated, without the child's name: "Case
 *   A-0001", "Meeting 2026-05-12", "Consultation 12 (deleted)"
 */
const char *
tsu_audit_line_get_summary (TsuAuditLine *self)
{
  g_return_val_if_fail (TSU_IS_AUDIT_LINE (self), NULL);
  return self->summary;
}

/**
 * tsu_audit_action_label:
 * @action: "insert", "update", "confirm" or "delete"
 *
 * Returns: the action as a person says it, translated ("Created", …)
 */
const char *
tsu_audit_action_label (const char *action)
{
  const Label *label = find_label (actions, G_N_ELEMENTS (actions), action);

  return label != NULL ? g_dpgettext2 (GETTEXT_PACKAGE, "audit", label->label) : action;
}

/**
 * tsu_audit_entity_label:
 * @entity: a table, such as "consultation"
 *
 * Returns: what rows of @entity are, translated ("Consultation", …)
 */
const char *
tsu_audit_entity_label (const char *entity)
{
  const Label *label = find_label (entities, G_N_ELEMENTS (entities), entity);

  return label != NULL ? g_dpgettext2 (GETTEXT_PACKAGE, "audit", label->label) : entity;
}

/**
 * tsu_audit_list:
 * @store: a store
 * @case_id: the case, or 0 for every line of the file
 * @error: return location for a #TsuDatabaseError
 *
 * Returns: (transfer full) (nullable): #TsuAuditLine items, newest first
 */
GListModel *
tsu_audit_list (TsuStore     *store,
                gint64        case_id,
                GError      **error)
{
  g_autoptr(GListStore) list = g_list_store_new (TSU_TYPE_AUDIT_LINE);
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *sql = NULL;
  TsuDatabase *database;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TSU_IS_STORE (store), NULL);

  database = tsu_store_get_database (store);
  sql = g_strconcat (summary_sql, case_id != 0 ? "WHERE a.case_id = ?1 " : "",
                     "ORDER BY a.at DESC, a.id DESC", NULL);
  stmt = tsu_database_prepare (database, sql, error);
  if (stmt == NULL)
    return NULL;
  if (case_id != 0)
    sqlite3_bind_int64 (stmt, 1, case_id);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TsuAuditLine *line = g_object_new (TSU_TYPE_AUDIT_LINE, NULL);

      line->id = sqlite3_column_int64 (stmt, 0);
      line->at = sqlite3_column_int64 (stmt, 1);
      line->user_name = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      line->action = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      line->entity = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      line->entity_id = sqlite3_column_int64 (stmt, 5);
      line->case_id = sqlite3_column_int64 (stmt, 6);
      line->detail = g_strdup ((const char *) sqlite3_column_text (stmt, 7));
      line->summary = make_summary (tsu_audit_entity_label (line->entity), line->entity_id,
                                    line->detail, FALSE);
      g_ptr_array_add (batch, line);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      tsu_database_set_error (database, rc, error);
      return NULL;
    }

  g_list_store_splice (list, 0, 0, batch->pdata, batch->len);
  return G_LIST_MODEL (g_steal_pointer (&list));
}

/**
 * tsu_audit_export_csv:
 * @lines: #TsuAuditLine items, as tsu_audit_list() returns them
 *
 * Returns: (transfer full): the lines as CSV for Excel: UTF-8 with a byte order mark,
 *   CRLF, Japanese column names and words, local time
 */
GBytes *
tsu_audit_export_csv (GListModel *lines)
{
  g_autoptr(GString) out = g_string_new (TSU_CSV_BOM);
  guint n;

  g_return_val_if_fail (G_IS_LIST_MODEL (lines), NULL);

  tsu_csv_append_field (out, "日時", FALSE);
  tsu_csv_append_field (out, "ユーザー", FALSE);
  tsu_csv_append_field (out, "操作", FALSE);
  tsu_csv_append_field (out, "対象", FALSE);
  tsu_csv_append_field (out, "ID", FALSE);
  tsu_csv_append_field (out, "内容", TRUE);

  n = g_list_model_get_n_items (lines);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TsuAuditLine) line = g_list_model_get_item (lines, i);
      g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (line->at);
      g_autofree char *at = when != NULL ? g_date_time_format (when, "%Y-%m-%d %H:%M:%S") : NULL;
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, line->entity_id);
      const Label *action = find_label (actions, G_N_ELEMENTS (actions), line->action);
      const Label *entity = find_label (entities, G_N_ELEMENTS (entities), line->entity);
      const char *entity_japanese = entity != NULL ? entity->japanese : line->entity;
      g_autofree char *summary = make_summary (entity_japanese, line->entity_id, line->detail, TRUE);

      tsu_csv_append_field (out, at, FALSE);
      tsu_csv_append_field (out, line->user_name, FALSE);
      tsu_csv_append_field (out, action != NULL ? action->japanese : line->action, FALSE);
      tsu_csv_append_field (out, entity_japanese, FALSE);
      tsu_csv_append_field (out, id, FALSE);
      tsu_csv_append_field (out, summary, TRUE);
    }
  return g_string_free_to_bytes (g_steal_pointer (&out));
}
