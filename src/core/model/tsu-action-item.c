/* tsu-action-item.c
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tsu-action-item"

#include "config.h"

#include "tsu-action-item.h"

/* TsuActionItem: an action item: what, who, by when (役割分担). */

struct _TsuActionItem
{
  TsuRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (TsuActionItem, tsu_action_item, TSU_TYPE_RECORD)

static const TsuField fields[TSU_ACTION_ITEM_N_FIELDS] = {
  [TSU_ACTION_ITEM_FIELD_MINUTES_ID] = { "minutes_id", TSU_FIELD_REF, 0 },
  [TSU_ACTION_ITEM_FIELD_CASE_ID] = { "case_id", TSU_FIELD_REF, 0 },
  [TSU_ACTION_ITEM_FIELD_WHAT] = { "what", TSU_FIELD_TEXT, TSU_FIELD_REQUIRED | TSU_FIELD_LONG },
  [TSU_ACTION_ITEM_FIELD_ASSIGNEE_PERSON_ID] = { "assignee_person_id", TSU_FIELD_REF, 0 },
  [TSU_ACTION_ITEM_FIELD_ASSIGNEE_AGENCY_ID] = { "assignee_agency_id", TSU_FIELD_REF, 0 },
  [TSU_ACTION_ITEM_FIELD_ASSIGNEE_NAME] = { "assignee_name", TSU_FIELD_TEXT, 0 },
  [TSU_ACTION_ITEM_FIELD_DUE_ON] = { "due_on", TSU_FIELD_TEXT, 0 },
  [TSU_ACTION_ITEM_FIELD_STATUS] = { "status", TSU_FIELD_TEXT, TSU_FIELD_REQUIRED },
  [TSU_ACTION_ITEM_FIELD_DONE_AT] = { "done_at", TSU_FIELD_INT, TSU_FIELD_UNSET_0 },
};

TSU_RECORD_INT_ACCESSORS (tsu_action_item, TsuActionItem, minutes_id, TSU_ACTION_ITEM_FIELD_MINUTES_ID)
TSU_RECORD_INT_ACCESSORS (tsu_action_item, TsuActionItem, case_id, TSU_ACTION_ITEM_FIELD_CASE_ID)
TSU_RECORD_TEXT_ACCESSORS (tsu_action_item, TsuActionItem, what, TSU_ACTION_ITEM_FIELD_WHAT)
TSU_RECORD_INT_ACCESSORS (tsu_action_item, TsuActionItem, assignee_person_id, TSU_ACTION_ITEM_FIELD_ASSIGNEE_PERSON_ID)
TSU_RECORD_INT_ACCESSORS (tsu_action_item, TsuActionItem, assignee_agency_id, TSU_ACTION_ITEM_FIELD_ASSIGNEE_AGENCY_ID)
TSU_RECORD_TEXT_ACCESSORS (tsu_action_item, TsuActionItem, assignee_name, TSU_ACTION_ITEM_FIELD_ASSIGNEE_NAME)
TSU_RECORD_TEXT_ACCESSORS (tsu_action_item, TsuActionItem, due_on, TSU_ACTION_ITEM_FIELD_DUE_ON)
TSU_RECORD_TEXT_ACCESSORS (tsu_action_item, TsuActionItem, status, TSU_ACTION_ITEM_FIELD_STATUS)
TSU_RECORD_INT_ACCESSORS (tsu_action_item, TsuActionItem, done_at, TSU_ACTION_ITEM_FIELD_DONE_AT)

static void
tsu_action_item_class_init (TsuActionItemClass *klass)
{
  tsu_record_class_set_fields (TSU_RECORD_CLASS (klass), "action_item", fields, G_N_ELEMENTS (fields));
}

static void
tsu_action_item_init (TsuActionItem *self)
{
}

TsuActionItem *
tsu_action_item_new (void)
{
  TsuActionItem *self = g_object_new (TSU_TYPE_ACTION_ITEM, NULL);

  tsu_action_item_set_status (self, "open");

  return self;
}
