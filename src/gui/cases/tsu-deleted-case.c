/* tsu-deleted-case.c
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tsu-deleted-case"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tsu-deleted-case.h"

/* Deleting a case, and Undo. The database takes the team, the consents, the
 * consultations and the case's own action items with the case (ON DELETE CASCADE)
 * and keeps its meetings, no longer linked to it (ON DELETE SET NULL). A case whose
 * meetings have minutes is part of the record of the center and is closed, not
 * deleted: tsu_deleted_case_delete() refuses it.
 *
 * The copy taken before the delete lets Undo insert the rows again, as new rows with
 * the same content (the case keeps its code), and link the meetings to it again. */

struct _TsuDeletedCase
{
  GObject     parent_instance;

  TsuStore   *store;
  TsuCase    *kase;
  GPtrArray  *records;     /* TsuRecord with a case_id: team, consents, consultations, actions */
  GArray     *meetings;    /* gint64: meetings linked to the case */
  gint64      restored_id;
  gboolean    deleted;
};

G_DEFINE_FINAL_TYPE (TsuDeletedCase, tsu_deleted_case, G_TYPE_OBJECT)

/* Helpers */

static gboolean
copy_list (TsuDeletedCase  *self,
           GType            type,
           GError         **error)
{
  g_autoptr(GListModel) list = tsu_store_list_by (self->store, type, "case_id",
                                                  tsu_record_get_id (TSU_RECORD (self->kase)),
                                                  "id", error);

  if (list == NULL)
    return FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    g_ptr_array_add (self->records, g_list_model_get_item (list, i));
  return TRUE;
}

/* A new row with the content of @record; the copy stays as it was taken, so that a
 * restore that failed can be tried again. */
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
insert_again (TsuDeletedCase  *self,
              GError         **error)
{
  g_autoptr(TsuRecord) kase = copy_record (TSU_RECORD (self->kase));
  gint64 id;

  if (!tsu_store_save (self->store, kase, error))
    return FALSE;
  id = tsu_record_get_id (kase);

  for (guint i = 0; i < self->records->len; i++)
    {
      g_autoptr(TsuRecord) copy = copy_record (g_ptr_array_index (self->records, i));
      guint n_fields;
      const TsuField *fields = tsu_record_get_fields (copy, &n_fields);

      for (guint f = 0; f < n_fields; f++)
        if (g_str_equal (fields[f].name, "case_id"))
          tsu_record_set_int (copy, f, id);
      /* Minutes deleted since leave the action item without its minutes. */
      if (TSU_IS_ACTION_ITEM (copy) && tsu_action_item_get_minutes_id (TSU_ACTION_ITEM (copy)) != 0)
        {
          g_autoptr(TsuRecord) minutes = tsu_store_load (self->store, TSU_TYPE_MINUTES,
                                                         tsu_action_item_get_minutes_id (TSU_ACTION_ITEM (copy)),
                                                         NULL);
          if (minutes == NULL)
            tsu_action_item_set_minutes_id (TSU_ACTION_ITEM (copy), 0);
        }
      if (!tsu_store_save (self->store, copy, error))
        return FALSE;
    }

  for (guint i = 0; i < self->meetings->len; i++)
    {
      g_autoptr(TsuMeeting) meeting = tsu_store_load (self->store, TSU_TYPE_MEETING,
                                                      g_array_index (self->meetings, gint64, i), NULL);

      /* A meeting deleted since is not brought back; one linked to another case since
       * stays there. */
      if (meeting == NULL || tsu_meeting_get_case_id (meeting) != 0)
        continue;
      tsu_meeting_set_case_id (meeting, id);
      if (!tsu_store_save (self->store, TSU_RECORD (meeting), error))
        return FALSE;
    }
  self->restored_id = id;
  return TRUE;
}

/* Overrides */

static void
tsu_deleted_case_dispose (GObject *object)
{
  TsuDeletedCase *self = TSU_DELETED_CASE (object);

  g_clear_object (&self->store);
  g_clear_object (&self->kase);
  g_clear_pointer (&self->records, g_ptr_array_unref);

  G_OBJECT_CLASS (tsu_deleted_case_parent_class)->dispose (object);
}

static void
tsu_deleted_case_finalize (GObject *object)
{
  TsuDeletedCase *self = TSU_DELETED_CASE (object);

  g_clear_pointer (&self->meetings, g_array_unref);

  G_OBJECT_CLASS (tsu_deleted_case_parent_class)->finalize (object);
}

static void
tsu_deleted_case_class_init (TsuDeletedCaseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = tsu_deleted_case_dispose;
  object_class->finalize = tsu_deleted_case_finalize;
}

static void
tsu_deleted_case_init (TsuDeletedCase *self)
{
  self->records = g_ptr_array_new_with_free_func (g_object_unref);
  self->meetings = g_array_new (FALSE, FALSE, sizeof (gint64));
}

/* Public API */

/**
 * tsu_deleted_case_count:
 * @store: the store
 * @case_id: a case
 * @records: (out caller-allocates): what the case has
 * @error: return location for an error
 *
 * Returns: whether the rows could be counted
 */
gboolean
tsu_deleted_case_count (TsuStore        *store,
                        gint64           case_id,
                        TsuCaseRecords  *records,
                        GError         **error)
{
  g_autoptr(GListModel) team = NULL;
  g_autoptr(GListModel) consents = NULL;
  g_autoptr(GListModel) consultations = NULL;
  g_autoptr(GListModel) meetings = NULL;
  g_autoptr(GListModel) actions = NULL;

  g_return_val_if_fail (TSU_IS_STORE (store), FALSE);
  g_return_val_if_fail (records != NULL, FALSE);

  memset (records, 0, sizeof *records);
  if ((team = tsu_store_list_by (store, TSU_TYPE_TEAM_MEMBER, "case_id", case_id, NULL, error)) == NULL ||
      (consents = tsu_store_list_by (store, TSU_TYPE_CONSENT, "case_id", case_id, NULL, error)) == NULL ||
      (consultations = tsu_store_list_by (store, TSU_TYPE_CONSULTATION, "case_id", case_id, NULL, error)) == NULL ||
      (meetings = tsu_store_list_by (store, TSU_TYPE_MEETING, "case_id", case_id, NULL, error)) == NULL ||
      (actions = tsu_store_list_by (store, TSU_TYPE_ACTION_ITEM, "case_id", case_id, NULL, error)) == NULL)
    return FALSE;

  records->team = g_list_model_get_n_items (team);
  records->consents = g_list_model_get_n_items (consents);
  records->consultations = g_list_model_get_n_items (consultations);
  records->meetings = g_list_model_get_n_items (meetings);
  for (guint i = 0; i < records->meetings; i++)
    {
      g_autoptr(TsuRecord) meeting = g_list_model_get_item (meetings, i);
      g_autoptr(GListModel) minutes = tsu_store_list_by (store, TSU_TYPE_MINUTES, "meeting_id",
                                                         tsu_record_get_id (meeting), NULL, error);

      if (minutes == NULL)
        return FALSE;
      records->minutes += g_list_model_get_n_items (minutes);
    }
  /* An action item decided in the minutes of another meeting is part of those minutes. */
  for (guint i = 0; i < g_list_model_get_n_items (actions); i++)
    {
      g_autoptr(TsuActionItem) item = g_list_model_get_item (actions, i);

      if (tsu_action_item_get_minutes_id (item) != 0)
        records->minutes++;
    }
  return TRUE;
}

/**
 * tsu_deleted_case_new:
 * @store: the store
 * @case_id: the case about to be deleted
 * @error: return location for an error
 *
 * Takes the copy.
 *
 * Returns: (transfer full) (nullable): the copy, or %NULL on error
 */
TsuDeletedCase *
tsu_deleted_case_new (TsuStore  *store,
                      gint64     case_id,
                      GError   **error)
{
  g_autoptr(TsuDeletedCase) self = NULL;
  g_autoptr(GListModel) meetings = NULL;

  g_return_val_if_fail (TSU_IS_STORE (store), NULL);

  self = g_object_new (TSU_TYPE_DELETED_CASE, NULL);
  self->store = g_object_ref (store);
  self->kase = tsu_store_load (store, TSU_TYPE_CASE, case_id, error);
  if (self->kase == NULL ||
      !copy_list (self, TSU_TYPE_TEAM_MEMBER, error) ||
      !copy_list (self, TSU_TYPE_CONSENT, error) ||
      !copy_list (self, TSU_TYPE_CONSULTATION, error) ||
      !copy_list (self, TSU_TYPE_ACTION_ITEM, error))
    return NULL;

  meetings = tsu_store_list_by (store, TSU_TYPE_MEETING, "case_id", case_id, "id", error);
  if (meetings == NULL)
    return NULL;
  for (guint i = 0; i < g_list_model_get_n_items (meetings); i++)
    {
      g_autoptr(TsuRecord) meeting = g_list_model_get_item (meetings, i);
      gint64 id = tsu_record_get_id (meeting);

      g_array_append_val (self->meetings, id);
    }
  return g_steal_pointer (&self);
}

/**
 * tsu_deleted_case_delete:
 * @self: the copy
 * @error: return location for an error
 *
 * Deletes the case, unless minutes were written in its meetings: then @error says
 * to close the case instead (%TSU_DATABASE_ERROR_CONSTRAINT).
 *
 * Returns: whether the case was deleted
 */
gboolean
tsu_deleted_case_delete (TsuDeletedCase  *self,
                         GError         **error)
{
  g_autoptr(TsuRecord) doomed = NULL;
  TsuCaseRecords records;

  g_return_val_if_fail (TSU_IS_DELETED_CASE (self), FALSE);

  if (!tsu_deleted_case_count (self->store, tsu_record_get_id (TSU_RECORD (self->kase)), &records,
                               error))
    return FALSE;
  if (records.minutes > 0)
    {
      g_set_error (error, TSU_DATABASE_ERROR, TSU_DATABASE_ERROR_CONSTRAINT,
                   _("Case %s cannot be deleted: minutes were written in its meetings, and they "
                     "stay part of the center’s records. Set its status to Closed instead."),
                   tsu_case_get_code (self->kase));
      return FALSE;
    }
  /* The copy keeps its id, the deleted row loses it. */
  doomed = tsu_store_load (self->store, TSU_TYPE_CASE, tsu_record_get_id (TSU_RECORD (self->kase)),
                           error);
  if (doomed == NULL || !tsu_store_delete (self->store, doomed, error))
    return FALSE;
  self->deleted = TRUE;
  return TRUE;
}

/**
 * tsu_deleted_case_restore:
 * @self: the copy
 * @error: return location for an error
 *
 * Brings the case back, all or nothing. A copy is restored once.
 *
 * Returns: whether the case is back
 */
gboolean
tsu_deleted_case_restore (TsuDeletedCase  *self,
                          GError         **error)
{
  g_return_val_if_fail (TSU_IS_DELETED_CASE (self), FALSE);

  if (self->restored_id != 0)
    return TRUE;
  if (!tsu_store_begin (self->store, error))
    return FALSE;
  if (!insert_again (self, error) || !tsu_store_commit (self->store, error))
    {
      tsu_store_rollback (self->store);
      self->restored_id = 0;
      return FALSE;
    }
  return TRUE;
}

/**
 * tsu_deleted_case_get_restored_id:
 *
 * Returns: the id of the case brought back, or 0 before tsu_deleted_case_restore()
 */
gint64
tsu_deleted_case_get_restored_id (TsuDeletedCase *self)
{
  g_return_val_if_fail (TSU_IS_DELETED_CASE (self), 0);

  return self->restored_id;
}

/**
 * tsu_deleted_case_get_code:
 *
 * Returns: (transfer none): the code of the case
 */
const char *
tsu_deleted_case_get_code (TsuDeletedCase *self)
{
  g_return_val_if_fail (TSU_IS_DELETED_CASE (self), NULL);

  return tsu_case_get_code (self->kase);
}
