/* tsu-discussion.c
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tsu-discussion"

#include "config.h"

#include "tsu-discussion.h"

/* TsuDiscussion: the discussion of one agenda item in the minutes (協議内容). */

struct _TsuDiscussion
{
  TsuRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (TsuDiscussion, tsu_discussion, TSU_TYPE_RECORD)

static const TsuField fields[TSU_DISCUSSION_N_FIELDS] = {
  [TSU_DISCUSSION_FIELD_MINUTES_ID] = { "minutes_id", TSU_FIELD_REF, TSU_FIELD_REQUIRED },
  [TSU_DISCUSSION_FIELD_AGENDA_ITEM_ID] = { "agenda_item_id", TSU_FIELD_REF, 0 },
  [TSU_DISCUSSION_FIELD_POSITION] = { "position", TSU_FIELD_INT, 0 },
  [TSU_DISCUSSION_FIELD_BODY] = { "body", TSU_FIELD_TEXT, TSU_FIELD_LONG },
};

TSU_RECORD_INT_ACCESSORS (tsu_discussion, TsuDiscussion, minutes_id, TSU_DISCUSSION_FIELD_MINUTES_ID)
TSU_RECORD_INT_ACCESSORS (tsu_discussion, TsuDiscussion, agenda_item_id, TSU_DISCUSSION_FIELD_AGENDA_ITEM_ID)
TSU_RECORD_INT_ACCESSORS (tsu_discussion, TsuDiscussion, position, TSU_DISCUSSION_FIELD_POSITION)
TSU_RECORD_TEXT_ACCESSORS (tsu_discussion, TsuDiscussion, body, TSU_DISCUSSION_FIELD_BODY)

static void
tsu_discussion_class_init (TsuDiscussionClass *klass)
{
  tsu_record_class_set_fields (TSU_RECORD_CLASS (klass), "discussion", fields, G_N_ELEMENTS (fields));
}

static void
tsu_discussion_init (TsuDiscussion *self)
{
}

TsuDiscussion *
tsu_discussion_new (void)
{
  return g_object_new (TSU_TYPE_DISCUSSION, NULL);
}
