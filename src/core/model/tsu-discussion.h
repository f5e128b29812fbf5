/* tsu-discussion.h
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tsu-record.h"

G_BEGIN_DECLS

typedef enum {
  TSU_DISCUSSION_FIELD_MINUTES_ID,
  TSU_DISCUSSION_FIELD_AGENDA_ITEM_ID,
  TSU_DISCUSSION_FIELD_POSITION,
  TSU_DISCUSSION_FIELD_BODY,
  TSU_DISCUSSION_N_FIELDS
} TsuDiscussionField;

#define TSU_TYPE_DISCUSSION (tsu_discussion_get_type ())
G_DECLARE_FINAL_TYPE (TsuDiscussion, tsu_discussion, TSU, DISCUSSION, TsuRecord)

TsuDiscussion *tsu_discussion_new (void);

TSU_RECORD_DECLARE_INT (tsu_discussion, TsuDiscussion, minutes_id)
TSU_RECORD_DECLARE_INT (tsu_discussion, TsuDiscussion, agenda_item_id)
TSU_RECORD_DECLARE_INT (tsu_discussion, TsuDiscussion, position)
TSU_RECORD_DECLARE_TEXT (tsu_discussion, TsuDiscussion, body)

G_END_DECLS
