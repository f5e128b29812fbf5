/* tsu-decision.h
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tsu-record.h"

G_BEGIN_DECLS

typedef enum {
  TSU_DECISION_FIELD_MINUTES_ID,
  TSU_DECISION_FIELD_POSITION,
  TSU_DECISION_FIELD_BODY,
  TSU_DECISION_FIELD_GOOD_PRACTICE,
  TSU_DECISION_N_FIELDS
} TsuDecisionField;

#define TSU_TYPE_DECISION (tsu_decision_get_type ())
G_DECLARE_FINAL_TYPE (TsuDecision, tsu_decision, TSU, DECISION, TsuRecord)

TsuDecision *tsu_decision_new (void);

TSU_RECORD_DECLARE_INT (tsu_decision, TsuDecision, minutes_id)
TSU_RECORD_DECLARE_INT (tsu_decision, TsuDecision, position)
TSU_RECORD_DECLARE_TEXT (tsu_decision, TsuDecision, body)
TSU_RECORD_DECLARE_BOOL (tsu_decision, TsuDecision, good_practice)

G_END_DECLS
