/* tsu-conflicts.c
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tsu-conflicts"

#include "config.h"

#include <glib/gi18n.h>

#include "tsu-conflicts.h"
#include "tsu-format.h"

/* Who else is booked while a meeting takes place: its participants and organizer in
 * another meeting that overlaps it, and its room (the same location text) used by
 * another meeting at the same time. Cancelled meetings and declined invitations book
 * nobody. Other meetings of the same series are not conflicts: they are the same
 * meeting on other days. Plain GLib, so that a test needs no display. */

void
tsu_conflict_free (TsuConflict *conflict)
{
  if (conflict == NULL)
    return;
  g_free (conflict->who);
  g_free (conflict->title);
  g_free (conflict);
}

/**
 * tsu_conflict_describe:
 *
 * Returns: (transfer full): one line saying who or which room is booked, in which
 *   meeting and when
 */
char *
tsu_conflict_describe (const TsuConflict *conflict)
{
  g_autoptr(GDateTime) start = NULL;
  g_autofree char *day = NULL;
  g_autofree char *time = NULL;

  g_return_val_if_fail (conflict != NULL, NULL);

  start = tsu_format_local_time (conflict->starts_at);
  /* Translators: the day of a meeting that conflicts, in the format of
   * g_date_time_format(); e.g. "%-m月%-d日(%a)" for Japanese */
  day = g_date_time_format (start, _("%a, %b %-d"));
  time = tsu_format_time_range (conflict->starts_at, conflict->ends_at, conflict->all_day);
  g_strdelimit (time, "\n", ' ');
  if (conflict->room)
    /* Translators: a room booked twice: location, meeting title, day, time range */
    return g_strdup_printf (_("%s is taken by “%s”, %s, %s"), conflict->who, conflict->title, day, time);
  /* Translators: a person booked twice: name, meeting title, day, time range */
  return g_strdup_printf (_("%s is in “%s”, %s, %s"), conflict->who, conflict->title, day, time);
}

/**
 * tsu_conflicts_describe:
 *
 * Returns: (transfer full): one line per conflict
 */
char *
tsu_conflicts_describe (GPtrArray *conflicts)
{
  GString *text = g_string_new (NULL);

  g_return_val_if_fail (conflicts != NULL, NULL);

  for (guint i = 0; i < conflicts->len; i++)
    {
      g_autofree char *line = tsu_conflict_describe (g_ptr_array_index (conflicts, i));

      if (i > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, line);
    }
  return g_string_free (text, FALSE);
}

static gint64
root_id (TsuMeeting *meeting)
{
  gint64 series = tsu_meeting_get_series_id (meeting);

  return series != 0 ? series : tsu_record_get_id (TSU_RECORD (meeting));
}

static char *
room_key (const char *location)
{
  g_autofree char *trimmed = NULL;

  if (location == NULL)
    return NULL;
  trimmed = g_strstrip (g_strdup (location));
  if (*trimmed == '\0')
    return NULL;
  return g_utf8_casefold (trimmed, -1);
}

/* The persons of one meeting row, by id. Free-text participants are left out: their
 * names ("保護者", "訪問看護師") do not tell one person from another. */
static gboolean
collect_people (TsuStore    *store,
                gint64       meeting_id,
                gint64       organizer_id,
                gboolean     skip_declined,
                GHashTable  *ids,
                GError     **error)
{
  g_autoptr(GListModel) participants = NULL;

  if (organizer_id != 0)
    g_hash_table_insert (ids, g_memdup2 (&organizer_id, sizeof organizer_id), NULL);

  if (meeting_id == 0)
    return TRUE;

  participants = tsu_store_list_by (store, TSU_TYPE_PARTICIPANT, "meeting_id", meeting_id, NULL, error);
  if (participants == NULL)
    return FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (participants); i++)
    {
      g_autoptr(TsuParticipant) p = g_list_model_get_item (participants, i);
      gint64 person = tsu_participant_get_person_id (p);

      if (skip_declined && g_strcmp0 (tsu_participant_get_partstat (p), "declined") == 0)
        continue;
      if (person != 0)
        g_hash_table_insert (ids, g_memdup2 (&person, sizeof person), NULL);
    }
  return TRUE;
}

static GHashTable *
new_id_set (void)
{
  return g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
}

static void
add_conflict (GPtrArray     *conflicts,
              char          *who,
              gboolean       room,
              TsuOccurrence *occurrence)
{
  TsuConflict *c = g_new0 (TsuConflict, 1);
  TsuMeeting *meeting = tsu_occurrence_get_meeting (occurrence);

  c->who = who;
  c->room = room;
  c->meeting_id = tsu_record_get_id (TSU_RECORD (meeting));
  c->title = g_strdup (tsu_meeting_get_title (meeting));
  c->starts_at = tsu_occurrence_get_starts_at (occurrence);
  c->ends_at = tsu_occurrence_get_ends_at (occurrence);
  c->all_day = tsu_meeting_get_all_day (meeting);
  g_ptr_array_add (conflicts, c);
}

static char *
person_name (TsuStore *store,
             gint64    person_id)
{
  g_autoptr(TsuPerson) person = tsu_store_load (store, TSU_TYPE_PERSON, person_id, NULL);

  return person != NULL ? g_strdup (tsu_person_get_name (person)) : NULL;
}

/**
 * tsu_conflicts_find:
 * @store: the store
 * @meeting_id: the meeting row whose participants count (0 for a new meeting); its
 *   series and the other meetings of that series are left out
 * @organizer_id: the organizer chosen in the editor, or 0
 * @location: the location text chosen, or %NULL
 * @starts_at: start of the time to check
 * @ends_at: end of the time to check
 * @error: return location for an error
 *
 * Returns: (transfer full) (element-type TsuConflict): the conflicts, by start time,
 *   or %NULL on error
 */
GPtrArray *
tsu_conflicts_find (TsuStore    *store,
                    gint64       meeting_id,
                    gint64       organizer_id,
                    const char  *location,
                    gint64       starts_at,
                    gint64       ends_at,
                    GError     **error)
{
  g_autoptr(GPtrArray) conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify) tsu_conflict_free);
  g_autoptr(GHashTable) ids = new_id_set ();
  g_autoptr(GListModel) occurrences = NULL;
  g_autofree char *room = room_key (location);
  gint64 own_root = 0;

  g_return_val_if_fail (TSU_IS_STORE (store), NULL);

  if (meeting_id != 0)
    {
      g_autoptr(TsuMeeting) own = tsu_store_load (store, TSU_TYPE_MEETING, meeting_id, error);

      if (own == NULL)
        return NULL;
      own_root = root_id (own);
    }
  if (!collect_people (store, meeting_id, organizer_id, FALSE, ids, error))
    return NULL;

  occurrences = tsu_store_list_occurrences (store, starts_at, ends_at, error);
  if (occurrences == NULL)
    return NULL;

  for (guint i = 0; i < g_list_model_get_n_items (occurrences); i++)
    {
      g_autoptr(TsuOccurrence) occurrence = g_list_model_get_item (occurrences, i);
      TsuMeeting *other = tsu_occurrence_get_meeting (occurrence);
      g_autoptr(GHashTable) other_ids = NULL;
      g_autofree char *other_room = NULL;
      GHashTableIter iter;
      gpointer key;

      if (tsu_occurrence_get_starts_at (occurrence) >= ends_at ||
          tsu_occurrence_get_ends_at (occurrence) <= starts_at)
        continue;
      if (own_root != 0 && root_id (other) == own_root)
        continue;
      if (g_strcmp0 (tsu_meeting_get_status (other), "cancelled") == 0)
        continue;

      other_ids = new_id_set ();
      if (!collect_people (store, tsu_record_get_id (TSU_RECORD (other)),
                           tsu_meeting_get_organizer_id (other), TRUE,
                           other_ids, error))
        return NULL;

      g_hash_table_iter_init (&iter, ids);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        if (g_hash_table_contains (other_ids, key))
          {
            char *name = person_name (store, *(gint64 *) key);

            if (name != NULL)
              add_conflict (conflicts, name, FALSE, occurrence);
          }

      other_room = room_key (tsu_meeting_get_location (other));
      if (room != NULL && g_strcmp0 (room, other_room) == 0)
        add_conflict (conflicts, g_strstrip (g_strdup (location)), TRUE, occurrence);
    }

  return g_steal_pointer (&conflicts);
}
