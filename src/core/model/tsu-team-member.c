/* tsu-team-member.c
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tsu-team-member"

#include "config.h"

#include "tsu-team-member.h"

/* TsuTeamMember: a person or agency in a case team (支援チーム). */

struct _TsuTeamMember
{
  TsuRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (TsuTeamMember, tsu_team_member, TSU_TYPE_RECORD)

static const TsuField fields[TSU_TEAM_MEMBER_N_FIELDS] = {
  [TSU_TEAM_MEMBER_FIELD_CASE_ID] = { "case_id", TSU_FIELD_REF, TSU_FIELD_REQUIRED },
  [TSU_TEAM_MEMBER_FIELD_PERSON_ID] = { "person_id", TSU_FIELD_REF, 0 },
  [TSU_TEAM_MEMBER_FIELD_AGENCY_ID] = { "agency_id", TSU_FIELD_REF, 0 },
  [TSU_TEAM_MEMBER_FIELD_ROLE] = { "role", TSU_FIELD_TEXT, 0 },
};

TSU_RECORD_INT_ACCESSORS (tsu_team_member, TsuTeamMember, case_id, TSU_TEAM_MEMBER_FIELD_CASE_ID)
TSU_RECORD_INT_ACCESSORS (tsu_team_member, TsuTeamMember, person_id, TSU_TEAM_MEMBER_FIELD_PERSON_ID)
TSU_RECORD_INT_ACCESSORS (tsu_team_member, TsuTeamMember, agency_id, TSU_TEAM_MEMBER_FIELD_AGENCY_ID)
TSU_RECORD_TEXT_ACCESSORS (tsu_team_member, TsuTeamMember, role, TSU_TEAM_MEMBER_FIELD_ROLE)

static void
tsu_team_member_class_init (TsuTeamMemberClass *klass)
{
  tsu_record_class_set_fields (TSU_RECORD_CLASS (klass), "team_member", fields, G_N_ELEMENTS (fields));
}

static void
tsu_team_member_init (TsuTeamMember *self)
{
}

TsuTeamMember *
tsu_team_member_new (void)
{
  return g_object_new (TSU_TYPE_TEAM_MEMBER, NULL);
}
