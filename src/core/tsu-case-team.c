/* tsu-case-team.c: a case team invited to a meeting
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tsu-case-team"

#include "config.h"

#include <string.h>

#include "tsu-case-team.h"
#include "model/tsu-agency.h"
#include "model/tsu-participant.h"
#include "model/tsu-team-member.h"

/**
 * tsu_case_team_role_is_family:
 * @role: (nullable): a team member's role, as typed on the case page
 *
 * Returns: whether @role names the family (家族, 保護者, family, guardian, parent)
 */
gboolean
tsu_case_team_role_is_family (const char *role)
{
  static const char * const words[] = { "家族", "保護者", "family", "guardian", "parent", NULL };
  g_autofree char *folded = NULL;

  if (role == NULL)
    return FALSE;
  folded = g_utf8_casefold (role, -1);
  for (guint i = 0; words[i] != NULL; i++)
    if (strstr (folded, words[i]) != NULL)
      return TRUE;
  return FALSE;
}

static gboolean
is_participant (GListModel *participants,
                gint64      person_id,
                const char *name)
{
  for (guint i = 0; i < g_list_model_get_n_items (participants); i++)
    {
      g_autoptr(TsuParticipant) p = g_list_model_get_item (participants, i);

      if (person_id != 0 ? tsu_participant_get_person_id (p) == person_id
                         : tsu_participant_get_person_id (p) == 0 &&
                           g_strcmp0 (tsu_participant_get_name (p), name) == 0)
        return TRUE;
    }
  return FALSE;
}

/**
 * tsu_case_team_participants:
 * @store: a store
 * @case_id: the case whose team is invited
 * @meeting_id: the meeting (0 for one not saved yet)
 * @error: return location for a #TsuDatabaseError
 *
 * The team of @case_id as participants of @meeting_id, not saved: each person once;
 * an agency on the team without a named person by the agency's name; the family
 * (see tsu_case_team_role_is_family()) with the role "family", everyone else
 * "attendee"; all with no answer yet. Members who already take part in @meeting_id
 * are left out.
 *
 * Returns: (transfer container) (element-type TsuParticipant) (nullable): the new
 *   participants, or %NULL with @error set
 */
GPtrArray *
tsu_case_team_participants (TsuStore  *store,
                            gint64     case_id,
                            gint64     meeting_id,
                            GError   **error)
{
  g_autoptr(GListModel) team = NULL;
  g_autoptr(GListModel) participants = NULL;
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (TSU_IS_STORE (store), NULL);

  team = tsu_store_list_by (store, TSU_TYPE_TEAM_MEMBER, "case_id", case_id, "id", error);
  if (team == NULL)
    return NULL;
  participants = tsu_store_list_by (store, TSU_TYPE_PARTICIPANT, "meeting_id", meeting_id, "id", error);
  if (participants == NULL)
    return NULL;

  for (guint i = 0; i < g_list_model_get_n_items (team); i++)
    {
      g_autoptr(TsuTeamMember) member = g_list_model_get_item (team, i);
      g_autoptr(TsuParticipant) p = tsu_participant_new ();
      g_autoptr(TsuAgency) agency = NULL;
      gint64 person_id = tsu_team_member_get_person_id (member);
      const char *name = NULL;
      gboolean seen = FALSE;

      if (person_id == 0)
        {
          /* An agency on the team without a named person: its name stands in. */
          agency = tsu_store_load (store, TSU_TYPE_AGENCY, tsu_team_member_get_agency_id (member), NULL);
          if (agency == NULL)
            continue;
          name = tsu_agency_get_name (agency);
        }
      for (guint j = 0; j < list->len && !seen; j++)
        seen = person_id != 0 ? tsu_participant_get_person_id (list->pdata[j]) == person_id
                              : g_strcmp0 (tsu_participant_get_name (list->pdata[j]), name) == 0;
      if (seen || is_participant (participants, person_id, name))
        continue;

      tsu_participant_set_meeting_id (p, meeting_id);
      tsu_participant_set_person_id (p, person_id);
      tsu_participant_set_name (p, name);
      tsu_participant_set_agency_name (p, name);
      tsu_participant_set_role (p, tsu_case_team_role_is_family (tsu_team_member_get_role (member))
                                   ? "family" : "attendee");
      tsu_participant_set_partstat (p, "needs-action");
      tsu_participant_set_attendance (p, "unknown");
      g_ptr_array_add (list, g_steal_pointer (&p));
    }
  return g_steal_pointer (&list);
}
