/* tsu-action-item.h
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tsu-record.h"

G_BEGIN_DECLS

typedef enum {
  TSU_ACTION_ITEM_FIELD_MINUTES_ID,
  TSU_ACTION_ITEM_FIELD_CASE_ID,
  TSU_ACTION_ITEM_FIELD_WHAT,
  TSU_ACTION_ITEM_FIELD_ASSIGNEE_PERSON_ID,
  TSU_ACTION_ITEM_FIELD_ASSIGNEE_AGENCY_ID,
  TSU_ACTION_ITEM_FIELD_ASSIGNEE_NAME,
  TSU_ACTION_ITEM_FIELD_DUE_ON,
  TSU_ACTION_ITEM_FIELD_STATUS,
  TSU_ACTION_ITEM_FIELD_DONE_AT,
  TSU_ACTION_ITEM_N_FIELDS
} TsuActionItemField;

#define TSU_TYPE_ACTION_ITEM (tsu_action_item_get_type ())
G_DECLARE_FINAL_TYPE (TsuActionItem, tsu_action_item, TSU, ACTION_ITEM, TsuRecord)

TsuActionItem *tsu_action_item_new (void);

TSU_RECORD_DECLARE_INT (tsu_action_item, TsuActionItem, minutes_id)
TSU_RECORD_DECLARE_INT (tsu_action_item, TsuActionItem, case_id)
TSU_RECORD_DECLARE_TEXT (tsu_action_item, TsuActionItem, what)
TSU_RECORD_DECLARE_INT (tsu_action_item, TsuActionItem, assignee_person_id)
TSU_RECORD_DECLARE_INT (tsu_action_item, TsuActionItem, assignee_agency_id)
TSU_RECORD_DECLARE_TEXT (tsu_action_item, TsuActionItem, assignee_name)
TSU_RECORD_DECLARE_TEXT (tsu_action_item, TsuActionItem, due_on)
TSU_RECORD_DECLARE_TEXT (tsu_action_item, TsuActionItem, status)
TSU_RECORD_DECLARE_INT (tsu_action_item, TsuActionItem, done_at)

G_END_DECLS
