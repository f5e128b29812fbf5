/* tsu-decision.c
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tsu-decision"

#include "config.h"

#include "tsu-decision.h"

/* TsuDecision: a decision recorded in the minutes (決定事項). */

struct _TsuDecision
{
  TsuRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (TsuDecision, tsu_decision, TSU_TYPE_RECORD)

static const TsuField fields[TSU_DECISION_N_FIELDS] = {
  [TSU_DECISION_FIELD_MINUTES_ID] = { "minutes_id", TSU_FIELD_REF, TSU_FIELD_REQUIRED },
  [TSU_DECISION_FIELD_POSITION] = { "position", TSU_FIELD_INT, 0 },
  [TSU_DECISION_FIELD_BODY] = { "body", TSU_FIELD_TEXT, TSU_FIELD_REQUIRED | TSU_FIELD_LONG },
  [TSU_DECISION_FIELD_GOOD_PRACTICE] = { "good_practice", TSU_FIELD_BOOL, 0 },
};

TSU_RECORD_INT_ACCESSORS (tsu_decision, TsuDecision, minutes_id, TSU_DECISION_FIELD_MINUTES_ID)
TSU_RECORD_INT_ACCESSORS (tsu_decision, TsuDecision, position, TSU_DECISION_FIELD_POSITION)
TSU_RECORD_TEXT_ACCESSORS (tsu_decision, TsuDecision, body, TSU_DECISION_FIELD_BODY)
TSU_RECORD_BOOL_ACCESSORS (tsu_decision, TsuDecision, good_practice, TSU_DECISION_FIELD_GOOD_PRACTICE)

static void
tsu_decision_class_init (TsuDecisionClass *klass)
{
  tsu_record_class_set_fields (TSU_RECORD_CLASS (klass), "decision", fields, G_N_ELEMENTS (fields));
}

static void
tsu_decision_init (TsuDecision *self)
{
}

TsuDecision *
tsu_decision_new (void)
{
  return g_object_new (TSU_TYPE_DECISION, NULL);
}
