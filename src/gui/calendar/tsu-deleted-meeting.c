/* tsu-deleted-meeting.c
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tsu-deleted-meeting"

#include "config.h"

#include "tsu-deleted-meeting.h"

/* What Undo needs after a meeting was deleted: a copy, taken before the delete, of the
 * meeting row and of every row that goes with it (the occurrences of a series that
 * have their own row, participants, agenda, all revisions of the minutes with their
 * discussion and decisions), and which action items pointed at those minutes (they
 * outlive the minutes). Restoring inserts the copies again, as new rows with the same
 * content, the references between them mapped to the new ids.
 *
 * For one occurrence of a series deleted (an EXDATE), it is the recurrence-id taken
 * out again, and the occurrence's own row if it had one. */

struct _TsuDeletedMeeting
{
  GObject     parent_instance;

  TsuStore   *store;
  GPtrArray  *records;        /* TsuRecord, parents before children */
  GArray     *action_items;   /* pairs of gint64: action item id, its minutes id */
  gint64      series_id;      /* for an excluded occurrence: its series */
  gint64      recurrence_id;
  gint64      restored_id;
  gboolean    restored;
};

G_DEFINE_FINAL_TYPE (TsuDeletedMeeting, tsu_deleted_meeting, G_TYPE_OBJECT)

/* Helpers */

static gboolean
copy_list (TsuDeletedMeeting  *self,
           GType               type,
           const char         *column,
           gint64              value,
           GPtrArray          *into,
           GError            **error)
{
  g_autoptr(GListModel) list = tsu_store_list_by (self->store, type, column, value, NULL, error);

  if (list == NULL)
    return FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    g_ptr_array_add (into, g_list_model_get_item (list, i));
  return TRUE;
}

/* One meeting row and what hangs on it. */
static gboolean
copy_meeting (TsuDeletedMeeting  *self,
              TsuMeeting         *meeting,
              GError            **error)
{
  gint64 id = tsu_record_get_id (TSU_RECORD (meeting));
  g_autoptr(GPtrArray) minutes = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) overrides = g_ptr_array_new_with_free_func (g_object_unref);

  g_ptr_array_add (self->records, g_object_ref (meeting));
  if (!copy_list (self, TSU_TYPE_PARTICIPANT, "meeting_id", id, self->records, error) ||
      !copy_list (self, TSU_TYPE_AGENDA_ITEM, "meeting_id", id, self->records, error) ||
      !copy_list (self, TSU_TYPE_MINUTES, "meeting_id", id, minutes, error))
    return FALSE;

  for (guint i = 0; i < minutes->len; i++)
    {
      TsuRecord *m = g_ptr_array_index (minutes, i);
      gint64 minutes_id = tsu_record_get_id (m);
      g_autoptr(GPtrArray) actions = g_ptr_array_new_with_free_func (g_object_unref);

      g_ptr_array_add (self->records, g_object_ref (m));
      if (!copy_list (self, TSU_TYPE_DISCUSSION, "minutes_id", minutes_id, self->records, error) ||
          !copy_list (self, TSU_TYPE_DECISION, "minutes_id", minutes_id, self->records, error) ||
          !copy_list (self, TSU_TYPE_ACTION_ITEM, "minutes_id", minutes_id, actions, error))
        return FALSE;
      for (guint j = 0; j < actions->len; j++)
        {
          gint64 pair[2] = { tsu_record_get_id (g_ptr_array_index (actions, j)), minutes_id };

          g_array_append_vals (self->action_items, pair, 2);
        }
    }

  /* A series takes the occurrences that have their own row with it. */
  if (tsu_meeting_get_series_id (meeting) == 0 && tsu_meeting_get_rrule (meeting) != NULL)
    {
      if (!copy_list (self, TSU_TYPE_MEETING, "series_id", id, overrides, error))
        return FALSE;
      for (guint i = 0; i < overrides->len; i++)
        if (!copy_meeting (self, g_ptr_array_index (overrides, i), error))
          return FALSE;
    }
  return TRUE;
}

static char *
map_key (const char *table,
         gint64      id)
{
  return g_strdup_printf ("%s:%" G_GINT64_FORMAT, table, id);
}

/* The table a reference column points at. */
static const char *
referenced_table (const char *column)
{
  if (g_str_equal (column, "series_id") || g_str_equal (column, "meeting_id"))
    return "meeting";
  if (g_str_equal (column, "minutes_id"))
    return "minutes";
  if (g_str_equal (column, "agenda_item_id"))
    return "agenda_item";
  return NULL;
}

static gint64
mapped (GHashTable *ids,
        const char *table,
        gint64      id)
{
  g_autofree char *key = map_key (table, id);
  gpointer value;

  if (!g_hash_table_lookup_extended (ids, key, NULL, &value))
    return 0;
  return *(gint64 *) value;
}

/* A new row with the content of @record: the copy itself stays as it was taken, so
 * that a restore that failed can be tried again. */
static TsuRecord *
copy_record (TsuRecord *record)
{
  TsuRecord *copy = g_object_new (G_OBJECT_TYPE (record), NULL);
  guint n_fields;
  const TsuField *fields = tsu_record_get_fields (record, &n_fields);

  for (guint f = 0; f < n_fields; f++)
    if (fields[f].kind == TSU_FIELD_TEXT)
      tsu_record_set_text (copy, f, tsu_record_get_text (record, f));
    else
      tsu_record_set_int (copy, f, tsu_record_get_int (record, f));
  return copy;
}

static gboolean
insert_again (TsuDeletedMeeting  *self,
              GHashTable         *ids,
              GError            **error)
{
  for (guint i = 0; i < self->records->len; i++)
    {
      TsuRecord *record = g_ptr_array_index (self->records, i);
      g_autoptr(TsuRecord) copy = copy_record (record);
      guint n_fields;
      const TsuField *fields = tsu_record_get_fields (copy, &n_fields);
      gint64 new_id;

      for (guint f = 0; f < n_fields; f++)
        {
          const char *target = fields[f].kind == TSU_FIELD_REF ? referenced_table (fields[f].name) : NULL;
          gint64 new_ref;

          if (target == NULL || tsu_record_get_int (copy, f) == 0)
            continue;
          new_ref = mapped (ids, target, tsu_record_get_int (copy, f));
          if (new_ref != 0)
            tsu_record_set_int (copy, f, new_ref);
        }

      if (!tsu_store_save (self->store, copy, error))
        return FALSE;
      new_id = tsu_record_get_id (copy);
      g_hash_table_insert (ids, map_key (tsu_record_get_table (record), tsu_record_get_id (record)),
                           g_memdup2 (&new_id, sizeof new_id));
      if (i == 0 && self->series_id == 0)
        self->restored_id = new_id;
    }

  for (guint i = 0; i + 1 < self->action_items->len; i += 2)
    {
      gint64 action_id = g_array_index (self->action_items, gint64, i);
      gint64 minutes_id = mapped (ids, "minutes", g_array_index (self->action_items, gint64, i + 1));
      g_autoptr(TsuActionItem) item = tsu_store_load (self->store, TSU_TYPE_ACTION_ITEM, action_id, NULL);

      /* An action item deleted since is not brought back. */
      if (item == NULL || minutes_id == 0)
        continue;
      tsu_action_item_set_minutes_id (item, minutes_id);
      if (!tsu_store_save (self->store, TSU_RECORD (item), error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
include_again (TsuDeletedMeeting  *self,
               GError            **error)
{
  g_autoptr(TsuMeeting) series = tsu_store_load (self->store, TSU_TYPE_MEETING, self->series_id, error);
  g_autoptr(GArray) exdates = NULL;
  g_autoptr(GArray) kept = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *text = NULL;

  if (series == NULL)
    return FALSE;
  exdates = tsu_recurrence_parse_exdates (tsu_meeting_get_exdates (series));
  for (guint i = 0; i < exdates->len; i++)
    if (g_array_index (exdates, gint64, i) != self->recurrence_id)
      g_array_append_val (kept, g_array_index (exdates, gint64, i));
  if (kept->len > 0)
    text = tsu_recurrence_format_exdates ((const gint64 *) (gconstpointer) kept->data, kept->len);
  tsu_meeting_set_exdates (series, text);
  self->restored_id = self->series_id;
  return tsu_store_save (self->store, TSU_RECORD (series), error);
}

/* Overrides */

static void
tsu_deleted_meeting_dispose (GObject *object)
{
  TsuDeletedMeeting *self = TSU_DELETED_MEETING (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->records, g_ptr_array_unref);

  G_OBJECT_CLASS (tsu_deleted_meeting_parent_class)->dispose (object);
}

static void
tsu_deleted_meeting_finalize (GObject *object)
{
  TsuDeletedMeeting *self = TSU_DELETED_MEETING (object);

  g_clear_pointer (&self->action_items, g_array_unref);

  G_OBJECT_CLASS (tsu_deleted_meeting_parent_class)->finalize (object);
}

static void
tsu_deleted_meeting_class_init (TsuDeletedMeetingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = tsu_deleted_meeting_dispose;
  object_class->finalize = tsu_deleted_meeting_finalize;
}

static void
tsu_deleted_meeting_init (TsuDeletedMeeting *self)
{
  self->records = g_ptr_array_new_with_free_func (g_object_unref);
  self->action_items = g_array_new (FALSE, FALSE, sizeof (gint64));
}

/* Public API */

/**
 * tsu_deleted_meeting_new:
 * @store: the store
 * @meeting_id: the meeting about to be deleted (a single meeting, a series or an
 *   occurrence's own row)
 * @error: return location for an error
 *
 * Takes the copy; call it before tsu_store_delete().
 *
 * Returns: (transfer full) (nullable): the copy, or %NULL on error
 */
TsuDeletedMeeting *
tsu_deleted_meeting_new (TsuStore  *store,
                         gint64     meeting_id,
                         GError   **error)
{
  g_autoptr(TsuDeletedMeeting) self = NULL;
  g_autoptr(TsuMeeting) meeting = NULL;

  g_return_val_if_fail (TSU_IS_STORE (store), NULL);

  meeting = tsu_store_load (store, TSU_TYPE_MEETING, meeting_id, error);
  if (meeting == NULL)
    return NULL;

  self = g_object_new (TSU_TYPE_DELETED_MEETING, NULL);
  self->store = g_object_ref (store);
  if (!copy_meeting (self, meeting, error))
    return NULL;
  return g_steal_pointer (&self);
}

/**
 * tsu_deleted_meeting_new_excluded:
 * @store: the store
 * @series_id: the series
 * @recurrence_id: the occurrence about to be excluded
 * @error: return location for an error
 *
 * Takes the copy; call it before tsu_store_exclude_occurrence().
 *
 * Returns: (transfer full) (nullable): the copy, or %NULL on error
 */
TsuDeletedMeeting *
tsu_deleted_meeting_new_excluded (TsuStore  *store,
                                  gint64     series_id,
                                  gint64     recurrence_id,
                                  GError   **error)
{
  g_autoptr(TsuDeletedMeeting) self = NULL;
  g_autoptr(GListModel) overrides = NULL;

  g_return_val_if_fail (TSU_IS_STORE (store), NULL);

  overrides = tsu_store_list_by (store, TSU_TYPE_MEETING, "series_id", series_id, NULL, error);
  if (overrides == NULL)
    return NULL;

  self = g_object_new (TSU_TYPE_DELETED_MEETING, NULL);
  self->store = g_object_ref (store);
  self->series_id = series_id;
  self->recurrence_id = recurrence_id;
  for (guint i = 0; i < g_list_model_get_n_items (overrides); i++)
    {
      g_autoptr(TsuMeeting) row = g_list_model_get_item (overrides, i);

      if (tsu_meeting_get_recurrence_id (row) == recurrence_id && !copy_meeting (self, row, error))
        return NULL;
    }
  return g_steal_pointer (&self);
}

/**
 * tsu_deleted_meeting_restore:
 * @self: the copy
 * @error: return location for an error
 *
 * Brings the meeting back, all or nothing. A copy is restored once.
 *
 * Returns: whether the meeting is back
 */
gboolean
tsu_deleted_meeting_restore (TsuDeletedMeeting  *self,
                             GError            **error)
{
  g_autoptr(GHashTable) ids = NULL;

  g_return_val_if_fail (TSU_IS_DELETED_MEETING (self), FALSE);

  if (self->restored)
    return TRUE;

  ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  if (!tsu_store_begin (self->store, error))
    return FALSE;
  if ((self->series_id != 0 && !include_again (self, error)) ||
      !insert_again (self, ids, error) ||
      !tsu_store_commit (self->store, error))
    {
      tsu_store_rollback (self->store);
      return FALSE;
    }
  self->restored = TRUE;
  return TRUE;
}

/**
 * tsu_deleted_meeting_get_restored_id:
 *
 * Returns: the id of the meeting brought back (the series for an occurrence), or 0
 *   before tsu_deleted_meeting_restore()
 */
gint64
tsu_deleted_meeting_get_restored_id (TsuDeletedMeeting *self)
{
  g_return_val_if_fail (TSU_IS_DELETED_MEETING (self), 0);

  return self->restored ? self->restored_id : 0;
}
