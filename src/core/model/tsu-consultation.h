/* tsu-consultation.h
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tsu-record.h"

G_BEGIN_DECLS

typedef enum {
  TSU_CONSULTATION_FIELD_CASE_ID,
  TSU_CONSULTATION_FIELD_OCCURRED_AT,
  TSU_CONSULTATION_FIELD_CHANNEL,
  TSU_CONSULTATION_FIELD_ASKED_BY,
  TSU_CONSULTATION_FIELD_TOPICS,
  TSU_CONSULTATION_FIELD_REFERRED_TO,
  TSU_CONSULTATION_FIELD_STAFF_ID,
  TSU_CONSULTATION_FIELD_NOTES,
  TSU_CONSULTATION_N_FIELDS
} TsuConsultationField;

#define TSU_TYPE_CONSULTATION (tsu_consultation_get_type ())
G_DECLARE_FINAL_TYPE (TsuConsultation, tsu_consultation, TSU, CONSULTATION, TsuRecord)

TsuConsultation *tsu_consultation_new (void);

TSU_RECORD_DECLARE_INT (tsu_consultation, TsuConsultation, case_id)
TSU_RECORD_DECLARE_INT (tsu_consultation, TsuConsultation, occurred_at)
TSU_RECORD_DECLARE_TEXT (tsu_consultation, TsuConsultation, channel)
TSU_RECORD_DECLARE_TEXT (tsu_consultation, TsuConsultation, asked_by)
TSU_RECORD_DECLARE_TEXT (tsu_consultation, TsuConsultation, topics)
TSU_RECORD_DECLARE_TEXT (tsu_consultation, TsuConsultation, referred_to)
TSU_RECORD_DECLARE_INT (tsu_consultation, TsuConsultation, staff_id)
TSU_RECORD_DECLARE_TEXT (tsu_consultation, TsuConsultation, notes)

G_END_DECLS
