/* tsu-team-member.h
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tsu-record.h"

G_BEGIN_DECLS

typedef enum {
  TSU_TEAM_MEMBER_FIELD_CASE_ID,
  TSU_TEAM_MEMBER_FIELD_PERSON_ID,
  TSU_TEAM_MEMBER_FIELD_AGENCY_ID,
  TSU_TEAM_MEMBER_FIELD_ROLE,
  TSU_TEAM_MEMBER_N_FIELDS
} TsuTeamMemberField;

#define TSU_TYPE_TEAM_MEMBER (tsu_team_member_get_type ())
G_DECLARE_FINAL_TYPE (TsuTeamMember, tsu_team_member, TSU, TEAM_MEMBER, TsuRecord)

TsuTeamMember *tsu_team_member_new (void);

TSU_RECORD_DECLARE_INT (tsu_team_member, TsuTeamMember, case_id)
TSU_RECORD_DECLARE_INT (tsu_team_member, TsuTeamMember, person_id)
TSU_RECORD_DECLARE_INT (tsu_team_member, TsuTeamMember, agency_id)
TSU_RECORD_DECLARE_TEXT (tsu_team_member, TsuTeamMember, role)

G_END_DECLS
